"""Party age with gaps out of the party, and the party badge due at a ceremony."""

from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chibo.members.rules import (
    BADGE_RULES,
    badge_years_due,
    merge_gaps,
    next_ceremony_on,
    party_age,
    reaches_on,
)
from chibo.members.rules.dates import add_months
from chibo.members.rules.party_age import calendar_difference, days_out

dates = st.dates(min_value=date(1930, 1, 1), max_value=date(2100, 12, 31))


@st.composite
def gap_lists(draw, start=date(1930, 1, 1), end=date(2100, 12, 31)):
    gaps = []
    for _ in range(draw(st.integers(min_value=0, max_value=5))):
        first = draw(st.dates(min_value=start, max_value=end))
        length = draw(st.integers(min_value=0, max_value=3000))
        gaps.append((first, first + timedelta(days=length)))
    return gaps


def test_pinned_party_age_without_gaps():
    age = party_age(admitted_on=date(1995, 5, 19), on=date(2025, 9, 2))
    assert (age.years, age.months, age.days) == (30, 3, 14)


def test_pinned_party_age_with_a_gap():
    # Out for one year (removed 1/1/2001, re-admitted 1/1/2002: 365 days).
    age = party_age(
        admitted_on=date(1990, 1, 1),
        gaps=[(date(2001, 1, 1), date(2002, 1, 1))],
        on=date(2020, 1, 1),
    )
    assert age.total_days == (date(2020, 1, 1) - date(1990, 1, 1)).days - 365
    assert (age.years, age.months, age.days) == (29, 0, 0)


def test_gap_after_the_date_does_not_count():
    gaps = [(date(2021, 1, 1), date(2022, 1, 1))]
    age = party_age(admitted_on=date(1990, 1, 1), gaps=gaps, on=date(2020, 1, 1))
    assert (age.years, age.months, age.days) == (30, 0, 0)


def test_overlapping_gaps_are_merged():
    gaps = [(date(2000, 1, 1), date(2000, 6, 1)), (date(2000, 3, 1), date(2000, 9, 1))]
    assert merge_gaps(gaps) == [(date(2000, 1, 1), date(2000, 9, 1))]
    assert merge_gaps(
        [(date(2000, 1, 1), date(2000, 2, 1)), (date(2000, 2, 1), date(2000, 3, 1))]
    ) == [(date(2000, 1, 1), date(2000, 3, 1))]


@given(dates, dates)
def test_without_gaps_party_age_is_the_calendar_difference(a, b):
    admitted, on = min(a, b), max(a, b)
    age = party_age(admitted_on=admitted, on=on)
    assert age.total_days == (on - admitted).days
    assert add_months(admitted, 12 * age.years + age.months) + timedelta(days=age.days) == on
    assert age.months < 12
    # The decomposition is the largest whole number of months.
    assert add_months(admitted, 12 * age.years + age.months + 1) > on


@given(gap_lists())
def test_merged_gaps_are_disjoint_and_cover_the_same_days(gaps):
    merged = merge_gaps(gaps)
    for (_, end), (start, _) in pairwise(merged):
        assert end < start
    days = {start + timedelta(n) for start, end in gaps for n in range((end - start).days)}
    merged_days = sum((end - start).days for start, end in merged)
    assert merged_days == len(days)  # a day in two gaps counts once


@given(dates, gap_lists(), dates)
def test_gaps_never_count_twice_and_never_exceed_the_period(admitted, gaps, later):
    on = max(admitted, later)
    doubled = gaps + gaps  # the same gaps twice, as overlapping records
    assert days_out(admitted_on=admitted, gaps=doubled, on=on) == days_out(
        admitted_on=admitted, gaps=gaps, on=on
    )
    age = party_age(admitted_on=admitted, gaps=gaps, on=on)
    assert 0 <= age.total_days <= (on - admitted).days


