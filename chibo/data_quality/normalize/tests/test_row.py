from django.test import override_settings
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from chibo.data_quality.normalize import (
    CANONICAL_KEYS,
    AddressMatch,
    PartialDate,
    encode_legacy,
    normalize_row,
)

from .strategies import vietnamese_text

MESSY = {
    "source_ref": " HS-001 ",
    "full_name": encode_legacy("NGUYỄN thị ánh tuyết", "tcvn3"),
    "gender": "Nữ",
    "birth_date": "12/3/1980",
    "citizen_id": 79180123456.0,
    "phone": "0165 123 4567",
    "email": " A@Example.COM ",
    "ethnicity": "kinh",
    "religion": "Không",
    "home_town": "Xã Nghi Phong, Huyện Nghi Lộc, Tỉnh Nghệ An",
    "permanent_address": "12 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM",
    "general_education": "12 / 12",
    "professional_qualification": "Cử nhân   luật",
    "theory_level": "Trung cấp",
    "occupation": "Công chức",
    "card_number": "12.345.678",
    "admitted_on": "03/2005",
    "full_member_on": 39000,
    "unit": "B1",
    "something_else": "ignored",
}


def test_a_messy_row():
    row = normalize_row(MESSY)
    v = row.values
    assert v["source_ref"] == "HS-001"
    assert v["full_name"] == "Nguyễn Thị Ánh Tuyết"
    assert v["gender"] == "female"
    assert v["birth_date"] == PartialDate(1980, 3, 12)
    assert v["citizen_id"] == "079180123456"
    assert v["phone"] == "0351234567"
    assert v["email"] == "a@example.com"
    assert (v["ethnicity"], v["ethnicity_code"]) == ("Kinh", "01")
    assert v["religion_code"] == "none"
    home_town = v["home_town_admin"]
    assert isinstance(home_town, AddressMatch) and home_town.province_code == "40"
    assert v["permanent_address_admin"] == AddressMatch(
        "79", "26740", "Phường Sài Gòn, Thành phố Hồ Chí Minh"
    )
    assert v["general_education"] == "12/12"
    assert v["professional_qualification"] == "Cử nhân luật"
    assert v["theory_level_code"] == "intermediate"
    assert v["card_number"] == "12345678"
    assert v["admitted_on"] == PartialDate(2005, 3)
    assert v["full_member_on"] == PartialDate(2006, 10, 10)
    assert v["unit"] == "B1"
    assert "something_else" not in v and "something_else" not in row.raw
    assert row.raw["citizen_id"] == "79180123456"
    assert row.raw["full_name"] == MESSY["full_name"]
    assert {(i.field, i.code) for i in row.issues} == {
        ("full_name", "text.legacy_encoding"),
        ("citizen_id", "citizen_id.leading_zero"),
        ("phone", "phone.renumbered_2018"),
        ("full_member_on", "date.excel_serial"),
    }
    assert not row.has_errors


def test_messages_are_vietnamese_and_filled():
    row = normalize_row({"phone": "12", "birth_date": "31/02/1990", "gender": "?"})
    with translation.override("vi"):
        texts = [str(i.message) for i in row.issues]
    assert all("%(" not in t for t in texts)
    assert any("10 chữ số" in t for t in texts)
    assert row.has_errors
    assert row.values["phone"] is None and row.values["birth_date"] is None


def test_unknown_values_are_warned():
    row = normalize_row(
        {"ethnicity": "Sao Hỏa", "theory_level": "siêu cấp", "general_education": "đại học"}
    )
    assert {i.code for i in row.issues} == {
        "ethnicity.unknown",
        "theory_level.unknown",
        "education.format",
    }
    assert row.values["ethnicity_code"] is None


def test_empty_cells():
    row = normalize_row(dict.fromkeys(CANONICAL_KEYS))
    assert row.issues == []
    assert all(v in (None, "") for v in row.values.values())


@override_settings(CHIBO_TONE_STYLE="modern")
def test_tone_style_setting_applies_to_rows():
    assert normalize_row({"full_name": "lê thị thủy"}).values["full_name"] == "Lê Thị Thuỷ"


def _as_cells(values):
    return {
        k: str(v) if isinstance(v, PartialDate) else v
        for k, v in values.items()
        if k in CANONICAL_KEYS
    }


def test_normalised_values_normalise_to_themselves():
    first = normalize_row(MESSY)
    second = normalize_row(_as_cells(first.values))
    assert second.values == first.values
    assert second.issues == []


@given(
    name=vietnamese_text(min_words=2, max_words=4),
    day=st.dates(),
    legacy=st.sampled_from((None, "tcvn3", "vni")),
)
def test_rows_are_idempotent(name, day, legacy):
    raw_name = encode_legacy(name, legacy) if legacy else name
    first = normalize_row({"full_name": raw_name, "birth_date": day.strftime("%d/%m/%Y")})
    second = normalize_row(_as_cells(first.values))
    assert second.values == first.values
