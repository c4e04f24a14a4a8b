"""The document model: parts, title blocks, sections as a tree, paragraphs, enumerations.

Every position is an offset into ``Source.text``.  A ``Block`` is what a
reader sees as one paragraph (or one table row or cell): the reader re-joins
paragraphs that a PDF page break split mid-sentence, so a block's text may come
from several lines; its ``segments`` map every character back to the original
offset.  ``Block.folded`` is the same text folded for matching (simplified
script, full-width punctuation; ``textnorm.fold``), character for character.

A text may hold several reports (an aggregator page, a report with its annex):
each is a ``Part`` with its own title, outline, shape and completeness, and a
requirement about a whole report applies to each whole part.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..read.regex_cache import compiled
from ..read.source import Source, Span
from .textnorm import narrow, title_key, title_like

SENTENCE_END = "。！？!?；;"
#: The longest stretch read as one sentence or list item: no real one comes near it, and a
#: paragraph without a full stop then costs the same for each figure or claim in it.
MAX_ITEM = 2000
_ITEM_END = compiled("[。；]")
CLAUSE_END = SENTENCE_END + "，,：:"

#: What a part is, for the rules that apply to it (``shapes:`` in packs).
SHAPES = ("report", "form", "report+form", "preamble")




class once:  # noqa: N801 - used as a decorator, like functools.cached_property
    """functools.cached_property without the lock Python 3.11 takes on every first access (3.12
    dropped it): a paragraph's sentences, clauses and narrow form are computed once, in one thread."""

    def __init__(self, compute: Any):
        self.compute, self.__doc__ = compute, compute.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.compute(instance)
        return value

@dataclass(frozen=True, slots=True)
class Segment:
    """A run of original text [start, end) that sits at ``at`` in a block's text."""

    start: int
    end: int
    at: int


@dataclass(eq=False)
class Block:
    """A paragraph, a heading line, or a table row or cell, re-joined across page breaks."""

    text: str
    segments: tuple[Segment, ...]
    folded: str = ""
    heading: Heading | None = None
    section: Section | None = None
    part: Part | None = None
    cell: bool = False  # a table row or cell: not prose, never an outline heading

    def __post_init__(self) -> None:
        if len(self.folded) != len(self.text):
            from .textnorm import fold

            self.folded = fold(self.text)

    @property
    def start(self) -> int:
        return self.segments[0].start

    @property
    def end(self) -> int:
        return self.segments[-1].end

    def offset(self, i: int) -> int:
        """Source offset of position ``i`` in this block's text."""
        if len(self.segments) == 1:
            seg = self.segments[0]
            return min(seg.start + i, seg.end)
        ats = [s.at for s in self.segments]
        k = max(0, bisect.bisect_right(ats, i) - 1)
        seg = self.segments[k]
        return min(seg.start + (i - seg.at), seg.end) if i >= seg.at else seg.start

    def span(self, i: int, j: int) -> Span:
        """Source span of [i, j) in this block's text (j > i)."""
        return Span(self.offset(i), self.offset(j - 1) + 1 if j > i else self.offset(i))

    @once
    def body_start(self) -> int:
        """Where the text after an outline marker begins (0 for paragraphs)."""
        return self.heading.title_at if self.heading else 0

    @property
    def pure_title(self) -> bool:
        """A heading line that is only a title (三、存在的主要问题), with no text of its own."""
        return self.heading is not None and self.heading.is_title and not self.heading.has_body

    @once
    def narrow(self) -> str:
        """``folded`` with full-width ASCII and the ideographic space narrowed (same length):
        computed once for the checks that compare pieces of the paragraph up to width."""
        return narrow(self.folded)

    @once
    def line_title(self) -> str:
        """The title key of a short unnumbered line that reads as a section title (存在的主要问题
        written without 三、), or "": asked by every required section the checks look for,
        computed once (read only after the reader is done with the block)."""
        return title_key(self.folded) if self.heading is None and title_like(self.folded) else ""

    @once
    def sentences(self) -> tuple[tuple[int, int], ...]:
        """(start, end) of each sentence in ``text``; the end includes its 。；！？."""
        return _split(self.folded, SENTENCE_END)

    def item_start(self, i: int, within: int = MAX_ITEM) -> int:
        """Where the sentence or list item holding position ``i`` of ``folded`` starts: just
        after the last 。 or ； before ``i`` (one place for the kinds that read a figure or a
        claim in its item; ! and ? do not end one, and ; is ； once folded), at most
        ``within`` characters back."""
        text = self.folded
        low = max(0, i - within)
        return max(text.rfind("。", low, i), text.rfind("；", low, i), low - 1) + 1

    def item_end(self, i: int, within: int = MAX_ITEM) -> int:
        """Where that item ends: at the first 。 or ； from ``i`` on (excluded), at most
        ``within`` characters on."""
        found = _ITEM_END.search(self.folded, i, i + within)
        return found.start() if found else min(len(self.folded), i + within)

    @once
    def clauses(self) -> tuple[tuple[int, int], ...]:
        """Sentences further split at ，：, for clause-level checks."""
        return _split(self.folded, CLAUSE_END)


