"""Partial dates, probation and the order and age rules of member dates."""

from datetime import date, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from chibo.members.rules import PartialDate, Severity, check_member_dates, full_member_from
from chibo.members.rules.dates import add_months, age_in_months_range
from chibo.members.rules.problems import codes

dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))


@st.composite
def partial_dates(draw):
    day = draw(dates)
    precision = draw(st.sampled_from(["day", "month", "year"]))
    if precision == "day":
        return PartialDate(day.year, day.month, day.day)
    if precision == "month":
        return PartialDate(day.year, day.month)
    return PartialDate(day.year)


def test_parse_and_format_the_three_forms():
    assert PartialDate.parse("05/03/1975") == PartialDate(1975, 3, 5)
    assert PartialDate.parse("5-3-1975") == PartialDate(1975, 3, 5)
    assert PartialDate.parse("3/1975") == PartialDate(1975, 3)
    assert PartialDate.parse(" 1975 ") == PartialDate(1975)
    assert PartialDate(1975, 3, 5).format() == "05/03/1975"
    assert PartialDate(1975, 3).format() == "03/1975"
    assert PartialDate(1975).format() == "1975"


@pytest.mark.parametrize("text", ["31/04/1975", "13/1975", "29/02/2023", "75", "1975/03/05", ""])
def test_parse_refuses_impossible_or_unknown_forms(text):
    with pytest.raises(ValueError):
        PartialDate.parse(text)


@given(partial_dates())
def test_format_then_parse_round_trips(value):
    assert PartialDate.parse(value.format()) == value


@given(partial_dates())
def test_range_of_a_partial_date(value):
    assert value.earliest() <= value.latest()
    if value.is_complete:
        assert value.earliest() == value.latest()


def test_comparisons_fail_only_when_certain():
    year_only = PartialDate(1975)
    assert not year_only.certainly_before(date(1975, 6, 1))
    assert year_only.possibly_before(date(1975, 6, 1))
    assert year_only.certainly_before(date(1976, 1, 1))
    assert not PartialDate(1975, 6).possibly_before(PartialDate(1975, 6, 1))


@given(partial_dates(), partial_dates())
def test_certainly_before_implies_possibly_before(a, b):
    if a.certainly_before(b):
        assert a.possibly_before(b)
        assert not b.possibly_before(a)


def test_full_member_from_is_the_anniversary_of_the_ceremony():
    assert full_member_from(date(2024, 3, 15)) == date(2025, 3, 15)
    assert full_member_from(date(2024, 12, 31)) == date(2025, 12, 31)
    # 29/2 has no anniversary: the twelve months end on 28/2, full membership starts on 1/3.
    assert full_member_from(date(2024, 2, 29)) == date(2025, 3, 1)


@given(dates)
def test_probation_is_twelve_months_never_less(ceremony):
    full = full_member_from(ceremony)
    assert 365 <= (full - ceremony).days <= 367
    # The last day of probation is still short of twelve months counted from the ceremony.
    assert add_months(ceremony, 12) >= full - timedelta(days=1)


def test_consistent_dates_have_no_problems():
    assert (
        check_member_dates(
            birth=date(1990, 5, 20),
            admitted_on=date(2020, 3, 1),
            admission_ceremony_on=date(2020, 3, 10),
            full_member_on=date(2021, 3, 10),
        )
        == []
    )


def test_admission_before_birth():
    problems = check_member_dates(
        birth=date(2000, 1, 1), admitted_on=date(1999, 1, 1), full_member_on=None
    )
    assert codes(problems) == ["dates.admitted_before_birth"]


def test_full_membership_before_admission():
    problems = check_member_dates(
        birth=None, admitted_on=date(2020, 3, 1), full_member_on=date(2020, 2, 1)
    )
    assert codes(problems) == ["dates.full_before_admission"]


def test_under_18_is_an_error_counted_by_month():
    born = date(2002, 6, 30)
    # June 2020 is the month of the 18th birthday: of age "tính theo tháng".
    assert check_member_dates(birth=born, admitted_on=date(2020, 6, 1), full_member_on=None) == []
    problems = check_member_dates(birth=born, admitted_on=date(2020, 5, 31), full_member_on=None)
    assert codes(problems) == ["dates.under_18"]
    assert problems[0].severity is Severity.ERROR
    assert problems[0].params == {"years": 17, "months": 11}


