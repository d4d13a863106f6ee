"""Dated rules of admission (DESIGN.md rule 6), each citing its regulation; pure functions.

Sources (RULES.md, [V]): Điều lệ Đảng (2011) Điều 1 khoản 2 and Điều 4; the regulations that
implement the charter, QĐ 24-QĐ/TW (30/7/2021, in force until 30/6/2025; QĐ 232-QĐ/TW of 1/2025
amended it without changing these figures) and QĐ 294-QĐ/TW (26/5/2025, from 1/7/2025), mục 1 (age
and education of the applicant) and mục 3 (sponsors, the procedure and its deadlines). The figures
are the same in both versions; each version is a rule of its own so that a change is a new row.
`valid_from` inclusive, `valid_to` exclusive. A fact is judged by the rule of its own day (the age
by the branch vote's day, the decision's deadline by the branch vote's day, the ceremony's by the
day the decision was received).
"""

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from chibo.core import workdays
from chibo.core.rules import RuleBook
from chibo.members.rules.dates import add_months, full_member_from

QD_24_FROM = date(2021, 7, 30)
QD_294_FROM = date(2025, 7, 1)
QD_24 = "QĐ 24-QĐ/TW (30/7/2021)"
QD_294 = "QĐ 294-QĐ/TW (26/5/2025)"


@dataclass(frozen=True)
class Eligibility:
    """Age (whole months) at the branch's vote, education, sponsors."""

    source: str
    valid_from: date
    valid_to: date | None
    min_age_months: int
    max_age_months: int  # "đủ 60 tuổi": older needs the provincial-level committee's decision
    min_education_grade: int  # lower secondary: grade 9 of the 12-year system
    sponsors: int
    sponsor_known_months: int


def _eligibility(doc: str, valid_from: date, valid_to: date | None) -> Eligibility:
    return Eligibility(
        source=f"Điều lệ Đảng Điều 1 khoản 2 và Điều 4 khoản 2; {doc}, mục 1 (đủ 18 đến đủ 60 "
        "tuổi tính theo tháng, trên 60 tuổi do cấp ủy trực thuộc Trung ương quyết định; học vấn "
        "tốt nghiệp trung học cơ sở trở lên) và mục 3 (hai đảng viên chính thức giới thiệu, cùng "
        "công tác với người vào Đảng ít nhất 12 tháng)",
        valid_from=valid_from,
        valid_to=valid_to,
        min_age_months=18 * 12,
        max_age_months=60 * 12,
        min_education_grade=9,
        sponsors=2,
        sponsor_known_months=12,
    )


ELIGIBILITY = RuleBook(
    "admission eligibility",
    [_eligibility(QD_24, QD_24_FROM, QD_294_FROM), _eligibility(QD_294, QD_294_FROM, None)],
)


@dataclass(frozen=True)
class Votes:
    """The share of votes in favour the branch (of its full members) and the grassroots
    committee (of its members) need."""

    source: str
    valid_from: date
    valid_to: date | None
    branch_share: Fraction
    committee_share: Fraction


VOTES = RuleBook(
    "admission votes",
    [
        Votes(
            source="Điều lệ Đảng (19/1/2011), Điều 4 khoản 3: chi bộ xét, được ít nhất hai phần "
            "ba số đảng viên chính thức tán thành; đảng ủy cơ sở xét duyệt, được ít nhất hai "
            "phần ba số cấp ủy viên tán thành",
            valid_from=date(2011, 1, 19),
            valid_to=None,
            branch_share=Fraction(2, 3),
            committee_share=Fraction(2, 3),
        )
    ],
)


@dataclass(frozen=True)
class Deadlines:
    """Working days: the competent committee decides within `decide_days` of the branch's
    resolution, extended by at most `extension_days`; the branch holds the ceremony within
    `ceremony_days` of receiving the decision; after the 12 months of probation the branch
    considers full membership within `full_review_days`."""

    source: str
    valid_from: date
    valid_to: date | None
    decide_days: int
    extension_days: int
    ceremony_days: int
    full_review_days: int


def _deadlines(doc: str, valid_from: date, valid_to: date | None) -> Deadlines:
    return Deadlines(
        source=f"{doc}, mục 3 (trong 60 ngày làm việc kể từ ngày chi bộ có nghị quyết, cấp ủy "
        "có thẩm quyền xem xét, quyết định, gia hạn tối đa 30 ngày làm việc; trong 30 ngày làm "
        "việc kể từ ngày nhận quyết định, chi bộ tổ chức lễ kết nạp) và mục 4 (trong 30 ngày làm "
        "việc sau khi hết 12 tháng dự bị, chi bộ xét công nhận chính thức)",
        valid_from=valid_from,
        valid_to=valid_to,
        decide_days=60,
        extension_days=30,
        ceremony_days=30,
        full_review_days=30,
    )


DEADLINES = RuleBook(
    "admission deadlines",
    [_deadlines(QD_24, QD_24_FROM, QD_294_FROM), _deadlines(QD_294, QD_294_FROM, None)],
)


def age_in_months(birth: date, on: date) -> int:
    """Whole months of age on the day ("tính theo tháng")."""
    months = (on.year - birth.year) * 12 + on.month - birth.month
    if on.day < birth.day:
        months -= 1
    return months


def education_grade(text: str) -> int | None:
    """The grade of "9/12", "12/12", "7/10" (old 10-year system: grade 7 = lower secondary)."""
    text = (text or "").strip().replace(" ", "")
    if "/" not in text:
        return int(text) if text.isdigit() else None
    grade, _sep, system = text.partition("/")
    if not (grade.isdigit() and system.isdigit()):
        return None
    g, s = int(grade), int(system)
    if s == 10:  # the 10-year system: 7/10 finished lower secondary
        return g + 2
    return g if s == 12 else None


def share_reached(votes_for: int, votes_of: int, share: Fraction) -> bool:
    """`votes_for / votes_of >= share`, in integers."""
    return votes_of > 0 and votes_for * share.denominator >= share.numerator * votes_of


def decision_due(branch_vote_on: date, *, extended: bool, calendar: workdays.WorkCalendar) -> date:
    rule = DEADLINES.rule_on(branch_vote_on)
    days = rule.decide_days + (rule.extension_days if extended else 0)
    return workdays.add_working_days(branch_vote_on, days, calendar=calendar)


def ceremony_due(received_on: date, *, calendar: workdays.WorkCalendar) -> date:
    rule = DEADLINES.rule_on(received_on)
    return workdays.add_working_days(received_on, rule.ceremony_days, calendar=calendar)


def full_review_due(ceremony_on: date, *, calendar: workdays.WorkCalendar) -> date:
    """When the branch must have considered full membership: 30 working days after the 12
    months of probation (the member is full from the end of the 12 months)."""
    end = full_member_from(ceremony_on)
    rule = DEADLINES.rule_on(end)
    return workdays.add_working_days(end, rule.full_review_days, calendar=calendar)


def sponsor_known_enough(known_since: date, on: date) -> bool:
    months = ELIGIBILITY.rule_on(on).sponsor_known_months
    return add_months(known_since, months) <= on


def percent(admitted: int, target: int) -> int | None:
    """Whole percent of the target reached (rounded half up, as tallies print: 406/400 = 102%)."""
    if target <= 0:
        return None
    return (admitted * 200 + target) // (target * 2)
