"""Grade: the stated grade agrees with the score, by the bands of 财预〔2020〕10号.

优 90–100, 良 80–<90, 中 60–<80, 差 <60, lower bounds inclusive (``bands`` in
the pack; 优秀 and 良好 accepted as synonyms).  The score is the largest
self-evaluation score (label ``score_label``) in the grade's paragraph, else in
its section, else in the report.

``check: agree``          a grade that contradicts its score (自评得分89.6分，评价等级为优)
``check: missing-score``  a grade with no numeric score anywhere (seed 004 line 39:
                          项目绩效自评：优)
``check: no-score``       a report with neither a score nor a grade (a requirement of
                          a whole report: the rule says ``whole: true``)

Options: schemas/kinds/grade.schema.json
Message data: grade, score, expected, band
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ...model.document import Block, Document
from ...model.facts import Fact, facts
from ...read.regex_cache import longest_first
from ..finding import Hit, Related
from ..saferegex import safe_regex

KIND = "grade"


@dataclass(frozen=True)
class Band:
    grade: str
    minimum: Decimal
    words: tuple[str, ...]


@dataclass(frozen=True)
class Options:
    check: str
    bands: tuple[Band, ...]
    statement: re.Pattern[str]
    score_label: str


def prepare(options: Mapping[str, Any]) -> Options:
    bands = tuple(
        Band(b["grade"], Decimal(str(b["min"])), (b["grade"], *b.get("synonyms", ())))
        for b in sorted(options["bands"], key=lambda b: -Decimal(str(b["min"])))
    )
    words = sorted((w for b in bands for w in b.words), key=longest_first)
    grade = "|".join(re.escape(w) for w in words)
    statement = safe_regex(rf"(?:{options['cue']})[\s\u3000]*(?:为|是|：|:|评定为)?[\s\u3000]*[“\"「『]?(?P<grade>{grade})(?![\u4e00-\u9fff])")
    return Options(options["check"], bands, statement, options.get("score_label", "自评得分"))


def statements(doc: Document, opts: Options) -> list[tuple[Block, Any]]:
    """Every grade the text states, with its block: found once per document and options
    (the grade rules and the document summary read the same list)."""
    key = f"grade-statements-{id(opts)}"
    found = doc.cache.get(key)
    if found is None:
        found = doc.cache[key] = [(block, m) for block in doc.blocks for m in opts.statement.finditer(block.folded)]
    return found


def check(doc: Document, opts: Options) -> Iterator[Hit]:
    stated = statements(doc, opts)
    scores = [f for f in facts(doc) if f.label == opts.score_label and f.quantity.unit == "分" and f.quantity.op is None]
    if opts.check == "missing-score":
        if scores:
            return
        for block, m in stated[:1]:
            yield Hit(block.span(m.start("grade"), m.end("grade")), {"grade": block.text[m.start("grade"):m.end("grade")]})
        return
    if opts.check == "no-score":
        if not scores and not stated:
            yield Hit(None, {})
        return
    highest = _Highest(scores)
    for block, m in stated:
        score = highest.for_block(block)
        if score is None:
            continue
        expected = band_of(score.quantity.value, opts.bands)
        stated = next(b for b in opts.bands if m.group("grade") in b.words)
        if expected is not None and expected is not stated:
            yield Hit(
                block.span(m.start("grade"), m.end("grade")),
                {"grade": block.text[m.start("grade"):m.end("grade")], "score": score.quantity.value, "expected": expected.grade,
                 "band": f"{expected.minimum}"},
                (Related(score.span, f"{score.written_label} {score.quantity.written}"),),
            )


def band_of(score: Decimal, bands: Sequence[Band]) -> Band | None:
    return next((b for b in bands if score >= b.minimum), None)


class _Highest:
    """The highest score stated in a paragraph, else in its section, else anywhere (the
    first of equal ones), indexed once: a folder of reports pasted into one file states
    hundreds of grades and scores, and each grade must not scan every score."""

    def __init__(self, scores: Sequence[Fact]):
        self.by_block: dict[int, Fact] = {}
        self.by_section: dict[int, Fact] = {}
        self.anywhere: Fact | None = None
        for f in scores:
            for table, key in ((self.by_block, id(f.block)), (self.by_section, id(f.block.section))):
                best = table.get(key)
                if best is None or f.quantity.value > best.quantity.value:
                    table[key] = f
            if self.anywhere is None or f.quantity.value > self.anywhere.quantity.value:
                self.anywhere = f

    def for_block(self, block: Block) -> Fact | None:
        return self.by_block.get(id(block)) or self.by_section.get(id(block.section)) or self.anywhere
