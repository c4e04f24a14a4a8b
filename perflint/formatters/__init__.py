"""Output formats, looked up by name: FORMATTERS[name](findings, context) -> str."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from ..finding import Finding
from ..source import Source
from . import ci, json_format, sarif, statistics, text


@dataclass(frozen=True)
class Context:
    """What a formatter may need besides the findings."""

    sources: Mapping[str, Source] = field(default_factory=dict)
    files: int = 0
    lang: str = "zh"
    ambiguous_width: int = 1
    explain: bool = False  # show the tables a check computed (the pairing table)
    rules: tuple = ()  # the rules in force, for formats that describe them (SARIF)


Formatter = Callable[[Sequence[Finding], Context], str]

FORMATTERS: dict[str, Formatter] = {
    "text": text.render_full,
    "concise": text.render_concise,
    "json": json_format.render,
    "sarif": sarif.render,
    "github": ci.github,
    "gitlab": ci.gitlab,
    "junit": ci.junit,
    "statistics": statistics.render,
}
