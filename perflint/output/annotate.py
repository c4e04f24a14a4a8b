"""--annotate: a copy of a Word report with each finding as a comment (批注) on its text.

The comment is anchored on the exact characters the finding is about (the runs
are split at its first and last character, keeping their formatting), in a
paragraph or a table cell; a finding about the whole document is a comment on
the title.  The comment is authored "perflint" and holds the message, the rule
id and the related places (a rate's operands, the first copy of a repeat).
With --fix, the fixes are made as tracked changes (修订) by "perflint" in the copy.
Everything else in the file is carried over by python-docx as it was: styles,
tables, headers, images, tracked changes and existing comments.  The original
is only read; the copy is written atomically by the caller.
"""

from __future__ import annotations

import copy
import datetime
import io
import itertools
from collections.abc import Sequence
from typing import Any

from ..check.finding import Finding
from ..read.documents import docx_line_pieces, has_hidden, not_shown, paragraph_text
from ..read.source import Source
from .fixes import chosen

AUTHOR, INITIALS = "perflint", "PL"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def annotated_name(path: str) -> str:
    """report.docx → report.perflint.docx"""
    stem, _, suffix = path.rpartition(".")
    return f"{stem}.perflint.{suffix}"


def annotate(path: str, findings: Sequence[Finding], lang: str = "zh", source: Source | None = None,
             fix: bool = False, unsafe: bool = False) -> tuple[bytes, int, int]:
    """The bytes of the annotated copy, the number of comments and of tracked changes in it.

    With ``fix``, the findings' fixes (safe ones; unsafe ones too with ``unsafe``) are made
    as tracked changes by "perflint" (w:del / w:ins) that the writer accepts or rejects in
    Word; nothing is changed silently."""
    import docx
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

    document = docx.Document(path)
    lines = docx_line_pieces(document)
    count = 0
    for f in findings:
        anchor = _anchor(lines, f)
        if anchor is None:
            continue
        p, start, end = anchor
        runs = _runs_for(p, start, end)
        if not runs:
            continue
        paragraph = Paragraph(p, document._body)
        comment = document.add_comment([Run(runs[0], paragraph), Run(runs[-1], paragraph)],
                                       text=f"[{f.rule}] {f.message}", author=AUTHOR, initials=INITIALS)
        for r in f.related[:6]:
            comment.add_paragraph(f"参见 第 {r.line} 行：{r.label}" if lang == "zh" else f"see line {r.line}: {r.label}")
        count += 1
    changes = _track_fixes(lines, findings, source, unsafe) if fix and source is not None else 0
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue(), count, changes


