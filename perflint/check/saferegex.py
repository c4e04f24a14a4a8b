"""Regular expressions from rule packs, run so that no pattern can hang perflint.

Pack patterns run on the ``regex`` module (a maintained engine compatible with
``re``) with a time limit on every search: a pattern that backtracks
catastrophically on some paragraph raises ``PatternTimeout`` after
``SEARCH_TIMEOUT`` seconds instead of holding the run, and the engine reports
that rule as skipped for that file.  At load, a pack's patterns are also tried
on probe strings built from their own characters, and one that takes longer
than ``PROBE_TIMEOUT`` there is refused with the file, rule and JSON path, as
are backreferences and a repeat inside an unbounded repeat (cheap to spot
before anything runs).  Replacement templates may refer only to groups the
pattern has.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import pickle
import re
import warnings
from collections.abc import Iterator
from typing import Any

import regex

from ..read.regex_cache import compiled

MAX_PATTERN = 2000
SEARCH_TIMEOUT = 0.5
PROBE_TIMEOUT = 0.05
#: Bounded repeats nested in bounded repeats: ((.{0,100}){0,100}){0,100} can try 10^6 ways per start.
MAX_NESTED_REPEATS = 10_000
_GROUP_REF = compiled(r"\\(?:g<([^>]*)>|([0-9]{1,2}))")
#: Off while the shipped packs are prepared: the test suite probed them (schemas/validated-packs.json).
_PROBING: contextvars.ContextVar[bool] = contextvars.ContextVar("perflint_probing", default=True)


@contextlib.contextmanager
def trusted() -> Iterator[None]:
    """Compile the patterns of a pack the suite has already probed without probing them again."""
    token = _PROBING.set(False)
    try:
        yield
    finally:
        _PROBING.reset(token)


def _anchored(source: str) -> bool:
    """Whether every match starts where the text starts: ^ or \\A first, not in one branch
    of an alternation (^a|b), and no multi-line flag (parsed only for a pattern that may be)."""
    if not source.startswith(("^", "\\A")):
        return False
    parsed = _parse(source)
    if parsed is None or parsed.state.flags & re.MULTILINE or not parsed.data:
        return False
    op, arg = parsed.data[0]
    return str(op) == "AT" and str(arg) in ("AT_BEGINNING", "AT_BEGINNING_STRING")


class PatternTimeout(Exception):
    """A pack pattern took too long on one paragraph."""


class SafePattern:
    """A compiled pack pattern whose every search is bounded in time.

    A bounded search costs about 2 µs more than an unbounded one whatever the text (the
    regex module reads the clock), and most searches find nothing: a pattern that cannot
    match empty and whose first characters can be told has a *gate*, the stdlib class of
    those characters, and a text the gate does not open is answered without the search."""

    __slots__ = ("source", "_regex", "gate_source", "_gate", "needs", "class_needs", "_classes", "anchored", "_kept")

    def __init__(self, source: str, compiled: Any = None, gate_source: str | None = None,
                 needs: tuple[tuple[str, ...], ...] = (), class_needs: tuple[str, ...] = ()):
        self.source, self._regex, self.gate_source, self._gate = source, compiled, gate_source, None
        self.needs = needs  # every match holds one text of each of these (see required_texts)
        self.class_needs, self._classes = class_needs, None  # and a character of each class
        self.anchored = _anchored(source)
        self._kept: tuple[str, bytes] | None = None

    def __getstate__(self) -> tuple[str, str | None, tuple[tuple[str, ...], ...], tuple[str, ...], tuple[str, bytes]]:
        # The engine's compiled form goes as the regex module pickles it: compiling, which the
        # module does in Python, costs ≈ 1 ms a pattern, loading it ≈ 10 µs.  Kept as bytes
        # with the module's version, and loaded on first use only by the same version.
        return self.source, self.gate_source, self.needs, self.class_needs, (regex.__version__, pickle.dumps(self._compiled))

    def __setstate__(self, state: tuple[str, str | None, tuple[tuple[str, ...], ...], tuple[str, ...], tuple[str, bytes]]) -> None:
        self.source, self.gate_source, self.needs, self.class_needs, self._kept = state
        self._regex = self._gate = self._classes = None
        self.anchored = _anchored(self.source)

    def _opens(self, text: str, pos: int, endpos: int) -> bool:
        """False when no match can lie in text[pos:endpos]: none of the literals is there, or
        none of the first characters (the hot path of every pack check: kept lean)."""
        if self.needs:
            whole = pos == 0 and endpos == len(text)
            for alternatives in self.needs:
                for literal in alternatives:
                    if (literal in text) if whole else (text.find(literal, pos, endpos) != -1):
                        break
                else:
                    return False
        if self.class_needs:
            classes = self._classes
            if classes is None:
                classes = self._classes = [compiled(c) for c in self.class_needs]
            for wanted in classes:
                if wanted.search(text, pos, endpos) is None:
                    return False
        gate = self._gate
        if gate is None:
            if self.gate_source is None:
                return pos == 0 or not self.anchored
            gate = self._gate = compiled(self.gate_source)
        if self.anchored:  # ^ (without (?m)) matches only where the text begins: its first character must open
            return pos == 0 and gate.match(text, 0, endpos) is not None
        return gate.search(text, pos, endpos) is not None

    def may_occur(self, text: str) -> bool:
        """Whether a match may lie anywhere in ``text``: its required literals and classes are
        there (one look at a whole report, for a pattern whose first characters are common)."""
        if any(not any(literal in text for literal in alternatives) for alternatives in self.needs):
            return False
        if self.class_needs:
            if self._classes is None:
                self._classes = [compiled(c) for c in self.class_needs]
            return all(wanted.search(text) is not None for wanted in self._classes)
        return True

    @property
    def _compiled(self) -> Any:
        """Compiled on first use for a pack the suite has checked (most patterns of a run are
        never needed: their character gate stays closed), at load for any other pack; loaded
        instead from a prepared rule set's copy (check/prepared.py) made by this regex version."""
        if self._regex is None:
            kept, self._kept = self._kept, None
            if kept is not None and kept[0] == regex.__version__:
                with contextlib.suppress(Exception):  # a damaged copy: compiled from the source
                    self._regex = pickle.loads(kept[1])
            if self._regex is None or self._regex.pattern != self.source:
                self._regex = regex.compile(self.source)
        return self._regex

    @property
    def groups(self) -> int:
        return int(self._compiled.groups)

    @property
    def groupindex(self) -> dict[str, int]:
        return dict(self._compiled.groupindex)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Any]:
        # Most searches find nothing: the gates, then one bounded search, say so without a
        # generator's set-up.
        end = len(text) if endpos is None else endpos
        if not self._opens(text, pos, end) or self._search(text, pos, end) is None:
            return iter(())
        return self._finditer(text, pos, endpos)

    def _finditer(self, text: str, pos: int, endpos: int | None) -> Iterator[Any]:
        try:
            yield from self._compiled.finditer(text, pos, len(text) if endpos is None else endpos, timeout=SEARCH_TIMEOUT)
        except TimeoutError:
            raise PatternTimeout(self._message()) from None

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> Any:
        end = len(text) if endpos is None else endpos
        if not self._opens(text, pos, end):
            return None
        return self._search(text, pos, end)

    def _search(self, text: str, pos: int, end: int) -> Any:
        compiled = self._regex if self._regex is not None else self._compiled
        try:
            return compiled.search(text, pos, end, timeout=SEARCH_TIMEOUT)
        except TimeoutError:
            raise PatternTimeout(self._message()) from None

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> Any:
        try:
            return self._compiled.match(text, pos, len(text) if endpos is None else endpos, timeout=SEARCH_TIMEOUT)
        except TimeoutError:
            raise PatternTimeout(self._message()) from None

    def _message(self) -> str:
        shown = self.source if len(self.source) <= 40 else self.source[:40] + "…"
        return f"pattern {shown!r} took more than {SEARCH_TIMEOUT} s on one paragraph"


