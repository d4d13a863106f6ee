"""Attendance: the secretary's sheet, the QR check-in code and a member's own check-in."""

import secrets
from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import in_scope, member_of
from chibo.audit.recorder import record
from chibo.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from chibo.core.text import nfc
from chibo.members.models import Member

from ..models import (
    Attendance,
    AttendanceStatus,
    CheckInMethod,
    CheckInToken,
    Meeting,
    MeetingStatus,
)
from .common import (
    branch_members,
    counts_for,
    meeting_for_write,
    member_in_branch,
    recount,
    require_open,
)

# The code can be shown from this long before the start, and stays valid this long after the end.
CHECK_IN_OPENS_BEFORE = timedelta(hours=2)
CHECK_IN_CLOSES_AFTER = timedelta(minutes=30)


def issue_check_in_token(
    *, actor: Any, meeting_id: int, now: datetime | None = None
) -> CheckInToken:
    """A fresh random code for the QR the secretary shows; valid until 30 minutes after the end."""
    now = now or timezone.now()
    with transaction.atomic():
        meeting = meeting_for_write(actor, meeting_id, lock=True)
        require_open(meeting)
        if now < meeting.starts_at - CHECK_IN_OPENS_BEFORE:
            raise Conflict(
                _("Chỉ mở điểm danh trong vòng 2 giờ trước giờ họp (%(at)s)."),
                at=f"{meeting.starts_at.astimezone():%H:%M %d/%m/%Y}",
            )
        end = max(meeting.actual_end or meeting.ends_at, now) + CHECK_IN_CLOSES_AFTER
        token = CheckInToken.objects.create(
            meeting=meeting, token=secrets.token_urlsafe(24), expires_at=end
        )
        recount(meeting)
        record(
            actor=actor,
            action="meetings.issue_check_in_token",
            target=meeting,
            unit=meeting.unit,
            changes={"expires_at": [None, end]},
        )
    return token


def _attends(member: Member, meeting: Meeting) -> bool:
    return meeting.unit_id in (member.unit_id, member.temporary_unit_id)


def check_in(*, actor: Any, meeting_id: int, token: str, now: datetime | None = None) -> Attendance:
    """The member checks themself in with the code of the QR the secretary shows.

    Refused with the reason: an expired or wrong code, a meeting of another branch (a member
    checks in only where they attend: their branch, or the branch they are temporarily in).
    A meeting the actor neither attends nor reaches is not found (404), as for a GET, before
    the code is looked at: the answer names nothing outside the actor's scope.
    """
    meeting = Meeting.objects.select_related("unit").filter(pk=meeting_id).first()
    if meeting is None:
        raise NotFound(_("Không tìm thấy cuộc họp."))
    code = CheckInToken.objects.filter(meeting=meeting, token=str(token)[:64]).first()
    return _check_in(actor, meeting, code, now or timezone.now())


def check_in_by_token(*, actor: Any, token: str, now: datetime | None = None) -> Attendance:
    """The URL in the QR code carries only the code: its meeting comes with it (one query)."""
    code = (
        CheckInToken.objects.select_related("meeting__unit").filter(token=str(token)[:64]).first()
    )
    if code is None:
        raise ValidationFailed(_("Mã điểm danh không đúng hoặc đã bị thay."), field="token")
    return _check_in(actor, code.meeting, code, now or timezone.now())


def _check_in(actor: Any, meeting: Meeting, code: CheckInToken | None, now: datetime) -> Attendance:
    member = member_of(actor)
    attends = member is not None and _attends(member, meeting)
    if not attends and not in_scope(actor, meeting.unit):
        raise NotFound(_("Không tìm thấy cuộc họp."))
    if member is None:
        raise Forbidden(_("Tài khoản của bạn chưa gắn với hồ sơ đảng viên nên không tự điểm danh."))
    if not attends:
        raise Forbidden(_("Mã QR này là của cuộc họp một chi bộ khác; bạn không sinh hoạt ở đó."))
    if code is None:
        if not CheckInToken.objects.filter(meeting=meeting, expires_at__gt=now).exists():
            # Nothing to match yet: say so, not "wrong code" (issue 17).
            raise ValidationFailed(
                _("Cuộc họp chưa mở điểm danh: thư ký chi bộ mở mã QR khi cuộc họp bắt đầu."),
                field="token",
            )
        raise ValidationFailed(_("Mã điểm danh không đúng."), field="token")
    if code.expires_at <= now:
        raise ValidationFailed(
            _("Mã QR đã hết hạn lúc %(at)s; đề nghị thư ký chi bộ mở mã mới."),
            field="token",
            at=f"{code.expires_at.astimezone():%H:%M %d/%m/%Y}",
        )
    if meeting.status == MeetingStatus.CANCELLED:
        raise Conflict(_("Cuộc họp đã hủy."))
    counts = counts_for(member, meeting.unit)
    fields = {
        "status": AttendanceStatus.PRESENT,
        "reason": "",
        "checked_in_at": now,
        "method": CheckInMethod.QR,
        "counts": counts,
    }
    with transaction.atomic():
        was = None
        try:
            # Most check-ins are the member's first mark on the sheet: insert straight away.
            with transaction.atomic():
                attendance = Attendance.objects.create(meeting=meeting, member=member, **fields)
        except IntegrityError:  # already on the sheet (or the member's second phone)
            attendance = Attendance.objects.select_for_update().get(meeting=meeting, member=member)
            if attendance.status == AttendanceStatus.PRESENT:
                return attendance
            was = attendance.status
            for name, value in fields.items():
                setattr(attendance, name, value)
            attendance.save(update_fields=list(fields))
        if counts:
            Meeting.objects.filter(pk=meeting.pk).update(present_count=F("present_count") + 1)
        record(
            actor=actor,
            action="meetings.check_in",
            target=meeting,
            unit=meeting.unit,
            changes={"member": [None, member.pk], "status": [was, AttendanceStatus.PRESENT]},
        )
    return attendance


