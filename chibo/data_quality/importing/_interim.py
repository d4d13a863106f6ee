"""INTERIM stand-in for `chibo.data_quality.normalize` (owner: dqn) with the same interface, so
the importer runs before that package is committed. Delete this file once it lands."""

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.utils.translation import gettext_lazy as _

from chibo.members.rules.dates import PartialDate


@dataclass(frozen=True)
class Issue:
    field: str
    code: str
    message: Any
    severity: str = "warning"


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def decode_bytes(data: bytes) -> Decoded:
    for encoding in ("utf-8-sig", "utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ():
        return Decoded(unicodedata.normalize("NFC", data.decode(encoding)), encoding)
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            return Decoded(unicodedata.normalize("NFC", data.decode(encoding)), encoding)
        except UnicodeDecodeError:
            continue
    raise ValueError("undecodable")


@dataclass
class NormalizedRow:
    values: dict[str, object] = field(default_factory=dict)
    raw: dict[str, str] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)


_SPACES = re.compile(r"\s+")


def _text(value: object) -> str:
    return _SPACES.sub(" ", unicodedata.normalize("NFC", str(value or ""))).strip()


def _date(key: str, value: object, issues: list[Issue]) -> PartialDate | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, (int, float)):
        day = date(1899, 12, 30) + timedelta(days=int(value))
        return PartialDate(day.year, day.month, day.day)
    text = _text(value)
    iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    try:
        if iso:
            return PartialDate(int(iso[1]), int(iso[2]), int(iso[3]))
        return PartialDate.parse(text)
    except ValueError:
        issues.append(Issue(key, "date.invalid", _("Ngày không hợp lệ."), "error"))
        return None


def normalize_row(raw: Any) -> NormalizedRow:
    row = NormalizedRow()
    for key, value in raw.items():
        row.raw[key] = "" if value is None else str(value)
        if key in ("birth_date", "admitted_on", "full_member_on"):
            row.values[key] = _date(key, value, row.issues)
        elif key == "full_name":
            row.values[key] = " ".join(w.capitalize() for w in _text(value).split())
        elif key == "gender":
            folded = _text(value).lower()
            row.values[key] = {"nam": "male", "nữ": "female", "nu": "female"}.get(folded)
        elif key in ("citizen_id", "phone"):
            digits = re.sub(r"\D", "", _text(value))
            if key == "phone" and digits.startswith("84"):
                digits = "0" + digits[2:]
            row.values[key] = digits or None
        else:
            row.values[key] = _text(value) or None
    return row
