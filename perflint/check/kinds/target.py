"""Target: an indicator's actual against its target and operator, and the completion claim.

``check: claim``   in one indicator item (up to ；), a target, a self-assessed
                   claim (自评已完成 / 自评已部分完成 / 未完成) and an actual in the same
                   unit must agree: "联络服务 6 个行业文联，自评已部分完成 5 个" is
                   consistent; "自评已完成 5 个" against 6 is not, nor is a claim of
                   partial completion for an actual that meets its target
``check: full``    a claim of completeness (已全部拨付, 足额到位, 下达完毕) against a rate
                   under 100% stated for the same action in the same or the next two
                   paragraphs, not past a heading of a higher level (1、资金到位情况：
                   已全部拨付 … 2、资金执行情况：已完成拨付2113.63万元，执行率97%)
``check: rows``    in a form, an indicator scored full (得分 = 分值) whose 完成值 misses its
                   指标值 (with the row's 指标性质 ≥ ≤ =, or a qualitative 未达成/部分达成),
                   and (``reason: true``) one scored below its 分值 with a blank 偏差原因
``check: actual``  a target with an operator (舆情日报数量 ≥ 200期, 满意度85%以上)
                   against actuals stated after it in the report whose wording shares a
                   term of at least ``min_shared`` characters with the indicator name, or
                   that follow in the target's own item worded as an actual
                   (``actual_cues``: 不少于200期，实际完成132期); reported only when every
                   such actual misses and the report does not itself admit it
                   (``admissions``: 未达到, 未完成… in the actual's sentence).  A figure
                   that states a case of a scoring rule (``rule_cases``: ≥90%的得满分) is
                   neither a target nor an actual

Operators: ≥ 不低于 不少于 达到 以上 / ≤ 不超过 不高于 以内 以下 / > < =; a target
written without one counts as ≥.

Options: schemas/kinds/target.schema.json
Message data: indicator, target, op, actual, unit, claim
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ...model.document import Document
from ...model.facts import Fact, facts, in_block
from ...read.regex_cache import compiled, longest_first
from ..finding import Hit, Related
from ..saferegex import safe_regex

KIND = "target"

_ORDINAL = compiled(r"^(?:[0-9]+[、.．]|[（(][0-9一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+[、是])")
_SKIP_UNITS = {"年", "月", "天", ""}
COMPATIBLE = {"篇次": "篇", "场次": "场", "人次": "人次", "％": "%"}


@dataclass(frozen=True)
class Options:
    check: str
    claim: re.Pattern[str] | None
    levels: Mapping[str, str]
    min_shared: int
    admissions: re.Pattern[str] | None
    full: re.Pattern[str] | None = None
    reason: bool = False
    unmet_words: tuple[str, ...] = ()
    actual_cues: re.Pattern[str] | None = None  # the wording of an actual stated right after its target
    rule_cases: re.Pattern[str] | None = None  # what follows a figure in a scoring rule (≥90%的得满分)


def prepare(options: Mapping[str, Any]) -> Options:
    levels = {word: level for level, words in options.get("claims", {}).items() for word in words}
    claim = None
    if levels:
        words = "|".join(re.escape(w) for w in sorted(levels, key=longest_first))
        cue = options.get("cue", "自评")
        claim = safe_regex(rf"(?:{cue})[\s\u3000]*(?:为|：|:)?[\s\u3000]*(?P<claim>{words})")
    admissions = options.get("admissions")
    full = options.get("full_claims")
    cues, cases = options.get("actual_cues"), options.get("rule_cases")
    return Options(options["check"], claim, levels, int(options.get("min_shared", 3)),
                   safe_regex(admissions) if admissions else None, safe_regex(full) if full else None,
                   bool(options.get("reason", False)), tuple(options.get("unmet_words", ())),
                   safe_regex(cues) if cues else None, safe_regex(cases) if cases else None)


def meets(actual: Decimal, op: str | None, target: Decimal) -> bool:
    return {
        None: actual >= target, "≥": actual >= target, ">": actual > target,
        "≤": actual <= target, "<": actual < target, "=": actual == target,
    }[op]


def _sentence(fact: Fact) -> str:
    block = fact.block
    return block.folded[block.item_start(fact.quantity.start) : block.item_end(fact.quantity.end)]


def _unit(fact: Fact) -> str:
    value_unit = fact.quantity.in_units()[1]
    return COMPATIBLE.get(value_unit, value_unit)


def check(doc: Document, opts: Options) -> Iterator[Hit]:
    if opts.check == "claim":
        yield from _claims(doc, opts)
    elif opts.check == "full":
        yield from _full(doc, opts)
    elif opts.check == "rows":
        yield from _rows(doc, opts)
    else:
        yield from _actuals(doc, opts)


def _full(doc: Document, opts: Options) -> Iterator[Hit]:
    """已全部拨付 against 执行率97% for the same action (拨付) nearby in its section."""
    if opts.full is None:
        return
    index = {id(b): i for i, b in enumerate(doc.blocks)}
    for block in doc.blocks:
        for m in opts.full.finditer(block.folded):
            verb = m.groupdict().get("verb") or m.groupdict().get("verb2") or ""
            i = index[id(block)]
            # this paragraph and the next two, up to a heading above this one's level
            level = block.section.level if block.section is not None else 0
            nearby = [block]
            for b in doc.blocks[i + 1 : i + 3]:
                if b.heading is not None and b.heading.level < level:
                    break
                nearby.append(b)
            for b in nearby:
                rate = next((f for f in in_block(doc, b)
                             if f.quantity.unit == "%" and f.quantity.value < 100 and not f.quantity.approx and f.quantity.op is None
                             and (b is not block or f.quantity.start > m.end()) and verb in _sentence(f)), None)
                if rate is not None:
                    yield Hit(block.span(m.start(), m.end()),
                              {"claim": block.text[m.start():m.end()], "rate": rate.quantity.value, "verb": verb,
                               "rate_line": doc.source.position(rate.span.start)[0]},
                              (Related(rate.span, f"{rate.written_label or rate.phrase[-6:]} {rate.quantity.written}"),))
                    break


def _claims(doc: Document, opts: Options) -> Iterator[Hit]:
    if opts.claim is None:
        return
    for block in doc.blocks:
        block_facts = [f for f in in_block(doc, block) if f.quantity.unit not in _SKIP_UNITS]
        for m in opts.claim.finditer(block.folded):
            start, end = block.item_start(m.start()), block.item_end(m.end())
            targets = [f for f in block_facts if start <= f.quantity.start and f.quantity.end <= m.start()]
            if not targets:
                continue
            target = targets[-1]
            actual = next((f for f in block_facts if m.end() <= f.quantity.start < end and _unit(f) == _unit(target)), None)
            if actual is None or target.quantity.approx:
                continue
            level = opts.levels[m.group("claim")]
            met = meets(actual.quantity.in_units()[0], target.quantity.op, target.quantity.in_units()[0])
            if (level == "met") != met:
                yield Hit(
                    block.span(m.start("claim"), m.end("claim")),
                    {"indicator": _name(target), "target": target.quantity.value, "op": target.quantity.op or "≥",
                     "actual": actual.quantity.value, "unit": target.quantity.unit,
                     "claim": block.text[m.start("claim"):m.end("claim")], "level": level},
                    (Related(target.span, target.quantity.written), Related(actual.span, actual.quantity.written)),
                )


def _name(fact: Fact) -> str:
    """The indicator's name: the phrase before its target, without list ordinals or punctuation."""
    phrase = _ORDINAL.sub("", fact.phrase.strip(" \u3000、，,：:；;"))
    return phrase.strip(" \u3000、，,：:；;")[-16:]


