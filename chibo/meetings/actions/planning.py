"""Planning and preparing meetings: the year plan, a meeting's details and agenda, the
committee's agreement, the notice, the documents, and recording that it was held."""

from datetime import datetime, time, timedelta
from typing import Any
from urllib.parse import urlsplit

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from chibo.access.models import Grant
from chibo.access.policy import require
from chibo.access.roles import Perm, Role
from chibo.audit.recorder import diff, record, snapshot
from chibo.core.errors import Conflict, ValidationFailed
from chibo.core.text import nfc
from chibo.notifications.actions import notify
from chibo.notifications.models import NoticeKind
from chibo.org.models import OrgUnit

from .. import rules
from ..models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    CheckInMethod,
    Meeting,
    MeetingDocument,
    MeetingKind,
    MeetingStatus,
    YearPlan,
)
from .common import (
    expected_members,
    meeting_for_write,
    member_in_branch,
    recount,
    require_branch,
    require_future,
    require_open,
)

PLAN_START = time(14, 0)  # afternoon, as most branches meet after work hours of the morning
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
EDITABLE = (
    "kind",
    "title",
    "topic",
    "starts_at",
    "ends_at",
    "place",
    "video_url",
    "chair_id",
    "secretary_id",
)


def _title(kind: str, day: datetime) -> str:
    if kind == MeetingKind.THEMATIC:
        return _t("Sinh hoạt chuyên đề quý %(q)s/%(y)s") % {
            "q": (day.month - 1) // 3 + 1,
            "y": day.year,
        }
    return _t("Sinh hoạt chi bộ thường kỳ tháng %(m)02d/%(y)s") % {"m": day.month, "y": day.year}


def _clean_text(value: str, field: str, limit: int, *, required: bool = False) -> str:
    cleaned = " ".join(nfc(value or "").split())
    if required and not cleaned:
        raise ValidationFailed(_("Trường này không được để trống."), field=field)
    if len(cleaned) > limit:
        raise ValidationFailed(_("Dài quá %(n)s ký tự."), field=field, n=limit)
    return cleaned


def clean_video_url(url: str) -> str:
    """A link to an existing video service (Jitsi and the like): an https URL, nothing else."""
    url = (url or "").strip()
    if not url:
        return ""
    parts = urlsplit(url)
    if (
        parts.scheme != "https"
        or not parts.netloc
        or len(url) > 500
        or any(c.isspace() for c in url)
    ):
        raise ValidationFailed(
            _("Đường dẫn họp trực tuyến phải là địa chỉ https hợp lệ."), field="video_url"
        )
    return url


def _validate(meeting: Meeting, now: datetime) -> None:
    if meeting.kind not in MeetingKind.values:
        raise ValidationFailed(_("Loại cuộc họp không hợp lệ."), field="kind")
    require_future(meeting.starts_at, now)
    if meeting.ends_at <= meeting.starts_at:
        raise ValidationFailed(_("Giờ kết thúc phải sau giờ bắt đầu."), field="ends_at")
    law = rules.rule_on(meeting.starts_at.date())
    need = rules.required_minutes(meeting.kind, law)
    if not rules.duration_ok(meeting.kind, meeting.starts_at, meeting.ends_at, law):
        raise ValidationFailed(
            _("Thời lượng sinh hoạt phải ít nhất %(n)s phút (%(source)s)."),
            field="ends_at",
            n=need,
            source=law.source,
        )
    meeting.video_url = clean_video_url(meeting.video_url)
    if not meeting.place and not meeting.video_url:
        raise ValidationFailed(_("Cần ghi địa điểm hoặc đường dẫn họp trực tuyến."), field="place")
    for field in ("chair_id", "secretary_id"):
        member_id = getattr(meeting, field)
        if member_id is not None:
            member_in_branch(meeting.unit, member_id)


