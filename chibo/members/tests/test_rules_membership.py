"""The members module's regulation figures are dated rules citing document and article, chosen by
the day of the act (issue 10, finding 9)."""

import ast
from datetime import date
from pathlib import Path

import pytest

from chibo.core.rules import RuleBook
from chibo.members.rules import BADGE_RULES, badge_years_due, next_ceremony_on
from chibo.members.rules.membership import (
    MEMBER_UNITS,
    READMISSION,
    TRANSFER_DEADLINES,
    member_unit_kinds,
)
from chibo.org.models import UnitKind

ACTIONS = Path(__file__).resolve().parent.parent / "actions"


def test_transfer_deadlines_of_qd_294():
    rule = TRANSFER_DEADLINES.rule_on(date(2025, 7, 1))
    assert (rule.start_working_days, rule.report_working_days) == (60, 30)
    assert "QĐ 294-QĐ/TW" in rule.source and "6.3.1" in rule.source
    assert rule.valid_from == date(2025, 7, 1) and rule.valid_to is None


def test_readmission_of_qd_294():
    rule = READMISSION.rule_on(date(2026, 1, 1))
    assert (rule.min_months_out, rule.max_times) == (36, 1)
    assert "QĐ 294-QĐ/TW" in rule.source and "3.5" in rule.source


def test_units_that_hold_members():
    rule = MEMBER_UNITS.rule_on(date(2026, 1, 1))
    assert rule.kinds == {UnitKind.BRANCH, UnitKind.GRASSROOTS_BRANCH}
    assert "Điều lệ Đảng" in rule.source and "Điều 21" in rule.source
    assert member_unit_kinds(date(2026, 1, 1)) == rule.kinds


def test_badge_rule_is_chosen_by_the_ceremony_day():
    rule = BADGE_RULES.rule_on(date(2025, 5, 19))
    assert rule.milestones[0] == 30 and rule.ill_early_months[70] == 24
    assert "01-HD/TW" in rule.source and "mục 18" in rule.source
    assert rule.valid_from == date(2021, 9, 28) and rule.valid_to is None
    # The functions ask the book for the day's rule instead of a default argument.
    assert next_ceremony_on(date(2025, 5, 20)) == date(2025, 9, 2)
    assert badge_years_due(admitted_on=date(1995, 5, 19), ceremony_on=date(2025, 5, 19)) == 30


@pytest.mark.parametrize("book", [MEMBER_UNITS, TRANSFER_DEADLINES, READMISSION, BADGE_RULES])
def test_every_book_is_a_dated_rule_book(book):
    assert isinstance(book, RuleBook)
    for rule in book:
        assert rule.source.strip() and rule.valid_from is not None


def test_the_actions_hold_no_regulation_figure():
    """No number of days, months or years as a bare literal in the members actions that apply
    regulations: each comes from a rule (0 and 1 are arithmetic)."""
    found = []
    for name in ("registry.py", "merging.py"):
        tree = ast.parse((ACTIONS / name).read_text(encoding="utf-8"))
        found += [
            f"{name}:{node.lineno} {node.value}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant)
            and type(node.value) is int
            and node.value not in (0, 1, -1)
        ]
    assert found == []