def safe_regex(source: str, probe: bool = True) -> SafePattern:
    """Compile a pack author's regex, refusing what can backtrack catastrophically."""
    if len(source) > MAX_PATTERN:
        raise ValueError(f"pattern longer than {MAX_PATTERN} characters")
    if not _PROBING.get():
        return SafePattern(source, None, gate_source(source), required_texts(source), required_classes(source))  # a shipped pack: checked, compiled and probed by the suite
    _static_checks(source)
    try:
        compiled = regex.compile(source)
    except regex.error as exc:
        raise re.error(str(exc)) from None
    pattern = SafePattern(source, compiled, gate_source(source), required_texts(source), required_classes(source))
    if probe and _PROBING.get():
        _probe(pattern)
    return pattern


def check_template(pattern: SafePattern, template: str) -> None:
    """A replacement may name only groups the pattern has (\\9 with one group is an error at load)."""
    for name, number in _GROUP_REF.findall(template):
        ref = name or number
        if ref.isdigit():
            if int(ref) > pattern.groups:
                raise ValueError(f"replacement {template!r} refers to group {ref}, but the pattern has {pattern.groups}")
        elif ref not in pattern.groupindex:
            raise ValueError(f"replacement {template!r} refers to group <{ref}>, which the pattern does not define")


def _static_checks(source: str) -> None:
    """Refuse, before anything runs, a repeat inside an unbounded repeat and backreferences."""
    from re import _parser as parser  # the stdlib's own regex parser

    parsed = _parse(source)
    if parsed is None:
        return  # syntax only the regex module knows: its compile and the probes judge it

    def walk(items: Any, inside_repeat: bool, product: int) -> None:
        # product: how many times the enclosing bounded repeats can run what is inside them
        for op, arg in items:
            name = str(op)
            if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
                low, high, sub = arg
                unbounded = high == parser.MAXREPEAT or high > 100
                if inside_repeat and unbounded:
                    raise ValueError(f"nested repetition in {source!r} can backtrack catastrophically")
                times = product * (high if not unbounded else 1)
                if product > 1 and times > MAX_NESTED_REPEATS:
                    raise ValueError(f"nested repetition in {source!r} can backtrack catastrophically")
                walk(sub, inside_repeat or unbounded, times if product > 1 or high > 1 else product)
            elif name == "SUBPATTERN":
                walk(arg[-1], inside_repeat, product)
            elif name == "BRANCH":
                for branch in arg[1]:
                    walk(branch, inside_repeat, product)
            elif name in ("GROUPREF", "GROUPREF_EXISTS"):
                raise ValueError(f"backreference in {source!r} is not allowed")
            elif name in ("ASSERT", "ASSERT_NOT"):
                walk(arg[1], inside_repeat, product)

    walk(parsed, False, 1)


