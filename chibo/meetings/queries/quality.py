"""Quality of branch meetings over a subtree: held, on time, attendance; one pass of grouped
queries whatever the number of branches (a ward has hundreds)."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Sum
from django.db.models.functions import ExtractMonth
from django.utils import timezone

from chibo.org.models import OrgUnit

from .. import rules
from ..models import Meeting, MeetingStatus
from .warnings import _year_bounds, branches_under


@dataclass
class BranchQuality:
    unit: OrgUnit
    held: int = 0
    regular_months: set[int] = field(default_factory=set)
    thematic: int = 0
    present: int = 0
    expected: int = 0
    met_this_month: bool = False
    planned_this_month: bool = False
    closed_met: int = 0  # closed months of the year with a regular meeting

    @property
    def attendance_rate(self) -> float | None:
        return rules.attendance_rate(self.present, self.expected)

    @property
    def attendance_percent(self) -> int | None:
        rate = self.attendance_rate
        return None if rate is None else round(rate * 100)


@dataclass
class Quality:
    unit: OrgUnit
    year: int
    closed_months: int
    branches: list[BranchQuality]
    months: list[dict[str, Any]]

    @property
    def held(self) -> int:
        return sum(b.held for b in self.branches)

    @property
    def on_time_percent(self) -> int | None:
        """Closed months with a regular meeting, over all branches and closed months."""
        due = self.closed_months * len(self.branches)
        met = sum(b.closed_met for b in self.branches)
        return round(100 * met / due) if due else None

    @property
    def attendance_percent(self) -> int | None:
        rate = rules.attendance_rate(
            sum(b.present for b in self.branches), sum(b.expected for b in self.branches)
        )
        return None if rate is None else round(rate * 100)

    @property
    def met_this_month(self) -> list[BranchQuality]:
        return [b for b in self.branches if b.met_this_month]

    @property
    def not_met_this_month(self) -> list[BranchQuality]:
        return [b for b in self.branches if not b.met_this_month]


def quality(unit: OrgUnit, *, year: int | None = None, today: date | None = None) -> Quality:
    today = today or timezone.localdate()
    year = year or today.year
    branches = {b.pk: BranchQuality(b) for b in branches_under(unit)}
    start, end = _year_bounds(year)
    rows = (
        Meeting.objects.filter(unit__path__startswith=unit.path, starts_at__range=(start, end))
        .exclude(status=MeetingStatus.CANCELLED)
        .annotate(month=ExtractMonth("starts_at"))
        .values("unit_id", "month", "kind", "status")
        .annotate(n=Count("id"), present=Sum("present_count"), expected=Sum("expected_count"))
    )
    monthly: dict[int, dict[str, int]] = defaultdict(
        lambda: {"present": 0, "expected": 0, "units": 0}
    )
    met_units: dict[int, set[int]] = defaultdict(set)
    for r in rows:
        b = branches.get(r["unit_id"])
        if b is None:
            continue
        this_month = year == today.year and r["month"] == today.month
        if r["status"] != MeetingStatus.HELD:
            if this_month and rules.counts_as_regular(r["kind"]):
                b.planned_this_month = True
            continue
        b.held += r["n"]
        b.present += r["present"] or 0
        b.expected += r["expected"] or 0
        monthly[r["month"]]["present"] += r["present"] or 0
        monthly[r["month"]]["expected"] += r["expected"] or 0
        if rules.counts_as_regular(r["kind"]):
            b.regular_months.add(r["month"])
            met_units[r["month"]].add(r["unit_id"])
            if this_month:
                b.met_this_month = True
        if rules.counts_as_thematic(r["kind"]):
            b.thematic += r["n"]
    closed = 12 if year < today.year else (today.month - 1 if year == today.year else 0)
    for b in branches.values():
        b.closed_met = len([m for m in b.regular_months if m <= closed])
    last = 12 if year < today.year else (today.month if year == today.year else 0)
    months = []
    for month in range(1, last + 1):
        rate = rules.attendance_rate(monthly[month]["present"], monthly[month]["expected"])
        months.append(
            {
                "month": month,
                "met": len(met_units[month]),
                "branches": len(branches),
                "attendance": None if rate is None else round(rate * 100, 1),
            }
        )
    return Quality(unit, year, closed, list(branches.values()), months)
