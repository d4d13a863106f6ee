"""The personal record (lý lịch, form 2-HSĐV) of a demo member, planned from a seeded random.

Places come from `vietnam-provinces`: places of birth and home towns are written with the old
(pre-July-2025) commune, district and province names, as records made before the reform carry them
(`vietnam_provinces.legacy`); residence uses the city's post-2025 wards and stores their code with
the scheme "post_2025". Ethnic groups, religions and the citizen ID come from `chibo.members.rules`.
"""

import random
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from vietnam_provinces import Ward
from vietnam_provinces.legacy import District as OldDistrict
from vietnam_provinces.legacy import Province as OldProvince
from vietnam_provinces.legacy import ProvinceCode as OldProvinceCode
from vietnam_provinces.legacy import Ward as OldWard

from chibo.core.text import fold
from chibo.members.models import AdminScheme, DatePrecision, Gender, MemberStatus, TheoryLevel
from chibo.members.rules import PROVINCE_CODES, Religion, find_ethnic_group, make_citizen_id
from chibo.members.rules import Gender as IdGender

from . import names

CITY = "Thành phố Hồ Chí Minh"
CITY_PROVINCE = "079"  # citizen ID province code of Ho Chi Minh City (Thông tư 07/2016/TT-BCA)


def _weighted(rng: random.Random, table: dict[str, float]) -> str:
    return rng.choices(list(table), weights=list(table.values()))[0]


# Where the city's members come from (citizen ID province codes, i.e. the 63 pre-2025 provinces):
# the city itself and the Mekong delta and south-east, then the central coast and the north.
HOME_PROVINCES: dict[str, float] = {
    "079": 40, "080": 4, "082": 4, "083": 4, "075": 3, "074": 2, "077": 2, "072": 2, "086": 2,
    "084": 2, "087": 2, "089": 2, "092": 2, "094": 1.5, "091": 1.5, "095": 1, "096": 1, "093": 1,
    "060": 1.5, "058": 1, "056": 1, "054": 1, "052": 2.5, "051": 3, "049": 3.5, "048": 1,
    "046": 1.5, "045": 1, "044": 1, "042": 2, "040": 3, "038": 2.5, "037": 0.7, "036": 1.5,
    "034": 1.5, "035": 0.5, "033": 0.5, "030": 0.7, "031": 0.7, "001": 2, "068": 0.7, "066": 0.7,
    "070": 0.5,
}  # fmt: skip

# Ethnic groups of the city's members (by name; the code comes from chibo.members.rules) and where
# members of the smaller groups usually come from.
ETHNIC_SHARES: dict[str, float] = {
    "Kinh": 93.5, "Hoa": 3.5, "Khmer": 1.2, "Chăm": 0.4, "Tày": 0.4, "Nùng": 0.3, "Mường": 0.3,
    "Thái": 0.2, "Chơ Ro": 0.1, "Xtiêng": 0.1,
}  # fmt: skip
ETHNIC_HOME: dict[str, tuple[str, ...]] = {
    "Hoa": ("079", "079", "079", "094", "091"),
    "Khmer": ("094", "084", "091", "089", "079"),
    "Chăm": ("089", "058", "079"),
    "Tày": ("020", "004", "006", "008"),
    "Nùng": ("020", "004"),
    "Mường": ("017", "038"),
    "Thái": ("014", "040"),
    "Chơ Ro": ("075",),
    "Xtiêng": ("070",),
}
RELIGIONS: dict[str, float] = {
    Religion.NONE: 85,
    Religion.BUDDHISM: 8,
    Religion.CATHOLICISM: 4,
    Religion.CAODAISM: 1,
    Religion.PROTESTANTISM: 0.8,
    Religion.HOA_HAO: 0.7,
}
# Mobile prefixes of the networks since the 2018 move to 10 digits.
MOBILE_PREFIXES = (
    "090", "093", "089", "070", "076", "077", "078", "079",  # MobiFone
    "091", "094", "088", "081", "082", "083", "084", "085",  # VinaPhone
    "096", "097", "098", "086", "032", "033", "034", "035", "036", "037", "038", "039",  # Viettel
)  # fmt: skip
# Reserved for examples (RFC 2606): a demo never writes to a real person's mailbox.
EMAIL_DOMAINS = ("example.com", "example.net", "example.org")

