"""Addresses to the current (from 1 July 2025) ward and province.

An address is read from the right: province, then an old district (quận, huyện, thị xã, thành phố
thuộc tỉnh) if any, then the ward or commune; anything further left (house, street) is ignored.
Names are compared without diacritics and with the usual abbreviations (P., Q., TP, TP.HCM, TX,
TT, H., X.). Old units go through the official conversion table: an old ward that became part of
one new ward maps to it; one split among several new wards is ambiguous and, like an address
that matches nothing, gives no value and a warning that lists what was found. Nothing is guessed.
"""

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .address_index import Index, Place, exact_key, index, name_key, quick_fold
from .messages import issue
from .values import AddressMatch, Issue, Normalized

_SEGMENTS = re.compile(r"\s*[,;\n]+\s*")
_KEYWORD_SPLIT = re.compile(
    r"\s+(?=(?:phuong|xa|thi tran|quan|huyen|thi xa|thanh pho|tinh|tp|p\.|q\.|tx\.|tt\.|h\.)"
    r"(?:\s|\.|\d))"
)
_PREFIX = re.compile(
    r"^(thanh pho|tinh|t\.p|tp|quan|huyen|thi xa|thi tran|tx|tt|phuong|xa|dac khu|q|h|p|x)"
    r"(?:\s*\.\s*|\s+|(?=\d))(.+)$"
)
_PROVINCE_KINDS = frozenset({"tinh", "thanh pho", "tp", "t.p"})
_DISTRICT_KINDS = frozenset({"quan", "huyen", "thi xa", "tx", "q", "h"})
_WARD_KINDS = frozenset({"phuong", "xa", "thi tran", "tt", "dac khu", "p", "x"})
# Which official division types an abbreviation stands for.
_KIND_TYPES: dict[str, frozenset[str]] = {
    "phuong": frozenset({"phường"}), "p": frozenset({"phường"}),
    "xa": frozenset({"xã"}), "x": frozenset({"xã"}),
    "thi tran": frozenset({"thị trấn"}), "tt": frozenset({"thị trấn"}),
    "dac khu": frozenset({"đặc khu"}),
    "quan": frozenset({"quận"}), "q": frozenset({"quận"}),
    "huyen": frozenset({"huyện"}), "h": frozenset({"huyện"}),
    "thi xa": frozenset({"thị xã"}), "tx": frozenset({"thị xã"}),
    "thanh pho": frozenset({"thành phố"}), "tp": frozenset({"thành phố"}),
    "t.p": frozenset({"thành phố"}),
}  # fmt: skip
_MAX_CANDIDATES = 5
_COUNTRY = frozenset({"viet nam", "vietnam", "vn"})
_COUNTRY_WRITTEN = frozenset({"việt nam", "viet nam", "vietnam", "vn", "viêt nam"})
_RAW_SEGMENTS = re.compile(r"[,;\n]")

Problem = tuple[str, str | Promise, dict[str, object]]
Segment = tuple[str, str, str]  # (kind or "", name key, exact name in lower case with marks)


def map_address(
    value: object, *, field: str = "address", memo: bool = True
) -> Normalized[AddressMatch]:
    """The current ward and province of a free-text address (see the module docstring).
    `memo=False` for an address that will not come again (with its house number): only its
    administrative tail is then remembered."""
    if value is None:
        return Normalized(None, "")
    if memo:
        return _map(str(value), field)
    return _map.__wrapped__(str(value), field)


@lru_cache(maxsize=65536)
def _map(raw: str, field: str) -> Normalized[AddressMatch]:
    parts = [p for p in (q.strip() for q in _RAW_SEGMENTS.split(raw)) if p]
    while len(parts) > 1 and parts[-1].lower() in _COUNTRY_WRITTEN:
        parts.pop()
    if not parts:
        return Normalized(None, raw)
    # Only the province and the two units before it count: the house and street are not part
    # of the look-up, so addresses of one ward share one cached answer.
    # A ward right before the province ends the look-up, so the street before it need not
    # be part of the key either ("12 Lê Lợi, Phường Sài Gòn, TP. Hồ Chí Minh").
    tail = parts[-2:] if len(parts) > 2 and _is_ward(parts[-2]) else parts[-3:]
    match, problem = _lookup(tuple(tail))
    if match is None and problem is None:
        return Normalized(None, raw)
    issues: tuple[Issue, ...] = ()
    if problem is not None:
        code, message, params = problem
        issues = (issue(field, code, message, "warning", raw=raw.strip(), **params),)
    return Normalized(match, raw, issues, changed=match is not None)


def _is_ward(part: str) -> bool:
    m = _PREFIX.match(quick_fold(part))
    return m is not None and m.group(1) in _WARD_KINDS


@lru_cache(maxsize=65536)
def _lookup(parts: tuple[str, ...]) -> tuple[AddressMatch | None, Problem | None]:
    segments = _segments(", ".join(parts))
    if not segments:
        return None, None
    return _match(segments[-3:])


