"""Obligation: what the figures oblige the text to say.

``check: execution-reason``    an execution rate under ``threshold`` (90%) needs a
                               stated reason: a reason word (原因, 由于…) in its own
                               paragraph, or a problem that names execution
                               (a concept in ``concepts``: 预算执行)
``check: shortfall-problem``   an indicator self-assessed 部分完成 / 未完成, or a grade
                               below 优, needs a reason in its own item or a
                               matching problem
``check: placeholder``         a problems section of 暂无 / 无 alongside an unmet
                               target or an execution rate under the threshold
``check: adjustment``          a form's budget adjusted during the year (年初预算 ≠
                               调整后预算) with no reason in its 原因 cell: blank, or only
                               the form's printed note (``template``: 100字以内…)

Thresholds, reason words and claim words live in the pack.

Options: schemas/kinds/obligation.schema.json
Message data: rate, threshold, claim, indicator, grade
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ...model.document import Block, Document
from ...model.facts import facts
from ...model.items import find_section, section_items
from ...model.terms import EMPTY_TERMS, Terms, match
from ...read.regex_cache import longest_first
from ..finding import Hit, Related
from ..saferegex import safe_regex

KIND = "obligation"


@dataclass(frozen=True)
class Options:
    check: str
    threshold: Decimal
    rate_label: str
    reasons: re.Pattern[str]
    concepts: tuple[str, ...]
    problems: tuple[str, ...]
    shortfall: re.Pattern[str] | None
    low_grades: re.Pattern[str] | None
    template: re.Pattern[str] | None = None


def prepare(options: Mapping[str, Any]) -> Options:
    def alternation(words: list[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=longest_first))

    shortfall = options.get("shortfall_claims")
    grades = options.get("low_grades")
    cue = options.get("claim_cue", "自评")
    return Options(
        check=options["check"],
        threshold=Decimal(str(options.get("threshold", 90))),
        rate_label=options.get("rate_label", "执行率"),
        reasons=safe_regex(options.get("reasons", "原因|由于|因为|主要是|导致|造成|受.{0,12}影响")),
        concepts=tuple(options.get("concepts", ())),
        problems=tuple(options["problems"]),
        shortfall=safe_regex(rf"(?:{cue})[\s\u3000]*(?:为|：|:)?[\s\u3000]*(?:{alternation(shortfall)})") if shortfall else None,
        low_grades=safe_regex(rf"(?:等级|评级|等次)[\s\u3000]*(?:为|是|：|:)?[\s\u3000]*(?:“(?:{alternation(grades)})”|\"(?:{alternation(grades)})\"|(?:{alternation(grades)})(?![\u4e00-\u9fff]))") if grades else None,
        template=safe_regex(options["template"]) if options.get("template") else None,
    )


def check(doc: Document, opts: Options) -> Iterator[Hit]:
    if opts.check == "adjustment":
        yield from _adjustments(doc, opts)
        return
    terms: Terms = doc.cache.get("terms") or EMPTY_TERMS
    section = find_section(doc, opts.problems)
    items = section_items(doc, section) if section is not None else None
    problem_texts = [i.block.folded[i.start:i.end] for i in items.items] if items else []
    low_rates = [f for f in facts(doc) if f.label == opts.rate_label and f.quantity.unit == "%" and not f.quantity.op
                 and f.quantity.value < opts.threshold]
    shortfalls = list(_shortfalls(doc, opts)) if opts.check != "execution-reason" else []
    if opts.check == "execution-reason":
        explained: dict[int, bool] = {}
        for rate in low_rates:
            if id(rate.block) not in explained:
                explained[id(rate.block)] = bool(opts.reasons.search(rate.block.folded))
            if explained[id(rate.block)]:
                continue
            if any(c in opts.concepts for text in problem_texts for c in terms.concepts(text)):
                continue
            yield Hit(rate.span, {"rate": rate.quantity.value, "threshold": opts.threshold})
    elif opts.check == "shortfall-problem":
        for block, start, end, what, is_grade in shortfalls:
            item = block.folded[start:end]
            if opts.reasons.search(item):
                continue
            if is_grade and problem_texts:
                continue  # a grade names no topic: any stated problem accounts for it
            if any(match(terms, item, text).answered or match(terms, text, item).answered for text in problem_texts):
                continue
            yield Hit(block.span(start, end), {"claim": what, "indicator": item[:24]})
    elif opts.check == "placeholder":
        if items is not None and items.placeholder and (low_rates or shortfalls):
            reason = f"{low_rates[0].quantity.value}%" if low_rates else shortfalls[0][3]
            yield Hit(items.section.title_span, {"title": items.section.title, "claim": reason})


def _shortfalls(doc: Document, opts: Options) -> Iterator[tuple[Block, int, int, str, bool]]:
    """(block, item start, item end, claim, is a grade) for every indicator assessed short and every grade below 优."""
    for block in doc.blocks:
        for pattern, is_grade in ((opts.shortfall, False), (opts.low_grades, True)):
            if pattern is None:
                continue
            text = block.folded
            for m in pattern.finditer(text):
                yield block, block.item_start(m.start()), block.item_end(m.end()), block.text[m.start():m.end()], is_grade


def _adjustments(doc: Document, opts: Options) -> Iterator[Hit]:
    """年初预算 238.93 → 调整后预算数 251.89 with only the form's printed note as the reason."""
    from .table import value

    for table in doc.tables:
        if not {"年初预算", "预算数", "原因"} <= table.columns:
            continue  # a form without a reason column leaves the explanation to the report
        for row in table.rows:
            initial, adjusted = value(row.get("年初预算")), value(row.get("预算数"))
            if initial is None or adjusted is None or initial == adjusted:
                continue
            reason = row.get("原因")
            text = reason.folded.strip(" /—-|") if reason is not None else ""
            if text and not (opts.template is not None and opts.template.search(text)):
                break  # the first adjusted row (the total) explains it for its 其中 rows
            cell = row.get("预算数")
            related = (Related(reason.block.span(0, len(reason.block.text)), reason.text[:20]),) if reason is not None and reason.text else ()
            yield Hit(cell.block.span(0, len(cell.block.text)),
                      {"row": row.label, "initial": initial, "adjusted": adjusted, "change": adjusted - initial}, related)
            break  # the 其中 rows share the total's reason cell: one adjustment, one finding
