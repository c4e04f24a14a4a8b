"""Score tables written as prose: each part with its maximum and its score, then the total.

    其中管理效能 45 分，…自评得分 44.28 分；履职效能 50 分，…自评得分 48.10 分；
    加减分项（5 分），本会无加减分；总分 100 分，部门整体绩效自评得分为 92.38 分。

A part is a name from the pack (管理效能, 产出指标…) followed by its maximum in
分; its score is the first score fact (label ``score_label``) before the next
part, or 0 when a zero phrase (无加减分) says so.  The total follows a total
marker (总分…).  Shared by the ``sum`` kind (parts add up to the total) and the
``range`` kind (each score within its maximum).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..read.regex_cache import compiled, longest_first
from .document import Block, Document
from .facts import Fact, in_block

_GAP_BEFORE_MAX = compiled(r"^[项目指标]{0,2}[\s\u3000]*[（(：:]?[\s\u3000]*(?:满分|分值)?[\s\u3000]*$")


@dataclass(frozen=True)
class ScoreSpec:
    parts: tuple[str, ...]
    score_label: str
    total_markers: tuple[str, ...]
    zero_phrases: tuple[str, ...]

    @classmethod
    def from_options(cls, options: Mapping[str, Any]) -> ScoreSpec:
        return cls(
            tuple(sorted(options.get("score_parts", ()), key=longest_first)),
            options.get("score_label", "自评得分"),
            tuple(options.get("total_markers", ("总分",))),
            tuple(options.get("zero_phrases", ())),
        )


@dataclass(frozen=True)
class ScoredPart:
    name: str
    block: Block
    name_at: int
    maximum: Fact | None
    score: Fact | None  # None with zero=True: stated as no points (无加减分)
    zero: bool = False

    @property
    def value(self) -> Decimal | None:
        if self.score is not None:
            return self.score.quantity.value
        return Decimal(0) if self.zero else None


@dataclass(frozen=True)
class ScoreTable:
    block: Block
    parts: tuple[ScoredPart, ...]
    total: ScoredPart | None


def score_tables(doc: Document, spec: ScoreSpec) -> list[ScoreTable]:
    key = f"scores:{hash(spec)}"
    if key not in doc.cache:
        doc.cache[key] = [t for block in doc.blocks if (t := _table(doc, block, spec)) is not None]
    return doc.cache[key]


def _table(doc: Document, block: Block, spec: ScoreSpec) -> ScoreTable | None:
    if not spec.parts or not any(p in block.folded for p in spec.parts):
        return None
    block_facts = in_block(doc, block)
    points = [f for f in block_facts if f.quantity.unit == "分"]
    if not points:
        return None
    text = block.folded
    starts: list[tuple[int, str, Fact]] = []
    for name in spec.parts:
        for m in re.finditer(re.escape(name), text):
            if any(s <= m.start() < s + len(n) for s, n, _ in starts):
                continue  # inside a longer part name already found
            maximum = next((f for f in points if f.quantity.number_start >= m.end()
                            and _GAP_BEFORE_MAX.match(text[m.end():f.quantity.number_start])), None)
            if maximum is not None and maximum.label != spec.score_label:
                starts.append((m.start(), name, maximum))
    if len(starts) < 2:
        return None
    starts.sort()
    total_at = _total_marker(text, starts[-1][2].quantity.end, spec)
    parts = []
    for k, (at, name, maximum) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else (total_at if total_at is not None else len(text))
        parts.append(_part(block, name, at, maximum, end, points, spec))
    total = None
    if total_at is not None:
        maximum = next((f for f in points if f.quantity.number_start >= total_at and f.label != spec.score_label), None)
        score = next((f for f in points if f.quantity.number_start >= total_at and f.label == spec.score_label), None)
        if maximum is not None and score is not None and maximum.quantity.start > score.quantity.start:
            maximum = None
        total = ScoredPart("总分", block, total_at, maximum, score)
    return ScoreTable(block, tuple(parts), total)


def _part(block: Block, name: str, at: int, maximum: Fact, end: int, points: Sequence[Fact], spec: ScoreSpec) -> ScoredPart:
    score = next((f for f in points if maximum.quantity.end <= f.quantity.number_start < end and f.label == spec.score_label), None)
    zero = score is None and any(p in block.folded[maximum.quantity.end:end] for p in spec.zero_phrases)
    return ScoredPart(name, block, at, maximum, score, zero)


def _total_marker(text: str, after: int, spec: ScoreSpec) -> int | None:
    positions = [i for marker in spec.total_markers if (i := text.find(marker, after)) != -1]
    return min(positions) if positions else None
