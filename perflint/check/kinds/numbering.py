"""Numbering: ordinals of outline headings and inline enumerations run 1, 2, 3…

The reader assigns every heading to its numbered list and every 一是/2./③ to
its enumeration, noting where an ordinal repeats, skips or goes backwards;
this kind reports what the rule's ``check`` selects:

``duplicate``   the same ordinal twice (seed 004 （三） at lines 65 and 79;
                seed 001 line 45 三是 twice; 1.…4.…4.… in one paragraph)
``gap``         an ordinal skipped (（一） then （三））, or a list that does not
                start at one — reported where the missing item seems to be
                when an unnumbered short line stands there (资金投入情况分析。
                before （二）); not when the first item is there but glued to
                the line before it (报告1一、…), garbled (。ㄒ唬…), or before the
                start of a text that begins mid-report
``order``       an ordinal lower than the one before it (a wrong restart)
``mixed-style`` one level written in two styles (seed 002: 1、基本情况 then
                二、 三、; （一） then （2））; the minority style is reported
``lost``        a heading whose ordinal was lost (、项目绩效情况 for 三、)

A form is not an outline, and table cells are not paragraphs: their ordinals
number cells and options (1、部门预算项目 2、财政专项…) and restart freely.  An
inline list of 1./①/1、 within a paragraph is judged from its second item on:
its first may continue a list begun in an earlier cell or line.

Options: schemas/kinds/numbering.schema.json
Message data: ordinal, expected, line_before, style, majority, near, near_line
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ...model.document import Document, Heading, NumberedList, Part
from ...read.regex_cache import compiled
from ..finding import Hit, Related

KIND = "numbering"

_CN = "零一二三四五六七八九"
# a paragraph cannot begin with these: its opening (an ordinal among them) was lost or garbled
_BROKEN_START = compiled(r"^[\s\u3000]*[。，、；：,;:]")


@dataclass(frozen=True)
class Options:
    check: str
    headings: bool
    enumerations: bool


def prepare(options: Mapping[str, Any]) -> Options:
    scope = options.get("scope", ["headings", "enumerations"])
    return Options(options["check"], "headings" in scope, "enumerations" in scope)


def check(doc: Document, opts: Options) -> Iterator[Hit]:
    if opts.check == "mixed-style":
        if opts.headings:
            for part in doc.parts:
                if part.shape != "form":
                    for lst in part.lists:
                        yield from _mixed(doc, lst)
        return
    source = doc.source
    if opts.headings:
        for part in doc.parts:
            if part.shape == "form":
                continue
            for lst in part.lists:
                for i, h in enumerate(lst.items):
                    if h.anomaly != opts.check:
                        continue
                    before = lst.items[i - 1] if i else None
                    if h.anomaly == "gap" and before is None and _first_is_elsewhere(doc, part, h):
                        continue
                    related = (Related(before.marker, before.ordinal),) if before else ()
                    data = {
                        "ordinal": h.ordinal.strip(),
                        "expected": render(h.style if h.style != "lost" else _style_of(lst), h.expected or 1, h.prefix),
                        "line_before": source.position(before.marker.start)[0] if before else "",
                        "near": "", "near_line": "", "near_zh": "", "near_en": "",
                    }
                    span = h.marker
                    if h.anomaly == "gap" and h.near is not None:
                        near = h.near
                        data["near"] = _excerpt(near.text)
                        data["near_line"] = line = source.position(near.start)[0]
                        data["near_zh"] = f"；第 {line} 行“{data['near']}”似为缺了序号的“{data['expected']}”"
                        data["near_en"] = f"; line {line}, '{data['near']}', looks like the '{data['expected']}' that lost its ordinal"
                        related = (Related(h.marker, h.ordinal.strip()),)
                        span = near.span(0, len(near.text))
                    yield Hit(span, data, related)
    if opts.enumerations:
        for enum in doc.enumerations:
            for i, item in enumerate(enum.items):
                if item.anomaly != opts.check or item.block.cell or (item.block.part is not None and item.block.part.shape == "form"):
                    continue
                if i == 0 and enum.style != "enum":
                    continue
                before = enum.items[i - 1] if i else None
                related = (Related(before.marker_span, render(enum.style, before.number)),) if before else ()
                yield Hit(
                    item.marker_span,
                    {
                        "ordinal": render(enum.style, item.number),
                        "expected": render(enum.style, item.expected or 1),
                        "line_before": source.position(before.marker_span.start)[0] if before else "",
                        "near": "", "near_line": "", "near_zh": "", "near_en": "",
                    },
                    related,
                )


def _first_is_elsewhere(doc: Document, part: Part, h: Heading) -> bool:
    """A list that starts at （二） is no gap when its first item is in the text after all:
    glued to the end of the line before (报告1一、项目支出…), or garbled at the start of a
    paragraph (。ㄒ唬…); nor is one at the top of a text that begins mid-report."""
    if h.level == 1 and part.cut_start:
        return True
    parent = h.block.section.parent if h.block.section is not None else None
    blocks = part.blocks_between(None if parent is None or parent.heading is None else parent.heading.block.start, h.block.start)
    if part.title.block is not None and (parent is None or parent.heading is None):
        blocks.insert(0, part.title.block)  # 績效運行監控報告1一、項目支出…: the first item glued to the title
    first = render(h.style, 1, h.prefix)
    plain = first.strip("（）()")
    for b in blocks:
        if _BROKEN_START.match(b.folded):
            return True
        text = b.folded
        if first in text or (h.style in ("cn-dun", "arabic-dun") and f"{plain}、" in text[1:]):
            return True
    return False


def _style_of(lst: NumberedList) -> str:
    styles = [h.style for h in lst.items if h.style != "lost"]
    return Counter(styles).most_common(1)[0][0] if styles else "cn-dun"


def _mixed(doc: Document, lst: NumberedList) -> Iterator[Hit]:
    counts = Counter(h.style for h in lst.items if h.style != "lost")
    if len(counts) < 2:
        return
    first = lst.items[0].style
    # the majority style wins; on a tie, the style the list started with
    majority = max(counts, key=lambda s: (counts[s], s == first))
    model = next(h for h in lst.items if h.style == majority)
    for h in lst.items:
        if h.style != majority and h.style != "lost":
            yield Hit(
                h.marker,
                {
                    "ordinal": h.ordinal.strip(),
                    "style": h.style,
                    "majority": majority,
                    "expected": render(majority, h.number),
                },
                (Related(model.marker, model.ordinal),),
            )


def render(style: str, number: int, prefix: str = "") -> str:
    """An ordinal in a style: render("paren-cn", 4) == "（四）"; a decimal one under its
    parent's numbers: render("decimal-2", 2, "2.") == "2.2"."""
    if style.startswith("decimal-"):
        return f"{prefix}{number}"
    cn = _cn(number)
    return {
        "part": f"第{cn}部分",
        "cn-dun": f"{cn}、",
        "cn-dot": f"{cn}.",
        "paren-cn": f"（{cn}）",
        "arabic-dot": f"{number}.",
        "arabic-dun": f"{number}、",
        "paren-arabic": f"（{number}）",
        "arabic-rparen": f"{number}）",
        "circled": chr(0x2460 + number - 1) if 1 <= number <= 20 else str(number),
        "enum": f"{cn}是",
    }.get(style, str(number))


def _cn(number: int) -> str:
    """一 … 九十九 for ordinals; larger ones (an ordinal in the hundreds is a misread number) in digits."""
    if number < 10:
        return _CN[number]
    if number >= 100:
        return str(number)
    tens, units = divmod(number, 10)
    return ("" if tens == 1 else _CN[tens]) + "十" + (_CN[units] if units else "")


def _excerpt(text: str, limit: int = 16) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[:limit] + "…"
