"""CI formats: GitHub workflow commands, GitLab Code Quality, JUnit XML."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

from ...check.finding import Finding
from ..baseline import fingerprint

if TYPE_CHECKING:
    from . import Context

GITHUB_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}
GITLAB_SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def github(findings: list[Finding], ctx: Context) -> str:
    """Workflow commands: one ::error/::warning/::notice annotation per finding."""
    lines = []
    for f in findings:
        props = [f"file={_prop(f.path)}"]
        if f.position:
            p = f.position
            props += [f"line={p.line}", f"col={p.column}", f"endLine={p.end_line}", f"endColumn={p.end_column}"]
        props.append(f"title={_prop(f'{f.rule} {f.name}')}")
        lines.append(f"::{GITHUB_LEVELS[f.severity.value]} {','.join(props)}::{_data(f.message)}")
    return "\n".join(lines) + ("\n" if lines else "")


def _relative(path: str) -> str:
    p = Path(path).resolve()
    try:
        return p.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return p.as_posix()


def gitlab(findings: list[Finding], ctx: Context) -> str:
    """GitLab Code Quality report: fingerprints do not depend on line numbers."""
    seen: dict[str, int] = defaultdict(int)
    issues = []
    for f in findings:
        base = fingerprint(f)
        seen[base] += 1
        issues.append({
            "description": f"{f.rule}: {f.message}",
            "check_name": f.rule,
            "fingerprint": f"{base}:{seen[base]}",
            "severity": GITLAB_SEVERITY[f.severity.value],
            "location": {"path": _relative(f.path), "lines": {"begin": f.position.line if f.position else 1}},
        })
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"


def junit(findings: list[Finding], ctx: Context) -> str:
    """JUnit XML: a test suite per report, a failing test case per finding."""
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        by_path[f.path].append(f)
    for path in ctx.sources:
        by_path.setdefault(path, [])
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<testsuites name="perflint" tests="{max(1, len(findings))}" failures="{len(findings)}">']
    for path in sorted(by_path):
        items = by_path[path]
        out.append(f'  <testsuite name={quoteattr(path)} tests="{max(1, len(items))}" failures="{len(items)}" errors="0">')
        if not items:
            out.append(f'    <testcase name="clean" classname={quoteattr(path)}/>')
        for f in items:
            where = f"{f.line}:{f.column}" if f.position else "document"
            out.append(f'    <testcase name={quoteattr(f"{f.rule} {f.name} at {where}")} classname={quoteattr(path)} file={quoteattr(path)}'
                       + (f' line="{f.line}"' if f.position else "") + ">")
            out.append(f'      <failure type={quoteattr(f.severity.value)} message={quoteattr(f.message)}>'
                       f'{escape(f"{path}:{where}: {f.severity.value}: {f.message} [{f.rule}]")}</failure>')
            out.append("    </testcase>")
        out.append("  </testsuite>")
    out.append("</testsuites>")
    return "\n".join(out) + "\n"