def _probe(pattern: SafePattern) -> None:
    """Try the pattern on runs of its own characters (and a few of a report's): a pattern
    that takes more than PROBE_TIMEOUT on a few thousand characters would hang on a report."""
    own = {ch for ch in pattern.source if ch.isalnum() or ord(ch) > 0x2000}
    chars = sorted(own)[:12] + ["a", "。", "1", " ", "中", "，"]
    probes = [ch * n + "\x00" for ch in chars for n in (32, 3000)] + ["a。1 中，" * 800]
    for text in probes:
        try:
            for _ in pattern._compiled.finditer(text, timeout=PROBE_TIMEOUT):
                pass
        except TimeoutError:
            raise ValueError(f"{pattern.source!r} backtracks catastrophically: a search of {len(text)} characters "
                             f"took more than {PROBE_TIMEOUT * 1000:.0f} ms") from None


def gate_source(source: str) -> str | None:
    """The stdlib class of the characters every match of ``source`` starts with; None when a
    match may be empty or may start with anything (then every text is searched)."""
    found = _first_characters(source)
    if found is None or found[1]:
        return None
    gate = character_class([found[0]])
    return gate.pattern if gate is not None else None


#: More alternatives than this cost more to look for than the bounded search they would spare.
MAX_LITERALS = 6
#: Requirements kept per pattern (each a few ``in`` tests on a text that has what they need).
MAX_NEEDS = 4


def required_texts(source: str) -> tuple[tuple[str, ...], ...]:
    """What every match of ``source`` holds, as requirements that must all be met, each a few
    alternatives one of which must be there: the runs of plain characters written in a row
    (``[bookmark:``, a whole literal, ``。。`` in ``。{2,}``), small classes (``[xX×]``), and one
    alternative per branch of an alternation every match passes through (``(?:年|月|人)``,
    ``。{2,}|，{2,}``).  () when nothing can be told (ignore-case, syntax only the regex module
    knows).  ``(?:19|20)[xX×]{2}\\s*年`` needs (19 or 20) and (x or X or ×) and 年."""
    needs = _needs_of(source)
    unique = list(dict.fromkeys(n for n in needs if isinstance(n, tuple) and n and len(n) <= MAX_LITERALS))
    unique.sort(key=_score, reverse=True)
    return tuple(unique[:MAX_NEEDS])


