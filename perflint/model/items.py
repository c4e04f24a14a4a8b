"""Items of a section: the problems of 存在的主要问题, the measures of 下一步改进措施.

A section is found by its title wherever it is written: a numbered heading, an
unnumbered title line, the first cell of a table row (``存在问题 | 无``), a
title cell with its value in the next cell, or a field run into flattened text
(``存在问题暂无改进措施暂无``).  Its items, whatever their form: subsections or
numbered paragraphs (（一）, 1.), inline enumerations (一是…二是…, ``- 一是``,
also across paragraphs), or one paragraph per item (after page-break
re-joining).  A section that says only 无 / 暂无 / 暂无问题 is a placeholder,
not an item.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..read.regex_cache import compiled, longest_first
from ..read.source import Span
from .document import Block, Document, Part, Section, Segment
from .textnorm import title_key, title_like

_NONE_WORDS = r"无|暂无|没有|不存在|不涉及|无此项|暂无问题|无问题|没有问题|不存在问题|暂未发现问题|未发现问题"
_PLACEHOLDER = compiled(rf"^[\s\u3000|]*(?:{_NONE_WORDS}|/|—+|－+)[\s\u3000。.；;|]*$")
# a body whose only claim is that there is nothing: 运转正常，暂无问题。
_NOTHING = compiled(rf"(?:^|[，,。；;])[\s\u3000]*(?:{_NONE_WORDS})[\s\u3000。.；;|]*$")


@dataclass(frozen=True)
class Item:
    text: str
    block: Block
    start: int  # offsets in block.text
    end: int
    label: str  # how it was written: "一是", "（二）", "¶2"

    @property
    def span(self) -> Span:
        return self.block.span(self.start, max(self.end, self.start + 1))

    @property
    def marker_span(self) -> Span:
        """Where to point: the item's marker (二是, （一）) or, for a paragraph, its first characters."""
        at = self.block.text.find(self.label, self.start, self.end)
        if at == -1:
            return self.block.span(self.start, min(self.end, self.start + 2))
        return self.block.span(at, at + len(self.label))


@dataclass(frozen=True)
class SectionItems:
    section: Section
    items: tuple[Item, ...]
    placeholder: bool
    form: str  # "headings", "enumeration", "paragraphs", "empty"


def find_section(doc: Document, aliases: Sequence[str], part: Part | None = None,
                 fields: Sequence[str] = ()) -> Section | None:
    """The first section whose title contains an alias, preferring the top level; failing
    that, an unnumbered title line or title cell and what follows it; failing that, a field
    run into flattened text.  ``fields`` are the titles of neighbouring fields, where a
    flattened field ends.  Cached per document: pairing and obligation rules share it."""
    cache = doc.cache.setdefault("find_section", {})
    key = (tuple(aliases), id(part), tuple(fields))
    if key not in cache:
        cache[key] = _find_section(doc, aliases, part, fields)
    return cache[key]


def _find_section(doc: Document, aliases: Sequence[str], part: Part | None, fields: Sequence[str]) -> Section | None:
    keys = [title_key(a) for a in aliases]
    headings = part.headings if part is not None else doc.headings
    blocks = part.blocks if part is not None else doc.blocks
    for heading in sorted((h for h in headings if h.is_title), key=lambda h: h.level):
        if any(k in heading.key for k in keys):
            return heading.block.section
    for i, block in enumerate(blocks):
        if block.heading is not None:
            continue
        if block.cell:
            found = _cell_section(blocks, i, keys)
            if found is not None:
                return found
            continue
        if block.line_title and any(k in block.line_title for k in keys):
            body = []
            for following in blocks[i + 1 :]:
                if following.heading is not None or title_like(following.folded):
                    break
                body.append(following)
            return Section(heading=None, blocks=body, title_block=block, end=body[-1].end if body else block.end)
    return _inline_field(blocks, aliases, fields)


def _cell_section(blocks: Sequence[Block], i: int, keys: Sequence[str]) -> Section | None:
    """``存在问题 | 无 |``: a table row whose first cell is the title; or a title cell
    (``存在问题 |``) whose value is in the cells that follow it."""
    block = blocks[i]
    cells = block.folded.split("|")
    first = cells[0].strip(" \t\u3000")
    if not first or not title_like(first) or not any(k in title_key(first) for k in keys):
        return None
    rest = block.folded.find("|")
    value = block.folded[rest + 1 :].strip(" \t\u3000|") if rest != -1 else ""
    if value:
        at = block.folded.find(value, rest + 1)
        body = [sub_block(block, at, at + len(value))]
    else:
        body = []
        for following in blocks[i + 1 :]:
            text = following.folded.strip(" \t\u3000|")
            if following.heading is not None or (text and title_like(text) and len(text) <= 8):
                break
            if text:
                body.append(following)
            if len(body) >= 3:
                break
    return Section(heading=None, blocks=body, title_block=block, inline_title=first, end=body[-1].end if body else block.end)


