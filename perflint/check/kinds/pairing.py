"""Pairing: the problems (存在的主要问题) and the measures (下一步改进措施) answer each other.

Items are split whatever their form (see ``model/items.py``); a measure answers
a problem when they share a domain concept from the pack's term table (预算编制,
预算执行, 绩效目标与指标…, with broader/narrower terms) or enough character
bigrams.  Each report of a text that holds several is paired on its own.

``check: unanswered``  a problem no measure answers, reported at the problem,
                       naming the closest measure and why it does not count
                       (seed 004 line 88: 预算执行进度不均衡, while the measures
                       speak of 绩效指标 and 全生命周期绩效管理)
``check: fewer``       fewer measures than problems, when the measures are
                       itemised (one undivided paragraph is judged by coverage)
``check: partial``     a problem answered in part: a topic named in its first
                       clause that no measure takes up (seed 001: 预决算公开)
``check: vague``       a measure that is only a slogan (进一步加强管理，提高认识。)
``check: placeholder`` a section that says only 无 / 暂无 (``section: problems``,
                       the default, or ``measures``), as a heading, a table row
                       (存在问题 | 无) or a flattened field (存在问题暂无)
``check: unstated``    a problems section that names no problem: none of its
                       items has a word of shortfall (``shortfall_words``: 不够,
                       有待, 滞后…), only intentions (保证专款专用，加强规范管理)

Options: schemas/kinds/pairing.schema.json
Message data: problem, measure, measure_line, shared, missing, score, table, title
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ...model.document import Document, Part
from ...model.items import Item, SectionItems, find_section, section_items
from ...model.terms import EMPTY_TERMS, MeasureIndex, Terms, best_matches
from ...model.textnorm import title_key
from ...read.regex_cache import compiled, longest_first
from ..finding import Hit, Related

KIND = "pairing"

_DIGIT = compiled(r"[0-9０-９]")
_ITEM_MARKER = compiled(r"^(?:[-•·]?\s*[一二三四五六七八九十]+是|[（(][一二三四五六七八九十0-9]+[）)]|[0-9]+[.、．])")


@dataclass(frozen=True)
class Options:
    check: str
    problems: tuple[str, ...]
    measures: tuple[str, ...]
    max_chars: int
    slogans: tuple[str, ...]
    section: str
    shortfall: re.Pattern[str] | None


def prepare(options: Mapping[str, Any]) -> Options:
    words = options.get("shortfall_words") or ()
    return Options(
        options["check"],
        tuple(options["problems"]),
        tuple(options["measures"]),
        int(options.get("max_chars", 30)),
        tuple(options.get("slogans", ())),
        options.get("section", "problems"),
        compiled("|".join(re.escape(w) for w in sorted(words, key=longest_first))) if words else None,
    )


def sections(doc: Document, opts: Options, part: Part | None = None) -> tuple[SectionItems | None, SectionItems | None]:
    """The problems and measures sections' items (of one part of the text)."""
    fields = opts.problems + opts.measures
    p = find_section(doc, opts.problems, part, fields)
    m = find_section(doc, opts.measures, part, fields)
    if p is not None and m is not None and (p is m or (p.title_block is not None and p.title_block is m.title_block)):
        m = None
    return (section_items(doc, p) if p else None, section_items(doc, m) if m else None)


def check(doc: Document, opts: Options) -> Iterator[Hit]:
    for part in doc.parts or [None]:
        yield from _check_part(doc, opts, part)


