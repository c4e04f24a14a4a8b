"""perflint: a linter for Chinese budget performance self-evaluation reports.

Python API for tools that embed perflint (an editor plugin, a review web app)::

    import perflint
    findings = perflint.lint_text(text, path="report.txt")
    findings = perflint.lint_paths(["reports/"])
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from .version import __version__

if TYPE_CHECKING:
    from .check.finding import Finding

__all__ = ["__version__", "lint_text", "lint_paths"]


def _prepare(packs: Sequence[str], select: Sequence[str], ignore: Sequence[str]):  # noqa: ANN202
    """The rule set (loaded once per process) and the rules selected from it."""
    from .check.packs import load_ruleset, select_rules

    ruleset = load_ruleset(packs)
    return ruleset, select_rules(ruleset, select, ignore)


def lint_text(
    text: str,
    path: str = "<text>",
    *,
    select: Sequence[str] = ("",),
    ignore: Sequence[str] = (),
    family: str | None = None,
    lang: str = "zh",
    packs: Sequence[str] = (),
) -> list[Finding]:
    """Findings for one report given as text, sorted by position."""
    from .check.engine import lint_source
    from .read.source import Source

    ruleset, rules = _prepare(packs, select, ignore)
    return lint_source(Source(path, text.lstrip("\ufeff")), ruleset, rules, family=family, lang=lang)


def lint_paths(
    paths: Iterable[str],
    *,
    select: Sequence[str] = ("",),
    ignore: Sequence[str] = (),
    family: str | None = None,
    lang: str = "zh",
    packs: Sequence[str] = (),
) -> list[Finding]:
    """Findings for report files (.txt .md .docx .pdf) and directories; raises perflint.read.source.InputError on unreadable input."""
    from .check.engine import lint_source
    from .read.discovery import expand_paths
    from .read.documents import read_source
    from .read.source import InputError

    ruleset, rules = _prepare(packs, select, ignore)
    findings: list[Finding] = []
    for path, error in expand_paths(list(paths)):
        if error:
            raise InputError(f"{path}: {error}")
        findings.extend(lint_source(read_source(path), ruleset, rules, family=family, lang=lang))
    return findings
