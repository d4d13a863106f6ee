"""Paperless documents: posting them for the delegates' tablets, and read receipts."""

from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chibo.access.roles import Perm
from chibo.audit.recorder import record
from chibo.core.errors import Forbidden, NotFound, ValidationFailed
from chibo.core.text import nfc

from ..models import CongressDocument, Delegate, DelegateKind, DocumentRead
from .common import congress_for_write, require_not_closed

CLASSIFIED = _(
    "Tài liệu mật chỉ phát bản giấy tại đại hội; không hiển thị trên máy tính bảng hay điện thoại."
)


def post_document(
    *,
    actor: Any,
    congress_id: int,
    title: str,
    body: str,
    summary: str = "",
    is_classified: bool = False,
    officials_only: bool = False,
) -> CongressDocument:
    with transaction.atomic():
        congress = congress_for_write(actor, congress_id, lock=True)
        require_not_closed(congress)
        title = nfc(title).strip()
        if not title:
            raise ValidationFailed(_("Nhập tên tài liệu."), field="title")
        body = nfc(body).strip()
        if not body and not is_classified:
            raise ValidationFailed(_("Nhập nội dung tài liệu."), field="body")
        position = CongressDocument.objects.filter(congress=congress).count() + 1
        document = CongressDocument.objects.create(
            congress=congress,
            position=position,
            title=title,
            summary=nfc(summary).strip(),
            # A classified document is listed by title only; its text is never stored for devices.
            body="" if is_classified else body,
            is_classified=is_classified,
            officials_only=officials_only,
            posted_by=actor if getattr(actor, "pk", None) else None,
        )
        record(
            actor=actor,
            action="congresses.post_document",
            target=document,
            unit=congress.unit,
            changes={"classified": is_classified, "officials_only": officials_only},
        )
    return document


def require_readable(document: CongressDocument, delegate: Delegate) -> None:
    """Refuse a classified document to every device, and an officials-only one to others."""
    if document.is_classified:
        raise Forbidden(CLASSIFIED)
    if document.officials_only and delegate.kind != DelegateKind.OFFICIAL:
        raise Forbidden(_("Tài liệu này chỉ dành cho đại biểu chính thức."))


def record_read(
    *,
    actor: Any,
    delegate: Delegate,
    document_id: int,
    now: datetime | None = None,
) -> tuple[CongressDocument, DocumentRead]:
    """The delegate opened the document on their tablet: the first time is the read receipt."""
    congress = congress_for_write(actor, delegate.congress_id, perm=Perm.CONGRESSES_ATTEND)
    if delegate.member.user_id != getattr(actor, "pk", None):
        raise Forbidden(_("Chỉ đại biểu mới xác nhận đã đọc tài liệu của mình."))
    document = CongressDocument.objects.filter(pk=document_id, congress=congress).first()
    if document is None:
        raise NotFound(_("Không tìm thấy tài liệu."))
    require_readable(document, delegate)
    now = now or timezone.now()
    with transaction.atomic():
        existing = DocumentRead.objects.filter(document=document, delegate=delegate).first()
        if existing is not None:
            return document, existing
        try:
            with transaction.atomic():
                read = DocumentRead.objects.create(
                    document=document, delegate=delegate, first_read_at=now
                )
        except IntegrityError:
            return document, DocumentRead.objects.get(document=document, delegate=delegate)
        record(
            actor=actor,
            action="congresses.record_read",
            target=read,
            unit=congress.unit,
            changes={"document": document.pk, "delegate": delegate.pk},
        )
    return document, read
