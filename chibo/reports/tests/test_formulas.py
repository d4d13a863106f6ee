from decimal import Decimal

import pytest

from chibo.core.errors import ValidationFailed

from .. import formulas


def test_precedence_and_parentheses():
    node = formulas.parse("a + b * 2 - (c - 1) / 2")
    assert formulas.evaluate(node, {"a": 1, "b": 3, "c": 5}) == Decimal(5)


def test_unknown_indicator_is_refused_with_its_code():
    with pytest.raises(ValidationFailed) as exc:
        formulas.check("admitted / candidatez", {"admitted", "candidates"})
    assert "candidatez" in exc.value.text()
    assert "không có trong mẫu" in exc.value.text()


@pytest.mark.parametrize("text", ["a / 0", "a / (2 - 2)", "a / (1 / 0)", "-(a / 0.0)"])
def test_division_by_a_constant_zero_is_refused(text):
    with pytest.raises(ValidationFailed) as exc:
        formulas.check(text, {"a"})
    assert "chia cho 0" in exc.value.text()


def test_division_by_a_figure_that_is_zero_is_reported_when_evaluated():
    node = formulas.check("a / b", {"a", "b"})
    with pytest.raises(formulas.DivisionByZero):
        formulas.evaluate(node, {"a": 1, "b": 0})
    with pytest.raises(formulas.MissingFigure):
        formulas.evaluate(node, {"a": 1})


@pytest.mark.parametrize("text", ["", "a +", "(a", "a b", "a ** 2", "__import__('os')", "a; b"])
def test_malformed_formulas_are_refused(text):
    with pytest.raises(ValidationFailed):
        formulas.check(text, {"a", "b"})


def test_rounded_keeps_whole_numbers_whole():
    assert formulas.rounded(Decimal("4.000")) == 4
    assert formulas.rounded(Decimal(2) / Decimal(3)) == 0.67
