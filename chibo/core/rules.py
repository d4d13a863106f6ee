"""Dated rules: the one mechanism every module uses for what party regulations prescribe
(DESIGN.md house rule 6).

Regulations change (the charter's guidance, rating, dues and discipline were all replaced in
2025-2026), so a rule is data that carries its source and the dates between which it applies:
`valid_from` inclusive, `valid_to` exclusive (None: still in force). A module keeps its rules as a
`RuleBook` of its own frozen dataclasses, each with `source`, `valid_from` and `valid_to`, and asks
`book.rule_on(day)` for the one in force; actions and queries never hold a regulation's figure as
a bare literal.

    ADMISSION_DEADLINES = RuleBook("admission deadlines", [
        AdmissionDeadlines(source="QĐ 294-QĐ/TW (26/5/2025), mục 6.3.1",
                           valid_from=date(2025, 5, 26), valid_to=None, decide_days=60, ...),
    ])
    ADMISSION_DEADLINES.rule_on(day).decide_days
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from itertools import pairwise
from typing import Protocol


class Dated(Protocol):
    @property
    def source(self) -> str: ...
    @property
    def valid_from(self) -> date: ...
    @property
    def valid_to(self) -> date | None: ...


class NoRuleInForce(LookupError):
    """No rule of the book applies on the day asked (and the book does not reach back)."""


def applies_on(rule: Dated, day: date) -> bool:
    """`valid_from` <= day < `valid_to` (an open end is still in force)."""
    return rule.valid_from <= day and (rule.valid_to is None or day < rule.valid_to)


class RuleBook[R: Dated]:
    """The successive versions of one rule, in date order and never overlapping.

    `reach_back`: a day before the first rule is judged by the first one (for data older than
    the first regulation we encode; the rule's `source` says so). Without it such a day raises
    `NoRuleInForce`.
    """

    def __init__(self, name: str, rules: Sequence[R], *, reach_back: bool = True) -> None:
        if not rules:
            raise ValueError(f"rule book {name!r} is empty")
        ordered = sorted(rules, key=lambda r: r.valid_from)
        for rule in ordered:
            if not rule.source.strip():
                raise ValueError(f"rule book {name!r}: a rule without its source")
            if rule.valid_to is not None and rule.valid_to <= rule.valid_from:
                raise ValueError(f"rule book {name!r}: valid_to must come after valid_from")
        for earlier, later in pairwise(ordered):
            if earlier.valid_to is None or earlier.valid_to > later.valid_from:
                raise ValueError(
                    f"rule book {name!r}: {earlier.source!r} overlaps {later.source!r}"
                )
        self.name = name
        self.rules: tuple[R, ...] = tuple(ordered)
        self.reach_back = reach_back

    def rule_on(self, day: date) -> R:
        for rule in reversed(self.rules):
            if applies_on(rule, day):
                return rule
        if self.reach_back and day < self.rules[0].valid_from:
            return self.rules[0]
        raise NoRuleInForce(f"{self.name}: no rule in force on {day.isoformat()}")

    def __iter__(self) -> Iterator[R]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)
