"""Promises kept in every client: the baseline through edits and renames, SARIF with ordinary
file names, selectors, folders, editors' problem matchers, JUnit, and the command line a
linter user expects (stdin, --exit-zero, --quiet, colour, --show-files, the locale)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from .conftest import ROOT, SEEDS, perflint, run, seed_path

NUMBERED = "一、基本情况\n\n三、问题\n"  # NUM002 at 3:1


# --- 1. the name ------------------------------------------------------------------------------


def test_the_distribution_has_a_name_of_its_own_and_the_command_is_perflint():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["name"] == "perflint-cn"  # PyPI's "perflint" is an unrelated Pylint extension
    assert project["scripts"] == {"perflint": "perflint.cli.main:main"}


def test_sarif_points_at_this_distribution(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    _, out, _ = run(capsys, "--format", "sarif", seed_path("002"))
    assert json.loads(out)["runs"][0]["tool"]["driver"]["informationUri"] == "https://pypi.org/project/perflint-cn/"


# --- 2. the baseline survives edits elsewhere and renames ---------------------------------------


@pytest.fixture
def seeds_copy(tmp_path, monkeypatch):
    folder = tmp_path / "DIR"
    shutil.copytree(SEEDS, folder)
    monkeypatch.chdir(tmp_path)
    return folder


def _edit(path: Path, old: str, new: str, line: int | None = None) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    if line is None:
        text = "\n".join(lines)
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path.write_text("\n".join(lines), encoding="utf-8")


def test_one_edit_gives_exactly_one_new_finding_and_no_stale_entry(seeds_copy, capsys):
    """The issue's scenario: 190余项 → 近190余项 in seed 001 adds TXT003 and changes nothing else;
    the sentence repeated on line 49 is still the copy of line 45's (REP002 matches a copy
    touched up by one character)."""
    reports = sorted(str(p.relative_to(seeds_copy.parent)) for p in seeds_copy.glob("*.txt"))
    assert run(capsys, "--write-baseline", "base.json", *reports)[0] == 0
    first = seeds_copy / "001_54329eadb40a5819.txt"
    _edit(first, "190余项", "近190余项")
    status, out, err = run(capsys, "--format", "concise", "--baseline", "base.json", *reports)
    assert (status, err) == (1, "")
    assert out.splitlines()[:-1] == [f"DIR/{first.name}:45:332: warning: “近190余”自相矛盾：“近”表示不足，“余”表示超过 [TXT003]"]
    # blanks and widths elsewhere in the paragraphs: nothing comes back
    _edit(first, " ", "", line=47)
    _edit(first, "，", ",", line=45)
    status, out, err = run(capsys, "--format", "concise", "--baseline", "base.json", *reports)
    assert (status, err, len(out.splitlines())) == (1, "", 2)


def test_a_renamed_or_moved_report_keeps_its_baseline(seeds_copy, capsys):
    reports = sorted(str(p.relative_to(seeds_copy.parent)) for p in seeds_copy.glob("*.txt"))
    assert run(capsys, "--write-baseline", "base.json", *reports)[0] == 0
    (seeds_copy / "sub").mkdir()
    (seeds_copy / "003_25f3e4f19710fbc9.txt").rename(seeds_copy / "003_renamed.txt")
    (seeds_copy / "004_2b2e1b422b826717.txt").rename(seeds_copy / "sub" / "004.txt")
    moved = sorted(str(p.relative_to(seeds_copy.parent)) for p in seeds_copy.rglob("*.txt"))
    assert run(capsys, "--format", "concise", "--baseline", "base.json", *moved) == (0, "未发现问题（共检查 5 个文件）。\n", "")


def test_fingerprints_survive_blank_and_width_edits(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    report = tmp_path / "r.txt"
    report.write_bytes(seed_path("001").read_bytes())
    prints = []
    for _ in range(2):
        _, out, _ = run(capsys, "--format", "gitlab", "r.txt")
        prints.append(sorted(issue["fingerprint"] for issue in json.loads(out)))
        _edit(report, "，", ",", line=45)
        _edit(report, " ", "", line=47)
    assert prints[0] == prints[1]


# --- 3. SARIF with ordinary file names ----------------------------------------------------------


@pytest.mark.parametrize("name", ["2023年部门整体支出绩效自评报告.txt", "自评 报告 (终稿).txt", "报告#2.txt", "100% 完成.txt"])
def test_sarif_uris_are_percent_encoded_and_relative_to_the_repository(tmp_path, capsys, monkeypatch, name):
    import jsonschema

    from perflint.check.packs import data_dir

    repo = tmp_path / "仓库"
    (repo / ".git").mkdir(parents=True)
    (repo / "报告").mkdir()
    (repo / "报告" / name).write_text(NUMBERED, encoding="utf-8")
    monkeypatch.chdir(repo / "报告")
    _, out, _ = run(capsys, "--format", "sarif", "--select", "NUM002", name)
    log = json.loads(out)
    schema = json.loads((data_dir("schemas") / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    checker = jsonschema.Draft7Validator.FORMAT_CHECKER
    assert "uri-reference" in checker.checkers  # rfc3986-validator installed: URIs are really checked
    jsonschema.Draft7Validator(schema, format_checker=checker).validate(log)
    run_ = log["runs"][0]
    location = run_["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    from urllib.parse import quote, unquote

    assert location == {"uri": quote(f"报告/{name}"), "uriBaseId": "%SRCROOT%"}
    assert unquote(location["uri"]) == f"报告/{name}"
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repo.as_uri() + "/"


def test_a_file_outside_the_repository_gets_an_absolute_uri(tmp_path, capsys, monkeypatch):
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    outside = tmp_path / "外部 报告.txt"
    outside.write_text(NUMBERED, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "repo")
    _, out, _ = run(capsys, "--format", "sarif", "--select", "NUM002", outside)
    location = json.loads(out)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": outside.as_uri()}


def test_sarif_names_the_files_that_could_not_be_read(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty.txt").write_bytes(b"")
    status, out, _ = run(capsys, "--format", "sarif", "empty.txt")
    invocation = json.loads(out)["runs"][0]["invocations"][0]
    assert status == 2 and invocation["executionSuccessful"] is False
    assert [n["message"]["text"] for n in invocation["toolExecutionNotifications"]] == ["empty file"]


# --- 4. selector typos --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--select", "NMU"], "perflint: --select: 'NMU' is not a rule id, prefix or name; did you mean NUM?\n"),
        (["--extend-select", "TXT09"], "perflint: --extend-select: 'TXT09' is not a rule id, prefix or name; the TXT rules are TXT001, TXT002, TXT003, TXT004, TXT005, TXT006, TXT007\n"),
        (["--ignore", "duplicate-ordinals"], "perflint: --ignore: 'duplicate-ordinals' is not a rule id, prefix or name; did you mean duplicate-ordinal?\n"),
    ],
)
def test_an_unknown_selector_on_the_command_line_is_exit_2(capsys, argv, message):
    assert run(capsys, *argv, seed_path("002")) == (2, "", message)


@pytest.mark.parametrize(
    "config, message",
    [
        ('select = ["NMU"]', "select: 'NMU' is not a rule id, prefix or name; did you mean NUM?"),
        ('extend-select = ["XYZ"]', "extend-select: 'XYZ' is not a rule id, prefix or name; 'perflint rules' lists them"),
        ('ignore = ["TXT9"]', "ignore: 'TXT9' is not a rule id, prefix or name; the TXT rules are TXT001, TXT002, TXT003, TXT004, TXT005, TXT006, TXT007"),
        ('[per-file-ignores]\n"*.txt" = ["NMU"]', "per-file-ignores '*.txt': 'NMU' is not a rule id, prefix or name; did you mean NUM?"),
        ('[severity]\nNUM999 = "info"', "severity: 'NUM999' is not a rule id or name; the NUM rules are NUM001, NUM002, NUM003, NUM004, NUM005"),
        ('[severity]\nNUM = "info"', "key 'severity': 'NUM' does not match '^([A-Z]{2,5}[0-9]{3}|[a-z][a-z0-9-]*)$'"),
    ],
)
def test_an_unknown_selector_in_a_configuration_is_exit_2(tmp_path, capsys, config, message):
    (tmp_path / ".perflint.toml").write_text(config + "\n", encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text(NUMBERED, encoding="utf-8")
    status, out, err = run(capsys, "--format", "concise", report)
    assert status == 2
    assert err == f"perflint: {report}: not linted: {tmp_path / '.perflint.toml'}: {message}\n"
    assert "未发现问题" not in out


def test_all_and_names_are_selectors(capsys):
    assert run(capsys, "--format", "concise", "--select", "ALL", "--ignore", "mixed-numbering-style", seed_path("002"))[0] == 1


# --- 5. folders of Word, Excel and PDF reports ---------------------------------------------------


def test_a_folder_lints_every_report_type_and_skips_tools_hidden_and_ignored(tmp_path, capsys):
    from .forms import PROJECT, WRITERS

    top = tmp_path / "reports"
    top.mkdir()
    for suffix in ("docx", "xlsx", "pdf", "md", "txt"):
        WRITERS[suffix](PROJECT, top / f"自评表.{suffix}")
    (top / ".venv").mkdir()
    (top / ".venv" / "LICENSE.txt").write_text("MIT License", encoding="utf-8")
    (top / "env" / "lib").mkdir(parents=True)
    (top / "env" / "pyvenv.cfg").write_text("home = /usr\n", encoding="utf-8")
    (top / "env" / "lib" / "LICENSE.txt").write_text("MIT License", encoding="utf-8")
    (top / "tools").mkdir()
    (top / "tools" / "pyvenv.cfg").write_text("home = /usr\n", encoding="utf-8")
    (top / "tools" / "README.md").write_text("# pip", encoding="utf-8")
    (top / "node_modules" / "x").mkdir(parents=True)
    (top / "node_modules" / "x" / "README.md").write_text("# x", encoding="utf-8")
    (top / "drafts").mkdir()
    (top / "drafts" / "草稿.txt").write_text(NUMBERED, encoding="utf-8")
    (top / "old.txt").write_text(NUMBERED, encoding="utf-8")
    (top / ".gitignore").write_text("drafts/\n", encoding="utf-8")
    (top / ".ignore").write_text("old.txt\n", encoding="utf-8")
    status, out, err = run(capsys, "--show-files", top)
    assert (status, err) == (0, "")
    assert out.splitlines() == [str(top / f"自评表.{s}") for s in ("docx", "md", "pdf", "txt", "xlsx")]


def test_a_repository_gitignore_above_the_folder_applies(tmp_path, capsys, monkeypatch):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("*.草稿.txt\n", encoding="utf-8")
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "a.txt").write_text(NUMBERED, encoding="utf-8")
    (tmp_path / "reports" / "a.草稿.txt").write_text(NUMBERED, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "--show-files", "reports") == (0, "reports/a.txt\n", "")


# --- 6. editors and CI consumers ------------------------------------------------------------------


def _matchers() -> list[dict]:
    tasks = json.loads((ROOT / "editors" / "vscode-tasks.json").read_text(encoding="utf-8"))
    return tasks["tasks"][0]["problemMatcher"]


def test_the_problem_matcher_reads_every_finding_line(tmp_path, capsys, monkeypatch):
    """Every finding — info ones, whole-document ones (a missing section), Word and Excel places —
    is read by the shipped VS Code problem matcher, with its file, severity, rule and position."""
    from .forms import PROJECT, WRITERS

    WRITERS["xlsx"](PROJECT, tmp_path / "自评 表.xlsx")
    (missing,) = (ROOT / "benchmarks" / "quality" / "corpus").glob("034_*.txt")  # a report without its 改进措施
    shutil.copy(missing, tmp_path / "缺少部分.txt")
    status, out, _ = run(capsys, "--format", "concise", "--fail-on", "error", SEEDS, tmp_path)
    lines = out.splitlines()[:-1]
    patterns = [(re.compile(m["pattern"]["regexp"]), m["pattern"]) for m in _matchers()]
    kinds = set()
    for line in lines:
        matched = [(m, spec) for regex, spec in patterns if (m := regex.match(line))]
        assert len(matched) == 1, line
        m, spec = matched[0]
        assert Path(m.group(spec["file"])).exists(), line
        assert m.group(spec["severity"]) in ("error", "warning", "info")
        assert re.fullmatch(r"[A-Z]{3}\d{3}", m.group(spec["code"]))
        kinds.add((m.group(spec["severity"]), "line" in spec))
    assert {("info", True), ("error", False), ("warning", True)} <= kinds


def test_junit_counts_every_test_and_fails_only_at_or_above_fail_on(capsys):
    import junitparser

    _, out, _ = run(capsys, "--format", "junit", "--fail-on", "error", SEEDS)
    root = ET.fromstring(out.encode("utf-8"))
    cases = root.findall("testsuite/testcase")
    assert int(root.get("tests")) == len(cases) == 34 + 1  # 34 findings, one clean seed
    assert int(root.get("failures")) == len([c for c in cases if c.find("failure") is not None]) == 1  # GRD002 in 004
    suites = junitparser.JUnitXml.fromstring(out.encode("utf-8"))
    assert sum(suite.tests for suite in suites) == 35 and sum(suite.failures for suite in suites) == 1


def test_a_run_that_could_not_read_a_file_never_says_no_problems(tmp_path, capsys):
    (tmp_path / "empty.txt").write_bytes(b"")
    clean = tmp_path / "clean.txt"
    clean.write_text("一、基本情况\n\n本单位。\n", encoding="utf-8")
    status, out, err = run(capsys, "--format", "concise", "--select", "NUM", clean, tmp_path / "empty.txt")
    assert status == 2 and err == f"perflint: {tmp_path / 'empty.txt'}: empty file\n"
    assert out == "检查了 1 个文件，其中没有问题；另有 1 个文件无法检查（原因见标准错误输出）。\n"
    status, out, _ = run(capsys, "--format", "concise", "--lang", "en", "--select", "NUM", clean, tmp_path / "empty.txt")
    assert out == "No findings in 1 checked file; 1 file could not be checked (see standard error).\n"


def test_a_stale_baseline_run_says_so_and_exits_1(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("r.txt").write_text(NUMBERED, encoding="utf-8")
    run(capsys, "--write-baseline", "b.json", "--select", "NUM002", "r.txt")
    Path("r.txt").write_text("一、基本情况\n\n二、问题\n", encoding="utf-8")
    status, out, err = run(capsys, "--format", "concise", "--select", "NUM002", "--baseline", "b.json", "r.txt")
    assert status == 1
    assert out == "检查了 1 个文件，其中没有新的问题；基线中有 1 条记录已不再出现，请用 --write-baseline 更新。\n"
    assert err.startswith("perflint: b.json: stale entry, no longer found: r.txt [NUM002]")


# --- 7. the command line ruff users expect ----------------------------------------------------------


def _perflint(*argv, stdin=None, env=None, cwd=ROOT):
    """Bytes in and out: standard input is a report's bytes."""
    return perflint(*argv, input=stdin, env=env, cwd=cwd, text=False)


