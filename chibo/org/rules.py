"""Which kind of organisation may sit under which (rule data, dated and cited)."""

from dataclasses import dataclass
from datetime import date

from .models import UnitKind as K


@dataclass(frozen=True)
class ParentRule:
    source: str
    valid_from: date
    valid_to: date | None
    allowed_parents: dict[str, frozenset[str]]


# QĐ 294-QĐ/TW (26/5/2025), applied from 1/7/2025 with the abolition of the district level:
# central → provincial committees → commune/ward/special-zone committees (directly above the
# grassroots) → grassroots organisations (đảng bộ cơ sở, chi bộ cơ sở) → branches → party cells.
# Agencies and enterprises keep grassroots organisations directly under a provincial committee.
CHARTER_2025 = ParentRule(
    source="QĐ 294-QĐ/TW (26/5/2025), mục 1; cấp huyện kết thúc hoạt động từ 01/7/2025",
    valid_from=date(2025, 7, 1),
    valid_to=None,
    allowed_parents={
        K.CENTRAL: frozenset(),
        K.PROVINCIAL_COMMITTEE: frozenset({K.CENTRAL}),
        K.UPPER_GRASSROOTS: frozenset({K.PROVINCIAL_COMMITTEE}),
        K.GRASSROOTS_COMMITTEE: frozenset({K.UPPER_GRASSROOTS, K.PROVINCIAL_COMMITTEE}),
        K.GRASSROOTS_BRANCH: frozenset({K.UPPER_GRASSROOTS, K.PROVINCIAL_COMMITTEE}),
        K.BRANCH: frozenset({K.GRASSROOTS_COMMITTEE}),
        K.PARTY_CELL: frozenset({K.BRANCH, K.GRASSROOTS_BRANCH}),
    },
)

# The tree before 1 July 2025 had a district level that this system does not model; restructuring
# dated earlier is checked against the current rule, which is stated in the error message.
PARENT_RULES = (CHARTER_2025,)


def rule_on(on: date) -> ParentRule:
    in_force = [
        r for r in PARENT_RULES if r.valid_from <= on and (r.valid_to is None or on < r.valid_to)
    ]
    return in_force[-1] if in_force else PARENT_RULES[0]


# A deployment serves the tree from its top: the whole party (central) or one provincial committee
# (a city such as Ho Chi Minh City running its own server).
ROOT_KINDS = frozenset({K.CENTRAL, K.PROVINCIAL_COMMITTEE})


def may_hold(parent_kind: str | None, child_kind: str, on: date) -> bool:
    if parent_kind is None:
        return child_kind in ROOT_KINDS
    return parent_kind in rule_on(on).allowed_parents[child_kind]
