"""Hostile packs, configuration and interruptions: clear errors, nothing hangs, nothing half-written."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from perflint.check.packs import PackError, load_packs
from perflint.cli.main import main

from .conftest import ROOT, SEEDS

RULE = """pack: hostile
{extends}rules:
  - id: HOS001
    name: hostile
    kind: pattern
    severity: warning
    message: {{zh: "x{{match}}", en: "x{{match}}"}}
    options:
      patterns: [{{regex: '{regex}'}}]
    examples: {{bad: ["aaa"], good: ["b"]}}
"""


def pack(tmp_path, regex="a+", extends="", name="hostile.yaml"):
    path = tmp_path / name
    path.write_text(RULE.format(regex=regex, extends=extends), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    "regex, message",
    [
        ("(a+)+$", "nested repetition in '(a+)+$' can backtrack catastrophically"),
        ("(?:x*y*)*z", "nested repetition in '(?:x*y*)*z' can backtrack catastrophically"),
        ("(a)\\1", "backreference in '(a)\\\\1' is not allowed"),
        ("(unclosed", "invalid regex: missing ) at position 9"),
    ],
)
def test_dangerous_regexes_are_refused_at_load(tmp_path, regex, message):
    with pytest.raises(PackError) as error:
        load_packs([pack(tmp_path, regex)])
    assert str(error.value) == f"{tmp_path / 'hostile.yaml'}: rule HOS001: $.rules[0].options: {message}"


def test_refused_pack_is_exit_2_on_the_command_line(tmp_path, capsys):
    assert main(["--pack", pack(tmp_path, "(a+)+$"), str(SEEDS)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("perflint: ") and "catastrophically" in err and err.count("\n") == 1


def test_bounded_repeats_inside_repeats_are_fine(tmp_path):
    load_packs([pack(tmp_path, "(?:[0-9]{1,3},)+[0-9]{3}")])


def test_extends_must_name_a_loaded_pack(tmp_path):
    with pytest.raises(PackError, match=r"extends 'nowhere', which is not loaded \(loaded: none\)"):
        load_packs([pack(tmp_path, extends="extends: nowhere\n")])


def test_extends_cannot_loop(tmp_path):
    first = pack(tmp_path, extends="extends: hostile\n", name="a.yaml")
    with pytest.raises(PackError, match="extends 'hostile', which is not loaded"):
        load_packs([first, first])


def test_extends_is_a_pack_name_not_a_path(tmp_path):
    with pytest.raises(PackError, match=r"\$.extends: '../../etc/passwd' does not match"):
        load_packs([pack(tmp_path, extends="extends: ../../etc/passwd\n")])


def test_interrupt_exits_130_and_leaves_no_partial_output(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(60):
        for seed in SEEDS.glob("*.txt"):
            shutil.copy(seed, corpus / f"{seed.stem}_{i}.txt")
    out = tmp_path / "out.json"
    process = subprocess.Popen([sys.executable, "-m", "perflint", "-j", "1", "--format", "json", "--output-file", str(out), str(corpus)],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)})
    time.sleep(1.5)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert b"interrupted" in err and b"Traceback" not in err
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["corpus"]


@pytest.mark.parametrize("regex", ["(a|a)*$", ".*.*.*x", "((.{0,100}){0,100}){0,100}x", "(.*a){20}", "(.*。){20}",
                                   "(?:[一-龥]|[一-龥])*$", "(\\s|\\S)*!", "(?:。|，)*(?:。|，)*z"])
def test_patterns_that_backtrack_are_refused_or_run_bounded(tmp_path, regex):
    """Either refused at load (one line, exit 2) or run on every seed without holding the run:
    no pattern a user writes can hang perflint (each search has a time limit)."""
    path = pack(tmp_path, regex.replace("'", "''"))
    result = subprocess.run([sys.executable, "-m", "perflint", "--pack", path, "--format", "concise", str(SEEDS)],
                            capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})
    if result.returncode == 2:
        assert result.stderr.count("\n") >= 1 and "Traceback" not in result.stderr
        assert all(line.startswith("perflint: ") for line in result.stderr.splitlines())
    else:
        assert result.returncode == 1 and result.stderr == ""


def test_a_pattern_that_times_out_on_a_paragraph_is_skipped_for_that_file(tmp_path, monkeypatch):
    """The probes at load are a first line; the time limit on every search is the guarantee.
    A pattern the probes let through (here: loaded as trusted) is skipped on the file where
    it runs too long, the other rules' findings stand, and the run says so and exits 2."""
    from perflint.check import saferegex
    from perflint.check.engine import lint_document
    from perflint.check.packs import load_ruleset
    from perflint.read.source import Source

    monkeypatch.setattr(saferegex, "SEARCH_TIMEOUT", 0.05)
    with saferegex.trusted():
        ruleset = load_ruleset([pack(tmp_path, "(a|a)*$")])
    info, findings = lint_document(Source("x.txt", "一、基本情况\n\n三、问题\n\n" + "a" * 60 + "b\n"), ruleset)
    assert info.errors == ("rule HOS001 skipped: pattern '(a|a)*$' took more than 0.05 s on one paragraph",)
    assert [(f.line, f.rule) for f in findings if f.rule == "NUM002"] == [(3, "NUM002")]


def test_nested_bounded_repeats_are_refused_when_they_multiply_past_the_limit(tmp_path):
    with pytest.raises(PackError, match="nested repetition"):
        load_packs([pack(tmp_path, "((.{0,100}){0,100}){0,100}x")])
    load_packs([pack(tmp_path, "(?:[0-9]{1,3}[,，]){0,5}[0-9]{3}", name="fine.yaml")])