def test_a_report_from_standard_input_is_named_by_stdin_filename():
    result = _perflint("-", "--stdin-filename", "报告/002.txt", "--format", "concise", stdin=seed_path("002").read_bytes())
    assert result.returncode == 1
    assert result.stdout.decode().splitlines()[0] == "报告/002.txt:5:1: warning: 同一层级序号样式不一致：“1、”，本层其他序号写作“一、”的样式 [NUM004]"
    plain = _perflint("-", "--format", "concise", stdin=seed_path("002").read_bytes())
    assert plain.stdout.decode().startswith("-:5:1: warning:")


def test_a_word_report_from_standard_input(tmp_path):
    from .forms import WRITERS, inject

    form, _ = inject("execution-rate")
    WRITERS["docx"](form, tmp_path / "f.docx")
    result = _perflint("--stdin-filename", "自评表.docx", "--format", "concise", "--select", "EXE001",
                       stdin=(tmp_path / "f.docx").read_bytes())
    assert result.returncode == 1
    assert result.stdout.decode().startswith("自评表.docx:表2第2行")


def test_stdin_takes_the_configuration_of_its_filenames_folder(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / ".perflint.toml").write_text('ignore = ["NUM004"]\n', encoding="utf-8")
    result = _perflint("--stdin-filename", tmp_path / "sub" / "r.txt", "--format", "concise", stdin=seed_path("002").read_bytes())
    assert "[NUM004]" not in result.stdout.decode() and "[NUM001]" in result.stdout.decode()


