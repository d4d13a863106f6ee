"""Minutes (biên bản): drafted, signed by the chair and the secretary, then locked; a change
after signing is a new version with its reason, and the signed one stays as it was."""

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chibo.audit.recorder import diff, record, snapshot
from chibo.core.errors import Conflict, Forbidden, ValidationFailed
from chibo.core.text import nfc

from ..models import AttendanceStatus, Meeting, MeetingStatus, Minutes
from .common import meeting_for_write

TEXT_FIELDS = ("place", "chair_name", "secretary_name", "content", "opinions", "conclusions")
FIELDS = (*TEXT_FIELDS, "started_at", "ended_at", "votes")
COPIED = (
    *FIELDS,
    "expected_count",
    "present_count",
    "excused_count",
    "unexcused_count",
)
MAX_TEXT = 50_000


def _clean_votes(votes: Any, present: int) -> list[dict[str, Any]]:
    if not isinstance(votes, list):
        raise ValidationFailed(_("Biểu quyết phải là một danh sách."), field="votes")
    cleaned = []
    for vote in votes:
        if not isinstance(vote, dict):
            raise ValidationFailed(_("Biểu quyết không hợp lệ."), field="votes")
        title = " ".join(nfc(str(vote.get("title", ""))).split())[:255]
        counts = []
        for key in ("votes_for", "votes_against", "abstain"):
            value = vote.get(key, 0)
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ValidationFailed(_("Số phiếu phải là số nguyên không âm."), field="votes")
            counts.append(value)
        if not title:
            raise ValidationFailed(_("Cần ghi nội dung được biểu quyết."), field="votes")
        if sum(counts) > present:
            raise ValidationFailed(
                _("Tổng số biểu quyết (%(n)s) vượt số đảng viên có mặt (%(present)s)."),
                field="votes",
                n=sum(counts),
                present=present,
            )
        entry: dict[str, Any] = {"title": title}
        entry.update(zip(("votes_for", "votes_against", "abstain"), counts, strict=True))
        cleaned.append(entry)
    return cleaned


def _draft_from(meeting: Meeting, actor: Any) -> Minutes:
    counts = dict.fromkeys(AttendanceStatus.values, 0)
    for status in meeting.attendance.filter(counts=True).values_list("status", flat=True):
        counts[status] += 1
    return Minutes(
        meeting=meeting,
        version=1,
        started_at=meeting.actual_start or meeting.starts_at,
        ended_at=meeting.actual_end or meeting.ends_at,
        place=meeting.place or meeting.video_url,
        chair_name=meeting.chair.full_name if meeting.chair else "",
        secretary_name=meeting.secretary.full_name if meeting.secretary else "",
        expected_count=meeting.expected_count,
        present_count=counts[AttendanceStatus.PRESENT],
        excused_count=counts[AttendanceStatus.EXCUSED],
        unexcused_count=counts[AttendanceStatus.UNEXCUSED],
        created_by=actor,
    )


def latest_minutes(meeting: Meeting) -> Minutes | None:
    return meeting.minutes.order_by("-version").first()


