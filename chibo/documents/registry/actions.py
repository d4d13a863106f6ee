"""Writes to the documents registry: register, edit, attach and remove files, extract text."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import IO, Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import can, require, scope_with_ancestors
from chibo.access.roles import Perm
from chibo.audit.recorder import diff, record, snapshot
from chibo.core.errors import Conflict, DomainError, Forbidden, ValidationFailed
from chibo.core.text import nfc
from chibo.org.models import OrgUnit

from .. import files as file_store
from ..models import Document, DocumentFile, DocumentKind, TextStatus
from ..numbering import NumberFormatError, check_kind, parse_number
from ..search import search_text
from .queries import visible_documents

logger = logging.getLogger(__name__)


# Files up to this size have their text extracted during the upload; larger ones in a task.
INLINE_EXTRACTION_BYTES = 2 * 1024 * 1024
MAX_FILES_PER_DOCUMENT = 10
MAX_TITLE = 500
MAX_SUMMARY = 10_000
EDITABLE_FIELDS = (
    "kind",
    "number",
    "issuer",
    "serial",
    "issued_on",
    "title",
    "summary",
    "in_force_from",
    "expires_on",
    "classified",
)


@dataclass(frozen=True)
class Upload:
    """An uploaded file as the action receives it (from a form, the API or the demo)."""

    name: str
    stream: IO[bytes]
    size: int | None = None


def _require_manage(actor: Any, document: Document) -> None:
    """A document seen from below (a higher committee's) is 403 to manage, not 404."""
    if can(actor, Perm.DOCUMENTS_MANAGE, document.owner_unit):
        return
    if scope_with_ancestors(actor, Document.objects.filter(pk=document.pk), via="owner_unit"):
        raise Forbidden(_("Chỉ đơn vị đăng ký văn bản mới được sửa văn bản này."))
    require(actor, Perm.DOCUMENTS_MANAGE, document.owner_unit)


def _number_error(error: NumberFormatError) -> ValidationFailed:
    # The parser's messages are marked with gettext_noop; translated here.
    return ValidationFailed(_(error.reason), field="number", **error.params)


def _clean_fields(fields: dict[str, Any], *, today: date) -> dict[str, Any]:
    kind = fields["kind"]
    if kind not in DocumentKind.values:
        raise ValidationFailed(_("Loại văn bản không có trong danh mục."), field="kind")
    try:
        number = parse_number(fields["number"] or "")
        check_kind(number, kind)
    except NumberFormatError as error:
        raise _number_error(error) from error
    title = nfc(" ".join((fields.get("title") or "").split()))
    if not title:
        raise ValidationFailed(_("Chưa nhập trích yếu (tên) văn bản."), field="title")
    if len(title) > MAX_TITLE:
        raise ValidationFailed(_("Trích yếu quá dài."), field="title")
    summary = nfc((fields.get("summary") or "").strip())
    if len(summary) > MAX_SUMMARY:
        raise ValidationFailed(_("Tóm tắt quá dài."), field="summary")
    issued_on = fields.get("issued_on")
    if not isinstance(issued_on, date):
        raise ValidationFailed(_("Chưa nhập ngày ban hành."), field="issued_on")
    if issued_on > today:
        raise ValidationFailed(_("Ngày ban hành không thể ở tương lai."), field="issued_on")
    in_force_from = fields.get("in_force_from")
    expires_on = fields.get("expires_on")
    if in_force_from and in_force_from < issued_on:
        raise ValidationFailed(
            _("Ngày có hiệu lực không thể trước ngày ban hành."), field="in_force_from"
        )
    if expires_on and expires_on < (in_force_from or issued_on):
        raise ValidationFailed(
            _("Ngày hết hiệu lực phải sau ngày có hiệu lực."), field="expires_on"
        )
    return {
        "kind": kind,
        "number": number.canonical,
        "serial": number.serial,
        "issuer": number.issuer,
        "issued_on": issued_on,
        "title": title,
        "summary": summary,
        "in_force_from": in_force_from,
        "expires_on": expires_on,
        "classified": bool(fields.get("classified")),
    }


def _check_duplicate(fields: dict[str, Any], unit: OrgUnit, exclude: int | None = None) -> None:
    same = Document.objects.filter(
        owner_unit=unit,
        kind=fields["kind"],
        number=fields["number"],
        issued_on__year=fields["issued_on"].year,
    )
    if exclude is not None:
        same = same.exclude(pk=exclude)
    if same.exists():
        raise Conflict(
            _("Văn bản %(number)s năm %(year)s đã có trong sổ của đơn vị."),
            field="number",
            number=fields["number"],
            year=fields["issued_on"].year,
        )


def _replaced(actor: Any, document: Document | None, ids: Iterable[int]) -> list[Document]:
    wanted = sorted(set(ids))
    if not wanted:
        return []
    found = list(visible_documents(actor).filter(pk__in=wanted))
    if len(found) != len(wanted):
        raise ValidationFailed(_("Không tìm thấy văn bản bị thay thế."), field="replaces")
    if document is not None:
        if any(d.pk == document.pk for d in found):
            raise ValidationFailed(_("Văn bản không thể tự thay thế chính nó."), field="replaces")
        # Refuse a loop: A replaces B while B (or what replaces B) already replaces A.
        ancestors = _replacers_of(document)
        if any(d.pk in ancestors for d in found):
            raise ValidationFailed(_("Liên kết thay thế tạo thành vòng lặp."), field="replaces")
    return found


def _replacers_of(document: Document) -> set[int]:
    """Ids of documents that replace `document`, directly or through a chain."""
    through = Document.replaces.through.objects
    seen: set[int] = set()
    frontier = {document.pk}
    while frontier:
        nxt = (
            set(
                through.filter(to_document_id__in=frontier).values_list(
                    "from_document_id", flat=True
                )
            )
            - seen
        )
        seen |= nxt
        frontier = nxt
    return seen


def _check_uploads(uploads: Iterable[Upload]) -> list[file_store.CheckedFile]:
    return [file_store.check_upload(u.name, u.stream, size=u.size) for u in uploads]


def _attach(
    *,
    actor: Any,
    document: Document,
    checked: list[file_store.CheckedFile],
    stored_names: list[str],
) -> tuple[list[DocumentFile], list[int]]:
    """Store and attach files; return them and the ids whose text is left to a task.

    Stored names are appended to `stored_names` at once, so the caller can delete the files
    if the transaction fails (a rolled-back row must not leave its file behind)."""
    created: list[DocumentFile] = []
    later: list[int] = []
    for item in checked:
        stored = file_store.store(item)
        stored_names.append(stored)
        file = DocumentFile(
            document=document,
            original_name=item.original_name,
            stored_name=stored,
            file_kind=item.file_kind,
            size=item.size,
            sha256=item.sha256,
            uploaded_by=actor if getattr(actor, "pk", None) else None,
        )
        if item.size <= INLINE_EXTRACTION_BYTES:
            _set_text(file, item.content)
        file.save()
        created.append(file)
        if file.text_status == TextStatus.PENDING:
            later.append(file.pk)
    return created, later


def refresh_replaced_from(document_ids: Iterable[int]) -> None:
    """Recompute the `replaced_from` cache of these documents from their replacing ones."""
    ids = set(document_ids)
    if not ids:
        return
    through = Document.replaces.through.objects
    earliest: dict[int, date] = {}
    for old_id, in_force_from, issued_on in through.filter(to_document_id__in=ids).values_list(
        "to_document_id", "from_document__in_force_from", "from_document__issued_on"
    ):
        day = in_force_from or issued_on
        if old_id not in earliest or day < earliest[old_id]:
            earliest[old_id] = day
    for document_id in ids:
        Document.objects.filter(pk=document_id).update(replaced_from=earliest.get(document_id))


def _set_text(file: DocumentFile, content: bytes) -> None:
    try:
        file.text = file_store.extract_text(file.file_kind, content)
        file.text_status = TextStatus.DONE
    except (ValueError, DomainError) as error:
        logger.warning("text extraction failed for %s: %s", file.stored_name, error)
        file.text = ""
        file.text_status = TextStatus.FAILED


def refresh_search_text(document: Document) -> None:
    """Recompute the folded search text from the number, title, summary and files' text."""
    texts = (
        DocumentFile.objects.filter(document=document).order_by("id").values_list("text", flat=True)
    )
    document.search_text = search_text(
        number=document.number, title=document.title, summary=document.summary, file_texts=texts
    )
    Document.objects.filter(pk=document.pk).update(search_text=document.search_text)


def _enqueue_extraction(file_ids: list[int]) -> None:
    if not file_ids:
        return
    from .tasks import extract_document_file_text

    for file_id in file_ids:
        transaction.on_commit(
            lambda file_id=file_id: extract_document_file_text.enqueue(file_id)  # type: ignore[misc]
        )


def register_document(
    *,
    actor: Any,
    unit: OrgUnit,
    kind: str,
    number: str,
    issued_on: date | None,
    title: str,
    summary: str = "",
    in_force_from: date | None = None,
    expires_on: date | None = None,
    classified: bool = False,
    replaces: Iterable[int] = (),
    uploads: Iterable[Upload] = (),
    today: date | None = None,
) -> Document:
    require(actor, Perm.DOCUMENTS_MANAGE, unit)
    fields = _clean_fields(
        {
            "kind": kind,
            "number": number,
            "issued_on": issued_on,
            "title": title,
            "summary": summary,
            "in_force_from": in_force_from,
            "expires_on": expires_on,
            "classified": classified,
        },
        today=today or date.today(),
    )
    replaced = _replaced(actor, None, replaces)
    uploads = list(uploads)
    if len(uploads) > MAX_FILES_PER_DOCUMENT:
        raise ValidationFailed(
            _("Mỗi văn bản có tối đa %(limit)s tệp."), field="files", limit=MAX_FILES_PER_DOCUMENT
        )
    checked = _check_uploads(uploads)
    _check_duplicate(fields, unit)
    return _write_new(actor=actor, unit=unit, fields=fields, replaced=replaced, checked=checked)


def _write_new(
    *,
    actor: Any,
    unit: OrgUnit,
    fields: dict[str, Any],
    replaced: list[Document],
    checked: list[file_store.CheckedFile],
) -> Document:
    stored: list[str] = []
    try:
        with transaction.atomic():
            document = Document.objects.create(
                owner_unit=unit,
                registered_by=actor if getattr(actor, "pk", None) else None,
                **fields,
            )
            if replaced:
                document.replaces.set(replaced)
                refresh_replaced_from(d.pk for d in replaced)
            created, later = _attach(
                actor=actor, document=document, checked=checked, stored_names=stored
            )
            refresh_search_text(document)
            record(
                actor=actor,
                action="documents.register",
                target=document,
                unit=unit,
                changes={
                    **snapshot(document, list(fields)),
                    "replaces": [d.number for d in replaced],
                    "files": [f.original_name for f in created],
                },
            )
            _enqueue_extraction(later)
    except IntegrityError as error:
        _delete_all(stored)
        raise Conflict(
            _("Văn bản %(number)s đã có trong sổ của đơn vị."),
            field="number",
            number=fields["number"],
        ) from error
    except BaseException:
        _delete_all(stored)
        raise
    return document


def _delete_all(stored_names: list[str]) -> None:
    for name in stored_names:
        file_store.delete_stored(name)


def update_document(
    *,
    actor: Any,
    document: Document,
    changes: dict[str, Any],
    replaces: Iterable[int] | None = None,
    today: date | None = None,
) -> Document:
    _require_manage(actor, document)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationFailed(_("Trường không sửa được: %(fields)s."), fields=", ".join(unknown))
    current = snapshot(document, list(EDITABLE_FIELDS))
    merged = {**current, **changes}
    merged["issued_on"] = changes.get("issued_on", document.issued_on)
    merged["in_force_from"] = changes.get("in_force_from", document.in_force_from)
    merged["expires_on"] = changes.get("expires_on", document.expires_on)
    fields = _clean_fields(merged, today=today or date.today())
    _check_duplicate(fields, document.owner_unit, exclude=document.pk)
    replaced = _replaced(actor, document, replaces) if replaces is not None else None
    with transaction.atomic():
        before = snapshot(document, list(EDITABLE_FIELDS))
        before_replaced = sorted(document.replaces.values_list("number", flat=True))
        before_ids = set(document.replaces.values_list("pk", flat=True))
        for name, value in fields.items():
            setattr(document, name, value)
        document.save()
        if replaced is not None:
            document.replaces.set(replaced)
        # Its dates or its links may move the day the documents it replaces stop being in force.
        refresh_replaced_from(before_ids | set(document.replaces.values_list("pk", flat=True)))
        refresh_search_text(document)
        change_log: dict[str, Any] = diff(before, snapshot(document, list(EDITABLE_FIELDS)))
        if replaced is not None:
            after_replaced = sorted(d.number for d in replaced)
            if after_replaced != before_replaced:
                change_log["replaces"] = [before_replaced, after_replaced]
        record(
            actor=actor,
            action="documents.update",
            target=document,
            unit=document.owner_unit,
            changes=change_log,
        )
    return document


def add_document_files(
    *, actor: Any, document: Document, uploads: Iterable[Upload]
) -> list[DocumentFile]:
    _require_manage(actor, document)
    uploads = list(uploads)
    if not uploads:
        raise ValidationFailed(_("Chưa chọn tệp."), field="files")
    existing = document.files.count()
    if existing + len(uploads) > MAX_FILES_PER_DOCUMENT:
        raise ValidationFailed(
            _("Mỗi văn bản có tối đa %(limit)s tệp."), field="files", limit=MAX_FILES_PER_DOCUMENT
        )
    checked = _check_uploads(uploads)
    stored: list[str] = []
    try:
        with transaction.atomic():
            created, later = _attach(
                actor=actor, document=document, checked=checked, stored_names=stored
            )
            refresh_search_text(document)
            record(
                actor=actor,
                action="documents.add_files",
                target=document,
                unit=document.owner_unit,
                changes={"files": [f.original_name for f in created]},
            )
            _enqueue_extraction(later)
    except BaseException:
        _delete_all(stored)
        raise
    return created


def remove_document_file(*, actor: Any, file: DocumentFile) -> None:
    document = file.document
    _require_manage(actor, document)
    if file.document_id != document.pk:  # pragma: no cover - guarded by the query
        raise Forbidden(_("Tệp không thuộc văn bản này."))
    stored_name = file.stored_name
    with transaction.atomic():
        name = file.original_name
        file.delete()
        refresh_search_text(document)
        record(
            actor=actor,
            action="documents.remove_file",
            target=document,
            unit=document.owner_unit,
            changes={"files": [name, None]},
        )
        transaction.on_commit(lambda: file_store.delete_stored(stored_name))


def extract_file_text(*, file_id: int) -> DocumentFile | None:
    """Extract a stored file's text and refresh its document's search text (system action)."""
    file = DocumentFile.objects.select_related("document").filter(pk=file_id).first()
    if file is None:
        return None
    with file_store.open_stored(file.stored_name) as stream:
        content = stream.read(file_store.MAX_FILE_BYTES + 1)
    _set_text(file, content)
    with transaction.atomic():
        file.save(update_fields=["text", "text_status", "updated_at"])
        refresh_search_text(file.document)
    return file
