"""A cache of prepared rule sets, so a run does not parse YAML it parsed before.

Reading the shipped packs (YAML, the schema manifest, building every rule) costs
about as much as linting a report; the result depends only on the pack files,
perflint's own code and the Python that runs it.  The first run stores the
prepared ``RuleSet`` (pickled) under a key made of the packs' bytes, the stat of
every perflint module and schema, and the Python version; later runs load it in a
few milliseconds and never import PyYAML.

Where: ``$PERFLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/perflint``, else
``~/.cache/perflint``.  ``PERFLINT_NO_CACHE=1`` (or ``--no-cache``) turns it off.
The cache is never trusted blindly: a file not owned by the user, or in a folder
others can write, is ignored; one that fails to load is ignored and rebuilt; a
folder that cannot be written is simply not used.  Writes are atomic.

The same folder keeps verdicts: a configuration file jsonschema found valid once
is not validated again while its content and the schema are the same (importing
jsonschema costs a quarter of a run's start-up).
"""

from __future__ import annotations

import os
import pickle
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..read.cache import cache_dir, enable, new_digest, owned, read_trusted, trusted_folder, write_atomic
from ..read.regex_cache import compiled

__all__ = ["cache_dir", "enable", "digest", "known_valid", "load_pickle", "packs_key", "prepared", "record_valid", "store_pickle"]

#: Prepared rule sets kept; older ones are removed when a new one is written.
KEEP = 8
PREFIX = "packs-"
#: The catalogue of each (RuleSet.catalogue): what a run that lints nothing needs.
CATALOGUE_PREFIX = "catalogue-"
#: Verdicts kept (empty files named by the digest of what was found valid).
KEEP_VERDICTS = 64
VERDICT_PREFIX = "valid-"


def prepared(paths: Sequence[str], build: Callable[[Sequence[str]], Any], prefix: str = PREFIX, key: str | None = None) -> Any:
    """``build(paths)``, or what an earlier run built from exactly these inputs and stored
    under ``prefix`` (the rule set, or its catalogue); ``key``: ``packs_key(paths)`` if the
    caller has it."""
    folder = cache_dir()
    if folder is not None and key is None:
        key = _key(paths)
    if folder is None or key is None:
        return build(paths)
    path = folder / f"{prefix}{key}.pickle"
    cached = load_pickle(path)
    if cached is not None:
        return cached
    ruleset = build(paths)  # a PackError propagates: nothing is stored for a bad pack
    _store(folder, path, ruleset, prefix)
    return ruleset


def known_valid(key: str) -> bool:
    """Whether an earlier run recorded ``key`` (the digest of something it found valid) as valid."""
    folder = cache_dir()
    if folder is None:
        return False
    try:
        st = os.stat(folder / f"{VERDICT_PREFIX}{key}")
        return owned(st) and trusted_folder(folder)
    except OSError:
        return False


def record_valid(key: str) -> None:
    """Record ``key`` as valid, for the next run (an empty file: nothing to load)."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        marker = folder / f"{VERDICT_PREFIX}{key}"
        marker.touch()
        _prune(folder, marker, VERDICT_PREFIX, KEEP_VERDICTS, "")
    except OSError:  # no cache is only slower
        return


def digest(*parts: bytes) -> str:
    """A short digest of ``parts`` and the Python that runs perflint."""
    h = new_digest()
    h.update(sys.version.encode())
    for part in parts:
        h.update(len(part).to_bytes(8, "little") + part)
    return h.hexdigest()


def packs_key(paths: Sequence[str]) -> str | None:
    """The key of a rule set prepared from ``paths`` (what a result found with it depends on)."""
    return _key(paths)


def _key(paths: Sequence[str]) -> str | None:
    """A digest of everything a prepared rule set depends on; None if a pack cannot be read
    (the loader then reports it properly)."""
    from ..read.source import InputError, read_limited
    from .packs import MAX_PACK_BYTES, data_dir

    h = new_digest()
    h.update(sys.version.encode())
    for p in paths:
        if p == "-":
            return None
        try:
            data = read_limited(p, MAX_PACK_BYTES)  # a FIFO or a device is never opened for reading
        except (InputError, OSError):
            return None
        h.update(os.path.abspath(p).encode() + b"\0" + len(data).to_bytes(8, "little") + data)
    code = Path(__file__).resolve().parent.parent
    for folder in (code, data_dir("schemas")):
        for stat_line in _stats(folder):
            h.update(stat_line)
    return h.hexdigest()


def _stats(folder: Path) -> list[bytes]:
    """(path, size, mtime) of every .py and .json file under a folder, in a fixed order."""
    found = []
    stack = [str(folder)]
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__":
                        stack.append(entry.path)
                elif entry.name.endswith((".py", ".json")):
                    st = entry.stat()
                    found.append(f"{entry.path}\0{st.st_size}\0{st.st_mtime_ns}".encode())
    return sorted(found)


def load_pickle(path: Path) -> Any:
    """What an earlier run stored at ``path``, or None: missing, damaged, or written where
    someone else could have written it."""
    data = read_trusted(path)
    if data is None:
        return None
    try:
        return pickle.loads(data)
    except Exception:  # noqa: BLE001 - a damaged or stale cache is rebuilt, never fatal
        return None


class _Pickler(pickle.Pickler):
    """Patterns in a prepared rule set are rebuilt through read/regex_cache when it is loaded
    (the stdlib's own reduction would compile each one again)."""

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, re.Pattern):
            return compiled, (obj.pattern, obj.flags & ~re.UNICODE if isinstance(obj.pattern, str) else obj.flags)
        return NotImplemented


def store_pickle(folder: Path, path: Path, value: Any) -> bool:
    """Write ``value`` to ``path`` in ``folder`` atomically; False when it cannot (no cache is
    only slower)."""
    import io

    try:
        buffer = io.BytesIO()
        _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
        data = buffer.getvalue()
    except Exception:  # noqa: BLE001 - a value that cannot be kept is only not kept
        return False
    return write_atomic(folder, path, data)


def _store(folder: Path, path: Path, ruleset: Any, prefix: str) -> None:
    if store_pickle(folder, path, ruleset):
        try:
            _prune(folder, path, prefix, KEEP, ".pickle")
        except OSError:
            return


def _prune(folder: Path, keep: Path, prefix: str, count: int, suffix: str) -> None:
    entries = sorted(folder.glob(f"{prefix}*{suffix}"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in [e for e in entries if e != keep][count - 1:]:
        old.unlink(missing_ok=True)
