from chibo.access.models import Grant, GrantRequest, User
from chibo.access.roles import Role
from chibo.audit.models import AuditEvent
from chibo.testing.personas import make_user

NEW_USER = {
    "username": "bithu2",
    "last_name": "Nguyễn Thị",
    "first_name": "Hoa",
    "email": "hoa@example.vn",
    "password": "mat-khau-rat-dai-2026",
    "unit_code": "b2",
    "role": "branch_secretary",
}


def _admin(personas):
    return make_user("admin", (personas.tree.hcm, Role.SYSTEM_ADMIN))


def test_admin_creates_user_with_grant(client, personas):
    client.force_login(_admin(personas))
    response = client.post("/account/users/", {**NEW_USER, "role": "member"})
    assert response.status_code == 302
    user = User.objects.get(username="bithu2")
    assert user.check_password("mat-khau-rat-dai-2026")
    assert Grant.objects.filter(user=user, unit__code="B2", role="member").exists()
    assert AuditEvent.objects.filter(action="access.create_user", target_id=str(user.pk)).exists()


def test_admin_creates_user_whose_member_data_role_waits_for_approval(client, personas):
    client.force_login(_admin(personas))
    assert client.post("/account/users/", NEW_USER).status_code == 302
    user = User.objects.get(username="bithu2")
    assert not Grant.objects.filter(user=user).exists()
    assert GrantRequest.objects.filter(user=user, unit__code="B2", role="branch_secretary")


def test_create_user_refuses_unit_outside_reach(client, personas):
    ward_admin = make_user("wardadmin", (personas.tree.p2, Role.SYSTEM_ADMIN))
    client.force_login(ward_admin)
    response = client.post("/account/users/", NEW_USER)
    assert response.status_code == 400
    assert "Không tìm thấy đơn vị" in response.content.decode()
    assert not User.objects.filter(username="bithu2").exists()


def test_committee_staff_cannot_manage_users(client, personas):
    client.force_login(personas.hq_admin)
    assert client.get("/account/users/").status_code == 403
    assert client.post("/account/users/", NEW_USER).status_code == 403


def test_weak_password_refused_with_message(client, personas):
    client.force_login(_admin(personas))
    response = client.post("/account/users/", {**NEW_USER, "password": "1234567890"})
    assert response.status_code == 400
    assert not User.objects.filter(username="bithu2").exists()


def test_grant_revoke_and_deactivate(client, personas):
    client.force_login(_admin(personas))
    officer = personas.branch_officer
    response = client.post(
        f"/account/users/{officer.pk}/grants/", {"unit_code": "B2", "role": "member"}
    )
    assert response.status_code == 302
    grant = Grant.objects.get(user=officer, unit__code="B2")
    assert client.post(f"/account/grants/{grant.pk}/revoke/").status_code == 302
    assert not Grant.objects.filter(pk=grant.pk).exists()
    assert client.post(f"/account/users/{officer.pk}/deactivate/").status_code == 302
    officer.refresh_from_db()
    assert not officer.is_active


def test_users_outside_reach_are_not_found(client, personas):
    ward_admin = make_user("wardadmin", (personas.tree.p2, Role.SYSTEM_ADMIN))
    client.force_login(ward_admin)
    officer = personas.branch_officer  # holds a grant in P1 only
    assert client.get(f"/account/users/{officer.pk}/").status_code == 404
    assert client.post(f"/account/users/{officer.pk}/deactivate/").status_code == 404
    listed = client.get("/account/users/").content.decode()
    assert "branch_officer" not in listed and "outsider" in listed


def test_full_name_in_vietnamese_order():
    assert User(last_name="Trần Minh", first_name="Khoa").get_full_name() == "Trần Minh Khoa"


def test_password_reset_by_email_is_closed(client, db):
    response = client.get("/accounts/password/reset/")
    assert response.status_code == 200
    assert "liên hệ cán bộ quản trị" in response.content.decode()
    assert "<form" not in response.content.decode().split("<main")[1].split("</main>")[0]


def test_root_grant_scope_skips_the_join_but_keeps_nullable_relations_filtered(personas):
    from chibo.access.policy import scope
    from chibo.audit.models import AuditEvent
    from chibo.members.models import Member
    from chibo.testing.personas import make_member

    make_member(personas.tree.b1, "Nguyễn Văn An")
    members = scope(personas.hq_admin, Member.objects.all())
    assert "path" not in str(members.query) and members.count() == Member.objects.count()
    in_b1 = Member.objects.filter(unit=personas.tree.b1).count()
    assert scope(personas.branch_officer, Member.objects.all()).count() == in_b1
    assert scope(personas.outsider, Member.objects.all()).count() == 0
    # AuditEvent.unit is nullable: events without a unit stay out of every scope.
    assert "path" in str(scope(personas.hq_admin, AuditEvent.objects.all()).query)
