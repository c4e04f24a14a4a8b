"""Unbreakable: one bad file never ends the run, nothing hangs, nothing a user owns is lost.

Each test here is a case that once crashed, hung or destroyed a file; the
catalogue of bad inputs with their exact stderr lines is tests/test_catalogue.py.
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from perflint.check import engine
from perflint.check.engine import lint_source
from perflint.check.packs import load_shipped
from perflint.read.source import Source

from .conftest import ROOT, SEEDS, copies_of_seeds, perflint, run, seed_path, where

CLEAN = "一、基本情况\n\n（一）部门概况\n\n内容。\n"


# --- crashes on ordinary text ---------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        # a budget of 10^-24: the rate is astronomically large, Decimal must not overflow its context
        ("预算0.000000000000000000000001执行1，执行率9%\n", []),
        # the ordinal expected after 184. is 185.: numbering past 100
        ("184.\n3.\n", [(2, 1, "NUM003")]),
        ("(99)\n(2)\n", [(2, 1, "NUM003")]),
        ("（九十九）\n（二）\n", [(2, 1, "NUM003")]),
    ],
)
def test_ordinary_text_that_once_crashed_a_kind(text, expected):
    findings = lint_source(Source("x.txt", text), load_shipped())
    assert [w for w in where(findings) if not w[2].startswith("STR")] == expected


def test_a_failing_rule_is_one_line_for_its_file_and_the_other_files_are_linted(tmp_path, capsys, monkeypatch):
    """A bug in one kind must cost one rule on one file, not the run."""
    original = engine.KINDS["numbering"].check

    def broken(doc, opts):
        if "broken" in doc.source.path:
            raise ArithmeticError("simulated bug")
        return original(doc, opts)

    monkeypatch.setattr(engine.KINDS["numbering"], "check", broken)
    (tmp_path / "a_broken.txt").write_text("一、基本情况\n\n三、问题\n", encoding="utf-8")
    (tmp_path / "b_fine.txt").write_text("一、基本情况\n\n三、问题\n", encoding="utf-8")
    status, out, err = run(capsys, "-j", "1", "--format", "concise", "--select", "NUM002,TXT001", tmp_path)
    assert status == 2
    lines = err.splitlines()

    assert lines == [f"perflint: {tmp_path / 'a_broken.txt'}: internal error in rule NUM002 (ArithmeticError: simulated bug); the other rules ran"]
    assert f"{tmp_path / 'b_fine.txt'}:3:1: warning:" in out and "[NUM002]" in out
    assert "a_broken.txt:" not in out
    assert "未发现问题" not in out


def test_an_internal_error_while_reading_a_file_spares_the_others(tmp_path, capsys, monkeypatch):
    from perflint.cli import main as cli

    real = cli.read_source

    def flaky(path):
        if path.endswith("bad.txt"):
            raise RecursionError("maximum recursion depth exceeded")
        return real(path)

    monkeypatch.setattr(cli, "read_source", flaky)
    (tmp_path / "bad.txt").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "good.txt").write_text("一、基本情况\n\n三、问题\n", encoding="utf-8")
    status, out, err = run(capsys, "-j", "1", "--format", "concise", "--select", "NUM002", tmp_path)
    assert status == 2
    assert err == f"perflint: {tmp_path / 'bad.txt'}: internal error (RecursionError: maximum recursion depth exceeded); please report it\n"
    assert out.startswith(f"{tmp_path / 'good.txt'}:3:1: warning:")


# --- hangs and unbounded reads ----------------------------------------------------------


def test_a_fifo_as_report_pack_or_config_pack_is_refused_without_opening_it(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    report = tmp_path / "report.txt"
    report.write_text(CLEAN, encoding="utf-8")
    result = perflint("--format", "concise", fifo, report, timeout=30)
    assert result.returncode == 2
    assert result.stderr == f"perflint: {fifo}: not a regular file (a pipe, socket or device is not read)\n"
    assert f"{report}:" in result.stdout or "共检查 1 个文件" in result.stdout

    result = perflint("--pack", fifo, report, timeout=30)
    assert (result.returncode, result.stderr) == (2, f"perflint: {fifo}: cannot read rule pack: not a regular file (a pipe, socket or device is not read)\n")

    config = tmp_path / ".perflint.toml"
    config.write_text('packs = ["pipe.txt"]\n', encoding="utf-8")
    result = perflint(report, timeout=30)
    assert result.returncode == 2
    assert result.stderr == f"perflint: {report}: not linted: {fifo}: cannot read rule pack: not a regular file (a pipe, socket or device is not read)\n"


def test_an_endless_device_is_not_read():
    result = perflint("/dev/zero", timeout=30)
    assert (result.returncode, result.stderr) == (2, "perflint: /dev/zero: not a regular file (a pipe, socket or device is not read)\n")


def test_the_size_limit_holds_while_reading(tmp_path, monkeypatch):
    from perflint.read import source as source_module
    from perflint.read.source import InputError, read_limited

    big = tmp_path / "big.txt"
    big.write_bytes("报告。".encode() * 1000)
    with pytest.raises(InputError, match="file too large"):
        read_limited(big, limit=100)
    monkeypatch.setattr(source_module, "MAX_BYTES", 100)
    assert len(read_limited(big, limit=10_000)) == 9000


def test_a_file_over_its_time_budget_is_named_and_the_run_goes_on(tmp_path):
    slow = tmp_path / "a_slow.txt"
    slow.write_text("".join(seed_path(p).read_text(encoding="utf-8") for p in ("001", "003", "004")) * 60, encoding="utf-8")
    quick = tmp_path / "b_quick.txt"
    quick.write_text("一、基本情况\n\n三、问题\n", encoding="utf-8")
    # 3 MB takes a few seconds even with one rule selected: far over a budget of 0.25 s
    result = perflint("--timeout", "0.25", "-j", "1", "--format", "concise", "--select", "NUM002", slow, quick)
    assert result.returncode == 2
    assert result.stderr == f"perflint: {slow}: gave up after 0.25 s (the time budget of a file; --timeout to change it)\n"
    assert result.stdout.startswith(f"{quick}:3:1: warning:")


# --- reports destroyed, acceptances lost -------------------------------------------------


@pytest.mark.parametrize("flag", ["--output-file", "-o", "--write-baseline"])
def test_an_output_path_that_is_an_input_is_refused(tmp_path, capsys, flag):
    report = tmp_path / "report.txt"
    report.write_text(CLEAN, encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(report)
    for target, given in ((report, report), (link, report), (report, tmp_path)):
        status, _, err = run(capsys, flag, target, given)
        assert status == 2
        shown = "--output-file" if flag == "-o" else flag
        assert err == f"perflint: {target}: {shown} names a file being linted; refusing to overwrite it\n"
        assert report.read_text(encoding="utf-8") == CLEAN


def _baseline_entries(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["entries"]


def test_writing_a_baseline_for_some_files_keeps_the_others_and_the_acceptances(tmp_path, capsys):
    copies = copies_of_seeds(tmp_path, slice(1, 4))
    baseline = tmp_path / "base.json"
    assert run(capsys, "--write-baseline", baseline, *copies)[0] == 0
    data = json.loads(baseline.read_text(encoding="utf-8"))
    data["entries"][0]["accepted"] = "复核确认：保留"
    baseline.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    before = _baseline_entries(baseline)

    assert run(capsys, "--write-baseline", baseline, copies[1])[0] == 0
    assert _baseline_entries(baseline) == before
    copies[1].write_text(CLEAN, encoding="utf-8")  # its findings fixed: its entries go, the others stay
    assert run(capsys, "--write-baseline", baseline, copies[1])[0] == 0
    after = _baseline_entries(baseline)
    assert [e for e in after if e["path"] != copies[1].name] == [e for e in before if e["path"] != copies[1].name]
    assert [e["rule"] for e in after if e["path"] == copies[1].name] == ["STR004"]
    assert after[0]["accepted"] == "复核确认：保留"


def test_concurrent_baseline_writers_lose_nothing(tmp_path):
    copies = copies_of_seeds(tmp_path, slice(1, 5))
    baseline = tmp_path / "base.json"
    assert perflint("--write-baseline", baseline, *copies).returncode == 0
    expected = _baseline_entries(baseline)
    for _ in range(3):
        writers = [subprocess.Popen([sys.executable, "-m", "perflint", "--write-baseline", str(baseline), str(copy)],
                                    env={**os.environ, "PYTHONPATH": str(ROOT)}, stderr=subprocess.DEVNULL)
                   for copy in copies]
        assert [w.wait(timeout=60) for w in writers] == [0, 0, 0, 0]
        assert _baseline_entries(baseline) == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([baseline.name, *(c.name for c in copies)])


def test_an_output_file_keeps_its_mode_and_a_new_one_follows_the_umask(tmp_path, capsys):
    out = tmp_path / "findings.txt"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o640)
    run(capsys, "-o", out, seed_path("002"))
    assert stat.S_IMODE(out.stat().st_mode) == 0o640 and "NUM004" in out.read_text(encoding="utf-8")
    previous = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.txt"
        run(capsys, "-o", fresh, seed_path("002"))
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
    finally:
        os.umask(previous)


def test_a_symlinked_output_is_written_through(tmp_path, capsys):
    real = tmp_path / "real.json"
    real.write_text("{}", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    run(capsys, "--format", "json", "-o", link, seed_path("002"))
    assert link.is_symlink() and json.loads(real.read_text(encoding="utf-8"))["summary"]["findings"] == 4


def test_a_special_output_file_is_written_to_not_replaced():
    result = perflint("--format", "concise", "-o", "/dev/stdout", seed_path("002"))
    assert result.returncode == 1 and "[NUM004]" in result.stdout
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_leftovers_of_killed_runs_are_removed_and_a_live_writers_are_kept(tmp_path, capsys):
    out = tmp_path / "out.txt"
    dead = subprocess.Popen(["true"])
    dead.wait()
    leftover = tmp_path / f".out.txt.perflint-{dead.pid}-abc123.tmp"
    live = tmp_path / f".out.txt.perflint-{os.getppid()}-def456.tmp"
    for file in (leftover, live):
        file.write_text("half", encoding="utf-8")
    run(capsys, "-o", out, seed_path("002"))
    assert not leftover.exists() and live.exists() and out.exists()


def test_an_interrupted_write_leaves_the_old_file(tmp_path, monkeypatch):
    from perflint.output import files

    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        files.atomic_write(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


# --- interrupts ---------------------------------------------------------------------------


def test_ctrl_c_on_a_terminal_stops_the_workers_quietly_with_130(tmp_path):
    """A terminal's Ctrl-C reaches the whole process group: the workers too."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(40):
        for seed in SEEDS.glob("*.txt"):
            (corpus / f"{seed.stem}_{i}.txt").write_bytes(seed.read_bytes())
    process = subprocess.Popen([sys.executable, "-m", "perflint", "-j", "2", "--format", "concise", str(corpus)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)},
                               start_new_session=True)
    time.sleep(2.0)
    os.killpg(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert err == b"perflint: interrupted\n"


# --- JUnit and control characters -------------------------------------------------------


def test_junit_carries_control_characters_a_message_quotes(tmp_path):
    import xml.etree.ElementTree as ET

    import junitparser

    from perflint.check.finding import Finding, Severity
    from perflint.output.formatters import Context
    from perflint.output.formatters.ci import junit

    finding = Finding(path="a\x01.txt", rule="TXT001", name="conversion-debris", kind="pattern", severity=Severity.WARNING,
                      message="文档转换残留“\x0b\x1f\x00”", span=None, position=None)
    xml = junit([finding], Context(files=1))
    root = ET.fromstring(xml.encode("utf-8"))
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None and failure.get("message") == "文档转换残留“\\x0b\\x1f\\x00”"
    path = tmp_path / "junit.xml"
    path.write_text(xml, encoding="utf-8")
    suites = junitparser.JUnitXml.fromfile(str(path))
    assert [case.name for suite in suites for case in suite] == ["TXT001 conversion-debris at document"]


# --- cost ---------------------------------------------------------------------------------


def test_a_long_line_is_cut_at_sentence_ends_into_bounded_paragraphs():
    """A 'line' of a flattened file becomes paragraphs of at most MAX_BLOCK characters, so every
    per-paragraph check costs a bounded amount per paragraph (linear in the file)."""
    from perflint.model.reader import MAX_BLOCK, read_document

    sentence = "全年预算数3663.27万元，执行数2659.40万元，完成预算的72.60%。"
    text = sentence * 2000
    doc = read_document(Source("x.txt", text))
    assert max(len(b.text) for b in doc.blocks) <= MAX_BLOCK
    assert "".join(b.text for b in doc.blocks) == text
    assert all(b.text.endswith("。") for b in doc.blocks)


def test_targets_look_for_actuals_through_an_index_not_a_scan(monkeypatch):
    """The target kind once compared every target with every later figure (quadratic);
    the gram index must find the same actual as the scan did."""
    from .conftest import lint

    text = "年度目标：舆情日报数量≥200期。\n\n完成情况：舆情日报数量180期。\n"
    assert where(lint(text, "TGT")) == [(3, 12, "TGT002")]
    assert where(lint("年度目标：舆情日报数量≥200期。\n\n完成情况：舆情日报数量210期。\n", "TGT")) == []


def test_the_cycle_collector_is_off_while_a_document_is_linted_and_back_on_after(monkeypatch):
    """engine.lint_document switches Python's cyclic collector off for one document (it
    would walk the model again and again) and always back on, also when a rule fails."""
    import gc

    from perflint.check import engine
    from perflint.check.kinds import KINDS

    seen = []

    class Spy:
        @staticmethod
        def check(doc, prepared):  # noqa: ANN001, ANN205
            seen.append(gc.isenabled())
            raise RuntimeError("a rule that fails")

    monkeypatch.setitem(KINDS, "pattern", Spy)
    assert gc.isenabled()
    info, _ = engine.lint_document(Source("x.txt", seed_path("004").read_text(encoding="utf-8")), load_shipped())
    assert seen and not any(seen)  # off during the lint
    assert gc.isenabled()  # on after it
    assert any("internal error in rule TXT" in e for e in info.errors)
    gc.disable()
    try:
        engine.lint_document(Source("x.txt", "一、基本情况\n"), load_shipped())
        assert not gc.isenabled()  # a caller that had it off keeps it off
    finally:
        gc.enable()
