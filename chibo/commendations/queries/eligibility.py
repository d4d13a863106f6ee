"""The lists a year-end conference needs, computed from the data: excellent N years running
(ratings' streaks), party badges due at a ceremony (the member registry's badge rules, with the
early award of the seriously ill and the posthumous award), and the year's tallies."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Q

from chibo.access.policy import Sensitive, require, reveal, scope
from chibo.access.roles import Perm
from chibo.members import state as member_state
from chibo.members.models import EventKind, Member, MemberStatus
from chibo.members.queries.badges import members_due_badge, previous_ceremony_on
from chibo.members.rules import BADGE_RULES, badge_years_due, reaches_on
from chibo.members.rules.dates import add_months
from chibo.org.models import OrgUnit
from chibo.ratings.models import SubjectKind
from chibo.ratings.queries import history as rating_history

from ..models import Award, Campaign, Project, ProjectStatus, SeriousIllness

REGULAR, ILL, POSTHUMOUS = "regular", "seriously_ill", "posthumous"


@dataclass(frozen=True)
class BadgeCandidate:
    member: Member
    years: int
    reached_on: date
    reason: str  # REGULAR | ILL | POSTHUMOUS


def _gaps(member: Member) -> list[tuple[date, date]]:
    events = sorted(
        (e for e in member.events.all() if e.cancelled_at is None),
        key=lambda e: (e.effective_on, e.pk),
    )
    return list(member_state.derive(events).gaps) if events else []


def _received(member_ids: list[int]) -> dict[int, set[int]]:
    got: dict[int, set[int]] = {}
    rows = Award.objects.filter(member_id__in=member_ids, kind__is_badge=True).values_list(
        "member_id", "badge_years"
    )
    for member_id, years in rows:
        if years:
            got.setdefault(member_id, set()).add(years)
    return got


def badges_due(user: Any, unit: OrgUnit, on: date) -> list[BadgeCandidate]:
    """Members of the subtree to propose for the party badge at the ceremony of `on`: those who
    reach a milestone since the previous usual ceremony (members.queries.badges), less badges
    already awarded; seriously ill members whose milestone the early months bring forward; and
    members who died in the last months (posthumous, the rule's months early)."""
    require(user, Perm.COMMENDATIONS_VIEW, unit)
    rule = BADGE_RULES.rule_on(on)
    regular = members_due_badge(user, unit, on, rule)
    members = scope(user, Member.objects.all(), perm=Perm.MEMBERS_VIEW).filter(
        unit__path__startswith=unit.path, admitted_on__isnull=False
    )
    ill_ids = set(
        SeriousIllness.objects.filter(member__in=members, since__lte=on)
        .exclude(until__lt=on)
        .values_list("member_id", flat=True)
    )
    window_start = add_months(on, -rule.posthumous_early_months)
    dead = list(
        members.filter(
            status=MemberStatus.DECEASED,
            events__kind=EventKind.DEATH,
            events__effective_on__gt=window_start,
            events__effective_on__lte=on,
        )
        .select_related("unit")
        .prefetch_related("events")
        .distinct()
    )
    ill = list(
        members.filter(pk__in=ill_ids, status__in=(MemberStatus.FULL, MemberStatus.PROBATIONARY))
        .select_related("unit")
        .prefetch_related("events")
    )
    received = _received([d.member.pk for d in regular] + [m.pk for m in ill + dead])
    out = [
        BadgeCandidate(d.member, d.years, d.reached_on, REGULAR)
        for d in regular
        if d.years not in received.get(d.member.pk, set())
    ]
    listed = {(c.member.pk, c.years) for c in out}
    since = previous_ceremony_on(on, rule)
    for member, reason in [(m, ILL) for m in ill] + [(m, POSTHUMOUS) for m in dead]:
        assert member.admitted_on is not None
        gaps = _gaps(member)
        got = received.get(member.pk, set())
        died = None
        if reason == POSTHUMOUS:
            death = [e for e in member.events.all() if e.kind == EventKind.DEATH]
            died = max(e.effective_on for e in death)
        years = badge_years_due(
            admitted_on=member.admitted_on,
            gaps=gaps,
            ceremony_on=on,
            received=got,
            seriously_ill=reason == ILL,
            died_on=died,
            rule=rule,
        )
        if years is None or (member.pk, years) in listed:
            continue
        reached = reaches_on(admitted_on=member.admitted_on, gaps=gaps, years=years)
        if reason == ILL and reached <= since:
            continue  # reached before the previous ceremony: not an early award
        out.append(BadgeCandidate(member, years, reached, reason))
        listed.add((member.pk, years))
    return sorted(out, key=lambda c: (-c.years, c.member.sort_name))


def revealed_streaks(user: Any, unit: OrgUnit, *, until: int, years: int, kind: str) -> Any:
    return rating_history.streaks(
        user, unit, level="excellent", years=years, until=until, kind=kind
    )


def year_tallies(user: Any, unit: OrgUnit, *, year: int) -> dict[str, Any]:
    """What the year-end conference report counts: ratings per level (members and
    organisations), awards of the year per kind, emulation projects."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    awards = (
        scope(
            user,
            Award.objects.filter(
                unit__path__startswith=unit.path, decided_on__gte=start, decided_on__lte=end
            ),
            via="unit",
            perm=Perm.COMMENDATIONS_VIEW,
        )
        .order_by()
        .values_list("kind__name")
        .annotate(n=Count("pk"))
    )
    projects = scope(
        user,
        Project.objects.filter(
            unit__path__startswith=unit.path,
            campaign__starts_on__lte=end,
            campaign__ends_on__gte=start,
        ),
        via="unit",
        perm=Perm.COMMENDATIONS_VIEW,
    ).aggregate(
        registered=Count("pk"),
        completed=Count(
            "pk", filter=Q(status__in=(ProjectStatus.COMPLETED, ProjectStatus.COMMENDED))
        ),
        commended=Count("pk", filter=Q(status=ProjectStatus.COMMENDED)),
    )
    return {
        "year": year,
        "members": rating_history.level_counts(user, unit, year=year, kind=SubjectKind.MEMBER),
        "organisations": rating_history.level_counts(
            user, unit, year=year, kind=SubjectKind.ORGANISATION
        ),
        "awards": list(awards),
        "projects": projects,
        "campaigns": Campaign.objects.filter(
            starts_on__lte=end,
            ends_on__gte=start,
            unit__path__in=unit.ancestor_paths(include_self=True),
        ).count()
        + scope(
            user,
            Campaign.objects.filter(
                starts_on__lte=end, ends_on__gte=start, unit__path__startswith=unit.path
            ).exclude(unit=unit),
            via="unit",
            perm=Perm.COMMENDATIONS_VIEW,
        ).count(),
    }


def reveal_members(user: Any, members: list[Member], reason: str) -> set[int]:
    return reveal(user, Sensitive.RATING, members, reason=reason)
