"""The congress itself: creating it, its sessions and committees, opening and closing it."""

from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import require
from chibo.access.roles import Perm
from chibo.audit.recorder import diff, record, snapshot
from chibo.core.errors import Conflict, NotFound, ValidationFailed
from chibo.core.text import nfc
from chibo.org.models import OrgUnit

from ..models import (
    CommitteeKind,
    CommitteeMember,
    CommitteeRole,
    Congress,
    CongressKind,
    CongressStatus,
    CredentialsStatus,
    Delegate,
    Session,
    SessionKind,
)
from .common import congress_for_write, require_not_closed


def create_congress(
    *,
    actor: Any,
    unit: OrgUnit,
    kind: str,
    title: str,
    term_start: int,
    term_end: int,
    starts_on: date,
    ends_on: date,
    cutoff_on: date,
    place: str = "",
    planned_delegates: int = 0,
) -> Congress:
    require(actor, Perm.CONGRESSES_MANAGE, unit)
    title = nfc(title).strip()
    if not title:
        raise ValidationFailed(_("Nhập tên đại hội."), field="title")
    if kind not in CongressKind.values:
        raise ValidationFailed(_("Chọn hình thức đại hội."), field="kind")
    if term_end <= term_start:
        raise ValidationFailed(_("Năm cuối nhiệm kỳ phải sau năm đầu."), field="term_end")
    if ends_on < starts_on:
        raise ValidationFailed(_("Ngày bế mạc không được trước ngày khai mạc."), field="ends_on")
    if cutoff_on > starts_on:
        raise ValidationFailed(
            _("Ngày chốt danh sách đảng viên phải trước ngày khai mạc."), field="cutoff_on"
        )
    if kind == CongressKind.DELEGATES and planned_delegates <= 0:
        raise ValidationFailed(
            _("Đại hội đại biểu cần số đại biểu chính thức được triệu tập."),
            field="planned_delegates",
        )
    if not unit.is_active:
        raise Conflict(_("Đơn vị %(name)s không còn hoạt động."), name=unit.name)
    with transaction.atomic():
        if Congress.objects.filter(unit=unit, term_start=term_start).exists():
            raise Conflict(
                _("%(unit)s đã có đại hội nhiệm kỳ bắt đầu năm %(year)s."),
                field="term_start",
                unit=unit.name,
                year=term_start,
            )
        congress = Congress.objects.create(
            unit=unit,
            kind=kind,
            title=title,
            term_start=term_start,
            term_end=term_end,
            starts_on=starts_on,
            ends_on=ends_on,
            cutoff_on=cutoff_on,
            place=nfc(place).strip(),
            planned_delegates=planned_delegates if kind == CongressKind.DELEGATES else 0,
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        record(actor=actor, action="congresses.create_congress", target=congress, unit=unit)
    return congress


def add_session(
    *,
    actor: Any,
    congress_id: int,
    kind: str,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
) -> Session:
    with transaction.atomic():
        congress = congress_for_write(actor, congress_id, lock=True)
        require_not_closed(congress)
        if kind not in SessionKind.values:
            raise ValidationFailed(_("Chọn loại phiên họp."), field="kind")
        if ends_at <= starts_at:
            raise ValidationFailed(_("Giờ kết thúc phải sau giờ bắt đầu."), field="ends_at")
        local_day = timezone.localtime(starts_at).date()
        if not congress.starts_on <= local_day <= congress.ends_on:
            raise ValidationFailed(
                _("Phiên họp phải trong thời gian đại hội (%(start)s - %(end)s)."),
                field="starts_at",
                start=f"{congress.starts_on:%d/%m/%Y}",
                end=f"{congress.ends_on:%d/%m/%Y}",
            )
        number = Session.objects.filter(congress=congress).count() + 1
        session = Session.objects.create(
            congress=congress,
            number=number,
            kind=kind,
            title=nfc(title).strip() or str(SessionKind(kind).label),
            starts_at=starts_at,
            ends_at=ends_at,
        )
        record(
            actor=actor,
            action="congresses.add_session",
            target=session,
            unit=congress.unit,
            changes={"congress": congress.pk, "starts_at": starts_at},
        )
    return session


def add_committee_member(
    *, actor: Any, congress_id: int, committee: str, delegate_id: int, role: str
) -> CommitteeMember:
    """Presidium, secretariat, credentials or counting committee: one delegate on it."""
    with transaction.atomic():
        congress = congress_for_write(actor, congress_id, lock=True)
        require_not_closed(congress)
        if committee not in CommitteeKind.values:
            raise ValidationFailed(_("Chọn ban của đại hội."), field="committee")
        if role not in CommitteeRole.values:
            raise ValidationFailed(_("Chọn vai trò trong ban."), field="role")
        delegate = Delegate.objects.filter(pk=delegate_id, congress=congress).first()
        if delegate is None:
            raise ValidationFailed(_("Chọn một đại biểu của đại hội này."), field="delegate")
        if delegate.is_replaced or delegate.credentials == CredentialsStatus.REJECTED:
            raise Conflict(
                _("Đại biểu số %(number)s không còn tư cách đại biểu."),
                field="delegate",
                number=delegate.number,
            )
        rows = CommitteeMember.objects.filter(congress=congress, committee=committee)
        if rows.filter(delegate=delegate).exists():
            raise Conflict(
                _("Đại biểu số %(number)s đã ở trong %(committee)s."),
                field="delegate",
                number=delegate.number,
                committee=CommitteeKind(committee).label,
            )
        if role == CommitteeRole.HEAD and rows.filter(role=CommitteeRole.HEAD).exists():
            raise Conflict(
                _("%(committee)s đã có trưởng ban."),
                field="role",
                committee=CommitteeKind(committee).label,
            )
        row = CommitteeMember.objects.create(
            congress=congress,
            committee=committee,
            delegate=delegate,
            role=role,
            position=rows.count() + 1,
        )
        record(
            actor=actor,
            action="congresses.add_committee_member",
            target=row,
            unit=congress.unit,
            changes={"committee": committee, "delegate": delegate.pk, "role": role},
        )
    return row


def remove_committee_member(*, actor: Any, congress_id: int, row_id: int) -> None:
    with transaction.atomic():
        congress = congress_for_write(actor, congress_id, lock=True)
        require_not_closed(congress)
        row = CommitteeMember.objects.filter(pk=row_id, congress=congress).first()
        if row is None:
            raise NotFound(_("Không tìm thấy thành viên ban."))
        record(
            actor=actor,
            action="congresses.remove_committee_member",
            target=row,
            unit=congress.unit,
            changes={"committee": row.committee, "delegate": row.delegate_id},
        )
        row.delete()


_STATUS_ORDER = [CongressStatus.PREPARING, CongressStatus.IN_SESSION, CongressStatus.CLOSED]


def set_congress_status(*, actor: Any, congress_id: int, status: str) -> Congress:
    """Preparing → in session → closed, one step at a time, never back."""
    with transaction.atomic():
        congress = congress_for_write(actor, congress_id, lock=True)
        if status not in CongressStatus.values:
            raise ValidationFailed(_("Trạng thái không hợp lệ."), field="status")
        now_at = _STATUS_ORDER.index(CongressStatus(congress.status))
        if _STATUS_ORDER.index(CongressStatus(status)) != now_at + 1:
            raise Conflict(
                _("Không chuyển được đại hội từ “%(now)s” sang “%(to)s”."),
                now=CongressStatus(congress.status).label,
                to=CongressStatus(status).label,
            )
        before = snapshot(congress, ["status"])
        congress.status = status
        congress.save(update_fields=["status"])
        record(
            actor=actor,
            action="congresses.set_congress_status",
            target=congress,
            unit=congress.unit,
            changes=diff(before, snapshot(congress, ["status"])),
        )
    return congress
