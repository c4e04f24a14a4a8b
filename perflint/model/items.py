"""Items of a section: the problems of 存在的主要问题, the measures of 下一步改进措施.

Whatever form they take: subsections or numbered paragraphs (（一）, 1.),
inline enumerations (一是…二是…, ``- 一是``, also across paragraphs), or one
paragraph per item (after page-break re-joining).  A section that says only
无 / 暂无 / 不存在 is a placeholder, not an item.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..read.source import Span
from .document import Block, Document, Section
from .textnorm import title_key

_PLACEHOLDER = re.compile(r"^[\s\u3000]*(?:无|暂无|没有|不存在|不涉及|无此项|/|—+|－+)[\s\u3000。.；;]*$")


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


def find_section(doc: Document, aliases: Sequence[str]) -> Section | None:
    """The first section whose title contains an alias, preferring the top level; failing that,
    an unnumbered title line (存在的主要问题) and the paragraphs after it, up to the next
    heading or title line.  Cached per document: pairing and obligation rules share it."""
    cache = doc.cache.setdefault("find_section", {})
    key = tuple(aliases)
    if key not in cache:
        cache[key] = _find_section(doc, aliases)
    return cache[key]


def _find_section(doc: Document, aliases: Sequence[str]) -> Section | None:
    keys = [title_key(a) for a in aliases]
    for section in sorted((s for s in doc.sections() if s.heading and s.heading.is_title), key=lambda s: s.level):
        title = title_key(section.title)
        if any(k in title for k in keys):
            return section
    for i, block in enumerate(doc.blocks):
        if block.heading is None and title_like(block.text) and any(k in title_key(block.text) for k in keys):
            body = []
            for following in doc.blocks[i + 1 :]:
                if following.heading is not None or title_like(following.text):
                    break
                body.append(following)
            return Section(heading=None, blocks=body, title_block=block, end=body[-1].end if body else block.end)
    return None


def title_like(text: str) -> bool:
    """A short line that is not a sentence: an unnumbered section title."""
    stripped = text.strip().rstrip("：:")
    return 0 < len(stripped) <= 20 and not any(c in stripped for c in "，。；,;")


def section_items(doc: Document, section: Section) -> SectionItems:
    """The section's items (cached per document and section)."""
    cache = doc.cache.setdefault("section_items", {})
    if id(section) not in cache:
        cache[id(section)] = _section_items(doc, section)
    return cache[id(section)]


def _section_items(doc: Document, section: Section) -> SectionItems:
    blocks = list(section.all_blocks())
    body = "".join(b.text for b in blocks if not (b.heading and b.heading.is_title))
    if not blocks or _PLACEHOLDER.match(body):
        return SectionItems(section, (), bool(blocks), "empty")
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
    paragraphs = [Item(b.text, b, 0, len(b.text), f"¶{i}") for i, b in enumerate(blocks, 1) if b.text.strip()]
    return SectionItems(section, tuple(paragraphs), False, "paragraphs")


def _enumeration_items(doc: Document, blocks: list[Block]) -> list[Item]:
    """一是…二是… items within these blocks, in order (an enumeration may span paragraphs)."""
    wanted = {id(b) for b in blocks}
    items = []
    for enum in doc.enumerations:
        for item in enum.items:
            if id(item.block) in wanted:
                label = item.block.text[item.marker_at : item.marker_end].lstrip("-－•· ")
                items.append(Item(item.block.text[item.marker_at : item.text_end], item.block, item.marker_at, item.text_end, label))
    order = {id(b): i for i, b in enumerate(blocks)}
    items.sort(key=lambda it: (order[id(it.block)], it.start))
    return items
