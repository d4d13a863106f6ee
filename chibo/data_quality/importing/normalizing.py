"""The importer's door to the normalisation functions (`chibo.data_quality.normalize`).

INTERIM: until the normalize package lands, a minimal stand-in with the same interface is used
(see `_interim.py`); this module is the only place that knows which one is in use.
"""

from typing import Any

try:
    from chibo.data_quality.normalize import decode_bytes, normalize_row
except ImportError:  # pragma: no cover - interim, removed when the package is committed
    from ._interim import decode_bytes, normalize_row  # type: ignore[assignment]

__all__ = ["decode_bytes", "normalize_row", "partial_parts"]


def partial_parts(value: Any) -> tuple[Any, str] | None:
    """(first day, precision) of a normalised date (a PartialDate or a date), else None."""
    from datetime import date

    if value is None:
        return None
    if isinstance(value, date):
        return value, "day"
    to_date = getattr(value, "to_date", None) or getattr(value, "earliest", None)
    if to_date is None:
        return None
    precision_of = getattr(value, "precision", None)
    if callable(precision_of):
        precision = str(precision_of())
    elif getattr(value, "day", None) is not None:
        precision = "day"
    elif getattr(value, "month", None) is not None:
        precision = "month"
    else:
        precision = "year"
    return to_date(), precision
