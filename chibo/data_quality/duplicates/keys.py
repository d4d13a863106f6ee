"""Normalised comparison keys of a record, as the linkage model reads them (pure functions).

Raw values (as a file or a form has them) go through the normalisation module
(`chibo.data_quality.normalize`); names and places are then folded (no marks, lower case) so that
accent loss, the old tone style (hoà/hòa) and NFD text all compare equal.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from chibo.core.text import fold
from chibo.data_quality.normalize import (
    RENUMBERED_2018,
    normalize_gender,
    normalize_phone,
    parse_date,
)

_NON_DIGITS = re.compile(r"\D+")

# The 2018 renumbering of 11-digit mobile numbers (old prefix → new prefix); the SQL keys of
# the database path use it too.
OLD_MOBILE_PREFIXES: dict[str, str] = dict(RENUMBERED_2018)


def normalize_phone_key(raw: object) -> str | None:
    if raw is None or str(raw).strip() == "":
        return None
    value = normalize_phone(str(raw)).value
    return str(value) if value else None


def normalize_citizen_id_key(raw: object) -> str | None:
    if raw is None:
        return None
    digits = _NON_DIGITS.sub("", str(raw))
    return digits if len(digits) in (9, 12) else None


def normalize_gender_key(raw: object) -> str | None:
    if raw is None or str(raw).strip() == "":
        return None
    value = normalize_gender(str(raw)).value
    return str(value) if value else None


def parse_date_key(raw: object) -> tuple[date | None, str]:
    """A birth date and its precision ("day", "month", "year")."""
    if raw is None or raw == "":
        return None, "day"
    if isinstance(raw, date):
        return raw, "day"
    parsed = parse_date(raw)
    if parsed.value is None:
        return None, "day"
    return parsed.value.to_date(), str(parsed.value.precision())


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