def save_minutes(*, actor: Any, meeting_id: int, **fields: Any) -> Minutes:
    """Write the draft of the minutes (the first call starts it from the meeting's record).
    A signed version is locked: edit it through `revise_minutes`."""
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise ValidationFailed(_("Trường không sửa được."), field=sorted(unknown)[0])
    with transaction.atomic():
        meeting = meeting_for_write(actor, meeting_id, lock=True)
        if meeting.status != MeetingStatus.HELD:
            raise Conflict(_("Chỉ lập biên bản sau khi đã ghi nhận cuộc họp diễn ra."))
        minutes = latest_minutes(meeting) or _draft_from(meeting, actor)
        if minutes.is_locked:
            raise Conflict(
                _(
                    "Biên bản phiên bản %(v)s đã ký nên không sửa được; lập phiên bản mới "
                    "(ghi rõ lý do) để sửa."
                ),
                v=minutes.version,
            )
        before = snapshot(minutes, list(FIELDS)) if minutes.pk else {}
        for field, value in fields.items():
            if field in TEXT_FIELDS:
                value = nfc(value or "").strip()
                if len(value) > MAX_TEXT:
                    raise ValidationFailed(_("Nội dung quá dài."), field=field)
            elif field == "votes":
                value = _clean_votes(value, minutes.present_count)
            elif (
                field in ("started_at", "ended_at")
                and value is not None
                and not isinstance(value, datetime)
            ):
                raise ValidationFailed(_("Thời gian không hợp lệ."), field=field)
            setattr(minutes, field, value)
        if minutes.started_at and minutes.ended_at and minutes.ended_at <= minutes.started_at:
            raise ValidationFailed(_("Giờ kết thúc phải sau giờ bắt đầu."), field="ended_at")
        minutes.save()
        record(
            actor=actor,
            action="meetings.save_minutes",
            target=minutes,
            unit=meeting.unit,
            changes=diff(before, snapshot(minutes, list(FIELDS))),
        )
    return minutes


def revise_minutes(*, actor: Any, meeting_id: int, reason: str) -> Minutes:
    """A new draft version copied from the signed one, with the reason for the change."""
    reason = " ".join(nfc(reason or "").split())[:255]
    if not reason:
        raise ValidationFailed(_("Cần ghi lý do lập phiên bản mới."), field="reason")
    with transaction.atomic():
        meeting = meeting_for_write(actor, meeting_id, lock=True)
        current = latest_minutes(meeting)
        if current is None:
            raise Conflict(_("Chưa có biên bản."))
        if not current.is_locked:
            raise Conflict(_("Biên bản hiện tại chưa ký; sửa trực tiếp được."))
        revised = Minutes(
            meeting=meeting,
            version=current.version + 1,
            revision_reason=reason,
            created_by=actor,
            **{f: getattr(current, f) for f in COPIED},
        )
        revised.save()
        record(
            actor=actor,
            action="meetings.revise_minutes",
            target=revised,
            unit=meeting.unit,
            changes={"version": [current.version, revised.version], "reason": reason},
        )
    return revised


def sign_minutes(
    *, actor: Any, meeting_id: int, as_role: str, now: datetime | None = None
) -> Minutes:
    """The chair or the secretary signs the latest version (user and time are kept). Where the
    chair (secretary) of the meeting has a login, only that person signs in that role."""
    now = now or timezone.now()
    if as_role not in ("chair", "secretary"):
        raise ValidationFailed(_("Chỉ chủ trì hoặc thư ký ký biên bản."), field="as_role")
    with transaction.atomic():
        meeting = meeting_for_write(actor, meeting_id, lock=True)
        minutes = latest_minutes(meeting)
        if minutes is None:
            raise Conflict(_("Chưa có biên bản để ký."))
        person = meeting.chair if as_role == "chair" else meeting.secretary
        if person is not None and person.user_id is not None and person.user_id != actor.pk:
            raise Forbidden(_("Chỉ %(name)s ký biên bản với tư cách này."), name=person.full_name)
        if getattr(minutes, f"{as_role}_signed_at"):
            raise Conflict(_("Biên bản đã được ký với tư cách này."))
        if not minutes.content.strip() or not minutes.conclusions.strip():
            raise ValidationFailed(
                _("Biên bản cần có nội dung và kết luận trước khi ký."), field="content"
            )
        setattr(minutes, f"{as_role}_signed_by", actor)
        setattr(minutes, f"{as_role}_signed_at", now)
        minutes.save(update_fields=[f"{as_role}_signed_by", f"{as_role}_signed_at"])
        record(
            actor=actor,
            action="meetings.sign_minutes",
            target=minutes,
            unit=meeting.unit,
            changes={f"{as_role}_signed_at": [None, now], "version": minutes.version},
        )
    return minutes
