"""Dates as old records write them: dd/mm/yyyy, d/m/yy, yyyy-mm-dd, Excel serial numbers,
"ngày 2 tháng 9 năm 1945", and partial dates (a year, a month and year)."""

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from django.utils.translation import gettext_lazy as _

from .messages import issue
from .values import Issue, Normalized, PartialDate

MIN_YEAR = 1850
MAX_YEAR = 2100
# Excel counts days from 1899-12-30 (its day 60 is the 29/02/1900 that never was).
_EXCEL_EPOCH = date(1899, 12, 30)
_SEP = r"\s*[/\-.]\s*"
_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_YEAR = re.compile(r"(?:năm\s*)?(\d{4})")
_MONTH_YEAR = re.compile(rf"(?:tháng\s*)?(\d{{1,2}})(?:{_SEP}|\s*năm\s*)(\d{{4}})")
_ISO = re.compile(rf"(\d{{4}}){_SEP}(\d{{1,2}}){_SEP}(\d{{1,2}}){_TIME}")
_DMY = re.compile(
    rf"(?:ngày\s*)?(\d{{1,2}})(?:{_SEP}|\s*tháng\s*)(\d{{1,2}})"
    rf"(?:{_SEP}|\s*năm\s*)(\d{{4}}|\d{{2}}){_TIME}"
)
_COMPACT = re.compile(r"\d{8}")
_SERIAL = re.compile(r"\d{4,6}(?:\.\d+)?")


def parse_date(value: object, *, field: str = "date") -> Normalized[PartialDate]:
    """A partial date from a cell; day-first as Vietnamese write it. An impossible date, or text
    that is not a date, gives value None and an error; readings that needed a choice (a two-digit
    year, month and day swapped, an Excel serial number) give a warning."""
    if value is None or value == "":
        return Normalized(None, "")
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return Normalized(PartialDate(value.year, value.month, value.day), value.isoformat())
    if isinstance(value, bool):
        return _invalid(str(value), field)
    if isinstance(value, int | float):
        raw = str(int(value)) if float(value).is_integer() else str(value)
        return _from_number(float(value), raw, field)
    raw = str(value)
    return _parse_text(raw.strip().lower(), raw, field)


@lru_cache(maxsize=262144)
def _parse_text(text: str, raw: str, field: str) -> Normalized[PartialDate]:
    if not text:
        return Normalized(None, raw)
    if m := _DMY.fullmatch(text):
        first, second, year_text = int(m[1]), int(m[2]), m[3]
        issues: list[Issue] = []
        year = int(year_text)
        if len(year_text) == 2:
            year = _century(year)
            issues.append(
                issue(
                    field,
                    "date.two_digit_year",
                    _("Năm viết hai chữ số, đã hiểu là %(year)s."),
                    year=year,
                )
            )
        day, month = first, second
        if month > 12 and day <= 12:
            day, month = second, first
            issues.append(
                issue(
                    field, "date.swapped", _("Ngày và tháng bị đảo (kiểu tháng/ngày), đã đổi lại.")
                )
            )
        return _result(raw, field, year, month, day, issues)
    if m := _ISO.fullmatch(text):
        return _result(raw, field, int(m[1]), int(m[2]), int(m[3]), [])
    if m := _MONTH_YEAR.fullmatch(text):
        return _result(raw, field, int(m[2]), int(m[1]), None, [])
    if m := _YEAR.fullmatch(text):
        return _result(raw, field, int(m[1]), None, None, [])
    if _COMPACT.fullmatch(text):
        return _compact(text, raw, field)
    if _SERIAL.fullmatch(text):
        return _from_number(float(text), raw, field)
    return _invalid(raw, field)


def _century(two_digits: int) -> int:
    """A two-digit year in the last hundred years: "05" is 2005 in 2026, "45" is 1945."""
    this_year = date.today().year
    year = 2000 + two_digits
    return year if year <= this_year else year - 100


def _compact(text: str, raw: str, field: str) -> Normalized[PartialDate]:
    """Eight digits: yyyymmdd, or ddmmyyyy when that is the only valid reading."""
    readings = []
    for year, month, day in (
        (int(text[:4]), int(text[4:6]), int(text[6:])),
        (int(text[4:]), int(text[2:4]), int(text[:2])),
    ):
        if MIN_YEAR <= year <= MAX_YEAR and _valid(year, month, day):
            readings.append((year, month, day))
    if len(readings) != 1:
        return _invalid(raw, field)
    year, month, day = readings[0]
    return _result(raw, field, year, month, day, [])


@lru_cache(maxsize=262144)
def _from_number(number: float, raw: str, field: str) -> Normalized[PartialDate]:
    """A number: a year when it looks like one, otherwise an Excel serial day number."""
    whole = int(number)
    if MIN_YEAR <= whole <= MAX_YEAR and number == whole:
        return _result(raw, field, whole, None, None, [])
    if not 1 <= whole <= 80000:  # 80000 is 2119-01-10
        return _invalid(raw, field)
    day = _EXCEL_EPOCH + timedelta(days=whole if whole > 60 else whole + 1)
    warning = issue(
        field,
        "date.excel_serial",
        _("Ngày ở dạng số của Excel (%(serial)s), đã đổi thành %(date)s."),
        serial=whole,
        date=day.strftime("%d/%m/%Y"),
    )
    return _result(raw, field, day.year, day.month, day.day, [warning])


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _result(
    raw: str, field: str, year: int, month: int | None, day: int | None, issues: list[Issue]
) -> Normalized[PartialDate]:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return Normalized(
            None,
            raw,
            (
                issue(
                    field,
                    "date.year_out_of_range",
                    _("Năm %(year)s nằm ngoài khoảng cho phép (%(min)s-%(max)s)."),
                    "error",
                    year=year,
                    min=MIN_YEAR,
                    max=MAX_YEAR,
                ),
            ),
        )
    if month is not None and not _valid(year, month, day or 1):
        return Normalized(
            None,
            raw,
            (
                issue(
                    field,
                    "date.invalid",
                    _("Ngày không có thật: %(raw)s."),
                    "error",
                    raw=raw.strip(),
                ),
            ),
        )
    value = PartialDate(year, month, day)
    return Normalized(value, raw, tuple(issues), changed=str(value) != raw.strip())


def _invalid(raw: str, field: str) -> Normalized[PartialDate]:
    return Normalized(
        None,
        raw,
        (
            issue(
                field,
                "date.unreadable",
                _("Không đọc được ngày \u201c%(raw)s\u201d (cần dạng ngày/tháng/năm)."),
                "error",
                raw=raw.strip(),
            ),
        ),
    )
