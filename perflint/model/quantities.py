"""Quantities as written in these reports, in pyparsing: value, unit, operator, approximation.

``3,970.64 万元``, ``3，970.64 万元``, ``3970.64万元``, ``１２期``, ``十二项``, ``82.1%``, ``\\geq 200期``,
``近200余篇``, ``85%以上``.  Values are ``Decimal`` and keep the precision as
written (``places``), which decides the rounding tolerance of every check.

The grammar runs only at candidate positions (the start of a digit run, or a
Chinese numeral followed by a count unit) found by a cheap scan, never as a
``scan_string`` over a whole paragraph.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import Any

import pyparsing as pp

from ..read.regex_cache import compiled, longest_first
from .grammar import cn_to_int, regex_element

WIDE = str.maketrans("０１２３４５６７８９．", "0123456789.")

#: Units, longest first so 人次 wins over 人 and 万元 over 万.
UNITS = (
    "平方米", "万人次", "人次", "场次", "篇次", "个月", "小时", "公里", "百分点",
    "万元", "亿元", "百分比", "个", "家", "期", "篇", "场", "项", "件", "份", "次", "条", "人", "名", "位",
    "元", "%", "％", "分", "张", "册", "种", "款", "集", "天", "月", "年", "台", "套", "辆", "所",
    "户", "本", "部", "首", "幅", "版", "字", "处", "座", "批", "届", "轮", "支", "组", "块", "株", "亩",
)
#: Units that count things: a Chinese numeral before one of these is a quantity (十二项).
COUNT_UNITS = frozenset("个家期篇场项件份次条人名位张册种款集台套辆所户本部首幅版处座批届轮支组块株") | {"人次", "场次", "篇次"}
#: Operators of indicator targets written before the number; 超过 is strict (民法典 第1259条).
PREFIX_OPERATORS = (
    ("不低于", "≥"), ("不少于", "≥"), ("不小于", "≥"), ("达到", "≥"), ("\\geq", "≥"), ("\\ge", "≥"),
    ("不超过", "≤"), ("不高于", "≤"), ("不大于", "≤"), ("\\leq", "≤"), ("\\le", "≤"), ("控制在", "≤"),
    ("大于", ">"), ("高于", ">"), ("多于", ">"), ("超过", ">"),
    ("小于", "<"), ("低于", "<"), ("少于", "<"),
    ("≥", "≥"), ("≤", "≤"), ("＞", ">"), ("＜", "<"), (">", ">"), ("<", "<"), ("=", "="), ("＝", "="),
)
SUFFIX_OPERATORS = (("以上", "≥"), ("以下", "≤"), ("以内", "≤"))
#: Of those, the words that state a value reached (执行率达到98%): a figure, not a bound.
REACHED = ("达到",)
PREFIX_APPROX = ("将近", "大约", "约", "近", "超过", "超", "逾", "多达")
SUFFIX_APPROX = ("余", "多", "左右", "上下")

_CN_NUMERAL = "一二三四五六七八九十百千两"
_COUNT_UNIT = "(?:" + "|".join(sorted(COUNT_UNITS, key=longest_first)) + ")"
#: Where a number starts: a digit not inside a figure or a word, or a Chinese numeral before a
#: counting unit (十二项).  Written as one class first and the context after it (the lookbehind
#: covers the character before and the one matched), so the engine skips from candidate
#: character to candidate character instead of trying both branches at every position;
#: tests/test_grammar.py checks it finds what the two-branch form finds.
_CANDIDATE = compiled(
    r"[0-9０-９一二三四五六七八九十两]"
    r"(?:(?<![0-9０-９.．,A-Za-z_][0-9０-９])(?<=[0-9０-９])"
    r"|(?<![一二三四五六七八九十百千两第][一二三四五六七八九十两])(?<=[一二三四五六七八九十两])[一二三四五六七八九十百千]*"
    r"(?=(?:余|多)?" + _COUNT_UNIT + "))"
)
_CANDIDATE_AS_WRITTEN = (  # the plain two-branch form, for the test
    r"(?<![0-9０-９.．,A-Za-z_])[0-9０-９]"
    r"|(?<![一二三四五六七八九十百千两第])[一二三四五六七八九十两][一二三四五六七八九十百千]*"
    r"(?=(?:余|多)?" + _COUNT_UNIT + ")"
)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number as written, with what surrounds it; offsets are into the text it was found in."""

    value: Decimal
    places: int  # decimal places as written: 82.1% → 1
    unit: str  # normalised: ％ → %, 万元 stays 万元
    start: int  # the number (or its operator/approximation word) starts here
    end: int  # after the unit and suffix
    number_start: int
    op: str | None = None  # ≥ ≤ > < = for targets
    approx: bool = False
    written: str = ""

    def but(self, unit: str, written: str) -> Quantity:
        """The same figure with another unit and wording (``dataclasses.replace`` costs ten times more)."""
        return Quantity(self.value, self.places, unit, self.start, self.end, self.number_start, self.op, self.approx, written)

    @property
    def bound(self) -> bool:
        """A target or a limit (≥98%, 不低于90%, 95%以上), not a value stated as reached."""
        return self.op is not None and not self.written.startswith(REACHED)

    @property
    def half_unit(self) -> Decimal:
        """Half a unit of the last written digit: the rounding tolerance of this figure."""
        return Decimal(5).scaleb(-(self.places + 1))

    @property
    def rounding(self) -> Decimal:
        """What rounding may have hidden in a figure used as an operand: none in a whole
        number (11人, 5万元), half a unit of the last digit in a decimal (3,432.3)."""
        return self.half_unit if self.places else Decimal(0)

    def in_units(self) -> tuple[Decimal, str]:
        """(value, base unit) with 万/亿 folded in, for comparing 万元 with 元."""
        if self.unit == "万元":
            return self.value * 10000, "元"
        if self.unit == "亿元":
            return self.value * 100000000, "元"
        if self.unit == "万人次":
            return self.value * 10000, "人次"
        return self.value, self.unit


