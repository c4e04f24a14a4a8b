"""Writing files safely: nothing a user owns is half-written, replaced by something else, or lost.

``atomic_write`` writes to a temporary file beside the target and renames it
over the target, so an interrupted run leaves the old file or the new one,
never half of one.  The new file keeps the old one's permissions (a new file
follows the umask, as any program's would); a symbolic link is written
through (the file it points to is replaced, the link stays); a special file
(``/dev/stdout``, a pipe) is written to directly, since it cannot be renamed
over.  Temporary files carry the writer's process id, so the leftovers of a
run that was killed are removed by the next one.  ``locked`` serialises
read-modify-write updates (a baseline written by several runs at once).
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path


class WriteError(OSError):
    """A file perflint could not write; the message says why, in one line."""


def atomic_write(path: str | Path, text: str | bytes) -> None:
    """Write ``text`` (UTF-8) or bytes to ``path`` through a temporary file in its folder."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    target = Path(path)
    try:
        try:
            kind = os.stat(target).st_mode  # after links
        except FileNotFoundError:
            kind = None
        if kind is not None and not stat.S_ISREG(kind):
            if stat.S_ISDIR(kind):
                raise WriteError(f"{path}: is a directory")
            with open(target, "wb") as handle:  # /dev/stdout, a pipe: written to
                handle.write(data)
            return
        if target.is_symlink():
            target = Path(os.path.realpath(target))  # write through the link; the link itself stays
        directory = target.parent if str(target.parent) else Path(".")
        if not directory.is_dir():
            raise WriteError(f"{path}: no such directory {directory}")
        _remove_leftovers(directory, target.name)
        mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else _default_mode()
        temp = None
        import tempfile  # here, not at start-up: most runs write nothing

        try:
            fd, temp = tempfile.mkstemp(prefix=f".{target.name}.perflint-{os.getpid()}-", suffix=".tmp", dir=directory)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temp, mode)
            os.replace(temp, target)
            temp = None
        finally:
            if temp is not None:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(temp)
    except WriteError:
        raise
    except OSError as exc:
        raise WriteError(f"{path}: cannot write: {exc.strerror or exc}") from None


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _remove_leftovers(directory: Path, name: str) -> None:
    """Temporary files of this target left by runs that were killed (their process is gone)."""
    for leftover in directory.glob(f".{name}.perflint-*-*.tmp"):
        try:
            pid = int(leftover.name[len(name) + 11 :].split("-", 1)[0])
        except ValueError:
            continue
        if pid != os.getpid() and not _alive(pid):
            with contextlib.suppress(OSError):
                leftover.unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextlib.contextmanager
def locked(path: str | Path) -> Iterator[None]:
    """An exclusive lock for a read-modify-write of ``path`` (a baseline updated by several runs
    at once): flock on the folder that holds it, so no lock file is left among the user's files."""
    target = Path(path)
    with contextlib.suppress(OSError):
        target = target.resolve()
    try:
        fd = os.open(target.parent, os.O_RDONLY)
    except OSError as exc:
        raise WriteError(f"{path}: cannot lock its folder: {exc.strerror or exc}") from None
    try:
        try:
            import fcntl
        except ImportError:  # no flock (Windows): one writer at a time is the user's to ensure
            fcntl = None
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def same_file(a: str | Path, b: str | Path) -> bool:
    """Whether two paths name one file (after links), for refusing to write over an input."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return Path(a).resolve() == Path(b).resolve()