@functools.lru_cache(maxsize=512)
def _parse(source: str) -> Any:
    """The stdlib parser's tree of ``source`` (parsed once for all the analyses below), or None
    when the stdlib cannot parse it (syntax only the regex module knows)."""
    from re import _parser as parser

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "possible nested set" and the like: not the user's concern here
            return parser.parse(source)
    except (re.error, OverflowError, RecursionError):
        return None


def _plain(source: str) -> Any:
    """The tree, or None when the pattern ignores case or is verbose (what it matches is
    then more than its characters say)."""
    parsed = _parse(source)
    return None if parsed is None or parsed.state.flags & (re.IGNORECASE | re.VERBOSE) else parsed


@functools.lru_cache(maxsize=512)
def _needs_of(source: str) -> tuple[tuple[str, ...] | _ClassNeed, ...]:
    parsed = _plain(source)
    if parsed is None:
        return ()
    try:
        return tuple(_needs(list(parsed), 0))
    except RecursionError:
        return ()


#: A class wider than this is no filter worth its compile time ([\u4e00-\u9fff]: any Chinese text).
MAX_CLASS_NEED = 2000


def required_classes(source: str) -> tuple[str, ...]:
    """Stdlib classes of which every match of ``source`` holds a character, too wide to look
    for character by character (the bopomofo of ``[。，,]?[\u3105-\u312f]…``): at most two,
    each of at most MAX_CLASS_NEED characters; () when none can be told."""
    return tuple(dict.fromkeys(str(n) for n in _needs_of(source) if isinstance(n, _ClassNeed)))[:2]


class _ClassNeed(str):
    """A requirement that is a character class (its stdlib source), not a few texts."""

    ranges: list[tuple[int, int]]


def _class_ranges(arg: Any) -> list[tuple[int, int]] | None:
    """The code point ranges of a class written as characters and ranges; None for a negated
    class or one with categories (\\d, \\s): any character may be in those."""
    ranges = []
    for kind, value in arg:
        kind = str(kind)
        if kind == "LITERAL":
            ranges.append((value, value))
        elif kind == "RANGE":
            ranges.append(value)
        else:
            return None
    return ranges


def _class_need(arg: Any) -> _ClassNeed | None:
    ranges = _class_ranges(arg)
    return _class_of(ranges) if ranges is not None else None


def _class_of(ranges: list[tuple[int, int]]) -> _ClassNeed | None:
    if not ranges or sum(b - a + 1 for a, b in ranges) > MAX_CLASS_NEED:
        return None
    gate = character_class([ranges])
    if gate is None:
        return None
    need = _ClassNeed(gate.pattern)
    need.ranges = ranges
    return need


def _branch_class(branches: list[list[tuple[str, ...] | _ClassNeed]]) -> _ClassNeed | None:
    """One class every match of an alternation holds a character of: from each branch a class
    it needs, or the first characters of texts it needs (a text holding 等级 holds 等)."""
    ranges: list[tuple[int, int]] = []
    for needs in branches:
        classes = [n for n in needs if isinstance(n, _ClassNeed)]
        texts = [n for n in needs if isinstance(n, tuple) and n]
        if classes:
            ranges += min(classes, key=lambda c: sum(b - a + 1 for a, b in c.ranges)).ranges
        elif texts:
            ranges += [(ord(t[0]), ord(t[0])) for t in min(texts, key=len)]
        else:
            return None
    return _class_of(ranges)


def _score(alternatives: tuple[str, ...]) -> tuple[int, int]:
    return min(map(len, alternatives)), -len(alternatives)


def _class_chars(arg: Any) -> tuple[str, ...] | None:
    """The characters of a small class ([xX×], [）)]), or None (negated, categories, wide)."""
    ranges = _class_ranges(arg)
    if ranges is None or sum(b - a + 1 for a, b in ranges) > MAX_LITERALS:
        return None
    return tuple(dict.fromkeys(chr(c) for a, b in ranges for c in range(a, b + 1))) or None


