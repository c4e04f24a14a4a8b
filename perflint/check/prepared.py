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
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

#: Prepared rule sets kept; older ones are removed when a new one is written.
KEEP = 8
PREFIX = "packs-"
#: The catalogue of each (RuleSet.catalogue): what a run that lints nothing needs.
CATALOGUE_PREFIX = "catalogue-"
#: Verdicts kept (empty files named by the digest of what was found valid).
KEEP_VERDICTS = 64
VERDICT_PREFIX = "valid-"


#: False while a run was asked for no cache (--no-cache); the environment can say so too.
_ENABLED = True


def enable(on: bool) -> None:
    """Turn the cache on or off for this process (``--no-cache``)."""
    global _ENABLED
    _ENABLED = on


def cache_dir() -> Path | None:
    """The cache folder, or None when caching is off."""
    if not _ENABLED or os.environ.get("PERFLINT_NO_CACHE", "") not in ("", "0"):
        return None
    explicit = os.environ.get("PERFLINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "perflint"


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
        return _owned(st) and _trusted_folder(folder)
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
    h = _blake2b()
    h.update(sys.version.encode())
    for part in parts:
        h.update(len(part).to_bytes(8, "little") + part)
    return h.hexdigest()


def _blake2b():  # noqa: ANN202
    try:
        from _blake2 import blake2b  # the builtin module: hashlib would load OpenSSL first (≈ 5 ms)
    except ImportError:  # pragma: no cover - every CPython build has it
        from hashlib import blake2b
    return blake2b(digest_size=16)


def packs_key(paths: Sequence[str]) -> str | None:
    """The key of a rule set prepared from ``paths`` (what a result found with it depends on)."""
    return _key(paths)


def _key(paths: Sequence[str]) -> str | None:
    """A digest of everything a prepared rule set depends on; None if a pack cannot be read
    (the loader then reports it properly)."""
    from ..read.source import InputError, read_limited
    from .packs import MAX_PACK_BYTES, data_dir

    h = _blake2b()
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


def _owned(st: os.stat_result) -> bool:
    getuid = getattr(os, "getuid", None)
    return getuid is None or st.st_uid == getuid()


def _trusted_folder(folder: Path) -> bool:
    """Ours, and no one else can write in it."""
    st = os.stat(folder)
    return _owned(st) and not st.st_mode & 0o022


def load_pickle(path: Path) -> Any:
    """What an earlier run stored at ``path``, or None: missing, damaged, or written where
    someone else could have written it."""
    try:
        with open(path, "rb") as f:
            st = os.fstat(f.fileno())
            if not _owned(st) or not _trusted_folder(path.parent):
                return None  # someone else could have written it
            return pickle.load(f)
    except FileNotFoundError:
        return None
    except Exception:  # noqa: BLE001 - a damaged or stale cache is rebuilt, never fatal
        return None


def store_pickle(folder: Path, path: Path, value: Any) -> bool:
    """Write ``value`` to ``path`` in ``folder`` atomically; False when it cannot (no cache is
    only slower)."""
    import tempfile

    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except Exception:  # noqa: BLE001 - no cache is only slower
        return False
    return True


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