#: Figures beyond these are not amounts a report states (a misread run of digits, 0.000…1): not quantities.
MAX_INTEGER_DIGITS = 15
MAX_PLACES = 8
_WIDE_CONTEXT = Context(prec=80, Emax=10_000, Emin=-10_000)


def round_half_up(value: Decimal, places: int = 2) -> Decimal:
    """四舍五入 at ``places`` decimals, in a context wide enough for any figure perflint reads."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP, context=_WIDE_CONTEXT)


def _alternation(words) -> str:  # noqa: ANN001
    return "|".join(re.escape(w) for w in sorted(words, key=longest_first))


_GROUPING = compiled("[,， \u00a0\u2009\u202f]")


@functools.cache
def _core() -> pp.ParserElement:
    """number, blanks, 余/多, 万/亿, unit, 以上/余…: one pyparsing Regex element with named
    groups, so a candidate costs one match rather than a walk over many small elements."""
    # thousands grouped by commas (3,970.64); by full-width ones (3，970.64, typed in full-width
    # mode) only where a decimal part follows: 3，970 may be two figures of a list; by a blank
    # (3 663.27万元, as PDFs and typeset reports print them) only where a decimal part and an
    # amount's unit follow and no figure stands just before: a form's row flattened into
    # blanks (… 251.89 10 100.00 …) holds figures side by side
    digit = "[0-9０-９]"
    number = (rf"(?P<number>{digit}{{1,3}}(?:,{digit}{{3}})+(?:[.．]{digit}+)?|{digit}{{1,3}}(?:，{digit}{{3}})+[.．]{digit}+"
              rf"|(?<![0-9０-９.．%％][ \t\u3000\u00a0]){digit}{{1,3}}(?:[ \u00a0\u2009\u202f]{digit}{{3}})+[.．]{digit}+(?=[ \u3000]*(?:万元|亿元|元|萬元|億元))"
              rf"|{digit}+(?:[.．]{digit}+)?)")
    cn_number = rf"(?P<cn_number>[{_CN_NUMERAL}]+)"
    blanks = r"[ \u3000]*"
    middle = r"(?P<middle>余|多)?"
    # 万 before another unit multiplies it (1万户); 万 alone is kept as the unit 万, which
    # facts.py reads as 万元 where the clause is about money (资金60万)
    magnitude = r"(?P<magnitude>千(?!克|米|瓦)|[万亿](?!元|人次)(?=[\u4e00-\u9fff]))?"
    unit = rf"(?P<unit>{_alternation((*UNITS, '万', '亿'))})?"
    suffixes = [w for w, _ in SUFFIX_OPERATORS] + list(SUFFIX_APPROX)
    suffix = rf"(?P<suffix>{_alternation(suffixes)})?"
    # as_match: the token is the match object itself, its groups read directly, with no
    # named results built for every candidate
    quantity = regex_element(f"(?:{number}|{cn_number}){blanks}{middle}{magnitude}{unit}{suffix}", as_match=True).set_name("quantity")
    quantity.leave_whitespace()
    return quantity


def _match_core(text: str, pos: int) -> Any:
    """The quantity element's match at ``pos``, looking at most 40 characters ahead: what
    ``_core().parse_string(text[pos:pos + 40])`` matches (tabs expanded as pyparsing
    expands them), without pyparsing's per-call set-up, which cost more than the match."""
    window = text[pos : pos + 40]
    if "\t" in window:
        window = window.expandtabs()
        return _core().re_match(window)
    return _core().re_match(text, pos, pos + 40)


