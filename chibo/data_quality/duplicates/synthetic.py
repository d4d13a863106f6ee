"""A dirty synthetic Vietnamese member list with known duplicates (deterministic for a seed).

Used by the duplicate-detection tests and by `bench/dq_dirty_generator.py` / the F1 benchmark.
Each person gets a clean record; some get one or two more records with the kinds of damage old
registers have: accents lost, the old tone style (hoà for hòa), decomposed Unicode (NFD),
typing slips, day and month swapped, missing citizen ID or phone, the pre-2018 11-digit mobile
number, the pre-2025 address, spaces and case. Unrelated people share common names and birth
years, as they do in real lists.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from .keys import OLD_MOBILE_PREFIXES

SURNAMES = (
    ("Nguyễn", 38),
    ("Trần", 11),
    ("Lê", 9),
    ("Phạm", 7),
    ("Hoàng", 5),
    ("Huỳnh", 4),
    ("Phan", 4),
    ("Vũ", 4),
    ("Võ", 4),
    ("Đặng", 2),
    ("Bùi", 2),
    ("Đỗ", 2),
    ("Hồ", 2),
    ("Ngô", 2),
    ("Dương", 1),
    ("Lý", 1),
    ("Đinh", 1),
    ("Trương", 1),
    ("Lâm", 1),
    ("Mai", 1),
)
MALE_MIDDLE = ("Văn", "Hữu", "Đức", "Minh", "Quốc", "Thành", "Công", "Ngọc", "Xuân", "Đình")
FEMALE_MIDDLE = ("Thị", "Ngọc", "Thu", "Thanh", "Kim", "Mỹ", "Thúy", "Hồng", "Bích", "Phương")
MALE_GIVEN = (
    "An", "Anh", "Bảo", "Bình", "Cường", "Dũng", "Duy", "Đạt", "Hải", "Hào", "Hiếu", "Hòa",
    "Hoàng", "Hùng", "Huy", "Khánh", "Khoa", "Kiên", "Long", "Lộc", "Minh", "Nam", "Nghĩa",
    "Phong", "Phúc", "Quân", "Quang", "Sơn", "Tài", "Tâm", "Thắng", "Thành", "Thịnh", "Tiến",
    "Toàn", "Trí", "Trung", "Tuấn", "Tùng", "Việt", "Vinh", "Thủy", "Khỏe", "Thuận", "Hưng",
)  # fmt: skip
FEMALE_GIVEN = (
    "Anh", "Chi", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hòa", "Hồng",
    "Hương", "Huyền", "Lan", "Liên", "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Ngọc", "Nhung",
    "Oanh", "Phương", "Quyên", "Quỳnh", "Thảo", "Thoa", "Thủy", "Trang", "Trinh", "Tuyết", "Vân",
    "Xuân", "Yến", "Khuê", "Thùy", "Nguyệt", "Uyên", "Diệp", "Loan", "Lụa", "Thoa",
)  # fmt: skip
# (new address, the same place before the 1 July 2025 reorganisation)
PLACES = (
    ("Phường Sài Gòn, Thành phố Hồ Chí Minh", "Phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh"),
    ("Phường Bến Thành, Thành phố Hồ Chí Minh", "Phường Bến Thành, Quận 1, TP. Hồ Chí Minh"),
    ("Phường Ba Đình, Thành phố Hà Nội", "Phường Điện Biên, Quận Ba Đình, Thành phố Hà Nội"),
    ("Phường Hoàn Kiếm, Thành phố Hà Nội", "Phường Hàng Trống, Quận Hoàn Kiếm, Hà Nội"),
    ("Xã Hòa Vang, Thành phố Đà Nẵng", "Xã Hòa Phong, Huyện Hòa Vang, Thành phố Đà Nẵng"),
    ("Phường Hải Châu, Thành phố Đà Nẵng", "Phường Hải Châu I, Quận Hải Châu, Đà Nẵng"),
    ("Xã Nghĩa Đàn, Tỉnh Nghệ An", "Thị trấn Nghĩa Đàn, Huyện Nghĩa Đàn, Tỉnh Nghệ An"),
    ("Phường Thủy Xuân, Thành phố Huế", "Phường Thủy Xuân, Thành phố Huế, Tỉnh Thừa Thiên Huế"),
    ("Xã Cát Hải, Thành phố Hải Phòng", "Thị trấn Cát Hải, Huyện Cát Hải, Thành phố Hải Phòng"),
    ("Phường Ninh Kiều, Thành phố Cần Thơ", "Phường Tân An, Quận Ninh Kiều, Thành phố Cần Thơ"),
    ("Xã Thái Thụy, Tỉnh Hưng Yên", "Thị trấn Diêm Điền, Huyện Thái Thụy, Tỉnh Thái Bình"),
    ("Xã Hải Hậu, Tỉnh Ninh Bình", "Thị trấn Yên Định, Huyện Hải Hậu, Tỉnh Nam Định"),
)
NEW_PREFIXES = ("032", "033", "034", "035", "036", "037", "038", "039", "070", "077", "078",
                "079", "081", "082", "083", "084", "085", "090", "091", "093", "094", "096",
                "097", "098", "086", "088", "089", "056", "058", "059")  # fmt: skip
_NEW_TO_OLD = {new: old for old, new in OLD_MOBILE_PREFIXES.items()}
# The old (hoà) and the house (hòa) tone placement, for the "old tone style" damage.
_OLD_TONE = {"òa": "oà", "óa": "oá", "ỏa": "oả", "õa": "oã", "ọa": "oạ", "ùy": "uỳ",
             "úy": "uý", "ủy": "uỷ", "ũy": "uỹ", "ụy": "uỵ", "òe": "oè", "óe": "oé",
             "ỏe": "oẻ", "õe": "oẽ", "ọe": "oẹ"}  # fmt: skip
# Citizen-ID province codes (first three digits) and the gender/century digit.
_PROVINCES = ("001", "031", "048", "079", "092", "040", "046", "034", "036", "038")

DAMAGE_KINDS = (
    "accents",
    "old_tone",
    "nfd",
    "typo",
    "swap_day_month",
    "no_citizen_id",
    "no_phone",
    "old_phone",
    "old_address",
    "spacing",
)


@dataclass
class DirtySet:
    records: list[dict[str, Any]] = field(default_factory=list)
    # (ref, ref) of records of the same person
    true_pairs: set[tuple[str, str]] = field(default_factory=set)


def _weighted(rng: random.Random, items: tuple[tuple[str, int], ...]) -> str:
    total = sum(w for _i, w in items)
    pick = rng.uniform(0, total)
    for item, weight in items:
        pick -= weight
        if pick <= 0:
            return item
    return items[-1][0]


def _citizen_id(rng: random.Random, born: date, gender: str) -> str:
    century = 0 if born.year < 2000 else 2
    digit = century + (1 if gender == "female" else 0)
    return f"{rng.choice(_PROVINCES)}{digit}{born.year % 100:02d}{rng.randrange(10**6):06d}"


def _clean_person(rng: random.Random, index: int) -> dict[str, Any]:
    gender = "male" if rng.random() < 0.55 else "female"
    middle = rng.choice(MALE_MIDDLE if gender == "male" else FEMALE_MIDDLE)
    given = rng.choice(MALE_GIVEN if gender == "male" else FEMALE_GIVEN)
    name = f"{_weighted(rng, SURNAMES)} {middle} {given}"
    born = date(1945, 1, 1) + timedelta(days=rng.randrange(365 * 60))
    place_new, place_old = rng.choice(PLACES)
    return {
        "full_name": name,
        "gender": "Nam" if gender == "male" else "Nữ",
        "birth_date": born.strftime("%d/%m/%Y"),
        "citizen_id": _citizen_id(rng, born, gender) if rng.random() < 0.9 else "",
        "phone": f"{rng.choice(NEW_PREFIXES)}{rng.randrange(10**7):07d}"
        if rng.random() < 0.85
        else "",
        "home_town": place_new,
        "_born": born,
        "_place_old": place_old,
    }


def _typo(rng: random.Random, name: str) -> str:
    words = name.split(" ")
    i = rng.randrange(len(words))
    word = words[i]
    if len(word) < 3:
        return name
    j = rng.randrange(1, len(word))
    kind = rng.choice(("swap", "drop", "double", "replace"))
    if kind == "swap" and j < len(word) - 1:
        word = word[:j] + word[j + 1] + word[j] + word[j + 2 :]
    elif kind == "drop":
        word = word[:j] + word[j + 1 :]
    elif kind == "double":
        word = word[:j] + word[j] + word[j:]
    else:
        word = word[:j] + rng.choice("aeionmuht") + word[j + 1 :]
    words[i] = word
    return " ".join(words)


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def _damage(rng: random.Random, record: dict[str, Any], kinds: list[str]) -> dict[str, Any]:
    out = dict(record)
    born: date = record["_born"]
    for kind in kinds:
        if kind == "accents":
            out["full_name"] = _strip_accents(out["full_name"])
            out["home_town"] = _strip_accents(out["home_town"])
        elif kind == "old_tone":
            for house, old in _OLD_TONE.items():
                out["full_name"] = out["full_name"].replace(house, old)
        elif kind == "nfd":
            out["full_name"] = unicodedata.normalize("NFD", out["full_name"])
        elif kind == "typo":
            out["full_name"] = _typo(rng, out["full_name"])
        elif kind == "swap_day_month" and born.day <= 12 and born.day != born.month:
            out["birth_date"] = f"{born.month:02d}/{born.day:02d}/{born.year}"
        elif kind == "no_citizen_id":
            out["citizen_id"] = ""
        elif kind == "no_phone":
            out["phone"] = ""
        elif kind == "old_phone" and out["phone"][:3] in _NEW_TO_OLD:
            out["phone"] = _NEW_TO_OLD[out["phone"][:3]] + out["phone"][3:]
        elif kind == "old_address":
            out["home_town"] = record["_place_old"]
        elif kind == "spacing":
            out["full_name"] = "  ".join(out["full_name"].upper().split(" "))
    if rng.random() < 0.3 and out["phone"]:
        out["phone"] = "+84 " + out["phone"][1:4] + " " + out["phone"][4:]
    if rng.random() < 0.3:
        out["birth_date"] = out["birth_date"].replace("/", "-")
    return out


def generate(persons: int, *, duplicate_rate: float = 0.2, seed: int = 2026) -> DirtySet:
    """`persons` people; a share `duplicate_rate` of them have one (sometimes two) extra,
    damaged records. Records are shuffled; refs are "HS000001"…"""
    rng = random.Random(seed)
    clean = [_clean_person(rng, i) for i in range(persons)]
    rows: list[tuple[int, dict[str, Any]]] = []
    for person_id, record in enumerate(clean):
        rows.append((person_id, record))
        if rng.random() < duplicate_rate:
            copies = 2 if rng.random() < 0.15 else 1
            for _ in range(copies):
                kinds = rng.sample(DAMAGE_KINDS, rng.randint(1, 3))
                rows.append((person_id, _damage(rng, record, kinds)))
    rng.shuffle(rows)
    result = DirtySet()
    by_person: dict[int, list[str]] = {}
    for i, (person_id, record) in enumerate(rows, start=1):
        ref = f"HS{i:07d}"
        public = {k: v for k, v in record.items() if not k.startswith("_")}
        result.records.append({"source_ref": ref, **public})
        by_person.setdefault(person_id, []).append(ref)
    for refs in by_person.values():
        for a in range(len(refs)):
            for b in range(a + 1, len(refs)):
                result.true_pairs.add((refs[a], refs[b]))
    return result
