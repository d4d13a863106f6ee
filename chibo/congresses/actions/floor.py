"""Delegates' written questions and requests to speak; the presidium's speakers list."""

from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chibo.access.roles import Perm
from chibo.audit.recorder import diff, record, snapshot
from chibo.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from chibo.core.text import nfc

from ..models import (
    AgendaItem,
    Congress,
    CongressStatus,
    Delegate,
    FloorRequest,
    RequestKind,
    RequestStatus,
)
from .common import congress_for_write

MAX_TEXT = 4000


def submit_request(
    *,
    actor: Any,
    delegate: Delegate,
    kind: str,
    text: str,
    agenda_item_id: int | None = None,
    now: datetime | None = None,
) -> FloorRequest:
    congress = congress_for_write(actor, delegate.congress_id, perm=Perm.CONGRESSES_ATTEND)
    if delegate.member.user_id != getattr(actor, "pk", None) or delegate.is_replaced:
        raise Forbidden(_("Chỉ đại biểu của đại hội mới gửi câu hỏi hoặc đăng ký phát biểu."))
    if congress.status == CongressStatus.CLOSED:
        raise Conflict(_("Đại hội đã bế mạc."))
    if kind not in RequestKind.values:
        raise ValidationFailed(_("Chọn gửi câu hỏi hay đăng ký phát biểu."), field="kind")
    text = nfc(text).strip()
    if not text:
        raise ValidationFailed(_("Nhập nội dung câu hỏi hoặc vấn đề muốn phát biểu."), field="text")
    if len(text) > MAX_TEXT:
        raise ValidationFailed(_("Nội dung dài quá %(n)s ký tự."), field="text", n=MAX_TEXT)
    item = None
    if agenda_item_id is not None:
        item = AgendaItem.objects.filter(pk=agenda_item_id, congress=congress).first()
        if item is None:
            raise ValidationFailed(_("Chọn một nội dung trong chương trình."), field="agenda_item")
    with transaction.atomic():
        if (
            kind == RequestKind.SPEAK
            and FloorRequest.objects.filter(
                delegate=delegate,
                kind=RequestKind.SPEAK,
                agenda_item=item,
                status__in=(RequestStatus.SUBMITTED, RequestStatus.QUEUED),
            ).exists()
        ):
            raise Conflict(
                _("Bạn đã đăng ký phát biểu về nội dung này; chờ Đoàn Chủ tịch sắp xếp."),
                field="kind",
            )
        row = FloorRequest.objects.create(
            congress=congress,
            delegate=delegate,
            kind=kind,
            agenda_item=item,
            text=text,
            submitted_at=now or timezone.now(),
        )
        record(
            actor=actor,
            action="congresses.submit_request",
            target=row,
            unit=congress.unit,
            changes={"kind": kind, "agenda_item": agenda_item_id},
        )
    return row


def _request_for_write(congress: Congress, request_id: int) -> FloorRequest:
    row = (
        FloorRequest.objects.select_for_update(of=("self",))
        .filter(pk=request_id, congress=congress)
        .first()
    )
    if row is None:
        raise NotFound(_("Không tìm thấy câu hỏi hoặc đăng ký phát biểu."))
    return row


def queue_speaker(*, actor: Any, congress_id: int, request_id: int) -> FloorRequest:
    """The presidium adds a request to speak to the end of the speakers list."""
    with transaction.atomic():
        congress = congress_for_write(actor, congress_id, lock=True)
        row = _request_for_write(congress, request_id)
        if row.kind != RequestKind.SPEAK:
            raise Conflict(_("Chỉ đăng ký phát biểu mới đưa vào danh sách phát biểu."))
        if row.status != RequestStatus.SUBMITTED:
            raise Conflict(_("Đăng ký này đã được xử lý."))
        top = FloorRequest.objects.filter(congress=congress, status=RequestStatus.QUEUED).aggregate(
            m=Max("speaker_position")
        )["m"]
        before = snapshot(row, ["status", "speaker_position"])
        row.status = RequestStatus.QUEUED
        row.speaker_position = (top or 0) + 1
        row.save(update_fields=["status", "speaker_position"])
        record(
            actor=actor,
            action="congresses.queue_speaker",
            target=row,
            unit=congress.unit,
            changes=diff(before, snapshot(row, ["status", "speaker_position"])),
        )
    return row


def move_speaker(*, actor: Any, congress_id: int, request_id: int, up: bool) -> FloorRequest:
    """Swap a queued speaker with the one before (up) or after them in the list."""
    with transaction.atomic():
        congress = congress_for_write(actor, congress_id, lock=True)
        row = _request_for_write(congress, request_id)
        if row.status != RequestStatus.QUEUED or row.speaker_position is None:
            raise Conflict(_("Đăng ký này không ở trong danh sách phát biểu."))
        queued = FloorRequest.objects.select_for_update().filter(
            congress=congress, status=RequestStatus.QUEUED
        )
        other = (
            queued.filter(speaker_position__lt=row.speaker_position)
            .order_by("-speaker_position")
            .first()
            if up
            else queued.filter(speaker_position__gt=row.speaker_position)
            .order_by("speaker_position")
            .first()
        )
        if other is None:
            raise Conflict(
                _("Đã ở đầu danh sách.") if up else _("Đã ở cuối danh sách."), field="position"
            )
        mine, theirs = row.speaker_position, other.speaker_position
        row.speaker_position, other.speaker_position = theirs, mine
        row.save(update_fields=["speaker_position"])
        other.save(update_fields=["speaker_position"])
        record(
            actor=actor,
            action="congresses.move_speaker",
            target=row,
            unit=congress.unit,
            changes={"speaker_position": [mine, theirs]},
        )
    return row


def close_request(*, actor: Any, congress_id: int, request_id: int, status: str) -> FloorRequest:
    """Answered / spoke (done), or not taken up (declined)."""
    with transaction.atomic():
        congress = congress_for_write(actor, congress_id, lock=True)
        row = _request_for_write(congress, request_id)
        if status not in (RequestStatus.DONE, RequestStatus.DECLINED):
            raise ValidationFailed(_("Chọn đã xử lý hoặc không đưa vào."), field="status")
        if row.status in (RequestStatus.DONE, RequestStatus.DECLINED):
            raise Conflict(_("Đăng ký này đã được xử lý."))
        before = snapshot(row, ["status", "speaker_position"])
        row.status = status
        row.save(update_fields=["status"])
        record(
            actor=actor,
            action="congresses.close_request",
            target=row,
            unit=congress.unit,
            changes=diff(before, snapshot(row, ["status", "speaker_position"])),
        )
    return row