def _segments(raw: str) -> tuple[Segment, ...]:
    # Split the lower-case text and its folded copy in step: folding keeps one character for
    # each character of NFC text with single spaces, so positions agree.
    low = " ".join(unicodedata.normalize("NFC", raw.replace("\u00d0", "Đ")).lower().split())
    text = quick_fold(low)
    if not text or len(text) != len(low):
        low = text
    parts = _split(text, low)
    out = []
    for part, original in parts:
        m = _PREFIX.match(part)
        if m and name_key(m.group(2)):
            out.append((m.group(1), name_key(m.group(2)), exact_key(original[m.start(2) :])))
        else:
            out.append(("", name_key(part), exact_key(original)))
    return tuple(s for s in out if s[1])


def _split(text: str, low: str) -> list[tuple[str, str]]:
    """(folded, original) pieces of the address, split at commas or, in one piece, at unit words."""
    cuts = _cut(text, _SEGMENTS)
    while len(cuts) > 1 and name_key(text[cuts[-1][0] : cuts[-1][1]]) in _COUNTRY:
        cuts.pop()
    if len(cuts) == 1 and name_key(text) not in index().provinces:
        start, end = cuts[0]
        piece = text[start:end].replace(" - ", ", ")
        cuts = [
            (start + a, start + b)
            for a, b in _cut(piece, re.compile(_KEYWORD_SPLIT.pattern + r"|\s*,\s*"))
        ]
    return [(text[a:b], low[a:b]) for a, b in cuts if text[a:b]]


def _cut(text: str, separator: re.Pattern[str]) -> list[tuple[int, int]]:
    cuts, start = [], 0
    for m in separator.finditer(text):
        cuts.append((start, m.start()))
        start = m.end()
    cuts.append((start, len(text)))
    return [(a, b) for a, b in cuts if b > a]


_NOT_FOUND = _("Không khớp được địa chỉ \u201c%(raw)s\u201d với đơn vị hành chính nào.")
_NO_PROVINCE = _("Không nhận ra tỉnh/thành phố trong địa chỉ \u201c%(raw)s\u201d.")
_AMBIGUOUS = _(
    "Địa chỉ \u201c%(raw)s\u201d ứng với nhiều đơn vị hành chính mới: %(candidates)s. "
    "Cần chọn đúng đơn vị."
)
_NO_CONVERSION = _(
    "Đơn vị hành chính cũ trong địa chỉ \u201c%(raw)s\u201d không có trong bảng chuyển đổi "
    "chính thức sang đơn vị mới."
)
_NO_WARD = _("Địa chỉ \u201c%(raw)s\u201d chỉ xác định được tỉnh/thành phố, chưa rõ xã/phường.")


def _match(segments: tuple[Segment, ...]) -> tuple[AddressMatch | None, Problem | None]:
    idx = index()
    *rest, last = segments
    old_provinces, new_provinces, named_new = _provinces(idx, last)
    if not old_provinces and not new_provinces:
        return None, ("address.no_province", _NO_PROVINCE, {})
    # A province named as it was before 2025 (Tiền Giang) says the ward is an old one too.
    first, second = (_new_ward, _old_ward) if named_new else (_old_ward, _new_ward)
    district, ward, unknown = _roles(rest)
    if district is None and ward is None and unknown is None:
        return _province_only(idx, new_provinces)
    if unknown is not None and ward is not None:
        district, unknown = unknown, None
    if district is not None:
        found = _old_ward_in_district(idx, old_provinces, district, ward)
        if found is None and ward is not None:
            found = _either(idx, first, second, old_provinces, new_provinces, ward)
        if found is None and ward is None and _old_districts(idx, old_provinces, district):
            return _province_only(idx, _new_of_district(idx, old_provinces, district), True)
        return _result(idx, found)
    if ward is not None:
        return _result(
            idx, _new_ward(idx, new_provinces, ward) or _old_ward(idx, old_provinces, ward)
        )
    assert unknown is not None
    found = _new_ward(idx, new_provinces, unknown) or _old_ward(idx, old_provinces, unknown)
    if found is None and _old_districts(idx, old_provinces, unknown):
        return _province_only(idx, _new_of_district(idx, old_provinces, unknown), True)
    return _result(idx, found)


def _provinces(idx: Index, segment: Segment) -> tuple[frozenset[int], frozenset[int], bool]:
    """(old province codes, new province codes, whether the name is a current province's)."""
    kind, key, _exact = segment
    found = idx.provinces.get(key)
    if found is None and kind in ("tp", "t.p"):
        found = idx.provinces.get("tp" + key.replace(" ", ""))
    if found is None:
        return frozenset(), frozenset(), False
    old, new = found
    # An old district or ward may be written with the new province's name, and the reverse.
    all_old = old | {o for n in new for o in idx.new_to_old_provinces.get(n, ())}
    all_new = new | {n for o in old for n in idx.old_to_new_provinces.get(o, ())}
    return frozenset(all_old), frozenset(all_new), bool(new)


