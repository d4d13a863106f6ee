"""Planning and preparing meetings: the year plan, a meeting's details and agenda, the
committee's agreement, the notice, the documents, and recording that it was held."""

from datetime import datetime, time, timedelta
from typing import Any
from urllib.parse import urlsplit

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import require
from chibo.access.roles import Perm
from chibo.audit.recorder import diff, record, snapshot
from chibo.core.errors import Conflict, ValidationFailed
from chibo.org.models import OrgUnit

from .. import rules
from ..models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    CheckInMethod,
    Meeting,
    MeetingKind,
    MeetingStatus,
    YearPlan,
)
from .common import (
    clean_text,
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
    law = rules.rule_on(timezone.localdate(meeting.starts_at))
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
    law = rules.rule_on(timezone.localdate(now))
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
        title=clean_text(title, "title", 255) or _title(kind, starts_at.astimezone()),
        topic=(topic or "").strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        place=clean_text(place, "place", 255),
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
            AgendaItem(meeting=meeting, position=i, title=clean_text(t, "agenda", 255))
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
                value = clean_text(value, field, 255, required=field == "title")
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
        reason = clean_text(reason, "reason", 255, required=True)
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
            title=clean_text(title, "title", 255, required=True),
            presenter=clean_text(presenter, "presenter", 120),
        )
        record(
            actor=actor,
            action="meetings.add_agenda_item",
            target=meeting,
            unit=meeting.unit,
            changes={"agenda": [None, item.title]},
        )
    return item


def record_held(
    *,
    actor: Any,
    meeting_id: int,
    actual_start: datetime,
    actual_end: datetime,
    now: datetime | None = None,
) -> Meeting:
    """The meeting took place: its real times (the duration is checked by the warnings), and
    every expected member not on the sheet is recorded absent without reason.

    The times must be plausible: the start within `HELD_WINDOW_DAYS` days of the scheduled day,
    the end after the start and at most `MAX_MEETING_LENGTH` later, nothing in the future.
    Recording a held meeting again corrects its times only: the sheet and its counts stay.
    """
    now = now or timezone.now()
    actual_start, actual_end = _aware(actual_start), _aware(actual_end)
    with transaction.atomic():
        meeting = meeting_for_write(actor, meeting_id, lock=True)
        require_open(meeting)
        _check_held_times(meeting, actual_start, actual_end, now)
        again = meeting.status == MeetingStatus.HELD
        before = snapshot(meeting, ["status", "actual_start", "actual_end"])
        meeting.actual_start, meeting.actual_end = actual_start, actual_end
        meeting.status = MeetingStatus.HELD
        meeting.save(update_fields=["actual_start", "actual_end", "status"])
        if not again:
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


# Not regulations but plausibility limits on what a secretary types: a meeting may be moved to
# the day before or after its scheduled day (a holiday, a storm), never further without being
# rescheduled first; no branch meeting lasts longer than a working day.
HELD_WINDOW_DAYS = 1
MAX_MEETING_LENGTH = timedelta(hours=12)


def _aware(moment: datetime) -> datetime:
    """A time given without its zone is the local time (Asia/Ho_Chi_Minh)."""
    if timezone.is_naive(moment):
        return timezone.make_aware(moment, timezone.get_current_timezone())
    return moment


def _check_held_times(
    meeting: Meeting, actual_start: datetime, actual_end: datetime, now: datetime
) -> None:
    scheduled = timezone.localdate(meeting.starts_at)
    started = timezone.localdate(actual_start)
    if abs((started - scheduled).days) > HELD_WINDOW_DAYS:
        raise ValidationFailed(
            _("Giờ bắt đầu thực tế phải cách ngày họp dự kiến (%(d)s) không quá một ngày."),
            field="actual_start",
            d=f"{scheduled:%d/%m/%Y}",
        )
    if actual_end <= actual_start:
        raise ValidationFailed(_("Giờ kết thúc phải sau giờ bắt đầu."), field="actual_end")
    if actual_end - actual_start > MAX_MEETING_LENGTH:
        raise ValidationFailed(
            _("Cuộc họp không thể kéo dài quá %(n)s giờ."),
            field="actual_end",
            n=int(MAX_MEETING_LENGTH.total_seconds() // 3600),
        )
    if actual_start > now:
        raise ValidationFailed(_("Chưa thể ghi nhận cuộc họp chưa diễn ra."), field="actual_start")