_Q_TEACHER = ("Cử nhân Sư phạm Toán", "Cử nhân Sư phạm Ngữ văn", "Cử nhân Sư phạm Tiếng Anh",
              "Cử nhân Sư phạm Vật lý", "Cử nhân Sư phạm Lịch sử", "Cử nhân Giáo dục Tiểu học",
              "Cao đẳng Sư phạm Mầm non", "Thạc sĩ Quản lý giáo dục")  # fmt: skip
_Q_OFFICE = ("Cử nhân Kế toán", "Cử nhân Quản trị kinh doanh", "Trung cấp Kế toán",
             "Cử nhân Tài chính - Ngân hàng", "Cử nhân Hành chính học")  # fmt: skip
_Q_ENGINEER = ("Kỹ sư Cơ khí", "Kỹ sư Xây dựng", "Kỹ sư Điện", "Kỹ sư Công nghệ thông tin",
               "Kỹ sư Công nghệ thực phẩm")  # fmt: skip
_Q_WORKER = ("Trung cấp Cơ khí", "Trung cấp Điện công nghiệp", "Sơ cấp nghề May", "")
_Q_CIVIL = ("Cử nhân Luật", "Cử nhân Quản lý nhà nước", "Thạc sĩ Quản lý công",
            "Cử nhân Kinh tế", "Cử nhân Xã hội học", "Kỹ sư Xây dựng")  # fmt: skip
_Q_DOCTOR = ("Bác sĩ Đa khoa", "Bác sĩ chuyên khoa I", "Thạc sĩ Y học", "Bác sĩ chuyên khoa II")
_Q_NURSE = ("Cử nhân Điều dưỡng", "Cao đẳng Điều dưỡng", "Trung cấp Điều dưỡng")
_Q_LECTURER = ("Thạc sĩ Kỹ thuật", "Thạc sĩ Kinh tế", "Tiến sĩ Kỹ thuật", "Thạc sĩ Ngôn ngữ Anh",
               "Thạc sĩ Khoa học máy tính")  # fmt: skip
_Q_RETIRED = ("Cử nhân Kinh tế", "Trung cấp Kế toán", "Kỹ sư Xây dựng", "Cử nhân Sư phạm Ngữ văn",
              "Trung cấp Y", "Cử nhân Luật", "", "", "")  # fmt: skip
_Q_FREE = ("", "", "Trung cấp Kế toán", "Cao đẳng Quản trị kinh doanh", "Sơ cấp nghề")

