"""Normalised comparison keys of a record, as the linkage model reads them (pure functions).

Raw values (as a file or a form has them) go through the normalisation module
(`chibo.data_quality.normalize`); names and places are then folded (no marks, lower case) so that
accent loss, the old tone style (hoà/hòa) and NFD text all compare equal.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from chibo.core.text import fold

_NON_DIGITS = re.compile(r"\D+")

# The 2018 renumbering of 11-digit mobile numbers (Bộ TT&TT, Thông tư 22/2014 and the plan of
# 2018): old prefix → new prefix. Used only when the normalisation module is not available.
OLD_MOBILE_PREFIXES = {
    "0162": "032",
    "0163": "033",
    "0164": "034",
    "0165": "035",
    "0166": "036",
    "0167": "037",
    "0168": "038",
    "0169": "039",
    "0120": "070",
    "0121": "079",
    "0122": "077",
    "0126": "076",
    "0128": "078",
    "0123": "083",
    "0124": "084",
    "0125": "085",
    "0127": "081",
    "0129": "082",
    "0186": "056",
    "0188": "058",
    "0199": "059",
}


def _normalizer(name: str) -> Any:
    """A function of the normalisation module, or None while that module lacks it."""
    try:
        module = importlib.import_module("chibo.data_quality.normalize")
    except ImportError:
        return None
    return getattr(module, name, None)


def _fallback_phone(raw: str) -> str | None:
    digits = _NON_DIGITS.sub("", raw)
    if digits.startswith("0084"):
        digits = "0" + digits[4:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    elif digits and not digits.startswith("0") and len(digits) in (9, 10):
        digits = "0" + digits
    if len(digits) == 11 and digits[:4] in OLD_MOBILE_PREFIXES:
        digits = OLD_MOBILE_PREFIXES[digits[:4]] + digits[4:]
    return digits if len(digits) == 10 else None


def normalize_phone_key(raw: object) -> str | None:
    if raw is None or str(raw).strip() == "":
        return None
    normalize_phone = _normalizer("normalize_phone")
    if normalize_phone is None:
        return _fallback_phone(str(raw))
    return normalize_phone(str(raw)).value or _fallback_phone(str(raw))


def normalize_citizen_id_key(raw: object) -> str | None:
    if raw is None:
        return None
    digits = _NON_DIGITS.sub("", str(raw))
    return digits if len(digits) in (9, 12) else None


def normalize_gender_key(raw: object) -> str | None:
    if raw is None or str(raw).strip() == "":
        return None
    normalize_gender = _normalizer("normalize_gender")
    if normalize_gender is None:
        folded = fold(str(raw))
        if folded in ("nam", "male", "m", "1"):
            return "male"
        if folded in ("nu", "female", "f", "0"):
            return "female"
        return None
    return normalize_gender(str(raw)).value


def parse_date_key(raw: object) -> tuple[date | None, str]:
    """A birth date and its precision ("day", "month", "year")."""
    if raw is None or raw == "":
        return None, "day"
    if isinstance(raw, date):
        return raw, "day"
    parse_date = _normalizer("parse_date")
    if parse_date is None:
        return _fallback_date(str(raw))
    parsed = parse_date(raw)
    if parsed.value is None:
        return None, "day"
    return parsed.value.to_date(), parsed.value.precision()


def _fallback_date(text: str) -> tuple[date | None, str]:
    text = text.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text), "day"
        parts = [int(p) for p in re.split(r"[/.\-]", text) if p]
        if len(parts) == 3:
            day, month, year = parts
            if year < 100:
                year += 1900
            return date(year, month, day), "day"
        if len(parts) == 2:
            return date(parts[1], parts[0], 1), "month"
        if len(parts) == 1 and 1900 <= parts[0] <= 2100:
            return date(parts[0], 1, 1), "year"
    except ValueError:
        return None, "day"
    return None, "day"


def record_keys(raw: Mapping[str, Any]) -> dict[str, Any]:
    """The linkage columns (`linkage.MEMBER_INPUT_COLUMNS` without `unique_id`) of one record
    given with the template's canonical keys (full_name, birth_date, gender, citizen_id, phone,
    home_town, permanent_address)."""
    born, precision = parse_date_key(raw.get("birth_date"))
    place = raw.get("home_town") or ""
    return {
        "name": fold(str(raw.get("full_name") or "").replace("\u00d0", "Đ")) or None,
        "birth_date": born,
        "birth_precision": precision,
        "gender": normalize_gender_key(raw.get("gender")),
        "citizen_id": normalize_citizen_id_key(raw.get("citizen_id")),
        "phone": normalize_phone_key(raw.get("phone")),
        "place": fold(str(place)) or None,
    }
