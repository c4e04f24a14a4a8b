"""The quality benchmark as a guard: on the labelled real texts, no false alarm and no lost recall.

``benchmarks/quality.py`` runs the real program on benchmarks/quality/corpus (43
texts from 14 provinces) and on the seeds, and scores the findings against the
hand-made labels.  The floors below are the figures measured when they were
last raised; a change that loses a labelled defect or adds a false alarm fails.
"""

from __future__ import annotations

import importlib.util

import pytest
import yaml

from .conftest import ROOT

CORPUS_FOUND_FLOOR = 58
CORPUS_UNEXPLAINED_CEILING = 0.25


@pytest.fixture(scope="module")
def quality():
    spec = importlib.util.spec_from_file_location("quality", ROOT / "benchmarks" / "quality.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _score(quality, corpus, labels):
    return quality.score(yaml.safe_load(labels.read_text(encoding="utf-8")), quality.run(corpus))["totals"]


def test_seeds_keep_every_labelled_defect_and_no_false_alarm(quality):
    totals = _score(quality, ROOT / "seeds", ROOT / "benchmarks" / "quality" / "seeds-labels.yaml")
    assert (totals["found"], totals["must"], totals.get("false", 0)) == (18, 18, 0)


def test_corpus_of_other_provinces_has_no_false_alarm_and_keeps_its_recall(quality):
    totals = _score(quality, ROOT / "benchmarks" / "quality" / "corpus", ROOT / "benchmarks" / "quality" / "labels.yaml")
    assert totals.get("false", 0) == 0
    assert totals["found"] >= CORPUS_FOUND_FLOOR
    assert totals.get("unexplained", 0) / totals["findings"] <= CORPUS_UNEXPLAINED_CEILING
