"""Source → Document: run the grammar on the lines and build the model.

The steps, each a function: split the text into units (one per non-blank line;
a long line that holds a whole flattened outline — ``…报告一、基本情况…二、…三、…``
— is split at its headings); mark table rows and cells (pipe and tab rows,
one-cell-per-line runs under form headers), which are never outline headings;
recognise headings with the grammar, on the folded text; split the text into
parts at report titles; then for each part re-join paragraphs that a page
break split, build the outline (numbered lists, then sections) and find the
inline enumerations (一是…二是…, 1.…2.…, ①…②…).  ``shape.py`` then says what
each part is (report, form…) and whether it seems cut off.
"""

from __future__ import annotations

import functools
import re

import pyparsing as pp

from ..read.regex_cache import compiled
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
    Part,
    Section,
    Segment,
    TitleBlock,
)
from .grammar import (
    CIRCLED,
    CN_NUMERALS,
    MARKER_START,
    WORD_BEFORE_NUMERAL,
    HeadingParse,
    build_grammar,
    cn_to_int,
    enum_number,
    heading_at,
)
from .shape import classify
from .tables import find_tables
from .textnorm import fold, narrow
from .vocabulary import EMPTY, Vocabulary

_ANNEX = compiled(r"^附件\s*[0-9０-９一二三四五六七八九十]*[：:]?$")
# A cheap test of whether a line can start with an outline marker; only such lines
# are given to the grammar (most paragraphs start with 一是, 2021 年…, which cannot).
_MAY_BE_HEADING = compiled(
    r"[ \t\u3000]*(?:#{1,6}[ \t]*)?(?:\*\*|__)?(?:\[bookmark[:：][^\]\n]*\])?"
    r"(?:第[一二三四五六七八九十]{1,3}(?:部分|章)|[一二三四五六七八九十]{1,3}、|[（(](?:[一二三四五六七八九十]{1,3}|[0-9０-９]{1,3})[）)]"
    r"|[0-9０-９]{1,3}(?:[.．](?![0-9０-９])|、|[）)])|[①-⑳]"
    r"|[0-9０-９]{1,2}(?:[.．][0-9０-９]{1,2}){1,3}|[0-9０-９]{1,2}[ \t\u3000]|[一二三四五六七八九十]{1,3}[.．](?![0-9０-９]))"
)
_OPENERS = {"“": "”", "《": "》", "（": "）", "(": ")", "【": "】", "「": "」", "‘": "’"}
#: The text after an outline marker ends its short title at one of these (一、基本情况。本单位…).
_TITLE_END = "。；！？："
#: Longest short title; a longer first sentence makes the line a numbered paragraph.
MAX_TITLE = 40
#: GB/T 9704 levels: a new list nests below the open lists of higher levels only.
_RANK = {"part": 0, "cn-dun": 1, "lost": 1, "paren-cn": 2, "arabic-dot": 3, "arabic-dun": 3,
         "paren-arabic": 4, "arabic-rparen": 4, "circled": 5,
         "decimal-1": 1, "decimal-2": 2, "decimal-3": 3, "decimal-4": 4, "cn-dot": 1}
#: Styles a reader takes for the same level when a writer mixes them (1、 then 二、; （一） then （2））.
_KIN = {"cn-dun": "dun", "arabic-dun": "dun", "lost": "dun", "paren-cn": "paren", "paren-arabic": "paren",
        "arabic-dot": "dot", "arabic-rparen": "dot", "circled": "circled", "part": "part",
        "decimal-1": "decimal-1", "decimal-2": "decimal-2", "decimal-3": "decimal-3", "decimal-4": "decimal-4",
        "cn-dot": "dun"}
_CELL_MAX = 24
_NUMERIC_CELL = compiled(r"^[\s\u3000]*(?:[-—/／、]+|[≥≤=<>＝]?[0-9０-９.,，]+\s*(?:%|％|分|万元|元)?)?[\s\u3000]*$")
# a cn-dun marker glued inside a long line: 报告一、基本情况…二、…
_GLUED = compiled(r"(?<![第一二三四五六七八九十、])([一二三四五六七八九十]{1,2})、(?=[\u4e00-\u9fff“《])")
_REPORT_TITLE_TAIL = compiled(r"\s*(?:[（(](?:精选|通用)?\s*[0-9]{1,3}\s*篇[）)]|[0-9]{1,2})?$")


class _Unit:
    __slots__ = ("start", "end", "text", "folded", "parsed", "cell", "glued", "attachment")

    def __init__(self, start: int, end: int, text: str, folded: str):
        self.start, self.end, self.text, self.folded = start, end, text, folded
        self.parsed: HeadingParse | None = None
        self.cell = False
        self.glued = False
        self.attachment = False  # a line of the report's closing list of attachments


def read_document(source: Source, vocabulary: Vocabulary = EMPTY) -> Document:
    folded = fold(source.text)
    units = _units(source, folded)
    _mark_cells(units, vocabulary)
    _parse_headings(units)
    units = _without_contents(units)
    units = _without_web_furniture(units, vocabulary)
    _unnumber_attachment_list(units)
    parts = [_read_part(source, chunk, vocabulary) for chunk in _split_parts(units, vocabulary)]
    if not parts:
        parts = [Part(title=TitleBlock(), root=Section(heading=None, end=len(source.text)))]
    root = Section(heading=None, end=len(source.text))
    for part in parts:
        root.children.extend(part.root.children)
        root.blocks.extend(part.root.blocks)
        classify(part, vocabulary, first=part is parts[0], last=part is parts[-1])
    main = next((p for p in parts if p.title.text), parts[0])
    return Document(
        source=source,
        title=main.title,
        root=root,
        blocks=[b for p in parts for b in p.blocks],
        headings=[h for p in parts for h in p.headings],
        lists=[lst for p in parts for lst in p.lists],
        enumerations=[e for p in parts for e in p.enumerations],
        joins=[j for p in parts for j in p.joins],
        parts=parts,
    )


