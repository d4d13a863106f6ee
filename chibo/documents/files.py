"""Uploaded document files: checked by content, stored under a random name, text extracted.

- Size: at most `MAX_FILE_BYTES`.
- Type by content, never by name alone: a PDF starts with `%PDF-`; a DOCX is a ZIP holding
  `word/document.xml` and `[Content_Types].xml`. The extension must agree with the content.
- ZIP bombs: before reading a DOCX, the one upload guard (`chibo.core.uploads.check_archive`,
  `DOCX_LIMITS`) bounds its entries, uncompressed size and compression ratio.
- Stored as `documents/<random hex>.<ext>`: the uploaded name only appears in
  `Content-Disposition` when served (see `views.registry.download_file`).
"""

from __future__ import annotations

import hashlib
import io
import logging
import secrets
import zipfile
from dataclasses import dataclass
from typing import IO

import filetype
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext_lazy as _

from chibo.core.errors import ValidationFailed
from chibo.core.uploads import DOCX_LIMITS, check_archive

from .models import FileKind

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 20 * 1024 * 1024
# Searchable text kept per file: a 500-page resolution's text fits well below this.
MAX_TEXT_CHARS = 2_000_000
MAX_PDF_PAGES = 2_000

CONTENT_TYPES = {
    FileKind.PDF: "application/pdf",
    FileKind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
_EXTENSIONS = {".pdf": FileKind.PDF, ".docx": FileKind.DOCX}


@dataclass(frozen=True)
class CheckedFile:
    original_name: str
    file_kind: FileKind
    content: bytes
    sha256: str

    @property
    def size(self) -> int:
        return len(self.content)


def _clean_name(name: str) -> str:
    # Only the last path component, without control characters; the name is only ever shown.
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable() and ch not in '"<>')
    return base.strip()[:200] or "tep"


def _extension_kind(name: str) -> FileKind:
    lower = name.lower()
    for extension, kind in _EXTENSIONS.items():
        if lower.endswith(extension):
            return kind
    raise ValidationFailed(
        _("Chỉ nhận tệp PDF hoặc DOCX (tệp “%(name)s”)."), field="files", name=name
    )


def _content_kind(content: bytes) -> FileKind | None:
    if content.startswith(b"%PDF-"):
        return FileKind.PDF
    guessed = filetype.guess_extension(content[:8192])
    if guessed == "docx" or (guessed == "zip" and _is_docx_zip(content)):
        return FileKind.DOCX
    return None


def _is_docx_zip(content: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return False
    return "word/document.xml" in names and "[Content_Types].xml" in names


def check_upload(name: str, stream: IO[bytes], *, size: int | None = None) -> CheckedFile:
    """Read and check one upload; raise `ValidationFailed` with the reason when it is refused."""
    original_name = _clean_name(name)
    if size is not None and size > MAX_FILE_BYTES:
        raise _too_large(original_name)
    content = stream.read(MAX_FILE_BYTES + 1)
    if len(content) > MAX_FILE_BYTES:
        raise _too_large(original_name)
    if not content:
        raise ValidationFailed(_("Tệp “%(name)s” rỗng."), field="files", name=original_name)
    declared = _extension_kind(original_name)
    if declared == FileKind.DOCX and content[:4] == b"PK\x03\x04":
        check_archive(content, DOCX_LIMITS, name=original_name, field="files")
    actual = _content_kind(content)
    if actual != declared:
        raise ValidationFailed(
            _("Nội dung tệp “%(name)s” không phải %(kind)s như tên tệp ghi."),
            field="files",
            name=original_name,
            kind=declared.label,
        )
    return CheckedFile(
        original_name=original_name,
        file_kind=declared,
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
    )


def _too_large(name: str) -> ValidationFailed:
    return ValidationFailed(
        _("Tệp “%(name)s” lớn hơn %(limit)s MB."),
        field="files",
        name=name,
        limit=MAX_FILE_BYTES // (1024 * 1024),
    )


def store(checked: CheckedFile) -> str:
    """Save under a random name; return the stored name."""
    name = f"documents/{secrets.token_hex(16)}.{checked.file_kind.value}"
    return default_storage.save(name, ContentFile(checked.content))


def open_stored(stored_name: str) -> IO[bytes]:
    return default_storage.open(stored_name, "rb")


def delete_stored(stored_name: str) -> None:
    default_storage.delete(stored_name)


def extract_text(file_kind: str, content: bytes) -> str:
    """Plain text of a PDF or DOCX for search; "" when the file has no text layer.

    Raises `ValueError` when the file cannot be read at all.
    """
    if file_kind == FileKind.PDF:
        text = _pdf_text(content)
    elif file_kind == FileKind.DOCX:
        text = _docx_text(content)
    else:
        raise ValueError(file_kind)
    return text[:MAX_TEXT_CHARS]


def _pdf_text(content: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(content))
        parts: list[str] = []
        total = 0
        for index, page in enumerate(reader.pages):
            if index >= MAX_PDF_PAGES or total > MAX_TEXT_CHARS:
                break
            piece = page.extract_text() or ""
            parts.append(piece)
            total += len(piece)
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        raise ValueError(str(error)) from error
    return "\n".join(parts)


def _docx_text(content: bytes) -> str:
    import docx

    check_archive(content, DOCX_LIMITS, name="docx", field="files")
    try:
        document = docx.Document(io.BytesIO(content))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise ValueError(str(error)) from error
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" ".join(cell.text for cell in row.cells))
    return "\n".join(parts)
