"""Fuzzing: no input makes perflint raise, every span lies inside its file, output is deterministic.

Bounded for the suite (``PERFLINT_FUZZ_EXAMPLES``, default 60 per property);
run long on demand:  PERFLINT_FUZZ_EXAMPLES=5000 python -m pytest tests/test_fuzz.py
"""

from __future__ import annotations

import os
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perflint.check.engine import lint_source
from perflint.check.packs import load_shipped
from perflint.model.reader import read_document
from perflint.read.source import InputError, Source, decode

from .conftest import SEEDS

EXAMPLES = int(os.environ.get("PERFLINT_FUZZ_EXAMPLES", "60"))
#: Pathological inputs are scaled down for the suite; PERFLINT_FUZZ_SCALE=5 gives a 5 MB single line.
SCALE = float(os.environ.get("PERFLINT_FUZZ_SCALE", "0.2"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SEED_LINES = [p.read_text(encoding="utf-8").split("\n") for p in sorted(SEEDS.glob("*.txt"))]
REPORT_ALPHABET = st.sampled_from(list("一二三四五六七八九十是、，。；：（）()1234567890.%％万元分其中按优良中差近余≥≤ \n\t\u3000") + ["\\geq", "\r\n"])


def check_all(text: str) -> None:
    source = Source("fuzz.txt", text)
    findings = lint_source(source, load_shipped())
    for f in findings:
        if f.span is not None:
            assert 0 <= f.span.start <= f.span.end <= len(text)
            assert f.position.line <= len(source.line_starts)
    assert [(f.line, f.column, f.rule) for f in lint_source(source, load_shipped())] == [(f.line, f.column, f.rule) for f in findings]


@FUZZ
@given(st.binary(max_size=2000))
def test_reader_never_raises_on_bytes(data):
    try:
        text, _ = decode(data)
    except InputError:
        return
    read_document(Source("x", text))


@FUZZ
@given(st.text(max_size=600))
def test_random_unicode(text):
    check_all(text)


@FUZZ
@given(st.lists(REPORT_ALPHABET, max_size=400).map("".join))
def test_report_shaped_noise(text):
    check_all(text)


@FUZZ
@given(st.integers(0, len(SEED_LINES) - 1), st.randoms(use_true_random=False), st.sampled_from(["delete", "duplicate", "shuffle", "truncate"]))
def test_mutated_seeds(index, rnd, mutation):
    lines = list(SEED_LINES[index])
    if mutation == "delete":
        for _ in range(rnd.randint(1, 10)):
            if lines:
                del lines[rnd.randrange(len(lines))]
    elif mutation == "duplicate":
        for _ in range(rnd.randint(1, 10)):
            i = rnd.randrange(len(lines))
            lines.insert(i, lines[i])
    elif mutation == "shuffle":
        rnd.shuffle(lines)
    text = "\n".join(lines)
    if mutation == "truncate":
        data = text.encode("utf-8")[: rnd.randrange(1, len(text.encode("utf-8")))]
        try:
            text, _ = decode(data)
        except InputError:
            return
    check_all(text)


@pytest.mark.parametrize(
    "name, text",
    [
        ("a million % signs", "%" * 1_000_000),
        ("10,000 nested-looking ordinals", "".join(f"（{'一二三四五六七八九'[i % 9]}）" for i in range(10_000))),
        ("heading lines", "\n".join(f"{'一二三四五六七八九'[i % 9]}、标题" for i in range(int(10_000 * SCALE)))),
        ("a single long line of figures", "全年预算数3663.27万元，执行数2659.40万元，完成预算的72.60%。" * int(100_000 * SCALE)),
        ("enumeration markers only", "一是二是三是" * int(50_000 * SCALE)),
        ("digits only", "1" * 500_000),
    ],
)
def test_pathological_inputs_finish(name, text):
    start = time.perf_counter()
    check_all(text)
    assert time.perf_counter() - start < 120, name


def test_cost_is_linear_ish_in_size():
    """Four times the text should cost well under sixteen times the time (no quadratic blow-up)."""
    base = "\n\n".join("\n".join(lines) for lines in SEED_LINES)
    ruleset = load_shipped()
    lint_source(Source("warm.txt", base), ruleset)

    def cost(text: str) -> float:
        start = time.perf_counter()
        lint_source(Source("x.txt", text), ruleset)
        return time.perf_counter() - start

    one, four = cost(base), cost("\n\n".join([base] * 4))
    assert four < one * 10, (one, four)