# --- units ---------------------------------------------------------------------------


#: Blanks around a line: pdftotext ends each page with a form feed (\f) on a line's start.
_LINE_BLANKS = " \t\u3000\f\v"


def _units(source: Source, folded: str) -> list[_Unit]:
    units = []
    for start, end in source.lines():
        line = source.text[start:end]
        stripped = line.strip(_LINE_BLANKS)
        if not stripped or (len(stripped) <= 20 and stripped[0] in _FURNITURE_START and _page_furniture().match(stripped)):
            continue
        lead = len(line) - len(line.lstrip(_LINE_BLANKS))
        trail = len(line) - len(line.rstrip(_LINE_BLANKS))
        unit = _Unit(start + lead, end - trail, stripped, folded[start + lead : end - trail])
        for piece in _unglue(unit):
            units.extend(_bounded(piece))
    return units


#: A page's number printed in its footer (- 3 -, —3—, 第3页 共12页, Page 3 of 12): not text of
#: the report; left out, a paragraph the page ended in re-joins across it.  A bare number or
#: 3/12 is not one: a form's cells are such.
_FURNITURE_START = frozenset("-－—–‒·•第Pp")


@functools.cache
def _page_furniture() -> re.Pattern[str]:
    """Compiled for the first text that has a line it may match: most have none."""
    return compiled(
        r"(?:[-－—–‒·•]+[ \u3000]*[0-9０-９]{1,3}[ \u3000]*[-－—–‒·•]+"
        r"|第[ \u3000]*[0-9０-９]{1,3}[ \u3000]*页(?:[ \u3000]*[,，/／]?[ \u3000]*共[ \u3000]*[0-9０-９]{1,3}[ \u3000]*页)?"
        r"|[Pp]age[ \u3000]*[0-9]{1,3}(?:[ \u3000]*of[ \u3000]*[0-9]{1,3})?)$")


#: The longest paragraph perflint keeps whole.  Real paragraphs are a few thousand
#: characters at most; a longer "line" is a file flattened without line breaks, and
#: cutting it at sentence ends keeps every per-paragraph check's cost bounded.
MAX_BLOCK = 8000
_BREAK = compiled(r"[。！？；;]")


def _bounded(unit: _Unit) -> list[_Unit]:
    """A unit longer than MAX_BLOCK, cut after the last sentence end before each limit
    (or at the limit when a stretch has none)."""
    if len(unit.folded) <= MAX_BLOCK:
        return [unit]
    pieces, a, text = [], 0, unit.folded
    while len(text) - a > MAX_BLOCK:
        window_start = a + MAX_BLOCK // 2
        ends = [m.end() for m in _BREAK.finditer(text, window_start, a + MAX_BLOCK)]
        b = ends[-1] if ends else a + MAX_BLOCK
        piece = _Unit(unit.start + a, unit.start + b, unit.text[a:b], text[a:b])
        piece.glued = unit.glued
        pieces.append(piece)
        a = b
    piece = _Unit(unit.start + a, unit.end, unit.text[a:], text[a:])
    piece.glued = unit.glued
    pieces.append(piece)
    return pieces


def _unglue(unit: _Unit) -> list[_Unit]:
    """A long line holding a whole flattened outline (一、…二、…三、…, glued without line
    breaks by a converter) becomes one unit per heading; anything else stays whole."""
    text = unit.folded
    if len(text) < 150:
        return [unit]
    marks = []
    for m in _GLUED.finditer(text):
        try:
            number = cn_to_int(m.group(1))
        except ValueError:
            continue
        marks.append((m.start(), number))
    best = _longest_run(marks)
    if len(best) < 3:
        return [unit]
    cuts = [at for at, _ in best if at > 0]
    pieces = []
    bounds = [0, *cuts, len(text)]
    for a, b in zip(bounds, bounds[1:], strict=False):
        piece = _Unit(unit.start + a, unit.start + b, unit.text[a:b], text[a:b])
        piece.glued = True
        pieces.append(piece)
    return pieces


