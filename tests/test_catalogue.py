"""The catalogue of bad inputs: files, paths, outputs, packs and configurations.

Each case sets up one bad thing and runs perflint in its own process (as a hook
or a CI job would); it must end with its exit status and exactly the one line
on stderr given here: ``perflint: WHAT: WHY``, never a traceback, never a hang.
Where a report is linted beside the bad thing, its findings must still appear.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import ROOT, perflint, seed_path

REPORT = "一、基本情况\n\n三、问题\n"  # one finding (NUM002 at 3:1) with --select NUM002
FOUND = "report.txt:3:1: warning:"


@dataclass
class Case:
    name: str
    setup: Callable[[Path], list[str]]  # makes the bad thing in a folder, returns the arguments
    status: int
    stderr: str  # the one line, with {tmp} for the folder
    lints_report: bool = True  # report.txt is given beside the bad thing and must still be linted


def write(tmp: Path, name: str, data: str | bytes) -> str:
    path = tmp / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return name


def pack(body: str) -> str:
    return "pack: bad\n" + body


RULE = """rules:
  - id: BAD001
    name: bad
    kind: {kind}
    severity: warning
    message: {{zh: "x", en: "x"}}
    options: {options}
    examples: {{bad: ["aaa"], good: ["b"]}}
"""


def rule(kind: str, options: str) -> str:
    return pack(RULE.format(kind=kind, options=options))


def laughs(where: str) -> str:
    lines = ["  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 9):
        lines.append(f"  a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    return pack(f"{where}:\n" + "\n".join(lines) + "\nrules: []\n")


def with_pack(text: str) -> Callable[[Path], list[str]]:
    return lambda tmp: ["--pack", write(tmp, "bad.yaml", text)]


def with_config(name: str, text: str) -> Callable[[Path], list[str]]:
    def setup(tmp: Path) -> list[str]:
        write(tmp, name, text)
        return []

    return setup


def extend_loop(tmp: Path) -> list[str]:
    write(tmp, ".perflint.toml", 'extend = "b.toml"\n')
    write(tmp, "b.toml", 'extend = ".perflint.toml"\n')
    return []


def extend_chain(tmp: Path) -> list[str]:
    for i in range(1500):
        write(tmp, f"c/{i}.toml", f'extend = "{i + 1}.toml"\n' if i < 1499 else "select = [\"NUM\"]\n")
    write(tmp, ".perflint.toml", 'extend = "c/0.toml"\n')
    return []


def fifo(tmp: Path) -> list[str]:
    os.mkfifo(tmp / "pipe.txt")
    return ["pipe.txt"]


def docx_bomb(tmp: Path) -> list[str]:
    with zipfile.ZipFile(tmp / "bomb.docx", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (300 * 1024 * 1024))
    return ["bomb.docx"]


CASES = [
    # --- files and paths
    Case("missing file", lambda tmp: ["nowhere.txt"], 2, "perflint: nowhere.txt: no such file or directory"),
    Case("empty file", lambda tmp: [write(tmp, "empty.txt", b"")], 2, "perflint: empty.txt: empty file"),
    Case("only blanks", lambda tmp: [write(tmp, "blank.txt", " \n\u3000\n")], 2, "perflint: blank.txt: empty file (only whitespace)"),
    Case("binary file", lambda tmp: [write(tmp, "image.txt", b"\x89PNG\r\n\x1a\n\0\0\0")], 2, "perflint: image.txt: binary file (contains NUL bytes)"),
    Case("Word 97-2003 file", lambda tmp: [write(tmp, "old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)], 2,
         "perflint: old.doc: a Word 97-2003, WPS or old Excel file (.doc, .wps, .xls, .et): save it as .docx or .xlsx "
         "(or convert it: soffice --headless --convert-to docx FILE; an Excel or .et file: --convert-to xlsx)"),
    Case("Office file named .txt", lambda tmp: [write(tmp, "form.txt", b"PK\x03\x04" + b"\0" * 64)], 2,
         "perflint: form.txt: a zip archive (an Office file with another suffix?): name a Word file .docx, an Excel file .xlsx"),
    Case("not text in any encoding", lambda tmp: [write(tmp, "latin.txt", b"caf\xe9 \x81\x20\xff")], 2,
         "perflint: latin.txt: not UTF-8, UTF-16 or GB18030 text"),
    Case("bad UTF-16 after its BOM", lambda tmp: [write(tmp, "u16.txt", b"\xff\xfe\x00\xd8")], 2,
         "perflint: u16.txt: invalid utf-16 after its byte-order mark at byte 2"),
    Case("a FIFO", fifo, 2, "perflint: pipe.txt: not a regular file (a pipe, socket or device is not read)"),
    Case("an endless device", lambda tmp: ["/dev/zero"], 2, "perflint: /dev/zero: not a regular file (a pipe, socket or device is not read)"),
    Case("a folder with no reports", lambda tmp: [write(tmp, "scans/page.png", b"\x89PNG") and "scans"], 2,
         "perflint: scans: no reports (*.txt, *.md, *.docx, *.xlsx, *.pdf) in this directory"),
    Case("a .docx that is not a zip", lambda tmp: [write(tmp, "a.docx", b"PK not really")], 2,
         "perflint: a.docx: not a Word .docx file (not a zip archive)"),
    Case("a .docx zip bomb", docx_bomb, 2, "perflint: bomb.docx: refusing a .docx that inflates to 314572800 bytes (limit 209715200): a zip bomb?"),
    Case("an .xlsx that is text", lambda tmp: [write(tmp, "a.xlsx", "名称,金额\n")], 2,
         "perflint: a.xlsx: not an Excel .xlsx file (not a zip archive)"),
    Case("a truncated PDF", lambda tmp: [write(tmp, "a.pdf", b"%PDF-1.4\n1 0 obj\n")], 2,
         "perflint: a.pdf: cannot read this .pdf file: PdfminerException: Unexpected EOF"),
    # --- outputs
    Case("output in a missing folder", lambda tmp: ["-o", "missing/out.txt"], 2, "perflint: missing/out.txt: no such directory missing"),
    Case("output onto a folder", lambda tmp: [write(tmp, "out/keep.md", "x") and "-o", "out"], 2, "perflint: out: is a directory"),
    Case("output where nothing can be created", lambda tmp: ["-o", "/proc/perflint-out.txt"], 2,
         "perflint: /proc/perflint-out.txt: cannot write: No such file or directory"),
    Case("output onto an input", lambda tmp: ["-o", "report.txt"], 2,
         "perflint: report.txt: --output-file names a file being linted; refusing to overwrite it", lints_report=True),
    Case("baseline missing", lambda tmp: ["--baseline", "none.json"], 2, "perflint: none.json: no such baseline file", lints_report=False),
    Case("baseline not JSON", lambda tmp: ["--baseline", write(tmp, "b.json", "{entries")], 2,
         "perflint: b.json: not a perflint baseline: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)", lints_report=False),
    Case("baseline with a wrong-typed count", lambda tmp: ["--baseline", write(tmp, "b.json",
         '{"version": 1, "entries": [{"rule": "NUM002", "path": "report.txt", "section": "", "text": "三、", "count": "2"}]}')], 2,
         "perflint: b.json: entry 0: 'count' must be a whole number", lints_report=False),
    Case("baseline with an entry that is a list", lambda tmp: ["--baseline", write(tmp, "b.json", '{"version": 1, "entries": [[1, 2]]}')], 2,
         "perflint: b.json: entry 0: needs rule, path, section, text and count", lints_report=False),
    Case("baseline nested 20,000 deep", lambda tmp: ["--baseline", write(tmp, "b.json", "[" * 20000 + "]" * 20000)], 2,
         "perflint: b.json: not a perflint baseline: maximum recursion depth exceeded while decoding a JSON array from a unicode string", lints_report=False),
    Case("baseline written into a missing folder", lambda tmp: ["--write-baseline", "no/base.json"], 2,
         "perflint: no/base.json: cannot lock its folder: No such file or directory"),
    # --- packs
    Case("pack missing", lambda tmp: ["--pack", "none.yaml"], 2,
         "perflint: none.yaml: no such rule pack", lints_report=False),
    Case("pack billion laughs in labels", with_pack(laughs("labels")), 2,
         "perflint: bad.yaml: YAML expands to more than 200000 values (aliases that multiply?)", lints_report=False),
    Case("pack billion laughs in options", with_pack(rule("pattern", "{patterns: [{literal: x}], x: *a8}").replace(
        "rules:", "anchors:\n" + "\n".join(laughs("z").splitlines()[2:-1]) + "\nrules:")), 2,
         "perflint: bad.yaml: YAML expands to more than 200000 values (aliases that multiply?)", lints_report=False),
    Case("pack nested 20,000 deep", with_pack(pack("labels: " + "[" * 20000 + "]" * 20000 + "\nrules: []\n")), 2,
         "perflint: bad.yaml: YAML nested more than 64 levels deep", lints_report=False),
    Case("pack replacement names a missing group", with_pack(rule("pattern", "{patterns: [{regex: 'a(b)', replace: '\\9'}]}")), 2,
         "perflint: bad.yaml: rule BAD001: $.rules[0].options: replacement '\\\\9' refers to group 9, but the pattern has 1",
         lints_report=False),
    Case("pack relation of 20,000 terms", with_pack(rule("ratio", "{relation: '执行率 = " + " + ".join(["执行数"] * 20000) + "'}")), 2,
         "perflint: bad.yaml: rule BAD001: $.rules[0].options: relation longer than 300 characters", lints_report=False),
    Case("pack relation with a 600,000-digit literal", with_pack(rule("ratio", "{relation: '执行率 = 执行数 / 预算数 × " + "9" * 600_000 + "'}")), 2,
         "perflint: bad.yaml: rule BAD001: $.rules[0].options: relation longer than 300 characters", lints_report=False),
    Case("pack relation with a 25-digit literal", with_pack(rule("ratio", "{relation: '执行率 = 执行数 / 预算数 × " + "9" * 25 + "'}")), 2,
         "perflint: bad.yaml: rule BAD001: $.rules[0].options: a number in the relation is longer than 20 digits", lints_report=False),
    Case("pack pattern literal of 600,000 characters", with_pack(rule("pattern", "{patterns: [{literal: '" + "9" * 600_000 + "'}]}")), 2,
         "perflint: bad.yaml: rule BAD001: $.rules[0].options: pattern longer than 2000 characters", lints_report=False),
    Case("pack regex that backtracks: (a|a)*$", with_pack(rule("pattern", "{patterns: [{regex: '(a|a)*$'}]}")), 2,
         "perflint: bad.yaml: rule BAD001: $.rules[0].options: '(a|a)*$' backtracks catastrophically: a search of 33 characters took more than 50 ms",
         lints_report=False),
    Case("pack regex with a repeat in a repeat", with_pack(rule("pattern", "{patterns: [{regex: '((.{0,100}){0,100}){0,100}x'}]}")), 2,
         "perflint: bad.yaml: rule BAD001: $.rules[0].options: nested repetition in '((.{0,100}){0,100}){0,100}x' can backtrack catastrophically",
         lints_report=False),
    Case("pack regex with a backreference", with_pack(rule("pattern", "{patterns: [{regex: '(.)\\1'}]}")), 2,
         "perflint: bad.yaml: rule BAD001: $.rules[0].options: backreference in '(.)\\\\1' is not allowed", lints_report=False),
    # --- configurations
    Case("config not TOML", with_config(".perflint.toml", "select = [\n"), 2,
         "perflint: report.txt: not linted: {tmp}/.perflint.toml: invalid TOML: Invalid value (at end of document)", lints_report=False),
    Case("config nested 5,000 deep", with_config(".perflint.toml", "select = " + "[" * 5000 + "]" * 5000 + "\n"), 2,
         "perflint: report.txt: not linted: {tmp}/.perflint.toml: invalid TOML: nested too deeply", lints_report=False),
    Case("pyproject naming us nested 5,000 deep", with_config("pyproject.toml", "[tool.perflint]\nx = " + "[" * 5000 + "]" * 5000 + "\n"), 2,
         "perflint: report.txt: not linted: {tmp}/pyproject.toml: invalid TOML: nested too deeply", lints_report=False),
    Case("extend chain of 1,500 files", extend_chain, 2,
         "perflint: report.txt: not linted: {tmp}/.perflint.toml: 'extend' chains more than 32 files", lints_report=False),
    Case("extend loop", extend_loop, 2,
         "perflint: report.txt: not linted: {tmp}/.perflint.toml: 'extend' loops: {tmp}/.perflint.toml -> {tmp}/b.toml -> {tmp}/.perflint.toml",
         lints_report=False),
    Case("config key unknown", with_config(".perflint.toml", "selectt = [\"NUM\"]\n"), 2,
         "perflint: report.txt: not linted: {tmp}/.perflint.toml: key 'selectt': Additional properties are not allowed ('selectt' was unexpected)",
         lints_report=False),
    Case("config selector typo", with_config(".perflint.toml", "select = [\"NMU\"]\n"), 2,
         "perflint: report.txt: not linted: {tmp}/.perflint.toml: select: 'NMU' is not a rule id, prefix or name; did you mean NUM?",
         lints_report=False),
    Case("config severity of an unknown rule", with_config(".perflint.toml", "[severity]\nNUM999 = \"info\"\n"), 2,
         "perflint: report.txt: not linted: {tmp}/.perflint.toml: severity: 'NUM999' is not a rule id or name; the NUM rules are NUM001, NUM002, NUM003, NUM004, NUM005",
         lints_report=False),
    Case("command-line selector typo", lambda tmp: ["--ignore", "conversion-debri"], 2,
         "perflint: --ignore: 'conversion-debri' is not a rule id, prefix or name; did you mean conversion-debris?", lints_report=False),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input(case, tmp_path):
    (tmp_path / "report.txt").write_text(REPORT, encoding="utf-8")
    args = case.setup(tmp_path)
    result = perflint("--format", "concise", "--select", "NUM002", *args, "report.txt", cwd=tmp_path)
    assert result.returncode == case.status
    assert result.stderr == case.stderr.replace("{tmp}", str(tmp_path)) + "\n"
    if case.lints_report and "-o" not in args and "--write-baseline" not in args:
        assert result.stdout.startswith(FOUND)
    assert "未发现问题" not in result.stdout


def test_a_folder_that_cannot_be_entered_is_named_and_the_walk_goes_on(tmp_path, capsys, monkeypatch):
    from perflint.cli.main import main

    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "report.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "hidden.txt").write_text(REPORT, encoding="utf-8")
    real = os.scandir

    def scandir(path="."):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)  # root can enter any folder: refuse one as a user's chmod 000 would
    status = main(["--format", "concise", "--select", "NUM002", str(tmp_path)])
    out, err = capsys.readouterr()
    assert status == 2
    assert err == f"perflint: {tmp_path / 'locked'}: cannot enter this directory: Permission denied\n"
    assert out.startswith(f"{tmp_path / 'a' / 'report.txt'}:3:1: warning:")


def test_a_full_standard_output_is_one_line_and_exit_2(tmp_path):
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "perflint", str(seed_path("002"))], stdout=full, stderr=subprocess.PIPE,
                                text=True, timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert (result.returncode, result.stderr) == (2, "perflint: cannot write to standard output: No space left on device\n")


def test_somebody_elses_broken_pyproject_above_is_not_ours_to_report(tmp_path):
    (tmp_path / "pyproject.toml").write_text("tool = 5\n", encoding="utf-8")
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "report.txt").write_text(REPORT, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "perflint", "--format", "concise", "--select", "NUM002", "reports/report.txt"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout.startswith("reports/report.txt:3:1: warning:")