def record_attendance(
    *,
    actor: Any,
    meeting_id: int,
    member_id: int,
    status: str,
    reason: str = "",
    now: datetime | None = None,
) -> Attendance:
    """The secretary records a member present, excused (with the reason) or absent."""
    now = now or timezone.now()
    if status not in AttendanceStatus.values:
        raise ValidationFailed(_("Trạng thái điểm danh không hợp lệ."), field="status")
    reason = " ".join(nfc(reason or "").split())[:255]
    if status == AttendanceStatus.EXCUSED and not reason:
        raise ValidationFailed(_("Vắng có lý do thì cần ghi lý do."), field="reason")
    with transaction.atomic():
        meeting = meeting_for_write(actor, meeting_id, lock=True)
        require_open(meeting)
        if now < meeting.starts_at - CHECK_IN_OPENS_BEFORE and status == AttendanceStatus.PRESENT:
            raise Conflict(_("Cuộc họp chưa bắt đầu; chưa thể ghi có mặt."))
        member = member_in_branch(meeting.unit, member_id)
        attendance = Attendance.objects.filter(meeting=meeting, member=member).first()
        was = attendance.status if attendance else None
        if attendance is None:
            attendance = Attendance(meeting=meeting, member=member)
        attendance.status = status
        attendance.reason = reason if status != AttendanceStatus.PRESENT else ""
        attendance.method = CheckInMethod.SECRETARY
        attendance.counts = counts_for(member, meeting.unit)
        if status == AttendanceStatus.PRESENT and attendance.checked_in_at is None:
            attendance.checked_in_at = now
        attendance.save()
        recount(meeting)
        record(
            actor=actor,
            action="meetings.record_attendance",
            target=meeting,
            unit=meeting.unit,
            changes={"member": [None, member.pk], "status": [was, status]},
        )
    return attendance


def mark_everyone_present(*, actor: Any, meeting_id: int, now: datetime | None = None) -> int:
    """ "Everyone present" (issue 17): every member who attends the branch and has no mark yet
    is recorded present by the secretary; marks already made (excused, absent, checked in) stay.
    One audit event with the count and the members. Returns how many were marked."""
    now = now or timezone.now()
    with transaction.atomic():
        meeting = meeting_for_write(actor, meeting_id, lock=True)
        require_open(meeting)
        if now < meeting.starts_at - CHECK_IN_OPENS_BEFORE:
            raise Conflict(_("Cuộc họp chưa bắt đầu; chưa thể ghi có mặt."))
        marked = set(Attendance.objects.filter(meeting=meeting).values_list("member_id", flat=True))
        members = [m for m in branch_members(meeting.unit) if m.pk not in marked]
        Attendance.objects.bulk_create(
            Attendance(
                meeting=meeting,
                member=m,
                status=AttendanceStatus.PRESENT,
                reason="",
                checked_in_at=now,
                method=CheckInMethod.SECRETARY,
                counts=counts_for(m, meeting.unit),
            )
            for m in members
        )
        recount(meeting)
        record(
            actor=actor,
            action="meetings.mark_everyone_present",
            target=meeting,
            unit=meeting.unit,
            changes={"members": [None, len(members)], "present": [None, [m.pk for m in members]]},
        )
    return len(members)


__all__ = [
    "check_in",
    "check_in_by_token",
    "issue_check_in_token",
    "mark_everyone_present",
    "record_attendance",
]