def _longest_run(marks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of consecutive ordinals (一、二、三、 or 三、四、…) among the marks, each
    followed by the first mark of the next number at least 8 characters on; computed from
    the end with an index per number, so a line with thousands of marks stays cheap."""
    import bisect

    if not marks:
        return []
    where: dict[int, tuple[list[int], list[int]]] = {}  # number → (its marks' offsets, their indexes)
    for k, (at, number) in enumerate(marks):
        offsets, indexes = where.setdefault(number, ([], []))
        offsets.append(at)
        indexes.append(k)
    following: list[int | None] = [None] * len(marks)
    length = [1] * len(marks)
    for k in range(len(marks) - 1, -1, -1):
        at, number = marks[k]
        offsets, indexes = where.get(number + 1, ([], []))
        j = bisect.bisect_left(offsets, at + 8)
        if j < len(offsets):
            following[k], length[k] = indexes[j], length[indexes[j]] + 1
    k: int | None = max(range(len(marks)), key=lambda i: (length[i], -i))
    run = []
    while k is not None:
        run.append(marks[k])
        k = following[k]
    return run


def _mark_cells(units: list[_Unit], vocabulary: Vocabulary) -> None:
    """Table rows (``a | b | c``, tab-separated) and one-cell-per-line runs under form
    headers are cells: their ordinals number cells, not an outline."""
    for unit in units:
        text = unit.folded
        if text.count("|") >= 2 or (text.endswith("|") and len(text) > 1) or not text.strip("| ") or text.count("\t") >= 1:
            unit.cell = True
    if not vocabulary.form_headers:
        return
    # one cell per line: a run of short lines, many of them numbers, with form headers among them
    i = 0
    while i < len(units):
        j = i
        while j < len(units) and _cell_like(units[j]):
            j += 1
        run = units[i:j]
        if len(run) >= 6:
            numeric = sum(1 for u in run if _NUMERIC_CELL.match(u.folded.rstrip("|")))
            headers = vocabulary.headers_in("".join(u.folded for u in run))
            if len(headers) >= 3 and numeric * 5 >= len(run):
                for u in run:
                    u.cell = True
        i = max(j, i + 1)


def _cell_like(unit: _Unit) -> bool:
    text = unit.folded.rstrip("| ")
    if unit.cell:
        return True
    if len(text) > _CELL_MAX:
        return False
    return not any(c in text for c in "。；，") or _NUMERIC_CELL.match(text) is not None


def _parse_headings(units: list[_Unit]) -> None:
    decimal = False
    for unit in units:
        if unit.cell:
            continue
        unit.parsed = parsed = _heading_of(unit.folded)
        if parsed is not None and parsed.style.startswith("decimal-") and parsed.style != "decimal-1":
            decimal = True
    for unit in units:
        parsed = unit.parsed
        if parsed is not None and parsed.style == "decimal-1" and (not decimal or not _bare_title(unit.folded, parsed.title_at)):
            unit.parsed = None  # 5 个项目…: a figure; a top-level 1 项目概况 only where the outline has 1.1


def _heading_of(line: str) -> HeadingParse | None:
    """The outline marker a folded line opens with; the grammar runs only where the cheap
    test says a marker may start (most lines start with 一是, 2021 年…, which cannot)."""
    return heading_at(line) if line[0] in MARKER_START and _MAY_BE_HEADING.match(line) else None


def _bare_title(line: str, at: int) -> bool:
    """The rest of the line is a short title and nothing else (项目概况, not 个项目完成验收。)."""
    title = line[at:].strip(" \t\u3000")
    return 0 < len(title) <= MAX_TITLE and not any(c in title for c in "。；，：！？") and not _CELLS.search(title)


#: A figure after a blank: a row of cells flattened into blanks (1 产出指标 数量指标 30 30), not a title.
_CELLS = compiled(r"[ \t\u3000][0-9０-９]")


def _without_web_furniture(units: list[_Unit], vocabulary: Vocabulary) -> list[_Unit]:
    """The units less the lines a web page prints above and under the report it publishes
    (首页 > 政务公开, 发布时间：…; 【打印本页】, 主办单位：…, ICP备…号), which would make a
    whole report look cut off mid-sentence or begin inside another text."""
    furniture = vocabulary.web_furniture
    if furniture is None:
        return units

    def web(unit: _Unit) -> bool:
        return len(unit.folded) <= 200 and furniture.match(_BLANKS.sub("", unit.folded)) is not None

    start, end = 0, len(units)
    while start < end and web(units[start]):
        start += 1
    while end > start and web(units[end - 1]):
        end -= 1
    return units if (start, end) == (0, len(units)) else units[start:end]


# --- a table of contents ---------------------------------------------------------------

#: The label above a table of contents.
_CONTENTS_LABEL = compiled(r"^(?:目[ \t\u3000]*[录錄次]|CONTENTS|Contents)[：:]?$")
#: An entry's page number: after dot leaders, or after blanks or a tab.
_PAGE = compiled(r"(?:(?P<leader>[.．…·•・⋯\-—_]{3,})|[ \t\u3000]+)[ \t\u3000]*(?:第[ \t\u3000]*)?(?P<page>[0-9０-９]{1,3})(?:[ \t\u3000]*页)?$")
_BLANKS = compiled(r"[ \t\u3000]+")
_DIGITS = frozenset("0123456789０１２３４５６７８９")
_NOT_IN_ENTRY = compiled(f"[{re.escape(SENTENCE_END)}，]")
#: A run of entries this long is a table of contents when the outline restarts after it.
_MIN_CONTENTS = 3


class _Entry:
    """A line that can be a table-of-contents entry: 一、基本情况, 一、基本情况……3, 前言…………1."""

    __slots__ = ("key", "whole", "page", "leader")

    def __init__(self, key: str, whole: str, page: int | None, leader: bool):
        self.key, self.whole, self.page, self.leader = key, whole, page, leader


def _entry(unit: _Unit) -> _Entry | None:
    """The entry a line can be, keyed with blanks removed so that an entry and the heading
    it names compare equal; None for anything else (prose, a form row)."""
    text = unit.folded
    if len(text) > 2 * MAX_TITLE + 20 or text.count("\t") > 1 or (unit.cell and "\t" not in text):
        return None
    page = _PAGE.search(text) if text[-1] in _DIGITS else None
    if page is None and unit.parsed is None:
        return None
    head = text[: page.start()] if page else text
    if not head or _NOT_IN_ENTRY.search(head):
        return None
    leader = page is not None and page.group("leader") is not None
    parsed = unit.parsed if page is None else _heading_of(head)
    if parsed is not None:
        if not 0 < len(head) - parsed.title_at <= MAX_TITLE:
            return None
    elif not leader or len(head) > MAX_TITLE:
        return None  # an unnumbered line is an entry only with its dot leaders and page number
    if page is not None and parsed is None and unit.parsed is None and not leader:
        return None
    number = int(narrow(page.group("page"))) if page else None
    return _Entry(_BLANKS.sub("", head), _BLANKS.sub("", text), number, leader)


def _without_contents(units: list[_Unit]) -> list[_Unit]:
    """The units less any table of contents (目录 and its entries), whose lines would
    otherwise read as an outline of empty sections that then starts again.

    A run of entry lines is a table of contents when the outline restarts after it (its
    first entry is the next heading, or recurs inside the run), when 目录 stands above it,
    or when most of its entries end in dot leaders and a page number.  A number after
    blanks is taken for a page only when the run's numbers never decrease (a form's
    scores, 30 30 10, do) or 目录 stands above: a run of form rows stays what it is."""
    entries = [_entry(u) for u in units]
    if sum(e is not None for e in entries) < 2:
        return units
    seen = _Lookahead(units, entries)
    dropped: set[int] = set()
    i = 0
    while i < len(units):
        if entries[i] is None:
            i += 1
            continue
        labelled = i > 0 and _CONTENTS_LABEL.match(units[i - 1].folded) is not None
        end = _contents_end(entries, seen, i, labelled)
        if end is not None:
            dropped.update(range(i - 1 if labelled else i, end))
            i = end
        else:
            i = seen.run_end[i]
    if not dropped:
        return units
    return [u for k, u in enumerate(units) if k not in dropped]


class _Lookahead:
    """For each unit, computed in one backward pass (so that finding every table of contents
    stays linear): where its run of entries ends, the next entry with the same key (page
    dropped) and the same text, and the next heading."""

    def __init__(self, units: list[_Unit], entries: list[_Entry | None]):
        n = len(units)
        self.units = units
        self.run_end, self.same_key, self.same_whole = [n] * n, [n] * n, [n] * n
        self.next_heading = [n] * (n + 1)  # the index of the next unit parsed as a heading
        last_key: dict[str, int] = {}
        last_whole: dict[str, int] = {}
        for k in range(n - 1, -1, -1):
            entry = entries[k]
            self.next_heading[k] = k if units[k].parsed is not None else self.next_heading[k + 1]
            if entry is None:
                self.run_end[k] = k
                continue
            self.run_end[k] = self.run_end[k + 1] if k + 1 < n else n
            self.same_key[k], self.same_whole[k] = last_key.get(entry.key, n), last_whole.get(entry.whole, n)
            last_key[entry.key], last_whole[entry.whole] = k, k


def _paged(entries: list[_Entry | None], start: int, end: int) -> bool:
    """Every entry of [start, end) ends in a number and the numbers never decrease, ending above where they start."""
    pages = [e.page if e is not None else None for e in entries[start:end]]
    if not pages or any(p is None for p in pages):
        return False
    return all(a <= b for a, b in zip(pages, pages[1:], strict=False)) and pages[-1] > pages[0]  # type: ignore[operator]


def _contents_end(entries: list[_Entry | None], seen: _Lookahead, i: int, labelled: bool) -> int | None:
    """Where the table of contents that may start at entry ``i`` ends; None if it is none."""
    j = seen.run_end[i]
    first = entries[i]
    assert first is not None
    paged = labelled or _paged(entries, i, min(seen.same_key[i], j))
    restart = min(seen.same_key[i] if first.leader or paged else seen.same_whole[i], j)
    if restart < j and (restart - i >= _MIN_CONTENTS or (labelled and restart - i >= 2)):
        return restart
    if restart - i >= _MIN_CONTENTS:
        following = seen.next_heading[j]
        if restart == j and following < len(entries) \
                and _BLANKS.sub("", seen.units[following].folded) == (first.key if first.leader or paged else first.whole):
            return j
        if sum(1 for e in entries[i:restart] if e is not None and e.leader) * 3 >= (restart - i) * 2:
            return restart
    if labelled and restart - i >= 2:
        return restart
    return None


# --- parts --------------------------------------------------------------------------------


def _is_report_title(unit: _Unit, vocabulary: Vocabulary) -> bool:
    if unit.parsed is not None or unit.cell or unit.attachment or not vocabulary.report_titles:
        return False
    text = unit.folded.strip()
    if any(c in text for c in "。，；！？"):  # none of them is in the tail the next line cuts
        return False
    text = _REPORT_TITLE_TAIL.sub("", text)
    if not 4 <= len(text) <= 60:
        return False
    return text.endswith(vocabulary.report_titles)


_ATTACHMENTS = compiled(r"^附件\s*[0-9０-９一二三四五六七八九十]*\s*[：:]")
_ATTACHMENT_ENTRY_MAX = 60


def _unnumber_attachment_list(units: list[_Unit]) -> None:
    """A report that ends with its list of attachments (附件：1.项目支出绩效自评表 / 2.…) numbers
    entries, not sections, and names forms it does not hold: the 附件： line and the short
    lines after it, to the end, lose their outline marker (else each is an empty section)
    and are no report's title (else 附件：…自评表 starts a part with no sections)."""
    k = len(units)
    while k > 0:
        unit = units[k - 1]
        text = unit.folded.strip()
        if unit.cell or len(text) > _ATTACHMENT_ENTRY_MAX or any(c in text for c in "。；"):
            return
        if _ATTACHMENTS.match(text):
            for entry in units[k - 1 :]:
                entry.parsed, entry.attachment = None, True
            return
        k -= 1