#: How far after its target an actual is looked for: a long report, not a whole folder of
#: reports pasted into one file.  With the index below, this keeps the check linear.
WINDOW = 200_000
#: An indicator's actuals are the first few figures after it that share its name's terms.
MAX_ACTUALS = 12


def _grams(text: str, size: int) -> set[str]:
    return {text[i : i + size] for i in range(len(text) - size + 1)}


def _actuals(doc: Document, opts: Options) -> Iterator[Hit]:
    """Each target against the later actuals that share a term of ``min_shared`` characters
    with its name.  Two strings share such a term exactly when they share one of its
    ``min_shared``-grams, so candidates come from a gram index, never from a scan of
    every later figure: the cost grows with the document, not with its square."""
    import bisect

    size = opts.min_shared
    all_facts = facts(doc)
    targets = [f for f in all_facts if f.quantity.op is not None and f.quantity.unit not in _SKIP_UNITS
               and not _rule_case(f, opts)]
    if not targets:
        return  # no figure with ≥ or ≤: nothing to index
    candidates = [f for f in all_facts if f.quantity.op is None and not f.quantity.approx and not _rule_case(f, opts)]
    starts = [f.block.offset(f.quantity.number_start) for f in candidates]
    units = [_unit(f) for f in candidates]  # once per figure, not once per target that looks at it
    postings: dict[str, list[int]] = {}
    for i, f in enumerate(candidates):
        for gram in _grams(f.phrase, size):
            postings.setdefault(gram, []).append(i)
    part_ends = sorted(p.end for p in doc.parts)
    for target in targets:
        name = _name(target)
        if len(name) < size:
            continue
        at = target.block.offset(target.quantity.number_start)
        first = bisect.bisect_right(starts, at)  # the figures after the target's, its own paragraph's too
        part_end = part_ends[min(bisect.bisect_right(part_ends, at), len(part_ends) - 1)] if part_ends else len(doc.source.text)
        last = bisect.bisect_right(starts, min(at + WINDOW, part_end))
        unit = _unit(target)
        chosen: set[int] = set()
        for gram in _grams(name, size):
            posting = postings.get(gram, ())
            lo = bisect.bisect_left(posting, first)
            hi = bisect.bisect_left(posting, last, lo)
            taken = 0
            for i in posting[lo:hi]:
                if units[i] == unit:
                    chosen.add(i)
                    taken += 1
                    if taken == MAX_ACTUALS:
                        break
        if opts.actual_cues is not None:
            # 培训人次≥200人次，实际完成180人次: the actual follows in the target's own item,
            # worded as one (actual_cues) rather than by the indicator's name
            item_end = target.block.offset(target.block.item_end(target.quantity.end))
            for i in range(bisect.bisect_right(starts, at), bisect.bisect_left(starts, item_end)):
                f = candidates[i]
                if units[i] == unit and f.block is target.block and opts.actual_cues.search(f.phrase):
                    chosen.add(i)
        strong = [candidates[i] for i in sorted(chosen)[:MAX_ACTUALS]]
        if not strong or any(meets(f.quantity.in_units()[0], target.quantity.op, target.quantity.in_units()[0]) for f in strong):
            continue
        if opts.admissions is not None and any(opts.admissions.search(_sentence(f)) for f in strong):
            continue  # the report says itself that the target was missed
        actual = strong[0]
        yield Hit(
            actual.span,
            {"indicator": name, "target": target.quantity.value, "op": target.quantity.op, "actual": actual.quantity.value,
             "unit": target.quantity.unit, "target_line": doc.source.position(target.span.start)[0]},
            (Related(target.span, target.quantity.written),),
        )


