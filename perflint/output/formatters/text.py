"""The compiler-style text formats.

``concise``: one line per finding, ``path:line:col: severity: message [ID]``,
the gcc/clang shape that editors' problem matchers parse; a finding about the
whole document is ``path: severity: message [ID]`` (no invented 1:1).
``text``: the same line, then the source line and a caret under the span,
aligned by display width (Han and full-width characters take two cells), as
rustc and ruff do.
"""

from __future__ import annotations

import functools
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ...check.finding import Finding
from ...read.source import Source

if TYPE_CHECKING:
    from . import Context

#: Cells of source shown around a finding on a long line.
WINDOW = 100
LEAD = 40


#: ANSI styles, as ruff and rustc use them: severity in its colour, the rule id bold, the path bold.
_STYLE = {"error": "\x1b[1;31m", "warning": "\x1b[1;33m", "info": "\x1b[1;36m", "bold": "\x1b[1m", "dim": "\x1b[2m"}
_RESET = "\x1b[0m"


def _paint(text: str, style: str, color: bool) -> str:
    return f"{_STYLE[style]}{text}{_RESET}" if color else text


def headline(f: Finding, lang: str = "zh", color: bool = False) -> str:
    """``path:line:col: severity: message [ID]``; in a Word or Excel file the place a person
    finds (``report.xlsx:Sheet1!F7``, ``report.docx:表2第3行第5列``, ``report.docx:第12段``)."""
    where = f"{f.path}:{place(f.origin, lang) or f'{f.line}:{f.column}'}" if f.position else f.path
    severity = f.severity.value
    return (f"{_paint(where, 'bold', color)}: {_paint(severity, severity, color)}: {f.shown_message} "
            f"[{_paint(f.rule, 'bold', color)}]")


def place(origin: Mapping[str, Any], lang: str) -> str:
    """A Word or Excel position in words; "" for a text file or a PDF (its lines are its own)."""
    if "sheet" in origin:
        return f"{origin['sheet']}!{origin['cell']}"
    if "table" in origin:
        column = origin.get("column")
        if lang == "zh":
            return f"表{origin['table']}第{origin['row']}行" + (f"第{column}列" if column else "")
        return f"table {origin['table']} row {origin['row']}" + (f" cell {column}" if column else "")
    if "paragraph" in origin:
        return f"第{origin['paragraph']}段" if lang == "zh" else f"paragraph {origin['paragraph']}"
    return ""


def render_concise(findings: Sequence[Finding], ctx: Context) -> str:
    lines = [headline(f, ctx.lang, ctx.color) for f in findings]
    if not ctx.quiet:
        lines.append(summary(findings, ctx))
    return "".join(line + "\n" for line in lines)


def render_full(findings: Sequence[Finding], ctx: Context) -> str:
    out: list[str] = []
    for f in findings:
        out.append(headline(f, ctx.lang, ctx.color))
        source = ctx.sources.get(f.path)
        if f.position and source is not None:
            snippet = _snippet(source, f, ctx.ambiguous_width)
            if ctx.color:
                snippet = [_paint(line, "dim", True) for line in snippet[:2]] + [
                    _paint(snippet[2][: snippet[2].index("|") + 1], "dim", True) + _paint(snippet[2][snippet[2].index("|") + 1 :], f.severity.value, True)]
            out.extend(snippet)
            if source.page_starts:
                out.append(f"  = {'第' if ctx.lang == 'zh' else 'page '}{source.page(f.line)}{' 页' if ctx.lang == 'zh' else ''}")
        for r in f.related:
            note = f"第 {r.line} 行第 {r.column} 列：{r.label}" if ctx.lang == "zh" else f"line {r.line}, column {r.column}: {r.label}"
            out.append(f"  = {'参见' if ctx.lang == 'zh' else 'see'} {note}")
        if f.fix is not None:
            out.append(_fix_note(f, ctx.lang, word=source is not None and source.origins is not None))
        if ctx.explain and f.data.get("table"):
            out.extend(_table(f.data["table"]))
        out.append("")
    if not ctx.quiet:
        out.append(summary(findings, ctx))
    return "".join(line + "\n" for line in out)


def _fix_note(f: Finding, lang: str, word: bool = False) -> str:
    assert f.fix is not None
    contents = "、".join(f"“{e.content}”" for e in f.fix.edits if e.content)
    option = ("--fix" if f.fix.safe else "--fix --unsafe-fixes") + (" --annotate" if word else "")
    if lang == "zh":
        where = "，在副本中作为修订" if word else ""
        return f"  = 可修复（{option}{where}）：{'改为 ' + contents if any(e.content for e in f.fix.edits) else '删除'}"
    shown = ", ".join(f"'{e.content}'" for e in f.fix.edits if e.content)
    where = ": a tracked change in the copy" if word else ""
    return f"  = fixable ({option}{where}): {'replace with ' + shown if shown else 'delete'}"


def _fixable(findings: Sequence[Finding], lang: str) -> str:
    count = sum(1 for f in findings if f.fix is not None and f.fix.safe)
    if not count:
        return ""
    return f"，其中 {count} 处可用 --fix 自动修复" if lang == "zh" else f"; {count} fixable with --fix"


