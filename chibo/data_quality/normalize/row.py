"""A whole imported row: every canonical field normalised, the raw text kept, issues listed.

`NormalizedRow.values` holds, by canonical key (chibo/data_quality/importing/columns.py):
- text fields as normalised text (legacy encodings converted, NFC, house tone style);
- `full_name` in title case; `gender` "male"/"female"; `citizen_id`, `phone`, `card_number`,
  `email` in their one form; the three dates as PartialDate;
- `home_town` and `permanent_address` as normalised text, and beside them `home_town_admin` and
  `permanent_address_admin`: the AddressMatch of the current ward and province, or None;
- `ethnicity_code`, `religion_code`, `theory_level_code`: the codes the member model stores
  (None when empty or unknown), beside the normalised text;
- `unit` as text: the importer resolves it.
A field that is empty or could not be normalised has the value None (text fields: "").
"""

import re
from collections.abc import Callable, Mapping
from functools import lru_cache

from django.utils.translation import gettext_lazy as _

from . import reference
from .address import map_address
from .dates import parse_date
from .identity import normalize_citizen_id, normalize_gender
from .legacy import fix_legacy_text, maybe_legacy
from .messages import issue
from .phones import normalize_phone
from .text import normalize_name, normalize_text, tone_style
from .values import Issue, Normalized, NormalizedRow

CANONICAL_KEYS: tuple[str, ...] = (
    "source_ref", "full_name", "gender", "birth_date", "citizen_id", "phone", "email",
    "ethnicity", "religion", "home_town", "permanent_address", "general_education",
    "professional_qualification", "theory_level", "occupation", "card_number", "admitted_on",
    "full_member_on", "unit",
)  # fmt: skip
_DATE_KEYS = frozenset({"birth_date", "admitted_on", "full_member_on"})
_UNICODE = re.compile(r"[^\x00-\xff]")  # a character no legacy encoding writes
_LEGACY_NAMES = {"tcvn3": "TCVN3 (ABC)", "vni": "VNI-Windows", "viqr": "VIQR"}


def cell_text(value: object) -> str:
    """A spreadsheet cell as text: None is "", 912345678.0 is "912345678"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def normalize_row(raw: Mapping[str, object]) -> NormalizedRow:
    """Normalise the canonical fields of one row; unknown keys are ignored."""
    row = NormalizedRow()
    style = tone_style()
    for key in CANONICAL_KEYS:
        if key not in raw:
            continue
        cell = raw[key]
        text = cell_text(cell)
        row.raw[key] = text
        handler = _HANDLERS.get(key)
        if handler is not None:
            handler(row, key, cell, text, style)
        elif key in _DATE_KEYS:
            _add(row, key, parse_date(cell if not isinstance(cell, str) else text, field=key))
        else:
            row.values[key] = _text(row, key, text, style)
    return row


def _add(row: NormalizedRow, key: str, result: Normalized[object]) -> None:
    row.values[key] = result.value
    row.issues.extend(result.issues)


def _text(
    row: NormalizedRow, key: str, text: str, style: str, name: bool = False, memo: bool = True
) -> str:
    if not text:
        return ""
    if not maybe_legacy(text):
        # Plain ASCII (record numbers, names written without marks): no legacy text possible.
        return normalize_name(text, style) if name else normalize_text(text, style)
    if memo:
        value, legacy = _clean(text, style, name)
    else:
        value, legacy = _clean.__wrapped__(text, style, name, memo=False)
    if legacy is not None:
        row.issues.append(_legacy_issue(key, legacy))
    return value


@lru_cache(maxsize=262144)
def _clean(text: str, style: str, name: bool, memo: bool = True) -> tuple[str, str | None]:
    found = None
    fix = fix_legacy_text if memo else fix_legacy_text.__wrapped__
    for _attempt in range(3):
        fixed, legacy = fix(text)
        found = found or legacy
        value = normalize_name(fixed, style) if name else normalize_text(fixed, style, memo=memo)
        # Capitals can decide a reading: "UÙM" is both VNI "ÚM" and TCVN3 "UỄM", so nothing is
        # guessed, but its title case "Uùm" is VNI alone. Repeat until the value is stable.
        if value == text or _UNICODE.search(value) or fix(value)[1] is None:
            break
        text = value
    return value, found


@lru_cache(maxsize=256)
def _legacy_issue(key: str, legacy: str) -> Issue:
    return issue(
        key,
        "text.legacy_encoding",
        _("Chữ gõ bằng bảng mã cũ %(encoding)s, đã chuyển sang Unicode."),
        encoding=_LEGACY_NAMES[legacy],
    )


def _full_name(row: NormalizedRow, key: str, cell: object, text: str, style: str) -> None:
    row.values[key] = _text(row, key, text, style, name=True)


def _gender(row: NormalizedRow, key: str, cell: object, text: str, style: str) -> None:
    _add(row, key, normalize_gender(text, field=key))


def _citizen_id(row: NormalizedRow, key: str, cell: object, text: str, style: str) -> None:
    _add(row, key, normalize_citizen_id(text, field=key))


def _phone(row: NormalizedRow, key: str, cell: object, text: str, style: str) -> None:
    _add(row, key, normalize_phone(text, field=key))


def _email(row: NormalizedRow, key: str, cell: object, text: str, style: str) -> None:
    value, issues = reference.email(text)
    row.values[key] = value
    row.issues.extend(issues)


def _address(row: NormalizedRow, key: str, cell: object, text: str, style: str) -> None:
    # A home town repeats down a list; a street address with its house number does not.
    once = key == "permanent_address"
    value = _text(row, key, text, style, memo=not once)
    row.values[key] = value
    if value:
        _extend(row, key + "_admin", map_address(value, field=key, memo=not once))
    else:
        row.values[key + "_admin"] = None


def _extend(row: NormalizedRow, key: str, result: Normalized[object]) -> None:
    row.values[key] = result.value
    row.issues.extend(result.issues)


def _ethnicity(row: NormalizedRow, key: str, cell: object, text: str, style: str) -> None:
    value = reference.ethnic_name(_text(row, key, text, style))
    row.values[key] = value
    code, issues = reference.ethnic_code(value)
    row.values["ethnicity_code"] = code
    row.issues.extend(issues)


def _religion(row: NormalizedRow, key: str, cell: object, text: str, style: str) -> None:
    value = _text(row, key, text, style)
    row.values[key] = value
    row.values["religion_code"] = reference.religion_code(value)


def _theory(row: NormalizedRow, key: str, cell: object, text: str, style: str) -> None:
    value = _text(row, key, text, style)
    row.values[key] = value
    code, issues = reference.theory_code(value)
    row.values["theory_level_code"] = code
    row.issues.extend(issues)


def _education(row: NormalizedRow, key: str, cell: object, text: str, style: str) -> None:
    value, issues = reference.education(_text(row, key, text, style))
    row.values[key] = value
    row.issues.extend(issues)


def _card(row: NormalizedRow, key: str, cell: object, text: str, style: str) -> None:
    row.values[key] = reference.card_number(text)


Handler = Callable[[NormalizedRow, str, object, str, str], None]
_HANDLERS: dict[str, Handler] = {
    "full_name": _full_name,
    "gender": _gender,
    "citizen_id": _citizen_id,
    "phone": _phone,
    "email": _email,
    "home_town": _address,
    "permanent_address": _address,
    "ethnicity": _ethnicity,
    "religion": _religion,
    "theory_level": _theory,
    "general_education": _education,
    "card_number": _card,
}

__all__ = ["CANONICAL_KEYS", "Issue", "cell_text", "normalize_row"]
