import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chibo.data_quality.normalize import RENUMBERED_2018, normalize_phone

PHONE = re.compile(r"0\d{9}")

TABLE_2018 = {
    **{f"016{d}": f"03{d}" for d in range(2, 10)},  # Viettel 0162-0169 -> 032-039
    "0120": "070", "0121": "079", "0122": "077", "0126": "076", "0128": "078",  # MobiFone
    "0123": "083", "0124": "084", "0125": "085", "0127": "081", "0129": "082",  # VinaPhone
    "0186": "056", "0188": "058",  # Vietnamobile
    "0199": "059",  # Gmobile
}  # fmt: skip


def test_the_full_2018_table():
    assert RENUMBERED_2018 == TABLE_2018


@pytest.mark.parametrize("old", sorted(TABLE_2018))
def test_each_old_prefix_is_renumbered(old):
    result = normalize_phone(f"{old}1234567")
    assert result.value == TABLE_2018[old] + "1234567"
    assert [i.code for i in result.issues] == ["phone.renumbered_2018"]


@pytest.mark.parametrize(
    "raw",
    [
        "0912345678", "0912 345 678", "0912.345.678", "0912-345-678", "(091) 2345678",
        "+84912345678", "+84 912 345 678", "84912345678", "0084912345678", "912345678",
        912345678, 912345678.0, "'0912345678",
    ],
)  # fmt: skip
def test_prefixes_and_separators(raw):
    result = normalize_phone(raw)
    assert result.value == "0912345678"
    assert result.issues == ()


def test_old_number_with_country_code():
    assert normalize_phone("+84 165 123 4567").value == "0351234567"


def test_landline_is_kept_with_a_warning():
    result = normalize_phone("028 3823 4567")
    assert result.value == "02838234567"
    assert [i.code for i in result.issues] == ["phone.landline"]


def test_several_numbers_keep_the_first():
    result = normalize_phone("0912345678 / 0987654321")
    assert result.value == "0912345678"
    assert [i.code for i in result.issues] == ["phone.several"]


@pytest.mark.parametrize(
    ("raw", "code"),
    [("12345", "phone.length"), ("09123456789012", "phone.length"), ("abc", "phone.not_digits"),
     ("+1 202 555 0100", "phone.foreign")],
)  # fmt: skip
def test_errors(raw, code):
    result = normalize_phone(raw)
    assert result.value is None
    assert [(i.code, i.severity) for i in result.issues] == [(code, "error")]


mobile = st.builds(
    lambda first, rest: f"0{first}{rest}",
    st.sampled_from("35789"),
    st.text(alphabet="0123456789", min_size=8, max_size=8),
)


@st.composite
def written(draw, number):
    prefix = draw(st.sampled_from(("0", "+84", "84", "0084", "+84 ", "")))
    body = number[1:]
    sep = draw(st.sampled_from(("", " ", ".", "-")))
    body = sep.join((body[:2], body[2:5], body[5:])) if sep else body
    return prefix + body


@given(st.data(), mobile)
def test_any_way_of_writing_a_mobile_gives_one_form(data, number):
    result = normalize_phone(data.draw(written(number)))
    assert result.value == number
    assert PHONE.fullmatch(number)


@given(st.sampled_from(sorted(TABLE_2018)), st.text(alphabet="0123456789", min_size=7, max_size=7))
def test_old_numbers_become_ten_digits(old, rest):
    assert normalize_phone(old + rest).value == TABLE_2018[old] + rest


@given(st.text(alphabet="0123456789 +.-()", max_size=16))
def test_output_is_always_one_form_or_none(raw):
    result = normalize_phone(raw)
    if result.value is not None:
        landline = any(i.code == "phone.landline" for i in result.issues)
        assert PHONE.fullmatch(result.value) or (
            landline and re.fullmatch(r"02\d{9}", result.value)
        )
        assert normalize_phone(result.value).value == result.value
    else:
        assert raw.strip() == "" or any(i.severity == "error" for i in result.issues)
