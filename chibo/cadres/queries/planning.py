"""Reads of planning lists: a unit's lists per term and version, and a list with every planned
person's formal standards checked at the term's start (flags explained, nobody dropped)."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import get_for_user, require
from chibo.access.roles import Perm
from chibo.core.errors import Forbidden, NotFound
from chibo.org.models import OrgUnit
from chibo.ratings.queries.history import member_history
from chibo.training.queries import member_certificates

from ..models import Incumbency, PlanningEntry, PlanningList, PlanningStatus
from ..rules import (
    LOWER_POSTS,
    PersonFacts,
    StandardCheck,
    age_on,
    check_standards,
    posts_for,
    rules_on,
)
from .common import log_read
from .posts import consecutive_terms


def planning_lists(user: Any, unit: OrgUnit) -> QuerySet[PlanningList]:
    require(user, Perm.CADRES_VIEW, unit)
    return PlanningList.objects.filter(unit=unit).order_by("-term_start", "-version")


def current_planning(user: Any, unit: OrgUnit, term_start: int | None) -> PlanningList | None:
    """The list to show for a term: the draft under review, else the approved version, else the
    latest; without a term, the latest term planned."""
    rows = planning_lists(user, unit)
    if term_start is not None:
        rows = rows.filter(term_start=term_start)
    else:
        latest = rows.values_list("term_start", flat=True).first()
        if latest is None:
            return None
        rows = rows.filter(term_start=latest)
    lists = list(rows)
    for status in (PlanningStatus.DRAFT, PlanningStatus.APPROVED):
        for planning in lists:
            if planning.status == status:
                return planning
    return lists[0] if lists else None


def get_planning_for_user(user: Any, pk: Any, perm: Perm = Perm.CADRES_VIEW) -> PlanningList:
    return get_for_user(
        user,
        PlanningList.objects.select_related("unit"),
        pk,
        perm,
        not_found=_("Không tìm thấy danh sách quy hoạch."),
    )


@dataclass
class PlannedPerson:
    entry: PlanningEntry
    checks: list[StandardCheck]
    age_at_start: int | None

    @property
    def flagged(self) -> bool:
        return self.entry.removed_on is None and any(c.failed for c in self.checks)

    @property
    def failed(self) -> list[StandardCheck]:
        return [c for c in self.checks if c.failed]


@dataclass
class PlanningView:
    planning: PlanningList
    term_start_on: date
    term_end_on: date
    by_post: list[tuple[str, list[PlannedPerson]]]
    structure: dict[str, Any]
    versions: list[PlanningList]

    @property
    def flagged(self) -> int:
        return sum(p.flagged for _k, people in self.by_post for p in people)


def planning_view(user: Any, planning: PlanningList) -> PlanningView:
    """The list with the standards of each planned person judged on the term's first day."""
    require(user, Perm.CADRES_VIEW, planning.unit)
    log_read(user, planning, planning.unit, "planning list")
    start, end = date(planning.term_start, 1, 1), date(planning.term_end, 1, 1)
    rule = rules_on(start)
    entries = list(
        planning.entries.select_related("member").order_by("post_kind", "member__sort_name")
    )
    member_ids = {e.member_id for e in entries}
    held: dict[int, list[Incumbency]] = defaultdict(list)
    for row in Incumbency.objects.filter(member_id__in=member_ids).select_related("post"):
        held[row.member_id].append(row)
    people: dict[str, list[PlannedPerson]] = defaultdict(list)
    for entry in entries:
        m = entry.member
        rows = held[m.pk]
        lower = LOWER_POSTS.get(entry.post_kind, ())
        facts = PersonFacts(
            birth_date=m.birth_date,
            gender=m.gender,
            theory_level=m.theory_level,
            general_education=m.general_education,
            admitted_on=m.admitted_on,
            party_age_days=(start - m.admitted_on).days
            if m.admitted_on and m.admitted_on <= start
            else None,
            lower_post_periods=tuple((r.start_on, r.end_on) for r in rows if r.post.kind in lower),
            consecutive_terms=consecutive_terms(
                [
                    r
                    for r in rows
                    if r.post.kind == entry.post_kind and r.post.unit_id == planning.unit_id
                ],
                before=planning.term_start,
            ),
            courses=_courses(user, m),
            ratings=_ratings(user, m),
        )
        checks = check_standards(
            facts,
            post_kind=entry.post_kind,
            unit_kind=planning.unit.kind,
            term_start=start,
            term_end=end,
            rule=rule,
        )
        age = age_on(m.birth_date, start) if m.birth_date else None
        people[entry.post_kind].append(PlannedPerson(entry, checks, age))
    order = posts_for(planning.unit.kind)
    by_post = [(k, people.get(k, [])) for k in order]
    return PlanningView(
        planning=planning,
        term_start_on=start,
        term_end_on=end,
        by_post=by_post,
        structure=_structure(
            [p for _k, ps in by_post for p in ps if p.entry.removed_on is None], rule
        ),
        versions=list(
            PlanningList.objects.filter(
                unit=planning.unit, term_start=planning.term_start
            ).order_by("-version")
        ),
    )


def _courses(user: Any, member: Any) -> tuple[str, ...] | None:
    """Courses done (the training module's certificates); None when the reader may not see
    them (the standard then shows as not available to them)."""
    try:
        _m, certificates = member_certificates(user, member.pk)
    except (NotFound, Forbidden):
        return None
    return tuple(c.course.title for c in certificates)


def _ratings(user: Any, member: Any) -> tuple[tuple[int, str], ...] | None:
    """Yearly ratings decided (the ratings module, its read logged there); None when hidden."""
    try:
        history = member_history(user, member, reason="cadres planning standards")
    except (NotFound, Forbidden):
        return None
    return tuple((r.year, r.level) for r in history.ratings if r.quarter == 0)


def _structure(people: list[PlannedPerson], rule: Any) -> dict[str, Any]:
    """Shares of young, women and ethnic-minority people among those planned (distinct
    persons), beside the targets of QĐ 50-QĐ/TW (targets, not blocks)."""
    persons = {p.entry.member_id: p for p in people}
    n = len(persons)
    young = sum(
        1
        for p in persons.values()
        if p.age_at_start is not None and p.age_at_start < rule.young_age_below
    )
    women = sum(1 for p in persons.values() if p.entry.member.gender == "female")
    minority = sum(1 for p in persons.values() if p.entry.member.ethnicity not in ("", "01"))

    def share(k: int) -> float:
        return round(k / n, 3) if n else 0.0

    return {
        "people": n,
        "young": young,
        "young_share": share(young),
        "young_target": rule.young_share,
        "young_age_below": rule.young_age_below,
        "young_met": n > 0 and share(young) >= rule.young_share,
        "women": women,
        "women_share": share(women),
        "women_target": rule.women_share,
        "women_met": n > 0 and share(women) >= rule.women_share,
        "minority": minority,
        "minority_share": share(minority),
    }


def get_entry_for_user(user: Any, pk: Any, perm: Perm = Perm.CADRES_VIEW) -> PlanningEntry:
    return get_for_user(
        user,
        PlanningEntry.objects.select_related("planning__unit", "member"),
        pk,
        perm,
        via="planning__unit",
        not_found=_("Không tìm thấy."),
    )