def generate_year_plan(
    *, actor: Any, unit: OrgUnit, year: int, now: datetime | None = None
) -> YearPlan:
    """The default plan of the year (12 regular, 4 thematic; rules.default_year_plan) from
    tomorrow on; each meeting is then edited one by one."""
    require(actor, Perm.MEETINGS_MANAGE, unit)
    require_branch(unit)
    now = now or timezone.now()
    if year < now.year or year > now.year + 1:
        raise ValidationFailed(_("Chỉ lập kế hoạch cho năm nay hoặc năm sau."), field="year")
    law = rules.rule_on(now.date())
    tz = timezone.get_current_timezone()
    try:
        with transaction.atomic():
            plan = YearPlan.objects.create(unit=unit, year=year, created_by=actor)
            meetings = []
            for item in rules.default_year_plan(year, after=timezone.localdate(now)):
                starts = datetime.combine(item.day, PLAN_START, tzinfo=tz)
                minutes = rules.required_minutes(item.kind, law) + 30
                meetings.append(
                    Meeting(
                        unit=unit,
                        plan=plan,
                        kind=item.kind,
                        title=_title(item.kind, starts),
                        starts_at=starts,
                        ends_at=starts + timedelta(minutes=minutes),
                        place=_t("Hội trường chi bộ"),
                        created_by=actor,
                    )
                )
            Meeting.objects.bulk_create(meetings)
            record(
                actor=actor,
                action="meetings.generate_year_plan",
                target=plan,
                unit=unit,
                changes={"year": [None, year], "meetings": [None, len(meetings)]},
            )
    except IntegrityError as exc:
        raise Conflict(
            _("Chi bộ đã có kế hoạch sinh hoạt năm %(year)s."), field="year", year=year
        ) from exc
    return plan


def create_meeting(
    *,
    actor: Any,
    unit: OrgUnit,
    kind: str,
    starts_at: datetime,
    ends_at: datetime,
    title: str = "",
    topic: str = "",
    place: str = "",
    video_url: str = "",
    chair_id: int | None = None,
    secretary_id: int | None = None,
    agenda: list[str] | None = None,
    now: datetime | None = None,
) -> Meeting:
    require(actor, Perm.MEETINGS_MANAGE, unit)
    require_branch(unit)
    now = now or timezone.now()
    meeting = Meeting(
        unit=unit,
        kind=kind,
        title=_clean_text(title, "title", 255) or _title(kind, starts_at.astimezone()),
        topic=(topic or "").strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        place=_clean_text(place, "place", 255),
        video_url=video_url,
        chair_id=chair_id,
        secretary_id=secretary_id,
        created_by=actor,
    )
    _validate(meeting, now)
    with transaction.atomic():
        plan = YearPlan.objects.filter(unit=unit, year=starts_at.astimezone().year).first()
        meeting.plan = plan
        meeting.save()
        AgendaItem.objects.bulk_create(
            AgendaItem(meeting=meeting, position=i, title=_clean_text(t, "agenda", 255))
            for i, t in enumerate((a for a in agenda or [] if a.strip()), start=1)
        )
        record(
            actor=actor,
            action="meetings.create",
            target=meeting,
            unit=unit,
            changes=diff({}, snapshot(meeting, ["kind", "title", "starts_at", "ends_at"])),
        )
    return meeting


def update_meeting(
    *, actor: Any, meeting_id: int, now: datetime | None = None, **changes: Any
) -> Meeting:
    """Edit a meeting not yet held (its date, place, chair, ...)."""
    now = now or timezone.now()
    with transaction.atomic():
        meeting = meeting_for_write(actor, meeting_id, lock=True)
        require_open(meeting)
        if meeting.status == MeetingStatus.HELD:
            raise Conflict(_("Cuộc họp đã diễn ra; không sửa kế hoạch được nữa."))
        unknown = set(changes) - set(EDITABLE)
        if unknown:
            raise ValidationFailed(_("Trường không sửa được."), field=sorted(unknown)[0])
        before = snapshot(meeting, list(EDITABLE))
        for field, value in changes.items():
            if field in ("title", "place"):
                value = _clean_text(value, field, 255, required=field == "title")
            setattr(meeting, field, value)
        _validate(meeting, now)
        meeting.save()
        record(
            actor=actor,
            action="meetings.update",
            target=meeting,
            unit=meeting.unit,
            changes=diff(before, snapshot(meeting, list(EDITABLE))),
        )
    return meeting


