"""Citizen ID and party card number rules (chibo.members.rules)."""

from django.test import override_settings
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from chibo.members.rules import (
    PROVINCE_CODES,
    Gender,
    Severity,
    check_card_number,
    check_citizen_id,
    make_citizen_id,
    normalise_citizen_id,
)
from chibo.members.rules.citizen_id import gender_century_digit
from chibo.members.rules.problems import codes

provinces = st.sampled_from(sorted(PROVINCE_CODES))
genders = st.sampled_from(list(Gender))
years = st.integers(min_value=1900, max_value=2399)
serials = st.integers(min_value=0, max_value=999_999)


def test_pinned_valid_number():
    # Hà Nội, a man born in 1985.
    assert check_citizen_id("001085012345", gender=Gender.MALE, birth_year=1985) == []
    # Hồ Chí Minh City, a woman born in 2003.
    assert check_citizen_id("079303000001", gender=Gender.FEMALE, birth_year=2003) == []


def test_province_list_is_the_63_codes_of_the_circular():
    assert len(PROVINCE_CODES) == 63
    assert PROVINCE_CODES["001"] == "Hà Nội"
    assert PROVINCE_CODES["079"] == "Hồ Chí Minh"
    assert PROVINCE_CODES["096"] == "Cà Mau"
    assert "003" not in PROVINCE_CODES


def test_digit_four_follows_the_circular():
    assert gender_century_digit(Gender.MALE, 1999) == 0
    assert gender_century_digit(Gender.FEMALE, 1900) == 1
    assert gender_century_digit(Gender.MALE, 2000) == 2
    assert gender_century_digit(Gender.FEMALE, 2099) == 3
    assert gender_century_digit(Gender.FEMALE, 2399) == 9
    assert gender_century_digit(Gender.MALE, 1899) is None


def test_normalise_strips_spaces_dots_and_dashes():
    assert normalise_citizen_id(" 001.085-012 345\u00a0") == "001085012345"


def test_separators_do_not_make_a_problem():
    assert check_citizen_id("001 085 012 345", gender=Gender.MALE, birth_year=1985) == []


def test_old_nine_digit_card_is_a_distinct_softer_problem():
    problems = check_citizen_id("012345678", gender=Gender.MALE, birth_year=1960)
    assert codes(problems) == ["citizen_id.old_cmnd"]
    assert problems[0].severity is Severity.WARNING
    with translation.override("vi"):
        assert "CMND cũ 9 số" in problems[0].text()


def test_wrong_length_and_letters_are_errors():
    assert codes(check_citizen_id("00108501234")) == ["citizen_id.length"]
    assert codes(check_citizen_id("00108501234A")) == ["citizen_id.not_digits"]
    assert check_citizen_id("00108501234")[0].severity is Severity.ERROR


def test_empty_value_is_not_a_format_problem():
    assert check_citizen_id("  ") == []


def test_unknown_province_code():
    assert codes(check_citizen_id("003085012345")) == ["citizen_id.province"]
    assert codes(check_citizen_id("097085012345")) == ["citizen_id.province"]


def test_birth_year_digits_must_match():
    assert codes(check_citizen_id("001086012345", birth_year=1985)) == ["citizen_id.birth_year"]


def test_century_must_match():
    # Digit 2 means born 2000-2099: not a person born in 1985.
    assert codes(check_citizen_id("001285012345", birth_year=1985)) == ["citizen_id.century"]


def test_messages_are_vietnamese_and_interpolated():
    (problem,) = check_citizen_id("001086012345", birth_year=1985)
    with translation.override("vi"):
        assert problem.text() == "Chữ số thứ 5-6 của CCCD (86) không khớp năm sinh 1985."
    assert problem.source is not None
    assert "07/2016/TT-BCA" in problem.source.citation


@given(provinces, genders, years, serials)
def test_generated_number_always_passes(province, gender, year, serial):
    number = make_citizen_id(province_code=province, gender=gender, birth_year=year, serial=serial)
    assert len(number) == 12
    assert check_citizen_id(number, gender=gender, birth_year=year) == []


@given(provinces, genders, years, serials)
def test_other_gender_in_digit_four_fails(province, gender, year, serial):
    number = make_citizen_id(province_code=province, gender=gender, birth_year=year, serial=serial)
    flipped = int(number[3]) ^ 1  # 0<->1, 2<->3, ...: same century, other gender
    tampered = number[:3] + str(flipped) + number[4:]
    assert codes(check_citizen_id(tampered, gender=gender, birth_year=year)) == [
        "citizen_id.gender"
    ]


@given(provinces, genders, years, serials, st.integers(min_value=1, max_value=99))
def test_other_birth_year_fails(province, gender, year, serial, shift):
    number = make_citizen_id(province_code=province, gender=gender, birth_year=year, serial=serial)
    other = year - year % 100 + (year % 100 + shift) % 100  # same century, other last two digits
    assert "citizen_id.birth_year" in codes(check_citizen_id(number, birth_year=other))


def test_card_number_default_pattern_accepts_8_to_12_digits():
    assert check_card_number("12345678") == []
    assert check_card_number("79.012.345.678") == []
    assert check_card_number("") == []


def test_card_number_mismatch_is_only_a_warning_and_says_unconfirmed():
    (problem,) = check_card_number("1234567")
    assert problem.code == "card_number.format"
    assert problem.severity is Severity.WARNING
    assert problem.source is not None and problem.source.confirmed is False
    assert codes(check_card_number("12AB5678")) == ["card_number.format"]


@override_settings(CHIBO_CARD_NUMBER_PATTERN=r"\d{2}\d{6}")
def test_card_number_pattern_is_configurable():
    assert check_card_number("79123456") == []
    assert codes(check_card_number("791234567")) == ["card_number.format"]
