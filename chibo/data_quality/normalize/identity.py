"""Citizen ID numbers and gender."""

import re
from functools import lru_cache

from django.utils.translation import gettext_lazy as _

from chibo.core.text import fold
from chibo.members.rules.citizen_id import PROVINCE_CODES, check_citizen_id, normalise_citizen_id

from .messages import issue
from .values import Issue, Normalized, Severity

MALE = "male"
FEMALE = "female"


def normalize_citizen_id(value: object, *, field: str = "citizen_id") -> Normalized[str]:
    """Digits only; 12 digits is a citizen ID (checked by chibo.members.rules.citizen_id); a
    9-digit identity card number (CMND) is kept with a warning; any other length is an error.
    A leading zero a spreadsheet dropped (11 digits that become a known province code with it) is
    put back with a warning."""
    if value is None or value == "":
        return Normalized(None, "")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _citizen_id(str(value), field)


def _citizen_id(raw: str, field: str) -> Normalized[str]:
    number = normalise_citizen_id(raw.strip().lstrip("'")).replace(",", "")
    if not number:
        return Normalized(None, raw)
    issues: list[Issue] = []
    if not number.isascii() or not number.isdigit():
        return Normalized(
            None,
            raw,
            (issue(field, "citizen_id.not_digits", _("Số CCCD chỉ gồm chữ số."), "error"),),
        )
    if len(number) in (8, 11) and (len(number) == 8 or "0" + number[:2] in PROVINCE_CODES):
        number = "0" + number
        issues.append(
            issue(
                field,
                "citizen_id.leading_zero",
                _("Số 0 đầu của số giấy tờ bị bảng tính bỏ mất, đã thêm lại."),
            )
        )
    for problem in check_citizen_id(number):
        severity: Severity = "error" if problem.is_error else "warning"
        issues.append(issue(field, problem.code, problem.message, severity, **problem.params))
    # A 12- or 9-digit number is kept even when its province code is wrong: the checks show it.
    if len(number) not in (9, 12):
        return Normalized(None, raw, tuple(issues))
    return Normalized(number, raw, tuple(issues), changed=number != raw)


_GENDERS: dict[str, str] = {
    "nam": MALE, "nam gioi": MALE, "trai": MALE, "ong": MALE, "m": MALE, "male": MALE,
    "man": MALE, "1": MALE,
    "nu": FEMALE, "nu gioi": FEMALE, "gai": FEMALE, "ba": FEMALE, "f": FEMALE, "female": FEMALE,
    "woman": FEMALE, "0": FEMALE, "phu nu": FEMALE,
}  # fmt: skip
_PUNCT = re.compile(r"[.\s]+")


def normalize_gender(value: object, *, field: str = "gender") -> Normalized[str]:
    """ "male" or "female" from Nam/Nữ/nu/M/F/1/0 and the like; anything else is an error."""
    if value is None or value == "":
        return Normalized(None, "")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _gender(str(value), field)


@lru_cache(maxsize=1024)
def _gender(raw: str, field: str) -> Normalized[str]:
    key = _PUNCT.sub(" ", fold(raw)).strip()
    if not key:
        return Normalized(None, raw)
    gender = _GENDERS.get(key)
    if gender is None:
        return Normalized(
            None,
            raw,
            (
                issue(
                    field,
                    "gender.unknown",
                    _("Không hiểu giới tính \u201c%(raw)s\u201d (cần Nam hoặc Nữ)."),
                    "error",
                    raw=raw.strip(),
                ),
            ),
        )
    return Normalized(gender, raw, (), changed=True)