def _split_parts(units: list[_Unit], vocabulary: Vocabulary) -> list[list[_Unit]]:
    """A new part begins at a report title once the current part has a body (an outline
    heading or some prose); titles before that are one title written on several lines.
    The part's own title again where the text goes on (a PDF's running header) is left out."""
    parts: list[list[_Unit]] = []
    current: list[_Unit] = []
    body = 0
    headed = False
    own = ""  # the current part's title, blanks removed
    styles: list[str] = []  # the current part's heading styles, the first first
    titles = [_is_report_title(unit, vocabulary) for unit in units]
    repeats = _title_repeats(units, titles)
    for k, unit in enumerate(units):
        title = titles[k]
        if title and own and _same_title(_BLANKS.sub("", unit.folded), own) \
                and ((not headed and body == 0) or ((headed or body >= 150) and _goes_on(current, styles, units, k, repeats))):
            continue  # the title again right under itself (a page header above it), or atop a page
        if title and (headed or body >= 150):
            # an annex marker (附件2) just before the title belongs to the new part
            carried = [current.pop()] if current and _ANNEX.match(current[-1].folded) else []
            parts.append(current)
            current, body, headed, own = carried, 0, False, ""
            styles = []
        current.append(unit)
        if title and not own:
            own = _BLANKS.sub("", unit.folded)
        if unit.parsed is not None:
            headed = True
            if unit.parsed.style not in styles:
                styles.append(unit.parsed.style)
        elif not title:
            body += len(unit.text)
    if current:
        parts.append(current)
    return [p for p in parts if p]


