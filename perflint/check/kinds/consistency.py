"""Consistency: one named quantity, one value, wherever the report states it.

Two money figures with the same name (a project's 资金 given as 46.25 and as
46.00 万元; the same fund's 全年预算数 stated twice) must agree within half a
unit of their last digits.  The name is the subject and label of the figure
(文史工作经费 + 预算数), or, for a figure without a table label, the phrase
before it; a bare generic label (全年预算数) is qualified by its section, so
two different projects' budgets in two sections are not compared.  Parts of a
其中 list and of a 按…分 breakdown are left to the ``sum`` kind.

Options: schemas/kinds/consistency.schema.json
Message data: name, value, first, first_line, unit
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ...model.document import Document
from ...model.facts import Fact, facts, subject
from ...model.textnorm import squash
from ...read.regex_cache import compiled
from ..finding import Hit, Related
from ..saferegex import safe_regex

KIND = "consistency"

#: Times are not subjects: 1-6月执行 and 全年执行 are the same label for different funds.
# a separator is required between the numbers of a range (2021-2023年): "(digits sep?)*" would
# backtrack exponentially on a long run of digits that no 年 follows
_TIME = compiled(r"(?:[0-9０-９]+[-—~至到])*[0-9０-９]*(?:年度?|月份?|日|季度)|全年|本年|上年|当年|年初|年中|年末|截至目前|截至|目前")
_ORDINAL = compiled(r"^(?:[0-9]+[、.．]|[（(][0-9一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+[、是])")


@dataclass(frozen=True)
class Options:
    units: frozenset[str]
    exclude_after: re.Pattern[str]
    min_chars: int


def prepare(options: Mapping[str, Any]) -> Options:
    return Options(
        frozenset(options.get("units", ("万元", "元", "亿元"))),
        safe_regex(options.get("exclude_after", "其中|按[^，。；]{0,8}(?:分类|分|看)")),
        int(options.get("min_chars", 4)),
    )


def check(doc: Document, opts: Options) -> Iterator[Hit]:
    first: dict[str, Fact] = {}
    for fact in facts(doc):
        q = fact.quantity
        if q.unit not in opts.units or q.approx or q.op is not None:
            continue
        key = _key(fact, opts)
        if key is None:
            continue
        earlier = first.get(key)
        if earlier is None:
            first[key] = fact
            continue
        a, b = earlier.quantity.in_units()[0], q.in_units()[0]
        scale = a / earlier.quantity.value if earlier.quantity.value else 1
        if abs(a - b) > (earlier.quantity.rounding + q.rounding) * scale:
            yield Hit(
                fact.span,
                {"name": key.split("|")[-1], "value": q.value, "first": earlier.quantity.value,
                 "first_line": doc.source.position(earlier.span.start)[0], "unit": q.unit},
                (Related(earlier.span, f"{earlier.written_label or earlier.phrase[-8:]} {earlier.quantity.written}"),),
            )


def _key(fact: Fact, opts: Options) -> str | None:
    text = fact.block.folded
    sentence_start = fact.block.item_start(fact.quantity.start, within=500)
    if opts.exclude_after.search(text, sentence_start, fact.quantity.start):
        return None
    if fact.label:
        who = _TIME.sub("", squash(subject(fact)))
        if sum(1 for c in who if "\u4e00" <= c <= "\u9fff") >= 2:
            return f"{who}|{fact.label}"
        return None  # 1-6月执行3.12万元: a label with no subject names nothing in particular
    phrase = squash(_ORDINAL.sub("", fact.phrase)).rstrip("为是达共计：:")
    return phrase if len(phrase) >= opts.min_chars else None