def cancel_meeting(*, actor: Any, meeting_id: int, reason: str) -> Meeting:
    with transaction.atomic():
        meeting = meeting_for_write(actor, meeting_id, lock=True)
        if meeting.status in (MeetingStatus.HELD, MeetingStatus.CANCELLED):
            raise Conflict(_("Cuộc họp đã diễn ra hoặc đã hủy."))
        reason = _clean_text(reason, "reason", 255, required=True)
        meeting.status = MeetingStatus.CANCELLED
        meeting.save(update_fields=["status"])
        record(
            actor=actor,
            action="meetings.cancel",
            target=meeting,
            unit=meeting.unit,
            changes={"status": ["planned", "cancelled"], "reason": reason},
        )
    return meeting


def add_agenda_item(*, actor: Any, meeting_id: int, title: str, presenter: str = "") -> AgendaItem:
    with transaction.atomic():
        meeting = meeting_for_write(actor, meeting_id, lock=True)
        require_open(meeting)
        if meeting.status == MeetingStatus.HELD:
            raise Conflict(_("Cuộc họp đã diễn ra."))
        last = meeting.agenda.order_by("-position").values_list("position", flat=True).first()
        item = AgendaItem.objects.create(
            meeting=meeting,
            position=(last or 0) + 1,
            title=_clean_text(title, "title", 255, required=True),
            presenter=_clean_text(presenter, "presenter", 120),
        )
        record(
            actor=actor,
            action="meetings.add_agenda_item",
            target=meeting,
            unit=meeting.unit,
            changes={"agenda": [None, item.title]},
        )
    return item


def agree_content(*, actor: Any, meeting_id: int, now: datetime | None = None) -> Meeting:
    """The branch committee agreed the content (HD 42-HD/BTCTW: the first step of preparation)."""
    now = now or timezone.now()
    with transaction.atomic():
        meeting = meeting_for_write(actor, meeting_id, lock=True)
        require_open(meeting)
        if meeting.content_agreed_at:
            raise Conflict(_("Chi ủy đã thống nhất nội dung cuộc họp này."))
        if not meeting.agenda.exists() and not meeting.topic:
            raise ValidationFailed(
                _("Cần có nội dung hoặc chương trình họp trước khi chi ủy thống nhất."),
                field="topic",
            )
        meeting.content_agreed_at = now
        meeting.save(update_fields=["content_agreed_at"])
        record(
            actor=actor,
            action="meetings.agree_content",
            target=meeting,
            unit=meeting.unit,
            changes={"content_agreed_at": [None, now]},
        )
    return meeting


def _higher_committee_users(unit: OrgUnit) -> list[int]:
    parent = OrgUnit.objects.get_parent(unit)
    if parent is None:
        return []
    return list(
        Grant.objects.filter(unit=parent, role__in=(Role.COMMITTEE_STAFF, Role.LEADER)).values_list(
            "user_id", flat=True
        )
    )


def send_notice(*, actor: Any, meeting_id: int, now: datetime | None = None) -> int:
    """The notice of time, place and content to members and the higher committee, in the app and
    by e-mail. Returns how many people were notified."""
    now = now or timezone.now()
    with transaction.atomic():
        meeting = meeting_for_write(actor, meeting_id, lock=True)
        require_open(meeting)
        if meeting.status == MeetingStatus.HELD:
            raise Conflict(_("Cuộc họp đã diễn ra."))
        if not meeting.content_agreed_at:
            raise Conflict(_("Chi ủy chưa thống nhất nội dung; chưa gửi thông báo được."))
        require_future(meeting.starts_at, now)
        members = list(
            expected_members(meeting.unit)
            .filter(user__isnull=False)
            .values_list("user_id", flat=True)
        )
        recipients = sorted(set(members) | set(_higher_committee_users(meeting.unit)))
        local = meeting.starts_at.astimezone()
        where = meeting.place or meeting.video_url
        sent = notify(
            recipients=recipients,
            kind=NoticeKind.MEETING,
            title=_t("Thông báo %(title)s") % {"title": meeting.title},
            body=_t("%(unit)s họp lúc %(at)s tại %(place)s. Nội dung: %(topic)s")
            % {
                "unit": meeting.unit.name,
                "at": f"{local:%H:%M %d/%m/%Y}",
                "place": where,
                "topic": meeting.topic or ", ".join(meeting.agenda.values_list("title", flat=True)),
            },
            url=reverse("meetings:detail", args=[meeting.pk]),
            email=True,
        )
        first = meeting.notice_sent_at is None
        meeting.notice_sent_at = now
        meeting.status = MeetingStatus.NOTIFIED
        meeting.save(update_fields=["notice_sent_at", "status"])
        record(
            actor=actor,
            action="meetings.send_notice",
            target=meeting,
            unit=meeting.unit,
            changes={"recipients": [None, sent], "again": [None, not first]},
        )
    return sent


