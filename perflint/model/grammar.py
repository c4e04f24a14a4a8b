"""The grammar of a report's text, in pyparsing.

Outline markers at four levels (``一、`` / ``（一）`` ``(一)`` / ``1.`` ``1、``
``1．`` / ``（1）`` ``(1)``), inline enumerations (``一是…二是…``, ``- 一是``)
and the title block (unit, year, report type).  The grammar knows nothing of
rules or of the document model: ``model/reader.py`` runs it and builds the model.

Built once per process (``build_grammar`` is cached); the reader runs the
line-level expressions only on lines whose first character can start them,
never ``scan_string`` over a whole document.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import pyparsing as pp

from ..read.regex_cache import compiled

CN_NUMERALS = "一二三四五六七八九十"
ASCII_DIGITS = "0123456789"
WIDE_DIGITS = "０１２３４５６７８９"
DIGITS = ASCII_DIGITS + WIDE_DIGITS
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
#: Characters that may start an outline marker (after blanks, ``#`` or debris).
MARKER_START = set(CN_NUMERALS + DIGITS + CIRCLED + "（(#[第*_")
#: A numeral after one of these is part of a word (统一, 唯一, 之一, 第二…), not
#: an enumeration marker.
WORD_BEFORE_NUMERAL = set("第统唯之单同专万如归合划逐初周期其任某每不再独全整八")
LINE_BLANKS = " \t\u3000"



#: Characters that follow a figure, not a heading number (1.5万元, 2.3亿, 1.2个百分点).
_UNIT_START = "万亿千百元个人次件台户天年月日倍分秒米吨亩所家辆场期篇条名座套公"

_DIGIT_VALUES = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}


def cn_to_int(text: str) -> int:
    """一 → 1, 十二 → 12, 二十三 → 23; ValueError for what is not an ordinal (一一, 十十)."""
    if text and "十" not in text and len(text) == 1 and text in _DIGIT_VALUES:
        return _DIGIT_VALUES[text]
    tens, ten, units = text.partition("十")
    if not ten or "十" in units or len(tens) > 1 or len(units) > 1:
        raise ValueError(f"not a Chinese ordinal: {text!r}")
    if (tens and tens not in _DIGIT_VALUES) or (units and units not in _DIGIT_VALUES):
        raise ValueError(f"not a Chinese ordinal: {text!r}")
    return (_DIGIT_VALUES[tens] if tens else 1) * 10 + (_DIGIT_VALUES[units] if units else 0)


def _ordinal(tokens: pp.ParseResults) -> int:
    try:
        return cn_to_int(tokens[0])
    except ValueError as exc:
        raise pp.ParseException(tokens[0], 0, str(exc)) from None


@dataclass(frozen=True)
class Grammar:
    """The named top-level expressions of the grammar."""

    heading: pp.ParserElement
    enum_marker: pp.ParserElement
    title: pp.ParserElement


#: Marker styles in the order they are tried, each with the pattern of its marker; the
#: ``number`` of each is its ordinal as written.
_MARKERS = (
    # 第一部分 基本情况: the level above 一、 in some provinces' outlines
    ("part", rf"第(?P<n0>[{CN_NUMERALS}]{{1,3}})(?:部分|章)[、：:]?"),
    ("cn-dun", rf"(?P<n1>[{CN_NUMERALS}]{{1,3}})、"),
    ("paren-cn", rf"[（(](?P<n2>[{CN_NUMERALS}]{{1,3}})[）)]"),
    ("paren-arabic", rf"[（(](?P<n3>[{DIGITS}]{{1,3}})[）)]"),
    # "3.5万元" is a number, not a heading: no digit after the dot.
    ("arabic-dot", rf"(?P<n4>[{DIGITS}]{{1,3}})[.．](?![{DIGITS}])"),
    ("arabic-dun", rf"(?P<n5>[{DIGITS}]{{1,3}})、"),
    ("arabic-rparen", rf"(?P<n6>[{DIGITS}]{{1,3}})[）)]"),
    ("circled", rf"(?P<n7>[{CIRCLED}])"),
    # 1.1 项目基本情况, 2.3.1 …: third-party evaluation reports number their outline so; the
    # depth is the style (decimal-2…); with two numbers a Han character that is no unit must
    # follow, blanks aside (1.5万元 and 40.83 万元 are figures)
    ("decimal", rf"(?P<n8>[{DIGITS}]{{1,2}}(?:[.．][{DIGITS}]{{1,2}}){{2,3}}(?![.．]?[{DIGITS}])"
                rf"|[{DIGITS}]{{1,2}}[.．][{DIGITS}]{{1,2}}(?=[ \t\u3000]*(?![{_UNIT_START}])[\u4e00-\u9fff]))"),
    # 1 项目概况: the top of such an outline; the reader keeps it only in a text that has 1.1
    ("decimal-top", rf"(?P<n9>[{DIGITS}]{{1,2}})(?=[ \t\u3000]+[\u4e00-\u9fff])"),
    # 一.基本情况: 一、 written with a dot, as many reports do; read at 一、's level
    ("cn-dot", rf"(?P<n10>[{CN_NUMERALS}]{{1,3}})[.．](?![{DIGITS}])"),
)
_HEADING_PATTERN = (
    # blanks, Markdown hashes or bold (**一、基本情况**, as pandoc writes a bold paragraph), and
    # the bookmark tags Word conversion leaves in front of headings (seed 002 line 8)
    r"[ \t\u3000]*(?:#{1,6}[ \t]*)?(?:\*\*|__)?(?P<debris>\[bookmark[:：][^\]\n]*\])?"
    + "(?P<marker>" + "|".join(pattern for _, pattern in _MARKERS) + ")"
    + r"[ \t\u3000]*(?P<title>.*)"
)


@dataclass(frozen=True, slots=True)
class HeadingParse:
    """An outline marker at the start of a line; offsets are into the line."""

    style: str
    number: int
    marker: tuple[int, int]
    title_at: int
    debris: str
    prefix: str = ""  # a decimal heading's numbers above its own: "2." in 2.3


def _heading_parse(text: str, at: int, tokens: pp.ParseResults) -> HeadingParse:
    match = tokens[0]
    index = next(i for i in range(len(_MARKERS)) if match.group(f"n{i}") is not None)
    style, written = _MARKERS[index][0], match.group(f"n{index}")
    prefix = ""
    if style == "decimal":
        parts = written.replace("．", ".").split(".")
        style, prefix, written = f"decimal-{len(parts)}", ".".join(parts[:-1]).translate(_WIDE) + ".", parts[-1]
    elif style == "decimal-top":
        style = "decimal-1"
    try:
        number = (cn_to_int(written) if index < 3 or style == "cn-dot" else CIRCLED.index(written) + 1 if style == "circled"
                  else int(written.translate(_WIDE)))
    except ValueError as exc:
        raise pp.ParseException(text, at, str(exc)) from None
    return HeadingParse(style, number, match.span("marker"), match.start("title"), match.group("debris") or "", prefix)


_WIDE = str.maketrans(WIDE_DIGITS, ASCII_DIGITS)


def heading_at(line: str) -> HeadingParse | None:
    """``heading.parse_string(line, parse_all=True)``, or None where that raises, without
    pyparsing's per-call set-up: the element's own compiled expression and parse action.
    The reader asks this of every line that may be a heading; tests/test_grammar.py checks
    it gives exactly what parse_string gives."""
    match = build_grammar().heading.re_match(line)
    if match is None or line[match.end():].strip(" \t\r\n"):  # parse_all: only blanks may follow
        return None
    try:
        return _heading_parse(line, 0, [match])  # type: ignore[arg-type]
    except pp.ParseException:
        return None


def regex_element(pattern: str, **options: bool) -> pp.Regex:
    """``pp.Regex(pattern)`` with the pattern compiled through read/regex_cache; pyparsing
    works out whether it may match empty only for a pattern it compiles itself."""
    element = pp.Regex(compiled(pattern), **options)
    element.mayReturnEmpty = element.re.match("") is not None
    return element


@functools.lru_cache(maxsize=256)
def enum_number(marker: str) -> int:
    """The number of an inline enumeration marker (三是 → 3; 0 when it is none), parsed once
    per distinct marker: a report writes the same few hundreds of times."""
    try:
        return int(build_grammar().enum_marker.parse_string(marker)["number"])
    except (pp.ParseException, ValueError):
        return 0


@functools.cache
def build_grammar() -> Grammar:
    cn_number = pp.Word(CN_NUMERALS, max=3).set_parse_action(_ordinal).set_name("cn-number")

    # The whole heading line is one token: a regular expression with a group per marker
    # style, checked and turned into a HeadingParse by a parse action (一一、 is no ordinal).
    # One token, not a sequence of small ones, keeps a line's parse to one match.
    heading = regex_element(_HEADING_PATTERN, as_match=True).set_parse_action(_heading_parse).set_name("heading")
    heading.leave_whitespace()
    heading.parse_with_tabs()

    enum_marker = (
        pp.Opt(regex_element(r"[-－•·][ \t\u3000]*")).suppress()
        + cn_number("number")
        + pp.Literal("是")
    ).set_name("enumeration-marker")
    enum_marker.leave_whitespace()

    year = regex_element(r"(?:19|20)\d{2}")("year") + pp.Opt(pp.White(" \u3000")).suppress() + regex_element("年度?")
    report_type = regex_element(
        r"(?:部门整体支出|部门整体|整体支出|项目支出|专项资金|项目)?"
        r"(?:绩效运行监控|运行监控|绩效监控|绩效自评|绩效评价|自评|绩效)?(?:报告|自评表)$"
    )("report_type")
    title = (
        pp.Opt(pp.SkipTo(year))("before_year")
        + year
        + pp.SkipTo(report_type)("after_year")
        + report_type
    ).set_name("title")
    title.leave_whitespace()
    return Grammar(heading=heading, enum_marker=enum_marker, title=title)
