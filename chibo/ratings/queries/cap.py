"""The cap on "excellent": counted per grassroots organisation over a round's decided ratings."""

from dataclasses import dataclass

from django.db.models import Count, Q

from chibo.org.models import OrgUnit

from ..models import Rating, RatingRound, Stage, SubjectKind
from ..rules import Level, cap_allows, cap_limit


@dataclass(frozen=True)
class CapRow:
    grassroots: OrgUnit | None
    excellent: int
    good: int
    percent: int

    @property
    def limit(self) -> int:
        return cap_limit(self.good, self.percent)

    @property
    def breaks(self) -> bool:
        return not cap_allows(excellent=self.excellent, good=self.good, percent=self.percent)

    @property
    def over(self) -> int:
        return max(0, self.excellent - self.limit)


def cap_rows(rnd: RatingRound) -> list[CapRow]:
    """Excellent and good per grassroots organisation of a member round, over the committee's
    decisions (an organisation round has no cap: the rule counts members). One grouped query."""
    if rnd.kind != SubjectKind.MEMBER:
        return []
    counts = (
        Rating.objects.filter(round=rnd, stage=Stage.DECIDED)
        .values("grassroots")
        .annotate(
            excellent=Count("pk", filter=Q(level=Level.EXCELLENT)),
            good=Count("pk", filter=Q(level=Level.GOOD)),
        )
        .order_by()
    )
    rows = list(counts)
    units = OrgUnit.objects.in_bulk([r["grassroots"] for r in rows if r["grassroots"]])
    result = [
        CapRow(units.get(r["grassroots"]), r["excellent"], r["good"], rnd.cap_percent) for r in rows
    ]
    return sorted(
        result, key=lambda c: (not c.breaks, c.grassroots.sort_name if c.grassroots else "")
    )


def cap_breaches(rnd: RatingRound) -> list[CapRow]:
    return [row for row in cap_rows(rnd) if row.breaks]
