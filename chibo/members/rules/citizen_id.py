"""Citizen ID (căn cước công dân, số định danh cá nhân): 12 digits with a known structure.

Structure, Thông tư 07/2016/TT-BCA (1/2/2016) Điều 7 and Phụ lục 1 [V], carried into Thông tư
59/2021/TT-BCA and the Law on Identification 2023 (Luật Căn cước số 26/2023/QH15, Điều 12: a
12-digit number set by the national population database [V]):
- digits 1-3: code of the province where the birth was registered (Phụ lục 1, 63 codes);
- digit 4: gender and century of birth;
- digits 5-6: the last two digits of the year of birth;
- digits 7-12: random.
Numbers already issued keep their province code after the 2025 merger into 34 provinces: the code
names the province of birth registration as it was then, so the 63-code list stays the rule.
"""

import re
from datetime import date
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .problems import Problem, Severity, Source

CITIZEN_ID_SOURCE = Source(
    "Thông tư 07/2016/TT-BCA Điều 7, Phụ lục 1; Thông tư 59/2021/TT-BCA; "
    "Luật Căn cước 2023 Điều 12",
    valid_from=date(2016, 2, 1),
)
# The 9-digit identity card (chứng minh nhân dân) was replaced by the 12-digit number; the last
# 9-digit cards expired on 31/12/2024 (Luật Căn cước 2023, Điều 46) [U: not re-read].
OLD_CMND_SOURCE = Source("Luật Căn cước 2023, Điều 46 (CMND hết giá trị)", confirmed=False)


class Gender(StrEnum):
    MALE = "male"
    FEMALE = "female"


# Thông tư 07/2016/TT-BCA Phụ lục 1: "mã tỉnh, thành phố trực thuộc trung ương nơi công dân đăng
# ký khai sinh" [V, read 2026 in the appendix as republished].
PROVINCE_CODES: dict[str, str] = {
    "001": "Hà Nội",
    "002": "Hà Giang",
    "004": "Cao Bằng",
    "006": "Bắc Kạn",
    "008": "Tuyên Quang",
    "010": "Lào Cai",
    "011": "Điện Biên",
    "012": "Lai Châu",
    "014": "Sơn La",
    "015": "Yên Bái",
    "017": "Hòa Bình",
    "019": "Thái Nguyên",
    "020": "Lạng Sơn",
    "022": "Quảng Ninh",
    "024": "Bắc Giang",
    "025": "Phú Thọ",
    "026": "Vĩnh Phúc",
    "027": "Bắc Ninh",
    "030": "Hải Dương",
    "031": "Hải Phòng",
    "033": "Hưng Yên",
    "034": "Thái Bình",
    "035": "Hà Nam",
    "036": "Nam Định",
    "037": "Ninh Bình",
    "038": "Thanh Hóa",
    "040": "Nghệ An",
    "042": "Hà Tĩnh",
    "044": "Quảng Bình",
    "045": "Quảng Trị",
    "046": "Thừa Thiên Huế",
    "048": "Đà Nẵng",
    "049": "Quảng Nam",
    "051": "Quảng Ngãi",
    "052": "Bình Định",
    "054": "Phú Yên",
    "056": "Khánh Hòa",
    "058": "Ninh Thuận",
    "060": "Bình Thuận",
    "062": "Kon Tum",
    "064": "Gia Lai",
    "066": "Đắk Lắk",
    "067": "Đắk Nông",
    "068": "Lâm Đồng",
    "070": "Bình Phước",
    "072": "Tây Ninh",
    "074": "Bình Dương",
    "075": "Đồng Nai",
    "077": "Bà Rịa - Vũng Tàu",
    "079": "Hồ Chí Minh",
    "080": "Long An",
    "082": "Tiền Giang",
    "083": "Bến Tre",
    "084": "Trà Vinh",
    "086": "Vĩnh Long",
    "087": "Đồng Tháp",
    "089": "An Giang",
    "091": "Kiên Giang",
    "092": "Cần Thơ",
    "093": "Hậu Giang",
    "094": "Sóc Trăng",
    "095": "Bạc Liêu",
    "096": "Cà Mau",
}