def post_document(
    *,
    actor: Any,
    meeting_id: int,
    title: str,
    file: UploadedFile | None = None,
    now: datetime | None = None,
) -> MeetingDocument:
    """Post a document for the meeting. The first posting dates the documents; posted less than
    the required day before the start, the meeting records it as late (HD 42-HD/BTCTW)."""
    now = now or timezone.now()
    if file is not None and file.size and file.size > MAX_DOCUMENT_BYTES:
        raise ValidationFailed(_("Tệp lớn quá 20 MB."), field="file")
    with transaction.atomic():
        meeting = meeting_for_write(actor, meeting_id, lock=True)
        require_open(meeting)
        document = MeetingDocument(
            meeting=meeting, title=_clean_text(title, "title", 255, required=True), posted_by=actor
        )
        if file is not None:
            document.file = file
        document.save()
        changes: dict[str, Any] = {"document": [None, document.title]}
        if meeting.documents_posted_at is None:
            law = rules.rule_on(meeting.starts_at.date())
            meeting.documents_posted_at = now
            meeting.documents_late = not rules.documents_on_time(now, meeting.starts_at, law)
            meeting.save(update_fields=["documents_posted_at", "documents_late"])
            changes["documents_late"] = [None, meeting.documents_late]
        record(
            actor=actor,
            action="meetings.post_document",
            target=meeting,
            unit=meeting.unit,
            changes=changes,
        )
    return document


def record_held(
    *,
    actor: Any,
    meeting_id: int,
    actual_start: datetime,
    actual_end: datetime,
    now: datetime | None = None,
) -> Meeting:
    """The meeting took place: its real times (the duration is checked by the warnings), and
    every expected member not on the sheet is recorded absent without reason."""
    now = now or timezone.now()
    if actual_end <= actual_start:
        raise ValidationFailed(_("Giờ kết thúc phải sau giờ bắt đầu."), field="actual_end")
    if actual_start > now:
        raise ValidationFailed(_("Chưa thể ghi nhận cuộc họp chưa diễn ra."), field="actual_start")
    with transaction.atomic():
        meeting = meeting_for_write(actor, meeting_id, lock=True)
        require_open(meeting)
        before = snapshot(meeting, ["status", "actual_start", "actual_end"])
        meeting.actual_start, meeting.actual_end = actual_start, actual_end
        meeting.status = MeetingStatus.HELD
        meeting.save(update_fields=["actual_start", "actual_end", "status"])
        on_sheet = set(meeting.attendance.values_list("member_id", flat=True))
        Attendance.objects.bulk_create(
            Attendance(
                meeting=meeting,
                member_id=member_id,
                status=AttendanceStatus.UNEXCUSED,
                method=CheckInMethod.SECRETARY,
                counts=True,
            )
            for member_id in expected_members(meeting.unit).values_list("pk", flat=True)
            if member_id not in on_sheet
        )
        recount(meeting)
        record(
            actor=actor,
            action="meetings.record_held",
            target=meeting,
            unit=meeting.unit,
            changes=diff(before, snapshot(meeting, ["status", "actual_start", "actual_end"])),
        )
    return meeting
