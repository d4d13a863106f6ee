from typing import Any

from chibo.access.policy import require
from chibo.access.roles import Perm
from chibo.members.models import ACTIVE_STATUSES, Member
from chibo.org.models import OrgUnit

from .profile import (  # noqa: F401
    events_of,
    find_transfer_target,
    get_member_to_manage,
    get_profile_for_user,
    may_admit,
    standing_of,
    visible_fields,
)
from .search import (  # noqa: F401
    AGE_BANDS,
    PARTY_AGE_BANDS,
    get_member_for_user,
    lookup_by_citizen_id,
    may_look_up_citizen_ids,
    may_see_citizen_id,
    member_events,
    member_profile,
    members_for,
    require_member_reader,
)
from .statistics import get_unit_for_statistics, member_changes, unit_statistics  # noqa: F401


def count_active_in_subtree(user: Any, unit: OrgUnit) -> int:
    """Live count over the member table (the tree shows the cached `OrgUnit.member_count`)."""
    require(user, Perm.ORG_VIEW, unit)
    return Member.objects.filter(
        unit__path__startswith=unit.path, status__in=ACTIVE_STATUSES
    ).count()