@functools.cache
def _ender(ends: str) -> re.Pattern[str]:
    # closing quotes and brackets stay with their sentence
    return compiled(f"[{re.escape(ends)}][”’」』）)]*")


def _split(text: str, ends: str) -> tuple[tuple[int, int], ...]:
    # every piece up to an end mark holds that mark, so none is blank; only the tail may be
    cuts = [m.end() for m in _ender(ends).finditer(text)]
    parts = list(zip([0, *cuts], cuts, strict=False))
    start = cuts[-1] if cuts else 0
    if text[start:].strip():
        parts.append((start, len(text)))
    return tuple(parts)


@dataclass(eq=False)
class Heading:
    """A line that starts with an outline marker (一、 （一） 1. （1）…).

    ``title`` is the short title the marker introduces (``基本情况`` in
    ``一、基本情况。本单位…``); a numbered paragraph has no title (``""``) and is
    an item of its list, never a section title.
    """

    style: str
    number: int
    ordinal: str  # the marker as written, e.g. "（一）"
    marker: Span
    title: str
    title_at: int  # where the text after the marker starts in the block's text
    block: Block
    title_end: int = -1  # where the short title ends in the block's text
    level: int = 0  # depth in the outline, assigned by the outline builder
    anomaly: str | None = None  # duplicate / gap / order, set by the builder
    expected: int | None = None  # the ordinal the builder expected
    near: Block | None = None  # for a gap: the unnumbered line where the missing item seems to be
    glued: bool = False  # split out of a flattened line: where its title ends is a guess
    prefix: str = ""  # a decimal heading's numbers above its own: "2." in 2.3

    @property
    def is_title(self) -> bool:
        """A short title rather than a numbered paragraph."""
        return bool(self.title)

    @property
    def has_body(self) -> bool:
        """Text of its own after the title (一、基本情况。本单位…)."""
        end = self.title_end if self.title_end >= 0 else len(self.block.text)
        return bool(self.block.text[end:].strip(" \t\u3000。：:；;，,.、|"))

    @once
    def key(self) -> str:
        """The title as compared with section aliases (made once: every required section and
        every problems title is looked for among the headings)."""
        return title_key(self.title)


@dataclass(eq=False)
class NumberedList:
    """Sibling headings under one parent, in the order written."""

    items: list[Heading] = field(default_factory=list)
    #: the marker styles of its items, kept as they are added (asked at every later heading)
    styles: set[str] = field(default_factory=set)

    def add(self, heading: Heading) -> None:
        self.items.append(heading)
        self.styles.add(heading.style)

    @property
    def last(self) -> int:
        return self.items[-1].number if self.items else 0


@dataclass(eq=False)
class EnumItem:
    """One item of an inline enumeration: ``一是…``, ``2.…``, ``③…`` within a paragraph."""

    number: int
    block: Block
    marker_at: int  # offsets in block.text
    marker_end: int
    text_end: int  # where the item's text ends (next marker or block end)
    style: str = "enum"
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
    style: str = "enum"

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
    inline_title: str = ""  # for a field written inline (存在问题：无), its title

    @property
    def level(self) -> int:
        return self.heading.level if self.heading else 0

    @property
    def title(self) -> str:
        if self.heading:
            return self.heading.title.strip()
        if self.inline_title:
            return self.inline_title
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
        """The section path, e.g. "三、存在的主要问题", used in baseline keys.

        A numbered paragraph contributes only its ordinal: its text is content,
        not a name, and an edit inside it must not change the path.
        """
        parts = []
        node: Section | None = self
        while node and node.heading:
            parts.append(node.heading.ordinal.strip() + node.heading.title.strip())
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
    block: Block | None = None


