"""The importer's door to the normalisation functions (`chibo.data_quality.normalize`).

`normalize_cells` gives what `normalize_row` gives, faster on big files: each field is normalised
on its own (the functions look at one cell at a time), and the fields whose values repeat across
a member list (names, dates, ethnic group, religion, education, addresses, branch…) are memoised
per process. Identifiers that are unique per row (Mã hồ sơ, citizen ID, phone, e-mail, card
number) are not. A million-row file has a few hundred thousand distinct names and dates, so most
cells are a dictionary lookup (bench/RESULTS.md, data-quality import).
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from chibo.data_quality.normalize import Issue, decode_bytes, normalize_row, tone_style

__all__ = ["decode_bytes", "normalize_cells", "normalize_row", "partial_parts"]

_UNIQUE_PER_ROW = frozenset({"source_ref", "citizen_id", "phone", "email", "card_number"})
_CACHE_LIMIT = 300_000
_cache: dict[tuple[str, str, Any], tuple[dict[str, object], tuple[Issue, ...]]] = {}


@dataclass
class Cells:
    values: dict[str, object] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)


def normalize_cells(raw: dict[str, Any]) -> Cells:
    style = tone_style()
    result = Cells()
    direct: dict[str, Any] = {}
    for key, cell in raw.items():
        if key in _UNIQUE_PER_ROW:
            direct[key] = cell
            continue
        memo_key = (style, key, (type(cell), cell))
        hit = _cache.get(memo_key)
        if hit is None:
            one = normalize_row({key: cell})
            hit = (one.values, tuple(one.issues))
            if len(_cache) >= _CACHE_LIMIT:
                _cache.clear()
            _cache[memo_key] = hit
        result.values.update(hit[0])
        result.issues.extend(hit[1])
    if direct:
        rest = normalize_row(direct)
        result.values.update(rest.values)
        result.issues.extend(rest.issues)
    return result


def partial_parts(value: Any) -> tuple[date, str] | None:
    """(first day, precision) of a normalised date (a PartialDate or a date), else None."""
    if value is None:
        return None
    if isinstance(value, date):
        return value, "day"
    return value.to_date(), str(value.precision())
