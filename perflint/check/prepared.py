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


def cache_dir() -> Path | None:
    """The cache folder, or None when caching is off."""
    if os.environ.get("PERFLINT_NO_CACHE", "") not in ("", "0"):
        return None
    explicit = os.environ.get("PERFLINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "perflint"


def prepared(paths: Sequence[str], build: Callable[[Sequence[str]], Any]) -> Any:
    """``build(paths)``, or the rule set an earlier run built from exactly these inputs."""
    folder = cache_dir()
    key = _key(paths) if folder is not None else None
    if folder is None or key is None:
        return build(paths)
    path = folder / f"{PREFIX}{key}.pickle"
    cached = _load(path)
    if cached is not None:
        return cached
    ruleset = build(paths)  # a PackError propagates: nothing is stored for a bad pack
    _store(folder, path, ruleset)
    return ruleset


def _key(paths: Sequence[str]) -> str | None:
    """A digest of everything a prepared rule set depends on; None if a pack cannot be read
    (the loader then reports it properly)."""
    try:
        from _blake2 import blake2b  # the builtin module: hashlib would load OpenSSL first (≈ 5 ms)
    except ImportError:  # pragma: no cover - every CPython build has it
        from hashlib import blake2b

    from ..read.source import InputError, read_limited
    from .packs import MAX_PACK_BYTES, data_dir

    h = blake2b(digest_size=16)
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


def _load(path: Path) -> Any:
    try:
        with open(path, "rb") as f:
            st = os.fstat(f.fileno())
            folder = os.stat(path.parent)
            if not _owned(st) or not _owned(folder) or folder.st_mode & 0o022:
                return None  # someone else could have written it
            return pickle.load(f)
    except FileNotFoundError:
        return None
    except Exception:  # noqa: BLE001 - a damaged or stale cache is rebuilt, never fatal
        return None


def _store(folder: Path, path: Path, ruleset: Any) -> None:
    import tempfile

    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        data = pickle.dumps(ruleset, protocol=pickle.HIGHEST_PROTOCOL)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".packs-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
        _prune(folder, keep=path)
    except Exception:  # noqa: BLE001 - no cache is only slower
        return


def _prune(folder: Path, keep: Path) -> None:
    entries = sorted(folder.glob(f"{PREFIX}*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in [e for e in entries if e != keep][KEEP - 1:]:
        old.unlink(missing_ok=True)
