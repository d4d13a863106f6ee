"""Members due a party badge (Huy hiệu Đảng) at a ceremony."""

from dataclasses import dataclass
from datetime import date
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Q

from chibo.access.policy import require, scope
from chibo.access.roles import Perm
from chibo.members import state as member_state
from chibo.members.models import ACTIVE_STATUSES, EventKind, Member
from chibo.members.rules import BADGE_RULES, BadgeRule, reaches_on
from chibo.members.rules.dates import add_months
from chibo.org.models import OrgUnit


@dataclass(frozen=True)
class BadgeDue:
    member: Member
    years: int
    reached_on: date


def previous_ceremony_on(ceremony_on: date, rule: BadgeRule | None = None) -> date:
    """The usual ceremony day before `ceremony_on` (3/2, 19/5, 2/9, 7/11)."""
    rule = rule or BADGE_RULES.rule_on(ceremony_on)
    days = sorted(
        (
            date(year, month, day)
            for year in (ceremony_on.year - 1, ceremony_on.year)
            for day, month in rule.ceremony_days
        ),
    )
    return max(d for d in days if d < ceremony_on)


def members_due_badge(
    user: Any, unit: OrgUnit, ceremony_on: date, rule: BadgeRule | None = None
) -> list[BadgeDue]:
    """Members of the subtree whose party age reaches a badge milestone after the previous usual
    ceremony and by this one: the list the committee proposes for this ceremony.

    Badges already presented are not recorded yet (commendations come later), so "due" means
    "reached in this ceremony's window". Party age counts gaps out of the party (RULES.md).
    """
    require(user, Perm.MEMBERS_VIEW, unit)
    rule = rule or BADGE_RULES.rule_on(ceremony_on)
    since = previous_ceremony_on(ceremony_on, rule)
    members = scope(user, Member.objects.all(), perm=Perm.MEMBERS_VIEW).filter(
        unit__path__startswith=unit.path, status__in=ACTIVE_STATUSES, admitted_on__isnull=False
    )
    # Without gaps, milestone m is reached on admitted_on + m years: one date range per milestone.
    windows = reduce(
        or_,
        (
            Q(
                admitted_on__gt=add_months(since, -12 * m),
                admitted_on__lte=add_months(ceremony_on, -12 * m),
            )
            for m in rule.milestones
        ),
    )
    readmitted = Q(events__kind=EventKind.READMISSION)
    candidates = (
        members.filter(windows | readmitted)
        .distinct()
        .select_related("unit")
        .prefetch_related("events")
        .order_by("sort_name")
    )
    due: list[BadgeDue] = []
    for member in candidates:
        events = sorted(
            (e for e in member.events.all() if e.cancelled_at is None),
            key=lambda e: (e.effective_on, e.pk),
        )
        gaps = member_state.derive(events).gaps if events else ()
        assert member.admitted_on is not None
        for years in rule.milestones:
            reached = reaches_on(admitted_on=member.admitted_on, gaps=gaps, years=years)
            if since < reached <= ceremony_on:
                due.append(BadgeDue(member=member, years=years, reached_on=reached))
    return due
