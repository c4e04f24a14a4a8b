"""Fixes: where their edits are, applying them to a text, and the diff they make.

Edits are in source offsets; a fix is applied whole or not at all, and a fix
whose edits overlap one already chosen waits for the next run (as in ruff).
Only .txt and .md files are changed in place; the bytes are written in the
encoding they were read in, with their byte-order mark, and the text between the
edits is kept exactly.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..check.finding import Finding, Fix
from ..read.source import InputError, Source, decode, read_limited

FIXABLE_SUFFIXES = (".txt", ".md", ".markdown")


def chosen(findings: Iterable[Finding], unsafe: bool) -> list[Finding]:
    """The findings whose fixes apply: safe ones (and unsafe ones when asked), non-overlapping,
    in order; a fix that overlaps an earlier one is left for the next run."""
    picked: list[Finding] = []
    last_end = -1
    candidates = [f for f in findings if f.fix is not None and (f.fix.safe or unsafe)]
    for f in sorted(candidates, key=lambda f: (min(e.start for e in f.fix.edits), f.rule)):  # type: ignore[union-attr]
        fix = f.fix
        assert fix is not None
        start = min(e.start for e in fix.edits)
        if start < last_end:
            continue
        picked.append(f)
        last_end = max(e.end for e in fix.edits)
    return picked


def apply(text: str, fixes: Iterable[Fix]) -> str:
    """The text with every edit made (the fixes must not overlap)."""
    edits = sorted((e for fix in fixes for e in fix.edits), key=lambda e: (e.start, e.end))
    pieces, at = [], 0
    for edit in edits:
        pieces.append(text[at:edit.start])
        pieces.append(edit.content)
        at = edit.end
    pieces.append(text[at:])
    return "".join(pieces)


def edit_positions(source: Source, start: int, end: int) -> dict[str, int]:
    """1-based line and column of an edit's start, and the line and column just after its end."""
    line, column = source.position(start)
    end_line, end_column = source.position(end)
    return {"line": line, "column": column, "end_line": end_line, "end_column": end_column}


@dataclass(frozen=True)
class Fixed:
    path: str
    before: str
    after: str
    count: int

    def diff(self) -> str:
        import difflib

        return "".join(difflib.unified_diff(self.before.splitlines(keepends=True), self.after.splitlines(keepends=True),
                                            fromfile=f"a/{self.path}", tofile=f"b/{self.path}"))


class NotFixable(Exception):
    """A file --fix does not change in place (one line for stderr says why)."""


def fix_text(source: Source, findings: list[Finding], unsafe: bool, from_stdin: bool = False) -> Fixed | None:
    """What --fix would make of one file; None when nothing applies."""
    picked = chosen(findings, unsafe)
    if not picked:
        return None
    if from_stdin or source.path == "-" or not Path(source.path).is_file():
        raise NotFixable("not fixed: standard input is only read (--diff shows the fixes)")
    if Path(source.path).suffix.lower() == ".docx":
        raise NotFixable("not fixed in place: with --annotate, the fixes are tracked changes in the annotated copy")
    if Path(source.path).suffix.lower() not in FIXABLE_SUFFIXES:
        raise NotFixable("not fixed: --fix changes .txt and .md files")
    after = apply(source.text, (f.fix for f in picked if f.fix is not None))
    return Fixed(source.path, source.text, after, len(picked))


_WITH_BOM = {
    codecs.BOM_UTF32_LE: "utf-32-le", codecs.BOM_UTF32_BE: "utf-32-be",
    codecs.BOM_UTF8: "utf-8", codecs.BOM_UTF16_LE: "utf-16-le", codecs.BOM_UTF16_BE: "utf-16-be",
}


def encoded(path: str, before: str, after: str) -> bytes:
    """``after`` as the bytes of ``path`` are written: the same encoding and byte-order mark.
    Refuses when the file changed since it was linted (it no longer reads as ``before``)."""
    try:
        data = read_limited(path)
        current, encoding = decode(data)
    except InputError as exc:
        raise NotFixable(f"not fixed: cannot read it again ({exc})") from None
    if current != before:
        raise NotFixable("not fixed: the file changed while it was linted")
    # UTF-32 LE's mark begins with UTF-16 LE's: the longest mark first
    bom = next((mark for mark in sorted(_WITH_BOM, key=len, reverse=True) if data.startswith(mark)), b"")
    codec = _WITH_BOM[bom] if bom else encoding
    try:
        return bom + after.encode(codec)
    except UnicodeEncodeError:
        raise NotFixable(f"not fixed: the fixed text cannot be written in {encoding}") from None
