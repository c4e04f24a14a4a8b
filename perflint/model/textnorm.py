"""Folding text for matching and comparison, never for positions.

``fold`` gives a copy of the same length, so every offset into it is an offset
into the original: traditional characters become simplified (萬元 → 万元,
預算 → 预算, from OpenCC's table in ``data/traditional.txt``) and half-width
sentence punctuation becomes full-width (``,`` → ``，`` except between digits,
``;`` ``:`` ``(`` ``)`` ``?`` ``!``), so labels, section titles and terms written
once in the packs match text from every province and every converter.

``squash`` maps full-width ASCII variants (（ ） ％ １２ …) and the ideographic
space to their narrow forms and drops blanks, for comparing paragraphs "up to
whitespace".
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from ..read.regex_cache import compiled

_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD[0x3000] = 0x20
_BLANK_CHARS = " \t\r\n\u3000\u00a0"  # the blanks squash drops
_BLANKS = {ord(c): None for c in _BLANK_CHARS}
_WIDEN = {";": "；", "(": "（", ")": "）", "?": "？", "!": "！"}
# a comma or colon between digits is a thousands separator or a time (3,970.64; 13:25)
# (the mark first and its context after: the engine then jumps from mark to mark)
_NARROW_COMMA = compiled(r",(?:(?!\d)|(?<!\d,))")
_NARROW_COLON = compiled(r":(?:(?!\d)|(?<!\d:))")


@functools.cache
def _fold_table() -> dict[int, str]:
    """Traditional → simplified, from OpenCC's table."""
    lines = (Path(__file__).parent / "data" / "traditional.txt").read_text(encoding="utf-8").splitlines()
    traditional, simplified = (line for line in lines if not line.startswith("#"))
    return str.maketrans(traditional, simplified)


@functools.cache
def _traditional() -> frozenset[str]:
    """The characters of the table, as a set: what _traditional_in finds beyond the BMP is
    checked against it."""
    return frozenset(map(chr, _fold_table()))


@functools.cache
def _traditional_in() -> re.Pattern[str]:
    """One class of the table's characters: finding the few a text holds (most hold none) is
    a scan of a few ns a character, where a set test makes a string of each character
    (~50 ns). Written as runs, it compiles in ~3 ms, once per process. The table's
    characters beyond the BMP (a few hundred rare ones) are one range here, so that the
    class stays a bitmap: what it finds there is checked against the table."""
    runs: list[list[int]] = []
    for code in sorted(c for c in map(ord, _traditional()) if c <= 0xFFFF):
        if runs and runs[-1][1] == code - 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    ranges = "".join(chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in runs)
    return compiled(f"[{ranges}\U00010000-\U0010FFFF]")


#: Up to this many distinct characters are replaced one by one; more are translated in one pass.
_FEW = 8

#: A process finds traditional characters by testing each character against the table's set
#: (~50 ns a character) until it has folded this many, then compiles the class (≈ 3 ms once,
#: then a few ns a character): a run on one report never pays for the class, and a run on many
#: pays for it once, after a few reports.
CLASS_AFTER = 100_000
_folded_so_far = 0


def _traditional_found(text: str) -> frozenset[str]:
    """The characters of the table that ``text`` holds."""
    global _folded_so_far
    if _folded_so_far < CLASS_AFTER:
        _folded_so_far += len(text)
        return _traditional().intersection(text)
    return _traditional().intersection(_traditional_in().findall(text))


def fold(text: str) -> str:
    """Simplified script and full-width sentence punctuation; same length as ``text``."""
    folded = text
    found = _traditional_found(text)
    if found:
        table = _fold_table()
        if len(found) > _FEW or any(chr(table[ord(ch)]) in found for ch in found):
            # many of them (each replace is a pass over the text), or one becomes another
            # that is there too: translated in one pass
            folded = text.translate(table)
        else:
            for ch in found:  # a few characters in a long text: replacing them is far cheaper
                folded = folded.replace(ch, chr(table[ord(ch)]))
    for narrow_mark, wide_mark in _WIDEN.items():  # str.replace finds a character faster than a class
        if narrow_mark in folded:
            folded = folded.replace(narrow_mark, wide_mark)
    if "," in folded:
        folded = _NARROW_COMMA.sub("，", folded)
    if ":" in folded:
        folded = _NARROW_COLON.sub("：", folded)
    return folded




_WIDE = compiled("[\uff01-\uff5e\u3000]")


#: The full-width forms a report is full of: replaced one by one (str.replace is several times
#: faster than translating every character of a Chinese text); any other is left to translate.
_COMMON_WIDE = tuple((chr(c), chr(_FOLD[c])) for c in map(ord, "，：；（）％！？\u3000"))


def narrow(text: str) -> str:
    """Full-width ASCII variants (（ ） ％ １２ …) and the ideographic space in their narrow
    forms; same length as ``text``, so a slice of it is the narrow form of the same slice."""
    if _WIDE.search(text) is None:
        return text
    for wide, narrow_form in _COMMON_WIDE:
        if wide in text:
            text = text.replace(wide, narrow_form)
    return text if _WIDE.search(text) is None else text.translate(_FOLD)


def drop_blanks(text: str) -> str:
    """``text`` without blanks (space, tab, line breaks, ideographic and no-break spaces)."""
    for blank in _BLANK_CHARS:
        if blank in text:
            text = text.replace(blank, "")
    return text


def squash(text: str) -> str:
    """Narrow and without blanks: the key for "the same text up to whitespace".  A check that
    squashes many pieces of one paragraph narrows the paragraph once and drops the blanks
    of each slice (``drop_blanks(narrow(p)[i:j]) == squash(p[i:j])``)."""
    return drop_blanks(narrow(text))


@functools.lru_cache(maxsize=4096)
def title_like(text: str) -> bool:
    """A short line that is not a sentence: an unnumbered section title."""
    stripped = text.strip().strip("|").strip().rstrip("：:")
    return 0 < len(stripped) <= 20 and not any(c in stripped for c in "，。；,;")


def title_key(title: str) -> str:
    """A heading title as compared with section aliases: no blanks, no trailing colon."""
    return squash(fold(title)).rstrip(":：。.")
