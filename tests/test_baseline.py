"""Baseline: write on the seeds, lint with it, new defects, moved paragraphs, stale entries."""

from __future__ import annotations

import json
import shutil

import pytest

from perflint.cli.main import main

from .conftest import SEEDS


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    shutil.copytree(SEEDS, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def lint_json(capsys, *args) -> tuple[int, list[dict], str]:
    status = main(["--format", "json", *args])
    out, err = capsys.readouterr()
    return status, json.loads(out)["findings"], err


def test_seeds_with_their_baseline_exit_0(corpus, capsys):
    assert main(["--write-baseline", "baseline.json", "seeds"]) == 0
    capsys.readouterr()
    status, findings, err = lint_json(capsys, "--baseline", "baseline.json", "seeds")
    assert (status, findings, err) == (0, [], "")
    entries = json.loads((corpus / "baseline.json").read_text(encoding="utf-8"))["entries"]
    assert all("line" not in e for e in entries)


def test_one_new_defect_is_exactly_one_finding(corpus, capsys):
    main(["--write-baseline", "baseline.json", "seeds"])
    capsys.readouterr()
    report = corpus / "seeds" / "000_fae85ae4b6431086.txt"
    report.write_text(report.read_text(encoding="utf-8").replace("预算执行为 99.65%", "预算执行为 93.35%"), encoding="utf-8")
    status, findings, _ = lint_json(capsys, "--baseline", "baseline.json", "seeds")
    assert status == 1
    assert [(f["path"].rsplit("/", 1)[-1][:3], f["line"], f["rule"]) for f in findings] == [("000", 27, "EXE001")]


def test_moving_a_paragraph_does_not_resurrect_findings(corpus, capsys):
    main(["--write-baseline", "baseline.json", "seeds"])
    capsys.readouterr()
    report = corpus / "seeds" / "003_25f3e4f19710fbc9.txt"
    lines = report.read_text(encoding="utf-8").split("\n")
    # move the paragraph of line 11 (部门概况) below line 13, and add blank lines at the top
    lines[10], lines[12] = lines[12], lines[10]
    report.write_text("\n\n\n" + "\n".join(lines), encoding="utf-8")
    status, findings, err = lint_json(capsys, "--baseline", "baseline.json", "seeds")
    assert (status, findings) == (0, [])
    assert "stale" not in err


def test_fixed_defect_reports_a_stale_entry(corpus, capsys):
    main(["--write-baseline", "baseline.json", "seeds"])
    capsys.readouterr()
    report = corpus / "seeds" / "002_84a1d662e5590cf1.txt"
    report.write_text(report.read_text(encoding="utf-8").replace("[bookmark: _GoBack]", ""), encoding="utf-8")
    status, findings, err = lint_json(capsys, "--baseline", "baseline.json", "seeds")
    assert findings == []
    assert status == 1
    assert "stale entry" in err and "TXT001" in err


def test_acceptances_survive_rewriting(corpus, capsys):
    main(["--write-baseline", "baseline.json", "seeds"])
    data = json.loads((corpus / "baseline.json").read_text(encoding="utf-8"))
    data["entries"][0]["accepted"] = {"reason": "原文如此", "by": "审核员", "date": "2026-11-22"}
    (corpus / "baseline.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    main(["--write-baseline", "baseline.json", "seeds"])
    rewritten = json.loads((corpus / "baseline.json").read_text(encoding="utf-8"))
    assert rewritten["entries"][0]["accepted"]["reason"] == "原文如此"


def test_bad_baseline_is_exit_2(corpus, capsys):
    (corpus / "baseline.json").write_text("{not json", encoding="utf-8")
    assert main(["--baseline", "baseline.json", "seeds"]) == 2
    assert "baseline.json" in capsys.readouterr().err


def test_the_report_is_never_written(corpus, capsys):
    before = {p.name: p.read_bytes() for p in (corpus / "seeds").iterdir()}
    main(["--write-baseline", "baseline.json", "seeds"])
    main(["--baseline", "baseline.json", "seeds"])
    assert {p.name: p.read_bytes() for p in (corpus / "seeds").iterdir()} == before


def test_the_committed_seed_baseline_is_current(monkeypatch, capsys):
    """The repository's pre-commit hook lints seeds/ against seeds.baseline.json: keep it exact."""
    from .conftest import ROOT

    monkeypatch.chdir(ROOT)
    assert main(["--format", "concise", "--baseline", "seeds.baseline.json", "seeds"]) == 0, capsys.readouterr()