# Occupation, weight and the qualifications it goes with, by the kind of place the branch is.
OCCUPATIONS: dict[str, tuple[tuple[str, float, tuple[str, ...]], ...]] = {
    "residential": (
        ("Kinh doanh", 3, _Q_FREE),
        ("Lao động tự do", 2, _Q_FREE),
        ("Công nhân", 1, _Q_WORKER),
        ("Nhân viên văn phòng", 2, _Q_OFFICE),
        ("Nội trợ", 1, ("",)),
    ),
    "school": (
        ("Giáo viên", 8, _Q_TEACHER),
        ("Nhân viên kế toán", 1, _Q_OFFICE),
        ("Nhân viên văn thư", 1, _Q_OFFICE),
    ),
    "company": (
        ("Nhân viên", 4, _Q_OFFICE),
        ("Kỹ sư", 2, _Q_ENGINEER),
        ("Công nhân", 3, _Q_WORKER),
        ("Kế toán", 1, _Q_OFFICE),
    ),
    "enterprise": (
        ("Nhân viên", 4, _Q_OFFICE),
        ("Kỹ sư", 3, _Q_ENGINEER),
        ("Công nhân", 3, _Q_WORKER),
        ("Lái xe", 1, ("",)),
    ),
    "agency": (("Công chức", 6, _Q_CIVIL), ("Viên chức", 3, _Q_CIVIL + _Q_OFFICE)),
    "military": (("Quân nhân", 1, ("Cử nhân Quân sự cơ sở", "Trung cấp Quân sự")),),
    "health": (
        ("Bác sĩ", 3, _Q_DOCTOR),
        ("Điều dưỡng", 4, _Q_NURSE),
        ("Dược sĩ", 1, ("Dược sĩ Đại học", "Cao đẳng Dược")),
        ("Kỹ thuật viên y tế", 1, ("Cử nhân Xét nghiệm y học", "Cử nhân Kỹ thuật hình ảnh y học")),
    ),
    "college": (("Giảng viên", 6, _Q_LECTURER), ("Chuyên viên", 3, _Q_OFFICE)),
    "market": (("Tiểu thương", 7, _Q_FREE), ("Nhân viên Ban quản lý chợ", 2, _Q_OFFICE)),
    "cooperative": (("Thành viên hợp tác xã", 5, _Q_FREE), ("Kế toán", 1, _Q_OFFICE)),
}
# Posts in the branch's own organisation, most senior first (chức vụ chính quyền, đoàn thể).
GOVERNMENT_POSTS: dict[str, tuple[str, ...]] = {
    "residential": (
        "Trưởng khu phố",
        "Tổ trưởng tổ dân phố",
        "Chi hội trưởng Chi hội Cựu chiến binh",
    ),
    "school": ("Hiệu trưởng", "Phó Hiệu trưởng", "Tổ trưởng chuyên môn"),
    "company": ("Giám đốc", "Phó Giám đốc", "Chủ tịch Công đoàn cơ sở"),
    "enterprise": ("Trưởng phòng", "Phó Trưởng phòng", "Tổ trưởng sản xuất"),
    "agency": ("Trưởng phòng", "Phó Trưởng phòng", "Bí thư Chi đoàn"),
    "military": ("Chỉ huy trưởng", "Chỉ huy phó", "Trung đội trưởng dân quân"),
    "health": ("Trưởng khoa", "Phó Trưởng khoa", "Điều dưỡng trưởng"),
    "college": ("Trưởng khoa", "Phó Trưởng khoa", "Chủ tịch Công đoàn bộ phận"),
    "market": ("Trưởng Ban quản lý chợ", "Phó Trưởng Ban quản lý chợ", "Tổ trưởng ngành hàng"),
    "cooperative": ("Giám đốc hợp tác xã", "Phó Giám đốc hợp tác xã", "Kiểm soát viên"),
}
THEORY_SHARES: dict[str, dict[str, float]] = {
    "probationary": {TheoryLevel.NONE: 80, TheoryLevel.ELEMENTARY: 20},
    "member": {
        TheoryLevel.NONE: 4,
        TheoryLevel.ELEMENTARY: 68,
        TheoryLevel.INTERMEDIATE: 22,
        TheoryLevel.ADVANCED: 4,
        TheoryLevel.BACHELOR: 2,
    },
    "cadre": {
        TheoryLevel.ELEMENTARY: 20,
        TheoryLevel.INTERMEDIATE: 55,
        TheoryLevel.ADVANCED: 15,
        TheoryLevel.BACHELOR: 10,
    },
}
_NORTH_BEFORE_1975 = {code for code in PROVINCE_CODES if int(code) <= 45}


def ethnic_code(name: str) -> str:
    group = find_ethnic_group(name)
    if group is None:  # the share table names a group the reference list does not know
        raise LookupError(name)
    return group.code


@cache
def _old_places() -> dict[str, tuple[tuple[str, str], ...]]:
    """(commune, district) names of every pre-2025 province, by citizen ID province code."""
    districts = {d.code: d for d in OldDistrict.iter_all()}
    places: dict[str, list[tuple[str, str]]] = {}
    for ward in OldWard.iter_all():
        district = districts[ward.district_code]
        key = f"{int(district.province_code):03d}"
        places.setdefault(key, []).append((ward.name, district.name))
    return {key: tuple(value) for key, value in places.items()}


