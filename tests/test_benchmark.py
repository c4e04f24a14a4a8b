"""The benchmark runs end to end (bounded): every tool has a row, measured or "not measured",
the floor and the ratios are printed, and the forms corpus is written and linted."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_quick_benchmark_prints_every_row():
    result = subprocess.run([sys.executable, "benchmarks/run.py", "--quick"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for tool in ("perflint (Python)", "AutoCorrect", "zhlint", "textlint", "proselint", "floor: one regex"):
        row = next(line for line in out.splitlines() if line.startswith(f"| {tool}"))
        assert re.search(r"\d+\.\d+ s|not measured: run benchmarks/run.py --install-peers", row), row
    assert re.search(r"perflint ÷ floor \(10 files, one process each\): \d+×", out)
    assert re.search(r"^perflint on an empty file: \d\.\d{3} s$", out, re.M)
    assert re.search(r"^one seed in a project with a \.perflint\.toml: \d\.\d{3} s$", out, re.M)
    assert re.search(r"^forms: 8 Word and Excel 自评表 .* in \d+\.\d\d s", out, re.M)
    assert re.search(r"^memory \(text format, one process\): 10 files \d+ MB, 40 files \d+ MB$", out, re.M)
    assert re.search(r"^unchanged files again with --cache \(all cores\): 10 files \d+\.\d\d s, the forms \d+\.\d\d s$", out, re.M)


def test_quick_shapes_benchmark_prints_every_shape():
    from benchmarks.run import SHAPES

    result = subprocess.run([sys.executable, "benchmarks/run.py", "--shapes", "--quick"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    for name in SHAPES:
        row = next(line for line in result.stdout.splitlines() if line.startswith(f"| {name}"))
        assert re.search(r"\d\.\d\d MB: \d+\.\d\d s .* \d+\.\d\dx", row), row
    assert re.search(r"^worst: \d+\.\d\dx \(goal <= 1\.2\)$", result.stdout, re.M)
