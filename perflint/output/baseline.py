"""Baseline: adopt perflint on reports with known defects, then only let the count shrink.

An entry is keyed by rule, file, section path and the finding's text with
blanks and widths normalised, with a count: never by line number, so edits
elsewhere and re-flowed paragraphs do not resurrect old findings.  Entries may
carry a reviewer's acceptance (``accepted: {reason, by, date}``), which
``--write-baseline`` preserves: acceptances live here, not in the report.
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
from ..model.textnorm import squash
from .files import atomic_write

VERSION = 1


class BaselineError(Exception):
    pass


def key(f: Finding, root: Path) -> tuple[str, str, str, str]:
    """(rule, path, section, text): what identifies a finding across edits."""
    text = squash(f.matched) if f.matched else squash(f.message)
    return f.rule, _relative(f.path, root), f.section, text


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


def write(path: str, findings: Iterable[Finding]) -> int:
    root = Path(path).resolve().parent
    accepted = {}
    if Path(path).is_file():
        try:
            for entry in _read(path)["entries"]:
                if "accepted" in entry:
                    accepted[(entry["rule"], entry["path"], entry["section"], entry["text"])] = entry["accepted"]
        except BaselineError:
            pass
    counts = Counter(key(f, root) for f in findings)
    entries = []
    for k in sorted(counts):
        entry = {"rule": k[0], "path": k[1], "section": k[2], "text": k[3], "count": counts[k]}
        if k in accepted:
            entry["accepted"] = accepted[k]
        entries.append(entry)
    atomic_write(path, json.dumps({"version": VERSION, "tool": "perflint", "entries": entries}, ensure_ascii=False, indent=2) + "\n")
    return len(entries)


def _read(path: str) -> dict[str, Any]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{path}: no such baseline file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(f"{path}: not a perflint baseline: {exc}") from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("entries"), list):
        raise BaselineError(f"{path}: not a perflint baseline (version {VERSION} with 'entries')")
    for i, entry in enumerate(data["entries"]):
        if not isinstance(entry, dict) or not {"rule", "path", "section", "text", "count"} <= set(entry):
            raise BaselineError(f"{path}: entry {i}: needs rule, path, section, text and count")
    return data


def apply(path: str, findings: Sequence[Finding], linted: Iterable[str]) -> Result:
    """Findings not in the baseline, and baseline entries that no longer match (for linted files)."""
    root = Path(path).resolve().parent
    data = _read(path)
    remaining: Counter[tuple[str, str, str, str]] = Counter()
    for entry in data["entries"]:
        remaining[(entry["rule"], entry["path"], entry["section"], entry["text"])] += int(entry["count"])
    new, suppressed = [], 0
    for f in findings:
        k = key(f, root)
        if remaining[k] > 0:
            remaining[k] -= 1
            suppressed += 1
        else:
            new.append(f)
    linted_paths = {_relative(p, root) for p in linted}
    stale = [
        {"rule": k[0], "path": k[1], "section": k[2], "text": k[3], "count": n}
        for k, n in sorted(remaining.items()) if n > 0 and k[1] in linted_paths
    ]
    return Result(new, stale, suppressed)
