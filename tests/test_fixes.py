"""--fix, --unsafe-fixes and --diff on real seed text: only what the safe rules name changes,
never a digit, the file keeps its encoding, and a second run finds none of the fixed findings."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from perflint.check.finding import digits_kept
from perflint.check.packs import data_dir

from .conftest import SEEDS, perflint

FIXED_RULES = {"TXT001", "TXT004", "TXT005", "REP004"}


def findings(folder: Path) -> list[dict]:
    out = perflint("--format", "json", ".", cwd=folder)
    return json.loads(out.stdout)["findings"]


@pytest.fixture()
def seeds(tmp_path: Path) -> Path:
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, tmp_path / seed.name)
    return tmp_path


def test_fix_changes_only_what_safe_rules_name(seeds: Path):
    before = {p.name: p.read_text(encoding="utf-8") for p in seeds.glob("*.txt")}
    found = findings(seeds)
    fixable = [f for f in found if f.get("fix", {}).get("applicability") == "safe"]
    assert {f["rule"] for f in fixable} <= FIXED_RULES and len(fixable) == 8
    result = perflint("--fix", "--format", "concise", ".", cwd=seeds)
    assert result.returncode == 1  # findings remain
    assert "perflint: fixed 8 finding(s) in 2 file(s)" in result.stderr
    after = findings(seeds)
    # every other finding is still there, on the same line: only the fixed ones are gone
    key = lambda f: (f["path"], f["rule"], f["line"])  # noqa: E731
    assert sorted(map(key, after)) == sorted(map(key, [f for f in found if f not in fixable]))
    for name, text in before.items():
        now = (seeds / name).read_text(encoding="utf-8")
        assert digits_kept(text, now), name  # no digit changed, none added, none removed
        assert len(now.splitlines()) == len(text.splitlines())
    assert "[bookmark: _GoBack]（1）主要职责：" not in (seeds / "002_84a1d662e5590cf1.txt").read_text(encoding="utf-8")
    assert "荔文〔2019〕14号" in (seeds / "004_2b2e1b422b826717.txt").read_text(encoding="utf-8")
    assert "四是\n\n开展视频直播" in (seeds / "004_2b2e1b422b826717.txt").read_text(encoding="utf-8")


def test_diff_prints_and_writes_nothing(seeds: Path):
    before = {p.name: p.read_bytes() for p in seeds.glob("*.txt")}
    result = perflint("--diff", ".", cwd=seeds)
    assert result.returncode == 1
    assert "-[bookmark: _GoBack]（1）主要职责：\n+（1）主要职责：\n" in result.stdout
    assert "--- a/004_2b2e1b422b826717.txt\n+++ b/004_2b2e1b422b826717.txt\n" in result.stdout
    assert {p.name: p.read_bytes() for p in seeds.glob("*.txt")} == before
    # and once fixed, nothing is left to diff
    perflint("--fix", ".", cwd=seeds)
    again = perflint("--diff", ".", cwd=seeds)
    assert again.returncode == 0 and again.stdout == ""


def test_unsafe_fixes_only_when_asked(tmp_path: Path):
    report = tmp_path / "report.txt"
    text = "全面从严治党主题责任得到落实，帐户管理规范，积效目标再接再励。\n"
    report.write_text(text, encoding="utf-8")
    perflint("--fix", "report.txt", cwd=tmp_path)
    assert report.read_text(encoding="utf-8") == "全面从严治党主题责任得到落实，帐户管理规范，绩效目标再接再厉。\n"
    perflint("--fix", "--unsafe-fixes", "report.txt", cwd=tmp_path)
    assert report.read_text(encoding="utf-8") == "全面从严治党主体责任得到落实，账户管理规范，绩效目标再接再厉。\n"


@pytest.mark.parametrize("encoding, bom", [("gb18030", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe")])
def test_a_fixed_file_keeps_its_encoding_and_line_ends(tmp_path: Path, encoding: str, bom: bytes):
    report = tmp_path / "report.txt"
    report.write_bytes(bom + "预期达到：舆情日报数量 \\geq 200期；\r\n依据财预[2020]10号文件。\r\n".encode(encoding))
    result = perflint("--fix", "report.txt", cwd=tmp_path)
    assert "fixed 2 finding(s) in 1 file(s)" in result.stderr, result.stderr
    assert report.read_bytes() == bom + "预期达到：舆情日报数量 ≥ 200期；\r\n依据财预〔2020〕10号文件。\r\n".encode(encoding)


def test_standard_input_is_not_fixed(tmp_path: Path):
    result = perflint("--fix", "-", input="依据财预[2020]10号文件开展绩效自评。\n", cwd=tmp_path)
    assert "perflint: -: not fixed: standard input is only read (--diff shows the fixes)" in result.stderr
    assert result.returncode == 0  # the finding is info: below the default fail level
    # named after a file that exists: that file is not touched either
    (tmp_path / "report.txt").write_text("依据财预[2020]10号文件。\n", encoding="utf-8")
    result = perflint("--fix", "--stdin-filename", "report.txt", "-", input="依据财预[2020]10号文件开展绩效自评。\n", cwd=tmp_path)
    assert "perflint: report.txt: not fixed: standard input is only read" in result.stderr
    assert (tmp_path / "report.txt").read_text(encoding="utf-8") == "依据财预[2020]10号文件。\n"


def test_word_files_are_not_changed_in_place(tmp_path: Path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("依据财预[2020]10号文件开展绩效自评。")
    path = tmp_path / "报告.docx"
    document.save(path)
    before = path.read_bytes()
    result = perflint("--fix", "报告.docx", cwd=tmp_path)
    assert "fixed 0 finding(s) in 0 file(s)" in result.stderr
    assert path.read_bytes() == before
    assert "fix" not in json.loads(perflint("--format", "json", "报告.docx", cwd=tmp_path).stdout)["findings"][0]


def test_fix_in_json_and_sarif(seeds: Path):
    out = json.loads(perflint("--format", "json", "002_84a1d662e5590cf1.txt", cwd=seeds).stdout)
    jsonschema.Draft202012Validator(json.loads((data_dir("schemas") / "findings.schema.json").read_text(encoding="utf-8"))).validate(out)
    bookmark = next(f for f in out["findings"] if f["rule"] == "TXT001")
    assert bookmark["fix"] == {"applicability": "safe", "edits": [{"line": 8, "column": 1, "end_line": 8, "end_column": 20, "content": ""}]}
    sarif = json.loads(perflint("--format", "sarif", "002_84a1d662e5590cf1.txt", cwd=seeds).stdout)
    schema = json.loads((data_dir("schemas") / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(sarif)
    result = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "TXT001")
    change = result["fixes"][0]["artifactChanges"][0]
    assert change["artifactLocation"]["uri"].endswith("002_84a1d662e5590cf1.txt")
    assert change["replacements"] == [{"deletedRegion": {"startLine": 8, "startColumn": 1, "endLine": 8, "endColumn": 20},
                                       "insertedContent": {"text": ""}}]


def test_a_replacement_that_changes_a_digit_is_no_fix():
    assert digits_kept("【2019】14号", "〔2019〕14号")
    assert not digits_kept("1O号", "10号")
    assert not digits_kept("2020165号", "2020〕165号".replace("0〕1", "〕1"))
