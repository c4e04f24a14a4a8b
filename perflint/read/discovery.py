"""Which files to lint: the paths given, and the reports inside the directories given."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

REPORT_SUFFIXES = (".txt", ".md")


def expand_paths(paths: Sequence[str]) -> Iterator[tuple[str, str | None]]:
    """(path, error) for each file to lint, in a stable order; a directory means its *.txt and *.md reports."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if p.suffix.lower() in REPORT_SUFFIXES and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                yield raw, "no reports (*.txt, *.md) in this directory"
            for p in found:
                yield str(p), None
        elif path.exists():
            yield raw, None
        else:
            yield raw, "no such file or directory"
