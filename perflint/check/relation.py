"""A small, safe relation language over facts, parsed with pyparsing, evaluated on Decimals.

    执行率 = 执行数 / 预算数 × 100
    总额 = sum(分项)
    结余 = 预算数 − 执行数

Names are fact labels from the pack's label table; ``sum(name)`` adds up a
list of facts.  The expression is parsed into a tree and evaluated by walking
it: there is no ``eval``, no attribute access, no call but ``sum``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, DivisionByZero, InvalidOperation

import pyparsing as pp

from ..model.grammar import regex_element

Value = Decimal | Sequence[Decimal]


class RelationError(ValueError):
    pass


@dataclass(frozen=True)
class Node:
    op: str  # "num", "name", "sum", "+", "-", "*", "/"
    args: tuple


@dataclass(frozen=True)
class Relation:
    text: str
    target: str
    expr: Node

    def names(self) -> set[str]:
        return _names(self.expr)

    def evaluate(self, bindings: Mapping[str, Value]) -> Decimal | None:
        """The right-hand side's value, or None when it cannot be computed (÷ 0, a name unbound)."""
        try:
            return _eval(self.expr, bindings)
        except (KeyError, DivisionByZero, InvalidOperation, ZeroDivisionError):
            return None

    def show(self, bindings: Mapping[str, Value]) -> str:
        """The right-hand side with values in place of names: 3980.09 ÷ 3994.12 × 100."""
        return _show(self.expr, bindings, top=True)


_SYMBOLS = {"+": "+", "-": "−", "*": "×", "/": "÷"}


@functools.cache
def _grammar() -> pp.ParserElement:
    name = regex_element(r"[A-Za-z_\u3400-\u9fff][A-Za-z0-9_\u3400-\u9fff]*").set_name("name")
    number = regex_element(r"\d+(?:\.\d+)?").set_name("number")
    expr = pp.Forward().set_name("expression")
    call = pp.Keyword("sum") + pp.Suppress("(") + name + pp.Suppress(")")
    atom = (
        call.copy().set_parse_action(lambda t: Node("sum", (t[1],)))
        | number.copy().set_parse_action(lambda t: Node("num", (Decimal(t[0]),)))
        | name.copy().set_parse_action(lambda t: Node("name", (t[0],)))
        | pp.Suppress("(") + expr + pp.Suppress(")")
    )
    mul = pp.one_of("* × / ÷").set_parse_action(lambda t: {"×": "*", "÷": "/"}.get(t[0], t[0]))
    add = pp.one_of("+ - − －").set_parse_action(lambda t: "+" if t[0] == "+" else "-")
    term = (atom + pp.ZeroOrMore(mul + atom)).set_parse_action(_fold)
    expr <<= (term + pp.ZeroOrMore(add + term)).set_parse_action(_fold)
    return name("target") + pp.Suppress(pp.one_of("= ＝")) + expr("expr") + pp.StringEnd()


def _fold(tokens: pp.ParseResults) -> Node:
    items = list(tokens)
    node = items[0]
    for op, right in zip(items[1::2], items[2::2], strict=True):
        node = Node(op, (node, right))
    return node


#: A relation is a formula of a few terms: anything longer is refused at load, not evaluated.
MAX_RELATION = 300
MAX_TERMS = 40
MAX_DIGITS = 20


@functools.cache
def parse_relation(text: str) -> Relation:
    if len(text) > MAX_RELATION:
        raise RelationError(f"relation longer than {MAX_RELATION} characters")
    terms = len(re.findall(r"[^\s=＝+\-−－*×/÷()]+", text))
    if terms > MAX_TERMS:
        raise RelationError(f"relation of {terms} terms (limit {MAX_TERMS})")
    if any(len(n) > MAX_DIGITS for n in re.findall(r"\d+(?:\.\d+)?", text)):
        raise RelationError(f"a number in the relation is longer than {MAX_DIGITS} digits")
    try:
        result = _grammar().parse_string(text, parse_all=True)
    except pp.ParseException as exc:
        raise RelationError(f"cannot parse relation {text!r} at column {exc.column}: {exc.msg}") from None
    return Relation(text, result["target"], result["expr"][0] if isinstance(result["expr"], pp.ParseResults) else result["expr"])


def _names(node: Node) -> set[str]:
    if node.op in ("name", "sum"):
        return {node.args[0]}
    if node.op == "num":
        return set()
    return _names(node.args[0]) | _names(node.args[1])


def _eval(node: Node, b: Mapping[str, Value]) -> Decimal:
    if node.op == "num":
        return node.args[0]
    if node.op == "name":
        value = b[node.args[0]]
        if not isinstance(value, Decimal):
            raise KeyError(node.args[0])
        return value
    if node.op == "sum":
        values = b[node.args[0]]
        return sum(values, Decimal(0)) if not isinstance(values, Decimal) else values
    left, right = _eval(node.args[0], b), _eval(node.args[1], b)
    if node.op == "+":
        return left + right
    if node.op == "-":
        return left - right
    if node.op == "*":
        return left * right
    if right == 0:
        raise DivisionByZero
    return left / right


def _show(node: Node, b: Mapping[str, Value], top: bool = False) -> str:
    if node.op == "num":
        return str(node.args[0])
    if node.op == "name":
        value = b.get(node.args[0])
        return str(value) if isinstance(value, (Decimal, str)) else node.args[0]  # a str: the figure with its unit
    if node.op == "sum":
        values = b.get(node.args[0])
        return " + ".join(str(v) for v in values) if values is not None and not isinstance(values, Decimal) else node.args[0]
    text = f"{_show(node.args[0], b)} {_SYMBOLS[node.op]} {_show(node.args[1], b)}"
    return text if top or node.op in "*/" else f"({text})"
