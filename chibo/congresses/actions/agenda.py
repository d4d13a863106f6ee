"""The agenda: items with their timing, and the current item the organiser sets (projector)."""

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chibo.audit.recorder import record
from chibo.core.errors import Conflict, ValidationFailed
from chibo.core.text import nfc

from ..models import AgendaItem, CongressStatus, Session
from .common import congress_for_write, require_not_closed


def add_agenda_item(
    *,
    actor: Any,
    congress_id: int,
    title: str,
    presenter: str = "",
    session_id: int | None = None,
    planned_start: datetime | None = None,
    duration_minutes: int = 15,
) -> AgendaItem:
    with transaction.atomic():
        congress = congress_for_write(actor, congress_id, lock=True)
        require_not_closed(congress)
        title = nfc(title).strip()
        if not title:
            raise ValidationFailed(_("Nhập nội dung chương trình."), field="title")
        if not 1 <= duration_minutes <= 600:
            raise ValidationFailed(_("Thời lượng từ 1 đến 600 phút."), field="duration_minutes")
        session = None
        if session_id is not None:
            session = Session.objects.filter(pk=session_id, congress=congress).first()
            if session is None:
                raise ValidationFailed(_("Chọn một phiên họp của đại hội này."), field="session")
            if planned_start and not session.starts_at <= planned_start <= session.ends_at:
                raise ValidationFailed(
                    _("Giờ dự kiến phải trong thời gian của phiên họp (%(start)s - %(end)s)."),
                    field="planned_start",
                    start=f"{timezone.localtime(session.starts_at):%H:%M}",
                    end=f"{timezone.localtime(session.ends_at):%H:%M}",
                )
        position = AgendaItem.objects.filter(congress=congress).count() + 1
        item = AgendaItem.objects.create(
            congress=congress,
            session=session,
            position=position,
            title=title,
            presenter=nfc(presenter).strip(),
            planned_start=planned_start,
            duration_minutes=duration_minutes,
        )
        record(
            actor=actor,
            action="congresses.add_agenda_item",
            target=item,
            unit=congress.unit,
            changes={"position": position, "session": session_id},
        )
    return item


def set_current_item(
    *, actor: Any, congress_id: int, item_id: int | None, now: datetime | None = None
) -> AgendaItem | None:
    """The item under way now (None: between items). The one before it ends now; the projector
    and the delegates' tablets show the new one within seconds."""
    now = now or timezone.now()
    with transaction.atomic():
        congress = congress_for_write(actor, congress_id, lock=True)
        if congress.status != CongressStatus.IN_SESSION:
            raise Conflict(_("Chỉ chuyển nội dung khi đại hội đang họp."))
        item = None
        if item_id is not None:
            item = AgendaItem.objects.filter(pk=item_id, congress=congress).first()
            if item is None:
                raise ValidationFailed(_("Chọn một nội dung trong chương trình."), field="item")
            if item.pk == congress.current_item_id:
                raise Conflict(_("Nội dung này đang diễn ra."), field="item")
        previous_id = congress.current_item_id
        if previous_id:
            AgendaItem.objects.filter(pk=previous_id, ended_at__isnull=True).update(ended_at=now)
        if item is not None:
            item.started_at = item.started_at or now
            item.ended_at = None
            item.save(update_fields=["started_at", "ended_at"])
        congress.current_item = item
        congress.current_item_since = now if item else None
        congress.save(update_fields=["current_item", "current_item_since"])
        record(
            actor=actor,
            action="congresses.set_current_item",
            target=congress,
            unit=congress.unit,
            changes={"current_item": [previous_id, item.pk if item else None]},
        )
    return item
