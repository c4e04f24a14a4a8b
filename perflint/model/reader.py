"""Source → Document: run the grammar on the lines and build the model.

Three steps, each a function: split the text into units (one per non-blank
line, headings recognised by the grammar) and re-join paragraphs that a page
break split; build the outline (numbered lists, then sections); find the
inline enumerations.
"""

from __future__ import annotations

import re

import pyparsing as pp

from ..read.source import Source, Span
from .document import (
    SENTENCE_END,
    Block,
    Document,
    Enumeration,
    EnumItem,
    Heading,
    Join,
    NumberedList,
    Section,
    Segment,
    TitleBlock,
)
from .grammar import CN_NUMERALS, MARKER_START, WORD_BEFORE_NUMERAL, build_grammar

_ANNEX = re.compile(r"^附件\s*[0-9０-９一二三四五六七八九十]*$")
# A cheap test of whether a line can start with an outline marker; only such lines
# are given to the grammar (most paragraphs start with 一是, 2021 年…, which cannot).
_MAY_BE_HEADING = re.compile(
    r"[ \t\u3000]*(?:#{1,6}[ \t]*)?(?:\[bookmark:[^\]\n]*\])?"
    r"(?:第[一二三四五六七八九十]{1,3}(?:部分|章)|[一二三四五六七八九十]{1,3}、|[（(](?:[一二三四五六七八九十]{1,3}|[0-9０-９]{1,3})[）)]"
    r"|[0-9０-９]{1,3}(?:[.．](?![0-9０-９])|、|[）)])|[①-⑳])"
)
_OPENERS = {"“": "”", "《": "》", "（": "）", "(": ")", "【": "】", "「": "」", "‘": "’"}


def read_document(source: Source) -> Document:
    units = _units(source)
    title, body = _title_block(source, units)
    blocks, joins = _blocks(source, body)
    headings = [b.heading for b in blocks if b.heading]
    root, lists = _outline(source, blocks)
    doc = Document(
        source=source,
        title=title,
        root=root,
        blocks=blocks,
        headings=headings,
        lists=lists,
        enumerations=[],
        joins=joins,
    )
    doc.enumerations = _enumerations(blocks)
    return doc


# --- units and page-break re-joining -------------------------------------------------


class _Unit:
    __slots__ = ("start", "end", "text", "parsed")

    def __init__(self, start: int, end: int, text: str, parsed: pp.ParseResults | None):
        self.start, self.end, self.text, self.parsed = start, end, text, parsed


def _units(source: Source) -> list[_Unit]:
    heading = build_grammar().heading
    units = []
    for start, end in source.lines():
        line = source.text[start:end]
        stripped = line.strip(" \t\u3000")
        if not stripped:
            continue
        parsed = None
        if stripped[0] in MARKER_START and _MAY_BE_HEADING.match(line):
            try:
                parsed = heading.parse_string(line, parse_all=True)
            except pp.ParseException:
                parsed = None
        # trim blanks so block text and spans start at the first visible character
        lead = len(line) - len(line.lstrip(" \t\u3000"))
        trail = len(line) - len(line.rstrip(" \t\u3000"))
        if parsed is not None:
            units.append(_Unit(start, end - trail, line[: len(line) - trail], parsed))
        else:
            units.append(_Unit(start + lead, end - trail, stripped, None))
    return units


