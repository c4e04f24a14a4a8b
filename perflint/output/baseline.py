"""Baseline: adopt perflint on reports with known defects, then only let the count shrink.

An entry is keyed by rule, file, section path and the finding's text with
blanks, widths and script folded, with a count: never by line number, so edits
elsewhere in the report, in the same paragraph, and re-flowed paragraphs do
not resurrect old findings.  A report moved or renamed keeps its entries: a
finding in a file the baseline does not know is matched by rule, section and
text against the entries of files that no longer exist.  Entries may carry a
reviewer's acceptance (``accepted: {reason, by, date}``), which
``--write-baseline`` preserves; writing a baseline for some files keeps the
entries of the others, under a lock, so runs over parts of a folder can share
one baseline.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..check.finding import Finding
from ..model.textnorm import fold, squash
from .files import atomic_write, locked

VERSION = 1
_FIELDS = {"rule": str, "path": str, "section": str, "text": str, "count": int}

Key = tuple[str, str, str, str]


class BaselineError(Exception):
    pass


def _norm(text: str) -> str:
    return squash(fold(text))


def key(f: Finding, root: Path) -> Key:
    """(rule, path, section, text): what identifies a finding across edits."""
    text = _norm(f.matched) if f.matched else _norm(f.message)
    section = " / ".join(_norm(part) for part in f.section.split(" / ")) if f.section else ""
    return f.rule, _relative(f.path, root), section, text


def fingerprint(f: Finding, root: Path | None = None) -> str:
    """A line-independent hash of a finding's key (for SARIF and GitLab)."""
    return hashlib.sha256("\x1f".join(key(f, root or Path.cwd())).encode("utf-8")).hexdigest()


def _relative(path: str, root: Path) -> str:
    p = Path(path).resolve()
    try:
        return p.relative_to(root.resolve()).as_posix()
    except ValueError:
        return p.as_posix()


@dataclass
class Result:
    new: list[Finding]
    stale: list[dict[str, Any]]
    suppressed: int


def write(path: str, findings: Iterable[Finding], linted: Iterable[str] = ()) -> int:
    """Record the findings of the linted files; keep the entries of every other file and
    every reviewer's acceptance.  Returns the number of entries written."""
    root = Path(path).resolve().parent
    linted_paths = {_relative(p, root) for p in linted}
    with locked(path):
        previous = _read(path)["entries"] if Path(path).exists() else []
        accepted = {_entry_key(e): e["accepted"] for e in previous if "accepted" in e}
        kept = [e for e in previous if e["path"] not in linted_paths]
        counts = Counter(key(f, root) for f in findings)
        entries = list(kept)
        for k in sorted(counts):
            entry: dict[str, Any] = {"rule": k[0], "path": k[1], "section": k[2], "text": k[3], "count": counts[k]}
            if k in accepted:
                entry["accepted"] = accepted[k]
            entries.append(entry)
        entries.sort(key=lambda e: (e["path"], e["rule"], e["section"], e["text"]))
        atomic_write(path, json.dumps({"version": VERSION, "tool": "perflint", "entries": entries}, ensure_ascii=False, indent=2) + "\n")
    return len(entries)


def _entry_key(entry: dict[str, Any]) -> Key:
    return entry["rule"], entry["path"], entry["section"], entry["text"]


def _read(path: str) -> dict[str, Any]:
    from ..read.source import InputError, read_limited

    try:
        data = json.loads(read_limited(path, 64 * 1024 * 1024).decode("utf-8"))
    except InputError as exc:
        reason = "no such baseline file" if str(exc) == "no such file" else f"cannot read baseline: {exc}"
        raise BaselineError(f"{path}: {reason}") from None
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise BaselineError(f"{path}: not a perflint baseline: {exc}") from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("entries"), list):
        raise BaselineError(f"{path}: not a perflint baseline (version {VERSION} with 'entries')")
    for i, entry in enumerate(data["entries"]):
        if not isinstance(entry, dict) or not set(_FIELDS) <= set(entry):
            raise BaselineError(f"{path}: entry {i}: needs rule, path, section, text and count")
        for name, kind in _FIELDS.items():
            if not isinstance(entry[name], kind) or isinstance(entry[name], bool):
                raise BaselineError(f"{path}: entry {i}: '{name}' must be {'a whole number' if kind is int else 'text'}")
        if entry["count"] < 1:
            raise BaselineError(f"{path}: entry {i}: 'count' must be at least 1")
    return data


def apply(path: str, findings: Sequence[Finding], linted: Iterable[str]) -> Result:
    """Findings not in the baseline, and baseline entries that no longer match (for linted files)."""
    root = Path(path).resolve().parent
    data = _read(path)
    remaining: Counter[Key] = Counter()
    for entry in data["entries"]:
        remaining[_entry_key(entry)] += int(entry["count"])
    known_paths = {k[1] for k in remaining}
    gone = {p for p in known_paths if not (root / p).exists()}  # moved or renamed since
    unmatched: list[Finding] = []
    suppressed = 0
    for f in findings:
        k = key(f, root)
        if remaining[k] > 0:
            remaining[k] -= 1
            suppressed += 1
        else:
            unmatched.append(f)
    new: list[Finding] = []
    for f in unmatched:
        k = key(f, root)
        moved = None
        if k[1] not in known_paths:  # a file the baseline does not know: perhaps one it knew by another name
            moved = next((m for m in remaining if m[1] in gone and m[0] == k[0] and m[2:] == k[2:] and remaining[m] > 0), None)
        if moved is not None:
            remaining[moved] -= 1
            suppressed += 1
        else:
            new.append(f)
    linted_paths = {_relative(p, root) for p in linted}
    stale = [
        {"rule": k[0], "path": k[1], "section": k[2], "text": k[3], "count": n}
        for k, n in sorted(remaining.items()) if n > 0 and k[1] in linted_paths
    ]
    return Result(new, stale, suppressed)