def _either(
    idx: Index,
    first: "Finder",
    second: "Finder",
    old_provinces: frozenset[int],
    new_provinces: frozenset[int],
    ward: Segment,
) -> frozenset[int] | None:
    def provinces(finder: "Finder") -> frozenset[int]:
        return new_provinces if finder is _new_ward else old_provinces

    return first(idx, provinces(first), ward) or second(idx, provinces(second), ward)


Finder = Callable[[Index, frozenset[int], Segment], frozenset[int] | None]


def _roles(rest: list[Segment]) -> tuple[Segment | None, Segment | None, Segment | None]:
    """(old district, ward, a segment next to the province with no unit word)."""
    district = ward = unknown = None
    for segment in reversed(rest[-2:]):
        kind = segment[0]
        if kind in _WARD_KINDS:
            ward = segment
            break
        if (kind in _DISTRICT_KINDS or kind in _PROVINCE_KINDS) and district is None:
            district = segment
            continue
        if district is None and unknown is None:
            unknown = segment
            continue
        ward = segment
        break
    return district, ward, unknown


def _typed(places: tuple[Place, ...], segment: Segment) -> tuple[Place, ...]:
    """Narrow places that share a folded name by the unit word, then by the marks as written
    ("Văn Lang" is not "Văn Lăng"); a filter that would leave nothing is not applied."""
    if len(places) <= 1:
        return places
    types = _KIND_TYPES.get(segment[0])
    if types:
        places = tuple(p for p in places if p.kind in types) or places
    if len(places) > 1:
        places = tuple(p for p in places if p.exact == segment[2]) or places
    return places


def _new_ward(idx: Index, provinces: frozenset[int], ward: Segment) -> frozenset[int] | None:
    places = tuple(p for prov in provinces for p in idx.new_wards.get((prov, ward[1]), ()))
    places = _typed(places, ward)
    return frozenset(p.code for p in places) or None


def _old_districts(idx: Index, provinces: frozenset[int], district: Segment) -> tuple[Place, ...]:
    places = tuple(p for prov in provinces for p in idx.old_districts.get((prov, district[1]), ()))
    return _typed(places, district)


def _new_of_district(idx: Index, provinces: frozenset[int], district: Segment) -> frozenset[int]:
    return frozenset(
        n
        for d in _old_districts(idx, provinces, district)
        for n in idx.old_to_new_provinces[d.parent]
    )


def _converted(idx: Index, places: tuple[Place, ...]) -> frozenset[int] | None:
    if not places:
        return None
    return frozenset(n for p in places for n in idx.old_to_new_wards.get(p.code, ()))


def _old_ward_in_district(
    idx: Index, provinces: frozenset[int], district: Segment, ward: Segment | None
) -> frozenset[int] | None:
    if ward is None:
        return None
    places = tuple(
        p
        for d in _old_districts(idx, provinces, district)
        for p in idx.old_wards_by_district.get((d.code, ward[1]), ())
    )
    return _converted(idx, _typed(places, ward))


def _old_ward(idx: Index, provinces: frozenset[int], ward: Segment) -> frozenset[int] | None:
    places = tuple(
        p for prov in provinces for p in idx.old_wards_by_province.get((prov, ward[1]), ())
    )
    return _converted(idx, _typed(places, ward))


def _label(idx: Index, ward: int) -> str:
    province = idx.new_ward_province[ward]
    return f"{idx.new_ward_names[ward]}, {idx.new_province_names[province]}"


def _result(idx: Index, wards: frozenset[int] | None) -> tuple[AddressMatch | None, Problem | None]:
    if wards is None:
        return None, ("address.not_found", _NOT_FOUND, {})
    if not wards:  # an old unit the official conversion table does not list
        return None, ("address.no_conversion", _NO_CONVERSION, {})
    if len(wards) > 1:
        labels = sorted(_label(idx, w) for w in wards)
        shown = "; ".join(labels[:_MAX_CANDIDATES]) + (
            "; ..." if len(labels) > _MAX_CANDIDATES else ""
        )
        return None, ("address.ambiguous", _AMBIGUOUS, {"candidates": shown})
    (ward,) = wards
    province = idx.new_ward_province[ward]
    return AddressMatch(str(province), str(ward), _label(idx, ward)), None


def _province_only(
    idx: Index, provinces: frozenset[int], ward_missing: bool = False
) -> tuple[AddressMatch | None, Problem | None]:
    if len(provinces) != 1:
        labels = "; ".join(sorted(idx.new_province_names[p] for p in provinces))
        return None, ("address.ambiguous", _AMBIGUOUS, {"candidates": labels})
    (province,) = provinces
    match = AddressMatch(str(province), "", idx.new_province_names[province])
    return match, (("address.no_ward", _NO_WARD, {}) if ward_missing else None)
