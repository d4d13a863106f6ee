"""Finding 14: nobody grants a role to themselves, and a grant of a role that reads member data
(or manages access) takes effect only when a second person approves it."""

import pytest

from chibo.access import actions, policy
from chibo.access.models import Grant, GrantRequest, GrantRequestStatus, User
from chibo.access.roles import ROLE_PERMISSIONS, Perm, Role
from chibo.audit.models import AuditEvent
from chibo.core.errors import Forbidden, NotFound
from chibo.org.models import OrgUnit
from chibo.testing.personas import make_member, make_user


@pytest.fixture
def admins(personas):
    """Two system administrators of the city, and one of the other ward."""
    t = personas.tree
    return (
        make_user("quantri", (t.hcm, Role.SYSTEM_ADMIN)),
        make_user("quantri2", (t.hcm, Role.SYSTEM_ADMIN)),
        make_user("quantri_p2", (t.p2, Role.SYSTEM_ADMIN)),
    )


def ask(actor: User, user: User, unit: OrgUnit, role: Role) -> GrantRequest:
    """`grant_role` of a role that needs a second person: the request it leaves."""
    given = actions.grant_role(actor=actor, user=user, unit=unit, role=role)
    assert isinstance(given, GrantRequest)
    return given


def fresh(user: User) -> User:
    """The user as the next request loads it (no cached grants)."""
    return User.objects.get(pk=user.pk)


def test_system_admin_role_reads_no_member_data():
    assert not ROLE_PERMISSIONS[Role.SYSTEM_ADMIN] & policy.MEMBER_DATA_PERMS
    assert policy.needs_second_person(Role.COMMITTEE_STAFF)
    assert policy.needs_second_person(Role.BRANCH_SECRETARY)
    assert policy.needs_second_person(Role.SYSTEM_ADMIN)  # manages access
    assert not policy.needs_second_person(Role.MEMBER)
    assert not policy.needs_second_person(Role.DELEGATE)


def test_self_grant_is_refused_over_http_and_the_admin_still_reads_no_citizen_id(
    client, personas, admins
):
    quantri = admins[0]
    member = make_member(personas.tree.b1, "Nguyễn Văn An")
    client.force_login(quantri)
    response = client.post(
        f"/account/users/{quantri.pk}/grants/", {"unit_code": "HCM", "role": "committee_staff"}
    )
    assert response.status_code == 403
    assert "Không ai tự cấp vai trò cho chính mình" in response.content.decode()
    assert not Grant.objects.filter(user=quantri, role=Role.COMMITTEE_STAFF).exists()
    assert not GrantRequest.objects.filter(user=quantri).exists()
    assert client.get(f"/members/{member.pk}/").status_code == 403
    assert not policy.can(fresh(quantri), Perm.MEMBERS_VIEW_SENSITIVE, personas.tree.b1)


@pytest.mark.parametrize("role", [Role.MEMBER, Role.COMMITTEE_STAFF, Role.SYSTEM_ADMIN])
def test_self_grant_is_refused_for_every_role(personas, admins, role):
    quantri = admins[0]
    with pytest.raises(Forbidden):
        actions.grant_role(actor=quantri, user=quantri, unit=personas.tree.b1, role=role)


def test_member_data_role_waits_for_a_second_admin(personas, admins):
    quantri, quantri2, _ = admins
    target = make_user("canbo")
    given = ask(quantri, target, personas.tree.p1, Role.COMMITTEE_STAFF)
    assert isinstance(given, GrantRequest) and given.status == GrantRequestStatus.PENDING
    # Pending: reaches nothing.
    assert policy.reaches(fresh(target)) == ()
    assert not Grant.objects.filter(user=target).exists()
    assert AuditEvent.objects.filter(action="access.request_grant", actor=quantri).exists()

    # The requester cannot approve their own request, nor can the grantee.
    with pytest.raises(Forbidden):
        actions.approve_grant_request(actor=quantri, request=given)
    grant = actions.approve_grant_request(actor=quantri2, request=given)
    assert grant.approved_by == quantri2 and grant.granted_by == quantri
    given.refresh_from_db()
    assert given.status == GrantRequestStatus.APPROVED
    assert given.decided_by == quantri2 and given.decided_at is not None
    assert given.grant == grant
    assert policy.can(fresh(target), Perm.MEMBERS_VIEW, personas.tree.b1)
    event = AuditEvent.objects.get(action="access.approve_grant")
    assert event.actor == quantri2 and event.changes["requested_by"] == "quantri"


def test_grantee_cannot_approve_their_own_request(personas, admins):
    quantri, quantri2, _ = admins
    given = ask(quantri, quantri2, personas.tree.p1, Role.COMMITTEE_STAFF)
    with pytest.raises(Forbidden):
        actions.approve_grant_request(actor=quantri2, request=given)
    with pytest.raises(Forbidden):
        actions.refuse_grant_request(actor=quantri2, request=given)


def test_approver_must_manage_access_on_the_unit(personas, admins):
    quantri, _, quantri_p2 = admins
    given = ask(quantri, make_user("canbo"), personas.tree.p1, Role.LEADER)
    with pytest.raises(NotFound):  # P1 is outside P2's reach
        actions.approve_grant_request(actor=quantri_p2, request=given)
    with pytest.raises(Forbidden):  # in reach, without access.manage
        actions.approve_grant_request(actor=personas.hq_admin, request=given)


