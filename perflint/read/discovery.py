"""Which files to lint: the paths given, and the reports inside the directories given.

A directory means every report perflint can read in it (.txt .md .docx .xlsx
.pdf), at any depth, except what a ``.gitignore`` or ``.ignore`` on the way
excludes (matched with pathspec, git's own wildmatch rules), hidden files and
folders, and the folders of tools (virtual environments, node_modules, caches).
A folder that cannot be entered is reported, and the walk goes on.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path

REPORT_SUFFIXES = (".txt", ".md", ".docx", ".xlsx", ".pdf")
#: Folders that hold tools, not reports.
SKIPPED = frozenset({"node_modules", "__pycache__", "site-packages", "venv", "env", "dist", "build"})
IGNORE_FILES = (".gitignore", ".ignore")


def expand_paths(paths: Sequence[str]) -> Iterator[tuple[str, str | None]]:
    """(path, error) for each file to lint, in a stable order."""
    for raw in paths:
        if raw == "-":
            yield raw, None
            continue
        path = Path(raw)
        if path.is_dir():
            found = False
            for item in _walk(path):
                found = True
                yield item
            if not found:
                yield raw, f"no reports ({', '.join('*' + s for s in REPORT_SUFFIXES)}) in this directory"
        elif path.exists():
            yield raw, None
        else:
            yield raw, "no such file or directory"


def _walk(top: Path) -> Iterator[tuple[str, str | None]]:
    errors: list[tuple[str, str | None]] = []

    def refused(error: OSError) -> None:
        errors.append((str(error.filename or top), f"cannot enter this directory: {error.strerror or error}"))

    absolute_top = top.resolve()
    specs: dict[Path, list] = {}
    inherited = _inherited_rules(absolute_top)
    for directory, folders, files in os.walk(top, onerror=refused):
        here = Path(directory)
        absolute = absolute_top / here.relative_to(top)
        rules = specs[absolute] = (specs.get(absolute.parent, inherited) if absolute != absolute_top else inherited) + _own_rules(absolute)
        folders[:] = sorted(d for d in folders if not d.startswith(".") and d not in SKIPPED
                            and not (here / d / "pyvenv.cfg").exists() and not _ignored(absolute / d, rules, True))
        for name in sorted(files):
            # report.perflint.docx is perflint's own annotated copy of report.docx (--annotate)
            if name.startswith(".") or not name.lower().endswith(REPORT_SUFFIXES) or ".perflint." in name.lower():
                continue
            if not _ignored(absolute / name, rules, False):
                yield str(here / name), None
        while errors:
            yield errors.pop(0)
    yield from errors


def _inherited_rules(top: Path) -> list:
    """The ignore files of the folders above ``top``, up to the root of its git repository
    (``perflint reports/`` in a repository honours the repository's .gitignore)."""
    chain = []
    for folder in top.parents:
        chain.append(folder)
        if (folder / ".git").exists():
            break
    else:
        return []  # not in a repository: only the ignore files inside the folder apply
    rules: list = []
    for folder in reversed(chain):
        rules += _own_rules(folder)
    return rules


def _own_rules(directory: Path) -> list:
    own = []
    for name in IGNORE_FILES:
        file = directory / name
        if file.is_file():
            import pathspec

            try:
                lines = file.read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError:
                continue
            own.append((directory, pathspec.GitIgnoreSpec.from_lines(lines)))
    return own


def _ignored(path: Path, rules: list, is_dir: bool) -> bool:
    for base, spec in rules:
        relative = path.relative_to(base).as_posix() + ("/" if is_dir else "")
        if spec.match_file(relative):
            return True
    return False
