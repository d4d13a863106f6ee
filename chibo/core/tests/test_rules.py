from dataclasses import dataclass
from datetime import date

import pytest

from chibo.core.rules import NoRuleInForce, RuleBook, applies_on


@dataclass(frozen=True)
class Limit:
    source: str
    valid_from: date
    valid_to: date | None
    days: int


OLD = Limit("QĐ 1 (2020), Điều 1", date(2020, 1, 1), date(2025, 7, 1), 90)
NEW = Limit("QĐ 2 (2025), Điều 3", date(2025, 7, 1), None, 60)


def test_valid_from_inclusive_and_valid_to_exclusive():
    book = RuleBook("limit", [NEW, OLD])
    assert book.rule_on(date(2025, 6, 30)) is OLD
    assert book.rule_on(date(2025, 7, 1)) is NEW
    assert book.rule_on(date(2040, 1, 1)) is NEW
    assert applies_on(OLD, date(2020, 1, 1)) and not applies_on(OLD, date(2025, 7, 1))


def test_reaching_back_or_refusing_before_the_first_rule():
    assert RuleBook("limit", [OLD, NEW]).rule_on(date(2010, 1, 1)) is OLD
    with pytest.raises(NoRuleInForce):
        RuleBook("limit", [OLD, NEW], reach_back=False).rule_on(date(2010, 1, 1))


def test_a_gap_between_rules_is_refused():
    gap = Limit("QĐ 3", date(2026, 1, 1), None, 30)
    book = RuleBook("limit", [OLD, gap])
    with pytest.raises(NoRuleInForce):
        book.rule_on(date(2025, 9, 1))


@pytest.mark.parametrize(
    "rules",
    [
        [OLD, Limit("QĐ 2", date(2025, 1, 1), None, 60)],  # overlap
        [Limit("", date(2020, 1, 1), None, 1)],  # no source
        [Limit("QĐ 4", date(2020, 1, 1), date(2019, 1, 1), 1)],  # ends before it starts
        [],
    ],
)
def test_malformed_books_are_refused(rules):
    with pytest.raises(ValueError):
        RuleBook("limit", rules)
