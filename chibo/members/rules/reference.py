"""Reference lists of the member profile: ethnic groups, religions, political theory, schooling."""

import re
from dataclasses import dataclass
from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

from chibo.core.text import fold

from .problems import Problem, Source

# The 54 ethnic groups are those of Quyết định 121-TCTK/PPCĐ (2/3/1979) of the General Statistics
# Office. Its 1979 numbering ordered groups by the population of the time (04 Hoa, 05 Khơ-me,
# 06 Mường). The codes in use today, in the 2009 and 2019 censuses and in the registers that cite
# "QĐ 121" (e.g. the Ministry of Health's QĐ 4750/QĐ-BYT), are those of the GSO's revised list,
# Quyết định 1019/QĐ-TCTK (12/11/2008): 04 Mường, 05 Khơ Me, 06 Hoa [V: codes 01-20 read in the
# GSO's own file; 21-54 in two published copies of the list that agree]. Code 55 there is
# "người nước ngoài" (foreigners), not an ethnic group of Vietnam, so it is not in this list.
ETHNIC_GROUPS_SOURCE = Source(
    "QĐ 121-TCTK/PPCĐ (2/3/1979): 54 thành phần dân tộc; mã số theo QĐ 1019/QĐ-TCTK (12/11/2008)",
    valid_from=date(2008, 11, 12),
)


@dataclass(frozen=True)
class EthnicGroup:
    code: str
    name: str
    other_names: tuple[str, ...] = ()


ETHNIC_GROUPS: tuple[EthnicGroup, ...] = (
    EthnicGroup("01", "Kinh", ("Việt",)),
    EthnicGroup("02", "Tày"),
    EthnicGroup("03", "Thái"),
    EthnicGroup("04", "Mường"),
    EthnicGroup("05", "Khmer", ("Khơ Me", "Khơ-me")),
    EthnicGroup("06", "Hoa", ("Hán",)),
    EthnicGroup("07", "Nùng"),
    EthnicGroup("08", "H'Mông", ("Mông", "Hmông", "Mèo")),
    EthnicGroup("09", "Dao"),
    EthnicGroup("10", "Gia Rai", ("Gia-rai", "Giarai")),
    EthnicGroup("11", "Ê Đê", ("Ê-đê", "Êđê")),
    EthnicGroup("12", "Ba Na", ("Ba-na", "Bahnar")),
    EthnicGroup("13", "Sán Chay", ("Cao Lan-Sán Chỉ", "Cao Lan")),
    EthnicGroup("14", "Chăm", ("Chàm",)),
    EthnicGroup("15", "Cơ Ho", ("Cơ-ho", "K'Ho")),
    EthnicGroup("16", "Xơ Đăng", ("Xơ-đăng",)),
    EthnicGroup("17", "Sán Dìu"),
    EthnicGroup("18", "Hrê", ("H'rê",)),
    EthnicGroup("19", "Ra Glai", ("Raglai", "Ra-glai", "RaGlay")),
    EthnicGroup("20", "Mnông", ("M'Nông",)),
    EthnicGroup("21", "Thổ"),
    EthnicGroup("22", "Xtiêng", ("X'Tiêng", "Stiêng")),
    EthnicGroup("23", "Khơ Mú", ("Khơ-mú", "Khmu")),
    EthnicGroup("24", "Bru Vân Kiều", ("Bru-Vân Kiều", "Vân Kiều")),
    EthnicGroup("25", "Cơ Tu", ("Cơ-tu", "Ca Tu")),
    EthnicGroup("26", "Giáy"),
    EthnicGroup("27", "Tà Ôi", ("Tà-ôi",)),
    EthnicGroup("28", "Mạ"),
    EthnicGroup("29", "Giẻ Triêng", ("Giẻ-Triêng", "Gié Triêng")),
    EthnicGroup("30", "Co"),
    EthnicGroup("31", "Chơ Ro", ("Chơ-ro",)),
    EthnicGroup("32", "Xinh Mun", ("Xinh-mun",)),
    EthnicGroup("33", "Hà Nhì"),
    EthnicGroup("34", "Chu Ru", ("Chu-ru",)),
    EthnicGroup("35", "Lào"),
    EthnicGroup("36", "La Chí"),
    EthnicGroup("37", "Kháng"),
    EthnicGroup("38", "Phù Lá"),
    EthnicGroup("39", "La Hủ"),
    EthnicGroup("40", "La Ha"),
    EthnicGroup("41", "Pà Thẻn"),
    EthnicGroup("42", "Lự"),
    EthnicGroup("43", "Ngái"),
    EthnicGroup("44", "Chứt"),
    EthnicGroup("45", "Lô Lô"),
    EthnicGroup("46", "Mảng"),
    EthnicGroup("47", "Cơ Lao", ("Cờ Lao",)),
    EthnicGroup("48", "Bố Y"),
    EthnicGroup("49", "Cống"),
    EthnicGroup("50", "Si La"),
    EthnicGroup("51", "Pu Péo"),
    EthnicGroup("52", "Rơ Măm"),
    EthnicGroup("53", "Brâu"),
    EthnicGroup("54", "Ơ Đu"),
)

