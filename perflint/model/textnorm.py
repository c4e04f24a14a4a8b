"""Folding text for comparison, never for positions.

``squash`` maps full-width ASCII variants (（ ） ％ １２ …) and the ideographic
space to their narrow forms and drops blanks, for comparing paragraphs "up to
whitespace"; the text offsets point into is never changed.
"""

from __future__ import annotations

import functools

_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD[0x3000] = 0x20
_BLANKS = {ord(c): None for c in " \t\r\n\u3000\u00a0"}


def squash(text: str) -> str:
    """Folded and without blanks: the key for "the same text up to whitespace"."""
    return text.translate(_FOLD).translate(_BLANKS)


@functools.lru_cache(maxsize=4096)
def title_key(title: str) -> str:
    """A heading title as compared with section aliases: no blanks, no trailing colon."""
    return squash(title).rstrip(":：。.")
