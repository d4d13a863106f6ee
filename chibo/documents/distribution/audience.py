"""The members a distribution or a study campaign reaches (Audience), as a queryset.

Members of the subtree who are in the party today (probationary and full). Their official unit
counts (`Member.unit`); a member in temporary attendance elsewhere (sinh hoạt tạm thời) is
reached through their official branch, which keeps their record.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet

from chibo.access.models import Grant
from chibo.access.roles import Role
from chibo.members.models import Member
from chibo.org.models import OrgUnit

from ..models import Audience

# Logins holding these roles are the committees' people even when their record shows no post.
COMMITTEE_ROLES = (Role.BRANCH_SECRETARY, Role.COMMITTEE_STAFF, Role.LEADER, Role.INSPECTOR)


def audience_members(unit: OrgUnit, audience: str) -> QuerySet[Member]:
    members = Member.objects.active().filter(unit__path__startswith=unit.path)
    return _of_audience(members, audience)


def audience_members_in(unit_ids: list[int], audience: str) -> QuerySet[Member]:
    """The audience among the members of these units (a chunk of a subtree's units): found by
    the index on the member's unit, without the path join."""
    members = Member.objects.active().filter(unit_id__in=unit_ids)
    return _of_audience(members, audience)


def _of_audience(members: QuerySet[Member], audience: str) -> QuerySet[Member]:
    if audience == Audience.COMMITTEES:
        staff_grant = Grant.objects.filter(user_id=OuterRef("user_id"), role__in=COMMITTEE_ROLES)
        members = members.filter(Q(party_position__gt="") | Exists(staff_grant))
    return members
