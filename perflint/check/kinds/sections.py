"""Sections: the outline a report family requires, by title with aliases.

``check: presence`` — every slot of the family's outline has a heading whose
title contains one of the slot's aliases (存在的主要问题 / 存在的问题及其原因…);
a missing slot is a finding about the whole document.
``check: order`` — the slots appear in the outline's order; the first heading
found out of order is reported.
``check: empty`` — a section title followed by no text before the next heading
at its level or above.

Passes:  一、基本情况 … 二、综合评价分析 … 三、存在的主要问题 … 四、下一步改进措施 …
Fails:   一、基本情况 … 二、下一步改进措施 …   (no 存在问题 slot; 措施 before 问题)
Options: schemas/kinds/sections.schema.json
Message data: slot, aliases, family, title, after
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ...model.document import Block, Document, Heading
from ...model.items import title_like
from ...model.textnorm import title_key
from ..finding import Hit, Related

KIND = "sections"


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
    family = doc.family if doc.family in opts.outlines else "default"
    outline = opts.outlines.get(family, ())
    found = [(slot, _find(doc, slot)) for slot in outline]
    if opts.check == "presence":
        for slot, heading in found:
            if heading is None:
                yield Hit(None, {"slot": slot.name, "aliases": "、".join(slot.aliases[1:4]), "family": family})
    elif opts.check == "order":
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


def _find(doc: Document, slot: Slot) -> Heading | Block | None:
    """The first heading matching the slot, preferring the top level; failing that, a short
    unnumbered title line (存在的主要问题 written without 三、), so a report whose author did
    not number a heading is not told the section is missing."""
    candidates = sorted((h for h in doc.headings if h.is_title), key=lambda h: h.level)
    for heading in candidates:
        key = title_key(heading.title)
        if any(alias in key for alias in slot.aliases):
            return heading
    for block in doc.blocks:
        if block.heading is None and title_like(block.text):
            key = title_key(block.text)
            if any(alias in key for alias in slot.aliases):
                return block
    return None


def _empty(doc: Document) -> Iterator[Hit]:
    for section in doc.sections():
        heading = section.heading
        if heading is None or not heading.is_title:
            continue
        if section.blocks or section.children:
            continue
        block = heading.block
        yield Hit(block.span(0, len(block.text)), {"title": heading.title.strip()})
