"""``--format json``: versioned, valid against schemas/findings.schema.json.

Decimal values computed by a check are written as JSON numbers.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ...check.finding import Finding
from ..fixes import edit_positions

if TYPE_CHECKING:
    from . import Context

VERSION = "1"


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        if not value.is_finite():
            return str(value)
        if value == value.to_integral_value() and value.as_tuple().exponent >= 0:
            return int(value)
        number = float(value)
        return number if math.isfinite(number) and number != 0 or value.is_zero() else str(value)
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def finding_dict(f: Finding) -> dict[str, Any]:
    pos = f.position
    return {
        "path": f.path,
        "line": pos.line if pos else None,
        "column": pos.column if pos else None,
        "end_line": pos.end_line if pos else None,
        "end_column": pos.end_column if pos else None,
        "rule": f.rule,
        "name": f.name,
        "kind": f.kind,
        "severity": f.severity.value,
        "message": f.message,
        "section": f.section,
        "data": _plain(f.data),
        "related": [
            {"label": r.label, "line": r.line, "column": r.column, "end_line": r.end_line, "end_column": r.end_column}
            for r in f.related
        ],
    }


def render(findings: Sequence[Finding], ctx: Context) -> str:
    counts = Counter(f.severity.value for f in findings)
    rows = []
    for f in findings:
        row = finding_dict(f)
        source = ctx.sources.get(f.path)
        if source is not None and source.page_starts and f.line:
            row["page"] = source.page(f.line)
        if f.origin:
            row["origin"] = dict(f.origin)
        if f.fix is not None and source is not None and source.origins is None:  # edits of a text file's characters
            row["fix"] = {"applicability": f.fix.applicability,
                          "edits": [{**edit_positions(source, e.start, e.end), "content": e.content} for e in f.fix.edits]}
        rows.append(row)
    document = {
        "version": VERSION,
        "findings": rows,
        "documents": [
            {"path": d.path, "family": d.family, "shape": d.shape, "score": _plain(d.score),
             "parts": [{"title": p.title, "family": p.family, "shape": p.shape, "cut_start": p.cut_start or None,
                        "cut_end": p.cut_end or None} for p in d.parts]}
            for d in (ctx.documents[k] for k in sorted(ctx.documents))
        ],
        "errors": [{"path": path, "message": reason} for path, reason in ctx.problems],
        "summary": {
            "files": ctx.files,
            "findings": len(findings),
            "error": counts["error"],
            "warning": counts["warning"],
            "info": counts["info"],
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