def _title_block(source: Source, units: list[_Unit]) -> tuple[TitleBlock, list[_Unit]]:
    """The lines before the first heading that name the unit, year and report type."""
    lead: list[_Unit] = []
    for unit in units:
        if unit.parsed is not None or len(unit.text) > 80 or len(lead) >= 4 or any(c in unit.text for c in "。，；"):
            break
        lead.append(unit)
    ends = [i for i, u in enumerate(lead) if "报告" in u.text or "自评表" in u.text]
    if ends:
        lead = lead[: ends[0] + 1]
    elif not units or units[0].parsed is not None:
        lead = []
    else:
        lead = lead[:1]
    title_units = [u for u in lead if not _ANNEX.match(u.text)]
    block = TitleBlock()
    if title_units:
        block.text = "".join(u.text for u in title_units)
        block.span = Span(title_units[0].start, title_units[-1].end)
        # PDF conversion scatters blanks inside titles ("花都区委员会部门整体支出 绩效自评报告")
        text = re.sub(r"[ \t\u3000]+", "", block.text)
        try:
            parsed = build_grammar().title.parse_string(text)
            block.year = int(parsed["year"])
            block.report_type = parsed["report_type"]
            block.unit = (parsed.get("before_year") or "") + (parsed.get("after_year") or "")
        except pp.ParseException:
            block.unit = text
    return block, units[len(lead) :]


def _continues(text: str, is_title: bool) -> bool:
    """Whether a block that ends here was cut by a page break, not by its author.

    It must not end a sentence and must read as running prose: internal
    punctuation, an unclosed bracket or quote, or the length of a full line.
    """
    if is_title or not text:
        return False
    last = text.rstrip("”’」』）)")[-1:] if text.rstrip("”’」』）)") else ""
    if text[-1] in SENTENCE_END + "：:" or last in SENTENCE_END:
        return False
    if any(ch in text for ch in "，,、；;。"):
        return True
    if any(text.count(o) > text.count(c) for o, c in _OPENERS.items()):
        return True
    return len(text) >= 30


def _blocks(source: Source, units: list[_Unit]) -> tuple[list[Block], list[Join]]:
    blocks: list[Block] = []
    joins: list[Join] = []
    for unit in units:
        prev = blocks[-1] if blocks else None
        if (
            prev is not None
            and unit.parsed is None
            and _continues(prev.text, bool(prev.heading and prev.heading.is_title))
        ):
            seg = Segment(unit.start, unit.end, len(prev.text))
            joins.append(Join(prev.end, unit.start, prev))
            prev.segments = prev.segments + (seg,)
            prev.text += unit.text
            if prev.heading:
                prev.heading.title += unit.text
            continue
        block = Block(unit.text, (Segment(unit.start, unit.end, 0),))
        if unit.parsed is not None:
            block.heading = _heading(unit, block)
        blocks.append(block)
    # joins point at their final block, which may have grown after the join was recorded
    return blocks, joins


def _heading(unit: _Unit, block: Block) -> Heading:
    marker = unit.parsed["marker"]
    title = unit.parsed["title"]
    value = marker["value"]
    return Heading(
        style=value["style"],
        number=int(value["number"]),
        ordinal=unit.text[marker.locn_start : marker.locn_end],
        marker=Span(unit.start + marker.locn_start, unit.start + marker.locn_end),
        title=title["value"][0],
        title_at=title.locn_start,
        block=block,
    )


# --- the outline ------------------------------------------------------------------------


class _Open:
    """A numbered list still open on the builder's stack."""

    __slots__ = ("list", "parent", "current")

    def __init__(self, lst: NumberedList, parent: Section):
        self.list, self.parent, self.current = lst, parent, parent


def _outline(source: Source, blocks: list[Block]) -> tuple[Section, list[NumberedList]]:
    """Assign every heading to a numbered list and build the section tree.

    A heading continues the open list of its style whose last ordinal precedes
    it; ordinal 1 opens a nested list; otherwise it joins the closest open list
    of its style (a duplicate, gap or out-of-order ordinal) or, failing that,
    the open list it would continue in another style (mixed styles, seed 002:
    ``1、基本情况`` then ``二、``).
    """
    root = Section(heading=None)
    lists: list[NumberedList] = []
    stack: list[_Open] = []
    current = root
    for block in blocks:
        h = block.heading
        if h is None:
            block.section = current
            current.blocks.append(block)
            continue
        depth = _place(h, stack)
        if depth is None:  # a new nested list
            parent = stack[-1].current if stack else root
            lst = NumberedList()
            lists.append(lst)
            stack.append(_Open(lst, parent))
            if h.number != 1:
                h.anomaly, h.expected = "gap", 1
        else:
            del stack[depth + 1 :]
            lst = stack[-1].list
            if lst.items:
                last = lst.last
                if h.number == last:
                    h.anomaly, h.expected = "duplicate", last + 1
                elif h.number > last + 1:
                    h.anomaly, h.expected = "gap", last + 1
                elif h.number < last:
                    h.anomaly, h.expected = "order", last + 1
        top = stack[-1]
        h.level = len(stack)
        top.list.items.append(h)
        section = Section(heading=h, parent=top.parent)
        top.parent.children.append(section)
        top.current = section
        block.section = section
        current = section
    _set_ends(root, len(source.text))
    return root, lists


