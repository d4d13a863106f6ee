"""The one guard for uploaded files: their size, and for every zip-based format (XLSX, DOCX, any
other archive) what they would expand to, checked before anything is read or stored.

A compression bomb is a small file whose parts expand to far more than it holds: an 84 KB XLSX
whose shared strings expand to 34 MB kept an import request busy for 35 s. The zip's central
directory declares each entry's compressed and uncompressed size; Python's `zipfile` (which
openpyxl and python-docx read through) never returns more than an entry's declared size (a
larger stream fails its CRC check), so the declared sizes bound what a reader will expand, and
they are what is checked here:

- the file's own size (`max_bytes`);
- the number of entries (`max_entries`);
- the sum of the uncompressed sizes (`max_uncompressed`);
- the ratio of uncompressed to compressed size, of the whole archive and of each entry larger
  than `ratio_floor` bytes uncompressed (`max_ratio`; tiny entries such as an empty style sheet
  compress far better than text and are harmless).

Refusals are `UploadRefused` (a `ValidationFailed`, 400) with a message in Vietnamese and English.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import IO

from django.utils.translation import gettext_lazy as _

from .errors import ValidationFailed

ZIP_MAGIC = b"PK\x03\x04"
_MB = 1024 * 1024


class UploadRefused(ValidationFailed):
    """An upload refused by `check_upload` (too large, or an archive that expands too much)."""


class UnreadableArchive(UploadRefused):
    """A file that starts like a zip but whose directory cannot be read (a caller may say what
    format it expected instead)."""


@dataclass(frozen=True)
class UploadLimits:
    """What one kind of upload may be. Every module that takes uploads names its limits here."""

    max_bytes: int
    max_uncompressed: int
    max_ratio: float = 100.0
    max_entries: int = 2_000
    ratio_floor: int = 1 * _MB


# Office files have a few dozen entries; text XML compresses 5-20 times, repetitive sheets more.
DOCX_LIMITS = UploadLimits(max_bytes=20 * _MB, max_uncompressed=100 * _MB)
# A member list of a million rows is a 100 MB XLSX; its sheet XML expands to about 1 GB.
SPREADSHEET_LIMITS = UploadLimits(max_bytes=100 * _MB, max_uncompressed=1024 * _MB)


def is_zip(head: bytes) -> bool:
    return head.startswith(ZIP_MAGIC)


def check_size(size: int, limits: UploadLimits, *, field: str = "file") -> None:
    if size > limits.max_bytes:
        raise UploadRefused(
            _(
                "Tệp quá lớn (%(size)s MB); giới hạn là %(limit)s MB. "
                "Hãy chia tệp thành nhiều phần."
            ),
            field=field,
            size=f"{size / _MB:.0f}",
            limit=f"{limits.max_bytes / _MB:.0f}",
        )


def check_archive(
    content: bytes | IO[bytes], limits: UploadLimits, *, name: str = "", field: str = "file"
) -> None:
    """Refuse a zip archive that would expand beyond `limits`. `content` is the file's bytes or a
    seekable binary stream (left at its start). Not a zip: nothing to check here."""
    stream = io.BytesIO(content) if isinstance(content, bytes) else content
    stream.seek(0)
    if not is_zip(stream.read(4)):
        stream.seek(0)
        return
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as error:
        raise UnreadableArchive(
            _("Tệp “%(name)s” bị hỏng hoặc không phải tệp nén hợp lệ."), field=field, name=name
        ) from error
    finally:
        stream.seek(0)
    if len(infos) > limits.max_entries:
        raise _expands(name, field)
    declared = sum(info.file_size for info in infos)
    compressed = max(sum(info.compress_size for info in infos), 1)
    if declared > limits.max_uncompressed:
        raise _expands(name, field)
    if declared > limits.ratio_floor and declared / compressed > limits.max_ratio:
        raise _expands(name, field)
    for info in infos:
        if (
            info.file_size > limits.ratio_floor
            and info.file_size / max(info.compress_size, 1) > limits.max_ratio
        ):
            raise _expands(name, field)


def check_upload(
    stream: IO[bytes],
    limits: UploadLimits,
    *,
    size: int | None = None,
    name: str = "",
    field: str = "file",
) -> None:
    """The whole guard for one upload: its size (given, or measured from the stream) and, for a
    zip-based file, what it expands to. Call it before reading or storing anything."""
    if size is None:
        stream.seek(0, io.SEEK_END)
        size = stream.tell()
        stream.seek(0)
    check_size(size, limits, field=field)
    check_archive(stream, limits, name=name, field=field)


def _expands(name: str, field: str) -> UploadRefused:
    return UploadRefused(
        _("Tệp “%(name)s” bung ra quá lớn so với kích thước (nghi tệp nén độc hại)."),
        field=field,
        name=name,
    )
