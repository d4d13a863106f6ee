"""Files for the import tests: template CSVs and XLSX workbooks built in memory."""

import csv
import io
import unicodedata
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook

from chibo.data_quality.importing.columns import TEMPLATE_COLUMNS

HEADERS = [header for _key, header in TEMPLATE_COLUMNS]


def person(ref: str, name: str, **values: Any) -> dict[str, Any]:
    row = {
        "source_ref": ref,
        "full_name": name,
        "gender": "Nữ",
        "birth_date": "04/05/1980",
        "citizen_id": "",
        "phone": "0912345678",
        "email": "",
        "ethnicity": "Kinh",
        "religion": "Không",
        "home_town": "Hà Nội",
        "permanent_address": "12 Lê Lợi, Phường Sài Gòn, TP Hồ Chí Minh",
        "general_education": "12/12",
        "professional_qualification": "Cử nhân kinh tế",
        "theory_level": "Trung cấp",
        "occupation": "Giáo viên",
        "card_number": "",
        "admitted_on": "03/02/2010",
        "full_member_on": "03/02/2011",
        "unit": "B1",
    }
    row.update(values)
    return row


def table(rows: Sequence[dict[str, Any]]) -> list[list[Any]]:
    keys = [key for key, _header in TEMPLATE_COLUMNS]
    return [HEADERS, *([row.get(k, "") for k in keys] for row in rows)]


def csv_bytes(
    rows: Sequence[dict[str, Any]], *, encoding: str = "utf-8", delimiter: str = ","
) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerows(table(rows))
    text = buffer.getvalue()
    if encoding == "cp1258":
        return windows_1258(text)
    return text.encode(encoding)


_TONES = "\u0300\u0301\u0303\u0309\u0323"


def windows_1258(text: str) -> bytes:
    """Windows-1258 has the vowels with their letter marks (â, ơ…) but writes tones as separate
    combining characters: split each tone off its letter."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
            out += base.encode("cp1258") + "".join(c for c in parts if c in _TONES).encode("cp1258")
    return bytes(out)


def xlsx_bytes(lines: Sequence[Sequence[Any]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for line in lines:
        sheet.append(list(line))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
