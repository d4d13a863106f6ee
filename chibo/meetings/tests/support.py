"""Helpers of the meetings tests: a member with a login, a meeting in the future."""

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from chibo.access.models import Grant
from chibo.access.roles import Role
from chibo.members.models import Member
from chibo.org.models import OrgUnit
from chibo.testing.personas import make_member, make_user

from .. import actions
from ..models import Meeting


def member_with_login(unit: OrgUnit, name: str, username: str) -> tuple[Member, Any]:
    member = make_member(unit, name)
    user = make_user(username)
    Grant.objects.create(user=user, unit=unit, role=Role.MEMBER)
    member.user = user
    member.save(update_fields=["user"])
    return member, user


def future(hours: float = 48) -> datetime:
    return (timezone.now() + timedelta(hours=hours)).replace(microsecond=0)


def plan_meeting(actor: Any, unit: OrgUnit, *, hours: float = 48, **extra: Any) -> Meeting:
    starts = future(hours)
    fields: dict[str, Any] = {
        "kind": "regular",
        "starts_at": starts,
        "ends_at": starts + timedelta(minutes=120),
        "place": "Hội trường",
        "agenda": ["Kiểm điểm công tác tháng", "Phương hướng tháng tới"],
    }
    fields.update(extra)
    return actions.create_meeting(actor=actor, unit=unit, **fields)


def hold(actor: Any, meeting: Meeting) -> Meeting:
    """Move a planned meeting into the past and record it held (tests only)."""
    start = timezone.now() - timedelta(hours=3)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=start, ends_at=start + timedelta(minutes=120)
    )
    return actions.record_held(
        actor=actor,
        meeting_id=meeting.pk,
        actual_start=start,
        actual_end=start + timedelta(minutes=100),
    )
