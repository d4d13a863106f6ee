"""Working days: the calendar behind every deadline counted in working days.

Party regulations count many deadlines in working days (QĐ 294-QĐ/TW: start a transfer within 60
working days, report to the new branch within 30; admission decisions within 60). A working day is
a day of the state administrative week that is not a public holiday:

- the week: Monday to Friday; Saturday and Sunday are the weekly rest days of state and party
  offices (Quyết định 188/1999/QĐ-TTg, the 40-hour week);
- public holidays: `HOLIDAY_RULES` below, one dated row per rule of the Labour Code;
- a holiday that falls on a weekly rest day gives a compensatory day off on the next working day
  (Bộ luật Lao động 45/2019/QH14, Điều 111 khoản 3; before 2021: 10/2012/QH13, Điều 115 khoản 3);
- the government's yearly choices (extra days off bridged by a worked Saturday, the day next to
  Quốc khánh when it is not 1/9, Tết days placed differently) come from the editable table
  `CalendarAdjustment`, loaded into an immutable `WorkCalendar` by `load_calendar()`. An
  adjustment overrides everything above.

Counting. A period "within N working days of" an event starts the day after the event: the day of
the event is not counted (Bộ luật Dân sự 91/2015/QH13, Điều 147 khoản 1). So
`add_working_days(event, n)` is the n-th working day strictly after `event` (the last day on which
the deadline is still met), and `working_days_between(a, b)` counts the working days d with
a < d <= b, so that `working_days_between(a, add_working_days(a, n)) == n`.

Lunar dates (Tết, Giỗ Tổ) are computed by `lunar-vn` (Hồ Ngọc Đức's algorithm at UTC+7, the time
zone of the Vietnamese calendar, which differs from the Chinese calendar in some years, e.g. Tết
1985, 2007, 2030), never typed by hand.

Everything above `load_calendar` is pure: no database, no Django.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from types import MappingProxyType

from lunar_vn import LunarDate, lunar_to_solar

ONE_DAY = timedelta(days=1)

# Monday is 0. Quyết định 188/1999/QĐ-TTg: state offices rest on Saturday and Sunday.
WEEKLY_REST_DAYS = frozenset({5, 6})

# The rules below are known from the 2012 Labour Code on; the lunar library stops at 2100.
SUPPORTED_FROM = date(2013, 5, 1)
SUPPORTED_TO = date(2099, 12, 31)

LABOUR_CODE_2012 = "Bộ luật Lao động 10/2012/QH13, Điều 115"
LABOUR_CODE_2019 = "Bộ luật Lao động 45/2019/QH14, Điều 112"


def _fixed(month: int, day: int) -> Callable[[int], tuple[date, ...]]:
    def days(year: int) -> tuple[date, ...]:
        return (date(year, month, day),)

    return days


def lunar_new_year(year: int) -> date:
    """1 tháng Giêng of the lunar year that starts in Gregorian `year` (Vietnamese calendar)."""
    return lunar_to_solar(LunarDate(1, 1, year))


def _lunar_new_year_holidays(year: int) -> tuple[date, ...]:
    # The law gives 5 days and lets the government place them. In practice they are the last day
    # of the old lunar year (30 or 29 tháng Chạp, whichever ends the month) and mùng 1 to mùng 4;
    # a year placed otherwise is corrected with CalendarAdjustment rows.
    first = lunar_new_year(year)
    return tuple(first + timedelta(days=i) for i in range(-1, 4))


def _hung_kings(year: int) -> tuple[date, ...]:
    # 10 tháng 3 âm lịch (of the ordinary third month when the year has a leap third month).
    return (lunar_to_solar(LunarDate(10, 3, year)),)


# Điều 112 khoản 1 điểm đ: Quốc khánh is 2/9 "và 01 ngày liền kề trước hoặc sau", chosen by the
# Prime Minister each year. 1/9 unless a year is listed here; the yearly notice can also be entered
# as CalendarAdjustment rows (working_day 1/9, day_off 3/9) without a release.
NATIONAL_DAY_DEFAULT_ADJACENT = 1
NATIONAL_DAY_ADJACENT: dict[int, tuple[int, str]] = {
    # Công chức, viên chức nghỉ từ thứ Bảy 31/8 đến hết thứ Ba 3/9/2024 (2 ngày lễ: 2/9 và 3/9).
    2024: (3, "Thông báo lịch nghỉ lễ Quốc khánh năm 2024 của Bộ Lao động - Thương binh và Xã hội"),
}


def _national_day_with_adjacent(year: int) -> tuple[date, ...]:
    adjacent, _source = NATIONAL_DAY_ADJACENT.get(year, (NATIONAL_DAY_DEFAULT_ADJACENT, ""))
    return (date(year, 9, 2), date(year, 9, adjacent))


@dataclass(frozen=True)
class HolidayRule:
    name: str
    source: str
    valid_from: date
    valid_to: date | None
    days: Callable[[int], tuple[date, ...]] = field(repr=False)

    def applies_on(self, d: date) -> bool:
        return self.valid_from <= d and (self.valid_to is None or d <= self.valid_to)


_2012 = (date(2013, 5, 1), date(2020, 12, 31))
_2019 = (date(2021, 1, 1), None)

HOLIDAY_RULES: tuple[HolidayRule, ...] = (
    HolidayRule("Tết Dương lịch", f"{LABOUR_CODE_2012} khoản 1 điểm a", *_2012, _fixed(1, 1)),
    HolidayRule(
        "Tết Âm lịch", f"{LABOUR_CODE_2012} khoản 1 điểm b", *_2012, _lunar_new_year_holidays
    ),
    HolidayRule("Ngày Chiến thắng", f"{LABOUR_CODE_2012} khoản 1 điểm c", *_2012, _fixed(4, 30)),
    HolidayRule(
        "Ngày Quốc tế lao động", f"{LABOUR_CODE_2012} khoản 1 điểm d", *_2012, _fixed(5, 1)
    ),
    HolidayRule("Quốc khánh", f"{LABOUR_CODE_2012} khoản 1 điểm đ", *_2012, _fixed(9, 2)),
    HolidayRule("Giỗ Tổ Hùng Vương", f"{LABOUR_CODE_2012} khoản 1 điểm e", *_2012, _hung_kings),
    HolidayRule("Tết Dương lịch", f"{LABOUR_CODE_2019} khoản 1 điểm a", *_2019, _fixed(1, 1)),
    HolidayRule(
        "Tết Âm lịch", f"{LABOUR_CODE_2019} khoản 1 điểm b", *_2019, _lunar_new_year_holidays
    ),
    HolidayRule("Ngày Chiến thắng", f"{LABOUR_CODE_2019} khoản 1 điểm c", *_2019, _fixed(4, 30)),
    HolidayRule(
        "Ngày Quốc tế lao động", f"{LABOUR_CODE_2019} khoản 1 điểm d", *_2019, _fixed(5, 1)
    ),
    HolidayRule(
        "Quốc khánh", f"{LABOUR_CODE_2019} khoản 1 điểm đ", *_2019, _national_day_with_adjacent
    ),
    HolidayRule("Giỗ Tổ Hùng Vương", f"{LABOUR_CODE_2019} khoản 1 điểm e", *_2019, _hung_kings),
)

COMPENSATION_SOURCE = (
    "Bộ luật Lao động 45/2019/QH14, Điều 111 khoản 3 (trước 2021: 10/2012/QH13, Điều 115 khoản 3)"
)
DAY_OFF = "day_off"
WORKING_DAY = "working_day"


@dataclass(frozen=True)
class WorkCalendar:
    """The government's adjustments for particular days; they override the statutory calendar."""

    days_off: frozenset[date] = frozenset()
    working_days: frozenset[date] = frozenset()

    def __post_init__(self) -> None:
        if self.days_off & self.working_days:
            raise ValueError("A day cannot be both a day off and a working day.")


