"""Pattern: forbidden or suspicious text, with an optional replacement.

Each pattern is a ``literal`` or a ``regex`` (Python ``re``; no ``\\b``: it
never fires between two Han characters, so write explicit lookarounds), an
optional ``replace`` suggestion and an optional ``near``: a regex that must
also occur in the same sentence (主题责任 is a typo for 主体责任 only next to
从严治党).  Matching runs on paragraphs as re-joined across page breaks, so a
term split by a page break is still found; spans point into the original text.
``fold: true`` matches the folded copy (simplified script, full-width
punctuation), so one typo list serves traditional text too.  Overlapping
matches of one rule are one defect and give one finding: the longest (``20xx年``,
not also ``xx``).

Passes:  落实党组全面从严治党主体责任清单
Fails:   落实党组全面从严治党主题责任清单  → 主体责任
Options: schemas/kinds/pattern.schema.json
Message data: match, replacement
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ...model.document import Block, Document
from ...read.source import Span
from ..finding import Edit, Fix, Hit, digits_kept
from ..saferegex import SafePattern, character_class, check_template, first_characters, safe_regex

KIND = "pattern"


@dataclass(frozen=True)
class Pattern:
    regex: SafePattern
    replace: str | None
    near: SafePattern | None
    fold: bool = False
    once: str | None = None  # "section" or "document": recurring debris reported once, with its count
    gate: re.Pattern[str] | None = None  # the class of the characters a match can start with (None: any)
    fix: str = "unsafe"  # applicability of the replacement as a fix: "safe" ones are applied by --fix
    first: frozenset[str] | None = None  # the same characters as a set, when there are at most SET_GATE


@dataclass(frozen=True)
class Patterns:
    """A rule's patterns, with character gates: a paragraph that holds none of the characters
    a match can start with cannot hold a match, and most paragraphs hold none."""

    items: tuple[Pattern, ...]
    gate_plain: re.Pattern[str] | bool  # False: no pattern reads this text; True: no gate
    gate_folded: re.Pattern[str] | bool
    narrow_plain: bool = False  # the gate is a class of at most SET_GATE characters
    narrow_folded: bool = False
    #: first character → the patterns (indexes, in order) a match can start with it, per text
    by_first: Mapping[bool, Mapping[str, tuple[int, ...]]] = field(default_factory=dict)
    #: patterns anchored at the paragraph's start (^…): asked of its first character only,
    #: outside the gates, which would otherwise open on every digit of every paragraph
    anchored: tuple[int, ...] = ()

    def opening(self, live: tuple[int, ...], plain: str, folded: str) -> list[int]:
        """The anchored patterns (of those ``live`` in the report) whose match may start with
        the paragraph's first character."""
        found = []
        for index in live:
            pattern = self.items[index]
            first = (folded if pattern.fold else plain)[:1]
            if pattern.first is None or first in pattern.first:
                found.append(index)
        return found

    def candidates(self, present_plain: frozenset[str] | bool, present_folded: frozenset[str] | bool) -> Iterable[int]:
        """The patterns worth running on a paragraph: with a set of the characters it holds
        (a narrow gate), only those a match can start with one of them; else all that read it."""
        chosen: set[int] = set()
        whole = []
        for fold, present in ((False, present_plain), (True, present_folded)):
            if present is False:
                continue
            if isinstance(present, frozenset):
                table = self.by_first[fold]
                for ch in present:
                    chosen.update(table.get(ch, ()))
            else:
                whole.append(fold)
        if whole:
            chosen.update(i for i, p in enumerate(self.items) if p.fold in whole)
        return sorted(chosen)


#: A rule whose patterns can start with at most this many characters finds which of them a
#: paragraph holds with one scan of the rule's class (few hits), then tests each pattern's
#: own characters against that set; a wider one tests each pattern's own class.
SET_GATE = 256


def _size(starts: list[list[tuple[int, int]] | None]) -> int | None:
    if any(found is None for found in starts):
        return None
    return sum(b - a + 1 for found in starts for a, b in found or ())


def _first_set(found: list[tuple[int, int]] | None) -> frozenset[str] | None:
    size = _size([found])
    if not size or size > SET_GATE:
        return None
    return frozenset(chr(c) for a, b in found or () for c in range(a, b + 1))


def _gate(starts: list[tuple[Pattern, list[tuple[int, int]] | None]], fold: bool) -> tuple[re.Pattern[str] | bool, bool]:
    mine = [found for p, found in starts if p.fold == fold]
    if not mine:
        return False, False
    if len(mine) == 1:
        return True, False  # one pattern: its own gates (SafePattern) are the rule's
    size = _size(mine)
    return character_class(mine) or True, size is not None and 0 < size <= SET_GATE


def _present(gate: re.Pattern[str] | bool, narrow: bool, text: str) -> frozenset[str] | bool:
    """False: no pattern can match in ``text``; a set: which of the rule's first characters it
    holds (a narrow gate); True: look at each pattern."""
    if gate is True or gate is False:
        return gate
    if narrow:
        return frozenset(gate.findall(text)) or False
    return gate.search(text) is not None


def _opens(pattern: Pattern, text: str, present: frozenset[str] | bool) -> bool:
    """Whether a match of ``pattern`` may start in ``text`` (``present``: from _present)."""
    if pattern.first is not None and isinstance(present, frozenset):
        return not pattern.first.isdisjoint(present)
    return pattern.gate is None or pattern.gate.search(text) is not None


