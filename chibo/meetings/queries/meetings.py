"""Reads of meetings: lists, one meeting, a member's own schedule, the attendance sheet."""

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import (
    can,
    get_for_user,
    in_scope,
    member_of,
    require,
    scope,
    unit_for_user,
)
from chibo.access.roles import Perm
from chibo.core.errors import NotFound
from chibo.core.text import name_sort_text
from chibo.members.models import Member
from chibo.org.models import OrgUnit

from ..models import Attendance, CheckInToken, Meeting, MeetingStatus, Minutes


def get_unit(user: Any, code: str, perm: Perm = Perm.MEETINGS_VIEW) -> OrgUnit:
    """The unit with this code: 404 absent or out of reach, 403 in reach without `perm`."""
    return unit_for_user(user, code, perm)


def meetings_for(
    user: Any,
    *,
    unit: OrgUnit | None = None,
    start: date | None = None,
    end: date | None = None,
    subtree: bool = True,
) -> QuerySet[Meeting]:
    """Meetings in the user's reach (grants with meetings.view), optionally of a unit's subtree
    and between two days (included)."""
    rows = scope(user, Meeting.objects.select_related("unit"), perm=Perm.MEETINGS_VIEW)
    if unit is not None:
        rows = rows.filter(unit__path__startswith=unit.path) if subtree else rows.filter(unit=unit)
    tz = timezone.get_current_timezone()
    if start:
        rows = rows.filter(starts_at__gte=datetime.combine(start, time.min, tzinfo=tz))
    if end:
        rows = rows.filter(starts_at__lte=datetime.combine(end, time.max, tzinfo=tz))
    return rows.order_by("starts_at", "pk")


def get_meeting_for_user(user: Any, pk: int, perm: Perm = Perm.MEETINGS_VIEW) -> Meeting:
    """404 when absent or out of reach, 403 in reach without the permission."""
    return get_for_user(
        user,
        Meeting.objects.select_related("unit", "chair", "secretary", "plan"),
        pk,
        perm,
        not_found=_("Không tìm thấy cuộc họp."),
    )


def _member_units(member: Member) -> list[int]:
    return [u for u in (member.unit_id, member.temporary_unit_id) if u is not None]


def upcoming_meetings_for_member(
    user: Any, *, now: datetime | None = None, limit: int = 5
) -> list[Meeting]:
    """The next meetings of the branch the member attends (their own, or where they are
    temporarily), not cancelled, not yet over; empty for a user without a member record."""
    member = member_of(user)
    if member is None:
        return []
    now = now or timezone.now()
    return list(
        Meeting.objects.select_related("unit")
        .filter(unit_id__in=_member_units(member), ends_at__gte=now)
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("starts_at", "pk")[:limit]
    )


def get_meeting_for_member(user: Any, pk: int) -> Meeting:
    """A meeting of the member's own branch, or one in the user's reach with meetings.view."""
    meeting = Meeting.objects.select_related("unit", "chair", "secretary").filter(pk=pk).first()
    if meeting is None:
        raise NotFound(_("Không tìm thấy cuộc họp."))
    member = member_of(user)
    if member is not None and meeting.unit_id in _member_units(member):
        return meeting
    require(user, Perm.MEETINGS_VIEW, meeting.unit)
    return meeting


def may_manage(user: Any, meeting: Meeting) -> bool:
    return can(user, Perm.MEETINGS_MANAGE, meeting.unit)


def may_see_members(user: Any, unit: OrgUnit) -> bool:
    """Attendance by name and absence warnings: the branch's officers and the committees above,
    not every member."""
    return can(user, Perm.MEETINGS_MANAGE, unit) or can(user, Perm.MEMBERS_VIEW, unit)


@dataclass(frozen=True)
class SheetRow:
    member: Member
    attendance: Attendance | None
    counts: bool
    note: str


def attendance_sheet(user: Any, meeting: Meeting) -> list[SheetRow]:
    """Every member who attends the branch, in Vietnamese name order, with their attendance."""
    from ..actions.common import branch_members, counts_for

    if not may_see_members(user, meeting.unit):
        require(user, Perm.MEETINGS_MANAGE, meeting.unit)
    marks = {a.member_id: a for a in meeting.attendance.all()}
    members = sorted(
        branch_members(meeting.unit).only(
            "id",
            "full_name",
            "sort_name",
            "birth_date",
            "unit_id",
            "temporary_unit_id",
            "is_exempt",
            "user_id",
        ),
        key=lambda m: m.sort_name or name_sort_text(m.full_name),
    )
    rows = []
    for member in members:
        note = ""
        if member.is_exempt:
            note = str(_("Miễn sinh hoạt"))
        elif member.temporary_unit_id == meeting.unit_id and member.unit_id != meeting.unit_id:
            note = str(_("Sinh hoạt tạm thời"))
        elif member.temporary_unit_id:
            note = str(_("Đang sinh hoạt tạm thời nơi khác"))
        rows.append(SheetRow(member, marks.get(member.pk), counts_for(member, meeting.unit), note))
    return rows


def minutes_versions(meeting: Meeting) -> list[Minutes]:
    return list(
        meeting.minutes.select_related("chair_signed_by", "secretary_signed_by").order_by(
            "-version"
        )
    )


def current_token(meeting: Meeting, *, now: datetime | None = None) -> CheckInToken | None:
    now = now or timezone.now()
    return meeting.tokens.filter(expires_at__gt=now).order_by("-created_at").first()


def my_attendance(
    user: Any, meeting: Meeting, *, member: Member | bool | None = False
) -> Attendance | None:
    """The user's own mark on the meeting's sheet (`member`: the record already looked up)."""
    if member is False:
        member = member_of(user)
    if not isinstance(member, Member):
        return None
    return meeting.attendance.filter(member=member).first()


def token_meeting(user: Any, token: str, *, member: Member | bool | None = False) -> Meeting | None:
    """The meeting behind a check-in code, for the page the QR opens (shown to members of its
    branch and to those who reach it; others learn only that it is not theirs)."""
    row = CheckInToken.objects.select_related("meeting__unit").filter(token=token[:64]).first()
    if row is None:
        return None
    meeting = row.meeting
    if member is False:
        member = member_of(user)
    if isinstance(member, Member) and meeting.unit_id in _member_units(member):
        return meeting
    if in_scope(user, meeting.unit):
        return meeting
    return None


def chair_candidates(meeting_or_unit: Any) -> QuerySet[Member]:
    from ..actions.common import branch_members

    unit = getattr(meeting_or_unit, "unit", meeting_or_unit)
    return branch_members(unit).order_by("sort_name")
