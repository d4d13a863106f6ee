"""Planning, preparation, attendance and check-in: allowed, forbidden, out of scope, bad input."""

from datetime import timedelta

import pytest
from django.utils import timezone

from chibo.access.roles import Role
from chibo.audit.models import AuditEvent
from chibo.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from chibo.notifications.models import Notice
from chibo.testing.personas import make_member, make_user

from .. import actions, queries
from ..models import Attendance, CheckInToken, Meeting, MeetingStatus, YearPlan
from .support import future, hold, member_with_login, plan_meeting

pytestmark = pytest.mark.django_db


def test_create_meeting_allowed(personas):
    meeting = plan_meeting(personas.branch_officer, personas.tree.b1)
    assert meeting.unit == personas.tree.b1
    assert next(a.title for a in meeting.agenda.all()) == "Kiểm điểm công tác tháng"
    assert AuditEvent.objects.filter(action="meetings.create").count() == 1


def test_create_meeting_forbidden(personas):
    _member, user = member_with_login(personas.tree.b1, "Lê Văn An", "an")
    with pytest.raises(Forbidden):
        plan_meeting(user, personas.tree.b1)


def test_create_meeting_out_of_scope(personas):
    with pytest.raises(NotFound):
        plan_meeting(personas.outsider, personas.tree.b1)


def test_meeting_in_the_past_refused(personas):
    with pytest.raises(ValidationFailed) as exc:
        plan_meeting(personas.branch_officer, personas.tree.b1, hours=-2)
    assert exc.value.field == "starts_at"
    assert "đã qua" in exc.value.text()


def test_too_short_and_bad_video_link_refused(personas):
    starts = future()
    with pytest.raises(ValidationFailed) as exc:
        plan_meeting(
            personas.branch_officer,
            personas.tree.b1,
            kind="combined",
            ends_at=starts + timedelta(minutes=100),
        )
    assert "120" in exc.value.text()
    with pytest.raises(ValidationFailed):
        plan_meeting(personas.branch_officer, personas.tree.b1, video_url="javascript:alert(1)")
    ok = plan_meeting(
        personas.branch_officer, personas.tree.b1, place="", video_url="https://meet.jit.si/cb1"
    )
    assert ok.video_url == "https://meet.jit.si/cb1"


def test_only_branches_hold_meetings(personas):
    with pytest.raises(ValidationFailed):
        plan_meeting(personas.hq_admin, personas.tree.g1)


def test_year_plan(personas):
    year = timezone.localdate().year + 1
    plan = actions.generate_year_plan(
        actor=personas.branch_officer, unit=personas.tree.b1, year=year
    )
    kinds = list(plan.meetings.values_list("kind", flat=True))
    assert kinds.count("regular") == 12 and kinds.count("thematic") == 4
    with pytest.raises(Conflict):
        actions.generate_year_plan(actor=personas.branch_officer, unit=personas.tree.b1, year=year)
    with pytest.raises(NotFound):
        actions.generate_year_plan(actor=personas.outsider, unit=personas.tree.b2, year=year)
    assert YearPlan.objects.count() == 1


def test_preparation_workflow_notifies_members_and_higher_committee(personas):
    _member, user = member_with_login(personas.tree.b1, "Lê Văn An", "an")
    from chibo.access.models import Grant

    above = make_user("g1_staff")
    Grant.objects.create(user=above, unit=personas.tree.g1, role="committee_staff")
    meeting = plan_meeting(personas.branch_officer, personas.tree.b1)
    with pytest.raises(Conflict):  # the committee has not agreed the content yet
        actions.send_notice(actor=personas.branch_officer, meeting_id=meeting.pk)
    actions.agree_content(actor=personas.branch_officer, meeting_id=meeting.pk)
    sent = actions.send_notice(actor=personas.branch_officer, meeting_id=meeting.pk)
    assert sent == 2
    assert set(Notice.objects.values_list("user_id", flat=True)) == {user.pk, above.pk}
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.NOTIFIED
    actions.post_document(actor=personas.branch_officer, meeting_id=meeting.pk, title="Dự thảo")
    meeting.refresh_from_db()
    assert meeting.documents_posted_at and not meeting.documents_late


def test_documents_posted_late_are_recorded(personas):
    meeting = plan_meeting(personas.branch_officer, personas.tree.b1, hours=5)
    actions.post_document(actor=personas.branch_officer, meeting_id=meeting.pk, title="Tài liệu")
    meeting.refresh_from_db()
    assert meeting.documents_late


