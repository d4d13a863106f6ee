"""Bounded dates, times and years of the API's and pages' input.

A day like 0001-01-01 or 9999-12-31 parses, but one day before or after it does not exist, and a
year like 10000 is no year any party record speaks of: the queries built from them overflow
(Python's date range, PostgreSQL's bigint and timestamp range) and answered 500. Every date, time
and year a client sends goes through one of these types, so it answers 422 with a clear message.
"""

from datetime import date, datetime
from typing import Annotated

from pydantic import AfterValidator, Field

MIN_YEAR = 1900
MAX_YEAR = 2100
FIRST_DAY = date(MIN_YEAR, 1, 1)
LAST_DAY = date(MAX_YEAR, 12, 31)

RANGE_MESSAGE = f"must be between {MIN_YEAR} and {MAX_YEAR}"


def in_range(day: date) -> bool:
    return FIRST_DAY <= day <= LAST_DAY


def _date(value: date) -> date:
    if not in_range(value):
        raise ValueError(f"date {RANGE_MESSAGE}")
    return value


def _datetime(value: datetime) -> datetime:
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValueError(f"date and time {RANGE_MESSAGE}")
    return value


Year = Annotated[int, Field(ge=MIN_YEAR, le=MAX_YEAR)]
Day = Annotated[date, AfterValidator(_date)]
Moment = Annotated[datetime, AfterValidator(_datetime)]
