"""Opening an uploaded member list: CSV in whatever encoding old offices still use, or XLSX.

A file is checked whole before anything is written, so a bad file is refused with a clear error
and never half imported: its size and, for an XLSX, what it expands to (`chibo.core.uploads`, the
one upload guard), the format from its first bytes (an XLSX is a zip), the CSV's encoding
from a sample (`normalize.decode_bytes`: UTF-8, UTF-16, Windows-1258, TCVN3, VNI, VIQR) and
then every byte decoded with it, the delimiter sniffed from the header lines. Rows are streamed:
`csv.reader` over a decoding reader, openpyxl's read-only mode for XLSX, so a million-row file
is never held as cell objects.
"""

import codecs
import csv
import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from chibo.core import uploads
from chibo.core.errors import ValidationFailed
from chibo.core.uploads import SPREADSHEET_LIMITS, UploadLimits

from .normalizing import decode_bytes

DEFAULT_MAX_BYTES = 100 * 1024 * 1024
SAMPLE_BYTES = 1024 * 1024
# Python codecs we can stream with; anything else (legacy font encodings) is decoded whole.
_STREAMABLE = {"utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1258", "ascii"}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # .xls (Excel 97-2003) and other OLE files


def max_upload_bytes() -> int:
    return int(getattr(settings, "CHIBO_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES))


def upload_limits() -> UploadLimits:
    """The import's limits for the one upload guard (`chibo.core.uploads`): the size of a stored
    upload, and what an XLSX may expand to (settings `CHIBO_IMPORT_MAX_BYTES`,
    `CHIBO_IMPORT_MAX_UNCOMPRESSED`)."""
    return replace(
        SPREADSHEET_LIMITS,
        max_bytes=max_upload_bytes(),
        max_uncompressed=int(
            getattr(settings, "CHIBO_IMPORT_MAX_UNCOMPRESSED", SPREADSHEET_LIMITS.max_uncompressed)
        ),
    )


def check_size(size: int) -> None:
    uploads.check_size(size, upload_limits(), field="file")


@dataclass
class Table:
    """An opened file: its header row and a way to stream its data rows again from the start."""

    format: str  # "csv" | "xlsx"
    encoding: str
    delimiter: str
    headers: list[str]
    total_rows: int
    _rows: Callable[[], Iterator[list[Any]]] = field(repr=False)

    def rows(self, *, after: int = 0) -> Iterator[tuple[int, list[Any]]]:
        """(data row number, cells), numbered from 1 after the header row; blank rows are
        skipped but keep their number, so numbers match the file."""
        for number, cells in enumerate(self._rows(), start=1):
            if number <= after:
                continue
            if any(c not in (None, "") and str(c).strip() for c in cells):
                yield number, cells


def cell_text(value: Any) -> str:
    """A cell as the text kept in the raw row."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def open_table(stream: IO[bytes], *, file_name: str = "") -> Table:
    """Open `stream` (seekable, binary) as a table, or raise ValidationFailed saying why."""
    stream.seek(0)
    head = stream.read(8)
    stream.seek(0)
    lower = file_name.lower()
    if uploads.is_zip(head):
        # Before openpyxl expands anything: a small XLSX can hide gigabytes of shared strings.
        try:
            uploads.check_archive(stream, upload_limits(), name=file_name, field="file")
        except uploads.UnreadableArchive as exc:
            raise _broken_xlsx() from exc
        return _open_xlsx(stream)
    if head.startswith(_OLE_MAGIC) or lower.endswith(".xls"):
        raise ValidationFailed(
            _("Tệp Excel 97-2003 (.xls) không được hỗ trợ: hãy lưu lại thành .xlsx hoặc .csv."),
            field="file",
        )
    if lower.endswith((".xlsx", ".xlsm")):
        raise _broken_xlsx()
    return _open_csv(stream)


def _broken_xlsx() -> ValidationFailed:
    return ValidationFailed(
        _(
            "Tệp XLSX bị hỏng hoặc không đúng định dạng, không đọc được. "
            "Hãy mở bằng Excel và lưu lại."
        ),
        field="file",
    )


# --- XLSX ----------------------------------------------------------------------------------------


def _open_xlsx(stream: IO[bytes]) -> Table:
    from openpyxl import load_workbook

    def load() -> Any:
        stream.seek(0)
        try:
            return load_workbook(stream, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
            raise _broken_xlsx() from exc
        except Exception as exc:  # openpyxl raises its own exceptions for malformed parts
            raise _broken_xlsx() from exc

    workbook = load()
    sheet = workbook.worksheets[0] if workbook.worksheets else None
    if sheet is None:
        raise _broken_xlsx()
    try:
        first = next(sheet.iter_rows(values_only=True), None)
    except Exception as exc:
        raise _broken_xlsx() from exc
    if first is None or not any(c not in (None, "") for c in first):
        raise ValidationFailed(_("Tệp không có dòng tiêu đề."), field="file")
    headers = [cell_text(c).strip() for c in first]
    total = max(0, (sheet.max_row or 1) - 1)
    workbook.close()

    def rows() -> Iterator[list[Any]]:
        book = load()
        try:
            iterator = book.worksheets[0].iter_rows(values_only=True)
            next(iterator, None)
            for values in iterator:
                yield list(values)
        except ValidationFailed:
            raise
        except Exception as exc:
            raise _broken_xlsx() from exc
        finally:
            book.close()

    return Table("xlsx", "", "", headers, total, rows)


# --- CSV -----------------------------------------------------------------------------------------


def _sample(stream: IO[bytes]) -> bytes:
    stream.seek(0)
    data = stream.read(SAMPLE_BYTES + 1)
    if len(data) > SAMPLE_BYTES:
        # Cut at a line end so the sample never ends inside a multi-byte character.
        data = data[:SAMPLE_BYTES]
        cut = data.rfind(b"\n")
        if cut > 0:
            data = data[: cut + 1]
    return data


def _wrong_encoding() -> ValidationFailed:
    return ValidationFailed(
        _(
            "Không đọc được tệp: bảng mã không nhận ra hoặc tệp không phải văn bản CSV. "
            "Hãy lưu tệp ở dạng CSV UTF-8 hoặc XLSX."
        ),
        field="file",
    )


def _check_decodes(stream: IO[bytes], encoding: str) -> int:
    """Decode the whole file once (every byte) and count its lines: a file that turns out to be
    in another encoding halfway is refused before anything is written."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    lines = 0
    stream.seek(0)
    try:
        while chunk := stream.read(4 * 1024 * 1024):
            text = decoder.decode(chunk)
            if "\x00" in text:
                raise _wrong_encoding()
            lines += text.count("\n")
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as exc:
        raise _wrong_encoding() from exc
    return lines


def _open_csv(stream: IO[bytes]) -> Table:
    sample = _sample(stream)
    if not sample.strip():
        raise ValidationFailed(_("Tệp rỗng."), field="file")
    if b"\x00" in sample and not sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _wrong_encoding()
    try:
        decoded = decode_bytes(sample)
    except (UnicodeDecodeError, ValueError) as exc:
        raise _wrong_encoding() from exc
    encoding = codecs.lookup(decoded.encoding).name if _is_codec(decoded.encoding) else ""
    text_sample = decoded.text
    if encoding in _STREAMABLE and decoded.text == _plain_decode(sample, encoding):
        lines = _check_decodes(stream, encoding)

        def open_text() -> IO[str]:
            stream.seek(0)
            return io.TextIOWrapper(
                io.BufferedReader(_Unclosable(stream)), encoding=encoding, newline=""
            )

    else:
        # Legacy font encodings (TCVN3, VNI) and VIQR are converted per character, not by a codec:
        # decode the whole file at once (uploads are bounded by the size limit).
        stream.seek(0)
        try:
            whole = decode_bytes(stream.read())
        except (UnicodeDecodeError, ValueError) as exc:
            raise _wrong_encoding() from exc
        text_whole = whole.text
        encoding = whole.encoding
        lines = text_whole.count("\n")

        def open_text() -> IO[str]:
            return io.StringIO(text_whole, newline="")

    delimiter = _sniff_delimiter(text_sample)
    with open_text() as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        try:
            first = next(reader, None)
        except csv.Error as exc:
            raise _wrong_encoding() from exc
    if not first or not any(c.strip() for c in first):
        raise ValidationFailed(_("Tệp không có dòng tiêu đề."), field="file")
    headers = [c.strip().lstrip("\ufeff") for c in first]

    def rows() -> Iterator[list[Any]]:
        with open_text() as handle:
            reader = csv.reader(handle, delimiter=delimiter)
            next(reader, None)
            try:
                yield from reader
            except csv.Error as exc:
                raise ValidationFailed(
                    _("Tệp CSV sai cấu trúc ở dòng %(line)s."), line=reader.line_num
                ) from exc

    return Table("csv", encoding, delimiter, headers, max(0, lines - 1), rows)


def _is_codec(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


def _plain_decode(data: bytes, encoding: str) -> str | None:
    """What the codec alone makes of the sample (None if it cannot): when it differs from the
    detected text, the file needs the legacy conversion, not just the codec."""
    import unicodedata

    try:
        return unicodedata.normalize("NFC", data.decode(encoding))
    except UnicodeDecodeError:
        return None


def _sniff_delimiter(text: str) -> str:
    head = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(head, delimiters=",;\t|").delimiter
    except csv.Error:
        counts = {d: head.count(d) for d in (",", ";", "\t", "|")}
        return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


class _Unclosable(io.RawIOBase):
    """Lets a TextIOWrapper read the caller's stream without closing it when done."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
