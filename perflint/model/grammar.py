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
from collections.abc import Callable
from dataclasses import dataclass

import pyparsing as pp

CN_NUMERALS = "一二三四五六七八九十"
ASCII_DIGITS = "0123456789"
WIDE_DIGITS = "０１２３４５６７８９"
DIGITS = ASCII_DIGITS + WIDE_DIGITS
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
#: Characters that may start an outline marker (after blanks, ``#`` or debris).
MARKER_START = set(CN_NUMERALS + DIGITS + CIRCLED + "（(#[第")
#: A numeral after one of these is part of a word (统一, 唯一, 之一, 第二…), not
#: an enumeration marker.
WORD_BEFORE_NUMERAL = set("第统唯之单同专万如归合划逐初周期其任某每不再独全整八")
LINE_BLANKS = " \t\u3000"



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


def _blanks() -> pp.ParserElement:
    return pp.Opt(pp.Word(LINE_BLANKS)).suppress()


def _marker(pattern: str, style: str, number: Callable[[str], int]) -> pp.ParserElement:
    """One marker style: its number converted (a parse failure for 一一), its style named."""

    def action(text: str, at: int, tokens: pp.ParseResults) -> pp.ParseResults:
        try:
            value = number(tokens["number"])
        except ValueError as exc:
            raise pp.ParseException(text, at, str(exc)) from None
        return pp.ParseResults.from_dict({"number": value, "style": style})

    return pp.Regex(pattern).set_parse_action(action).set_name(style)


def _cn(text: str) -> int:
    return cn_to_int(text)


@functools.cache
def build_grammar() -> Grammar:
    cn_number = pp.Word(CN_NUMERALS, max=3).set_parse_action(_ordinal).set_name("cn-number")

    # Each marker style is one token: a regular expression with a ``number`` group,
    # turned into (number, style) by a parse action.  One token per style, not a
    # sequence of small ones, keeps a line's parse to a few steps.
    marker = pp.MatchFirst(
        [
            # 第一部分 基本情况: the level above 一、 in some provinces' outlines
            _marker(rf"第(?P<number>[{CN_NUMERALS}]{{1,3}})(?:部分|章)[、：:]?", "part", _cn),
            _marker(rf"(?P<number>[{CN_NUMERALS}]{{1,3}})、", "cn-dun", _cn),
            _marker(rf"[（(](?P<number>[{CN_NUMERALS}]{{1,3}})[）)]", "paren-cn", _cn),
            _marker(rf"[（(](?P<number>[{DIGITS}]{{1,3}})[）)]", "paren-arabic", int),
            # "3.5万元" is a number, not a heading: no digit after the dot.
            _marker(rf"(?P<number>[{DIGITS}]{{1,3}})[.．](?![{DIGITS}])", "arabic-dot", int),
            _marker(rf"(?P<number>[{DIGITS}]{{1,3}})、", "arabic-dun", int),
            _marker(rf"(?P<number>[{DIGITS}]{{1,3}})[）)]", "arabic-rparen", int),
            _marker(rf"(?P<number>[{CIRCLED}])", "circled", lambda c: CIRCLED.index(c) + 1),
        ]
    ).set_name("outline-marker")
    # Before the marker: blanks, Markdown hashes, and the bookmark tags Word conversion
    # leaves in front of headings (seed 002 line 8).
    lead = pp.Regex(r"[ \t\u3000]*(?:#{1,6}[ \t]*)?").set_name("heading-lead")
    debris = pp.Regex(r"\[bookmark[:：][^\]\n]*\]").set_name("bookmark-debris")
    heading = (
        lead.suppress()
        + pp.Opt(debris)("debris")
        + pp.Located(marker)("marker")
        + pp.Regex(r"[ \t\u3000]*").suppress()
        + pp.Located(pp.Regex(r".*"))("title")
    ).set_name("heading")
    heading.leave_whitespace()
    heading.parse_with_tabs()

    enum_marker = (
        pp.Opt(pp.Regex(r"[-－•·][ \t\u3000]*")).suppress()
        + cn_number("number")
        + pp.Literal("是")
    ).set_name("enumeration-marker")
    enum_marker.leave_whitespace()

    year = pp.Regex(r"(?:19|20)\d{2}")("year") + pp.Opt(pp.White(" \u3000")).suppress() + pp.Regex("年度?")
    report_type = pp.Regex(
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