def _title_repeats(units: list[_Unit], titles: list[bool]) -> dict[str, int]:
    """How many times each report title line occurs, blanks removed."""
    counts: dict[str, int] = {}
    for unit, title in zip(units, titles, strict=True):
        if title:
            key = _BLANKS.sub("", unit.folded)
            counts[key] = counts.get(key, 0) + 1
    return counts


def _same_title(key: str, own: str) -> bool:
    """The part's title, or the title line with the unit's name before it (a header on one line)."""
    return key == own or key.endswith(own) or own.endswith(key)


def _goes_on(current: list[_Unit], styles: list[str], units: list[_Unit], k: int, repeats: dict[str, int]) -> bool:
    """Whether the text after the repeated title at ``units[k]`` goes on with the current
    part, so that the title is a page's running header and no new report: the page broke
    after a heading line (no report ends on one) or mid-sentence; or the next line is a heading or item of a numbering this part
    has used, numbered past its first (（三）, 5.) or below its top level (1. under 一、); or, where the title comes back on
    many pages, the next line is prose after a finished sentence.  Another report begins
    with its first heading, its form, or its own opening lines."""
    after = units[k + 1] if k + 1 < len(units) else None
    before = current[-1] if current else None
    if after is None or before is None or after.cell:
        return False
    last = before.folded.rstrip("”’」』）) \t\u3000")[-1:]
    if before.parsed is not None and 0 < len(before.folded) - before.parsed.title_at <= MAX_TITLE \
            and not any(c in before.folded for c in SENTENCE_END):
        return True  # after a heading line, before its first paragraph: no report ends on a bare heading
    if after.parsed is not None:
        style = after.parsed.style
        return style in styles and (after.parsed.number > 1 or style != styles[0])
    if not before.cell and last and last not in SENTENCE_END + "：:":
        return True  # the page broke mid-sentence
    key = _BLANKS.sub("", units[k].folded)
    return repeats.get(key, 0) >= 3 and last in SENTENCE_END and len(after.folded) > 40 and "。" in after.folded


def _read_part(source: Source, units: list[_Unit], vocabulary: Vocabulary) -> Part:
    title, body = _title_block(units, vocabulary)
    blocks, joins = _blocks(body, vocabulary)
    headings = [b.heading for b in blocks if b.heading]
    root, lists = _outline(source, blocks, units[0].start if units else 0, units[-1].end if units else 0)
    part = Part(title=title, root=root, blocks=blocks, headings=headings, lists=lists, joins=joins,
                start=units[0].start if units else 0, end=units[-1].end if units else 0)
    for block in blocks:
        block.part = part
    if title.block is not None:
        title.block.part = part
    part.enumerations = _enumerations(blocks)
    part.tables = find_tables(blocks, vocabulary)
    return part


