import random

import pytest
from vietnam_provinces import Province, Ward
from vietnam_provinces.legacy import District as OldDistrict
from vietnam_provinces.legacy import Province as OldProvince
from vietnam_provinces.legacy import Ward as OldWard

from chibo.data_quality.normalize import AddressMatch, map_address
from chibo.data_quality.normalize.address_index import index


def label(raw: str) -> str:
    match = map_address(raw).value
    assert match is not None, raw
    return match.label


SAI_GON = AddressMatch("79", "26740", "Phường Sài Gòn, Thành phố Hồ Chí Minh")


@pytest.mark.parametrize(
    "raw",
    [
        "Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh",
        "P. Bến Nghé, Q.1, TP.HCM",
        "12 Lê Lợi, P.Bến Nghé, Q1, TPHCM",
        "phuong ben nghe, quan 1, tp ho chi minh",
        "PHƯỜNG BẾN NGHÉ, QUẬN 1, THÀNH PHỐ HỒ CHÍ MINH",
        "Phường Bến Nghé Quận 1 TP HCM",
        "Phường Bến Nghé, Quận 1, TP Hồ Chí Minh, Việt Nam",
        "Phường Bến Nghé, TP. Hồ Chí Minh",
        "Phường Sài Gòn, Thành phố Hồ Chí Minh",
        "Sài Gòn, TP.HCM",
    ],
)
def test_old_and_new_ways_of_writing_one_ward(raw):
    result = map_address(raw)
    assert result.value == SAI_GON
    assert result.issues == ()
    assert SAI_GON.scheme == "post_2025"


def test_numbered_ward_needs_its_district():
    assert label("Phường 12, Quận 3, TP HCM") == "Phường Nhiêu Lộc, Thành phố Hồ Chí Minh"
    ambiguous = map_address("Phường 12, TP HCM")
    assert ambiguous.value is None
    assert [i.code for i in ambiguous.issues] == ["address.ambiguous"]
    assert "Cần chọn" in str(ambiguous.issues[0].message)


def test_a_ward_split_among_several_new_wards_is_ambiguous_with_its_candidates():
    idx = index()
    split = next(
        w for w in OldWard.iter_all()
        if len(idx.old_to_new_wards.get(int(w.code), ())) > 1
        and int(OldDistrict.from_code(w.district_code).province_code) == 79
    )  # fmt: skip
    district = OldDistrict.from_code(split.district_code)
    result = map_address(f"{split.name}, {district.name}, Thành phố Hồ Chí Minh")
    assert result.value is None
    (problem,) = result.issues
    assert problem.code == "address.ambiguous" and problem.severity == "warning"
    message = str(problem.message)
    for code in idx.old_to_new_wards[int(split.code)][:5]:
        assert idx.new_ward_names[code] in message


def test_unmatched_addresses_are_listed_not_guessed():
    assert [i.code for i in map_address("abc, xyz").issues] == ["address.no_province"]
    result = map_address("Phường Không Có, Quận 1, TP HCM")
    assert result.value is None
    assert [i.code for i in result.issues] == ["address.not_found"]
    assert "Phường Không Có" in str(result.issues[0].message)


def test_province_only_and_district_only():
    assert map_address("Nghệ An").value == AddressMatch("40", "", "Tỉnh Nghệ An")
    assert label("Thừa Thiên Huế") == "Thành phố Huế"
    district = map_address("Huyện Củ Chi, TP HCM")
    assert district.value == AddressMatch("79", "", "Thành phố Hồ Chí Minh")
    assert [i.code for i in district.issues] == ["address.no_ward"]


def test_an_old_province_split_in_two_is_ambiguous():
    result = map_address("Tiền Giang")
    assert result.value is None
    assert "Tỉnh Đồng Tháp" in str(result.issues[0].message)


def test_old_commune_of_a_merged_province():
    result = map_address("Xã Nghi Phong, Huyện Nghi Lộc, Tỉnh Nghệ An")
    assert result.value is not None and result.value.province_code == "40"
    hanoi = label("Phường Phúc Xá, Quận Ba Đình, Hà Nội")
    assert hanoi == "Phường Hồng Hà, Thành phố Hà Nội"


def test_every_current_ward_maps_to_itself():
    provinces = {int(p.code): p.name for p in Province.iter_all()}
    names: dict[tuple[int, str], int] = {}
    for w in Ward.iter_all():
        key = (int(w.province_code), w.name)
        names[key] = names.get(key, 0) + 1
    for w in Ward.iter_all():
        if names[int(w.province_code), w.name] > 1:
            continue
        result = map_address(f"{w.name}, {provinces[int(w.province_code)]}")
        assert result.value is not None, w
        assert result.value.ward_code == str(int(w.code)), w


def test_old_wards_with_one_successor_map_to_it():
    idx = index()
    districts = {int(d.code): d for d in OldDistrict.iter_all()}
    provinces = {int(p.code): p.name for p in OldProvince.iter_all()}
    wards = list(OldWard.iter_all())
    counts: dict[tuple[int, str], int] = {}
    for w in wards:
        counts[int(w.district_code), w.name] = counts.get((int(w.district_code), w.name), 0) + 1
    sample = random.Random(4).sample(wards, 1500)
    checked = 0
    for w in sample:
        successors = idx.old_to_new_wards.get(int(w.code), ())
        if len(successors) != 1 or counts[int(w.district_code), w.name] > 1:
            continue
        district = districts[int(w.district_code)]
        raw = f"{w.name}, {district.name}, {provinces[int(district.province_code)]}"
        result = map_address(raw)
        assert result.value is not None, raw
        assert result.value.ward_code == str(successors[0]), raw
        checked += 1
    assert checked > 1000
