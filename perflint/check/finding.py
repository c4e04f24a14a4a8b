"""What a kind yields (Hit) and what formatters consume (Finding).

A kind reports *where* and *what*; the engine adds *who* (rule, path) and
*how bad* (severity).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..read.source import Span


class Severity(enum.Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return ("info", "warning", "error").index(self.value)


@dataclass(frozen=True, slots=True)
class Related:
    """A secondary location: the operand a ratio was computed from, the first copy of a repeat."""

    span: Span
    label: str


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace source text [start, end) with ``content``."""

    start: int
    end: int
    content: str


@dataclass(frozen=True, slots=True)
class Fix:
    """What --fix changes for a finding.  ``safe`` fixes (conversion debris, a listed typo, a
    character doubled across a page break) are applied by --fix; ``unsafe`` ones only with
    --unsafe-fixes, as in ruff.  No fix ever changes a digit."""

    applicability: str  # "safe" or "unsafe"
    edits: tuple[Edit, ...]

    @property
    def safe(self) -> bool:
        return self.applicability == "safe"


def digits_kept(before: str, after: str) -> bool:
    """Whether a replacement leaves every digit as it was, in order (〔2020〕10号 for [2020]10号)."""
    return [c for c in before if c.isdigit()] == [c for c in after if c.isdigit()]


@dataclass(frozen=True, slots=True)
class Hit:
    """A kind's verdict: a span (None for the whole document) and what it computed."""

    span: Span | None
    data: Mapping[str, Any] = field(default_factory=dict)
    related: tuple[Related, ...] = ()
    fix: Fix | None = None


@dataclass(frozen=True, slots=True)
class Position:
    line: int
    column: int
    end_line: int
    end_column: int  # exclusive: the column after the last character


@dataclass(frozen=True, slots=True)
class RelatedLocation:
    label: str
    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True, slots=True)
class Finding:
    path: str
    position: Position | None  # None: about the whole document
    rule: str
    name: str
    kind: str
    severity: Severity
    message: str
    data: Mapping[str, Any] = field(default_factory=dict, compare=False)
    related: tuple[RelatedLocation, ...] = field(default=(), compare=False)
    span: Span | None = field(default=None, compare=False)
    section: str = field(default="", compare=False)
    matched: str = field(default="", compare=False)
    origin: Mapping[str, Any] = field(default_factory=dict, compare=False)  # Word/Excel/PDF: where a person finds it
    fix: Fix | None = field(default=None, compare=False)

    @property
    def line(self) -> int | None:
        return self.position.line if self.position else None

    @property
    def column(self) -> int | None:
        return self.position.column if self.position else None

    @property
    def shown_message(self) -> str:
        """The message as the one-line formats print it: ``[*]`` in front of one that --fix
        fixes (a safe fix, the mark ruff uses); unsafe fixes are named in the text output."""
        return f"[*] {self.message}" if self.fix is not None and self.fix.safe else self.message

    def sort_key(self) -> tuple[str, int, int, str]:
        pos = self.position
        return (self.path, pos.line if pos else 0, pos.column if pos else 0, self.rule)


@dataclass(frozen=True, slots=True)
class PartInfo:
    """What one report of a text was taken for: its title, family, shape, and where it seems cut."""

    title: str
    family: str | None
    shape: str
    cut_start: str = ""
    cut_end: str = ""


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """What perflint took a file for, for the formats that say so (JSON, the HTML review page)."""

    path: str
    family: str | None
    shape: str
    parts: tuple[PartInfo, ...] = ()
    score: Any = None  # the self-evaluation score as stated (Decimal), if any
    grade: str | None = None  # the grade as stated (优, 良…), if any
    errors: tuple[str, ...] = ()  # rules that could not run on this file, and why (the others ran)
