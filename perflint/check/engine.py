"""Run rules on a document: kind.check(doc) → Hit → Finding, then sort.

The engine adds to each Hit what a kind does not know: the rule id and name,
the severity, the message in the chosen language, and line/column positions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..model.document import Document
from ..model.reader import read_document
from ..read.source import Source, Span
from .finding import Finding, Hit, Position, RelatedLocation
from .kinds import KINDS
from .packs import Rule, RuleSet


def select_rules(ruleset: RuleSet, select: Iterable[str] = ("",), ignore: Iterable[str] = ()) -> tuple[Rule, ...]:
    """Rules chosen by id prefix or name; the longest matching prefix wins (flake8, ruff).

    ``--ignore NUM --select NUM001`` keeps NUM001 alone of the NUM family.
    """
    select, ignore = list(select), list(ignore)

    def strength(rule: Rule, keys: list[str]) -> int:
        best = -1
        for key in keys:
            if key == rule.name:
                best = max(best, 1000)
            elif rule.id.startswith(key.upper()):
                best = max(best, len(key))
        return best

    chosen = []
    for rule in ruleset.rules:
        s, i = strength(rule, select), strength(rule, ignore)
        if s >= 0 and s > i:
            chosen.append(rule)
    return tuple(chosen)


def detect_family(doc: Document, ruleset: RuleSet) -> str | None:
    top = [h.title for h in doc.headings if h.level <= 2]
    return ruleset.detect_family(doc.title.text, top)


def lint_source(
    source: Source,
    ruleset: RuleSet,
    rules: Sequence[Rule] | None = None,
    *,
    family: str | None = None,
    lang: str = "zh",
) -> list[Finding]:
    doc = read_document(source)
    doc.family = family or detect_family(doc, ruleset)
    doc.labels = ruleset.labels
    doc.cache["terms"] = ruleset.terms
    findings = []
    for rule in ruleset.rules if rules is None else rules:
        if rule.families and doc.family not in rule.families:
            continue
        for hit in KINDS[rule.kind].check(doc, rule.prepared):
            findings.append(_finding(doc, rule, hit, lang))
    findings.sort(key=Finding.sort_key)
    return findings


def _finding(doc: Document, rule: Rule, hit: Hit, lang: str) -> Finding:
    source = doc.source
    position = _position(source, hit.span) if hit.span else None
    related = tuple(
        RelatedLocation(r.label, *_position_tuple(source, r.span)) for r in hit.related
    )
    span = hit.span
    return Finding(
        path=source.path,
        position=position,
        rule=rule.id,
        name=rule.name,
        kind=rule.kind,
        severity=rule.severity,
        message=rule.render(hit.data, lang),
        data=dict(hit.data),
        related=related,
        span=span,
        section=doc.section_of(span.start).path() if span else "",
        matched=source.text[span.start : span.end] if span else "",
    )


def _position_tuple(source: Source, span: Span) -> tuple[int, int, int, int]:
    line, column = source.position(span.start)
    end_line, end_column = source.position(max(span.end, span.start + 1))
    return line, column, end_line, end_column


def _position(source: Source, span: Span) -> Position:
    return Position(*_position_tuple(source, span))


def prove(rule: Rule, ruleset: RuleSet) -> list[str]:
    """What is wrong with a rule's examples: a bad one it misses, a good one it flags."""
    problems = []
    for i, example in enumerate(rule.examples.get("bad", ()), 1):
        if not any(f.rule == rule.id for f in lint_source(Source("<example>", example), ruleset, (rule,))):
            problems.append(f"bad example {i} does not fire: {example[:40]!r}")
    for i, example in enumerate(rule.examples.get("good", ()), 1):
        found = lint_source(Source("<example>", example), ruleset, (rule,))
        if found:
            problems.append(f"good example {i} fires at {found[0].line}:{found[0].column}: {example[:40]!r}")
    return problems
