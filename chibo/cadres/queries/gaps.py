"""Reads of post gaps: posts of the term in force that are vacant or below their seats, in a
unit's subtree, with how long they have been so (after mergers, transfers, retirements, deaths)."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Substr
from django.utils import timezone

from chibo.access.policy import require, scope
from chibo.access.roles import Perm
from chibo.org.models import OrgUnit

from ..models import Post
from .common import log_read

# How long a gap has been open, for the chart: (key, label, upper bound in days).
DURATION_BANDS = (("lt_90", 90), ("90_180", 180), ("180_365", 365), ("ge_365", None))


def post_gaps(user: Any, unit: OrgUnit, *, today: date | None = None) -> QuerySet[Post]:
    """Posts of the term in force in `unit`'s subtree with fewer holders than seats, the longest
    open first. A read of cadre records: logged."""
    require(user, Perm.CADRES_VIEW, unit)
    log_read(user, unit, unit, "post gaps")
    return _gaps(user, unit, today or timezone.localdate())


def _gaps(user: Any, unit: OrgUnit, today: date) -> QuerySet[Post]:
    rows = Post.objects.filter(
        unit__path__startswith=unit.path,
        unit__status="active",
        vacant_since__isnull=False,
        term_start__lte=today.year,
        term_end__gt=today.year,
    )
    return (
        scope(user, rows, via="unit", perm=Perm.CADRES_VIEW)
        .select_related("unit")
        .order_by("vacant_since", "unit__path", "kind")
    )


@dataclass(frozen=True)
class GapSummary:
    posts: int
    seats_missing: int
    by_kind: list[tuple[str, int]]
    by_duration: list[tuple[str, int]]
    by_child: list[tuple[OrgUnit, int]]


def gap_summary(user: Any, unit: OrgUnit, *, today: date | None = None) -> GapSummary:
    """Counts for the charts: by post, by how long open, by the unit's direct children."""
    require(user, Perm.CADRES_VIEW, unit)
    today = today or timezone.localdate()
    rows = _gaps(user, unit, today).order_by()
    bands = {}
    low = None
    for key, high in DURATION_BANDS:
        cond = Q()
        if high is not None:
            cond &= Q(vacant_since__gt=date.fromordinal(today.toordinal() - high))
        if low is not None:
            cond &= Q(vacant_since__lte=date.fromordinal(today.toordinal() - low))
        bands[key] = Count("pk", filter=cond)
        low = high
    totals = rows.aggregate(n=Count("pk"), missing=Sum(F("seats") - F("filled")), **bands)
    by_kind = list(rows.values_list("kind").annotate(n=Count("pk")).order_by("-n"))
    width = len(unit.path) + OrgUnit.steplen
    per_child = dict(
        rows.filter(unit__depth__gt=unit.depth)
        .annotate(child=Substr("unit__path", 1, width))
        .values_list("child")
        .annotate(n=Count("pk"))
        .values_list("child", "n")
    )
    children = {u.path: u for u in OrgUnit.objects.filter(path__in=list(per_child))}
    by_child = sorted(
        ((children[p], n) for p, n in per_child.items() if p in children), key=lambda x: -x[1]
    )
    return GapSummary(
        posts=totals["n"] or 0,
        seats_missing=totals["missing"] or 0,
        by_kind=by_kind,
        by_duration=[(key, totals[key]) for key, _high in DURATION_BANDS],
        by_child=by_child[:15],
    )
