"""Output formats, looked up by name: FORMATTERS[name](findings, context) -> str."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ...check.finding import Finding
from ...read.source import Source


@dataclass(frozen=True)
class Context:
    """What a formatter may need besides the findings."""

    sources: Mapping[str, Source] = field(default_factory=dict)
    files: int = 0
    lang: str = "zh"
    ambiguous_width: int = 1
    explain: bool = False  # show the tables a check computed (the pairing table)
    rules: tuple = ()  # the rules in force, for formats that describe them (SARIF)
    documents: Mapping[str, Any] = field(default_factory=dict)  # path → check.finding.DocumentInfo
    fail_on: Mapping[str, int] = field(default_factory=dict)  # path → lowest failing severity rank (default: warning)
    problems: Sequence[tuple[str, str]] = ()  # (path, reason) of the files that could not be linted
    stale: int = 0  # baseline entries no longer found
    quiet: bool = False  # findings only: no summary line
    color: bool = False  # ANSI colours (a terminal that asked for them)

    def fails(self, finding: Finding) -> bool:
        """Whether a finding is at or above its file's --fail-on level (it fails the run)."""
        return finding.severity.rank >= self.fail_on.get(finding.path, 1)


Formatter = Callable[[Sequence[Finding], Context], str]

#: name → "module:function"; modules are imported only when their format is used.
_FORMATS = {
    "text": "text:render_full",
    "concise": "text:render_concise",
    "json": "json_format:render",
    "sarif": "sarif:render",
    "github": "ci:github",
    "gitlab": "ci:gitlab",
    "junit": "ci:junit",
    "html": "html:render",
    "statistics": "statistics:render",
}


class _Formatters(dict):
    def __missing__(self, name: str) -> Formatter:
        module, function = _FORMATS[name].split(":")
        formatter = getattr(importlib.import_module(f"{__name__}.{module}"), function)
        self[name] = formatter
        return formatter

    def __contains__(self, name: object) -> bool:
        return name in _FORMATS


FORMATTERS: dict[str, Formatter] = _Formatters()
