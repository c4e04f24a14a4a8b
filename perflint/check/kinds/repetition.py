"""Repetition: text written twice, verbatim or up to whitespace and width.

``paragraph``  a paragraph identical to an earlier one (seed 003 lines 109–113
               repeat lines 51–55)
``sentence``   a run of sentences copied from earlier in the report (seed 001
               line 49 repeats two sentences of line 45; seed 004 line 75
               repeats a list of line 61).  Enumeration markers (一是, 1.) are
               ignored when comparing; a run is reported once per line it starts on.
               A paragraph that stops mid-sentence where an earlier, longer
               sentence goes on is a copy too (a line copied without the rest
               of its paragraph)
``clause``     the same clause twice in a row (seed 004 line 83:
               报送“广东好人”31 位、“广州好人”36 位，报送“广东好人”31 位…)
``page-break`` the last character before a page break repeated after it
               (seed 004 lines 61/63: 四是 / 是开展); reduplications listed in
               ``allow`` (常常, 人人, 对对象…) pass

Options: schemas/kinds/repetition.schema.json
Message data: text, first_line, chars
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ...model.document import SENTENCE_END, Block, Document
from ...model.textnorm import drop_blanks
from ...read.regex_cache import compiled
from ...read.source import Span
from ..finding import Edit, Fix, Hit, Related

KIND = "repetition"

_MARKER = compiled(r"^(?:[-•·]?\s*[一二三四五六七八九十]{1,3}是|[0-9]{1,2}[.、]|[（(][一二三四五六七八九十0-9]{1,3}[）)])")


def _han(ch: str) -> bool:
    """A CJK ideograph (a compiled class of this range costs 2 ms at every start-up)."""
    return "\u3400" <= ch <= "\u9fff"


@dataclass(frozen=True)
class Options:
    check: str
    min_chars: int
    allow: tuple[str, ...]
    contextual: tuple[str, ...] = ()
    fix: str | None = None  # page-break: applicability of deleting the copy ("safe" or "unsafe")


def prepare(options: Mapping[str, Any]) -> Options:
    return Options(options["check"], int(options.get("min_chars", 20)), tuple(options.get("allow", ())),
                   tuple(options.get("contextual", ())), options.get("fix"))


def check(doc: Document, opts: Options) -> Iterator[Hit]:
    blocks = [b for b in doc.blocks if not b.pure_title]
    if opts.check == "paragraph":
        yield from _paragraphs(doc, blocks, opts)
    elif opts.check == "sentence":
        repeated = {id(b) for b, _ in _repeated_paragraphs(blocks, opts)}
        yield from _sentences(doc, blocks, repeated, opts)
    elif opts.check == "clause":
        for block in blocks:
            yield from _clauses(block, opts)
    elif opts.check == "page-break":
        yield from _page_breaks(doc, opts)


def _repeated_paragraphs(blocks: list[Block], opts: Options) -> Iterator[tuple[Block, Block]]:
    first: dict[str, Block] = {}
    for block in blocks:
        key = block.__dict__.get("_squashed")
        if key is None:
            key = block.__dict__["_squashed"] = drop_blanks(block.narrow)
        if len(key) < opts.min_chars:
            continue
        if key in first:
            yield block, first[key]
        else:
            first[key] = block


def _paragraphs(doc: Document, blocks: list[Block], opts: Options) -> Iterator[Hit]:
    for block, original in _repeated_paragraphs(blocks, opts):
        yield Hit(
            block.span(0, len(block.text)),
            {"text": _excerpt(block.text), "first_line": doc.source.position(original.start)[0]},
            (Related(original.span(0, len(original.text)), _excerpt(original.text)),),
        )


def _key(block: Block, start: int, end: int) -> str:
    """A sentence as compared: no enumeration marker, no blanks, widths folded (cached per block)."""
    keys = block.__dict__.setdefault("_sentence_keys", {})
    found = keys.get((start, end))
    if found is None:
        piece = block.folded[start:end]
        lead = len(piece) - len(piece.lstrip(" \t\u3000"))
        marker = _MARKER.match(piece.strip(" \t\u3000"))
        # the blanks after the sentence go with the others: dropped
        found = keys[(start, end)] = drop_blanks(block.narrow[start + lead + (marker.end() if marker else 0) : end])
    return found


#: A sentence this long that differs from an earlier one only by a short edit without
#: figures (近190余项 for 190余项) is the same sentence copied and touched up.
NEAR_MIN = 24
_EDGE = 10
_DIGIT = compiled(r"[0-9０-９]")


class _Seen:
    """Sentences seen so far: exact keys, and their first and last characters for near copies."""

    def __init__(self) -> None:
        self.exact: dict[str, tuple[Block, int, int]] = {}
        self.by_edge: dict[str, list[str]] = {}

    def add(self, key: str, where: tuple[Block, int, int]) -> None:
        if key in self.exact:
            return
        self.exact[key] = where
        if len(key) >= NEAR_MIN:
            for edge in ("<" + key[:_EDGE], ">" + key[-_EDGE:]):
                bucket = self.by_edge.setdefault(edge, [])
                if len(bucket) < 8:
                    bucket.append(key)

    def beginning(self, key: str) -> tuple[Block, int, int] | None:
        """An earlier, longer sentence that starts with ``key``: a paragraph copied up to a
        line break, which ends it mid-sentence."""
        if len(key) < NEAR_MIN:
            return None
        for other in self.by_edge.get("<" + key[:_EDGE], ()):
            if len(other) > len(key) and other.startswith(key):
                return self.exact[other]
        return None

    def find(self, key: str) -> tuple[Block, int, int] | None:
        found = self.exact.get(key)
        if found is not None or len(key) < NEAR_MIN:
            return found
        for edge in ("<" + key[:_EDGE], ">" + key[-_EDGE:]):
            for other in self.by_edge.get(edge, ()):
                if _near(key, other):
                    return self.exact[other]
        return None


def _near(a: str, b: str) -> bool:
    """One short edit inside the sentence (not at its start or end): the text between their
    common start and common end is at most a twentieth of the sentence (at least 2 characters) and
    holds no figure.  (A sentence that gains 我们 at its start, or trades its verb, restates;
    it is not a copy touched up.)"""
    limit = max(2, min(len(a), len(b)) // 20)
    if abs(len(a) - len(b)) > limit:
        return False
    p = 0
    while p < len(a) and p < len(b) and a[p] == b[p]:
        p += 1
    q = 0
    while q < len(a) - p and q < len(b) - p and a[-1 - q] == b[-1 - q]:
        q += 1
    middle_a, middle_b = a[p : len(a) - q], b[p : len(b) - q]
    return (p >= 2 and q >= 2 and max(len(middle_a), len(middle_b)) <= limit
            and not _DIGIT.search(middle_a + middle_b))


def _sentences(doc: Document, blocks: list[Block], skip: set[int], opts: Options) -> Iterator[Hit]:
    seen = _Seen()
    for block in blocks:
        run: list[tuple[int, int, tuple[Block, int, int]]] = []
        # prose that stops mid-sentence (a line copied without the rest of its paragraph),
        # unless the text itself stops there (a cut-off excerpt's last paragraph)
        cut_at = (len(block.folded) if not block.cell and block.folded.rstrip()[-1:] not in SENTENCE_END
                  and not _text_ends_in(block) else -1)
        for start, end in block.sentences:
            key = _key(block, start, end)
            earlier = seen.find(key) if len(key) >= 6 else None
            if earlier is None and end == cut_at:
                earlier = seen.beginning(key)
            if earlier is None or id(block) in skip:
                if run:
                    yield from _run(doc, block, run, opts)
                    run = []
                if len(key) >= 6:
                    seen.add(key, (block, start, end))
                continue
            line = doc.source.position(block.offset(start))[0]
            if run and doc.source.position(block.offset(run[0][0]))[0] != line:
                yield from _run(doc, block, run, opts)
                run = []
            run.append((start, end, earlier))
        if run:
            yield from _run(doc, block, run, opts)


def _text_ends_in(block: Block) -> bool:
    part = block.part
    return part is not None and bool(part.cut_end) and bool(part.blocks) and part.blocks[-1] is block


def _run(doc: Document, block: Block, run: list[tuple[int, int, tuple[Block, int, int]]], opts: Options) -> Iterator[Hit]:
    start, end = run[0][0], run[-1][1]
    chars = sum(len(_key(block, s, e)) for s, e, _ in run)
    if chars < opts.min_chars:
        return
    if len(run) == 1 and _key(block, start, end).startswith(opts.contextual):
        return  # 此款资金主要用于…: one sentence about "this" fund, written again for another
    first_block, first_start, first_end = run[0][2]
    first = first_block.span(first_start, first_end)
    yield Hit(
        block.span(start, end),
        {"text": _excerpt(block.text[start:end]), "first_line": doc.source.position(first.start)[0], "chars": chars},
        (Related(first, _excerpt(first_block.text[first_start:first_end])),),
    )


def _clauses(block: Block, opts: Options) -> Iterator[Hit]:
    clauses = block.clauses
    narrowed = block.narrow
    keys = [drop_blanks(narrowed[s:e]).rstrip("，,。；;：:") for s, e in clauses]
    for i, ((s1, e1), (s2, e2)) in enumerate(zip(clauses, clauses[1:], strict=False)):
        a, b = keys[i], keys[i + 1]
        if a == b and len(a) >= 4 and any(map(_han, a)):
            yield Hit(block.span(s2, e2), {"text": _excerpt(block.text[s2:e2])}, (Related(block.span(s1, e1), _excerpt(block.text[s1:e1])),))


def _page_breaks(doc: Document, opts: Options) -> Iterator[Hit]:
    text = doc.source.text
    for join in doc.joins:
        before, after = join.before, join.after
        if before < 1 or after >= len(text):
            continue
        ch = text[before - 1]
        if ch != text[after] or not _han(ch):
            continue
        window = text[max(0, before - 3) : before] + text[after : after + 3]
        pivot = min(3, before)
        if any(_covers(window, pivot, allowed) for allowed in opts.allow):
            continue
        line = doc.source.position(before - 1)[0]
        yield Hit(
            Span(after, after + 1),
            {"text": ch, "first_line": line},
            (Related(Span(before - 1, before), ch),),
            Fix(opts.fix, (Edit(after, after + 1, ""),)) if opts.fix else None,  # the copy on the new page goes
        )


def _covers(window: str, pivot: int, allowed: str) -> bool:
    """Whether ``allowed`` occurs in ``window`` across the join at ``pivot``."""
    at = window.find(allowed)
    while at != -1:
        if at < pivot < at + len(allowed):
            return True
        at = window.find(allowed, at + 1)
    return False


def _excerpt(text: str, limit: int = 24) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[:limit] + "…"
