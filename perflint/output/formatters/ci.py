"""CI formats: GitHub workflow commands, GitLab Code Quality, JUnit XML."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from ...check.finding import Finding
from ...read.regex_cache import compiled
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
        lines.append(f"::{GITHUB_LEVELS[f.severity.value]} {','.join(props)}::{_data(f.shown_message)}")
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
            "description": f"{f.rule}: {f.shown_message}",
            "check_name": f.rule,
            "fingerprint": f"{base}:{seen[base]}",
            "severity": GITLAB_SEVERITY[f.severity.value],
            "location": {"path": _relative(f.path), "lines": {"begin": f.position.line if f.position else 1}},
        })
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"


def junit(findings: list[Finding], ctx: Context) -> str:
    """JUnit XML: a test suite per report, a test case per finding.  Findings at or above
    the file's --fail-on level are failures; those below pass (their message kept in
    system-out); a file that could not be linted is an error.  Written with the standard
    library's XML writer, after replacing the characters XML 1.0 cannot hold."""
    import xml.etree.ElementTree as ET

    by_path: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        by_path[f.path].append(f)
    for path in ctx.sources:
        by_path.setdefault(path, [])
    problems = dict(ctx.problems)
    for path in problems:
        by_path.setdefault(path, [])
    root = ET.Element("testsuites", name="perflint")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for path in sorted(by_path):
        items = by_path[path]
        suite = ET.SubElement(root, "testsuite", name=_xml(path))
        counts = {"tests": 0, "failures": 0, "errors": 0}
        if path in problems:
            case = ET.SubElement(suite, "testcase", name="read and lint", classname=_xml(path), file=_xml(path))
            ET.SubElement(case, "error", type="input", message=_xml(problems[path])).text = _xml(f"{path}: {problems[path]}")
            counts["tests"] += 1
            counts["errors"] += 1
        elif not items:
            ET.SubElement(suite, "testcase", name="clean", classname=_xml(path))
            counts["tests"] += 1
        for f in items:
            where = f"{f.line}:{f.column}" if f.position else "document"
            case = ET.SubElement(suite, "testcase", name=_xml(f"{f.rule} {f.name} at {where}"), classname=_xml(path), file=_xml(path))
            if f.position:
                case.set("line", str(f.line))
            text = _xml(f"{path}:{where}: {f.severity.value}: {f.shown_message} [{f.rule}]")
            if ctx.fails(f):
                ET.SubElement(case, "failure", type=f.severity.value, message=_xml(f.message)).text = text
                counts["failures"] += 1
            else:
                ET.SubElement(case, "system-out").text = text
            counts["tests"] += 1
        for name, count in counts.items():
            suite.set(name, str(count))
            totals[name] += count
    for name, count in totals.items():
        root.set(name, str(count))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


_NOT_XML = compiled("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml(text: str) -> str:
    """Text XML 1.0 can carry: a control character (which a message may quote from a
    report) becomes a visible \\xNN."""
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group(0)):02x}" if ord(m.group(0)) < 0x100 else f"\\u{ord(m.group(0)):04x}", text)
