"""Finding 15: audit entries about a member are masked by the same field rules as the record.

A system administrator (audit.view, no members.view) sees which fields changed, never the
member's name or the values; nobody reads a citizen ID in the log."""

import json

import pytest
from django.test import Client

from chibo.access.policy import MASK, audit_visibility
from chibo.access.roles import Role
from chibo.audit.queries import entries, events_for
from chibo.audit.recorder import record
from chibo.members.actions import update_member
from chibo.testing.personas import make_member, make_user

NAME = "Phan Thị Bích Ngọc"
PHONE = "0912345678"
CITIZEN_ID = "079123456789"


@pytest.fixture
def changed_member(personas):
    member = make_member(personas.tree.b1, NAME)
    update_member(actor=personas.hq_admin, member=member, changes={"phone": PHONE})
    # An entry as a careless writer might leave it: the raw citizen ID in the changes.
    record(
        actor=personas.hq_admin,
        action="members.update_member",
        target=member,
        unit=member.unit,
        changes={"citizen_id": [None, CITIZEN_ID], "email": [None, "ngoc@example.vn"]},
    )
    return member


@pytest.fixture
def quantri(personas):
    return make_user("quantri", (personas.tree.hcm, Role.SYSTEM_ADMIN))


def _body(client: Client, url: str) -> str:
    """The answer's text (JSON decoded, so that Vietnamese is not \\u-escaped)."""
    response = client.get(url)
    assert response.status_code == 200
    if response["Content-Type"].startswith("application/json"):
        return json.dumps(response.json(), ensure_ascii=False)
    return response.content.decode()


@pytest.mark.parametrize("url", ["/api/v1/audit/events?action=members.", "/audit/?action=members."])
def test_system_admin_sees_field_names_but_no_member_values(client, changed_member, quantri, url):
    client.force_login(quantri)
    body = _body(client, url)
    assert NAME not in body and PHONE not in body and "ngoc@example.vn" not in body
    assert CITIZEN_ID not in body
    assert "phone" in body or "Điện thoại" in body
    assert MASK in body
    # The record itself is refused to the same reader: the log tells no more than the record.
    assert client.get(f"/members/{changed_member.pk}/").status_code == 403


def test_system_admin_api_entries_keep_field_names(client, changed_member, quantri):
    client.force_login(quantri)
    items = client.get("/api/v1/audit/events?action=members.").json()["items"]
    assert items and all(i["target_label"] == MASK for i in items)
    phone = next(i for i in items if "phone" in i["changes"])
    assert phone["changes"]["phone"] == ["", MASK]


def test_member_readers_see_names_but_never_citizen_ids(client, changed_member, personas):
    client.force_login(personas.hq_admin)  # committee staff: members.view and view_sensitive
    body = _body(client, "/api/v1/audit/events?action=members.")
    assert NAME in body and PHONE in body and "ngoc@example.vn" in body
    assert CITIZEN_ID not in body


def test_non_member_entries_are_shown_as_they_are(personas, quantri):
    record(
        actor=personas.hq_admin,
        action="org.rename_unit",
        target=personas.tree.b2,
        unit=personas.tree.b2,
        changes={"name": ["Chi bộ 2", "Chi bộ Hai Mới"]},
    )
    [entry] = entries(quantri, events_for(quantri, action="org."))
    assert entry.changes == {"name": ["Chi bộ 2", "Chi bộ Hai Mới"]}
    assert entry.target_label == str(personas.tree.b2)


def test_visibility_rule(personas, quantri):
    b1 = personas.tree.b1
    assert not audit_visibility(quantri, "members.member", b1).personal
    assert not audit_visibility(quantri, "members.member", None).label
    seen = audit_visibility(personas.hq_admin, "members.member", b1)
    assert seen.label and seen.shows("phone") and not seen.shows("citizen_id")
    assert not audit_visibility(personas.outsider, "members.member", b1).label
    assert audit_visibility(quantri, "org.orgunit", b1).shows("name")
