"""``--format sarif``: SARIF 2.1.0 as GitHub code scanning accepts it.

Rules carry descriptions and help (with the regulation they cite); results
carry repo-relative URIs, 1-based regions in code points (``columnKind:
unicodeCodePoints``), and ``partialFingerprints.primaryLocationLineHash`` from
the same line-independent key as the baseline.  A finding about the whole
document is anchored on line 1 (GitHub needs a region) and marked
``properties.documentLevel``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from ...check.finding import Finding
from ...version import __version__
from ..baseline import fingerprint
from ..fixes import edit_positions

if TYPE_CHECKING:
    from . import Context

LEVELS = {"error": "error", "warning": "warning", "info": "note"}
INFORMATION_URI = "https://pypi.org/project/perflint-cn/"


def source_root(start: Path) -> Path:
    """The root the URIs are relative to: the git repository holding ``start`` (what code
    scanning resolves paths against), or ``start`` itself outside a repository."""
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return start


def _location(path: str, root: Path) -> dict[str, str]:
    """An artifactLocation: a percent-encoded URI relative to %SRCROOT% (2023年 报告#1.txt →
    2023%E5%B9%B4%20%E6%8A%A5%E5%91%8A%231.txt), or an absolute file: URI outside the root."""
    from urllib.parse import quote

    p = Path(path).resolve()
    try:
        return {"uri": quote(p.relative_to(root).as_posix(), safe="/"), "uriBaseId": "%SRCROOT%"}
    except ValueError:
        return {"uri": p.as_uri()}


def render(findings: list[Finding], ctx: Context) -> str:
    root = source_root(Path.cwd().resolve())
    used = {f.rule for f in findings}
    rules = [r for r in ctx.rules if r.id in used] if ctx.rules else []
    index = {r.id: i for i, r in enumerate(rules)}
    lang = ctx.lang
    descriptors = []
    for r in rules:
        description = (r.description.get(lang) or r.description.get("zh") or r.name)[:1024]
        help_text = description + (f"\n依据 / Citation: {r.citation}" if r.citation else "")
        descriptors.append({
            "id": r.id,
            "name": r.name,
            "shortDescription": {"text": r.name.replace("-", " ")},
            "fullDescription": {"text": description},
            "help": {"text": help_text, "markdown": help_text.replace("\n", "\n\n")},
            "defaultConfiguration": {"level": LEVELS[r.severity.value]},
            "properties": {"kind": r.kind, "tags": [r.kind, r.id[:3]], "problem.severity": r.severity.value,
                           "citation": r.citation},
        })
    results = []
    seen: dict[str, int] = {}
    for f in findings:
        base = fingerprint(f, root)[:32]
        seen[base] = seen.get(base, 0) + 1
        pos = f.position
        region = (
            {"startLine": pos.line, "startColumn": pos.column, "endLine": pos.end_line, "endColumn": pos.end_column}
            if pos else {"startLine": 1, "startColumn": 1}
        )
        result = {
            "ruleId": f.rule,
            "level": LEVELS[f.severity.value],
            "message": {"text": f.message},
            "locations": [{"physicalLocation": {"artifactLocation": _location(f.path, root), "region": region}}],
            "partialFingerprints": {"primaryLocationLineHash": f"{base}:{seen[base]}"},
            "properties": {"kind": f.kind, "section": f.section, "documentLevel": pos is None},
        }
        if f.rule in index:
            result["ruleIndex"] = index[f.rule]
        if f.related:
            result["relatedLocations"] = [
                {"id": i, "message": {"text": r.label or "related"},
                 "physicalLocation": {"artifactLocation": _location(f.path, root),
                                      "region": {"startLine": r.line, "startColumn": r.column, "endLine": r.end_line, "endColumn": r.end_column}}}
                for i, r in enumerate(f.related[:10])
            ]
        source = ctx.sources.get(f.path)
        if f.fix is not None and source is not None and source.origins is None:  # edits of a text file's characters
            replacements = []
            for e in f.fix.edits:
                at = edit_positions(source, e.start, e.end)
                replacements.append({"deletedRegion": {"startLine": at["line"], "startColumn": at["column"],
                                                       "endLine": at["end_line"], "endColumn": at["end_column"]},
                                     "insertedContent": {"text": e.content}})
            result["fixes"] = [{"description": {"text": f"{f.fix.applicability} fix: perflint --fix" + (" --unsafe-fixes" if not f.fix.safe else "")},
                                "artifactChanges": [{"artifactLocation": _location(f.path, root), "replacements": replacements}]}]
        results.append(result)
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "perflint", "version": __version__, "semanticVersion": __version__,
                                "informationUri": INFORMATION_URI, "rules": descriptors}},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": root.as_uri() + "/"}},
            "columnKind": "unicodeCodePoints",
            "invocations": [{
                "executionSuccessful": not ctx.problems,
                "toolExecutionNotifications": [
                    {"level": "error", "message": {"text": reason},
                     "locations": [{"physicalLocation": {"artifactLocation": _location(path, root)}}]}
                    for path, reason in ctx.problems
                ],
            }],
            "results": results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