def _rule_case(fact: Fact, opts: Options) -> bool:
    """A figure that states a case of a scoring rule (执行率≥90%的得满分，实际执行率85%的按比例扣分),
    neither a target nor an actual."""
    end = fact.quantity.end
    text = fact.block.folded
    return (opts.rule_cases is not None and "的" in text[end : end + 3]  # cheap first: most figures are followed by no 的
            and opts.rule_cases.match(text, end) is not None)


_OPS = {"≥": "≥", ">": ">", "＞": ">", "≤": "≤", "<": "<", "＜": "<", "=": "=", "＝": "="}


def _rows(doc: Document, opts: Options) -> Iterator[Hit]:
    """Form rows: full marks on a missed target; a lost point with no reason given."""
    from ...model.quantities import find_quantities
    from .table import value

    for table in doc.tables:
        if "得分" not in table.columns or "分值" not in table.columns:
            continue
        for row in table.rows:
            weight, score = value(row.get("分值")), value(row.get("得分"))
            if weight is None or score is None or row.total:
                continue
            cell = row.get("得分")
            span = cell.block.span(0, len(cell.block.text))
            if opts.reason:
                reason = row.get("原因")
                if "原因" in table.columns and score < weight and (reason is None or not reason.text.strip(" /—-")):
                    yield Hit(span, {"indicator": row.label, "score": score, "weight": weight})
                continue
            if score < weight:
                continue
            target_cell, actual_cell = row.get("指标值"), row.get("完成值")
            if target_cell is None or actual_cell is None or not actual_cell.text:
                continue
            if any(w in actual_cell.folded for w in opts.unmet_words):
                yield Hit(span, {"indicator": row.label, "target": target_cell.text, "op": "", "actual": actual_cell.text,
                                 "unit": "", "score": score, "weight": weight},
                          (Related(actual_cell.block.span(0, len(actual_cell.block.text)), actual_cell.text),))
                continue
            targets, actuals = find_quantities(target_cell.folded), find_quantities(actual_cell.folded)
            if not targets or not actuals or targets[0].approx:
                continue
            target, actual = targets[0], actuals[0]
            if target.in_units()[1] != actual.in_units()[1] and actual.unit and target.unit:
                continue
            nature = row.get("性质")
            op = target.op or (_OPS.get(nature.text.strip()) if nature is not None else None)
            if meets(actual.value, op, target.value):
                continue
            yield Hit(span, {"indicator": row.label, "target": target.value, "op": op or "≥", "actual": actual.value,
                             "unit": target.unit or actual.unit, "score": score, "weight": weight},
                      (Related(target_cell.block.span(0, len(target_cell.block.text)), target_cell.text),
                       Related(actual_cell.block.span(0, len(actual_cell.block.text)), actual_cell.text)))