@cache
def _old_province_name(province_code: str) -> str:
    return OldProvince.from_code(OldProvinceCode(int(province_code))).name


def old_place(rng: random.Random, province_code: str) -> str:
    """A real commune of a pre-2025 province, written as on old records."""
    commune, district = rng.choice(_old_places()[province_code])
    return f"{commune}, {district}, {_old_province_name(province_code)}"


@dataclass(frozen=True)
class Residence:
    address: str
    admin_code: str  # the post-2025 ward or commune code, as OrgUnit.admin_code writes it


def residence(rng: random.Random, ward: Ward, locality: str = "") -> Residence:
    commune = not ward.name.startswith("Phường")
    if not locality:
        locality = f"{'Ấp' if commune else 'Khu phố'} {rng.randint(1, 12)}"
    if commune:
        street = f"Tổ {rng.randint(1, 20)}, {locality}"
    else:
        street = f"{rng.randint(1, 420)} {rng.choice(names.STREETS)}, {locality}"
    return Residence(f"{street}, {ward.name}, {CITY}", str(int(ward.code)))


def is_retired(gender: str, birth: date, today: date) -> bool:
    # Retirement ages rise year by year since 2021 (Bộ luật Lao động 2019, Điều 169); the demo
    # uses the older round figures.
    return today.year - birth.year >= (60 if gender == Gender.MALE else 55)


