"""Which branches did not meet in a month (issue 17): the committee's first question each month,
answered for the user's reach, one month at a time, paginated."""

from calendar import monthrange
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from chibo.access.policy import scope
from chibo.access.roles import Perm
from chibo.org.models import OrgUnit, UnitStatus

from .. import rules
from ..models import Meeting, MeetingStatus


def last_finished_month(today: date | None = None) -> date:
    """The first day of the month before `today`'s."""
    today = today or timezone.localdate()
    return (today.replace(day=1) - timedelta(days=1)).replace(day=1)


def month_bounds(month: date) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    last = monthrange(month.year, month.month)[1]
    return (
        datetime.combine(month.replace(day=1), time.min, tzinfo=tz),
        datetime.combine(month.replace(day=last), time.max, tzinfo=tz),
    )


def branches_without_meeting(
    user: Any, month: date, *, unit: OrgUnit | None = None
) -> QuerySet[OrgUnit]:
    """Active branches in the user's reach (meetings.view), founded before the month ended, with
    no meeting held in `month`: in path order, so a ward's branches stay together."""
    start, end = month_bounds(month)
    held = Meeting.objects.filter(
        unit=OuterRef("pk"), status=MeetingStatus.HELD, starts_at__range=(start, end)
    )
    branches = scope(
        user,
        OrgUnit.objects.filter(kind__in=sorted(rules.MEETING_UNIT_KINDS), status=UnitStatus.ACTIVE),
        via="",
        perm=Perm.MEETINGS_VIEW,
    )
    if unit is not None:
        branches = branches.filter(path__startswith=unit.path)
    branches = branches.exclude(founded_on__gt=end.date())
    return branches.filter(~Exists(held)).order_by("path")
