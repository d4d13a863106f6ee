"""Correction requests: the member asks, the branch secretary accepts (applied, audited) or
rejects with a reason; allowed, forbidden and out of scope for each write."""

from datetime import date

import pytest
from django.test import Client

from chibo.access.roles import Role
from chibo.audit.models import AuditEvent
from chibo.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from chibo.handbook import actions, queries
from chibo.handbook.models import CorrectionRequest, RequestStatus
from chibo.members.models import DatePrecision
from chibo.notifications.models import Notice
from chibo.testing.personas import make_user

pytestmark = pytest.mark.django_db


def test_request_notifies_branch_secretaries_and_is_audited(personas, member):
    user, _person = member
    grassroots_secretary = make_user("bithu_g1", (personas.tree.g1, Role.BRANCH_SECRETARY))
    other_branch = make_user("bithu_b2", (personas.tree.b2, Role.BRANCH_SECRETARY))
    request = actions.request_correction(
        actor=user, field="birth_date", proposed_value="3/1986", note="Theo giấy khai sinh"
    )
    assert request.proposed_value == "03/1986"
    assert request.status == RequestStatus.PENDING
    told = set(Notice.objects.values_list("user_id", flat=True))
    assert told == {personas.branch_officer.pk, grassroots_secretary.pk}
    assert other_branch.pk not in told
    event = AuditEvent.objects.get(action="handbook.request_correction")
    assert event.changes == {"field": [None, "birth_date"]}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("birth_date", "31/02/1986"),
        ("birth_date", "01/01/2999"),
        ("gender", "khác"),
        ("citizen_id", "12345"),
        ("phone", "12"),
        ("nonsense", "x"),
    ],
)
def test_bad_proposals_are_refused_with_a_reason(member, field, value):
    user, _person = member
    with pytest.raises(ValidationFailed):
        actions.request_correction(actor=user, field=field, proposed_value=value)
    assert not CorrectionRequest.objects.exists()


def test_a_second_pending_request_on_the_same_field_is_a_conflict(member):
    user, _person = member
    actions.request_correction(actor=user, field="phone", proposed_value="0909111222")
    with pytest.raises(Conflict):
        actions.request_correction(actor=user, field="phone", proposed_value="0909111333")


def test_a_login_without_member_record_cannot_request(personas):
    with pytest.raises(NotFound):
        actions.request_correction(
            actor=personas.branch_officer, field="phone", proposed_value="0909111222"
        )


def test_accept_applies_through_update_member(personas, member):
    user, person = member
    request = actions.request_correction(actor=user, field="birth_date", proposed_value="1986")
    actions.accept_correction(actor=personas.branch_officer, request=request)
    person.refresh_from_db()
    assert person.birth_date == date(1986, 1, 1)
    assert person.birth_date_precision == DatePrecision.YEAR
    assert AuditEvent.objects.filter(action="members.update_member").exists()
    assert AuditEvent.objects.filter(action="handbook.accept_correction").exists()
    request.refresh_from_db()
    assert request.status == RequestStatus.ACCEPTED and request.applied
    assert Notice.objects.filter(user=user, title__contains="chấp nhận").exists()
    with pytest.raises(Conflict):
        actions.accept_correction(actor=personas.branch_officer, request=request)


def test_event_dates_are_accepted_without_being_applied(personas, member):
    user, person = member
    request = actions.request_correction(
        actor=user, field="admitted_on", proposed_value="20/5/2010"
    )
    actions.accept_correction(actor=personas.branch_officer, request=request)
    person.refresh_from_db()
    assert person.admitted_on == date(2010, 5, 19)
    request.refresh_from_db()
    assert request.status == RequestStatus.ACCEPTED and not request.applied


def test_branch_secretary_cannot_apply_a_citizen_id(personas, member):
    user, person = member
    request = actions.request_correction(
        actor=user, field="citizen_id", proposed_value="079186012346"
    )
    with pytest.raises(Forbidden):
        actions.accept_correction(actor=personas.branch_officer, request=request)
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING
    # Committee staff may read and change citizen IDs.
    actions.accept_correction(actor=personas.hq_admin, request=request)
    person.refresh_from_db()
    assert person.citizen_id == "079186012346"
    assert "079186012346" not in str(AuditEvent.objects.values_list("changes", flat=True))


def test_decide_forbidden_and_out_of_scope(personas, member):
    user, _person = member
    request = actions.request_correction(actor=user, field="phone", proposed_value="0909111222")
    with pytest.raises(NotFound):
        queries.get_correction_to_decide(personas.outsider, request.pk)
    with pytest.raises(NotFound):
        actions.reject_correction(actor=personas.outsider, request=request, reason="x")
    with pytest.raises(Forbidden):  # a plain member of the branch: in scope, no permission
        actions.accept_correction(actor=user, request=request)
    with pytest.raises(Forbidden):
        queries.get_correction_to_decide(user, request.pk)


def test_reject_needs_a_reason_and_the_member_sees_it(personas, member):
    user, _person = member
    request = actions.request_correction(actor=user, field="phone", proposed_value="0909111222")
    with pytest.raises(ValidationFailed):
        actions.reject_correction(actor=personas.branch_officer, request=request, reason=" ")
    actions.reject_correction(
        actor=personas.branch_officer, request=request, reason="Số cũ vẫn đúng"
    )
    client = Client()
    client.force_login(user)
    html = client.get("/so-tay/ho-so/").content.decode()
    assert "Không chấp nhận" in html and "Số cũ vẫn đúng" in html


def test_pages_request_and_inbox(personas, member):
    user, _person = member
    client = Client()
    client.force_login(user)
    bad = client.post(
        "/so-tay/ho-so/yeu-cau-sua/", {"field": "gender", "proposed_value": "?", "note": ""}
    )
    assert bad.status_code == 400
    assert "Giới tính là Nam hoặc Nữ" in bad.content.decode()
    good = client.post(
        "/so-tay/ho-so/yeu-cau-sua/",
        {"field": "citizen_id", "proposed_value": "079186012346", "note": ""},
    )
    assert good.status_code == 302
    officer = Client()
    officer.force_login(personas.branch_officer)
    inbox = officer.get("/so-tay/yeu-cau/").content.decode()
    assert "Nguyễn Thị Mai" in inbox
    assert "079186012346" not in inbox  # the secretary may not read citizen IDs
    hq = Client()
    hq.force_login(personas.hq_admin)
    assert "079186012346" in hq.get("/so-tay/yeu-cau/").content.decode()
    refused = officer.post(f"/so-tay/yeu-cau/{CorrectionRequest.objects.get().pk}/chap-nhan/")
    assert refused.status_code == 403


def test_api_corrections(personas, member):
    user, _person = member
    client = Client()
    client.force_login(user)
    created = client.post(
        "/api/v1/handbook/corrections",
        {"field": "phone", "proposed_value": "0909 111 222", "note": ""},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["proposed_value"] == "0909111222"
    bad = client.post(
        "/api/v1/handbook/corrections",
        {"field": "phone", "proposed_value": "1", "note": ""},
        content_type="application/json",
    )
    assert bad.status_code == 400 and bad.json()["detail_en"]
    listed = client.get("/api/v1/handbook/corrections").json()
    assert listed["count"] == 1
