"""Telephone numbers in one form, "0" and nine digits, from +84 / 84 / 0084 / 0 prefixes and the
11-digit mobile numbers renumbered in 2018.

The 2018 renumbering of mobile prefixes (Bộ Thông tin và Truyền thông: chuyển đổi mã mạng di
động 11 số sang 10 số, from 15/9/2018, under Thông tư 22/2014/TT-BTTTT on the national numbering
plan [U: the decision's number not re-read]): the old 4-digit prefix became a 3-digit one and the
seven digits after it stayed the same.
"""

import re

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .messages import issue
from .values import Issue, Normalized

# Old 11-digit prefix -> new 10-digit prefix (Viettel, MobiFone, VinaPhone, Vietnamobile, Gmobile).
RENUMBERED_2018: dict[str, str] = {
    # Viettel
    "0162": "032", "0163": "033", "0164": "034", "0165": "035", "0166": "036",
    "0167": "037", "0168": "038", "0169": "039",
    # MobiFone
    "0120": "070", "0121": "079", "0122": "077", "0126": "076", "0128": "078",
    # VinaPhone
    "0123": "083", "0124": "084", "0125": "085", "0127": "081", "0129": "082",
    # Vietnamobile
    "0186": "056", "0188": "058",
    # Gmobile
    "0199": "059",
}  # fmt: skip
# Mobile prefixes in use (03x, 05x, 07x, 08x, 09x); landlines are 02x with 11 digits in all.
MOBILE_FIRST_DIGITS = frozenset("35789")
_SEPARATORS = re.compile(r"[\s.\-()\u00a0]")
_SPLIT = re.compile(r"\s*[;,/|]\s*|\s+(?:hoặc|or|-)\s+")


def normalize_phone(value: object, *, field: str = "phone") -> Normalized[str]:
    """One number "0xxxxxxxxx"; a landline (11 digits, 02x) is kept with a warning; anything
    else gives value None and an error."""
    if value is None or value == "":
        return Normalized(None, "")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    raw = str(value)
    return _normalize(raw, field)


def _normalize(raw: str, field: str) -> Normalized[str]:
    text = raw.strip().lstrip("'")
    if not text:
        return Normalized(None, raw)
    issues: list[Issue] = []
    parts = [p for p in _SPLIT.split(text) if p]
    if len(parts) > 1:
        issues.append(
            issue(field, "phone.several", _("Có nhiều số điện thoại, chỉ giữ số đầu tiên."))
        )
        text = parts[0]
    digits = _SEPARATORS.sub("", text)
    if digits.startswith("+"):
        digits = digits[1:]
        if not digits.startswith("84"):
            return _error(raw, field, "phone.foreign", _("Số điện thoại nước ngoài: %(raw)s."))
        digits = "0" + digits[2:]
    elif digits.startswith("0084"):
        digits = "0" + digits[4:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    if not digits.isascii() or not digits.isdigit():
        return _error(raw, field, "phone.not_digits", _("Số điện thoại có ký tự lạ: %(raw)s."))
    if not digits.startswith("0") and len(digits) in (9, 10):
        digits = "0" + digits  # a spreadsheet dropped the leading zero
    if len(digits) == 11 and digits[:4] in RENUMBERED_2018:
        new = RENUMBERED_2018[digits[:4]] + digits[4:]
        issues.append(
            issue(
                field,
                "phone.renumbered_2018",
                _("Số di động 11 số cũ %(old)s đã đổi thành %(new)s từ năm 2018."),
                old=digits,
                new=new,
            )
        )
        digits = new
    if len(digits) == 11 and digits.startswith("02"):
        issues.append(issue(field, "phone.landline", _("Số máy bàn, không phải số di động.")))
        return Normalized(digits, raw, tuple(issues), changed=digits != raw)
    if len(digits) != 10 or not digits.startswith("0"):
        return _error(
            raw,
            field,
            "phone.length",
            _("Số điện thoại phải có 10 chữ số (đang có %(count)s)."),
            count=len(digits),
        )
    if digits[1] not in MOBILE_FIRST_DIGITS:
        issues.append(
            issue(
                field,
                "phone.unknown_prefix",
                _("Đầu số %(prefix)s không phải đầu số di động đang dùng."),
                prefix=digits[:3],
            )
        )
    return Normalized(digits, raw, tuple(issues), changed=digits != raw)


def _error(
    raw: str, field: str, code: str, message: str | Promise, **params: object
) -> Normalized[str]:
    params.setdefault("raw", raw.strip())
    return Normalized(None, raw, (issue(field, code, message, "error", **params),))
