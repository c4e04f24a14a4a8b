"""perflint's own regular expressions, compiled once per machine instead of once per run.

Python compiles a pattern with a parser and an optimiser written in Python: the
≈ 200 patterns of perflint's reader, model and kinds cost ≈ 40 ms of every
start-up, a fifth of a cold ``perflint report.txt`` (a class spanning the Han
range alone ≈ 1 ms: the optimiser visits each of its 21,000 characters).  What
the optimiser produces is a list of integers for the C engine (``_sre``), which
depends only on the pattern, its flags and the Python that compiled it.  The
first run keeps those lists in the cache folder (read/cache.py); later runs hand
them straight to the engine.

Nothing here can change a match: an entry is looked up by the exact pattern and
flags, in a file named for this Python's version and engine; the engine
validates the code it is given and refuses a damaged list, and any refusal, a
missing or untrusted file, or a Python whose internals differ falls back to
``re.compile``.  Compiled patterns are the stdlib's own ``re.Pattern`` objects.

The file is read at the first compile through this module, which comes after the
command line's options are read (the modules imported before that compile their
few patterns as usual), and written, atomically, by ``save()`` at the end of a
run that compiled something new; ``--no-cache`` or ``PERFLINT_NO_CACHE=1`` stops
both.
"""

from __future__ import annotations

import marshal
import re
import sys
from array import array
from pathlib import Path
from typing import Any

from .cache import cache_dir, new_digest, read_trusted, write_atomic

try:
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - another Python: every pattern is compiled as usual
    _sre = None

#: False where the engine's interface is not the one this module knows (no _sre, or it
#: refused a call): every pattern is then compiled as usual.
_usable = _sre is not None

#: Entries kept in the file; past this, a save keeps only the patterns this process used.
MAX_ENTRIES = 4000
#: The engine's code words are unsigned integers of this many bytes.
_WORD = "I" if array("I").itemsize == getattr(_sre, "CODESIZE", 0) else "L"

# (pattern, flags) -> (flags, code as bytes, groups, groupindex, indexgroup), as read or compiled
_known: dict[tuple[str, int], tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]] | None = None
_used: set[tuple[str, int]] = set()
_new = 0
#: The file the kept patterns were read from, if any (what a test of --no-cache looks at).
_read_from: Path | None = None


def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the code an earlier run kept when there is one."""
    global _new
    flags = int(flags)
    if not _usable or flags & (re.DEBUG | re.LOCALE) or type(pattern) is not str:
        return re.compile(pattern, flags)
    known = _loaded()
    key = (pattern, flags)
    entry = known.get(key)
    fresh = entry is None
    if fresh:
        entry = _entry(pattern, flags)
        if entry is None:
            return re.compile(pattern, flags)  # errors are raised as re raises them
    result = _engine(pattern, entry)
    if result is None:
        known.pop(key, None)
        return re.compile(pattern, flags)
    if fresh:
        known[key], _new = entry, _new + 1
    _used.add(key)
    return result


def _engine(pattern: str, entry: tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]) -> re.Pattern[str] | None:
    """The engine's pattern for a kept entry; None when it refuses the code (damaged), and
    from then on none at all if its interface is not the one this module knows."""
    global _usable
    try:
        return _sre.compile(pattern, entry[0], array(_WORD, entry[1]).tolist(), entry[2], entry[3], entry[4])
    except RuntimeError:  # "invalid SRE code": this entry only
        return None
    except Exception:  # noqa: BLE001 - another engine: every pattern is compiled as usual
        _usable = False
        return None


def _entry(pattern: str, flags: int) -> tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]] | None:
    """What the engine is given for ``pattern`` (as ``re._compiler.compile`` builds it)."""
    try:
        parsed = _parser.parse(pattern, flags)
        code = array(_WORD, _compiler._code(parsed, flags)).tobytes()
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        return flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup)
    except Exception:  # noqa: BLE001 - internals not as expected: this pattern is not kept
        return None


def _file_name() -> str:
    """One file per Python build and engine version: another Python never reads it."""
    h = new_digest()
    h.update(f"{sys.version}\0{getattr(_sre, 'MAGIC', '')}\0{getattr(_sre, 'CODESIZE', '')}\0{sys.maxunicode}".encode())
    return f"regex-{h.hexdigest()}.marshal"


def _loaded() -> dict[tuple[str, int], Any]:
    global _known, _read_from
    if _known is None:
        _known = {}
        folder = cache_dir()
        path = folder / _file_name() if folder is not None else None
        data = read_trusted(path) if path is not None else None
        if data is not None:
            try:
                kept = marshal.loads(data)  # from bytes: marshal.load on a file reads word by word
                if isinstance(kept, dict):
                    _known, _read_from = kept, path
            except (ValueError, EOFError, TypeError):
                pass  # damaged: rebuilt by this run
    return _known


def save() -> bool:
    """Keep what this run compiled for the next; True when the file was written."""
    global _new
    folder = cache_dir()
    if not _new or folder is None or _known is None:
        return False
    kept = _known if len(_known) <= MAX_ENTRIES else {k: v for k, v in _known.items() if k in _used}
    try:
        data = marshal.dumps(kept)
    except ValueError:  # pragma: no cover - entries are built from marshal-able parts
        return False
    written = write_atomic(folder, folder / _file_name(), data)
    if written:
        _new = 0
    return written


def longest_first(word: str) -> tuple[int, str]:
    """Sort key for the words of an alternation: longest first (so 年度资金总额 wins over
    资金总额), ties in a fixed order, so a pattern built from a set is the same string, and
    is found here, in every run."""
    return -len(word), word
