"""Run rules on a document: kind.check(doc) → Hit → Finding, then sort.

The engine reads the text (with the packs' vocabulary), decides each part's
family, applies each rule to the parts it is for (``families``, ``shapes``,
``whole`` in the pack), and adds to each Hit what a kind does not know: the
rule id and name, the severity, the message in the chosen language, and
line/column positions.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator, Sequence
from dataclasses import replace

from ..model.document import Document
from ..model.reader import read_document
from ..model.terms import new_document
from ..read.source import Source, Span
from .finding import DocumentInfo, Finding, Hit, PartInfo, Position, RelatedLocation
from .kinds import KINDS
from .packs import Rule, RuleSet
from .saferegex import PatternTimeout

#: What ``--shape`` may force: a shape for every part, or ``excerpt`` (a cut-off text).
SHAPE_CHOICES = ("auto", "report", "form", "report+form", "excerpt")


def prepare_document(source: Source, ruleset: RuleSet, *, family: str | None = None, shape: str | None = None) -> Document:
    """Read a text and settle what the rules need to know about it: family, shape, completeness."""
    new_document()
    doc = read_document(source, ruleset.vocabulary)
    for part in doc.parts:
        if shape and shape != "auto" and part.shape != "preamble":
            if shape == "excerpt":
                part.cut_end = part.cut_end or "set as an excerpt"
            else:
                part.shape, part.cut_start, part.cut_end = shape, "", ""
        titles = [h.title for h in part.headings if h.level <= 2]
        part.family = family or ruleset.detect_family(part.title.text, titles)
    main = doc.main_part
    doc.family = family or (main.family if main is not None else None)
    if doc.family is None:
        doc.family = next((p.family for p in doc.parts if p.family), None)
    doc.labels = ruleset.labels
    doc.cache["terms"] = ruleset.terms
    doc.cache["vocabulary"] = ruleset.vocabulary
    return doc


def lint_source(
    source: Source,
    ruleset: RuleSet,
    rules: Sequence[Rule] | None = None,
    *,
    family: str | None = None,
    lang: str = "zh",
    shape: str | None = None,
) -> list[Finding]:
    return lint_document(source, ruleset, rules, family=family, lang=lang, shape=shape)[1]


def lint_document(
    source: Source,
    ruleset: RuleSet,
    rules: Sequence[Rule] | None = None,
    *,
    family: str | None = None,
    lang: str = "zh",
    shape: str | None = None,
) -> tuple[DocumentInfo, list[Finding]]:
    """What the text was taken for, and its findings sorted by position (rules chosen from a
    catalogue run with the rule set it lists)."""
    ruleset, rules = ruleset.checking(rules)
    with _no_cycle_collection():
        return _lint_document(source, ruleset, rules, family=family, lang=lang, shape=shape)


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """No cyclic garbage collection while one document is linted.

    A document's model is millions of small objects on a large report, all alive until
    its findings are made; Python's collector would walk them again and again (a quarter
    of the time on a 5 MB report, and more the larger it grows).  The cycles the lint
    leaves behind (the model's own parent links) are collected after it, with the
    document, by the collector switched back on."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _lint_document(
    source: Source,
    ruleset: RuleSet,
    rules: Sequence[Rule] | None,
    *,
    family: str | None,
    lang: str,
    shape: str | None,
) -> tuple[DocumentInfo, list[Finding]]:
    doc = prepare_document(source, ruleset, family=family, shape=shape)
    chosen = ruleset.rules if rules is None else rules
    # what a cut-off text was spared, for the rule that says so
    doc.cache["whole_rules"] = tuple((r.id, r.shapes, r.families) for r in chosen if r.whole)
    findings = []
    errors = []
    for rule in chosen:
        if rule.families and doc.family not in rule.families:
            continue
        target = doc
        if rule.shapes or rule.whole:
            parts = [p for p in doc.parts
                     if (not rule.shapes or p.shape in rule.shapes) and p.shape != "preamble"
                     and (not rule.whole or (not p.cut_end if rule.whole == "end" else p.whole))]
            if not parts:
                continue
            target = doc.view(parts)
        try:
            found = [_finding(doc, rule, hit, lang) for hit in KINDS[rule.kind].check(target, rule.prepared)]
        except PatternTimeout as exc:
            errors.append(f"rule {rule.id} skipped: {exc}")
            continue
        except Exception as exc:  # one rule's failure must not cost the file its other findings
            errors.append(f"internal error in rule {rule.id} ({type(exc).__name__}: {exc}); the other rules ran")
            continue
        findings.extend(found)
    findings.sort(key=Finding.sort_key)
    info = describe(doc, next((r for r in chosen if r.kind == "grade"), None))
    return (replace(info, errors=tuple(errors)) if errors else info), findings


def describe(doc: Document, grade_rule: Rule | None = None) -> DocumentInfo:
    from ..model.facts import facts

    labels = doc.cache["vocabulary"].score_labels if doc.cache.get("vocabulary") is not None else ()
    scores = [f.quantity.value for f in facts(doc) if f.label in labels and f.quantity.unit == "分" and f.quantity.op is None]
    return DocumentInfo(
        path=doc.source.path,
        family=doc.family,
        shape=doc.shape,
        parts=tuple(PartInfo(p.title.text, p.family, p.shape, p.cut_start, p.cut_end) for p in doc.parts),
        score=max(scores) if scores else None,
        grade=_stated_grade(doc, grade_rule),
    )


def _stated_grade(doc: Document, rule: Rule | None) -> str | None:
    """The first grade the text states, as the pack's grade rule reads statements."""
    if rule is None:
        return None
    from .kinds.grade import statements

    found = statements(doc, rule.prepared)
    if not found:
        return None
    block, m = found[0]
    return block.text[m.start("grade"):m.end("grade")]


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
        origin=source.origin(position.line, position.column) if position else {},
        # text files are fixed in place, Word files as tracked changes in the annotated copy; Excel and PDF not
        fix=hit.fix if hit.fix is not None and (source.origins is None or source.path.lower().endswith(".docx")) else None,
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