def _title_block(units: list[_Unit], vocabulary: Vocabulary) -> tuple[TitleBlock, list[_Unit]]:
    """The lines before the first heading that name the unit, year and report type.

    A report title may follow a few lines of web-page or file-sharing boilerplate
    (《…》由会员分享…): the first title line among the opening lines is the title,
    and what stands before it stays in the text as the part's opening paragraphs.
    """
    for k, unit in enumerate(units[:6]):
        if unit.parsed is not None:
            break
        if k and _is_report_title(unit, vocabulary) and not any(_is_report_title(u, vocabulary) for u in units[:k]) \
                and any(len(u.text) > 40 or any(c in u.folded for c in "。，；：") for u in units[:k]):
            title, rest = _title_block(units[k:], vocabulary)
            return title, units[:k] + rest
    lead: list[_Unit] = []
    for unit in units:
        if unit.parsed is not None or unit.cell or len(unit.text) > 80 or len(lead) >= 4 or any(c in unit.folded for c in "。，；"):
            break
        if "：" in unit.folded and not _is_report_title(unit, vocabulary):
            break  # 时间：2023-04-28 …: page furniture, not part of a title
        lead.append(unit)
    ends = [i for i, u in enumerate(lead) if _is_report_title(u, vocabulary) or "报告" in u.folded or "自评表" in u.folded]
    if ends:
        lead = lead[: ends[-1] + 1] if _is_report_title(lead[ends[-1]], vocabulary) else lead[: ends[0] + 1]
    elif not units or units[0].parsed is not None or units[0].cell:
        lead = []
    elif len(units) > 1 and units[1].parsed is not None and len(units[0].text) <= 30:
        lead = lead[:1]  # a short line right above the first heading: a title without 报告
    else:
        lead = []
    title_units = [u for u in lead if not _ANNEX.match(u.folded)]
    block = TitleBlock()
    if title_units:
        block.text = "".join(u.text for u in title_units)
        block.span = Span(title_units[0].start, title_units[-1].end)
        segments, at = [], 0
        for u in title_units:
            segments.append(Segment(u.start, u.end, at))
            at += len(u.text)
        block.block = Block(block.text, tuple(segments), "".join(u.folded for u in title_units))
        # PDF conversion scatters blanks inside titles ("花都区委员会部门整体支出 绩效自评报告")
        text = _BLANKS.sub("", block.block.folded)
        try:
            parsed = build_grammar().title.parse_string(text)
            block.year = int(parsed["year"])
            block.report_type = parsed["report_type"]
            block.unit = (parsed.get("before_year") or "") + (parsed.get("after_year") or "")
        except pp.ParseException:
            block.unit = text
    return block, units[len(lead) :]


# --- blocks and page-break re-joining ---------------------------------------------------


def _mid_item(block: Block) -> bool:
    """Whether a block stops where no heading can follow: after 、 between two items of a
    list, or on an opening bracket.  A page's line breaks there ((7)…中心、 / (8)…; 其中：（
    / 3）春节…), and the next line, though it opens with a marker, goes on with the list."""
    return block.folded.rstrip(" \t\u3000")[-1:] in ("、", "（", "(")


def _continues(block: Block) -> bool:
    """Whether a block that ends here was cut by a page break, not by its author.

    It must not end a sentence and must read as running prose: internal
    punctuation, an unclosed bracket or quote, or the length of a full line.
    """
    text = block.folded
    if block.cell or block.pure_title or not text or (block.heading is not None and not block.heading.has_body and block.heading.title):
        return False
    trimmed = text.rstrip("”’」』）)")
    last = trimmed[-1:] if trimmed else ""
    if text[-1] in SENTENCE_END + "：:" or last in SENTENCE_END:
        return False
    if any(ch in text for ch in "，、；。"):
        return True
    if any(text.count(o) > text.count(c) for o, c in _OPENERS.items()):
        return True
    return len(text) >= 30


def _blocks(units: list[_Unit], vocabulary: Vocabulary) -> tuple[list[Block], list[Join]]:
    blocks: list[Block] = []
    joins: list[Join] = []
    closing = vocabulary.closing_lines
    for unit in units:
        prev = blocks[-1] if blocks else None
        if (prev is not None and not unit.cell and not unit.glued and _continues(prev)
                and (unit.parsed is None or _mid_item(prev))
                and not (closing is not None and closing.search(unit.folded))):
            seg = Segment(unit.start, unit.end, len(prev.text))
            joins.append(Join(prev.end, unit.start, prev))
            prev.segments = prev.segments + (seg,)
            prev.text += unit.text
            prev.folded += unit.folded
            prev.__dict__.pop("sentences", None)
            prev.__dict__.pop("clauses", None)
            continue
        block = Block(unit.text, (Segment(unit.start, unit.end, 0),), unit.folded, cell=unit.cell)
        if unit.parsed is not None:
            block.heading = _heading(unit, block)
        elif _LOST.match(unit.folded):
            block.heading = _lost_heading(unit, block)
        blocks.append(block)
    return blocks, joins


_LOST = compiled(rf"^、[\s\u3000]*[\u4e00-\u9fff][^。；，]{{1,{MAX_TITLE}}}$")


def _heading(unit: _Unit, block: Block) -> Heading:
    parsed = unit.parsed
    assert parsed is not None
    marker_start, marker_end = parsed.marker
    title_at = parsed.title_at
    title, title_end = short_title(unit.folded, title_at, unit.text, glued=unit.glued)
    return Heading(
        style=parsed.style,
        number=parsed.number,
        prefix=parsed.prefix,
        ordinal=unit.text[marker_start:marker_end],
        marker=Span(unit.start + marker_start, unit.start + marker_end),
        title=title,
        title_at=title_at,
        title_end=title_end,
        block=block,
        glued=unit.glued,
    )


def _lost_heading(unit: _Unit, block: Block) -> Heading:
    """``、项目绩效情况``: a heading whose ordinal was lost (三、 → 、)."""
    return Heading(style="lost", number=0, ordinal="、", marker=Span(unit.start, unit.start + 1),
                   title=unit.text[1:].strip(), title_at=1, title_end=len(unit.text), block=block)


_NESTED = compiled(r"[（(][一二三四五六七八九十0-9]{1,2}[）)]|(?<![0-9])[0-9]{1,2}[.．、](?=[\u4e00-\u9fff])")


