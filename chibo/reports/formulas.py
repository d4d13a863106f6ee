"""Arithmetic over indicator codes, for formula indicators and validation rules (pure).

The language is small on purpose: numbers, indicator codes (`members_full`), `+ - * /` and
parentheses. It is parsed by hand (never `eval`), so a formula can only ever compute a number.
A formula is checked when it is written: every code must be an indicator of the template and no
divisor may be a constant zero. A divisor that is zero only for some unit's figures is reported
when evaluated (`DivisionByZero`), never as a crash.
"""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext_lazy as _

from chibo.core.errors import ValidationFailed

MAX_LENGTH = 300
TOKEN = re.compile(r"\s*(?:(\d+(?:[.,]\d+)?)|([a-z_][a-z0-9_]*)|(.))")
CODE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


class DivisionByZero(ArithmeticError):
    """A divisor was zero for the figures given."""


class MissingFigure(LookupError):
    """A code the formula names has no figure (yet)."""


@dataclass(frozen=True)
class Num:
    value: Decimal


@dataclass(frozen=True)
class Name:
    code: str


@dataclass(frozen=True)
class Neg:
    operand: "Node"


@dataclass(frozen=True)
class BinOp:
    op: str
    left: "Node"
    right: "Node"


Node = Num | Name | Neg | BinOp


def _tokens(text: str, field: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for number, name, other in TOKEN.findall(text):
        if number:
            out.append(("num", number.replace(",", ".")))
        elif name:
            out.append(("name", name))
        elif other.strip():
            if other not in "+-*/()":
                raise ValidationFailed(
                    _("Công thức có ký tự không hợp lệ: “%(char)s”."), field=field, char=other
                )
            out.append(("op", other))
    return out


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]], field: str) -> None:
        self.tokens = tokens
        self.i = 0
        self.field = field

    def fail(self) -> ValidationFailed:
        return ValidationFailed(_("Công thức viết chưa đúng."), field=self.field)

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.peek()
        if token is None:
            raise self.fail()
        self.i += 1
        return token

    def expression(self) -> Node:
        node = self.term()
        while (t := self.peek()) and t in (("op", "+"), ("op", "-")):
            self.i += 1
            node = BinOp(t[1], node, self.term())
        return node

    def term(self) -> Node:
        node = self.factor()
        while (t := self.peek()) and t in (("op", "*"), ("op", "/")):
            self.i += 1
            node = BinOp(t[1], node, self.factor())
        return node

    def factor(self) -> Node:
        kind, text = self.take()
        if kind == "num":
            try:
                return Num(Decimal(text))
            except InvalidOperation:  # pragma: no cover - the pattern admits only digits
                raise self.fail() from None
        if kind == "name":
            return Name(text)
        if text == "-":
            return Neg(self.factor())
        if text == "(":
            node = self.expression()
            if self.take() != ("op", ")"):
                raise self.fail()
            return node
        raise self.fail()


def parse(text: str, *, field: str = "formula") -> Node:
    text = (text or "").strip()
    if not text:
        raise ValidationFailed(_("Chưa nhập công thức."), field=field)
    if len(text) > MAX_LENGTH:
        raise ValidationFailed(_("Công thức dài quá %(n)s ký tự."), field=field, n=MAX_LENGTH)
    parser = _Parser(_tokens(text, field), field)
    node = parser.expression()
    if parser.peek() is not None:
        raise parser.fail()
    return node


def names(node: Node) -> set[str]:
    if isinstance(node, Name):
        return {node.code}
    if isinstance(node, Neg):
        return names(node.operand)
    if isinstance(node, BinOp):
        return names(node.left) | names(node.right)
    return set()


def evaluate(node: Node, values: dict[str, object]) -> Decimal:
    """The formula's value; `MissingFigure` for a code without a figure, `DivisionByZero`."""
    if isinstance(node, Num):
        return node.value
    if isinstance(node, Name):
        value = values.get(node.code)
        if value is None or value == "":
            raise MissingFigure(node.code)
        return Decimal(str(value))
    if isinstance(node, Neg):
        return -evaluate(node.operand, values)
    left = evaluate(node.left, values)
    right = evaluate(node.right, values)
    if node.op == "+":
        return left + right
    if node.op == "-":
        return left - right
    if node.op == "*":
        return left * right
    if right == 0:
        raise DivisionByZero
    return left / right


def _constant_zero_divisor(node: Node) -> bool:
    if isinstance(node, Neg):
        return _constant_zero_divisor(node.operand)
    if not isinstance(node, BinOp):
        return False
    if node.op == "/" and not names(node.right):
        try:
            if evaluate(node.right, {}) == 0:
                return True
        except DivisionByZero:
            return True
    return _constant_zero_divisor(node.left) or _constant_zero_divisor(node.right)


def check(text: str, known: set[str], *, field: str = "formula") -> Node:
    """Parse `text` and refuse a code outside `known` or a division by a constant zero."""
    node = parse(text, field=field)
    unknown = sorted(names(node) - known)
    if unknown:
        raise ValidationFailed(
            _("Công thức dùng chỉ tiêu không có trong mẫu: %(codes)s."),
            field=field,
            codes=", ".join(unknown),
        )
    if _constant_zero_divisor(node):
        raise ValidationFailed(_("Công thức chia cho 0."), field=field)
    return node


def rounded(value: Decimal) -> int | float:
    """A figure as shown and stored: whole numbers stay whole, others keep two decimals."""
    if value == value.to_integral_value():
        return int(value)
    return float(round(value, 2))