def _needs(items: Any, depth: int) -> list[tuple[str, ...] | _ClassNeed]:
    """The requirements of a sequence: every one must be met by a match of it."""
    needs: list[tuple[str, ...] | _ClassNeed] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            needs.append(("".join(run),))
            run.clear()

    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            run.append(chr(arg))
            continue
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, high, sub = arg
            sub = list(sub)
            if low >= 1 and len(sub) == 1 and str(sub[0][0]) == "LITERAL":
                run.extend(chr(sub[0][1]) * min(low, 8))
                if high == low and low <= 8:
                    continue  # exactly this many: the run goes on
            elif low >= 1 and depth < 8:
                needs.extend(_needs(sub, depth + 1))
        elif name == "IN":
            chars = _class_chars(arg)
            if chars:
                needs.append(chars)
            elif (wide := _class_need(arg)) is not None:
                needs.append(wide)
        elif name == "SUBPATTERN" and depth < 8:
            _group, add_flags, _del_flags, sub = arg
            if not add_flags & (re.IGNORECASE | re.VERBOSE):
                flush()
                needs.extend(_needs(list(sub), depth + 1))
                continue
        elif name == "BRANCH" and depth < 8:
            each = [_needs(list(branch), depth + 1) for branch in arg[1]]
            best = []
            for branch_needs in each:
                found = [n for n in branch_needs if isinstance(n, tuple) and len(n) <= MAX_LITERALS]
                if not found:
                    best = []
                    break
                best.append(max(found, key=_score))
            if best:
                needs.append(_fewest(tuple(alt for found in best for alt in found)))
            elif (wide := _branch_class(each)) is not None:
                needs.append(wide)
        flush()
    flush()
    return needs


def _fewest(alternatives: tuple[str, ...]) -> tuple[str, ...]:
    """Without an alternative that holds another (a text holding 自评等级 holds 等级)."""
    unique = sorted(dict.fromkeys(alternatives), key=len)  # in the order written, shortest first
    kept: list[str] = []
    for alt in unique:
        if not any(k in alt for k in kept):
            kept.append(alt)
    return tuple(kept)


def first_characters(source: str) -> list[tuple[int, int]] | None:
    """The ranges of characters a non-empty match of ``source`` can start with, or None when
    that cannot be told (a negated class, ``\\d``, ``.``, ignore-case, syntax only the regex
    module knows).  Lookarounds and anchors are skipped: they only narrow a match.

    A paragraph that holds none of these characters holds no match, and finding that out is
    one scan for a character class, which cannot backtrack."""
    found = _first_characters(source)
    return found[0] if found is not None else None


def _first_characters(source: str) -> tuple[list[tuple[int, int]], bool] | None:
    """(first_characters, whether a match can be empty), or None."""
    parsed = _plain(source)
    if parsed is None:
        return None
    ranges: list[tuple[int, int]] = []

    def first(items: Any) -> bool:
        """Add the first characters of a sequence; True when the sequence can match empty."""
        for op, arg in items:
            name = str(op)
            if name == "LITERAL":
                ranges.append((arg, arg))
                return False
            if name == "IN":
                found = _class_ranges(arg)
                if found is None:  # NEGATE, CATEGORY: any character may start it
                    raise LookupError
                ranges.extend(found)
                return False
            if name in ("AT", "ASSERT", "ASSERT_NOT"):
                continue  # zero width
            if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
                low, _high, sub = arg
                if not first(sub) and low > 0:
                    return False
                continue
            if name == "SUBPATTERN":
                _group, add_flags, _del_flags, sub = arg
                if add_flags & re.IGNORECASE:
                    raise LookupError
                if not first(sub):
                    return False
                continue
            if name == "ATOMIC_GROUP":
                if not first(arg):
                    return False
                continue
            if name == "BRANCH":
                empty = False
                for branch in arg[1]:
                    empty = first(branch) or empty
                if not empty:
                    return False
                continue
            raise LookupError  # ANY, NOT_LITERAL, GROUPREF, …
        return True

    try:
        empty = first(parsed)
    except LookupError:
        return None
    return ranges, empty


def character_gate(sources: list[str]) -> re.Pattern[str] | None:
    """One stdlib character class of every character a match of any of ``sources`` can start
    with; None when some pattern can start with anything."""
    return character_class([first_characters(source) for source in sources])


def character_class(starts: list[list[tuple[int, int]] | None]) -> re.Pattern[str] | None:
    """The class of the union of ``first_characters`` results; None when one of them is None."""
    ranges: list[tuple[int, int]] = []
    for found in starts:
        if found is None:
            return None
        ranges.extend(found)
    if not ranges:
        return None

    def char(cp: int) -> str:
        return re.escape(chr(cp))

    return compiled("[" + "".join(char(a) if a == b else f"{char(a)}-{char(b)}" for a, b in sorted(set(ranges))) + "]")