EMPTY_CALENDAR = WorkCalendar()


@lru_cache(maxsize=256)
def public_holidays(year: int) -> Mapping[date, str]:
    """The public holidays of `year` by HOLIDAY_RULES, weekend ones included, with their names."""
    holidays: dict[date, str] = {}
    for rule in HOLIDAY_RULES:
        for d in rule.days(year):
            if rule.applies_on(d):
                holidays.setdefault(d, rule.name)
    return MappingProxyType(holidays)


@lru_cache(maxsize=256)
def statutory_days_off(year: int) -> Mapping[date, str]:
    """Weekdays of `year` off by law: holidays, and compensation for holidays on a rest day.

    Weekends are not listed. Values name the holiday, or the holiday a compensatory day makes up.
    """
    holidays = public_holidays(year)
    off = {d: name for d, name in holidays.items() if d.weekday() not in WEEKLY_REST_DAYS}
    # Each holiday on a rest day moves to the next weekday that is neither a holiday nor already
    # taken by an earlier compensation, in date order.
    for d in sorted(holidays):
        if d.weekday() in WEEKLY_REST_DAYS:
            c = d + ONE_DAY
            while c.weekday() in WEEKLY_REST_DAYS or c in off:
                c += ONE_DAY
            off[c] = f"Nghỉ bù {holidays[d]} ({d:%d/%m/%Y})"
    return MappingProxyType(off)


