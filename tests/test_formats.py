"""Every output format on a seed, against a golden file; SARIF against the official schema.

Run ``pytest --update-goldens`` to rewrite the goldens, then review the diff like code.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from perflint.check.packs import data_dir
from perflint.cli.main import main

from .conftest import ROOT

GOLDEN = ROOT / "tests" / "golden"
SEED = "seeds/002_84a1d662e5590cf1.txt"


def _render(capsys, monkeypatch, fmt: str) -> str:
    monkeypatch.chdir(ROOT)
    status = main(["--format", fmt, SEED])
    assert status == 1
    out = capsys.readouterr().out
    return out.replace(ROOT.resolve().as_uri(), "file:///ROOT")


@pytest.mark.parametrize("fmt, suffix", [("text", "txt"), ("concise", "txt"), ("json", "json"), ("sarif", "sarif"),
                                         ("github", "txt"), ("gitlab", "json"), ("junit", "xml")])
def test_golden_output(capsys, monkeypatch, request, fmt, suffix):
    out = _render(capsys, monkeypatch, fmt)
    golden = GOLDEN / f"seed-002.{fmt}.{suffix}"
    if request.config.getoption("--update-goldens") or not golden.exists():
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")


def test_sarif_validates_against_the_official_schema(capsys, monkeypatch):
    import jsonschema

    log = json.loads(_render(capsys, monkeypatch, "sarif"))
    schema = json.loads((data_dir("schemas") / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(log)
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert {r["id"] for r in run["tool"]["driver"]["rules"]} == {"NUM001", "NUM004", "TXT001"}
    first = run["results"][0]
    assert first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == SEED
    assert len(first["partialFingerprints"]["primaryLocationLineHash"]) > 10


def test_sarif_rejects_what_the_schema_forbids():
    import jsonschema

    schema = json.loads((data_dir("schemas") / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft7Validator(schema).validate({"version": "2.0.0", "runs": []})


def test_gitlab_fingerprints_do_not_depend_on_lines(tmp_path, monkeypatch, capsys):
    text = (ROOT / SEED).read_text(encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    main(["--format", "gitlab", "r.txt"])
    before = [i["fingerprint"] for i in json.loads(capsys.readouterr().out)]
    report.write_text("\n\n\n" + text, encoding="utf-8")
    main(["--format", "gitlab", "r.txt"])
    after = [i["fingerprint"] for i in json.loads(capsys.readouterr().out)]
    assert before == after


def test_junit_is_well_formed_xml(capsys, monkeypatch):
    root = ET.fromstring(_render(capsys, monkeypatch, "junit"))
    assert root.tag == "testsuites" and root.get("failures") == "4"


def test_github_annotations_escape_and_levels(capsys, monkeypatch):
    lines = _render(capsys, monkeypatch, "github").splitlines()
    assert all(line.startswith("::warning file=seeds/002_84a1d662e5590cf1.txt,line=") for line in lines)


def test_output_file_is_written_and_does_not_change_the_exit_status(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    out = tmp_path / "findings.sarif"
    assert main(["--format", "sarif", "--output-file", str(out), SEED]) == 1
    assert capsys.readouterr().out == ""
    assert json.loads(out.read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert not list(tmp_path.glob(".*.tmp"))


def test_statistics_table(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    main(["--statistics", SEED])
    out = capsys.readouterr().out
    assert "NUM004" in out and "count" in out
