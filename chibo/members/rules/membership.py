"""Dated rules of membership the member actions apply (DESIGN.md rule 6): which units hold
members, the transfer deadlines, the time out before re-admission. Each is a `RuleBook` of
versions citing document and article, `valid_from` inclusive and `valid_to` exclusive; the actions
ask `rule_on(day)` for the version in force on the day of the act."""

from dataclasses import dataclass
from datetime import date

from chibo.core.rules import RuleBook
from chibo.org.models import UnitKind

# QĐ 294-QĐ/TW (26/5/2025) on implementing the charter applies from 1/7/2025 (RULES.md).
QD_294_FROM = date(2025, 7, 1)


@dataclass(frozen=True)
class MemberUnits:
    """The kinds of unit a member belongs to (sinh hoạt)."""

    source: str
    valid_from: date
    valid_to: date | None
    kinds: frozenset[str]


MEMBER_UNITS = RuleBook(
    "units that hold members",
    [
        MemberUnits(
            source="Điều lệ Đảng (19/1/2011), Điều 21 và 22: đảng viên sinh hoạt ở chi bộ "
            "(chi bộ trực thuộc đảng ủy cơ sở hoặc chi bộ cơ sở)",
            valid_from=date(2011, 1, 19),
            valid_to=None,
            kinds=frozenset({UnitKind.BRANCH, UnitKind.GRASSROOTS_BRANCH}),
        )
    ],
)


@dataclass(frozen=True)
class TransferDeadlines:
    """Permanent transfers: the member starts within `start_working_days` of the cause (new post,
    retirement, move) and presents the introduction letter to the receiving branch within
    `report_working_days` of its date; late cases are reported."""

    source: str
    valid_from: date
    valid_to: date | None
    start_working_days: int
    report_working_days: int


TRANSFER_DEADLINES = RuleBook(
    "permanent transfer deadlines",
    [
        TransferDeadlines(
            source="QĐ 294-QĐ/TW (26/5/2025), mục 6.3.1 (áp dụng từ 01/7/2025; thư giới thiệu "
            "trước ngày đó cũng được tính theo quy định này)",
            valid_from=QD_294_FROM,
            valid_to=None,
            start_working_days=60,
            report_working_days=30,
        )
    ],
)


@dataclass(frozen=True)
class Readmission:
    """Re-admission: at least `min_months_out` out of the party, once only (`max_times`)."""

    source: str
    valid_from: date
    valid_to: date | None
    min_months_out: int
    max_times: int


READMISSION = RuleBook(
    "re-admission",
    [
        Readmission(
            source="QĐ 294-QĐ/TW (26/5/2025), mục 3.5 (áp dụng từ 01/7/2025; ngày trước đó "
            "cũng được xét theo quy định này)",
            valid_from=QD_294_FROM,
            valid_to=None,
            min_months_out=36,
            max_times=1,
        )
    ],
)


def member_unit_kinds(on: date | None = None) -> frozenset[str]:
    """The kinds of unit that hold members on the day (today by default)."""
    return MEMBER_UNITS.rule_on(on or date.today()).kinds
