"""Counts over a subtree's tasks: the indicator the reports module reads, the task dashboard
(on-time rate, overdue now, accepted in the period, by quarter, by unit below).

One convention everywhere: a task counts for the unit whose subtree holds its accountable unit;
drafts never count (they are not issued). "Due in the period" uses the task's current due date
(an extension granted by the approver moves it); "on time" is accepted on or before it."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import ExtractQuarter, ExtractYear, Substr
from django.utils import timezone

from chibo.access.policy import require
from chibo.access.roles import Perm
from chibo.org.models import OrgUnit

from ..models import OPEN_STATUSES, Task, TaskStatus
from .listing import soon_limit


def period_bounds(year: int, quarter: int = 0) -> tuple[date, date]:
    """The first and last day of a year (quarter 0) or of one of its quarters."""
    if not quarter:
        return date(year, 1, 1), date(year, 12, 31)
    start = date(year, 3 * quarter - 2, 1)
    end = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return start, end - timedelta(days=1)


def _subtree(unit: OrgUnit) -> QuerySet[Task]:
    return Task.objects.filter(accountable_unit__path__startswith=unit.path).exclude(
        status=TaskStatus.DRAFT
    )


def _period_counts(start: date, end: date, today: date) -> dict[str, Any]:
    as_of = min(end, today)
    due = Q(due_on__gte=start, due_on__lte=end)
    return {
        "due": Count("pk", filter=due),
        "accepted_on_time": Count(
            "pk", filter=due & Q(accepted_on__isnull=False, accepted_on__lte=F("due_on"))
        ),
        "accepted": Count("pk", filter=Q(accepted_on__gte=start, accepted_on__lte=end)),
        "overdue": Count(
            "pk",
            filter=due
            & Q(due_on__lt=as_of)
            & (Q(accepted_on__isnull=True) | Q(accepted_on__gt=as_of)),
        ),
    }


def task_indicator_counts(
    unit: OrgUnit, start: date, end: date, *, today: date | None = None
) -> dict[str, int]:
    """For the reports module's "tasks on time" indicator, over the tasks whose accountable unit
    is in `unit`'s subtree (no user: reports checks the report's access itself):

    - `due`: due between `start` and `end` (both included);
    - `accepted_on_time`: of those, accepted on or before their due date;
    - `accepted`: accepted between `start` and `end`, whatever their due date;
    - `overdue`: due in the period, whose due date had passed by the end of the period (or
      today, while the period runs) without an acceptance by then.
    """
    today = today or timezone.localdate()
    if end < start:
        return {"due": 0, "accepted_on_time": 0, "accepted": 0, "overdue": 0}
    counts = _subtree(unit).aggregate(**_period_counts(start, end, today))
    return {k: int(v or 0) for k, v in counts.items()}


def rate(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


@dataclass
class UnitRow:
    unit: OrgUnit
    due: int = 0
    accepted_on_time: int = 0
    overdue_now: int = 0

    @property
    def on_time_rate(self) -> float | None:
        return rate(self.accepted_on_time, self.due)


@dataclass
class Dashboard:
    unit: OrgUnit
    year: int
    quarter: int
    start: date
    end: date
    due: int
    accepted_on_time: int
    accepted: int
    overdue: int
    overdue_now: int
    due_soon: int
    open_now: int
    quarters: list[dict[str, Any]] = field(default_factory=list)
    units: list[UnitRow] = field(default_factory=list)

    @property
    def on_time_rate(self) -> float | None:
        return rate(self.accepted_on_time, self.due)

    def as_dict(self) -> dict[str, Any]:
        return {
            "unit": self.unit.code,
            "year": self.year,
            "quarter": self.quarter,
            "start": self.start,
            "end": self.end,
            "due": self.due,
            "accepted_on_time": self.accepted_on_time,
            "accepted": self.accepted,
            "overdue": self.overdue,
            "on_time_rate": self.on_time_rate,
            "overdue_now": self.overdue_now,
            "due_soon": self.due_soon,
            "open_now": self.open_now,
            "quarters": self.quarters,
            "units": [
                {
                    "code": r.unit.code,
                    "name": r.unit.name,
                    "due": r.due,
                    "accepted_on_time": r.accepted_on_time,
                    "on_time_rate": r.on_time_rate,
                    "overdue_now": r.overdue_now,
                }
                for r in self.units
            ],
        }


def task_dashboard(
    user: Any, unit: OrgUnit, *, year: int, quarter: int = 0, today: date | None = None
) -> Dashboard:
    """The dashboard of `unit`'s subtree for a year or a quarter (the user needs
    assignments.view over the unit: the whole subtree is then in reach).

    One scan of the subtree's tasks, grouped by the unit directly below `unit` and by the
    quarters of the due and acceptance dates; the year's, the quarter's and each unit's figures
    are sums of those groups (a second scan per figure cost more than the figures)."""
    require(user, Perm.ASSIGNMENTS_VIEW, unit)
    today = today or timezone.localdate()
    start, end = period_bounds(year, quarter)
    year_start, year_end = period_bounds(year)
    width = len(unit.path) + OrgUnit.steplen
    is_open = Q(status__in=OPEN_STATUSES)
    ends = {q: min(period_bounds(year, q)[1], today) for q in range(1, 5)}
    aggregates: dict[str, Any] = {
        "n": Count("pk"),
        "on_time": Count("pk", filter=Q(accepted_on__isnull=False, accepted_on__lte=F("due_on"))),
        "open_now": Count("pk", filter=is_open),
        "overdue_now": Count("pk", filter=is_open & Q(due_on__lt=today)),
        "due_soon": Count(
            "pk",
            filter=Q(
                status__in=(TaskStatus.ISSUED, TaskStatus.IN_PROGRESS, TaskStatus.RETURNED),
                due_on__gte=today,
                due_on__lte=soon_limit(today),
            ),
        ),
    }
    # Overdue as of the end of each quarter (or today while it runs): due before that day and
    # not accepted by then. Only the quarter the row is due in uses its own figure.
    for q, as_of in ends.items():
        aggregates[f"late_{q}"] = Count(
            "pk",
            filter=Q(due_on__lt=as_of) & (Q(accepted_on__isnull=True) | Q(accepted_on__gt=as_of)),
        )
    grouped: Any = (
        _subtree(unit)
        .filter(
            Q(due_on__gte=year_start, due_on__lte=year_end)
            | Q(accepted_on__gte=year_start, accepted_on__lte=year_end)
            | is_open
        )
        .annotate(
            branch=Substr("accountable_unit__path", 1, width),
            dy=ExtractYear("due_on"),
            dq=ExtractQuarter("due_on"),
            ay=ExtractYear("accepted_on"),
            aq=ExtractQuarter("accepted_on"),
        )
        .values("branch", "dy", "dq", "ay", "aq")
        .annotate(**aggregates)
        .order_by()
    )
    groups: list[dict[str, Any]] = list(grouped)
    zero = {"due": 0, "accepted_on_time": 0, "accepted": 0, "overdue": 0}
    quarters = {q: dict(zero) for q in range(1, 5)}
    units: dict[str, UnitRow] = {}
    totals = {"overdue_now": 0, "open_now": 0, "due_soon": 0}
    wanted = set(range(1, 5)) if not quarter else {quarter}
    g: dict[str, Any]
    for g in groups:
        for key in totals:
            totals[key] += g[key]
        row = units.setdefault(g["branch"], UnitRow(unit=unit))
        row.overdue_now += g["overdue_now"]
        if g["dy"] == year:
            counts = quarters[g["dq"]]
            counts["due"] += g["n"]
            counts["accepted_on_time"] += g["on_time"]
            counts["overdue"] += g[f"late_{g['dq']}"]
            if g["dq"] in wanted:
                row.due += g["n"]
                row.accepted_on_time += g["on_time"]
        if g["ay"] == year and g["aq"]:
            quarters[g["aq"]]["accepted"] += g["n"]
    if quarter:
        period = quarters[quarter]
    else:
        period = {k: sum(q[k] for q in quarters.values()) for k in zero}
        # Overdue at the end of the year (or today): due in the year, not accepted by then.
        period["overdue"] = _year_overdue(groups, year, ends[4])
    names = {u.path: u for u in OrgUnit.objects.filter(path__in=list(units))}
    rows = []
    for path, r in sorted(units.items()):
        if path in names:
            r.unit = names[path]
            rows.append(r)
    return Dashboard(
        unit=unit,
        year=year,
        quarter=quarter,
        start=start,
        end=end,
        due=period["due"],
        accepted_on_time=period["accepted_on_time"],
        accepted=period["accepted"],
        overdue=period["overdue"],
        overdue_now=totals["overdue_now"],
        due_soon=totals["due_soon"],
        open_now=totals["open_now"],
        quarters=[
            {"quarter": q, **c, "on_time_rate": rate(c["accepted_on_time"], c["due"])}
            for q, c in quarters.items()
        ],
        units=rows,
    )


def _year_overdue(groups: list[dict[str, Any]], year: int, as_of: date) -> int:
    """Tasks due in the year and overdue at its end (or today): the Q4 figure of every group
    due in the year, since `late_4` is measured at the year's last day (or today)."""
    return sum(g["late_4"] for g in groups if g["dy"] == year)
