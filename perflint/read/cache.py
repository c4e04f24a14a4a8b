"""Where perflint keeps what it can rebuild, and when it trusts what it finds there.

Everything kept here (prepared rule sets, configuration verdicts, results per
file, compiled regular expressions) only saves time: a missing, damaged or
untrusted entry is rebuilt, and a folder that cannot be written is simply not
used.

Where: ``$PERFLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/perflint``, else
``~/.cache/perflint``.  ``PERFLINT_NO_CACHE=1`` (or ``--no-cache``) turns it off.
A file not owned by the user, or in a folder others can write, is ignored.
"""

from __future__ import annotations

import os
from pathlib import Path

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


def new_digest():  # noqa: ANN201
    """A 16-byte BLAKE2b hash object for cache keys."""
    try:
        from _blake2 import blake2b  # the builtin module: hashlib would load OpenSSL first (≈ 5 ms)
    except ImportError:  # pragma: no cover - every CPython build has it
        from hashlib import blake2b
    return blake2b(digest_size=16)


def owned(st: os.stat_result) -> bool:
    getuid = getattr(os, "getuid", None)
    return getuid is None or st.st_uid == getuid()


def trusted_folder(folder: Path) -> bool:
    """Ours, and no one else can write in it."""
    st = os.stat(folder)
    return owned(st) and not st.st_mode & 0o022


def read_trusted(path: Path) -> bytes | None:
    """The bytes an earlier run wrote at ``path``, or None: missing, unreadable, or written
    where someone else could have written it."""
    try:
        with open(path, "rb") as f:
            if not owned(os.fstat(f.fileno())) or not trusted_folder(path.parent):
                return None
            return f.read()
    except OSError:
        return None


def write_atomic(folder: Path, path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` in ``folder`` so that no reader ever sees half of it; False
    when it cannot (no cache is only slower)."""
    import tempfile

    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        return False
    return True