def _check_part(doc: Document, opts: Options, part: Part | None) -> Iterator[Hit]:
    terms: Terms = doc.cache.get("terms") or EMPTY_TERMS
    problems, measures = sections(doc, opts, part)
    if opts.check == "placeholder":
        target = problems if opts.section == "problems" else measures
        if target is not None and target.placeholder:
            yield Hit(_title_span(target), {"title": target.section.title})
        return
    if problems is None:
        return
    if opts.check == "unstated":
        # every section titled as a problems section (a report may have 四、未完成原因… and 七、…问题和建议)
        keys = [title_key(a) for a in opts.problems]
        candidates = [problems] + [section_items(doc, h.block.section) for h in (part.headings if part else doc.headings)
                                   if h.is_title and h.block.section is not problems.section and any(k in h.key for k in keys)]
        for found in candidates:
            if found.items and opts.shortfall is not None and not any(
                    opts.shortfall.search(i.block.folded[i.start:i.end]) for i in found.items):
                yield Hit(found.items[0].span, {"title": found.section.title, "problem": _excerpt(found.items[0].text)})
        return
    if measures is None:
        return
    if opts.check == "vague":
        for item in measures.items:
            if _vague(terms, item, opts):
                yield Hit(item.span, {"measure": _excerpt(item.text)})
        return
    if not problems.items or not measures.items:
        return
    texts = [m.block.folded[m.start:m.end] for m in measures.items]
    # the rules of this kind rank the same problems against the same measures: once per document
    ranking: dict[tuple[str, str], list] = doc.cache.setdefault("pairing-ranking", {})
    joined = "\x00".join(texts)
    indexes: dict[str, MeasureIndex] = doc.cache.setdefault("pairing-index", {})
    table = []
    verdicts = []
    for item in problems.items:
        problem = item.block.folded[item.start:item.end]
        ranked = ranking.get((problem, joined))
        if ranked is None:
            index = indexes.get(joined)
            if index is None:
                index = indexes[joined] = MeasureIndex.build(terms, texts)
            ranked = ranking[problem, joined] = best_matches(terms, problem, texts, index)
        best_index, best = ranked[0]
        answered = [(i, m) for i, m in ranked if m.answered]
        verdicts.append((item, best_index, best, answered))
        table.append({
            "problem": _excerpt(item.text, 20), "measure": measures.items[best_index].label,
            "shared": "、".join(best.shared), "score": best.score,
        })
    if opts.check == "unanswered":
        for item, best_index, best, answered in verdicts:
            if answered:
                continue
            measure = measures.items[best_index]
            yield Hit(item.marker_span, _data(doc, terms, item, measure, best, table), (Related(measure.marker_span, measure.label),))
    elif opts.check == "partial":
        for item, _, _, answered in verdicts:
            if not answered:
                continue
            topics = {c: w for c, w in terms.concepts(_first_clause(item.block.folded[item.start:item.end])).items() if c not in terms.generic}
            covered = {c for _, m in answered for c in m.shared}
            missing = [w for c, w in topics.items() if c not in covered]
            if missing and covered:
                measure = measures.items[answered[0][0]]
                data = _data(doc, terms, item, measure, answered[0][1], table)
                data["missing"] = "、".join(missing)
                yield Hit(item.marker_span, data)
    elif opts.check == "fewer":
        itemised = measures.form in ("headings", "enumeration") or len(measures.items) >= 2
        if itemised and len(measures.items) < len(problems.items):
            yield Hit(_title_span(measures), {"problems": len(problems.items), "measures": len(measures.items), "table": table})


def _title_span(items: SectionItems):  # noqa: ANN202 - Span | None
    section = items.section
    if section.heading is None and section.inline_title and section.title_block is not None:
        block = section.title_block
        at = block.text.find(section.inline_title)
        if at != -1:
            return block.span(at, at + len(section.inline_title))
    return section.title_span


def _data(doc: Document, terms: Terms, item: Item, measure: Item, best, table) -> dict[str, Any]:  # noqa: ANN001
    problem_topics = [w for c, w in terms.concepts(item.block.folded[item.start:item.end]).items()]
    measure_topics = [w for c, w in terms.concepts(measure.block.folded[measure.start:measure.end]).items()]
    return {
        "problem": _excerpt(item.text),
        "measure": _excerpt(measure.text),
        "measure_label": measure.label,
        "measure_line": doc.source.position(measure.span.start)[0],
        "topics": "、".join(problem_topics) or "（无词表主题）",
        "measure_topics": "、".join(measure_topics) or "（无词表主题）",
        "shared": "、".join(best.shared) or "无",
        "missing": "、".join(best.missing),
        "score": best.score,
        "table": table,
    }


def _first_clause(text: str) -> str:
    cut = min((i for i in (text.find("，"), text.find("。"), text.find("；"), text.find(",")) if i != -1), default=len(text))
    return text[:cut]


def _vague(terms: Terms, item: Item, opts: Options) -> bool:
    text = item.block.folded[item.start:item.end].strip()
    body = _ITEM_MARKER.sub("", text)
    if len(body) > opts.max_chars or _DIGIT.search(body):
        return False
    # a concept named only by a slogan word (提高认识) is no concrete object
    specific = [c for c, word in terms.concepts(body).items() if c not in terms.generic and word not in opts.slogans]
    return not specific and any(s in body for s in opts.slogans)


def _excerpt(text: str, limit: int = 24) -> str:
    text = text.strip().lstrip("-－•· ")
    return text if len(text) <= limit else text[:limit] + "…"
