"""Reads of rotations and appointments: those a unit decided, the ones due to end soon (the
reminder), and the year's lists a conference needs."""

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from chibo.access.policy import has_perm_anywhere, require, scope
from chibo.access.roles import Perm
from chibo.members.rules import parse_general_education
from chibo.org.models import OrgUnit

from ..models import HowFilled, Incumbency, Rotation
from ..rules import age_band, age_on, rotation_due_soon, rules_on
from .common import log_read
from .planning import PlanningView


def rotations_for(user: Any, unit: OrgUnit) -> QuerySet[Rotation]:
    require(user, Perm.CADRES_VIEW, unit)
    log_read(user, unit, unit, "rotations")
    return (
        scope(
            user, Rotation.objects.filter(unit__path__startswith=unit.path), perm=Perm.CADRES_VIEW
        )
        .select_related("member", "from_unit", "to_unit", "unit")
        .order_by("ended_on", "due_end_on", "pk")
    )


def rotations_due(
    user: Any, *, today: date | None = None, limit: int = 5
) -> tuple[int, list[Rotation]]:
    """Open rotations ending within the reminder window (or past due), for the home card."""
    if not has_perm_anywhere(user, Perm.CADRES_VIEW):
        return 0, []
    today = today or timezone.localdate()
    rule = rules_on(today)
    rows = scope(
        user,
        Rotation.objects.filter(
            ended_on__isnull=True,
            due_end_on__lte=date.fromordinal(today.toordinal() + rule.rotation_remind_days),
        ),
        perm=Perm.CADRES_VIEW,
    ).select_related("member", "to_unit")
    items = list(rows.order_by("due_end_on")[:limit])
    return rows.count(), [r for r in items if rotation_due_soon(r.due_end_on, today, rule)]


def appointments_in_year(user: Any, unit: OrgUnit, year: int) -> QuerySet[Incumbency]:
    """Holdings decided in `year` in the subtree, other than congress elections."""
    require(user, Perm.CADRES_VIEW, unit)
    rows = Incumbency.objects.filter(
        post__unit__path__startswith=unit.path, decided_on__year=year
    ).exclude(how=HowFilled.ELECTED)
    return (
        scope(user, rows, via="post__unit", perm=Perm.CADRES_VIEW)
        .select_related("member", "post__unit")
        .order_by("decided_on", "pk")
    )


def rotations_in_year(user: Any, unit: OrgUnit, year: int) -> QuerySet[Rotation]:
    return rotations_for(user, unit).filter(start_on__year__lte=year, due_end_on__year__gte=year)


@dataclass(frozen=True)
class Counts:
    post_kind: str
    total: int
    age_bands: dict[str, int]
    women: int
    minority: int
    education: dict[str, int]


def planning_counts(view: PlanningView) -> list[Counts]:
    """Per post: the planned people (not removed) by age band at the term's start, gender,
    ethnicity and schooling (the conference's table)."""
    out = []
    for kind, people in view.by_post:
        active = [p for p in people if p.entry.removed_on is None]
        bands: Counter[str] = Counter()
        education: Counter[str] = Counter()
        for p in active:
            m = p.entry.member
            bands[
                age_band(age_on(m.birth_date, view.term_start_on)) if m.birth_date else "unknown"
            ] += 1
            try:
                education[parse_general_education(m.general_education or "").format()] += 1
            except ValueError:
                education["unknown"] += 1
        out.append(
            Counts(
                post_kind=kind,
                total=len(active),
                age_bands=dict(bands),
                women=sum(1 for p in active if p.entry.member.gender == "female"),
                minority=sum(1 for p in active if p.entry.member.ethnicity not in ("", "01")),
                education=dict(education),
            )
        )
    return out
