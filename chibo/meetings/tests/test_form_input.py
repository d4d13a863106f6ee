"""A refused meeting form comes back as typed with each error beside its field; dates and times
in the forms people type them (issue 17)."""

from datetime import date, time, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from chibo.meetings.forms import MeetingForm, parse_time
from chibo.meetings.models import Meeting


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("19:30", time(19, 30)),
        ("7:30", time(7, 30)),
        ("7h30", time(7, 30)),
        ("7h", time(7, 0)),
        ("19g30", time(19, 30)),
        ("19.30", time(19, 30)),
        (" 07H05 ", time(7, 5)),
        ("1930", None),
        ("25:00", None),
        ("7h75", None),
        ("bảy giờ", None),
    ],
)
def test_parse_time(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize("day", ["05/12/2030", "2030-12-05", "05-12-2030", "05.12.2030"])
def test_meeting_form_takes_the_common_date_forms(day):
    form = MeetingForm({"kind": "regular", "day": day, "start": "7h30", "end": "10:00"}, members=[])
    assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == date(2030, 12, 5)
    assert form.cleaned_data["start"] == time(7, 30)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_a_past_date_comes_back_with_what_was_typed(personas):
    yesterday = (timezone.localdate() - timedelta(days=1)).strftime("%d/%m/%Y")
    response = _client(personas.branch_officer).post(
        "/meetings/unit/B1/new/",
        {
            "kind": "extraordinary",
            "title": "Họp bất thường về nhân sự",
            "day": yesterday,
            "start": "19:30",
            "end": "21:30",
            "place": "Nhà văn hóa",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="extraordinary" selected' in page  # not reset to "regular"
    assert 'value="Họp bất thường về nhân sự"' in page and 'value="Nhà văn hóa"' in page
    assert 'id="id_day-error"' in page  # the error beside the day
    assert not Meeting.objects.exists()


@pytest.mark.django_db
def test_a_bad_time_is_shown_beside_its_field(personas):
    day = (timezone.localdate() + timedelta(days=5)).strftime("%d/%m/%Y")
    response = _client(personas.branch_officer).post(
        "/meetings/unit/B1/new/",
        {"kind": "thematic", "title": "Chuyên đề", "day": day, "start": "7h75", "end": "9h"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_start-error"' in page and "7h30" in page
    assert 'value="thematic" selected' in page


@pytest.mark.django_db
def test_everyone_present_marks_only_the_unmarked_and_cancel_asks_first(personas):
    from chibo.meetings import actions
    from chibo.meetings.models import Attendance
    from chibo.meetings.tests.support import plan_meeting
    from chibo.testing.personas import make_member

    first = make_member(personas.tree.b1, "Lê Văn Một", birth_date=date(1970, 1, 2))
    second = make_member(personas.tree.b1, "Lê Văn Một", birth_date=date(1985, 3, 4))
    meeting = plan_meeting(personas.hq_admin, personas.tree.b1, hours=1)
    actions.record_attendance(
        actor=personas.hq_admin,
        meeting_id=meeting.pk,
        member_id=first.pk,
        status="excused",
        reason="Ốm",
    )
    client = _client(personas.branch_officer)
    sheet = client.get(f"/meetings/{meeting.pk}/attendance/").content.decode()
    assert "(sinh 1970)" in sheet and "(sinh 1985)" in sheet  # same names told apart
    assert 'id="all-present"' in sheet
    response = client.post(f"/meetings/{meeting.pk}/attendance/all-present/")
    assert response.status_code == 302
    marks = dict(Attendance.objects.filter(meeting=meeting).values_list("member_id", "status"))
    assert marks[first.pk] == "excused" and marks[second.pk] == "present"
    meeting.refresh_from_db()
    assert meeting.present_count == 1
    detail = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert f'action="/meetings/{meeting.pk}/cancel/"' in detail and "data-confirm=" in detail