def short_title(folded: str, at: int, text: str, glued: bool = False) -> tuple[str, int]:
    """The short title after a marker and where it ends; ("", at) for a numbered paragraph.

    The title runs to the first 。；：！？ (一、基本情况。本单位…), to a nested
    marker glued after it (一、基本情况(一)项目基本概况…), or to the end of a
    short line.  A list item is no title: one that ends with ；, or is a
    sentence of more than ``SHORT_SENTENCE`` characters ending with 。; nor is
    a first sentence longer than ``MAX_TITLE``.  (A short one ending with 。 in
    a list of numbered paragraphs is an item too: the outline builder decides.)
    A heading glued into a flattened line (…二、项目资金使用及管理情况我校…) has
    no boundary between title and text: its title runs at most to the first ，.
    """
    rest = folded[at:]
    stripped = rest.lstrip(" \t\u3000")
    lead = len(rest) - len(stripped)
    end = len(stripped)
    stop = ""
    ends = _TITLE_END + ("，" if glued else "")
    for i, ch in enumerate(stripped[: MAX_TITLE + 1]):
        if ch in ends:
            end, stop = i, ch
            break
    nested = _NESTED.search(stripped, 2, min(end, MAX_TITLE + 1))
    if nested is not None:
        end, stop = nested.start(), "marker"
    candidate = stripped[:end]
    if end > MAX_TITLE or end == 0 or stop == "；" or (stop == "，" and end > 24):
        return "", at
    if not any(ch.isalnum() for ch in candidate):
        return "", at  # (1)…… in a template: a placeholder item, not a section titled ……
    if end == len(stripped) and len(stripped) > MAX_TITLE:
        return "", at
    if stop in "。！？" and stop and (len(candidate) > SHORT_SENTENCE or "，" in candidate or any(c.isdigit() for c in candidate)):
        return "", at  # a statement (项目资金执行率为100%。), not a title
    title = text[at + lead : at + lead + end].rstrip(" \t\u3000|*_")  # **一、基本情况**: the closing bold mark
    return title, at + lead + end


#: A numbered line ending with 。 is a title only when this short (（二）项目绩效目标。).
SHORT_SENTENCE = 20


# --- the outline ------------------------------------------------------------------------


class _Open:
    """A numbered list still open on the builder's stack."""

    __slots__ = ("list", "parent", "current")

    def __init__(self, lst: NumberedList, parent: Section):
        self.list, self.parent, self.current = lst, parent, parent


def _outline(source: Source, blocks: list[Block], start: int, end: int) -> tuple[Section, list[NumberedList]]:
    """Assign every heading to a numbered list and build the section tree.

    A heading continues the open list of its style whose last ordinal precedes
    it; ordinal 1 opens a nested list; otherwise it joins the closest open list
    of its style (a duplicate, gap or out-of-order ordinal) or, failing that,
    an open list of a kindred style it would continue (a writer mixing styles
    for one level, seed 002: ``1、基本情况`` then ``二、``).  A new list nests
    below the open lists of higher GB/T 9704 levels only.
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
        if h.style == "lost":
            depth = _place_lost(h, stack)
        else:
            depth = _place(h, stack)
        if depth is None:  # a new nested list
            if h.number != 1:
                # a list that starts at （二）: it belongs below the open list of the next higher
                # GB/T 9704 level, not inside the items of a lower one (008: （二） after 1. 2. 3.)
                while len(stack) > 1 and min(_RANK[s] for s in stack[-1].list.styles) >= _RANK[h.style]:
                    stack.pop()
            parent = stack[-1].current if stack else root
            lst = NumberedList()
            lists.append(lst)
            stack.append(_Open(lst, parent))
            if h.number != 1:
                h.anomaly, h.expected = "gap", 1
                h.near = _missing_first(parent, block)
        else:
            del stack[depth + 1 :]
            lst = stack[-1].list
            if h.style == "lost":
                h.number = lst.last + 1
                h.anomaly, h.expected = "lost", h.number
            elif lst.items:
                last = lst.last
                if h.number == last:
                    h.anomaly, h.expected = "duplicate", last + 1
                elif h.number > last + 1:
                    h.anomaly, h.expected = "gap", last + 1
                elif h.number < last:
                    h.anomaly, h.expected = "order", last + 1
        top = stack[-1]
        h.level = len(stack)
        top.list.add(h)
        section = Section(heading=h, parent=top.parent)
        top.parent.children.append(section)
        top.current = section
        block.section = section
        current = section
    _set_ends(root, end)
    for lst in lists:
        _items_not_titles(lst)
    return root, lists


def _items_not_titles(lst: NumberedList) -> None:
    """In a list of numbered paragraphs (duties 1.…15.), a short item ending with 。 or
    without text of its own is an item like its siblings, not a section title."""
    paragraphs = sum(1 for h in lst.items if not h.title)
    if paragraphs * 2 < len(lst.items):
        return
    for h in lst.items:
        if h.title and not h.has_body:
            h.title, h.title_end = "", -1
            h.__dict__.pop("key", None)


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
        kin = {_KIN[s] for s in stack[i].list.styles}
        if stack[i].list.last == h.number - 1 and _KIN[h.style] in kin:
            return i
    return None


def _place_lost(h: Heading, stack: list[_Open]) -> int | None:
    """A heading that lost its ordinal (、项目绩效情况) continues the shallowest list numbered with 、."""
    for i, entry in enumerate(stack):
        if {_KIN[s] for s in entry.list.styles} & {"dun"}:
            return i
    return 0 if stack else None


def _missing_first(parent: Section, block: Block) -> Block | None:
    """For a list that starts at (二): the unnumbered short line under the same parent
    where (一) seems to have lost its marker (008: 资金投入情况分析。 before （二）)."""
    for candidate in parent.blocks:
        if candidate.start >= block.start:
            break
        text = candidate.folded.strip().rstrip("。：")
        if not candidate.cell and 2 <= len(text) <= 20 and not any(c in text for c in "，。；、") and not any(c.isdigit() for c in text) \
                and sum(1 for c in text if "\u4e00" <= c <= "\u9fff") >= 2:
            return candidate
    return None


def _set_ends(section: Section, end: int) -> None:
    section.end = end
    for i, child in enumerate(section.children):
        nxt = section.children[i + 1].heading.block.start if i + 1 < len(section.children) else end
        _set_ends(child, nxt)


# --- inline enumerations ------------------------------------------------------------------

# 2.做好…  3、对各类…  ①…: inside a paragraph, after a sentence or clause boundary
_INLINE_AS_WRITTEN = (  # the plain form, for tests/test_reader.py
    r"(?:(?<=^)|(?<=[。；;，,：:\s]))"
    r"(?:(?P<arabic>[1-9][0-9]?)(?P<sep>[.．、])(?=[\u4e00-\u9fff“《（(])|(?P<circled>[①-⑳]))"
)
# The same, with the marker's first character first and its context after it, so the engine
# jumps from candidate to candidate: the number is text[start:sep] (sep: None for ①).
_INLINE = compiled(
    r"[1-9①-⑳](?<![^。；;，,：:\s][1-9①-⑳])"
    r"(?:(?<=[1-9])[0-9]?(?P<sep>[.．、])(?=[\u4e00-\u9fff“《（(])|(?<=[①-⑳]))"
)


def _markers(block: Block) -> list[tuple[int, int, int, str]]:
    """(number, start, end, style) of every inline marker in a block's text."""
    text = block.folded
    found = []
    i = text.find("是", block.body_start)
    while i != -1:
        j = i
        while j > block.body_start and text[j - 1] in CN_NUMERALS and i - j < 2:
            j -= 1
        if j < i and (j == 0 or (text[j - 1] not in WORD_BEFORE_NUMERAL and text[j - 1] not in CN_NUMERALS)):
            number = enum_number(text[j : i + 1])
            if 0 < number <= 30:
                start = j
                # a leading "- " bullet belongs to the marker
                k = j
                while k > 0 and text[k - 1] in " \t\u3000":
                    k -= 1
                if k > 0 and text[k - 1] in "-－•·" and k - 1 == 0:
                    start = 0
                found.append((number, start, i + 1, "enum"))
        i = text.find("是", i + 1)
    for m in _INLINE.finditer(text, block.body_start):
        sep = m.group("sep")
        if sep is None:
            found.append((CIRCLED.index(text[m.start()]) + 1, m.start(), m.end(), "circled"))
        else:
            style = "arabic-dun" if sep == "、" else "arabic-dot"
            found.append((int(text[m.start() : m.start("sep")]), m.start(), m.end(), style))
    found.sort(key=lambda t: t[1])
    return found


