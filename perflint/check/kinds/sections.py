"""Sections: the outline a report family requires, by title with aliases.

``check: presence`` — every slot of the family's outline has a heading whose
title contains one of the slot's aliases (存在的主要问题 / 存在的问题及其原因…);
a missing slot is a finding about the whole report.  Each report of a text that
holds several is judged on its own.
``check: order`` — the slots appear in the outline's order; the first heading
found out of order is reported.
``check: empty`` — a section title followed by no text before the next heading
at its level or above (not the last one of a text that seems cut off).
``check: truncated`` — a text that seems cut off (it ends mid-sentence, or a
narrative stops before any closing part; it begins at （三）): one finding
that says so and names the checks of a whole report it was therefore spared.

Passes:  一、基本情况 … 二、综合评价分析 … 三、存在的主要问题 … 四、下一步改进措施 …
Fails:   一、基本情况 … 二、下一步改进措施 …   (no 存在问题 slot; 措施 before 问题)
Options: schemas/kinds/sections.schema.json
Message data: slot, aliases, family, title, after, reason, skipped
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ...model.document import Block, Document, Heading, Part
from ...model.textnorm import title_key
from ...read.source import Span
from ..finding import Hit, Related

KIND = "sections"

_REASONS = {
    "ends mid-sentence": ("结尾在句中", "it ends mid-sentence"),
    "ends on a broken character": ("结尾是残缺字符", "it ends on a broken character"),
    "stops before the closing parts": ("没有问题、措施或结论等收尾部分", "it stops before any closing part"),
    "begins mid-sentence": ("开头在句中", "it begins mid-sentence"),
    "begins inside a table": ("从表格中间开始", "it begins inside a table"),
    "has no outline": ("没有分级标题，像是摘录", "it has no headings, like an excerpt"),
    "set as an excerpt": ("已设定为节选", "it is set as an excerpt"),
}


@dataclass(frozen=True)
class Slot:
    name: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Options:
    check: str
    outlines: Mapping[str, tuple[Slot, ...]]


def prepare(options: Mapping[str, Any]) -> Options:
    slots = {
        name: Slot(name, tuple(title_key(a) for a in [name, *spec.get("aliases", [])]))
        for name, spec in options.get("slots", {}).items()
    }
    outlines = {family: tuple(slots[s] for s in names) for family, names in options.get("outlines", {}).items()}
    return Options(check=options["check"], outlines=outlines)


def check(doc: Document, opts: Options) -> Iterator[Hit]:
    if opts.check == "empty":
        yield from _empty(doc)
        return
    if opts.check == "truncated":
        yield from _truncated(doc)
        return
    for part in doc.parts:
        family = part.family if part.family in opts.outlines else "default"
        outline = opts.outlines.get(family, ())
        found = [(slot, _find(part, slot)) for slot in outline]
        if opts.check == "presence":
            for slot, heading in found:
                if heading is None:
                    yield Hit(None, {"slot": slot.name, "aliases": "、".join(slot.aliases[1:4]), "family": family})
        elif opts.check == "order":
            yield from _order(found)


def _order(found: list[tuple[Slot, Heading | Block | None]]) -> Iterator[Hit]:
    previous: tuple[Slot, Block] | None = None
    for slot, found_at in found:
        if found_at is None:
            continue
        block = found_at.block if isinstance(found_at, Heading) else found_at
        if previous and block.start < previous[1].start:
            yield Hit(
                block.span(0, len(block.text)),
                {"slot": slot.name, "title": block.text[block.body_start:].strip(), "after": previous[0].name},
                (Related(previous[1].span(0, len(previous[1].text)), previous[0].name),),
            )
            return
        previous = (slot, block)


def _find(part: Part, slot: Slot) -> Heading | Block | None:
    """The first heading matching the slot, preferring the top level; failing that, a short
    unnumbered title line (存在的主要问题 written without 三、), so a report whose author did
    not number a heading is not told the section is missing."""
    candidates = sorted((h for h in part.headings if h.is_title), key=lambda h: h.level)
    for heading in candidates:
        if any(alias in heading.key for alias in slot.aliases):
            return heading
    for block in part.blocks:
        key = block.line_title
        if key and any(alias in key for alias in slot.aliases):
            return block
    return None


def _empty(doc: Document) -> Iterator[Hit]:
    for part in doc.parts:
        last = part.headings[-1] if part.headings else None
        for section in part.root.walk():
            heading = section.heading
            if heading is None or not heading.is_title or heading.has_body or heading.glued:
                continue
            if section.blocks or section.children:
                continue
            if heading is last and part.cut_end:
                continue  # the text stops here: its body was cut, not left out
            block = heading.block
            yield Hit(block.span(0, len(block.text)), {"title": heading.title.strip()})


def _truncated(doc: Document) -> Iterator[Hit]:
    for part in doc.parts:
        reasons = [(r, e) for r, e in ((part.cut_start, False), (part.cut_end, True)) if r]
        if not reasons:
            continue
        # the checks of a whole report that would have applied to this part
        skipped = ", ".join(rid for rid, shapes, families in doc.cache.get("whole_rules", ())
                            if (not shapes or part.shape in shapes) and (not families or doc.family in families)) or "—"
        zh, en = [], []
        for reason, _ in reasons:
            z, e = _REASONS.get(reason, (reason, reason))
            if reason.startswith("begins at "):
                ordinal = reason[len("begins at "):]
                z, e = f"从“{ordinal}”开始", f"it begins at '{ordinal}'"
            zh.append(z)
            en.append(e)
        # one notice per part, where a reader sees it is cut (the end, if both)
        yield Hit(_cut_span(doc, part, reasons[-1][1]), {"reason": "，".join(zh), "reason_en": ", ".join(en), "skipped": skipped})


def _cut_span(doc: Document, part: Part, at_end: bool) -> Span:
    """The last (or first) few characters of the part: where a reader sees it is cut."""
    blocks = [b for b in part.blocks if b.text.strip("| \t\u3000")]
    if not blocks:
        return Span(part.start, max(part.start + 1, part.end))
    block = blocks[-1] if at_end else blocks[0]
    text = block.text.rstrip("| \t\u3000")
    if at_end:
        return block.span(max(0, len(text) - 6), len(text))
    return block.span(0, min(len(text), 6))
