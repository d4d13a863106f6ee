"""Warnings with evidence, and the quality view of a subtree."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from chibo.testing.personas import make_member

from .. import queries
from ..models import Attendance, Meeting

pytestmark = pytest.mark.django_db
TZ = timezone.get_current_timezone()


def _held(unit, day, kind="regular", *, minutes=120, present=0, expected=0, late=False):
    start = datetime(day.year, day.month, day.day, 14, tzinfo=TZ)
    return Meeting.objects.create(
        unit=unit,
        kind=kind,
        title=f"{kind} {day}",
        starts_at=start,
        ends_at=start + timedelta(minutes=120),
        actual_start=start,
        actual_end=start + timedelta(minutes=minutes),
        place="Hội trường",
        status="held",
        documents_posted_at=start - timedelta(hours=2) if late else start - timedelta(days=2),
        documents_late=late,
        present_count=present,
        expected_count=expected,
    )


def test_branch_warnings_with_evidence(personas):
    b1 = personas.tree.b1
    today = date(2026, 7, 10)
    absent = make_member(b1, "Vắng Ba Tháng")
    for month in (1, 2, 4, 5, 6):
        meeting = _held(b1, date(2026, month, 5), present=9, expected=10)
        if month in (1, 2, 4):
            Attendance.objects.create(
                meeting=meeting, member=absent, status="unexcused", method="secretary"
            )
    _held(b1, date(2026, 2, 20), "thematic", minutes=60, late=True, present=5, expected=10)
    items = queries.meeting_warnings(personas.branch_officer, b1, year=2026, today=today)
    kinds: dict[str, list[queries.MeetingWarning]] = {}
    for w in items:
        kinds.setdefault(w.kind, []).append(w)
    assert [w.evidence["month"] for w in kinds["no_regular_meeting"]] == [3]
    assert [w.evidence["quarter"] for w in kinds["no_thematic_meeting"]] == [2]
    assert len(kinds["documents_late"]) == 1
    assert kinds["short_meeting"][0].evidence == {"minutes": 60, "required": 90}
    assert kinds["low_attendance"][0].evidence["rate"] == 0.5
    removal = kinds["absent_three_months"][0]
    assert removal.member_id == absent.pk and removal.evidence["months"] == [1, 2, 4]
    assert "Điều 8" in removal.source
    # B2 met nowhere: the committee above sees it, the branch officer of B1 does not.
    above = queries.meeting_warnings(personas.hq_admin, personas.tree.g1, year=2026, today=today)
    assert {w.unit_code for w in above if w.kind == "no_regular_meeting"} == {"B1", "B2"}


def test_members_do_not_see_who_was_absent(personas):
    from .support import member_with_login

    _m, user = member_with_login(personas.tree.b1, "Lê Văn An", "an")
    absent = make_member(personas.tree.b1, "Vắng Ba Tháng")
    for month in (1, 2, 3):
        meeting = _held(personas.tree.b1, date(2026, month, 5))
        Attendance.objects.create(
            meeting=meeting, member=absent, status="unexcused", method="secretary"
        )
    items = queries.meeting_warnings(user, personas.tree.b1, year=2026, today=date(2026, 4, 2))
    assert not [w for w in items if w.kind == "absent_three_months"]


def test_quality_of_a_subtree(personas):
    today = date(2026, 3, 15)
    _held(personas.tree.b1, date(2026, 1, 5), present=8, expected=10)
    _held(personas.tree.b1, date(2026, 2, 5), "combined", present=10, expected=10)
    _held(personas.tree.b1, date(2026, 3, 5), present=9, expected=10)
    _held(personas.tree.b2, date(2026, 1, 6), present=3, expected=4)
    q = queries.quality(personas.tree.g1, year=2026, today=today)
    assert q.held == 4 and q.closed_months == 2
    assert q.on_time_percent == 75  # B1 2/2, B2 1/2
    assert [b.unit.code for b in q.met_this_month] == ["B1"]
    assert [b.unit.code for b in q.not_met_this_month] == ["B2"]
    assert q.months[0] == {"month": 1, "met": 2, "branches": 2, "attendance": 78.6}
    assert q.attendance_percent == 88


def test_meetings_due_for_documents_follow_the_rule_not_one_fixed_day(personas, monkeypatch):
    """Finding 9: the window is the rule's `documents_days_before`, not a hard-coded day."""
    from dataclasses import replace

    from chibo.core.rules import RuleBook

    from .. import rules

    now = timezone.now()
    soon = _planned(personas.tree.b1, now + timedelta(hours=20))
    later = _planned(personas.tree.b1, now + timedelta(hours=60))
    assert queries.upcoming_without_documents(personas.tree.g1, now=now) == [soon]
    three_days = replace(rules.MEETING_RULES.rules[0], documents_days_before=3)
    monkeypatch.setattr(rules, "MEETING_RULES", RuleBook("three days", [three_days]))
    assert queries.upcoming_without_documents(personas.tree.g1, now=now) == [soon, later]


def _planned(unit, start):
    return Meeting.objects.create(
        unit=unit,
        kind="regular",
        title=f"regular {start:%d/%m}",
        starts_at=start,
        ends_at=start + timedelta(minutes=120),
        place="Hội trường",
    )