@dataclass(eq=False)
class Part:
    """One report (or form) of the text: its title, outline, shape and completeness.

    ``cut_start`` / ``cut_end`` say the text seems to begin or end in the middle
    of the report; ``whole`` parts are the ones whose requirements about the
    whole document (sections present, a score stated) can be judged.
    """

    title: TitleBlock
    root: Section
    blocks: list[Block] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    lists: list[NumberedList] = field(default_factory=list)
    enumerations: list[Enumeration] = field(default_factory=list)
    joins: list[Join] = field(default_factory=list)
    tables: list[Any] = field(default_factory=list)  # tables.Table: the form's rows and columns
    shape: str = "report"
    cut_start: str = ""  # why the part seems to start mid-document, "" if not
    cut_end: str = ""  # why it seems to end mid-document ("ends mid-sentence", …), "" if not
    family: str | None = None
    start: int = 0
    end: int = 0

    @property
    def whole(self) -> bool:
        return not self.cut_start and not self.cut_end

    @once
    def _block_starts(self) -> list[int]:
        return [b.start for b in self.blocks]

    def blocks_between(self, after: int | None, before: int) -> list[Block]:
        """The part's blocks that start after offset ``after`` (from the first when None) and
        before ``before``, by bisection (asked by the checks, after the reader is done)."""
        starts = self._block_starts
        low = 0 if after is None else bisect.bisect_right(starts, after)
        return self.blocks[low : bisect.bisect_left(starts, before)]


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
    parts: list[Part] = field(default_factory=list)
    family: str | None = None  # set by the engine from the packs' family cues or config
    labels: Any = None  # the packs' label table (facts.Labels), set by the engine
    cache: dict[str, Any] = field(default_factory=dict)  # per-document results shared by kinds

    def sections(self) -> Iterator[Section]:
        return self.root.walk()

    @property
    def tables(self) -> list[Any]:
        return [t for p in self.parts for t in p.tables]

    @property
    def shape(self) -> str:
        """The shape of the main part: the largest report or form of the text."""
        main = self.main_part
        return main.shape if main is not None else "report"

    @property
    def main_part(self) -> Part | None:
        candidates = [p for p in self.parts if p.shape != "preamble"] or self.parts
        return max(candidates, key=lambda p: p.end - p.start) if candidates else None

    def section_of(self, offset: int) -> Section:
        """The innermost section containing a source offset (bisect over heading starts)."""
        index = self.cache.get("section_index")
        if index is None:
            sections = [s for s in self.root.walk() if s.heading]
            index = self.cache["section_index"] = ([s.heading.block.start for s in sections], sections)
        starts, sections = index
        i = bisect.bisect_right(starts, offset) - 1
        # the section containing the offset is the last one to start before it, or one of its
        # ancestors (sections nest): climb, never scan back through earlier sections
        section = sections[i] if i >= 0 else None
        while section is not None and section.heading is not None:
            if offset < section.end:
                return section
            section = section.parent
        return self.root

    def view(self, parts: Iterable[Part]) -> Document:
        """The same document restricted to some of its parts, for a rule that applies only to them."""
        wanted = {id(p) for p in parts}  # made once: a text of thousands of reports has as many parts
        chosen = [p for p in self.parts if id(p) in wanted]
        if len(chosen) == len(self.parts):
            return self
        root = Section(heading=None, end=len(self.source.text))
        for p in chosen:
            root.children.extend(p.root.children)
            root.blocks.extend(p.root.blocks)
        doc = Document(
            source=self.source,
            title=chosen[0].title if chosen else TitleBlock(),
            root=root,
            blocks=[b for p in chosen for b in p.blocks],
            headings=[h for p in chosen for h in p.headings],
            lists=[lst for p in chosen for lst in p.lists],
            enumerations=[e for p in chosen for e in p.enumerations],
            joins=[j for p in chosen for j in p.joins],
            parts=chosen,
            family=self.family,
            labels=self.labels,
        )
        doc.cache["terms"] = self.cache.get("terms")
        doc.cache["vocabulary"] = self.cache.get("vocabulary")
        return doc