def test_exit_zero_keeps_the_findings_and_input_errors_still_exit_2(tmp_path, capsys):
    status, out, _ = run(capsys, "--exit-zero", "--format", "concise", seed_path("002"))
    assert status == 0 and out.count("[NUM") == 3
    (tmp_path / "empty.txt").write_bytes(b"")
    assert run(capsys, "--exit-zero", tmp_path / "empty.txt")[0] == 2


def test_quiet_prints_findings_only(capsys, tmp_path):
    status, out, err = run(capsys, "-q", "--format", "concise", seed_path("002"))
    assert status == 1 and len(out.splitlines()) == 4 and all("[" in line for line in out.splitlines())
    status, out, err = run(capsys, "-q", "--format", "concise", seed_path("000"))
    assert (status, out, err) == (0, "", "")
    assert run(capsys, "-q", "--write-baseline", tmp_path / "b.json", seed_path("002")) == (0, "", "")


@pytest.mark.parametrize(
    "argv, env, coloured",
    [
        ([], {}, False),  # piped: never
        ([], {"FORCE_COLOR": "1"}, True),
        ([], {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
        (["--color", "always"], {"NO_COLOR": "1"}, True),
        (["--color", "never"], {"FORCE_COLOR": "1"}, False),
        (["--format", "json"], {"FORCE_COLOR": "1"}, False),  # machine formats are never coloured
    ],
)
def test_colour_follows_the_terminal_and_the_conventions(argv, env, coloured):
    result = _perflint(*argv, seed_path("002"), env=env)
    out = result.stdout.decode()
    assert ("\x1b[" in out) == coloured
    if coloured:
        assert "\x1b[1;33mwarning\x1b[0m" in out and "\x1b[1mNUM004\x1b[0m" in out


def test_colour_in_a_real_terminal():
    """Under a pseudo-terminal perflint colours by itself; NO_COLOR turns it off."""
    import pty

    def in_terminal(env: dict) -> bytes:
        master, slave = pty.openpty()
        process = subprocess.Popen([sys.executable, "-m", "perflint", str(seed_path("002"))], stdin=subprocess.DEVNULL,
                                   stdout=slave, stderr=slave, env={**os.environ, "PYTHONPATH": str(ROOT), "TERM": "xterm", **env})
        os.close(slave)
        chunks = []
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:  # the terminal closed with the process
                break
            if not data:
                break
            chunks.append(data)
        os.close(master)
        assert process.wait(timeout=60) == 1
        return b"".join(chunks)

    assert b"\x1b[1;33mwarning" in in_terminal({})
    assert b"\x1b[" not in in_terminal({"NO_COLOR": "1"})


def test_show_files_lists_what_would_be_linted(capsys):
    status, out, _ = run(capsys, "--show-files", SEEDS)
    assert status == 0 and out.splitlines() == [str(p) for p in sorted(SEEDS.glob("*.txt"))]


@pytest.mark.parametrize(
    "environment, english",
    [
        ({"LANG": "en_US.UTF-8"}, True),
        ({"LC_ALL": "fr_FR.UTF-8"}, True),
        ({"LANG": "zh_CN.UTF-8"}, False),
        ({"LANG": "C.UTF-8"}, False),
        ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_TW.UTF-8"}, False),
        ({"LANG": "zh_CN.UTF-8", "LANGUAGE": "en_GB:zh_CN"}, True),
    ],
)
def test_messages_follow_the_locale_when_lang_is_not_given(capsys, monkeypatch, environment, english):
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    _, out, _ = run(capsys, "--format", "concise", seed_path("002"))
    assert ("numbering style mixed" in out) == english
    _, out, _ = run(capsys, "--format", "concise", "--lang", "zh", seed_path("002"))
    assert "同一层级序号样式不一致" in out


def test_a_configured_language_wins_over_the_locale(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    (tmp_path / ".perflint.toml").write_text('lang = "zh"\n', encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text(NUMBERED, encoding="utf-8")
    _, out, _ = run(capsys, "--format", "concise", report)
    assert "跳号" in out