def _check_range(d: date) -> None:
    if not SUPPORTED_FROM <= d <= SUPPORTED_TO:
        raise ValueError(
            f"Working days are known from {SUPPORTED_FROM:%d/%m/%Y} to {SUPPORTED_TO:%d/%m/%Y}; "
            f"got {d:%d/%m/%Y}."
        )


def _statutory_day_off(d: date) -> str | None:
    # No holiday falls late in December, so a compensatory day never crosses into the next year.
    return statutory_days_off(d.year).get(d)


def day_off_reason(d: date, *, calendar: WorkCalendar) -> str | None:
    """Why `d` is not a working day (None when it is one)."""
    _check_range(d)
    if d in calendar.working_days:
        return None
    if d in calendar.days_off:
        return "Ngày nghỉ theo điều chỉnh lịch làm việc"
    if d.weekday() in WEEKLY_REST_DAYS:
        return "Nghỉ hằng tuần"
    return _statutory_day_off(d)


def is_working_day(d: date, *, calendar: WorkCalendar) -> bool:
    return day_off_reason(d, calendar=calendar) is None


def add_working_days(start: date, n: int, *, calendar: WorkCalendar) -> date:
    """The n-th working day after `start`; `start` itself never counts (BLDS 2015, Điều 147 k1).

    `n == 0` returns `start` unchanged.
    """
    if n < 0:
        raise ValueError("n must be zero or more.")
    d = start
    while n:
        d += ONE_DAY
        if is_working_day(d, calendar=calendar):
            n -= 1
    return d


def working_days_between(a: date, b: date, *, calendar: WorkCalendar) -> int:
    """Working days d with a < d <= b; negative when b is before a."""
    if b < a:
        return -working_days_between(b, a, calendar=calendar)
    count = 0
    d = a
    while d < b:
        d += ONE_DAY
        if is_working_day(d, calendar=calendar):
            count += 1
    return count


def days_off_in(year: int, *, calendar: WorkCalendar) -> list[tuple[date, str]]:
    """The weekdays of `year` that are not working days, and the working weekend days, with why."""
    d = max(date(year, 1, 1), SUPPORTED_FROM)
    end = min(date(year, 12, 31), SUPPORTED_TO)
    rows: list[tuple[date, str]] = []
    while d <= end:
        reason = day_off_reason(d, calendar=calendar)
        if d.weekday() in WEEKLY_REST_DAYS:
            if reason is None:
                rows.append((d, "Ngày làm việc bù"))
        elif reason is not None:
            rows.append((d, reason))
        d += ONE_DAY
    return rows


def calendar_from(adjustments: Iterable[tuple[date, str]]) -> WorkCalendar:
    """A WorkCalendar from (date, kind) pairs, kind being "day_off" or "working_day"."""
    days_off: set[date] = set()
    working: set[date] = set()
    for d, kind in adjustments:
        if kind == DAY_OFF:
            days_off.add(d)
        elif kind == WORKING_DAY:
            working.add(d)
        else:
            raise ValueError(f"Unknown adjustment kind {kind!r}.")
    return WorkCalendar(days_off=frozenset(days_off), working_days=frozenset(working))


# The table changes a few times a year; each process keeps one copy. The action that writes it
# calls `invalidate_calendar()`; other processes (web workers, the task worker) pick the change up
# within CACHE_SECONDS.
CACHE_SECONDS = 300.0
_cache_lock = threading.Lock()
_cached: tuple[float, WorkCalendar] | None = None


def load_calendar() -> WorkCalendar:
    """The adjustments table as a WorkCalendar, cached per process."""
    global _cached
    cached = _cached
    if cached is not None and time.monotonic() - cached[0] < CACHE_SECONDS:
        return cached[1]
    from chibo.core.models import CalendarAdjustment

    with _cache_lock:
        calendar = calendar_from(CalendarAdjustment.objects.values_list("date", "kind"))
        _cached = (time.monotonic(), calendar)
    return calendar


def invalidate_calendar() -> None:
    global _cached
    with _cache_lock:
        _cached = None
