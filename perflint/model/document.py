"""The document model: title block, sections as a tree, paragraphs, enumerations.

Every position is an offset into ``Source.text``.  A ``Block`` is what a
reader sees as one paragraph: the reader re-joins paragraphs that a PDF page
break split mid-sentence, so a block's text may come from several lines; its
``segments`` map every character back to the original offset.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..read.source import Source, Span

SENTENCE_END = "。！？!?；;"
CLAUSE_END = SENTENCE_END + "，,："


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of original text [start, end) that sits at ``at`` in a block's text."""

    start: int
    end: int
    at: int


@dataclass(eq=False)
class Block:
    """A paragraph or a heading line, re-joined across page breaks."""

    text: str
    segments: tuple[Segment, ...]
    heading: Heading | None = None
    section: Section | None = None

    @property
    def start(self) -> int:
        return self.segments[0].start

    @property
    def end(self) -> int:
        return self.segments[-1].end

    def offset(self, i: int) -> int:
        """Source offset of position ``i`` in this block's text."""
        ats = [s.at for s in self.segments]
        k = max(0, bisect.bisect_right(ats, i) - 1)
        seg = self.segments[k]
        return min(seg.start + (i - seg.at), seg.end) if i >= seg.at else seg.start

    def span(self, i: int, j: int) -> Span:
        """Source span of [i, j) in this block's text (j > i)."""
        return Span(self.offset(i), self.offset(j - 1) + 1 if j > i else self.offset(i))

    @functools.cached_property
    def body_start(self) -> int:
        """Where the text after an outline marker begins (0 for paragraphs)."""
        return self.heading.title_at if self.heading else 0

    @functools.cached_property
    def sentences(self) -> tuple[tuple[int, int], ...]:
        """(start, end) of each sentence in ``text``; the end includes its 。；！？."""
        return _split(self.text, SENTENCE_END)

    @functools.cached_property
    def clauses(self) -> tuple[tuple[int, int], ...]:
        """Sentences further split at ，：, for clause-level checks."""
        return _split(self.text, CLAUSE_END)


@functools.cache
def _ender(ends: str) -> re.Pattern[str]:
    # closing quotes and brackets stay with their sentence
    return re.compile(f"[{re.escape(ends)}][”’」』）)]*")


def _split(text: str, ends: str) -> tuple[tuple[int, int], ...]:
    parts = []
    start = 0
    for m in _ender(ends).finditer(text):
        if text[start : m.end()].strip():
            parts.append((start, m.end()))
        start = m.end()
    if text[start:].strip():
        parts.append((start, len(text)))
    return tuple(parts)


@dataclass(eq=False)
class Heading:
    """A line that starts with an outline marker (一、 （一） 1. （1）…)."""

    style: str
    number: int
    ordinal: str  # the marker as written, e.g. "（一）"
    marker: Span
    title: str
    title_at: int  # where the title starts in the block's text
    block: Block
    level: int = 0  # depth in the outline, assigned by the outline builder
    anomaly: str | None = None  # duplicate / gap / order / orphan, set by the builder
    expected: int | None = None  # the ordinal the builder expected

    @property
    def is_title(self) -> bool:
        """Short and not a sentence: a section title rather than a numbered paragraph."""
        t = self.title.strip()
        return 0 < len(t) <= 40 and "。" not in t.rstrip("。") and not t.endswith(("。", "；", ";"))


@dataclass(eq=False)
class NumberedList:
    """Sibling headings under one parent, in the order written."""

    items: list[Heading] = field(default_factory=list)

    @property
    def last(self) -> int:
        return self.items[-1].number if self.items else 0

    @property
    def styles(self) -> set[str]:
        return {h.style for h in self.items}


@dataclass(eq=False)
class EnumItem:
    """One ``一是…`` item of an inline enumeration."""

    number: int
    block: Block
    marker_at: int  # offsets in block.text
    marker_end: int
    text_end: int  # where the item's text ends (next marker or block end)
    anomaly: str | None = None
    expected: int | None = None

    @property
    def marker_span(self) -> Span:
        return self.block.span(self.marker_at, self.marker_end)

    @property
    def text(self) -> str:
        return self.block.text[self.marker_end : self.text_end]


@dataclass(eq=False)
class Enumeration:
    """An inline enumeration: 一是…二是…, within a paragraph or across the paragraphs of a section."""

    items: list[EnumItem] = field(default_factory=list)

    @property
    def last(self) -> int:
        return self.items[-1].number if self.items else 0


@dataclass(eq=False)
class Section:
    """A heading and everything up to the next heading at its level or above."""

    heading: Heading | None
    parent: Section | None = None
    children: list[Section] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)  # paragraphs directly under the heading
    end: int = 0
    title_block: Block | None = None  # for a section titled by an unnumbered line (存在的主要问题)

    @property
    def level(self) -> int:
        return self.heading.level if self.heading else 0

    @property
    def title(self) -> str:
        if self.heading:
            return self.heading.title.strip()
        return self.title_block.text.strip() if self.title_block else ""

    @property
    def title_span(self) -> Span | None:
        """The heading line, or the unnumbered title line; None for the document itself."""
        block = self.heading.block if self.heading else self.title_block
        return block.span(0, len(block.text)) if block else None

    def walk(self) -> Iterator[Section]:
        yield self
        for child in self.children:
            yield from child.walk()

    def all_blocks(self) -> Iterator[Block]:
        """Every block under this section, headings of subsections included, in order."""
        yield from self.blocks
        for child in self.children:
            if child.heading:
                yield child.heading.block
            yield from child.all_blocks()

    def path(self) -> str:
        """The section path, e.g. "三、存在的主要问题", used in baseline keys."""
        parts = []
        node: Section | None = self
        while node and node.heading:
            parts.append(node.heading.ordinal + node.title)
            node = node.parent
        return " / ".join(reversed(parts))


@dataclass(frozen=True, slots=True)
class Join:
    """A paragraph re-joined across a page break: text before ends at ``before``, resumes at ``after``."""

    before: int
    after: int
    block: Block


@dataclass(eq=False)
class TitleBlock:
    text: str = ""
    span: Span | None = None
    unit: str = ""
    year: int | None = None
    report_type: str = ""


@dataclass(eq=False)
class Document:
    source: Source
    title: TitleBlock
    root: Section
    blocks: list[Block]
    headings: list[Heading]
    lists: list[NumberedList]
    enumerations: list[Enumeration]
    joins: list[Join]
    family: str | None = None  # set by the engine from the packs' family cues or config
    labels: Any = None  # the packs' label table (facts.Labels), set by the engine
    cache: dict[str, Any] = field(default_factory=dict)  # per-document results shared by kinds

    def sections(self) -> Iterator[Section]:
        return self.root.walk()

    def section_of(self, offset: int) -> Section:
        """The innermost section containing a source offset (bisect over heading starts)."""
        index = self.cache.get("section_index")
        if index is None:
            sections = [s for s in self.root.walk() if s.heading]
            index = self.cache["section_index"] = ([s.heading.block.start for s in sections], sections)
        starts, sections = index
        i = bisect.bisect_right(starts, offset) - 1
        while i >= 0:
            if offset < sections[i].end:
                return sections[i]
            i -= 1
        return self.root