def parse_at(text: str, pos: int) -> Quantity | None:
    """The quantity whose number starts at ``pos``, or None (20xx年 is a placeholder, not 20)."""
    match = _match_core(text, pos)
    if match is None:
        return None
    number, cn_number, middle, magnitude, unit, suffix = match.group("number", "cn_number", "middle", "magnitude", "unit", "suffix")
    end = pos + match.end() - match.start()
    if text[end : end + 1] in ("x", "X", "×", "ｘ", "Ｘ"):
        return None
    unit = unit or ""
    if cn_number:
        if unit not in COUNT_UNITS:
            return None
        try:
            value = Decimal(_cn_count(cn_number))
        except (KeyError, ValueError):
            return None
        places = 0
    else:
        plain = _GROUPING.sub("", number.translate(WIDE)) if not number.isascii() or "," in number or " " in number else number
        whole, _, fraction = plain.partition(".")
        if len(whole.lstrip("0")) > MAX_INTEGER_DIGITS or len(fraction) > MAX_PLACES:
            return None
        value = Decimal(plain)
        places = len(fraction)
    if magnitude:
        value *= _MAGNITUDES[magnitude]
    unit = "%" if unit in ("％", "百分比") else unit
    op, approx, start = _prefix(text, pos)
    if suffix:
        if suffix in _SUFFIX_OPS:
            op = op or _SUFFIX_OPS[suffix]
        else:
            approx = True
    if middle:
        approx = True
    return Quantity(value, places, unit, start, end, pos, op, approx, text[start:end])


_MAGNITUDES = {"万": 10000, "亿": 100000000, "千": 1000}
_SUFFIX_OPS = dict(SUFFIX_OPERATORS)


def _cn_count(text: str) -> int:
    if set(text) <= set("一二三四五六七八九十两") and len(text) <= 3:
        return cn_to_int(text.replace("两", "二"))
    total, section, digit = 0, 0, 0
    values = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2}
    for ch in text:
        if ch in values:
            digit = values[ch]
        else:
            scale = {"十": 10, "百": 100, "千": 1000}[ch]
            section += (digit or 1) * scale
            digit = 0
    total += section + digit
    return total


_PREFIX_ENDS = frozenset(w[-1] for w in PREFIX_APPROX) | frozenset(w[-1] for w, _ in PREFIX_OPERATORS)


def _prefix(text: str, pos: int) -> tuple[str | None, bool, int]:
    """Operator and approximation words written just before the number."""
    i = pos
    while i > 0 and text[i - 1] in " \u3000":
        i -= 1
    if i == 0 or text[i - 1] not in _PREFIX_ENDS:
        return None, False, pos
    op, approx = None, False
    before = text[max(0, i - 6) : i]
    for word in PREFIX_APPROX:
        if before.endswith(word):
            approx = True
            i -= len(word)
            before = text[max(0, i - 6) : i]
            break
    for word, symbol in PREFIX_OPERATORS:
        if before.rstrip(" \u3000").endswith(word):
            stripped = len(before) - len(before.rstrip(" \u3000"))
            op = symbol
            i -= len(word) + stripped
            break
    if op is None and not approx:
        return None, False, pos
    return op, approx, i


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in a paragraph, in order."""
    found: list[Quantity] = []
    last_end = -1
    for m in _CANDIDATE.finditer(text):
        pos = m.start()
        if pos < last_end:
            continue
        q = parse_at(text, pos)
        if q is None:
            continue
        found.append(q)
        last_end = q.end
    return found
