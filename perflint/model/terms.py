"""The domain term table and what two texts share.

Terms come from the pack (``terms:``): a concept, its synonyms, and its
broader concept (指标值 ⊂ 绩效指标 ⊂ 绩效管理).  Chinese has no spaces, so terms
are found as substrings, longest first, never inside a longer listed term.
A measure answers a problem when they share a concept, or one is the direct
narrower term of the other, unless the broader one is marked ``generic``
(加强绩效管理 answers nothing in particular).  For what the table lacks,
character bigrams of the Han text are compared, without the bigrams of
boilerplate words (进一步, 加强, 工作…).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..read.regex_cache import compiled, longest_first

_HAN_RUN = compiled(r"[\u3400-\u9fff]+")


@dataclass(frozen=True)
class Terms:
    concept_of: Mapping[str, str]  # synonym → concept
    broader: Mapping[str, str]  # concept → its broader concept
    generic: frozenset[str]
    pattern: re.Pattern[str] | None
    stop_bigrams: frozenset[str]

    @classmethod
    def build(cls, table: Mapping[str, Mapping[str, Any]], stopwords: Iterable[str] = ()) -> Terms:
        concept_of: dict[str, str] = {}
        broader: dict[str, str] = {}
        generic = set()
        for concept, spec in table.items():
            for word in [concept, *spec.get("synonyms", ())]:
                concept_of.setdefault(word, concept)
            if spec.get("broader"):
                broader[concept] = spec["broader"]
            if spec.get("generic"):
                generic.add(concept)
        words = sorted(concept_of, key=longest_first)
        pattern = compiled("|".join(map(re.escape, words))) if words else None
        stop = {w[i : i + 2] for w in stopwords for i in range(len(w) - 1)}
        return cls(concept_of, broader, frozenset(generic), pattern, frozenset(stop))

    def concepts(self, text: str) -> dict[str, str]:
        """Concepts mentioned in a text → the first word that mentioned each."""
        found: dict[str, str] = {}
        if self.pattern is not None:
            for m in self.pattern.finditer(text):
                found.setdefault(self.concept_of[m.group(0)], m.group(0))
        return found

    def answering(self, problem: str) -> set[str]:
        """The measure concepts that answer a problem concept (see ``answers``)."""
        found = {problem} | {c for c, parent in self.broader.items() if parent == problem}
        parent = self.broader.get(problem)
        if parent is not None and parent not in self.generic:
            found.add(parent)
        return found

    def answers(self, problem: str, measure: str) -> bool:
        """Whether a measure's concept answers a problem's concept."""
        if problem == measure:
            return True
        if self.broader.get(measure) == problem:  # the measure is more specific: fine
            return True
        if self.broader.get(problem) == measure:  # the measure is broader: only if not generic
            return measure not in self.generic
        return False

    def bigrams(self, text: str) -> frozenset[str]:
        return _bigrams(text, self.stop_bigrams)

    def phrases(self, text: str) -> frozenset[str]:
        """Four-character Han runs that are not boilerplate: a shared one (校舍维修, 中国艺术报)
        ties a measure to a problem as surely as a shared concept."""
        return _phrases(text, self.stop_bigrams)


def new_document() -> None:
    """Forget the grams of the last document: the memo below is per document (a folder of
    copies of one report must not look faster than a folder of different ones)."""
    _bigrams.cache_clear()
    _phrases.cache_clear()


# Every problem is compared with every measure of its report: each text's grams are made
# once per document, not once per pair.
@functools.lru_cache(maxsize=2048)
def _bigrams(text: str, stop: frozenset[str]) -> frozenset[str]:
    grams = {run[i : i + 2] for run in _HAN_RUN.findall(text) for i in range(len(run) - 1)}
    return frozenset(grams - stop)


@functools.lru_cache(maxsize=2048)
def _phrases(text: str, stop: frozenset[str]) -> frozenset[str]:
    grams = {run[i : i + 4] for run in _HAN_RUN.findall(text) for i in range(len(run) - 3)}
    return frozenset(g for g in grams if g[0:2] not in stop and g[1:3] not in stop and g[2:4] not in stop)


EMPTY_TERMS = Terms({}, {}, frozenset(), None, frozenset())


@dataclass(frozen=True)
class Match:
    """How well a measure answers a problem."""

    shared: tuple[str, ...]  # concepts of the problem the measure answers
    missing: tuple[str, ...]  # concepts of the problem it does not
    overlap: float  # share of the problem's bigrams found in the measure
    score: float
    phrase: str = ""  # a four-character phrase both use, if any

    @property
    def answered(self) -> bool:
        # a shared four-character phrase counts with some shared wording around it,
        # not alone (风险因素 named in passing by both is no answer)
        return bool(self.shared) or self.overlap >= 0.3 or (bool(self.phrase) and self.overlap >= 0.2)


def match(terms: Terms, problem: str, measure: str) -> Match:
    mine = terms.concepts(problem)
    theirs = terms.concepts(measure)
    shared = tuple(c for c in mine if any(terms.answers(c, m) for m in theirs))
    missing = tuple(c for c in mine if c not in shared)
    p, m = terms.bigrams(problem), terms.bigrams(measure)
    overlap = len(p & m) / len(p) if p else 0.0
    common = sorted(terms.phrases(problem) & terms.phrases(measure))
    score = round(len(shared) + overlap + (0.5 if common else 0), 2)
    return Match(shared, missing, round(overlap, 2), score, common[0] if common else "")


@dataclass(frozen=True)
class MeasureIndex:
    """A section's measures by the bigrams and concepts they hold: a measure that shares
    neither with a problem scores nothing against it, so only the others are compared (a
    section of a thousand problems and measures is not a million comparisons)."""

    by_bigram: Mapping[str, frozenset[int]]
    by_concept: Mapping[str, frozenset[int]]

    @classmethod
    def build(cls, terms: Terms, measures: Sequence[str]) -> MeasureIndex:
        by_bigram: dict[str, set[int]] = {}
        by_concept: dict[str, set[int]] = {}
        for i, text in enumerate(measures):
            for gram in terms.bigrams(text):
                by_bigram.setdefault(gram, set()).add(i)
            for concept in terms.concepts(text):
                by_concept.setdefault(concept, set()).add(i)
        return cls({g: frozenset(s) for g, s in by_bigram.items()}, {c: frozenset(s) for c, s in by_concept.items()})

    def candidates(self, terms: Terms, problem: str) -> set[int]:
        """The measures that can score against ``problem``, and the first (the best when none can)."""
        found = {0}
        for gram in terms.bigrams(problem):
            found |= self.by_bigram.get(gram, frozenset())
        for concept in terms.concepts(problem):
            for answering in terms.answering(concept):
                found |= self.by_concept.get(answering, frozenset())
        return found


def best_matches(terms: Terms, problem: str, measures: Sequence[str], index: MeasureIndex | None = None) -> list[tuple[int, Match]]:
    """Measures by how well they answer the problem, best first.  With an index, the measures
    that share no bigram and no answering concept with it are left out (they score 0 and answer
    nothing), except the first: the head of the ranking and the measures that answer are as a
    full ranking gives them."""
    chosen = sorted(index.candidates(terms, problem)) if index is not None and measures else range(len(measures))
    ranked = [(i, match(terms, problem, measures[i])) for i in chosen]
    ranked.sort(key=lambda im: (-im[1].score, im[0]))
    return ranked
