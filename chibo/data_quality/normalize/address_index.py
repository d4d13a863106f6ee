"""Look-up indexes over `vietnam-provinces`: provinces, districts and wards before 1 July 2025,
wards from that date, and the official old-to-new ward conversion table the package ships
(`_ward_conversion_2025`, from the conversion table "Bảng chuyển đổi ĐVHC mới - cũ").

Built once per process (about 0.3 s) and then read only.
"""

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from vietnam_provinces import Province, Ward


def quick_fold(text: str) -> str:
    """`chibo.core.text.fold` for text that is already NFC with single spaces, at C speed:
    marks are dropped with NFD and an ASCII encoding. Characters that are not Latin letters
    with marks are dropped too, which only shortens the text (callers check the length)."""
    text = text.lower().replace("đ", "d").replace("\u00f0", "d")
    if text.isascii():
        return text
    return unicodedata.normalize("NFD", text).encode("ascii", "ignore").decode("ascii")


_NON_KEY = re.compile(r"[^a-z0-9]+")
_LEADING_ZEROS = re.compile(r"\b0+(?=\d)")
_UNIT_WORDS = re.compile(
    r"^(?:thanh pho trung uong|thanh pho|tinh|quan|huyen|thi xa|thi tran|phuong|xa|dac khu)\s+"
)


def name_key(text: str) -> str:
    """A place name as a look-up key: folded, punctuation as spaces, numbers without zeros."""
    key = _NON_KEY.sub(" ", quick_fold(text)).strip()
    return _LEADING_ZEROS.sub("", key)


def _bare(name: str) -> str:
    """The key of an official name without its unit word ("Phường Bến Nghé" -> "ben nghe")."""
    return _UNIT_WORDS.sub("", name_key(name))


_NON_WORD = re.compile(r"[\W_]+")


def exact_key(text: str) -> str:
    """A place name in lower case with its marks ("bến nghé"): it tells "Văn Lang" from "Văn
    Lăng" when the folded keys are the same."""
    key = _NON_WORD.sub(" ", unicodedata.normalize("NFC", text.lower())).strip()
    return _LEADING_ZEROS.sub("", key)


def _exact_bare(name: str) -> str:
    words = exact_key(name)
    return words[len(words) - len(_bare(name)) :]


@dataclass(frozen=True, slots=True)
class Place:
    code: int
    kind: str  # the division type as the package writes it ("phường", "quận"...)
    parent: int  # province code (new wards, old districts) or district code (old wards)
    exact: str  # the name without its unit word, in lower case with marks


# Common ways of writing a province that its official name does not cover.
PROVINCE_ALIASES: dict[str, str] = {
    "hcm": "ho chi minh", "tphcm": "ho chi minh", "tp hcm": "ho chi minh",
    "sai gon": "ho chi minh", "hn": "ha noi", "tphn": "ha noi", "brvt": "ba ria vung tau",
    "ba ria": "ba ria vung tau", "vung tau": "ba ria vung tau", "thua thien hue": "hue",
    "tt hue": "hue",
    "dac lac": "dak lak", "daklak": "dak lak", "dac nong": "dak nong", "daknong": "dak nong",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Index:
    # province key -> (old province codes, new province codes)
    provinces: dict[str, tuple[frozenset[int], frozenset[int]]]
    new_wards: dict[tuple[int, str], tuple[Place, ...]]  # (new province, key)
    old_districts: dict[tuple[int, str], tuple[Place, ...]]  # (old province, key)
    old_wards_by_district: dict[tuple[int, str], tuple[Place, ...]]  # (old district, key)
    old_wards_by_province: dict[tuple[int, str], tuple[Place, ...]]  # (old province, key)
    old_to_new_wards: dict[int, tuple[int, ...]]
    old_to_new_provinces: dict[int, tuple[int, ...]]
    new_to_old_provinces: dict[int, tuple[int, ...]]
    new_ward_province: dict[int, int]
    new_ward_names: dict[int, str]
    new_province_names: dict[int, str]


def _freeze[K](table: dict[K, list[Place]]) -> dict[K, tuple[Place, ...]]:
    return {k: tuple(v) for k, v in table.items()}


@cache
def index() -> Index:
    # The legacy lists and conversion tables take ~0.6 s to import: loaded with the index.
    from vietnam_provinces import _province_conversion_2025 as province_conversion
    from vietnam_provinces import _ward_conversion_2025 as ward_conversion
    from vietnam_provinces.legacy import District as OldDistrict
    from vietnam_provinces.legacy import Province as OldProvince
    from vietnam_provinces.legacy import Ward as OldWard

    provinces: dict[str, tuple[set[int], set[int]]] = defaultdict(lambda: (set(), set()))
    new_province_names: dict[int, str] = {}
    for p in Province.iter_all():
        provinces[_bare(p.name)][1].add(int(p.code))
        new_province_names[int(p.code)] = p.name
    for op in OldProvince.iter_all():
        provinces[_bare(op.name)][0].add(int(op.code))
    for alias, target in PROVINCE_ALIASES.items():
        old, new = provinces[target]
        provinces[alias][0].update(old)
        provinces[alias][1].update(new)

    new_wards: dict[tuple[int, str], list[Place]] = defaultdict(list)
    new_ward_province: dict[int, int] = {}
    new_ward_names: dict[int, str] = {}
    for w in Ward.iter_all():
        code, province = int(w.code), int(w.province_code)
        new_wards[province, _bare(w.name)].append(
            Place(code, str(w.division_type), province, _exact_bare(w.name))
        )
        new_ward_province[code] = province
        new_ward_names[code] = w.name

    old_districts: dict[tuple[int, str], list[Place]] = defaultdict(list)
    district_province: dict[int, int] = {}
    for d in OldDistrict.iter_all():
        code, province = int(d.code), int(d.province_code)
        old_districts[province, _bare(d.name)].append(
            Place(code, str(d.division_type), province, _exact_bare(d.name))
        )
        district_province[code] = province

    by_district: dict[tuple[int, str], list[Place]] = defaultdict(list)
    by_province: dict[tuple[int, str], list[Place]] = defaultdict(list)
    for ow in OldWard.iter_all():
        district = int(ow.district_code)
        place = Place(int(ow.code), str(ow.division_type), district, _exact_bare(ow.name))
        key = _bare(ow.name)
        by_district[district, key].append(place)
        by_province[district_province[district], key].append(place)

    old_to_new_provinces = {
        code: tuple(int(n.code) for n in entry.new_provinces)
        for code, entry in province_conversion.OLD_TO_NEW.items()
    }
    new_to_old: dict[int, list[int]] = defaultdict(list)
    for old_code, new_codes in old_to_new_provinces.items():
        for new_code in new_codes:
            new_to_old[new_code].append(old_code)
    return Index(
        provinces={k: (frozenset(o), frozenset(n)) for k, (o, n) in provinces.items()},
        new_wards=_freeze(new_wards),
        old_districts=_freeze(old_districts),
        old_wards_by_district=_freeze(by_district),
        old_wards_by_province=_freeze(by_province),
        old_to_new_wards={
            code: tuple(int(n.code) for n in entry.new_wards)
            for code, entry in ward_conversion.OLD_TO_NEW.items()
        },
        old_to_new_provinces=old_to_new_provinces,
        new_to_old_provinces={k: tuple(v) for k, v in new_to_old.items()},
        new_ward_province=new_ward_province,
        new_ward_names=new_ward_names,
        new_province_names=new_province_names,
    )
