"""The user list shows each user's roles and units (issue 17)."""

from django.test import Client

from chibo.access.roles import Role
from chibo.testing.personas import make_user


def test_user_list_has_role_and_unit_columns(personas):
    admin = make_user("it_admin", (personas.tree.hcm, Role.SYSTEM_ADMIN))
    client = Client()
    client.force_login(admin)
    page = client.get("/account/users/").content.decode()
    assert "Vai trò · đơn vị" in page
    assert "Bí thư chi bộ</span> · Chi bộ 1" in page  # branch_officer's grant