@given(dates, gap_lists(), st.integers(min_value=1, max_value=90))
def test_reaches_on_is_the_first_day_of_the_milestone(admitted, gaps, years):
    day = reaches_on(admitted_on=admitted, gaps=gaps, years=years)
    assert party_age(admitted_on=admitted, gaps=gaps, on=day).years >= years
    assert party_age(admitted_on=admitted, gaps=gaps, on=day - timedelta(days=1)).years < years


def test_badge_at_a_ceremony():
    admitted = date(1995, 5, 1)
    assert badge_years_due(admitted_on=admitted, ceremony_on=date(2025, 5, 19)) == 30
    assert badge_years_due(admitted_on=admitted, ceremony_on=date(2025, 2, 3)) is None
    assert (
        badge_years_due(admitted_on=admitted, ceremony_on=date(2025, 5, 19), received=[30]) is None
    )


def test_highest_milestone_above_those_received():
    admitted = date(1970, 1, 1)
    assert badge_years_due(admitted_on=admitted, ceremony_on=date(2020, 2, 3), received=[30]) == 50
    assert (
        badge_years_due(admitted_on=admitted, ceremony_on=date(2020, 2, 3), received=[50]) is None
    )


def test_gap_delays_the_badge():
    admitted = date(1995, 5, 1)
    gap = [(date(2000, 1, 1), date(2000, 7, 1))]
    assert badge_years_due(admitted_on=admitted, gaps=gap, ceremony_on=date(2025, 5, 19)) is None
    assert badge_years_due(admitted_on=admitted, gaps=gap, ceremony_on=date(2025, 11, 7)) == 30


def test_seriously_ill_member_early_by_12_or_24_months():
    admitted = date(1995, 9, 1)  # 30 years on 1/9/2025
    ceremony = date(2024, 9, 2)  # 12 months less one day before
    assert badge_years_due(admitted_on=admitted, ceremony_on=ceremony) is None
    assert badge_years_due(admitted_on=admitted, ceremony_on=ceremony, seriously_ill=True) == 30
    assert (
        badge_years_due(admitted_on=admitted, ceremony_on=date(2024, 5, 19), seriously_ill=True)
        is None
    )
    admitted_70 = date(1955, 9, 1)  # 70 years on 1/9/2025: up to 24 months early
    assert (
        badge_years_due(
            admitted_on=admitted_70, ceremony_on=date(2023, 9, 2), received=[65], seriously_ill=True
        )
        == 70
    )


def test_posthumous_award_counts_at_death_up_to_12_months_early():
    admitted = date(1965, 7, 1)  # 55 years on 1/7/2020
    died = date(2020, 1, 14)  # six months short
    assert (
        badge_years_due(admitted_on=admitted, ceremony_on=date(2020, 2, 3), received=[50]) is None
    )
    assert (
        badge_years_due(
            admitted_on=admitted, ceremony_on=date(2020, 2, 3), received=[50], died_on=died
        )
        == 55
    )


def test_badge_rule_parameters():
    assert BADGE_RULES.rule_on(date(2025, 5, 19)).milestones == (
        30,
        40,
        45,
        50,
        55,
        60,
        65,
        70,
        75,
        80,
        85,
        90,
    )
    assert BADGE_RULES.rule_on(date(2025, 5, 19)).ill_early_months[65] == 12
    assert BADGE_RULES.rule_on(date(2025, 5, 19)).ill_early_months[70] == 24
    assert BADGE_RULES.rule_on(date(2025, 5, 19)).posthumous_early_months == 12


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        (date(2025, 1, 1), date(2025, 2, 3)),
        (date(2025, 2, 3), date(2025, 2, 3)),
        (date(2025, 5, 20), date(2025, 9, 2)),
        (date(2025, 11, 8), date(2026, 2, 3)),
    ],
)
def test_next_ceremony(after, expected):
    assert next_ceremony_on(after) == expected


def test_calendar_difference_refuses_reversed_dates():
    with pytest.raises(ValueError):
        calendar_difference(date(2020, 1, 2), date(2020, 1, 1))
