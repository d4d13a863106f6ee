"""Judging a report's figures against its template's validation rules (pure: takes the rules).

A rule whose figures are missing, or whose formula divides by zero for these figures, is not
judged (`ok is None`) and says why; only a judged failure of a blocking rule stops submission.
"""

import operator
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from .formulas import DivisionByZero, MissingFigure, evaluate, parse, rounded

COMPARE = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


@dataclass(frozen=True)
class RuleResult:
    rule: Any
    ok: bool | None
    left: int | float | None
    right: int | float | None
    note: str = ""

    @property
    def blocks(self) -> bool:
        return self.ok is False and bool(self.rule.blocks_submission)


def _side(text: str, values: dict[str, Any]) -> Decimal:
    return evaluate(parse(text), values)


def judge(rules: Iterable[Any], values: dict[str, Any]) -> list[RuleResult]:
    results = []
    for rule in rules:
        try:
            left = _side(rule.left, values)
            right = _side(rule.right, values)
        except MissingFigure as missing:
            results.append(
                RuleResult(rule, None, None, None, _("Chưa có số liệu: %(c)s") % {"c": missing})
            )
            continue
        except DivisionByZero:
            results.append(RuleResult(rule, None, None, None, _("Không tính được: mẫu số bằng 0")))
            continue
        ok = COMPARE[rule.operator](left, right)
        results.append(RuleResult(rule, ok, rounded(left), rounded(right)))
    return results