def _enumerations(blocks: list[Block]) -> list[Enumeration]:
    """Group markers into enumerations, one style at a time.

    A paragraph that opens with 一是 continues the section's paragraph-level
    enumeration (seed 000: 一是/二是/三是 one paragraph each); other markers
    inside a paragraph form lists of their own, restarting at one.  A heading
    numbered ``1.`` whose text goes on ``2.…3.…`` (006) is the first item of
    that inline list.
    """
    result: list[Enumeration] = []
    listed: set[int] = set()  # ids of the enumerations in result
    para_list: Enumeration | None = None
    for block in blocks:
        if block.heading:
            para_list = None
        markers = _markers(block)
        current: dict[str, Enumeration] = {}
        h = block.heading
        if h is not None and h.style in ("arabic-dot", "arabic-dun", "circled") and any(s == h.style for *_, s in markers):
            seed = Enumeration(style=h.style)  # the heading's own marker: the list's first item, never reported
            seed.items.append(EnumItem(h.number, block, 0, h.title_at, h.title_at, h.style))
            current[h.style] = seed
        # where each item's text ends: at the next marker of its style (one pass from the end)
        ends: list[int] = [len(block.text)] * len(markers)
        next_start: dict[str, int] = {}
        for idx in range(len(markers) - 1, -1, -1):
            ends[idx] = next_start.get(markers[idx][3], len(block.text))
            next_start[markers[idx][3]] = markers[idx][1]
        for idx, (number, start, end, style) in enumerate(markers):
            text_end = ends[idx]
            item = EnumItem(number, block, start, end, text_end, style)
            at_start = (style == "enum" and idx == 0 and not block.heading
                        and block.folded[:start].strip(" \t\u3000-－•·") == "")
            lst = current.get(style)
            if at_start:
                lst = para_list if number != 1 else None
            if number == 1 or lst is None:
                lst = Enumeration(style=style)
                result.append(lst)
                listed.add(id(lst))
                if number != 1:
                    item.anomaly, item.expected = "gap", 1
            else:
                if id(lst) not in listed:
                    result.append(lst)
                    listed.add(id(lst))
                last = lst.last
                if number == last:
                    item.anomaly, item.expected = "duplicate", last + 1
                elif number > last + 1:
                    item.anomaly, item.expected = "gap", last + 1
                elif number < last:
                    item.anomaly, item.expected = "order", last + 1
            lst.items.append(item)
            current[style] = lst
            if at_start:
                para_list = lst
    return result