# Thông tư 07/2016/TT-BCA Điều 7: digit 4 by century of birth, even for men and odd for women:
# 20th century (1900-1999) 0/1, 21st 2/3, 22nd 4/5, 23rd 6/7, 24th (2300-2399) 8/9 [V].
# (8/9 is the 24th century, not the 19th: no code exists for births before 1900.)
CENTURY_START_BY_DIGIT: dict[int, int] = {
    0: 1900,
    1: 1900,
    2: 2000,
    3: 2000,
    4: 2100,
    5: 2100,
    6: 2200,
    7: 2200,
    8: 2300,
    9: 2300,
}


def gender_of_digit(digit: int) -> Gender:
    return Gender.MALE if digit % 2 == 0 else Gender.FEMALE


def gender_century_digit(gender: Gender, birth_year: int) -> int | None:
    """The 4th digit for a person, or None when the year has no code (before 1900 or after 2399)."""
    if not 1900 <= birth_year <= 2399:
        return None
    return (birth_year - 1900) // 100 * 2 + (0 if gender is Gender.MALE else 1)


_SEPARATORS = re.compile(r"[\s.\-\u00a0]")


def normalise_citizen_id(raw: str) -> str:
    """Remove the spaces, dots and dashes people type or spreadsheets add; keep everything else."""
    return _SEPARATORS.sub("", raw)


def make_citizen_id(*, province_code: str, gender: Gender, birth_year: int, serial: int) -> str:
    """A well-formed number (demo data and tests): province + gender/century + year + 6 digits."""
    digit = gender_century_digit(gender, birth_year)
    if digit is None or province_code not in PROVINCE_CODES or not 0 <= serial <= 999_999:
        raise ValueError("no citizen ID for these values")
    return f"{province_code}{digit}{birth_year % 100:02d}{serial:06d}"


def check_citizen_id(
    value: str, *, gender: Gender | None = None, birth_year: int | None = None
) -> list[Problem]:
    """Problems with a citizen ID, checked against the person's gender and year of birth.

    An empty value has no problems here: whether the field must be filled is a completeness rule of
    the data-cleaning campaign, not a format rule. Gender or year left as None are not compared.
    """
    number = normalise_citizen_id(value)
    if not number:
        return []
    if not number.isascii() or not number.isdigit():
        return [_problem("citizen_id.not_digits", _("Số CCCD chỉ gồm chữ số."))]
    if len(number) == 9:
        return [
            Problem(
                "citizen_id.old_cmnd",
                _("CMND cũ 9 số: cần cập nhật số định danh cá nhân 12 số (CCCD)."),
                severity=Severity.WARNING,
                field="citizen_id",
                source=OLD_CMND_SOURCE,
            )
        ]
    if len(number) != 12:
        return [
            _problem(
                "citizen_id.length",
                _("Số CCCD phải có đúng 12 chữ số (đang có %(count)s)."),
                count=len(number),
            )
        ]
    problems: list[Problem] = []
    if number[:3] not in PROVINCE_CODES:
        problems.append(
            _problem(
                "citizen_id.province",
                _("Ba số đầu của CCCD (%(province)s) không phải mã tỉnh nơi đăng ký khai sinh."),
                province=number[:3],
            )
        )
    digit = int(number[3])
    if gender is not None and gender_of_digit(digit) is not gender:
        problems.append(
            _problem(
                "citizen_id.gender",
                _("Chữ số thứ 4 của CCCD (%(digit)s) không khớp giới tính đã khai."),
                digit=digit,
            )
        )
    if birth_year is not None:
        if CENTURY_START_BY_DIGIT[digit] != birth_year // 100 * 100:
            problems.append(
                _problem(
                    "citizen_id.century",
                    _("Chữ số thứ 4 của CCCD (%(digit)s) không khớp thế kỷ của năm sinh %(year)s."),
                    digit=digit,
                    year=birth_year,
                )
            )
        if number[4:6] != f"{birth_year % 100:02d}":
            problems.append(
                _problem(
                    "citizen_id.birth_year",
                    _("Chữ số thứ 5-6 của CCCD (%(digits)s) không khớp năm sinh %(year)s."),
                    digits=number[4:6],
                    year=birth_year,
                )
            )
    return problems


def _problem(code: str, message: str | Promise, **params: object) -> Problem:
    return Problem(code, message, field="citizen_id", source=CITIZEN_ID_SOURCE, params=params)