class ProfileMaker:
    """Plans the 2-HSĐV fields of one member; keeps the citizen IDs unique across the demo."""

    def __init__(self, rng: random.Random, today: date, city_wards: list[Ward]) -> None:
        self.rng, self.today, self.city_wards = rng, today, city_wards
        self.citizen_ids: set[str] = set()

    def ethnicity(self) -> str:
        return _weighted(self.rng, ETHNIC_SHARES)

    def surname(self, ethnicity: str) -> str | None:
        """A surname typical of the group, or None for the national mix."""
        if ethnicity == "Hoa" and self.rng.random() < 0.7:
            return self.rng.choice(names.HOA_SURNAMES)
        if ethnicity == "Khmer" and self.rng.random() < 0.8:
            return self.rng.choice(names.KHMER_SURNAMES)
        return None

    def citizen_id(self, province: str, gender: str, birth: date) -> str:
        while True:
            number = make_citizen_id(
                province_code=province,
                gender=IdGender(gender),
                birth_year=birth.year,
                serial=self.rng.randrange(1_000_000),
            )
            if number not in self.citizen_ids:
                self.citizen_ids.add(number)
                return number

    def make(
        self,
        *,
        full_name: str,
        given_name: str,
        gender: str,
        birth: date,
        ethnicity: str,
        status: str,
        sector: str,
        workplace: str,
        ward: Ward,
        locality: str,
        died_on: date | None,
    ) -> dict[str, Any]:
        rng, today = self.rng, self.today
        on = died_on or today
        age = on.year - birth.year
        home = rng.choice(ETHNIC_HOME[ethnicity]) if ethnicity in ETHNIC_HOME else None
        home = home or _weighted(rng, HOME_PROVINCES)
        # Most members born away from the city were born in their home province; some families
        # moved to the city before the child was born.
        born_in = home if home == CITY_PROVINCE or rng.random() < 0.7 else CITY_PROVINCE
        place_of_birth = old_place(rng, born_in)
        home_town = (
            place_of_birth if born_in == home and rng.random() < 0.7 else old_place(rng, home)
        )

        if sector == "residential":
            permanent = residence(rng, ward, locality)
        else:
            lives_in = ward if rng.random() < 0.3 else rng.choice(self.city_wards)
            permanent = residence(rng, lives_in)
        current = permanent if rng.random() < 0.88 else residence(rng, rng.choice(self.city_wards))

        precision: str = DatePrecision.DAY
        if birth.year < 1955:
            precision = _weighted(
                rng, {DatePrecision.DAY: 70, DatePrecision.MONTH: 10, DatePrecision.YEAR: 20}
            )

        retired = sector == "residential" and is_retired(gender, birth, on)
        qualifications: tuple[str, ...]
        if retired:
            occupation, qualifications = "Hưu trí", _Q_RETIRED
        else:
            table = OCCUPATIONS[sector]
            occupation, _w, qualifications = rng.choices(table, weights=[t[1] for t in table])[0]
            if sector == "college" and workplace.startswith("Chi bộ Sinh viên") and age <= 26:
                occupation, qualifications = "Sinh viên", ("",)
        if sector == "residential":
            # Members of a residential branch work (if they do) somewhere else.
            workplace = ""
            if occupation in ("Công nhân", "Nhân viên văn phòng"):
                workplace = (
                    f"{rng.choice(names.COMPANY_FORMS)} {rng.choice(names.COMPANY_TRADES)} "
                    f"{rng.choice(names.COMPANY_NAMES)}"
                )

        north = home in _NORTH_BEFORE_1975
        if birth.year < 1962 and north:
            education = _weighted(rng, {"10/10": 80, "7/10": 10, "12/12": 10})
        elif birth.year < 1962:
            education = _weighted(rng, {"12/12": 75, "9/12": 15, "10/12": 10})
        elif birth.year < 1975 and north:
            education = _weighted(rng, {"10/10": 60, "12/12": 40})
        else:
            education = "12/12" if rng.random() < 0.97 else "9/12"

        alive = died_on is None and status not in (MemberStatus.REMOVED,)
        phone = ""
        if alive:
            phone = rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10_000_000):07d}"
        email = ""
        if alive and rng.random() < (0.1 if sector == "residential" else 0.45):
            local = fold(full_name).replace(" ", "") + str(birth.year % 100)
            email = f"{local}@{rng.choice(EMAIL_DOMAINS)}"
        other_names = ""
        if rng.random() < (0.12 if birth.year < 1960 else 0.01):
            other_names = f"{rng.choice(names.BIRTH_ORDER_NAMES)} {given_name}"
        # Until 2021 only some provinces issued the 12-digit number; a member who died before
        # then has no citizen ID on record.
        citizen_id = ""
        if died_on is None or died_on.year >= 2021:
            citizen_id = self.citizen_id(born_in, gender, birth)
        theory = THEORY_SHARES["probationary" if status == MemberStatus.PROBATIONARY else "member"]
        return {
            "other_names": other_names,
            "birth_date_precision": precision,
            "place_of_birth": place_of_birth,
            "home_town": home_town,
            "permanent_address": permanent.address,
            "permanent_admin_code": permanent.admin_code,
            "permanent_admin_scheme": AdminScheme.POST_2025,
            "current_address": current.address,
            "current_admin_code": current.admin_code,
            "current_admin_scheme": AdminScheme.POST_2025,
            "ethnicity": ethnic_code(ethnicity),
            "religion": _weighted(rng, RELIGIONS) if ethnicity != "Chăm" else Religion.ISLAM,
            "citizen_id": citizen_id,
            "phone": phone,
            "email": email,
            "general_education": education,
            "professional_qualification": rng.choice(qualifications),
            "theory_level": _weighted(rng, theory),
            "occupation": occupation,
            "workplace": workplace,
        }

    def promote(self, profile: dict[str, Any], rank: int, sector: str, workplace: str = "") -> None:
        """Give the `rank`-th cadre of a branch (0 = secretary) a party post, often a post in the
        branch's organisation too, and the theory level such posts ask for."""
        rng = self.rng
        profile["party_position"] = ("Bí thư chi bộ", "Phó Bí thư chi bộ", "Chi ủy viên")[
            min(rank, 2)
        ]
        posts = GOVERNMENT_POSTS[sector]
        if rank < len(posts) and rng.random() < 0.6:
            profile["government_position"] = posts[rank]
            if sector == "residential":  # the neighbourhood's own board
                profile["workplace"] = workplace
        profile["theory_level"] = _weighted(rng, THEORY_SHARES["cadre"])