def test_check_in_by_qr(personas):
    _member, user = member_with_login(personas.tree.b1, "Lê Văn An", "an")
    make_member(personas.tree.b1, "Trần Thị Bình")
    meeting = plan_meeting(personas.branch_officer, personas.tree.b1, hours=1)
    code = actions.issue_check_in_token(actor=personas.branch_officer, meeting_id=meeting.pk)
    attendance = actions.check_in_by_token(actor=user, token=code.token)
    assert attendance.status == "present" and attendance.method == "qr"
    again = actions.check_in(actor=user, meeting_id=meeting.pk, token=code.token)
    assert again.pk == attendance.pk
    meeting.refresh_from_db()
    assert (meeting.present_count, meeting.expected_count) == (1, 2)
    assert meeting.attendance_rate == 0.5


def test_check_in_expired_code_refused(personas):
    _member, user = member_with_login(personas.tree.b1, "Lê Văn An", "an")
    meeting = plan_meeting(personas.branch_officer, personas.tree.b1, hours=1)
    code = actions.issue_check_in_token(actor=personas.branch_officer, meeting_id=meeting.pk)
    CheckInToken.objects.filter(pk=code.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(ValidationFailed) as exc:
        actions.check_in(actor=user, meeting_id=meeting.pk, token=code.token)
    assert "hết hạn" in exc.value.text()
    with pytest.raises(ValidationFailed):
        actions.check_in(actor=user, meeting_id=meeting.pk, token="wrong")
    assert not Attendance.objects.exists()


def test_check_in_foreign_code_refused(personas):
    _member, user = member_with_login(personas.tree.b2, "Phạm Văn Cường", "cuong")
    meeting = plan_meeting(personas.branch_officer, personas.tree.b1, hours=1)
    code = actions.issue_check_in_token(actor=personas.branch_officer, meeting_id=meeting.pk)
    # Another branch's meeting is out of the member's scope: not found, naming nothing (as GET).
    with pytest.raises(NotFound) as exc:
        actions.check_in_by_token(actor=user, token=code.token)
    assert "Chi bộ 1" not in exc.value.text()
    with pytest.raises(NotFound):
        actions.check_in(actor=user, meeting_id=meeting.pk, token=code.token)
    with pytest.raises(NotFound):  # a staff user elsewhere: the meeting is out of reach
        actions.check_in(actor=personas.outsider, meeting_id=meeting.pk, token=code.token)
    # In scope (the ward's inspector reaches B1) but no member who attends: 403, naming nothing.
    inspector = make_user("p1_checker", (personas.tree.p1, Role.INSPECTOR))
    with pytest.raises(Forbidden) as refused:
        actions.check_in(actor=inspector, meeting_id=meeting.pk, token=code.token)
    assert "Chi bộ 1" not in refused.value.text()


def test_member_on_temporary_transfer_in_checks_in_and_counts(personas):
    member, user = member_with_login(personas.tree.b2, "Phạm Văn Cường", "cuong")
    member.temporary_unit = personas.tree.b1
    member.save(update_fields=["temporary_unit"])
    away = make_member(personas.tree.b1, "Võ Thị Dung")
    away.temporary_unit = personas.tree.b2
    away.save(update_fields=["temporary_unit"])
    exempt = make_member(personas.tree.b1, "Đỗ Văn Em")
    exempt.is_exempt = True
    exempt.save(update_fields=["is_exempt"])
    meeting = plan_meeting(personas.branch_officer, personas.tree.b1, hours=1)
    code = actions.issue_check_in_token(actor=personas.branch_officer, meeting_id=meeting.pk)
    actions.check_in(actor=user, meeting_id=meeting.pk, token=code.token)
    meeting = hold(personas.branch_officer, meeting)
    meeting.refresh_from_db()
    assert (meeting.present_count, meeting.expected_count) == (1, 1)
    assert not Attendance.objects.filter(member__in=[away, exempt]).exists()


def test_record_attendance_allowed_forbidden_out_of_scope(personas):
    target = make_member(personas.tree.b1, "Trần Thị Bình")
    meeting = plan_meeting(personas.branch_officer, personas.tree.b1, hours=1)
    row = actions.record_attendance(
        actor=personas.branch_officer,
        meeting_id=meeting.pk,
        member_id=target.pk,
        status="excused",
        reason="Đi công tác",
    )
    assert row.reason == "Đi công tác"
    _m, user = member_with_login(personas.tree.b1, "Lê Văn An", "an")
    with pytest.raises(Forbidden):
        actions.record_attendance(
            actor=user, meeting_id=meeting.pk, member_id=target.pk, status="present"
        )
    with pytest.raises(NotFound):
        actions.record_attendance(
            actor=personas.outsider, meeting_id=meeting.pk, member_id=target.pk, status="present"
        )


def test_attendance_for_someone_not_in_the_branch_refused(personas):
    stranger = make_member(personas.tree.b2, "Người Chi Bộ Khác")
    meeting = plan_meeting(personas.branch_officer, personas.tree.b1, hours=1)
    with pytest.raises(ValidationFailed) as exc:
        actions.record_attendance(
            actor=personas.branch_officer,
            meeting_id=meeting.pk,
            member_id=stranger.pk,
            status="present",
        )
    assert "không sinh hoạt" in exc.value.text()
    with pytest.raises(ValidationFailed):
        actions.record_attendance(
            actor=personas.branch_officer,
            meeting_id=meeting.pk,
            member_id=make_member(personas.tree.b1, "X").pk,
            status="excused",
        )


def test_record_held_marks_the_missing_absent(personas):
    a = make_member(personas.tree.b1, "Trần Thị Bình")
    meeting = plan_meeting(personas.branch_officer, personas.tree.b1, hours=1)
    meeting = hold(personas.branch_officer, meeting)
    assert Attendance.objects.get(member=a).status == "unexcused"
    assert meeting.duration_minutes == 100


def test_cancel_and_update(personas):
    meeting = plan_meeting(personas.branch_officer, personas.tree.b1)
    new_start = future(72)
    actions.update_meeting(
        actor=personas.branch_officer,
        meeting_id=meeting.pk,
        starts_at=new_start,
        ends_at=new_start + timedelta(minutes=95),
    )
    with pytest.raises(ValidationFailed):
        actions.update_meeting(
            actor=personas.branch_officer, meeting_id=meeting.pk, starts_at=future(-1)
        )
    actions.cancel_meeting(actor=personas.branch_officer, meeting_id=meeting.pk, reason="Bão")
    assert Meeting.objects.get(pk=meeting.pk).status == "cancelled"


def test_queries_for_the_handbook(personas):
    _member, user = member_with_login(personas.tree.b1, "Lê Văn An", "an")
    own = plan_meeting(personas.branch_officer, personas.tree.b1)
    other = plan_meeting(personas.hq_admin, personas.tree.b2)
    assert queries.upcoming_meetings_for_member(user) == [own]
    assert queries.upcoming_meetings_for_member(personas.hq_admin) == []
    assert queries.get_meeting_for_member(user, own.pk) == own
    with pytest.raises(NotFound):
        queries.get_meeting_for_member(user, other.pk)
    assert queries.get_meeting_for_member(personas.hq_admin, other.pk) == other


def test_meeting_ics(personas):
    from icalendar import Calendar

    from ..exports import meeting_ics

    meeting = plan_meeting(
        personas.branch_officer, personas.tree.b1, video_url="https://meet.jit.si/x"
    )
    cal = Calendar.from_ical(meeting_ics(meeting))
    event = cal.walk("VEVENT")[0]
    assert str(event["summary"]) == meeting.title
    assert event.decoded("dtstart") == meeting.starts_at
    assert str(event["location"]) == "Hội trường"


def test_post_a_party_document_from_the_registry(personas):
    from datetime import date

    from chibo.documents.models import Document

    def doc(unit, number, classified=False):
        return Document.objects.create(
            owner_unit=unit,
            kind="directive",
            number=number,
            issuer="TW",
            issued_on=date(2025, 7, 23),
            title="Về nâng cao chất lượng sinh hoạt chi bộ",
            classified=classified,
        )

    meeting = plan_meeting(personas.branch_officer, personas.tree.b1)
    posted = actions.post_document(
        actor=personas.branch_officer,
        meeting_id=meeting.pk,
        document_id=doc(personas.tree.hcm, "50-CT/TW").pk,
    )
    assert posted.document is not None and posted.title.startswith("50-CT/TW")
    with pytest.raises(ValidationFailed):
        actions.post_document(
            actor=personas.branch_officer,
            meeting_id=meeting.pk,
            document_id=doc(personas.tree.hcm, "1-CT/TW", classified=True).pk,
        )
    with pytest.raises(NotFound):
        actions.post_document(
            actor=personas.branch_officer,
            meeting_id=meeting.pk,
            document_id=doc(personas.tree.p2, "2-CT/TU").pk,
        )
