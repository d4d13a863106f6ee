from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chibo.core import workdays
from chibo.core.models import CalendarAdjustment
from chibo.core.workdays import (
    EMPTY_CALENDAR,
    WorkCalendar,
    add_working_days,
    is_working_day,
    lunar_new_year,
    public_holidays,
    working_days_between,
)

dates = st.dates(min_value=date(2013, 5, 1), max_value=date(2095, 12, 31))
counts = st.integers(min_value=0, max_value=400)


@pytest.fixture(autouse=True)
def _fresh_calendar():
    workdays.invalidate_calendar()
    yield
    workdays.invalidate_calendar()


# --- properties ---------------------------------------------------------------------------------


@given(dates, st.integers(min_value=1, max_value=400))
def test_the_nth_working_day_is_a_working_day(start, n):
    assert is_working_day(
        add_working_days(start, n, calendar=EMPTY_CALENDAR), calendar=EMPTY_CALENDAR
    )


@given(dates, counts)
def test_counting_back_gives_n(start, n):
    end = add_working_days(start, n, calendar=EMPTY_CALENDAR)
    assert working_days_between(start, end, calendar=EMPTY_CALENDAR) == n
    assert working_days_between(end, start, calendar=EMPTY_CALENDAR) == -n


@given(dates, counts, counts)
def test_adding_is_monotonic_and_additive(start, n, m):
    first = add_working_days(start, n, calendar=EMPTY_CALENDAR)
    both = add_working_days(start, n + m, calendar=EMPTY_CALENDAR)
    assert first <= both
    assert add_working_days(first, m, calendar=EMPTY_CALENDAR) == both


@given(dates, st.integers(min_value=1, max_value=200))
def test_the_start_never_counts(start, n):
    # The period starts the day after the event (BLDS 2015, Điều 147 khoản 1).
    assert add_working_days(start, n, calendar=EMPTY_CALENDAR) > start
    assert add_working_days(start, 0, calendar=EMPTY_CALENDAR) == start


@given(st.integers(min_value=2014, max_value=2098))
def test_every_year_has_its_public_holidays_and_no_weekday_holiday_is_worked(year):
    holidays = public_holidays(year)
    expected = 11 if year >= 2021 else 10  # 2019 Code added one day next to Quốc khánh
    assert len(holidays) == expected
    for day in holidays:
        assert not is_working_day(day, calendar=EMPTY_CALENDAR)
    # Each holiday on a rest day is made up on a weekday: the year loses as many weekdays.
    weekdays_off = [
        d for d, _ in workdays.days_off_in(year, calendar=EMPTY_CALENDAR) if d.weekday() < 5
    ]
    assert len(weekdays_off) == expected


# --- lunar dates: Vietnamese calendar (UTC+7), not the Chinese one --------------------------------


@pytest.mark.parametrize(
    ("year", "tet"),
    [
        (1985, date(1985, 1, 21)),  # China: 20/2/1985
        (2007, date(2007, 2, 17)),  # China: 18/2/2007
        (2024, date(2024, 2, 10)),
        (2025, date(2025, 1, 29)),
        (2026, date(2026, 2, 17)),
    ],
)
def test_tet_follows_the_vietnamese_calendar(year, tet):
    assert lunar_new_year(year) == tet


# --- pinned examples -----------------------------------------------------------------------------


def _working(*days: date) -> list[bool]:
    return [is_working_day(d, calendar=EMPTY_CALENDAR) for d in days]


def test_tet_2025_and_2026_are_not_working_days():
    # 2025: 29 tháng Chạp (28/1, Tuesday) to mùng 4 (1/2, Saturday, made up on Monday 3/2).
    assert _working(*(date(2025, 1, 28) + timedelta(days=i) for i in range(4))) == [False] * 4
    assert _working(date(2025, 2, 3)) == [False]
    assert _working(date(2025, 1, 27), date(2025, 2, 4)) == [True, True]
    # 2026: 30 tháng Chạp (16/2, Monday) to mùng 4 (20/2, Friday).
    assert _working(*(date(2026, 2, 16) + timedelta(days=i) for i in range(5))) == [False] * 5
    assert _working(date(2026, 2, 13), date(2026, 2, 23)) == [True, True]