def _place(h: Heading, stack: list[_Open]) -> int | None:
    """Index of the open list that heading ``h`` continues, or None for a new list."""
    same = [i for i in range(len(stack) - 1, -1, -1) if h.style in stack[i].list.styles]
    for i in same:
        if stack[i].list.last == h.number - 1:
            return i
    if h.number == 1:
        return len(stack) - 1 if same and same[0] == len(stack) - 1 else None
    if same:
        return same[0]
    for i in range(len(stack) - 1, -1, -1):
        if stack[i].list.last == h.number - 1:
            return i
    return None


def _set_ends(section: Section, end: int) -> None:
    section.end = end
    for i, child in enumerate(section.children):
        nxt = section.children[i + 1].heading.block.start if i + 1 < len(section.children) else end
        _set_ends(child, nxt)


# --- inline enumerations ------------------------------------------------------------------


def _markers(block: Block) -> list[tuple[int, int, int]]:
    """(number, start, end) of every 一是/二是… marker in a block's text."""
    grammar = build_grammar().enum_marker
    text = block.text
    found = []
    i = text.find("是", block.body_start)
    while i != -1:
        j = i
        while j > block.body_start and text[j - 1] in CN_NUMERALS and i - j < 2:
            j -= 1
        if j < i and (j == 0 or (text[j - 1] not in WORD_BEFORE_NUMERAL and text[j - 1] not in CN_NUMERALS)):
            try:
                number = int(grammar.parse_string(text[j : i + 1])["number"])
            except (pp.ParseException, ValueError):
                number = 0
            if 0 < number <= 30:
                start = j
                # a leading "- " bullet belongs to the marker
                k = j
                while k > 0 and text[k - 1] in " \t\u3000":
                    k -= 1
                if k > 0 and text[k - 1] in "-－•·" and k - 1 == 0:
                    start = 0
                found.append((number, start, i + 1))
        i = text.find("是", i + 1)
    return found


def _enumerations(blocks: list[Block]) -> list[Enumeration]:
    """Group markers into enumerations.

    A paragraph that opens with a marker continues the section's paragraph-level
    enumeration (seed 000: 一是/二是/三是 one paragraph each); markers inside a
    paragraph form lists of their own, restarting at 一是.
    """
    result: list[Enumeration] = []
    para_list: Enumeration | None = None
    for block in blocks:
        if block.heading:
            para_list = None
        markers = _markers(block)
        current: Enumeration | None = None
        for idx, (number, start, end) in enumerate(markers):
            text_end = markers[idx + 1][1] if idx + 1 < len(markers) else len(block.text)
            item = EnumItem(number, block, start, end, text_end)
            at_start = idx == 0 and not block.heading and block.text[:start].strip(" \t\u3000-－•·") == ""
            if at_start:
                current = para_list if number != 1 else None
            if number == 1 or current is None:
                current = Enumeration()
                result.append(current)
                if number != 1:
                    item.anomaly, item.expected = "gap", 1
            else:
                last = current.last
                if number == last:
                    item.anomaly, item.expected = "duplicate", last + 1
                elif number > last + 1:
                    item.anomaly, item.expected = "gap", last + 1
                elif number < last:
                    item.anomaly, item.expected = "order", last + 1
            current.items.append(item)
            if at_start:
                para_list = current
    return result
