from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chibo.data_quality.normalize import PartialDate, parse_date
from chibo.members.models import DatePrecision


def value(raw: object) -> PartialDate:
    result = parse_date(raw).value
    assert result is not None
    return result


days = st.dates(min_value=date(1910, 1, 1), max_value=date(2099, 12, 31))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("02/09/1945", PartialDate(1945, 9, 2)),
        ("2/9/1945", PartialDate(1945, 9, 2)),
        ("02-09-1945", PartialDate(1945, 9, 2)),
        ("02.09.1945", PartialDate(1945, 9, 2)),
        ("1945-09-02", PartialDate(1945, 9, 2)),
        ("1945-09-02 00:00:00", PartialDate(1945, 9, 2)),
        ("ngày 2 tháng 9 năm 1945", PartialDate(1945, 9, 2)),
        ("1975", PartialDate(1975)),
        ("năm 1975", PartialDate(1975)),
        ("03/1975", PartialDate(1975, 3)),
        ("tháng 3 năm 1975", PartialDate(1975, 3)),
        ("19450902", PartialDate(1945, 9, 2)),
        (1975, PartialDate(1975)),
        (27456, PartialDate(1975, 3, 3)),
        (27456.0, PartialDate(1975, 3, 3)),
        ("27456", PartialDate(1975, 3, 3)),
        (date(1980, 1, 2), PartialDate(1980, 1, 2)),
        (datetime(1980, 1, 2, 10, 30), PartialDate(1980, 1, 2)),
    ],
)
def test_formats(raw, expected):
    assert parse_date(raw).value == expected


def test_precision_matches_the_member_model():
    assert value("02/09/1945").precision() == DatePrecision.DAY
    assert value("09/1945").precision() == DatePrecision.MONTH
    assert value("1945").precision() == DatePrecision.YEAR
    assert value("09/1945").to_date() == date(1945, 9, 1)
    assert value("1945").to_date() == date(1945, 1, 1)


def codes(result):
    return [(i.code, i.severity) for i in result.issues]


def test_warnings_for_readings_that_needed_a_choice():
    two_digit = parse_date("2/9/45")
    assert two_digit.value == PartialDate(1945, 9, 2)
    assert codes(two_digit) == [("date.two_digit_year", "warning")]
    swapped = parse_date("12/25/1980")
    assert swapped.value == PartialDate(1980, 12, 25)
    assert codes(swapped) == [("date.swapped", "warning")]
    assert codes(parse_date(27456)) == [("date.excel_serial", "warning")]


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("31/02/1980", "date.invalid"),
        ("13/13/1980", "date.invalid"),
        ("abc", "date.unreadable"),
        ("1800", "date.year_out_of_range"),
        ("32/1980", "date.invalid"),
        (True, "date.unreadable"),
    ],
)
def test_invalid_dates_are_errors(raw, code):
    result = parse_date(raw)
    assert result.value is None
    assert codes(result) == [(code, "error")]
    assert "%" not in str(result.issues[0].message)


def test_empty():
    assert parse_date("").value is None and parse_date("  ").issues == ()
    assert parse_date(None).value is None


@given(days)
def test_day_first_round_trip(day):
    for text in (day.strftime("%d/%m/%Y"), f"{day.day}/{day.month}/{day.year}", day.isoformat()):
        result = parse_date(text)
        assert result.value is not None and result.value.to_date() == day
        assert result.issues == ()


@given(days)
def test_excel_serial_round_trip(day):
    serial = (day - date(1899, 12, 30)).days
    assert value(serial).to_date() == day
    assert value(float(serial) + 0.5).to_date() == day


@given(days, st.sampled_from(("day", "month", "year")))
def test_normalised_text_parses_to_itself(day, precision):
    value = PartialDate(
        day.year,
        day.month if precision != "year" else None,
        day.day if precision == "day" else None,
    )
    again = parse_date(str(value))
    assert again.value == value and not again.changed and again.issues == ()


@given(days)
def test_month_first_is_read_day_first_unless_impossible(day):
    result = parse_date(f"{day.month}/{day.day}/{day.year}")
    assert result.value is not None
    if day.day > 12:  # only the month/day reading is possible: swapped, with a warning
        assert result.value.to_date() == day
        assert [i.code for i in result.issues] == ["date.swapped"]
    else:  # both readings possible: day first, as Vietnamese write dates
        assert result.value.to_date() == date(day.year, day.day, day.month)