def summary(findings: Sequence[Finding], ctx: Context) -> str:
    """The last line: counts, and never "no problems" for a run that could not check a file
    or found stale baseline entries."""
    counts = Counter(f.severity.value for f in findings)
    n, files, failed, stale = len(findings), ctx.files, len(ctx.problems), ctx.stale
    if ctx.lang == "zh":
        if n:
            line = f"共发现 {n} 处问题（错误 {counts['error']}，警告 {counts['warning']}，提示 {counts['info']}），共检查 {files} 个文件{_fixable(findings, 'zh')}"
        elif failed or stale:
            line = f"检查了 {files} 个文件，其中没有新的问题" if stale else f"检查了 {files} 个文件，其中没有问题"
        else:
            return f"未发现问题（共检查 {files} 个文件）。"
        if failed:
            line += f"；另有 {failed} 个文件无法检查（原因见标准错误输出）"
        if stale:
            line += f"；基线中有 {stale} 条记录已不再出现，请用 --write-baseline 更新"
        return line + "。"

    def plural(k: int, word: str) -> str:
        return f"{k} {word}{'' if k == 1 else 's'}"

    if n:
        line = (f"Found {plural(n, 'finding')} ({plural(counts['error'], 'error')}, {plural(counts['warning'], 'warning')}, "
                f"{counts['info']} info) in {plural(files, 'file')}{_fixable(findings, 'en')}")
    elif failed or stale:
        line = f"No {'new ' if stale else ''}findings in {plural(files, 'checked file')}"
    else:
        return f"All clear: no findings in {plural(files, 'file')}."
    if failed:
        line += f"; {plural(failed, 'file')} could not be checked (see standard error)"
    if stale:
        line += f"; {stale} baseline {'entry' if stale == 1 else 'entries'} no longer found: update it with --write-baseline"
    return line + "."


def char_width(ch: str, ambiguous: int = 1) -> int:
    """Terminal cells of one character, by wcwidth (the Unicode tables terminals follow):
    wide and full-width 2, combining and zero-width 0; East Asian ambiguous characters
    (“ ” … ≥) take ``ambiguous`` cells, as the terminal's setting says; a tab four. A
    control or format character takes the cells of the placeholder it is shown as (? or �),
    so the caret stays under the span after a bidi mark."""
    known = _MEASURED[ambiguous == 2]
    width = known.get(ch)
    if width is None:
        width = known[ch] = _measure(ch, ambiguous)
    return width


#: Widths measured so far (ambiguous 1, 2): a report's snippets use a few thousand characters.
_MEASURED: tuple[dict[str, int], dict[str, int]] = ({}, {})


def _measure(ch: str, ambiguous: int) -> int:
    if ch == "\t":
        return 4
    code = ord(ch)
    if any(low <= code <= high for low, high in _WIDE):
        return 2
    if any(low <= code <= high for low, high in _NARROW):
        width = 1
    else:
        width = _wcwidth()(ch)
    if width <= 0 and unicodedata.category(ch) in ("Cc", "Cf"):
        return _measure(_visible(ch), ambiguous)
    if width == 1 and ambiguous == 2 and unicodedata.east_asian_width(ch) == "A":
        return 2
    return width


#: Code points whose width every wcwidth release gives (tests/test_source.py checks each against
#: the installed one): a line of Chinese, ASCII and common punctuation is measured without
#: importing wcwidth, which costs ~20 ms of start-up in its recent releases.
_WIDE = ((0x4E00, 0x9FFF), (0x3000, 0x3029), (0xFF01, 0xFF60), (0x3030, 0x303E), (0x3400, 0x4DBF))
_NARROW = ((0x20, 0x7E), (0x2010, 0x2027), (0x2030, 0x205E), (0xA0, 0xAC), (0xAE, 0xFF))


@functools.cache
def _wcwidth() -> Any:
    """wcwidth, imported when a character outside those ranges is first drawn."""
    from wcwidth import wcwidth

    return wcwidth


def display_width(text: str, ambiguous: int = 1) -> int:
    return sum(char_width(ch, ambiguous) for ch in text)


def _visible(ch: str) -> str:
    """Control and bidi characters would garble the terminal: show a placeholder."""
    if ch == "\t":
        return ch
    if unicodedata.category(ch) in ("Cc", "Cf"):
        return "\ufffd" if unicodedata.category(ch) == "Cf" else "?"
    return ch


def _blank(ch: str, width: int) -> str:
    """A blank of the same width, so the caret lines up whatever width the terminal gives Han text."""
    if ch == "\t":
        return "\t"
    return "\u3000" if width == 2 else " " * width


def _snippet(source: Source, f: Finding, ambiguous: int) -> list[str]:
    assert f.position is not None
    line = source.line_text(f.line)
    start = f.column - 1
    end = f.position.end_column - 1 if f.position.end_line == f.line else len(line)
    end = max(end, start + 1)
    # a window of the line around the span, cut on character boundaries; each character
    # measured once (the window, the pad under it and the caret all need its width)
    first = max(0, start - LEAD)
    widths: list[int] = []  # of line[first:last]: it holds the start and the span's shown part
    width, last = 0, first
    while last < len(line) and (width < WINDOW or last < min(end, start + WINDOW)):
        widths.append(char_width(line[last], ambiguous))
        width += widths[-1]
        last += 1
    window = line[first:last]
    shown = window if window.isprintable() else "".join(_visible(c) for c in window)
    prefix = "..." if first else ""
    suffix = "..." if last < len(line) else ""
    pad = " " * len(prefix) + "".join(_blank(c, w) for c, w in zip(line[first:start], widths, strict=False))
    cells = sum(widths[start - first : min(end, last) - first]) or 1
    gutter = " " * len(str(f.line))
    return [
        f"{gutter} |",
        f"{f.line} | {prefix}{shown}{suffix}",
        f"{gutter} | {pad}{'^' * cells}",
    ]


def _table(rows: Sequence[dict]) -> list[str]:
    """A table a check computed (problem, best measure, shared terms, score), indented."""
    from tabulate import tabulate  # only when asked for: ~70 ms of start-up

    text = tabulate([list(r.values()) for r in rows], headers=list(rows[0]), tablefmt="simple")
    return ["    " + line for line in text.splitlines()]
