"""``--statistics``: counts per rule in a table instead of findings."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from ...check.finding import Finding

if TYPE_CHECKING:
    from . import Context


def render(findings: list[Finding], ctx: Context) -> str:
    from tabulate import tabulate

    counts = Counter((f.rule, f.name, f.severity.value) for f in findings)
    rows = [(n, rule, name, severity) for (rule, name, severity), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    if not rows:
        return ("未发现问题" if ctx.lang == "zh" else "no findings") + "\n"
    return tabulate(rows, headers=("count", "rule", "name", "severity"), tablefmt="simple") + f"\n\n{len(findings)} total\n"
