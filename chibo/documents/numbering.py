"""Party document numbers ("số, ký hiệu"): `57-NQ/TW`, `42-HD/BTCTW`, `452-KH/TU`, `01-QĐ/TW`.

The form is `<serial>-<kind abbreviation>/<issuing body>` (Quy định 66-QĐ/TW 2017 on the format
of party documents, and HD 36-HD/VPTW 2018 guiding it): the serial is a number (leading zeros are
kept as written), the abbreviation names the kind (NQ nghị quyết, CT chỉ thị, KL kết luận, QĐ
quy định and quyết định, HD hướng dẫn, KH kế hoạch, TB thông báo, CV công văn, BC báo cáo, TTr tờ
trình) and the part after the slash is the issuing body (TW, BTCTW, TU, ĐU …).

Pure functions: no database, no Django models.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext_noop

# Kind values of `DocumentKind`, repeated here so the parser stays free of Django.
KIND_ABBREVIATIONS: dict[str, str] = {
    "resolution": "NQ",
    "directive": "CT",
    "conclusion": "KL",
    "regulation": "QĐ",
    "decision": "QĐ",
    "guidance": "HD",
    "plan": "KH",
    "announcement": "TB",
    "official_letter": "CV",
    "report": "BC",
    "submission": "TTr",
}
ABBREVIATIONS = frozenset(KIND_ABBREVIATIONS.values())
# Upper-cased abbreviation (Đ folded to D too) → canonical spelling.
_CANONICAL_ABBREVIATION = {a.upper(): a for a in ABBREVIATIONS} | {"QD": "QĐ"}

# Issuing bodies: display names of the usual codes. Unknown codes are kept and shown as written.
ISSUERS: dict[str, str] = {
    "TW": "Ban Chấp hành Trung ương (Bộ Chính trị, Ban Bí thư)",
    "BCHTW": "Ban Chấp hành Trung ương",
    "BTCTW": "Ban Tổ chức Trung ương",
    "BTGTW": "Ban Tuyên giáo Trung ương",
    "BTGDVTW": "Ban Tuyên giáo và Dân vận Trung ương",
    "BDVTW": "Ban Dân vận Trung ương",
    "BNCTW": "Ban Nội chính Trung ương",
    "BKTTW": "Ban Kinh tế Trung ương",
    "BĐNTW": "Ban Đối ngoại Trung ương",
    "UBKTTW": "Ủy ban Kiểm tra Trung ương",
    "VPTW": "Văn phòng Trung ương Đảng",
    "ĐUQSTW": "Quân ủy Trung ương",
    "TU": "Tỉnh ủy, Thành ủy",
    "BTCTU": "Ban Tổ chức Tỉnh ủy, Thành ủy",
    "BTGDVTU": "Ban Tuyên giáo và Dân vận Tỉnh ủy, Thành ủy",
    "UBKTTU": "Ủy ban Kiểm tra Tỉnh ủy, Thành ủy",
    "VPTU": "Văn phòng Tỉnh ủy, Thành ủy",
    "ĐU": "Đảng ủy",
    "ĐUP": "Đảng ủy phường",
    "ĐUX": "Đảng ủy xã",
    "UBKTĐU": "Ủy ban Kiểm tra Đảng ủy",
    "QU": "Quận ủy (trước 01/7/2025)",
    "HU": "Huyện ủy (trước 01/7/2025)",
    "CB": "Chi bộ",
}

MAX_SERIAL = 99_999
_SERIAL = r"(?P<serial>\d{1,5})"
_ABBREVIATION = r"(?P<abbreviation>[A-Za-zĐđ]{2,3})"
_ISSUER = r"(?P<issuer>[A-ZĐ][A-ZĐ0-9]{0,11}(?:-[A-ZĐ0-9]{1,12})?)"
_NUMBER = re.compile(rf"^{_SERIAL}\s*-\s*{_ABBREVIATION}\s*/\s*{_ISSUER}$", re.IGNORECASE)
_PREFIX = re.compile(r"^(?:số|so)\s*[:.]?\s*", re.IGNORECASE)
# Dash look-alikes that word processors put into numbers.
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"))


class NumberFormatError(ValueError):
    """The text is not a party document number; `reason` is a Vietnamese message id."""

    def __init__(self, reason: str, **params: str) -> None:
        self.reason = reason
        self.params = params
        super().__init__(reason % params if params else reason)


@dataclass(frozen=True)
class DocumentNumber:
    serial_text: str
    abbreviation: str
    issuer: str

    @property
    def serial(self) -> int:
        return int(self.serial_text)

    @property
    def canonical(self) -> str:
        return f"{self.serial_text}-{self.abbreviation}/{self.issuer}"

    def kinds(self) -> frozenset[str]:
        return frozenset(k for k, a in KIND_ABBREVIATIONS.items() if a == self.abbreviation)

    def __str__(self) -> str:
        return self.canonical


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text).translate(_DASHES)
    # U+00D0 (Icelandic eth) is a frequent look-alike of Đ in old files.
    text = text.replace("Ð", "Đ").replace("ð", "đ")
    return _PREFIX.sub("", text.strip())


def parse_number(text: str) -> DocumentNumber:
    """Parse "57-NQ/TW" (also "Số 57 - nq/tw", "01-QD/TW") into its parts, canonically spelled.

    Raises `NumberFormatError` when the text is not of the party's form.
    """
    cleaned = _normalise(text)
    if not cleaned:
        raise NumberFormatError(gettext_noop("Chưa nhập số, ký hiệu văn bản."))
    match = _NUMBER.match(cleaned)
    if match is None:
        raise NumberFormatError(
            gettext_noop("Số, ký hiệu “%(text)s” không đúng mẫu số-loại/cơ quan, ví dụ 57-NQ/TW."),
            text=text.strip()[:60],
        )
    serial_text = match["serial"]
    if int(serial_text) == 0:
        raise NumberFormatError(gettext_noop("Số văn bản phải lớn hơn 0."))
    abbreviation = _CANONICAL_ABBREVIATION.get(match["abbreviation"].upper())
    if abbreviation is None:
        raise NumberFormatError(
            gettext_noop(
                "“%(abbreviation)s” không phải ký hiệu loại văn bản của Đảng "
                "(NQ, CT, KL, QĐ, HD, KH, TB, CV, BC, TTr)."
            ),
            abbreviation=match["abbreviation"],
        )
    return DocumentNumber(
        serial_text=serial_text, abbreviation=abbreviation, issuer=match["issuer"].upper()
    )


def check_kind(number: DocumentNumber, kind: str) -> None:
    """The abbreviation must be the kind's: a "…-NQ/…" number belongs to a resolution."""
    expected = KIND_ABBREVIATIONS.get(kind)
    if expected is None:
        raise NumberFormatError(
            gettext_noop("Loại văn bản “%(kind)s” không có trong danh mục."), kind=kind
        )
    if number.abbreviation != expected:
        raise NumberFormatError(
            gettext_noop(
                "Ký hiệu %(abbreviation)s không khớp loại văn bản đã chọn (cần %(expected)s)."
            ),
            abbreviation=number.abbreviation,
            expected=expected,
        )


def looks_like_number(text: str) -> bool:
    try:
        parse_number(text)
    except NumberFormatError:
        return False
    return True


def issuer_name(code: str) -> str:
    return ISSUERS.get(code, code)
