"""Findings remembered per file (``--cache``), as ruff and ESLint remember theirs.

What perflint finds in a file depends only on the file's bytes and name, the rule
set (the packs' bytes, perflint's own files and the Python version: the key of
the prepared rule set, check/prepared.py), the rules chosen for the file with
their severities, the family, shape and language of the run, and for a Word,
Excel or PDF file the libraries that read it (an upgrade may read it
differently).  With
``--cache`` (or ``cache = true`` in the configuration) each file's findings are
stored under a digest of all of these, with what the file was taken for (and,
for a Word, Excel or PDF file, the text read from it); a later run that
computes the same digest loads them instead of linting the file again, and
decodes a text file's bytes, which it read for the digest, or takes a Word,
Excel or PDF file's text from the entry without opening the file.

Nothing uncertain is stored: a file on which a rule was skipped (a pattern's
time limit) or failed, and standard input, are linted every time.  Entries live
in ``findings/`` in the cache folder, trusted as the prepared packs are (owned by
the user, in a folder no one else can write); the least recently used are
removed beyond ``KEEP``.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..read.source import Source
from .finding import DocumentInfo, Finding
from .prepared import cache_dir, digest, load_pickle, packs_key, store_pickle

#: Entries kept: a run that leaves more removes the least recently used (an entry of a
#: text report is its findings, a few kilobytes; of a Word, Excel or PDF file, its text too).
KEEP = 10_000
FOLDER = "findings"
SUFFIX = ".pickle"
#: Changed when what an entry holds changes shape.
VERSION = b"findings-1"

#: The packages that read each kind of document (read/documents.py), by import name.
READERS = {".docx": ("docx", "lxml"), ".xlsx": ("openpyxl",), ".pdf": ("pdfplumber", "pdfminer")}

Entry = tuple[Source, list[Finding], DocumentInfo]


class FindingsCache:
    """The findings of the files of one rule set, by digest."""

    def __init__(self, folder: Path, ruleset_key: str):
        self.folder = folder
        self._ruleset_key = ruleset_key.encode()

    @classmethod
    def for_ruleset(cls, paths: Sequence[str]) -> FindingsCache | None:
        """The cache for a rule set loaded from ``paths``; None when caching is off or a pack
        cannot be read."""
        folder = cache_dir()
        key = packs_key(paths) if folder is not None else None
        if folder is None or key is None:
            return None
        return cls(folder / FOLDER, key)

    def key(self, path: str, data: bytes, rules: Sequence[Any], family: str | None, shape: str | None, lang: str) -> str:
        """The digest of everything one file's findings depend on."""
        chosen = "\n".join(f"{r.id}:{r.severity.value}" for r in rules).encode()
        settings = f"{family}\0{shape}\0{lang}".encode()
        readers = installed_readers(os.path.splitext(path)[1].lower())
        return digest(VERSION, self._ruleset_key, os.fsencode(path), chosen, settings, readers, data)

    def load(self, key: str, path: str, data: bytes) -> Entry | None:
        """The entry stored under ``key``; the source of a text file is decoded from ``data``,
        the bytes the key was computed from."""
        entry_path = self.folder / f"{key}{SUFFIX}"
        entry = load_pickle(entry_path)
        if not _well_formed(entry):
            return None
        try:
            os.utime(entry_path)  # recently used: kept by prune
        except OSError:
            pass
        source, findings, info = entry
        return (Source.from_bytes(path, data) if source is None else source), findings, info

    def store(self, key: str, source: Source, findings: list[Finding], info: DocumentInfo) -> None:
        if info.errors:
            return  # a rule was skipped or failed: the next run tries again
        kept = source if source.origins is not None else None  # a text file is decoded again from its bytes
        store_pickle(self.folder, self.folder / f"{key}{SUFFIX}", (kept, findings, info))

    def prune(self, keep: int = KEEP) -> None:
        """Remove the least recently used entries beyond ``keep`` (a tenth more, so that a
        run does not prune again at once)."""
        try:
            with os.scandir(self.folder) as entries:
                names = [e for e in entries if e.name.endswith(SUFFIX)]
            if len(names) <= keep:
                return
            names.sort(key=lambda e: e.stat().st_mtime_ns)
            for entry in names[: len(names) - keep + keep // 10]:
                os.unlink(entry.path)
        except OSError:
            return


@functools.cache
def installed_readers(suffix: str) -> bytes:
    """What tells the installed readers of ``suffix`` files apart: the size and time of each
    package's first module, found without importing it (an upgrade rewrites it)."""
    import importlib.util

    stamps = []
    for name in READERS.get(suffix, ()):
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            spec = None
        origin = spec.origin if spec is not None else None
        try:
            st = os.stat(origin) if origin else None
        except OSError:
            st = None
        stamps.append(f"{name}\0{st.st_size}\0{st.st_mtime_ns}" if st else f"{name}\0absent")
    return "\n".join(stamps).encode()


def _well_formed(entry: Any) -> bool:
    return (isinstance(entry, tuple) and len(entry) == 3 and (entry[0] is None or isinstance(entry[0], Source))
            and isinstance(entry[1], list) and isinstance(entry[2], DocumentInfo))
