"""Recording that a meeting took place: plausible times only, and a second record keeps the
sheet (foundations issue, finding 18)."""

from datetime import datetime, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from chibo.core.errors import ValidationFailed

from .. import actions
from ..actions.planning import HELD_WINDOW_DAYS, MAX_MEETING_LENGTH
from ..models import Attendance, AttendanceStatus, Meeting, MeetingStatus
from .support import hold, member_with_login, plan_meeting

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _past_meeting(personas, *, days_ago: int = 2) -> Meeting:
    meeting = plan_meeting(personas.branch_officer, personas.tree.b1)
    start = (timezone.now() - timedelta(days=days_ago)).replace(microsecond=0)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=start, ends_at=start + timedelta(hours=2)
    )
    meeting.refresh_from_db()
    return meeting


def test_the_probe_1970_to_2000_is_refused_with_a_clear_message(personas):
    """The probe of finding 18: answered 200 with a 15,778,080-minute meeting."""
    meeting = _past_meeting(personas)
    response = _client(personas.branch_officer).post(
        f"/api/v1/meetings/{meeting.pk}/held",
        {"actual_start": "1970-01-01T00:00:00+07:00", "actual_end": "2000-01-01T00:00:00+07:00"},
        content_type="application/json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["field"] == "actual_start" and body["detail"] and body["detail_en"]
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED and meeting.actual_start is None


@pytest.mark.parametrize(
    ("start_shift", "length", "field"),
    [
        (timedelta(days=HELD_WINDOW_DAYS + 1), timedelta(hours=2), "actual_start"),
        (-timedelta(days=HELD_WINDOW_DAYS + 1), timedelta(hours=2), "actual_start"),
        (timedelta(0), -timedelta(minutes=1), "actual_end"),
        (timedelta(0), timedelta(0), "actual_end"),
        (timedelta(0), MAX_MEETING_LENGTH + timedelta(minutes=1), "actual_end"),
    ],
)
def test_implausible_times_are_refused(personas, start_shift, length, field):
    meeting = _past_meeting(personas, days_ago=5)
    start = meeting.starts_at + start_shift
    with pytest.raises(ValidationFailed) as exc:
        actions.record_held(
            actor=personas.branch_officer,
            meeting_id=meeting.pk,
            actual_start=start,
            actual_end=start + length,
        )
    assert exc.value.field == field


def test_times_within_a_day_of_the_scheduled_day_are_accepted(personas):
    meeting = _past_meeting(personas, days_ago=5)
    start = meeting.starts_at + timedelta(days=HELD_WINDOW_DAYS)
    held = actions.record_held(
        actor=personas.branch_officer,
        meeting_id=meeting.pk,
        actual_start=start,
        actual_end=start + timedelta(minutes=100),
    )
    assert held.status == MeetingStatus.HELD


def test_a_time_without_its_zone_is_local_and_never_a_500(personas):
    meeting = _past_meeting(personas)
    local = timezone.localtime(meeting.starts_at).replace(tzinfo=None)
    response = _client(personas.branch_officer).post(
        f"/api/v1/meetings/{meeting.pk}/held",
        {
            "actual_start": local.isoformat(),
            "actual_end": (local + timedelta(minutes=95)).isoformat(),
        },
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    meeting.refresh_from_db()
    assert meeting.actual_start == meeting.starts_at


def test_recording_held_again_keeps_the_sheet_and_its_counts(personas):
    member, user = member_with_login(personas.tree.b1, "Lê Văn An", "an")
    meeting = plan_meeting(personas.branch_officer, personas.tree.b1, hours=1)
    code = actions.issue_check_in_token(actor=personas.branch_officer, meeting_id=meeting.pk)
    actions.check_in(actor=user, meeting_id=meeting.pk, token=code.token)
    meeting = hold(personas.branch_officer, meeting)
    sheet = sorted(Attendance.objects.filter(meeting=meeting).values_list("member_id", "status"))
    assert (member.pk, AttendanceStatus.PRESENT) in sheet
    present, expected = meeting.present_count, meeting.expected_count
    assert present == 1
    # A meeting whose counts are cached without a sheet (imported, or the demo's history): a
    # correction of its times must not recount them to zero.
    Meeting.objects.filter(pk=meeting.pk).update(present_count=7, expected_count=9)
    assert meeting.actual_start is not None
    start = meeting.actual_start + timedelta(minutes=10)
    again = actions.record_held(
        actor=personas.branch_officer,
        meeting_id=meeting.pk,
        actual_start=start,
        actual_end=start + timedelta(minutes=95),
    )
    again.refresh_from_db()
    assert (again.present_count, again.expected_count) == (7, 9)
    assert again.actual_start == start
    after = sorted(Attendance.objects.filter(meeting=meeting).values_list("member_id", "status"))
    assert after == sheet
    assert present and expected


def test_the_web_form_refuses_the_same_times(personas):
    meeting = _past_meeting(personas, days_ago=3)
    response = _client(personas.branch_officer).post(
        f"/meetings/{meeting.pk}/held/",
        {"day": "01/01/1970", "start": "08:00", "end": "10:00"},
        follow=True,
    )
    assert response.status_code == 200
    assert "không quá một ngày" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED
    local_day = timezone.localtime(meeting.starts_at).date()
    response = _client(personas.branch_officer).post(
        f"/meetings/{meeting.pk}/held/",
        {"day": f"{local_day:%d/%m/%Y}", "start": "10:00", "end": "09:00"},
        follow=True,
    )
    assert "Giờ kết thúc phải sau giờ bắt đầu" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED
    response = _client(personas.branch_officer).post(
        f"/meetings/{meeting.pk}/held/",
        {"day": f"{local_day:%d/%m/%Y}", "start": "08:00", "end": "09:45"},
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD
    assert timezone.localtime(meeting.actual_start).replace(tzinfo=None) == datetime.combine(
        local_day, datetime.min.time().replace(hour=8)
    )
