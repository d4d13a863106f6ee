"""Member dates: partial dates from old records, probation, and the order and age rules.

Sources [V]:
- Điều lệ Đảng (Đại hội XI, 2011), Điều 1 khoản 2: a member is a citizen "từ mười tám tuổi trở lên".
- Điều lệ Đảng, Điều 5 khoản 1: probation of twelve months "tính từ ngày chi bộ tổ chức lễ kết nạp".
- Quy định thi hành Điều lệ, mục 1.1 (same text in QĐ 29-QĐ/TW 25/7/2016, QĐ 24-QĐ/TW 2021,
  QĐ 232-QĐ/TW 20/1/2025 and QĐ 294-QĐ/TW 26/5/2025): at the branch's consideration the applicant
  is "đủ 18 tuổi đến đủ 60 tuổi (tính theo tháng)"; admitting someone over 60 is decided by the
  committee directly under the Central Committee (a provincial-level committee).
- Quy định thi hành Điều lệ, mục 4 (QĐ 29-QĐ/TW 2016 and successors): a probationary member who
  qualifies "vẫn được công nhận đảng viên chính thức đúng thời điểm hết 12 tháng dự bị", however
  late the branch meets or the committee approves.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .problems import Problem, Severity, Source

CHARTER_AGE_SOURCE = Source("Điều lệ Đảng, Điều 1 khoản 2 (từ 18 tuổi trở lên)")
PROBATION_SOURCE = Source(
    "Điều lệ Đảng, Điều 5 khoản 1; QĐ 294-QĐ/TW mục 4 (chính thức khi hết 12 tháng dự bị)"
)
ADMISSION_AGE_SOURCE = Source(
    "QĐ 294-QĐ/TW (26/5/2025) mục 1.1, như QĐ 29-QĐ/TW (2016), QĐ 24-QĐ/TW (2021), "
    "QĐ 232-QĐ/TW (2025): "
    "đủ 18 đến đủ 60 tuổi tính theo tháng; trên 60 tuổi do cấp ủy trực thuộc Trung ương quyết định",
    valid_from=date(2016, 7, 25),
)
ORDER_SOURCE = Source("Thứ tự tất yếu: sinh -> quyết định kết nạp -> lễ kết nạp -> chính thức")

PROBATION_MONTHS = 12
MIN_ADMISSION_AGE_MONTHS = 18 * 12
MAX_ADMISSION_AGE_MONTHS = 60 * 12  # "đủ 60 tuổi": beyond 720 months is "trên 60 tuổi"


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the last day of the month when that day does not exist."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def full_member_from(ceremony_on: date) -> date:
    """The first day of full membership: the same calendar date 12 months after the ceremony.

    Probation counts from the ceremony day itself (Điều lệ Điều 5: "tính từ ngày ... lễ kết nạp"),
    so the twelve months are the ceremony day up to the day before the same date a year later;
    they end at the close of that day, and the member is full from the next day, the anniversary
    of the ceremony (ceremony 15/3/2024 -> full member from 15/3/2025). This holds however late
    the branch or the committee decides. A ceremony on 29/2 has no anniversary: the twelve months
    end on 28/2 and the member is full from 1/3.
    """
    anniversary = add_months(ceremony_on, PROBATION_MONTHS)
    if anniversary.day != ceremony_on.day:  # clamped: 29/2 in a common year
        return anniversary + timedelta(days=1)
    return anniversary


_FORMATS = (
    re.compile(r"(?P<day>\d{1,2})[/.\-](?P<month>\d{1,2})[/.\-](?P<year>\d{4})"),
    re.compile(r"(?P<month>\d{1,2})[/.\-](?P<year>\d{4})"),
    re.compile(r"(?P<year>\d{4})"),
)


@dataclass(frozen=True)
class PartialDate:
    """A date whose day, or month and day, may be unknown (old records often give only a year).

    A partial date stands for the range from `earliest()` to `latest()`; comparisons between
    partial dates answer "certainly" or "possibly", and rules fail only when certainly wrong.
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        if not 1 <= self.year <= 9999:
            raise ValueError("year out of range")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError("month out of range")
        if self.day is not None:
            date(self.year, self.month or 1, self.day)  # raises ValueError for 31/4 or 29/2/2023

    @classmethod
    def of(cls, value: "date | PartialDate") -> "PartialDate":
        if isinstance(value, PartialDate):
            return value
        return cls(value.year, value.month, value.day)

    @classmethod
    def parse(cls, text: str) -> "PartialDate":
        """Read dd/mm/yyyy, mm/yyyy or yyyy ("/", "." or "-" between parts), else ValueError."""
        cleaned = text.strip()
        for pattern in _FORMATS:
            match = pattern.fullmatch(cleaned)
            if match:
                parts = match.groupdict()
                return cls(
                    int(parts["year"]),
                    int(parts["month"]) if parts.get("month") else None,
                    int(parts["day"]) if parts.get("day") else None,
                )
        raise ValueError(f"not a date: {text!r}")

    def format(self) -> str:
        if self.day is not None:
            return f"{self.day:02d}/{self.month:02d}/{self.year:04d}"
        if self.month is not None:
            return f"{self.month:02d}/{self.year:04d}"
        return f"{self.year:04d}"

    def __str__(self) -> str:
        return self.format()

    @property
    def is_complete(self) -> bool:
        return self.day is not None

    def earliest(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> date:
        if self.day is not None and self.month is not None:
            return date(self.year, self.month, self.day)
        month = self.month or 12
        return date(self.year, month, calendar.monthrange(self.year, month)[1])

    def certainly_before(self, other: "date | PartialDate") -> bool:
        return self.latest() < PartialDate.of(other).earliest()

    def possibly_before(self, other: "date | PartialDate") -> bool:
        return self.earliest() < PartialDate.of(other).latest()


DateLike = date | PartialDate


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def age_in_months_range(birth: DateLike, on: DateLike) -> tuple[int, int]:
    """Age in whole calendar months ("tính theo tháng"), as (least, most) over the possible dates.

    Counting by months compares the month of birth with the month of the event and ignores the
    day [U: our reading of "tính theo tháng"; it also suits birth dates known only to the month].
    """
    b, o = PartialDate.of(birth), PartialDate.of(on)
    least = _month_index(o.earliest()) - _month_index(b.latest())
    most = _month_index(o.latest()) - _month_index(b.earliest())
    return least, most


def check_member_dates(
    *,
    birth: DateLike | None,
    admitted_on: DateLike | None,
    full_member_on: DateLike | None,
    admission_ceremony_on: DateLike | None = None,
) -> list[Problem]:
    """Order, age and probation problems in a member's dates; missing dates are skipped.

    `admitted_on` is the date of the admission decision (ngày vào Đảng). The age rule applies at
    the branch's consideration, which comes before the decision, so checking at the decision
    date can miss an applicant who turned 18 in between, never blame one who was of age.
    """
    problems: list[Problem] = []
    if birth is not None and admitted_on is not None:
        disorder = _order(
            birth,
            admitted_on,
            "admitted_on",
            "dates.admitted_before_birth",
            _("Ngày vào Đảng (%(later)s) phải sau ngày sinh (%(earlier)s)."),
        )
        problems += disorder or _admission_age(birth, admitted_on)
    if admitted_on is not None and full_member_on is not None:
        disorder = _order(
            admitted_on,
            full_member_on,
            "full_member_on",
            "dates.full_before_admission",
            _("Ngày chính thức (%(later)s) phải sau ngày vào Đảng (%(earlier)s)."),
        )
        if disorder:
            return [*problems, *disorder]  # the probation checks would repeat the same fault
    if admitted_on is not None and admission_ceremony_on is not None:
        a, c = PartialDate.of(admitted_on), PartialDate.of(admission_ceremony_on)
        if c.certainly_before(a):
            problems.append(
                _problem(
                    "dates.ceremony_before_decision",
                    "admission_ceremony_on",
                    PROBATION_SOURCE,
                    _(
                        "Lễ kết nạp (%(ceremony)s) không thể trước quyết định kết nạp "
                        "(%(decision)s)."
                    ),
                    ceremony=c.format(),
                    decision=a.format(),
                )
            )
    if full_member_on is not None:
        # Without the ceremony date the decision date bounds it from below: the ceremony follows.
        start = admission_ceremony_on if admission_ceremony_on is not None else admitted_on
        if start is not None:
            problems += _probation(start, full_member_on, exact=admission_ceremony_on is not None)
    return problems


def _order(
    earlier: DateLike, later: DateLike, field: str, code: str, message: str | Promise
) -> list[Problem]:
    e, l_ = PartialDate.of(earlier), PartialDate.of(later)
    if e.possibly_before(l_):
        return []
    return [_problem(code, field, ORDER_SOURCE, message, earlier=e.format(), later=l_.format())]


def _admission_age(birth: DateLike, admitted_on: DateLike) -> list[Problem]:
    least, most = age_in_months_range(birth, admitted_on)
    if most < MIN_ADMISSION_AGE_MONTHS:
        return [
            _problem(
                "dates.under_18",
                "birth",
                CHARTER_AGE_SOURCE,
                _(
                    "Người vào Đảng phải đủ 18 tuổi (tính theo tháng); khi kết nạp mới "
                    "%(years)s tuổi %(months)s tháng."
                ),
                years=most // 12,
                months=most % 12,
            )
        ]
    on = PartialDate.of(admitted_on).earliest()
    if ADMISSION_AGE_SOURCE.applies_on(on) and least > MAX_ADMISSION_AGE_MONTHS:
        return [
            _problem(
                "dates.over_60",
                "birth",
                ADMISSION_AGE_SOURCE,
                _(
                    "Kết nạp người trên 60 tuổi cần quyết định của cấp ủy trực thuộc "
                    "Trung ương; hãy kiểm tra."
                ),
                severity=Severity.WARNING,
            )
        ]
    return []


def _probation(start: DateLike, full_member_on: DateLike, *, exact: bool) -> list[Problem]:
    s, f = PartialDate.of(start), PartialDate.of(full_member_on)
    soonest = full_member_from(s.earliest())
    if f.latest() < soonest:
        return [
            _problem(
                "dates.probation_short",
                "full_member_on",
                PROBATION_SOURCE,
                _(
                    "Ngày chính thức (%(full)s) sớm hơn khi hết 12 tháng dự bị "
                    "(sớm nhất %(expected)s)."
                ),
                full=f.format(),
                expected=PartialDate.of(soonest).format(),
            )
        ]
    latest_expected = full_member_from(s.latest())
    if exact and f.earliest() > latest_expected:
        # Full membership dates from the end of probation even when decided later; a later date
        # usually is the decision date typed in the wrong field.
        return [
            _problem(
                "dates.full_member_late",
                "full_member_on",
                PROBATION_SOURCE,
                _(
                    "Đảng viên chính thức từ khi hết 12 tháng dự bị (%(expected)s), "
                    "không phải %(full)s; "
                    "có thể đã ghi ngày quyết định."
                ),
                severity=Severity.WARNING,
                full=f.format(),
                expected=PartialDate.of(latest_expected).format(),
            )
        ]
    return []


def _problem(
    code: str,
    field: str,
    source: Source,
    message: str | Promise,
    *,
    severity: Severity = Severity.ERROR,
    **params: object,
) -> Problem:
    return Problem(code, message, severity=severity, field=field, source=source, params=params)