ETHNIC_GROUP_BY_CODE = {group.code: group for group in ETHNIC_GROUPS}


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(name))


_ETHNIC_GROUP_BY_KEY = {
    _key(name): group for group in ETHNIC_GROUPS for name in (group.name, *group.other_names)
}


def find_ethnic_group(name: str) -> EthnicGroup | None:
    """The group a written name means, ignoring case, marks, spaces, hyphens and apostrophes."""
    return _ETHNIC_GROUP_BY_KEY.get(_key(name))


class Religion(models.TextChoices):
    """The main religions recognised by the state, plus "none" and "other".

    A short list for the profile form, not the full register: the Government Committee for
    Religious Affairs recognises more organisations (16 religions by its count) [U: count not
    re-read]; anything else is recorded as "other" with the name in a free-text field.
    """

    NONE = "none", _("Không")
    BUDDHISM = "buddhism", _("Phật giáo")
    CATHOLICISM = "catholicism", _("Công giáo")
    PROTESTANTISM = "protestantism", _("Tin Lành")
    CAODAISM = "caodaism", _("Cao Đài")
    HOA_HAO = "hoa_hao", _("Phật giáo Hòa Hảo")
    ISLAM = "islam", _("Hồi giáo")
    OTHER = "other", _("Tôn giáo khác")


class TheoryLevel(models.TextChoices):
    """Political theory training (trình độ lý luận chính trị), lowest first."""

    NONE = "none", _("Chưa qua đào tạo")
    ELEMENTARY = "elementary", _("Sơ cấp")
    INTERMEDIATE = "intermediate", _("Trung cấp")
    ADVANCED = "advanced", _("Cao cấp")
    BACHELOR = "bachelor", _("Cử nhân")


# Cử nhân chính trị ranks with cao cấp: standards for posts ask for "cao cấp hoặc cử nhân".
THEORY_RANK = {
    TheoryLevel.NONE: 0,
    TheoryLevel.ELEMENTARY: 1,
    TheoryLevel.INTERMEDIATE: 2,
    TheoryLevel.ADVANCED: 3,
    TheoryLevel.BACHELOR: 3,
}

# General education is written "grade/length of the system": "9/12" today; "7/10" in the
# ten-year system of the North before the 1989 unification of schooling (4 primary + 3 lower
# secondary + 3 upper secondary) [U: structure as commonly described, no decree re-read].
EDUCATION_SOURCE = Source("Hệ 12 năm (5+4+3) và hệ 10 năm cũ (4+3+3)", confirmed=False)
ADMISSION_EDUCATION_SOURCE = Source(
    "QĐ 294-QĐ/TW mục 1.2 (như QĐ 24-QĐ/TW, QĐ 232-QĐ/TW): tốt nghiệp trung học cơ sở trở lên"
)


@dataclass(frozen=True)
class GeneralEducation:
    grade: int
    system: int  # 12 or 10

    def format(self) -> str:
        return f"{self.grade}/{self.system}"

    def grade_in_12_year_system(self) -> int:
        """The equivalent grade today: the 10-year system had one year fewer in primary and one
        fewer in lower secondary, so grades 5-10 there are grades 7-12 now."""
        if self.system == 12 or self.grade <= 4:
            return self.grade
        return self.grade + 2

    def completed_lower_secondary(self) -> bool:
        return self.grade_in_12_year_system() >= 9


_EDUCATION = re.compile(r"(?:lớp\s*)?(?P<grade>\d{1,2})\s*/\s*(?P<system>10|12)", re.IGNORECASE)


def parse_general_education(text: str) -> GeneralEducation:
    """Read "9/12", "12 / 12", "lớp 7/10"; ValueError for anything else or a grade out of range."""
    match = _EDUCATION.fullmatch(text.strip())
    if not match:
        raise ValueError(f"not an education level: {text!r}")
    grade, system = int(match["grade"]), int(match["system"])
    if not 1 <= grade <= system:
        raise ValueError(f"grade {grade} outside a {system}-year system")
    return GeneralEducation(grade, system)


def check_general_education(text: str) -> list[Problem]:
    if not text.strip():
        return []
    try:
        parse_general_education(text)
    except ValueError:
        return [
            Problem(
                "education.format",
                _("Trình độ giáo dục phổ thông ghi theo dạng lớp/hệ, ví dụ 12/12 hoặc 10/10."),
                field="general_education",
                source=EDUCATION_SOURCE,
            )
        ]
    return []