def test_hung_kings_day():
    holidays = public_holidays(2026)
    # 10/3 âm lịch 2026 is Sunday 26/4: a holiday, made up on Monday 27/4.
    assert holidays[date(2026, 4, 26)] == "Giỗ Tổ Hùng Vương"
    assert _working(date(2026, 4, 27), date(2026, 4, 28)) == [False, True]
    # 2025: Monday 7/4.
    assert _working(date(2025, 4, 4), date(2025, 4, 7), date(2025, 4, 8)) == [True, False, True]


def test_victory_day_labour_day_and_national_day():
    assert _working(date(2026, 4, 29), date(2026, 4, 30), date(2026, 5, 1)) == [True, False, False]
    # Under the 2019 Code Quốc khánh has a second day, 1/9 unless the year's choice says otherwise.
    assert _working(date(2025, 9, 1), date(2025, 9, 2), date(2025, 9, 3)) == [False, False, True]
    assert _working(date(2024, 9, 2), date(2024, 9, 3)) == [False, False]
    # Before 2021 (2012 Code) only 2/9: Monday 2/9/2019 off, Tuesday 3/9 and Friday 1/9/2017 worked.
    assert _working(date(2019, 9, 2), date(2019, 9, 3)) == [False, True]
    assert _working(date(2017, 9, 1)) == [True]


def test_holidays_on_a_weekend_are_made_up_on_the_next_weekdays():
    # 30/4/2022 Saturday and 1/5/2022 Sunday: Monday 2/5 and Tuesday 3/5 off.
    assert _working(date(2022, 5, 2), date(2022, 5, 3), date(2022, 5, 4)) == [False, False, True]


def test_a_transfer_deadline_of_60_working_days():
    # Decision on Friday 23/1/2026: counting weekdays from Monday 26/1 and skipping the 5 Tết days
    # (16-20/2), the 60th is Friday 24/4/2026.
    assert add_working_days(date(2026, 1, 23), 60, calendar=EMPTY_CALENDAR) == date(2026, 4, 24)
    assert working_days_between(date(2026, 1, 23), date(2026, 4, 24), calendar=EMPTY_CALENDAR) == 60


def test_dates_outside_the_known_rules_are_refused():
    with pytest.raises(ValueError):
        is_working_day(date(2012, 1, 2), calendar=EMPTY_CALENDAR)
    with pytest.raises(ValueError):
        add_working_days(date(2026, 1, 1), -1, calendar=EMPTY_CALENDAR)


# --- the adjustments table -----------------------------------------------------------------------


def test_a_compensatory_day_off_changes_the_result():
    # Hypothetical: Friday 24/4/2026 declared a day off.
    calendar = WorkCalendar(days_off=frozenset({date(2026, 4, 24)}))
    assert not is_working_day(date(2026, 4, 24), calendar=calendar)
    assert add_working_days(date(2026, 1, 23), 60, calendar=calendar) == date(2026, 4, 28)


def test_a_swapped_working_saturday_counts():
    saturday = date(2026, 4, 25)
    calendar = WorkCalendar(working_days=frozenset({saturday}))
    assert is_working_day(saturday, calendar=calendar)
    assert add_working_days(date(2026, 4, 24), 1, calendar=calendar) == saturday
    assert working_days_between(date(2026, 4, 24), date(2026, 4, 28), calendar=calendar) == 2


def test_a_day_cannot_be_both():
    with pytest.raises(ValueError):
        WorkCalendar(
            days_off=frozenset({date(2026, 4, 25)}), working_days=frozenset({date(2026, 4, 25)})
        )


@pytest.mark.django_db
def test_the_cache_is_per_process_and_invalidated_by_the_action():
    saturday = date(2026, 4, 25)
    assert not is_working_day(saturday, calendar=workdays.load_calendar())
    # A row written behind the action's back is not seen until the cache is invalidated.
    CalendarAdjustment.objects.create(date=saturday, kind="working_day", reason="x", source="y")
    assert not is_working_day(saturday, calendar=workdays.load_calendar())
    workdays.invalidate_calendar()
    assert is_working_day(saturday, calendar=workdays.load_calendar())
