"""Numbering: ordinals of outline headings and inline enumerations run 1, 2, 3…

The reader assigns every heading to its numbered list and every 一是/二是 to
its enumeration, noting where an ordinal repeats, skips or goes backwards;
this kind reports what the rule's ``check`` selects:

``duplicate``   the same ordinal twice (seed 004 （三） at lines 65 and 79;
                seed 001 line 45 三是 twice)
``gap``         an ordinal skipped (（一） then （三）), or a list that does not
                start at one
``order``       an ordinal lower than the one before it (a wrong restart)
``mixed-style`` one level written in two styles (seed 002: 1、基本情况 then
                二、 三、; （一） then （2）); the minority style is reported

Options: schemas/kinds/numbering.schema.json
Message data: ordinal, expected, line_before, style, majority
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ...model.document import Document, NumberedList
from ..finding import Hit, Related

KIND = "numbering"

_CN = "零一二三四五六七八九"


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
            for lst in doc.lists:
                yield from _mixed(doc, lst)
        return
    source = doc.source
    if opts.headings:
        for lst in doc.lists:
            for i, h in enumerate(lst.items):
                if h.anomaly != opts.check:
                    continue
                before = lst.items[i - 1] if i else None
                related = (Related(before.marker, before.ordinal),) if before else ()
                yield Hit(
                    h.marker,
                    {
                        "ordinal": h.ordinal,
                        "expected": render(h.style, h.expected or 1),
                        "line_before": source.position(before.marker.start)[0] if before else "",
                    },
                    related,
                )
    if opts.enumerations:
        for enum in doc.enumerations:
            for i, item in enumerate(enum.items):
                if item.anomaly != opts.check:
                    continue
                before = enum.items[i - 1] if i else None
                related = (Related(before.marker_span, render("enum", before.number)),) if before else ()
                yield Hit(
                    item.marker_span,
                    {
                        "ordinal": render("enum", item.number),
                        "expected": render("enum", item.expected or 1),
                        "line_before": source.position(before.marker_span.start)[0] if before else "",
                    },
                    related,
                )


def _mixed(doc: Document, lst: NumberedList) -> Iterator[Hit]:
    counts = Counter(h.style for h in lst.items)
    if len(counts) < 2:
        return
    first = lst.items[0].style
    # the majority style wins; on a tie, the style the list started with
    majority = max(counts, key=lambda s: (counts[s], s == first))
    model = next(h for h in lst.items if h.style == majority)
    for h in lst.items:
        if h.style != majority:
            yield Hit(
                h.marker,
                {
                    "ordinal": h.ordinal,
                    "style": h.style,
                    "majority": majority,
                    "expected": render(majority, h.number),
                },
                (Related(model.marker, model.ordinal),),
            )


def render(style: str, number: int) -> str:
    """An ordinal in a style: render("paren-cn", 4) == "（四）"."""
    cn = _cn(number)
    return {
        "part": f"第{cn}部分",
        "cn-dun": f"{cn}、",
        "paren-cn": f"（{cn}）",
        "arabic-dot": f"{number}.",
        "arabic-dun": f"{number}、",
        "paren-arabic": f"（{number}）",
        "arabic-rparen": f"{number}）",
        "circled": chr(0x2460 + number - 1) if 1 <= number <= 20 else str(number),
        "enum": f"{cn}是",
    }.get(style, str(number))


def _cn(number: int) -> str:
    if number < 10:
        return _CN[number]
    tens, units = divmod(number, 10)
    return ("" if tens == 1 else _CN[tens]) + "十" + (_CN[units] if units else "")