def _track_fixes(lines: list[list[tuple[int, Any]]], findings: Sequence[Finding], source: Source, unsafe: bool) -> int:
    """Make each chosen fix's edits as tracked changes, last first in each paragraph so that the
    offsets of the ones before stay true (deleted text no longer counts as shown text)."""
    edits: list[tuple[Any, int, int, str]] = []
    for f in chosen(findings, unsafe):
        assert f.fix is not None
        for e in f.fix.edits:
            (line, column), (end_line, end_column) = source.position(e.start), source.position(e.end)
            if line != end_line or not 0 < line <= len(lines) or not lines[line - 1]:
                continue
            pieces = lines[line - 1]
            offset, p = next(((o, q) for o, q in reversed(pieces) if o <= column - 1), pieces[0])
            if column - 1 < offset:
                continue  # in the number Word draws before a list paragraph: not in its text
            edits.append((p, column - 1 - offset, end_column - 1 - offset, e.content))
    edits.sort(key=lambda e: (id(e[0]), -e[1]))
    when = datetime.datetime.now(datetime.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    ids = itertools.count(_next_revision_id(lines))
    made = 0
    for p, start, end, content in edits:
        if _tracked_change(p, start, end, content, when, ids):
            made += 1
    return made


def _next_revision_id(lines: list[list[tuple[int, Any]]]) -> int:
    used = [int(el.get(f"{_W}id")) for pieces in lines for _, p in pieces for el in p.iter(f"{_W}ins", f"{_W}del")
            if (el.get(f"{_W}id") or "").isdigit()]
    return max(used, default=0) + 1000


def _tracked_change(p: Any, start: int, end: int, content: str, when: str, ids: Any) -> bool:
    """Replace [start, end) of the paragraph's shown text by ``content`` as w:del + w:ins."""
    runs = _runs_for(p, start, end) if end > start else []
    if end > start and not runs:
        return False
    if not runs:
        return False  # a pure insertion: none of the packs' fixes is one
    deleted = _revision("del", when, next(ids))
    runs[0].addprevious(deleted)
    for r in runs:
        deleted.append(r)  # moves the run
        for t in r.iter(f"{_W}t"):
            t.tag = f"{_W}delText"
    if content:
        inserted = _revision("ins", when, next(ids))
        run = copy.deepcopy(runs[0])
        for child in list(run):
            if child.tag != f"{_W}rPr":
                run.remove(child)
        text = run.makeelement(f"{_W}t", {})
        text.text = content
        text.set(_XML_SPACE, "preserve")
        run.append(text)
        inserted.append(run)
        deleted.addnext(inserted)
    return True


def _revision(kind: str, when: str, number: int) -> Any:
    from docx.oxml import OxmlElement

    element = OxmlElement(f"w:{kind}")
    element.set(f"{_W}id", str(number))
    element.set(f"{_W}author", AUTHOR)
    element.set(f"{_W}date", when)
    return element


def _anchor(lines: list[list[tuple[int, Any]]], f: Finding) -> tuple[Any, int, int] | None:
    """(w:p element, first character, end) in that paragraph's text for a finding; the title
    (first paragraph with text) for a finding about the whole document."""
    if f.position is None:
        for pieces in lines:
            for _, p in pieces:
                if _text(p).strip():
                    return p, 0, len(_text(p))
        return None
    index = f.position.line - 1
    if not 0 <= index < len(lines) or not lines[index]:
        return None
    pieces = lines[index]
    column = f.position.column - 1
    offset, p = next(((o, q) for o, q in reversed(pieces) if o <= column), pieces[0])
    text = _text(p)
    start = max(0, column - offset)
    if f.position.end_line == f.position.line:
        end = f.position.end_column - 1 - offset
    else:
        end = len(text)
    end = min(max(end, start + 1), len(text))
    if start >= len(text):  # at the end of the line: the paragraph's last character
        start = max(0, len(text) - 1)
    return p, start, max(end, start + 1)


def _visible(node: Any) -> int:
    """Characters a run child shows, counted as the reader counts them."""
    if node.tag == f"{_W}t":
        return len(node.text or "")
    if node.tag in (f"{_W}tab", f"{_W}br", f"{_W}cr"):
        return 1
    return 0


def _text(p: Any) -> str:
    return paragraph_text(p)  # the text the reader read, columns and all


def _runs(p: Any) -> list[tuple[Any, int, int]]:
    """(w:r, start, end) of every run with visible text, in reading order (also inside
    hyperlinks, content controls and tracked insertions)."""
    out, at = [], 0
    hidden = has_hidden(p)
    for r in p.iter(f"{_W}r"):
        if r.find(f".//{_W}r") is not None or (hidden and not_shown(r, p)):
            continue  # a run that holds a text box (its runs count themselves), or text the reader does not read
        length = sum(_visible(n) for n in r.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"))
        if length:
            out.append((r, at, at + length))
            at += length
    return out


def _split(r: Any, k: int) -> Any:
    """Split a run after its ``k``-th visible character; the new run (the rest) follows it and
    keeps the same formatting.  Returns the new run."""
    rest = copy.deepcopy(r)
    pos = 0
    for mine, theirs in zip(list(r), list(rest), strict=True):
        length = _visible(mine)
        if mine.tag == f"{_W}rPr":
            continue
        if pos + length <= k:
            rest.remove(theirs)
        elif pos >= k:
            r.remove(mine)
        else:  # the split falls inside this w:t
            text = mine.text or ""
            mine.text, theirs.text = text[: k - pos], text[k - pos:]
            mine.set(_XML_SPACE, "preserve")
            theirs.set(_XML_SPACE, "preserve")
        pos += length
    r.addnext(rest)
    return rest


def _runs_for(p: Any, start: int, end: int) -> list[Any]:
    """The runs that cover exactly [start, end) of the paragraph's text, splitting at the edges."""
    for r, a, b in _runs(p):
        if a < start < b:
            _split(r, start - a)
            break
    for r, a, b in _runs(p):
        if a < end < b:
            _split(r, end - a)
            break
    return [r for r, a, b in _runs(p) if a < end and b > start]
