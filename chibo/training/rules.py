"""Dated rules of training (DESIGN.md rule 6): which courses confer a political-theory level,
when a new member must have taken the new-member course, how long an awareness certificate
counts for admission, and the attendance and grade a learner needs for the certificate.

`valid_from` inclusive, `valid_to` exclusive; a fact is judged by the rule in force on its day.
Figures marked [U] are not confirmed in a public source (RULES.md): they are configurable here
and the pages say so.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from chibo.core.rules import RuleBook

QD_294_FROM = date(2025, 7, 1)


@dataclass(frozen=True)
class TheoryLevels:
    """Course kinds that confer a political-theory level on the member who completes them."""

    source: str
    valid_from: date
    valid_to: date | None
    levels: dict[str, str]  # course kind -> members.TheoryLevel value


THEORY_LEVELS = RuleBook(
    "theory levels conferred by courses",
    [
        TheoryLevels(
            source="QĐ 57-QĐ/TW (8/2/2022) về phân cấp đào tạo, bồi dưỡng lý luận chính trị "
            "(sơ cấp, trung cấp, cao cấp)",
            valid_from=date(2022, 2, 8),
            valid_to=None,
            levels={
                "theory_elementary": "elementary",
                "theory_intermediate": "intermediate",
                "theory_advanced": "advanced",
            },
        )
    ],
)


@dataclass(frozen=True)
class NewMemberCourse:
    """A probationary member takes the new-member course within `within_months` of the
    ceremony (during probation)."""

    source: str
    valid_from: date
    valid_to: date | None
    within_months: int


NEW_MEMBER_COURSE = RuleBook(
    "new-member course",
    [
        NewMemberCourse(
            source="Điều lệ Đảng, Điều 5 khoản 1; QĐ 24-QĐ/TW (30/7/2021), mục 4: trong thời "
            "gian dự bị, đảng viên phải học chương trình bồi dưỡng đảng viên mới",
            valid_from=date(2021, 7, 30),
            valid_to=QD_294_FROM,
            within_months=12,
        ),
        NewMemberCourse(
            source="Điều lệ Đảng, Điều 5 khoản 1; QĐ 294-QĐ/TW (26/5/2025), mục 4: trong thời "
            "gian dự bị, đảng viên phải học chương trình bồi dưỡng đảng viên mới",
            valid_from=QD_294_FROM,
            valid_to=None,
            within_months=12,
        ),
    ],
)


@dataclass(frozen=True)
class AwarenessValidity:
    """[U] How long the awareness-course certificate counts for admission."""

    source: str
    valid_from: date
    valid_to: date | None
    months: int


AWARENESS_VALIDITY = RuleBook(
    "awareness certificate validity",
    [
        AwarenessValidity(
            source="[chưa xác nhận] thực tiễn: giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng "
            "dùng cho hồ sơ kết nạp trong 60 tháng kể từ ngày cấp (cấu hình được)",
            valid_from=date(2021, 7, 30),
            valid_to=None,
            months=60,
        )
    ],
)


@dataclass(frozen=True)
class CompletionRule:
    """[U] What a learner needs for the certificate: attendance of at least `min_attendance`
    percent of the sessions and a grade of at least `pass_grade` (scale 0-10), or the quiz's
    pass mark when the final test is a quiz."""

    source: str
    valid_from: date
    valid_to: date | None
    min_attendance: int
    pass_grade: Decimal


COMPLETION = RuleBook(
    "course completion",
    [
        CompletionRule(
            source="[chưa xác nhận] thực tiễn các trung tâm chính trị: dự ít nhất 80% số buổi "
            "học và bài thu hoạch đạt từ 5 điểm (thang 10) trở lên (cấu hình được)",
            valid_from=date(2021, 7, 30),
            valid_to=None,
            min_attendance=80,
            pass_grade=Decimal("5"),
        )
    ],
)


def theory_level_of(kind: str, on: date) -> str | None:
    """The theory level a course of this kind confers on the day (None: none)."""
    return THEORY_LEVELS.rule_on(on).levels.get(kind)


def attendance_percent(present: int, sessions: int) -> int | None:
    """Whole percent of the sessions attended, rounded down (None when there were none)."""
    if sessions <= 0:
        return None
    return present * 100 // sessions


def completes(
    *, present: int, sessions: int, grade: Decimal | None, quiz_passed: bool | None, on: date
) -> bool:
    """Whether a learner qualifies for the certificate under COMPLETION on the day."""
    rule = COMPLETION.rule_on(on)
    percent = attendance_percent(present, sessions)
    if percent is None or percent < rule.min_attendance:
        return False
    if quiz_passed is not None:
        return quiz_passed
    return grade is not None and grade >= rule.pass_grade


def certificate_number(unit_code: str, year: int, sequence: int) -> str:
    """The certificate's number: issuing unit, year, sequence ("GCN-P1-2026-0007")."""
    return f"GCN-{unit_code}-{year}-{sequence:04d}"