def test_refusal_is_recorded_and_the_role_never_takes_effect(personas, admins):
    quantri, quantri2, _ = admins
    target = make_user("canbo")
    given = ask(quantri, target, personas.tree.b1, Role.BRANCH_SECRETARY)
    refused = actions.refuse_grant_request(actor=quantri2, request=given, reason="Chưa có QĐ")
    assert refused.status == GrantRequestStatus.REFUSED and refused.decided_by == quantri2
    assert policy.reaches(fresh(target)) == ()
    event = AuditEvent.objects.get(action="access.refuse_grant")
    assert event.actor == quantri2 and event.changes["reason"] == "Chưa có QĐ"
    with pytest.raises(Exception, match="đã được xử lý"):
        actions.approve_grant_request(actor=quantri2, request=given)


def test_roles_that_read_no_member_data_take_effect_at_once(personas, admins):
    quantri = admins[0]
    target = make_user("dangvien")
    grant = actions.grant_role(actor=quantri, user=target, unit=personas.tree.b1, role=Role.MEMBER)
    assert isinstance(grant, Grant) and grant.granted_by == quantri and grant.approved_by is None
    assert policy.roles_of(fresh(target)) == {Role.MEMBER}


def test_new_user_with_a_member_data_role_waits_for_approval(personas, admins):
    quantri, quantri2, _ = admins
    user = actions.create_user(
        actor=quantri,
        username="bithu2",
        email="",
        first_name="Hoa",
        last_name="Nguyễn Thị",
        password="mat-khau-rat-dai-2026",
        unit=personas.tree.b2,
        role=Role.BRANCH_SECRETARY,
    )
    assert not Grant.objects.filter(user=user).exists()
    pending = GrantRequest.objects.get(user=user)
    # The creator, who knows the initial password, cannot make it effective alone.
    with pytest.raises(Forbidden):
        actions.approve_grant_request(actor=quantri, request=pending)
    actions.approve_grant_request(actor=quantri2, request=pending)
    assert policy.roles_of(fresh(user)) == {Role.BRANCH_SECRETARY}


def test_approve_and_refuse_pages(client, personas, admins):
    quantri, quantri2, _ = admins
    target = make_user("canbo", (personas.tree.b2, Role.MEMBER))
    client.force_login(quantri)
    response = client.post(
        f"/account/users/{target.pk}/grants/", {"unit_code": "b2", "role": "branch_secretary"}
    )
    assert response.status_code == 302
    pending = GrantRequest.objects.get(user=target)
    page = client.get(f"/account/users/{target.pk}/").content.decode()
    assert "Vai trò chờ duyệt" in page and "Bạn đã đề nghị: cần người khác duyệt" in page
    assert f"/account/grant-requests/{pending.pk}/approve/" not in page
    # The requester's approval is refused with the reason beside the request.
    response = client.post(f"/account/grant-requests/{pending.pk}/approve/")
    assert response.status_code == 403
    assert "không tự duyệt được" in response.content.decode()

    client.force_login(quantri2)
    listed = client.get("/account/users/").content.decode()
    assert "Vai trò chờ bạn duyệt" in listed and f"#request-{pending.pk}" in listed
    page = client.get(f"/account/users/{target.pk}/").content.decode()
    assert f"/account/grant-requests/{pending.pk}/approve/" in page
    too_long = {f"r{pending.pk}-reason": "x" * 301}
    response = client.post(f"/account/grant-requests/{pending.pk}/refuse/", too_long)
    assert response.status_code == 400
    assert "300" in response.content.decode()
    assert client.post(f"/account/grant-requests/{pending.pk}/approve/").status_code == 302
    assert Grant.objects.filter(user=target, role=Role.BRANCH_SECRETARY, approved_by=quantri2)
    # A decided request is gone from the pending list: no second decision.
    assert client.post(f"/account/grant-requests/{pending.pk}/approve/").status_code == 404


def test_refuse_page_records_reason(client, personas, admins):
    quantri, quantri2, _ = admins
    target = make_user("canbo", (personas.tree.b2, Role.MEMBER))
    pending = ask(quantri, target, personas.tree.b2, Role.BRANCH_SECRETARY)
    client.force_login(quantri2)
    response = client.post(
        f"/account/grant-requests/{pending.pk}/refuse/", {f"r{pending.pk}-reason": "Sai người"}
    )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == GrantRequestStatus.REFUSED and pending.reason == "Sai người"


def test_grant_requests_outside_reach_are_not_found(client, personas, admins):
    quantri, _, quantri_p2 = admins
    pending = ask(quantri, make_user("canbo"), personas.tree.b1, Role.LEADER)
    client.force_login(quantri_p2)
    assert client.post(f"/account/grant-requests/{pending.pk}/approve/").status_code == 404
    assert client.post(f"/account/grant-requests/{pending.pk}/refuse/").status_code == 404


def test_pending_user_is_listed_for_their_managers(client, personas, admins):
    quantri, quantri2, _ = admins
    target = make_user("canbo")  # no grant yet, only the request
    actions.grant_role(actor=quantri, user=target, unit=personas.tree.b1, role=Role.LEADER)
    client.force_login(quantri2)
    assert client.get(f"/account/users/{target.pk}/").status_code == 200