def prepare(options: Mapping[str, Any]) -> Patterns:
    patterns = []
    starts = []  # (pattern, the characters its matches start with): parsed once, for both gates
    for spec in options["patterns"]:
        source = spec["regex"] if "regex" in spec else re.escape(spec["literal"])
        near = spec.get("near")
        compiled = safe_regex(source)
        if spec.get("replace") is not None:
            check_template(compiled, spec["replace"])
        first = first_characters(source)
        patterns.append(Pattern(compiled, spec.get("replace"), safe_regex(near) if near else None,
                                bool(spec.get("fold")), spec.get("once"), character_class([first]), spec.get("fix", "unsafe"),
                                _first_set(first)))
        if not compiled.anchored:
            starts.append((patterns[-1], first))
    (gate_plain, narrow_plain), (gate_folded, narrow_folded) = _gate(starts, False), _gate(starts, True)
    by_first: dict[bool, dict[str, list[int]]] = {False: {}, True: {}}
    for index, pattern in enumerate(patterns):
        for ch in () if pattern.regex.anchored else pattern.first or ():
            by_first[pattern.fold].setdefault(ch, []).append(index)
    return Patterns(tuple(patterns), gate_plain, gate_folded, narrow_plain, narrow_folded,
                    {fold: {ch: tuple(ids) for ch, ids in table.items()} for fold, table in by_first.items()},
                    tuple(i for i, p in enumerate(patterns) if p.regex.anchored))


#: A rule of at most this many patterns first asks whether the whole report could hold a
#: match of any (a few substring tests over the text, once); a longer list (typos) would
#: spend more on that than its paragraph gates spend.
DOCUMENT_GATE = 3


def _joined(doc: Document, folded: bool) -> str:
    """The paragraphs the kind reads, one per line, made once per document."""
    key = "pattern-text-folded" if folded else "pattern-text"
    text = doc.cache.get(key)
    if text is None:
        text = doc.cache[key] = "\n".join(b.folded if folded else b.text for b in _blocks(doc))
    return text


def _nothing_to_find(doc: Document, prepared: Patterns) -> bool:
    """True when no pattern can match in any paragraph: none can in all of them joined (a
    match across two paragraphs would only be a wasted look, never a missed one)."""
    if len(prepared.items) > DOCUMENT_GATE or prepared.anchored:
        return False  # an anchored pattern opens on a paragraph's start, not the report's
    for pattern in prepared.items:
        text = _joined(doc, pattern.fold)
        if pattern.regex._opens(text, 0, len(text)):
            return False
    return True


def check(doc: Document, prepared: Patterns) -> Iterator[Hit]:
    patterns = prepared.items
    if _nothing_to_find(doc, prepared):
        return
    hits: list[Hit] = []
    once: dict[tuple[int, int], list[int]] = {}  # (pattern, scope) → [index of its hit, count]
    live = tuple(i for i in prepared.anchored if patterns[i].regex.may_occur(_joined(doc, patterns[i].fold)))
    for block in _blocks(doc):
        plain = _present(prepared.gate_plain, prepared.narrow_plain, block.text)
        folded = _present(prepared.gate_folded, prepared.narrow_folded, block.folded)
        opening = prepared.opening(live, block.text, block.folded) if live else ()
        if plain is False and folded is False and not opening:
            continue
        found: list[tuple[int, int, dict[str, str], int]] = []
        for index in sorted({*prepared.candidates(plain, folded), *opening}) if opening else prepared.candidates(plain, folded):
            pattern = patterns[index]
            text = block.folded if pattern.fold else block.text
            if (not isinstance(folded if pattern.fold else plain, frozenset) and pattern.regex.gate_source is None
                    and not _opens(pattern, text, True)):
                continue  # a pattern that may match empty has no gate of its own (SafePattern)
            for m in pattern.regex.finditer(text):
                if m.end() == m.start():
                    continue
                if pattern.near and not pattern.near.search(_sentence(block, m.start())):
                    continue
                data = {"match": block.text[m.start():m.end()]}
                if pattern.replace is not None:
                    data["replacement"] = m.expand(pattern.replace)
                found.append((m.start(), m.end(), data, index))
        found.sort(key=lambda f: (f[0], f[0] - f[1]))
        last_end = -1
        for start, end, data, index in found:
            if start < last_end:
                continue  # inside a longer match of this rule: the same defect
            last_end = end
            scope = patterns[index].once
            if scope is not None:
                key = (index, id(block.section) if scope == "section" else 0)
                if key in once:
                    once[key][1] += 1
                    continue
                once[key] = [len(hits), 1]
            span = block.span(start, end)
            hits.append(Hit(span, data, fix=_fix(doc, span, data, patterns[index])))
    for position, count in once.values():
        if count > 1:
            data = dict(hits[position].data)
            data["more_zh"], data["more_en"] = f"（本节同类共 {count} 处）", f" ({count} like it in this section)"
            hits[position] = Hit(hits[position].span, data, hits[position].related, hits[position].fix)
    yield from hits


def _fix(doc: Document, span: Span, data: dict[str, str], pattern: Pattern) -> Fix | None:
    """The replacement as an edit of the source, when the match is written there as matched
    (not split by a page break) and no digit changes."""
    replacement = data.get("replacement")
    if replacement is None or doc.source.text[span.start:span.end] != data["match"]:
        return None
    if not digits_kept(data["match"], replacement):
        return None
    return Fix(pattern.fix, (Edit(span.start, span.end, replacement),))


def _blocks(doc: Document) -> Iterator[Block]:
    title = doc.title.block
    if title is not None:
        yield title
    yield from doc.blocks


def _sentence(block: Block, at: int) -> str:
    for start, end in block.sentences:
        if start <= at < end:
            return block.folded[start:end]
    return block.folded
