"""The command: exit status, bad input, selection, output formats."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from perflint.check.packs import data_dir
from perflint.cli.main import main

from .conftest import ROOT, SEEDS, copies_of_seeds, run, seed_path

SEED_002 = str(seed_path("002"))


def test_findings_exit_1_and_print_gcc_style(capsys):
    status, out, err = run(capsys, "--format", "concise", SEED_002)
    assert status == 1
    assert f"{SEED_002}:8:1: warning: " in out
    assert out.splitlines()[0].endswith("[NUM004]")
    assert err == ""


def test_clean_report_exits_0(tmp_path, capsys):
    report = tmp_path / "clean.txt"
    report.write_text("2024年某局部门整体支出绩效自评报告\n一、基本情况\n本局现有在职工作人员11人。\n二、综合评价分析\n自评得分92分。\n"
                      "三、存在的主要问题\n预算编制不够精细。\n四、下一步改进措施\n加强预算编制。\n", encoding="utf-8")
    status, out, _ = run(capsys, str(report))
    assert status == 0
    assert "未发现问题" in out


def test_fail_on_error_ignores_warnings(capsys):
    status, _, _ = run(capsys, "--fail-on", "error", SEED_002)
    assert status == 0


@pytest.mark.parametrize(
    "setup, reason",
    [
        (lambda p: p.write_bytes(b""), "empty file"),
        (lambda p: p.write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00" * 20), "binary file"),
        (lambda p: p.write_bytes(b"\x81\x30\x81\x81\x81"), "not UTF-8"),
        (lambda p: None, "no such file"),
    ],
)
def test_bad_input_is_one_line_on_stderr_and_exit_2(tmp_path, capsys, setup, reason):
    path = tmp_path / "report.txt"
    setup(path)
    status, _, err = run(capsys, str(path))
    assert status == 2
    assert err.count("\n") == 1
    assert str(path) in err and reason in err
    assert "Traceback" not in err


def test_gb18030_and_utf16_reports_are_read(tmp_path, capsys):
    text = "一、基本情况\n\n（一）部门概况\n\n（三）部门整体收支情况\n\n全年预算数3663.27万元。\n"
    for encoding in ("gb18030", "utf-16"):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(text.encode(encoding))
        status, out, _ = run(capsys, "--format", "concise", "--select", "NUM", str(path))
        assert status == 1
        assert f"{path}:5:1: warning:" in out


def test_directory_without_reports_is_an_input_error(tmp_path, capsys):
    (tmp_path / "scan.png").write_bytes(b"\x89PNG")
    (tmp_path / "notes.rtf").write_text("{\\rtf1}", encoding="ascii")
    status, _, err = run(capsys, str(tmp_path))
    assert status == 2
    assert "no reports" in err


def test_directory_lints_its_reports_in_order(tmp_path, capsys):
    for name in ("b.txt", "a.md"):
        (tmp_path / name).write_text("一、基本情况\n\n（一）部门概况\n\n（三）收支情况\n\n内容。\n", encoding="utf-8")
    (tmp_path / "skip.png").write_bytes(b"\x89PNG")
    status, out, _ = run(capsys, "--format", "concise", "--select", "NUM002", str(tmp_path))
    assert status == 1
    assert [line.split(":")[0] for line in out.splitlines()[:-1]] == [str(tmp_path / "a.md"), str(tmp_path / "b.txt")]


def test_a_broken_document_in_a_folder_is_named_and_the_others_are_still_linted(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("一、基本情况\n\n（一）部门概况\n\n（三）收支情况\n\n内容。\n", encoding="utf-8")
    (tmp_path / "b.pdf").write_bytes(b"%PDF-1.4 truncated")
    (tmp_path / "c.docx").write_bytes(b"PK")
    status, out, err = run(capsys, "--format", "concise", "--select", "NUM002", str(tmp_path))
    assert status == 2
    assert out.splitlines()[0].startswith(f"{tmp_path / 'a.txt'}:5:1: ")
    assert [line.split(": ")[1] for line in err.splitlines()] == [str(tmp_path / "b.pdf"), str(tmp_path / "c.docx")]


def test_malformed_pack_exits_2_naming_file_and_rule(tmp_path, capsys):
    pack = tmp_path / "bad.yaml"
    pack.write_text("pack: bad\nrules:\n  - id: BAD001\n    name: x\n    kind: pattern\n    severity: loud\n"
                    "    message: {zh: a, en: b}\n    options: {patterns: [{literal: x}]}\n    examples: {bad: [x], good: [y]}\n", encoding="utf-8")
    status, _, err = run(capsys, "--pack", str(pack), SEED_002)
    assert status == 2
    assert f"{pack}:6:15: rule BAD001: $.rules[0].severity" in err
    assert err.count("\n") == 1


def test_select_and_ignore_by_prefix_and_name(capsys):
    _, out, _ = run(capsys, "--format", "concise", "--select", "NUM", "--ignore", "NUM004", SEED_002)
    assert {line.rsplit("[", 1)[-1] for line in out.splitlines()[:-1]} == {"NUM001]"}
    _, out, _ = run(capsys, "--format", "concise", "--select", "conversion-debris", SEED_002)
    assert [line.rsplit("[", 1)[-1] for line in out.splitlines()[:-1]] == ["TXT001]"]
    _, out, _ = run(capsys, "--format", "concise", "--ignore", "NUM", "--select", "NUM001", SEED_002)
    assert {line.rsplit("[", 1)[-1] for line in out.splitlines()[:-1]} == {"NUM001]"}


def test_text_format_carets_align_under_cjk(capsys):
    _, out, _ = run(capsys, "--select", "NUM001", SEED_002)
    lines = out.splitlines()
    source_line = next(line for line in lines if line.startswith("8 | "))
    caret_line = lines[lines.index(source_line) + 1]
    assert source_line == "8 | [bookmark: _GoBack]（1）主要职责："
    # 19 narrow characters of debris, then the full-width （1） is 5 cells wide
    assert caret_line == "  | " + " " * 19 + "^^^^^"


@pytest.mark.parametrize("ambiguous, quote_pad", [("1", " "), ("2", "\u3000")])
def test_carets_align_after_tabs_bidi_marks_and_ambiguous_characters(tmp_path, capsys, ambiguous, quote_pad):
    # a tab is echoed as a tab; a left-to-right mark is shown as �, which takes its cells
    # (one, or two where ambiguous characters are wide), as does the quote “ before the debris
    report = tmp_path / "r.txt"
    report.write_text("一、基本情况\n\t说明\u200e\u3000“[bookmark: _GoBack]（1）主要职责：\n", encoding="utf-8")
    _, out, _ = run(capsys, "--select", "TXT001", "--ambiguous-width", ambiguous, str(report))
    lines = out.splitlines()
    source_line = next(line for line in lines if line.startswith("2 | "))
    assert source_line == "2 | \t说明\ufffd\u3000“[bookmark: _GoBack]（1）主要职责："
    assert lines[lines.index(source_line) + 1] == "  | \t\u3000\u3000" + quote_pad + "\u3000" + quote_pad + "^" * 19


def test_long_lines_are_windowed_around_the_span(capsys):
    _, out, _ = run(capsys, "--select", "NUM001", str(seed_path("001")))
    snippet = next(line for line in out.splitlines() if line.startswith("45 | "))
    assert snippet.startswith("45 | ...") and "三是抓牢" in snippet
    caret = out.splitlines()[out.splitlines().index(snippet) + 1]
    from perflint.output.formatters.text import display_width

    assert display_width(caret.split("^")[0]) == display_width(snippet.split("三是抓牢")[0])


def test_json_output_validates_against_its_schema(capsys):
    import jsonschema

    status, out, _ = run(capsys, "--format", "json", str(ROOT / "seeds"))
    assert status == 1
    document = json.loads(out)
    schema = json.loads((data_dir("schemas") / "findings.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(document, schema)
    assert document["summary"]["files"] == 5
    first = document["findings"][0]
    assert {"path", "line", "column", "end_line", "end_column", "rule", "name", "kind", "severity", "message", "data"} <= set(first)


def test_document_level_finding_has_no_invented_position(tmp_path, capsys):
    report = tmp_path / "r.txt"
    report.write_text("2021年某局部门整体支出绩效自评报告\n一、基本情况\n本局现有在职工作人员11人。\n二、下一步改进措施\n加强预算编制。\n", encoding="utf-8")
    _, out, _ = run(capsys, "--format", "concise", "--select", "STR001", str(report))
    assert out.splitlines()[0].startswith(f"{report}: error: ")
    _, out, _ = run(capsys, "--format", "json", "--select", "STR001", str(report))
    assert json.loads(out)["findings"][0]["line"] is None


def test_english_messages(capsys):
    _, out, _ = run(capsys, "--format", "concise", "--lang", "en", "--select", "TXT001", SEED_002)
    assert "debris from document conversion" in out


def test_rules_and_rule_subcommands(capsys):
    status, out, _ = run(capsys, "rules")
    assert status == 0 and "NUM001" in out and "duplicate-ordinal" in out
    status, out, _ = run(capsys, "rule", "REP004")
    assert status == 0 and "常常" not in out.split("\n")[0] and "doubled-across-page-break" in out
    status, _, err = run(capsys, "rule", "NOPE999")
    assert status == 2 and "NOPE999" in err


def test_no_paths_is_a_usage_error(capsys):
    status, _, err = run(capsys)
    assert status == 2 and "no PATH" in err


def test_python_dash_m_runs_the_same_command():
    result = subprocess.run([sys.executable, "-m", "perflint", "--format", "concise", SEED_002],
                            capture_output=True, text=True, cwd=ROOT, encoding="utf-8")
    assert result.returncode == 1
    assert "[TXT001]" in result.stdout


def test_api_lint_text_and_lint_paths():
    import perflint

    findings = perflint.lint_text("一、基本情况\n\n（一）部门概况\n\n（三）收支情况\n\n内容。\n", select=["NUM"])
    assert [(f.line, f.rule) for f in findings] == [(5, "NUM002")]
    assert any(f.rule == "TXT001" for f in perflint.lint_paths([SEED_002]))


def test_shape_flag_forces_an_excerpt(tmp_path, capsys):
    # a whole department report lacking its problems section; as an excerpt it gets one notice instead
    report = tmp_path / "r.txt"
    report.write_text("2021 年部门整体支出绩效自评报告\n\n一、基本情况\n\n广州市文联是人民团体。\n\n"
                      "二、综合评价分析\n\n部门整体绩效自评得分为92.38分。\n\n三、下一步改进措施\n\n及时总结往年预算编制经验。\n",
                      encoding="utf-8")
    main(["--format", "concise", "--select", "STR", str(report)])
    assert "[STR001]" in capsys.readouterr().out
    main(["--format", "concise", "--select", "STR", "--shape", "excerpt", str(report)])
    out = capsys.readouterr().out
    assert "[STR001]" not in out and "[STR004]" in out


def test_json_says_what_each_file_was_taken_for(capsys):
    main(["--format", "json", str(SEED_002)])
    documents = json.loads(capsys.readouterr().out)["documents"]
    assert documents == [{"path": str(SEED_002), "family": "monitoring", "shape": "report", "score": None,
                          "parts": [{"title": "2024年永州市零陵区文学艺术界联合会绩效报告", "family": "monitoring", "shape": "report",
                                     "cut_start": None, "cut_end": None}]}]


def test_formats_that_print_only_findings_keep_no_texts(monkeypatch, capsys):
    """Memory flat in the number of files: text, concise and github print each file's findings
    as soon as it is done (text given that one file's text for its snippets); junit and
    statistics get the findings and no text; json, sarif and html get the texts they index."""
    from perflint.output import formatters

    seen: dict[str, list[list[str]]] = {}
    for name in ("concise", "github", "junit", "text", "json"):
        original = formatters.FORMATTERS[name]

        def spy(findings, ctx, _name=name, _original=original):  # noqa: ANN001, ANN202
            seen.setdefault(_name, []).append([s.text for s in ctx.sources.values()])
            return _original(findings, ctx)

        monkeypatch.setitem(formatters.FORMATTERS, name, spy)
    seeds = [str(p) for p in sorted(SEEDS.glob("*.txt"))[1:3]]  # two seeds with findings
    for name in ("concise", "github", "junit", "text", "json"):
        main(["--format", name, "-j", "1", *seeds])
    capsys.readouterr()
    assert seen["concise"] == seen["github"] == [[""], [""]]  # one file at a time, and not its text
    assert [len(call) for call in seen["text"]] == [1, 1] and all(call[0] for call in seen["text"])  # its snippets
    assert seen["junit"] == [["", ""]]
    assert len(seen["json"]) == 1 and all(seen["json"][0]) and len(seen["json"][0]) == 2


@pytest.mark.parametrize("name", ["text", "concise", "github"])
def test_streamed_output_is_the_whole_output(tmp_path, capsys, name):
    """Printed file by file, the output is byte for byte what the same run writes to a file."""
    paths = [str(p) for p in sorted(SEEDS.glob("*.txt"))]
    _, streamed, _ = run(capsys, "--format", name, "-j", "1", *paths)
    run(capsys, "--format", name, "-j", "1", "-o", tmp_path / "out.txt", *paths)
    assert streamed == (tmp_path / "out.txt").read_text(encoding="utf-8")
    assert streamed.count("[NUM") >= 1 or name == "github"


def test_the_first_findings_show_before_the_run_ends(tmp_path):
    """A long run prints a file's findings when it is done, not when every file is."""
    first = tmp_path / "a.txt"
    first.write_text(seed_path("004").read_text(encoding="utf-8"), encoding="utf-8")
    slow = tmp_path / "b.txt"
    slow.write_text(seed_path("001").read_text(encoding="utf-8") * 300, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "perflint", "--format", "concise", "-j", "1", str(first), str(slow)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT)
    try:
        line = proc.stdout.readline()
        still_running = proc.poll() is None
    finally:
        proc.kill()
        proc.communicate()
    assert line.startswith(str(first)) and still_running


def test_a_pool_freezes_what_the_workers_inherit_and_the_main_process_collects_it_again(tmp_path, capsys, monkeypatch):
    """gc.freeze() before forking keeps the workers' collectors off the inherited pages; the
    main process must not be left with everything frozen (a long-lived caller would never
    collect its garbage again)."""
    import gc

    calls = []
    monkeypatch.setattr(gc, "freeze", lambda real=gc.freeze: calls.append(("freeze", gc.get_freeze_count())) or real())
    copies = copies_of_seeds(tmp_path, slice(0, 2))
    status, out, _ = run(capsys, "--format", "concise", "-j", "2", *copies)
    assert status == 1 and out.count("\n") > 2
    assert [name for name, _ in calls] == ["freeze"] and gc.get_freeze_count() == 0


def test_a_pool_is_forked_after_the_rule_set_is_loaded(tmp_path, capsys, monkeypatch):
    """Rules are chosen from the catalogue; the rule set itself must be loaded in the main
    process before forking, or every worker would load its own."""
    import gc

    from perflint.cli.main import Plan

    events = []
    monkeypatch.setattr(Plan, "load_checks", lambda self, real=Plan.load_checks: events.append("load") or real(self))
    monkeypatch.setattr(gc, "freeze", lambda real=gc.freeze: events.append("fork") or real())
    status, out, _ = run(capsys, "--format", "concise", "-j", "2", *copies_of_seeds(tmp_path, slice(1, 3)))
    assert status == 1 and out.count("\n") > 2 and events == ["load", "fork"]