def test_over_60_is_only_a_warning():
    problems = check_member_dates(
        birth=date(1950, 1, 1), admitted_on=date(2020, 1, 1), full_member_on=None
    )
    assert codes(problems) == ["dates.over_60"]
    assert problems[0].severity is Severity.WARNING
    assert (
        check_member_dates(
            birth=date(1960, 1, 1), admitted_on=date(2020, 1, 31), full_member_on=None
        )
        == []
    )


def test_over_60_rule_is_dated():
    # Before QĐ 29-QĐ/TW (25/7/2016) the over-60 procedure is not checked.
    assert (
        check_member_dates(
            birth=date(1940, 1, 1), admitted_on=date(2010, 1, 1), full_member_on=None
        )
        == []
    )


def test_year_only_birth_fails_only_when_certainly_under_18():
    admitted = date(2020, 3, 1)
    # Born in 2002: 17 or 18 in March 2020 depending on the month, so no error.
    assert (
        check_member_dates(birth=PartialDate(2002), admitted_on=admitted, full_member_on=None) == []
    )
    problems = check_member_dates(
        birth=PartialDate(2003), admitted_on=admitted, full_member_on=None
    )
    assert codes(problems) == ["dates.under_18"]


def test_probation_shorter_than_twelve_months():
    problems = check_member_dates(
        birth=None,
        admitted_on=date(2020, 3, 1),
        admission_ceremony_on=date(2020, 3, 10),
        full_member_on=date(2021, 3, 9),
    )
    assert codes(problems) == ["dates.probation_short"]


def test_probation_bounded_by_decision_when_ceremony_unknown():
    problems = check_member_dates(
        birth=None, admitted_on=date(2020, 3, 1), full_member_on=date(2021, 2, 28)
    )
    assert codes(problems) == ["dates.probation_short"]
    assert (
        check_member_dates(
            birth=None, admitted_on=date(2020, 3, 1), full_member_on=date(2021, 6, 1)
        )
        == []
    )


def test_full_member_date_later_than_end_of_probation_is_a_warning():
    problems = check_member_dates(
        birth=None,
        admitted_on=date(2020, 3, 1),
        admission_ceremony_on=date(2020, 3, 10),
        full_member_on=date(2021, 4, 20),
    )
    assert codes(problems) == ["dates.full_member_late"]
    assert problems[0].severity is Severity.WARNING


def test_ceremony_before_decision():
    problems = check_member_dates(
        birth=None,
        admitted_on=date(2020, 3, 10),
        admission_ceremony_on=date(2020, 3, 1),
        full_member_on=None,
    )
    assert codes(problems) == ["dates.ceremony_before_decision"]


def test_old_record_with_month_and_year_only():
    assert (
        check_member_dates(
            birth=PartialDate(1950),
            admitted_on=PartialDate(1972, 9),
            admission_ceremony_on=PartialDate(1972, 9),
            full_member_on=PartialDate(1973, 9),
        )
        == []
    )


@given(partial_dates(), partial_dates())
def test_age_range_contains_every_exact_age(birth, on):
    least, most = age_in_months_range(birth, on)
    assert least <= most
    for b in (birth.earliest(), birth.latest()):
        for o in (on.earliest(), on.latest()):
            exact = (o.year - b.year) * 12 + o.month - b.month
            assert least <= exact <= most


@given(dates, st.integers(min_value=0, max_value=80 * 365))
def test_complete_dates_in_order_with_18_years_pass_order_and_age(birth, offset):
    admitted = birth + timedelta(days=offset)
    assume(admitted <= date(2200, 12, 31))
    problems = codes(check_member_dates(birth=birth, admitted_on=admitted, full_member_on=None))
    of_age = (admitted.year - birth.year) * 12 + admitted.month - birth.month >= 216
    assert ("dates.under_18" in problems) is (not of_age and offset > 0)
    assert ("dates.admitted_before_birth" in problems) is (offset == 0)
