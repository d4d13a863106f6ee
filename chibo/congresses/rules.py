"""Figures of congress work, as dated rules (DESIGN.md rule 6), and the allocation of delegates.

Where the regulations (QĐ 190-QĐ/TW of 10/10/2024, HD 04-HD/TW of 31/12/2024) leave a figure to
the convening committee, the rule below is **our choice**, says so in `source`, and can be changed
by adding a dated rule.
"""

import math
from dataclasses import dataclass
from datetime import date

from chibo.core.rules import RuleBook


@dataclass(frozen=True)
class AllocationRule:
    """How official delegates are shared among the subordinate units.

    Our choice (RULES.md is silent; in practice the convening committee decides the number and
    its allocation): the seats left after the ex officio delegates are shared in proportion to
    each unit's members (probationary and full) on the cut-off day, by the largest-remainder
    method; every unit that has members gets at least `minimum_seats`; alternates are
    `alternate_percent` of a unit's seats, rounded down, at least `minimum_alternates` where the
    unit has more than one seat."""

    source: str
    valid_from: date
    valid_to: date | None
    minimum_seats: int
    alternate_percent: int
    minimum_alternates: int


ALLOCATION = RuleBook(
    "delegate allocation",
    [
        AllocationRule(
            source=(
                "Lựa chọn của Chi Bộ Số (QĐ 190-QĐ/TW, HD 04-HD/TW giao cấp ủy triệu tập quyết "
                "định số lượng và phân bổ đại biểu): chia theo tỷ lệ đảng viên tại ngày chốt, "
                "phương pháp số dư lớn nhất"
            ),
            valid_from=date(2024, 10, 10),
            valid_to=None,
            minimum_seats=1,
            alternate_percent=10,
            minimum_alternates=1,
        )
    ],
)


@dataclass(frozen=True)
class BadgeRule:
    """How long a badge works at the gate: from `opens_days_before` the first day of the
    congress to the end of its last day. Our choice, not a regulation."""

    source: str
    valid_from: date
    valid_to: date | None
    opens_days_before: int


BADGES = RuleBook(
    "congress badges",
    [
        BadgeRule(
            source="Lựa chọn của Chi Bộ Số: thẻ đại biểu dùng từ 1 ngày trước phiên trù bị",
            valid_from=date(2024, 10, 10),
            valid_to=None,
            opens_days_before=1,
        )
    ],
)


def allocate(
    members_by_unit: dict[int, int], seats: int, rule: AllocationRule
) -> dict[int, tuple[int, int]]:
    """Unit → (official seats, alternates). Pure. Units without members get nothing; when the
    minimums alone exceed the seats, every unit with members still gets its minimum (the
    convening committee then raises the total: the caller warns)."""
    units = sorted(u for u, n in members_by_unit.items() if n > 0)
    if not units or seats <= 0:
        return {u: (0, 0) for u in members_by_unit}
    total = sum(members_by_unit[u] for u in units)
    result = {u: rule.minimum_seats for u in units}
    left = seats - rule.minimum_seats * len(units)
    if left > 0:
        quotas = {u: members_by_unit[u] * left / total for u in units}
        for u in units:
            result[u] += math.floor(quotas[u])
        rest = left - sum(math.floor(q) for q in quotas.values())
        # Largest remainder first; ties to the larger unit, then the lower id (deterministic).
        order = sorted(
            units, key=lambda u: (-(quotas[u] - math.floor(quotas[u])), -members_by_unit[u], u)
        )
        for u in order[:rest]:
            result[u] += 1
    out = {u: (0, 0) for u in members_by_unit}
    for u, n in result.items():
        alternates = n * rule.alternate_percent // 100
        if n > 1:
            alternates = max(alternates, rule.minimum_alternates)
        out[u] = (n, alternates)
    return out
