"""The importer's door to the normalisation functions (`chibo.data_quality.normalize`)."""

from datetime import date
from typing import Any

from chibo.data_quality.normalize import decode_bytes, normalize_row

__all__ = ["decode_bytes", "normalize_row", "partial_parts"]


def partial_parts(value: Any) -> tuple[date, str] | None:
    """(first day, precision) of a normalised date (a PartialDate or a date), else None."""
    if value is None:
        return None
    if isinstance(value, date):
        return value, "day"
    return value.to_date(), str(value.precision())