def _inline_field(blocks: Sequence[Block], aliases: Sequence[str], fields: Sequence[str]) -> Section | None:
    """存在问题暂无改进措施暂无: a field and its placeholder value run into flattened text."""
    words = sorted({a for a in aliases if len(a) >= 2}, key=longest_first)
    if not words:
        return None
    after = "|".join(re.escape(f) for f in sorted(set(fields) | set(aliases), key=longest_first))
    pattern = compiled(
        rf"(?P<title>{'|'.join(map(re.escape, words))})[\s\u3000：:|]*(?P<value>{_NONE_WORDS})"
        rf"(?=$|[\s\u3000|。；，,]|项目负责人|财务负责人|负责人|{after})"
    )
    for block in blocks:
        m = pattern.search(block.folded)
        if m is not None:
            title = sub_block(block, m.start("title"), m.end("title"))
            value = sub_block(block, m.start("value"), m.end("value"))
            return Section(heading=None, blocks=[value], title_block=title, inline_title=block.text[m.start("title"):m.end("title")],
                           end=value.end)
    return None


def sub_block(block: Block, i: int, j: int) -> Block:
    """A piece [i, j) of a block as a block of its own, with positions into the source."""
    return Block(block.text[i:j], (Segment(block.offset(i), block.offset(max(i, j - 1)) + (1 if j > i else 0), 0),),
                 block.folded[i:j], section=block.section, part=block.part, cell=block.cell)


def section_items(doc: Document, section: Section) -> SectionItems:
    """The section's items (cached per document and section)."""
    cache = doc.cache.setdefault("section_items", {})
    if id(section) not in cache:
        cache[id(section)] = _section_items(doc, section)
    return cache[id(section)]


def _body(section: Section) -> list[tuple[Block, int]]:
    """The blocks of a section with where their own text starts: a heading's inline
    body (三、存在问题。一是…) counts, its title does not."""
    pieces = []
    if section.heading is not None and section.heading.has_body:
        h = section.heading
        pieces.append((h.block, h.title_end))
    for block in section.all_blocks():
        if block.pure_title:
            continue
        if block.heading is not None and block.heading.is_title:
            pieces.append((block, block.heading.title_end))
        else:
            pieces.append((block, 0))
    return pieces


def _section_items(doc: Document, section: Section) -> SectionItems:
    pieces = _body(section)
    body = "".join(b.folded[at:] for b, at in pieces).strip(" \t\u3000。：:|")
    if not body:
        return SectionItems(section, (), False, "empty")
    if _PLACEHOLDER.match(body) or (len(body) <= 40 and _NOTHING.search(body)):
        return SectionItems(section, (), True, "empty")
    blocks = [b for b, _ in pieces]
    if section.children:
        items = []
        for child in section.children:
            h = child.heading
            assert h is not None
            parts = [h.block.text[h.block.body_start :]] + [b.text for b in child.all_blocks()]
            items.append(Item("".join(parts), h.block, 0, len(h.block.text), h.ordinal))
        return SectionItems(section, tuple(items), False, "headings")
    enumerated = _enumeration_items(doc, blocks)
    if len(enumerated) >= 2:
        return SectionItems(section, tuple(enumerated), False, "enumeration")
    paragraphs = [Item(b.text[at:], b, at, len(b.text), f"¶{i}") for i, (b, at) in enumerate(pieces, 1) if b.text[at:].strip(" \t\u3000。|")]
    return SectionItems(section, tuple(paragraphs), False, "paragraphs")


def _enumeration_items(doc: Document, blocks: list[Block]) -> list[Item]:
    """一是…二是… items within these blocks, in order (an enumeration may span paragraphs)."""
    by_block = doc.cache.get("enum_items_by_block")
    if by_block is None:  # once per document: each section asks only for its own blocks
        by_block = doc.cache["enum_items_by_block"] = {}
        for enum in doc.enumerations:
            if enum.style == "enum":
                for item in enum.items:
                    by_block.setdefault(id(item.block), []).append(item)
    items = []
    for block in blocks:
        for item in by_block.get(id(block), ()):
            label = item.block.text[item.marker_at : item.marker_end].lstrip("-－•· ")
            items.append(Item(item.block.text[item.marker_at : item.text_end], item.block, item.marker_at, item.text_end, label))
    order = {id(b): i for i, b in enumerate(blocks)}
    items.sort(key=lambda it: (order[id(it.block)], it.start))
    return items
