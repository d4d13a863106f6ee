"""Normalisation of member data: pure functions (no database) that return the normalised value
beside the raw text and the issues found, with Vietnamese messages.

Modules: text (NFC, Đ, spaces, tone style, names), legacy (TCVN3, VNI, VIQR, Windows-1258),
dates, phones, identity (citizen ID, gender), address (old and new administrative units),
reference (ethnic group, religion, theory level, education, e-mail, card number), row (a whole
imported row). The tone-mark style is `settings.CHIBO_TONE_STYLE` (see syllables.py).
"""

from .address import map_address
from .dates import parse_date
from .identity import normalize_citizen_id, normalize_gender
from .legacy import decode_bytes, encode_cp1258, encode_legacy, fix_legacy_text
from .phones import RENUMBERED_2018, normalize_phone
from .row import CANONICAL_KEYS, cell_text, normalize_row
from .text import normalize_name, normalize_text, tone_style
from .values import (
    AddressMatch,
    Decoded,
    Issue,
    Normalized,
    NormalizedRow,
    PartialDate,
    Severity,
)

__all__ = [
    "CANONICAL_KEYS",
    "RENUMBERED_2018",
    "AddressMatch",
    "Decoded",
    "Issue",
    "Normalized",
    "NormalizedRow",
    "PartialDate",
    "Severity",
    "cell_text",
    "decode_bytes",
    "encode_cp1258",
    "encode_legacy",
    "fix_legacy_text",
    "map_address",
    "normalize_citizen_id",
    "normalize_gender",
    "normalize_name",
    "normalize_phone",
    "normalize_row",
    "normalize_text",
    "parse_date",
    "tone_style",
]
