import pytest
from hypothesis import given
from hypothesis import strategies as st

from chibo.data_quality.normalize import normalize_citizen_id, normalize_gender
from chibo.members.rules.citizen_id import Gender, make_citizen_id


def codes(result):
    return [(i.code, i.severity) for i in result.issues]


@pytest.mark.parametrize(
    "raw", ["079180123456", "079 180 123 456", "079.180.123.456", "'079180123456"]
)
def test_separators_are_removed(raw):
    result = normalize_citizen_id(raw)
    assert result.value == "079180123456" and result.issues == ()


def test_leading_zero_dropped_by_a_spreadsheet_is_restored():
    result = normalize_citizen_id(79180123456)
    assert result.value == "079180123456"
    assert codes(result) == [("citizen_id.leading_zero", "warning")]


def test_old_nine_digit_card_is_kept_with_a_warning():
    result = normalize_citizen_id("023 456 789")
    assert result.value == "023456789"
    assert codes(result) == [("citizen_id.old_cmnd", "warning")]


@pytest.mark.parametrize(
    ("raw", "code"),
    [("12345", "citizen_id.length"), ("0791801234567", "citizen_id.length"),
     ("07918012345x", "citizen_id.not_digits")],
)  # fmt: skip
def test_bad_numbers_are_errors(raw, code):
    result = normalize_citizen_id(raw)
    assert result.value is None
    assert codes(result) == [(code, "error")]
    assert "%(" not in str(result.issues[0].message)


def test_wrong_province_is_kept_and_flagged():
    result = normalize_citizen_id("999180123456")
    assert result.value == "999180123456"
    assert codes(result) == [("citizen_id.province", "error")]
    assert "999" in str(result.issues[0].message)


@given(
    st.sampled_from(["001", "079", "048", "092"]),
    st.sampled_from(list(Gender)),
    st.integers(1900, 2010),
    st.integers(0, 999_999),
)
def test_well_formed_numbers_pass_whatever_the_spacing(province, gender, year, serial):
    number = make_citizen_id(province_code=province, gender=gender, birth_year=year, serial=serial)
    spaced = " ".join(number[i : i + 3] for i in range(0, 12, 3))
    assert normalize_citizen_id(spaced).value == number
    assert normalize_citizen_id(number).issues == ()


@pytest.mark.parametrize(
    ("raw", "gender"),
    [("Nam", "male"), ("nam", "male"), ("NAM", "male"), ("M", "male"), ("male", "male"),
     ("1", "male"), (1, "male"), ("Nữ", "female"), ("nu", "female"), ("NỮ", "female"),
     ("F", "female"), ("0", "female"), (0.0, "female"), ("Nữ.", "female")],
)  # fmt: skip
def test_gender(raw, gender):
    assert normalize_gender(raw).value == gender


def test_unknown_gender_is_an_error():
    result = normalize_gender("khác")
    assert result.value is None
    assert codes(result) == [("gender.unknown", "error")]
    assert normalize_gender("").value is None and normalize_gender("").issues == ()
