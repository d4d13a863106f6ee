"""Shared pieces of the meeting actions: lookups for a write, who belongs to a branch, counts."""

from datetime import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import require
from chibo.access.roles import Perm
from chibo.core.errors import Conflict, NotFound, ValidationFailed
from chibo.core.text import nfc
from chibo.members.models import Member
from chibo.org.models import OrgUnit

from ..models import Attendance, AttendanceStatus, Meeting, MeetingStatus
from ..rules import MEETING_UNIT_KINDS


def require_branch(unit: OrgUnit) -> None:
    if unit.kind not in MEETING_UNIT_KINDS:
        raise ValidationFailed(_("Chỉ chi bộ mới lập kế hoạch sinh hoạt chi bộ."), field="unit")
    if not unit.is_active:
        raise Conflict(_("Chi bộ %(name)s không còn hoạt động."), name=unit.name)


def meeting_for_write(actor: Any, meeting_id: int, *, lock: bool = False) -> Meeting:
    """The meeting, after checking the actor may manage its branch's meetings."""
    rows = Meeting.objects.select_related("unit")
    if lock:
        rows = rows.select_for_update(of=("self",))
    meeting = rows.filter(pk=meeting_id).first()
    if meeting is None:
        raise NotFound(_("Không tìm thấy cuộc họp."))
    require(actor, Perm.MEETINGS_MANAGE, meeting.unit)
    return meeting


def require_open(meeting: Meeting) -> None:
    if meeting.status == MeetingStatus.CANCELLED:
        raise Conflict(_("Cuộc họp đã hủy."))


def require_future(starts_at: datetime, now: datetime) -> None:
    if starts_at <= now:
        raise ValidationFailed(
            _("Không thể lên lịch cuộc họp vào thời điểm đã qua (%(at)s)."),
            field="starts_at",
            at=f"{starts_at.astimezone():%H:%M %d/%m/%Y}",
        )


def branch_members(unit: OrgUnit) -> QuerySet[Member]:
    """Members who attend this branch's meetings: its own members and those on temporary
    transfer into it (QĐ 294-QĐ/TW §6.3: they attend where they are temporarily)."""
    return Member.objects.active().filter(Q(unit=unit) | Q(temporary_unit=unit))


def counts_for(member: Member, unit: OrgUnit) -> bool:
    """Whether the member's absence counts against the branch's attendance: not the exempt, nor
    members away on a temporary transfer to another branch."""
    if member.is_exempt:
        return False
    return member.temporary_unit_id is None or member.temporary_unit_id == unit.pk


def expected_members(unit: OrgUnit) -> QuerySet[Member]:
    return (
        branch_members(unit)
        .filter(is_exempt=False)
        .filter(Q(temporary_unit__isnull=True) | Q(temporary_unit=unit))
    )


def recount(meeting: Meeting) -> None:
    """Rewrite the attendance caches of the meeting from its sheet and the branch's members."""
    meeting.expected_count = expected_members(meeting.unit).count()
    meeting.present_count = Attendance.objects.filter(
        meeting=meeting, counts=True, status=AttendanceStatus.PRESENT
    ).count()
    Meeting.objects.filter(pk=meeting.pk).update(
        expected_count=meeting.expected_count, present_count=meeting.present_count
    )


def member_in_branch(unit: OrgUnit, member_id: int) -> Member:
    member = branch_members(unit).filter(pk=member_id).first()
    if member is None:
        raise ValidationFailed(
            _("Người này không sinh hoạt ở chi bộ %(name)s."), field="member", name=unit.name
        )
    return member


def clean_text(value: str, field: str, limit: int, *, required: bool = False) -> str:
    cleaned = " ".join(nfc(value or "").split())
    if required and not cleaned:
        raise ValidationFailed(_("Trường này không được để trống."), field=field)
    if len(cleaned) > limit:
        raise ValidationFailed(_("Dài quá %(n)s ký tự."), field=field, n=limit)
    return cleaned
