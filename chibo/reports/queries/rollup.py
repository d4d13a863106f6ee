"""Completeness, timeliness and the roll-up of a request (its requesting level's view).

Expected reports are the units the request went to, less those merged or dissolved that never
sent theirs up: a unit that ended during the period leaves the denominator instead of staying as
a hole, and as submitted reports are always counted among the expected ones, no rate can pass
100 % (DHIS2 counts expected and submitted separately; merging units there gives 120 %).
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import timezone

from chibo.org.models import UnitStatus

from .. import formulas, indicators
from ..models import IndicatorSource, Report, ReportRequest, ReportStatus, TemplateIndicator

SENT_UP = (ReportStatus.APPROVED, ReportStatus.ACCEPTED)


@dataclass
class Completeness:
    expected: int
    submitted: int
    on_time: int
    accepted: int
    missing: list[Report]
    late: list[Report]
    ended: list[Report]  # merged or dissolved without a report: not expected any more
    reports: list[Report]

    @property
    def reporting_rate(self) -> float | None:
        return round(100 * self.submitted / self.expected, 1) if self.expected else None

    @property
    def on_time_rate(self) -> float | None:
        return round(100 * self.on_time / self.expected, 1) if self.expected else None


def on_time(report: Report, deadline: date) -> bool:
    return report.first_sent_at is not None and (
        timezone.localdate(report.first_sent_at) <= deadline
    )


def completeness(req: ReportRequest) -> Completeness:
    reports = list(Report.objects.filter(request=req).select_related("unit").order_by("unit__path"))
    counted, ended = [], []
    for r in reports:
        if r.unit.status != UnitStatus.ACTIVE and r.status not in SENT_UP:
            ended.append(r)
        else:
            counted.append(r)
    sent = [r for r in counted if r.status in SENT_UP]
    timely = [r for r in sent if on_time(r, req.deadline)]
    return Completeness(
        expected=len(counted),
        submitted=len(sent),
        on_time=len(timely),
        accepted=sum(1 for r in sent if r.status == ReportStatus.ACCEPTED),
        missing=[r for r in counted if r.status not in SENT_UP],
        late=[r for r in sent if not on_time(r, req.deadline)],
        ended=ended,
        reports=counted,
    )


@dataclass
class RollupLine:
    indicator: TemplateIndicator
    reported: Any
    live: Any

    @property
    def code(self) -> str:
        return self.indicator.code

    @property
    def differs(self) -> bool:
        return self.reported is not None and self.live is not None and self.reported != self.live


@dataclass
class Rollup:
    request: ReportRequest
    completeness: Completeness
    lines: list[RollupLine]
    units: list[Report]  # the accepted reports behind the totals
    live_by_unit: dict[str, dict[str, Any]] = field(default_factory=dict)

    def drill(self, code: str) -> list[tuple[Report, Any, Any]]:
        """The units behind one line: each accepted report's figure and its live figure."""
        return [
            (r, r.values.get(code), self.live_by_unit.get(r.unit.path, {}).get(code))
            for r in self.units
        ]


def _top_most(reports: list[Report]) -> list[Report]:
    """Drop a report whose unit lies under another accepted report's unit (counted there)."""
    ordered = sorted(reports, key=lambda r: r.unit.path)
    kept: list[Report] = []
    for r in ordered:
        if kept and r.unit.path.startswith(kept[-1].unit.path):
            continue
        kept.append(r)
    return kept


def _sum(rows: list[dict[str, Any]], code: str) -> Any:
    values = [row.get(code) for row in rows]
    present = [v for v in values if isinstance(v, int | float)]
    return (
        formulas.rounded(sum((Decimal(str(v)) for v in present), Decimal(0))) if present else None
    )


def _formula_total(text: str, totals: dict[str, Any], percent: bool) -> Any:
    try:
        value = formulas.evaluate(formulas.parse(text), totals)
    except (formulas.DivisionByZero, formulas.MissingFigure):
        return None
    return formulas.rounded(value * 100 if percent else value)


def _totals(
    items: list[TemplateIndicator], rows: list[dict[str, Any]], *, live: bool
) -> dict[str, Any]:
    known = indicators.registry()
    totals: dict[str, Any] = {}
    # Components of computed ratios, summed under their registry codes.
    for item in items:
        if item.source == IndicatorSource.COMPUTED and item.computed_code in known:
            for comp in indicators.components(item.computed_code):
                totals.setdefault(comp, _sum(rows, comp))
    for item in items:
        if item.source == IndicatorSource.COMPUTED:
            spec = known.get(item.computed_code)
            if spec is not None and spec.formula:
                totals[item.code] = _formula_total(spec.formula, totals, percent=True)
            else:
                key = item.computed_code if live else item.code
                totals[item.code] = _sum(rows, key)
        elif item.source == IndicatorSource.ENTERED:
            totals[item.code] = None if live else _sum(rows, item.code)
    for item in items:
        if item.source == IndicatorSource.FORMULA:
            totals[item.code] = _formula_total(item.formula, totals, percent=False)
    return totals


def rollup(req: ReportRequest) -> Rollup:
    state = completeness(req)
    items = list(req.template.indicators.all())
    accepted = _top_most([r for r in state.reports if r.status == ReportStatus.ACCEPTED])
    codes = {i.computed_code for i in items if i.source == IndicatorSource.COMPUTED}
    live_rows = (
        indicators.compute(
            req.unit.path, [r.unit.path for r in accepted], codes, req.period_start, req.period_end
        )
        if accepted and codes
        else {}
    )
    reported = _totals(items, [r.values for r in accepted], live=False)
    live = _totals(items, list(live_rows.values()), live=True) if accepted else {}
    # Per unit, the live figures under the template's codes (for the drill-down).
    by_unit: dict[str, dict[str, Any]] = {}
    for path, figures in live_rows.items():
        row = _totals(items, [figures], live=True)
        by_unit[path] = row
    lines = [RollupLine(i, reported.get(i.code), live.get(i.code)) for i in items]
    return Rollup(req, state, lines, accepted, by_unit)
