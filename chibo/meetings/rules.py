"""Rules of branch meetings as data and small pure functions (DESIGN.md rule 6).

Sources (RULES.md, "Branch meetings"):
- Chỉ thị 50-CT/TW (23/7/2025) on improving branch meetings, and Hướng dẫn 42-HD/BTCTW
  (28/10/2025): a regular meeting every month, a thematic meeting at least once a quarter; at least
  90 minutes, 120 when a regular and a thematic meeting are combined; the committee agrees the
  content, the notice goes to members and the higher committee, documents are posted on the
  handbook at least 1 day before.
- Điều lệ Đảng, Điều 8 (khoản 2): a member who without good reason skips party meetings for 3
  months in a year is considered for removal from the rolls.
Before 2025 (HD 12-HD/BTCTW, 2022) the same monthly/quarterly rhythm applied; the durations and
the 1-day rule are the 2025 guidance's, so dates before it are judged by the same table for want
of a better one (the book reaches back).

The versions are a `chibo.core.rules.RuleBook`: `valid_from` inclusive, `valid_to` exclusive.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from chibo.core.rules import RuleBook

# Meetings are held by branches: a chi bộ trực thuộc or a chi bộ cơ sở (Điều lệ Đảng, Điều 24).
# The unit kinds are org's values ("branch", "grassroots_branch", chibo.org.models.UnitKind).
MEETING_UNIT_KINDS = frozenset({"branch", "grassroots_branch"})

REGULAR = "regular"
THEMATIC = "thematic"
COMBINED = "combined"
EXTRAORDINARY = "extraordinary"


@dataclass(frozen=True)
class MeetingRules:
    source: str
    valid_from: date
    valid_to: date | None
    min_minutes: int
    min_minutes_combined: int
    documents_days_before: int
    thematic_per_quarter: int
    absence_months_for_removal: int
    absence_source: str
    # Not a regulation: the level under which the app flags a meeting's attendance as low.
    low_attendance: float


MEETING_RULES: RuleBook[MeetingRules] = RuleBook(
    "branch meetings",
    [
        MeetingRules(
            source="Chỉ thị 50-CT/TW (23/7/2025); Hướng dẫn 42-HD/BTCTW (28/10/2025)",
            valid_from=date(2025, 7, 23),
            valid_to=None,
            min_minutes=90,
            min_minutes_combined=120,
            documents_days_before=1,
            thematic_per_quarter=1,
            absence_months_for_removal=3,
            absence_source="Điều lệ Đảng, Điều 8",
            low_attendance=0.8,
        ),
    ],
)


def rule_on(day: date) -> MeetingRules:
    """The rules in force on `day` (the earliest version also judges older dates)."""
    return MEETING_RULES.rule_on(day)


def counts_as_regular(kind: str) -> bool:
    return kind in (REGULAR, COMBINED)


def counts_as_thematic(kind: str) -> bool:
    return kind in (THEMATIC, COMBINED)


def required_minutes(kind: str, rules: MeetingRules) -> int:
    return rules.min_minutes_combined if kind == COMBINED else rules.min_minutes


def duration_minutes(start: datetime, end: datetime) -> int:
    return int((end - start).total_seconds() // 60)


def duration_ok(kind: str, start: datetime, end: datetime, rules: MeetingRules) -> bool:
    return duration_minutes(start, end) >= required_minutes(kind, rules)


def documents_deadline(starts_at: datetime, rules: MeetingRules) -> datetime:
    """The latest moment documents may be posted: the required days before the start."""
    return starts_at - timedelta(days=rules.documents_days_before)


def documents_on_time(posted_at: datetime, starts_at: datetime, rules: MeetingRules) -> bool:
    return posted_at <= documents_deadline(starts_at, rules)


def attendance_rate(present: int, expected: int) -> float | None:
    """Present among the members expected (exempt and temporarily-away members excluded)."""
    if expected <= 0:
        return None
    return round(min(present, expected) / expected, 4)


def low_attendance(present: int, expected: int, rules: MeetingRules) -> bool:
    rate = attendance_rate(present, expected)
    return rate is not None and rate < rules.low_attendance


def months_without_regular(held: Iterable[tuple[date, str]], year: int, through: date) -> list[int]:
    """Months of `year` up to `through` (the current month excluded while it runs) with no held
    regular or combined meeting."""
    last = _last_closed_month(year, through)
    met = {d.month for d, kind in held if d.year == year and counts_as_regular(kind)}
    return [m for m in range(1, last + 1) if m not in met]


def quarters_without_thematic(
    held: Iterable[tuple[date, str]], year: int, through: date, rules: MeetingRules
) -> list[int]:
    """Closed quarters of `year` with fewer thematic (or combined) meetings than required."""
    last_month = _last_closed_month(year, through)
    counts = dict.fromkeys(range(1, 5), 0)
    for d, kind in held:
        if d.year == year and counts_as_thematic(kind):
            counts[(d.month - 1) // 3 + 1] += 1
    return [q for q in range(1, last_month // 3 + 1) if counts[q] < rules.thematic_per_quarter]


def _last_closed_month(year: int, through: date) -> int:
    if through.year > year:
        return 12
    if through.year < year:
        return 0
    return through.month - 1


def unexcused_months(absences: Iterable[date], year: int) -> list[int]:
    """Distinct months of `year` in which the member was absent from a meeting without reason."""
    return sorted({d.month for d in absences if d.year == year})


def removal_case(absences: Iterable[date], year: int, rules: MeetingRules) -> bool:
    """Điều lệ Đảng, Điều 8: absent without reason in 3 months of a year → consider removal."""
    return len(unexcused_months(absences, year)) >= rules.absence_months_for_removal


@dataclass(frozen=True)
class PlannedMeeting:
    kind: str
    day: date
    title: str


REGULAR_DAY = 5  # the usual day of a regular meeting; the plan is editable meeting by meeting
THEMATIC_DAY = 20
THEMATIC_MONTHS = (2, 5, 8, 11)  # the middle month of each quarter


def default_year_plan(year: int, *, after: date | None = None) -> list[PlannedMeeting]:
    """12 regular meetings (the 5th of each month) and 4 thematic (the 20th of each quarter's
    middle month); days on or before `after` are left out (nobody plans in the past)."""
    plan = [
        PlannedMeeting(REGULAR, date(year, m, REGULAR_DAY), f"{m:02d}/{year}") for m in range(1, 13)
    ]
    plan += [
        PlannedMeeting(THEMATIC, date(year, m, THEMATIC_DAY), f"Q{(m - 1) // 3 + 1}/{year}")
        for m in THEMATIC_MONTHS
    ]
    plan.sort(key=lambda p: p.day)
    return [p for p in plan if after is None or p.day > after]
