"""Pattern: forbidden or suspicious text, with an optional replacement.

Each pattern is a ``literal`` or a ``regex`` (Python ``re``; no ``\\b``: it
never fires between two Han characters, so write explicit lookarounds), an
optional ``replace`` suggestion and an optional ``near``: a regex that must
also occur in the same sentence (主题责任 is a typo for 主体责任 only next to
从严治党).  Matching runs on paragraphs as re-joined across page breaks, so a
term split by a page break is still found; spans point into the original text.

Passes:  落实党组全面从严治党主体责任清单
Fails:   落实党组全面从严治党主题责任清单  → 主体责任
Options: schemas/kinds/pattern.schema.json
Message data: match, replacement
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ...model.document import Block, Document, Segment
from ..finding import Hit
from ..saferegex import safe_regex

KIND = "pattern"


@dataclass(frozen=True)
class Pattern:
    regex: re.Pattern[str]
    replace: str | None
    near: re.Pattern[str] | None


def prepare(options: Mapping[str, Any]) -> tuple[Pattern, ...]:
    patterns = []
    for spec in options["patterns"]:
        source = spec["regex"] if "regex" in spec else re.escape(spec["literal"])
        near = spec.get("near")
        patterns.append(Pattern(safe_regex(source), spec.get("replace"), safe_regex(near) if near else None))
    return tuple(patterns)


def check(doc: Document, patterns: tuple[Pattern, ...]) -> Iterator[Hit]:
    for block in _blocks(doc):
        text = block.text
        for pattern in patterns:
            for m in pattern.regex.finditer(text):
                if m.end() == m.start():
                    continue
                if pattern.near and not pattern.near.search(_sentence(block, m.start())):
                    continue
                data = {"match": m.group(0)}
                if pattern.replace is not None:
                    data["replacement"] = m.expand(pattern.replace)
                yield Hit(block.span(m.start(), m.end()), data)


def _blocks(doc: Document) -> Iterator[Block]:
    if doc.title.span is not None:
        span = doc.title.span
        yield Block(doc.source.text[span.start : span.end], (Segment(span.start, span.end, 0),))
    yield from doc.blocks


def _sentence(block: Block, at: int) -> str:
    for start, end in block.sentences:
        if start <= at < end:
            return block.text[start:end]
    return block.text
