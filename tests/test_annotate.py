"""--annotate: findings as Word comments on the exact text, read back by python-docx and opened
by LibreOffice; the original untouched, formatting and existing comments kept."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from .conftest import SEEDS, perflint

docx = pytest.importorskip("docx")
ROOT = Path(__file__).resolve().parent.parent
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_libreoffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (Debian: apt install libreoffice-writer-nogui); "
                                       "the annotated copy is tested by opening it in LibreOffice, and .ci/run installs it where it can")


def seed_as_word(seed: Path, target: Path) -> list[str]:
    """The seed as a Word file, a paragraph per line, each paragraph in runs of seven characters,
    every other one bold (so comments must split runs and keep their formatting)."""
    lines = seed.read_text(encoding="utf-8").split("\n")
    document = docx.Document()
    for line in lines:
        paragraph = document.add_paragraph()
        for i in range(0, len(line), 7):
            paragraph.add_run(line[i:i + 7]).bold = (i // 7) % 2 == 1
    document.save(target)
    return lines


def anchored(path: Path) -> dict[str, tuple[str, str, str]]:
    """comment id → (text between its range marks, author, comment text)."""
    document = docx.Document(path)
    active: dict[str, list[str]] = {}
    texts: dict[str, str] = {}
    for el in document.element.body.iter():
        if el.tag == f"{W}commentRangeStart":
            active[el.get(f"{W}id")] = []
        elif el.tag == f"{W}commentRangeEnd":
            texts[el.get(f"{W}id")] = "".join(active.pop(el.get(f"{W}id")))
        elif el.tag == f"{W}t":
            for parts in active.values():
                parts.append(el.text or "")
    return {str(c.comment_id): (texts.get(str(c.comment_id), ""), c.author, c.text) for c in document.comments}


def bold_map(path: Path) -> list[str]:
    """Per paragraph, which characters are bold (B) or not (.)."""
    return ["".join(("B" if r.bold else ".") * len(r.text) for r in p.runs) for p in docx.Document(path).paragraphs]


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_every_finding_is_a_comment_on_its_text(tmp_path: Path, seed: Path):
    original = tmp_path / "报告.docx"
    lines = seed_as_word(seed, original)
    before = original.read_bytes()
    result = perflint("--annotate", "--format", "json", "报告.docx", cwd=tmp_path)
    findings = json.loads(result.stdout)["findings"]
    copy = tmp_path / "报告.perflint.docx"
    assert f"perflint: wrote 报告.perflint.docx ({len(findings)} comment" in result.stderr
    assert original.read_bytes() == before  # the original is only read
    comments = anchored(copy)
    assert len(comments) == len(findings)  # seed 000 has none: a copy with no comment
    by_text = sorted(comments.values(), key=lambda c: c[2])
    expected = []
    for f in findings:
        if f["line"] is None:
            text = next(line for line in lines if line.strip())  # on the title
        else:
            line = lines[f["line"] - 1]
            end = f["end_column"] - 1 if f["end_line"] == f["line"] else len(line)
            text = line[f["column"] - 1:max(end, f["column"])]
        expected.append((text, "perflint", f"[{f['rule']}] {f['message']}"))
    assert sorted(expected, key=lambda c: c[2]) == [(t, a, c.split("\n")[0]) for t, a, c in by_text]
    # the text and its formatting are as they were: runs split, never changed
    assert [p.text for p in docx.Document(copy).paragraphs] == [p.text for p in docx.Document(original).paragraphs]
    assert bold_map(copy) == bold_map(original)


def test_a_form_gets_its_comments_on_the_cells(tmp_path: Path):
    shutil.copy(ROOT / "examples" / "项目支出绩效自评表.docx", tmp_path / "表.docx")
    perflint("--annotate", "--annotate-dir", "out", "表.docx", cwd=tmp_path)  # a missing folder: refused, nothing written
    assert not (tmp_path / "out").exists()
    (tmp_path / "out").mkdir()
    result = perflint("--annotate", "--annotate-dir", "out", "表.docx", cwd=tmp_path)
    assert "perflint: wrote out/表.perflint.docx (2 comments)" in result.stderr
    comments = sorted(anchored(tmp_path / "out" / "表.perflint.docx").values())
    assert [(t, a) for t, a, _ in comments] == [("10", "perflint"), ("93.35%", "perflint")]
    assert comments[1][2].startswith("[EXE001] 执行率写为 93.35%，按 251.89 ÷ 251.89 × 100 = 100.00% 计算不符\n参见 第 4 行：执行数 251.89")


def test_existing_comments_and_the_rest_survive(tmp_path: Path):
    document = docx.Document()
    title = document.add_paragraph("2023年度项目支出绩效自评报告")
    paragraph = document.add_paragraph("依据财预[2020]10号文件开展绩效自评。")
    document.add_comment(paragraph.runs, text="请核对文号", author="审核人", initials="SH")
    document.sections[0].header.paragraphs[0].text = "内部资料"
    document.add_table(rows=1, cols=2).rows[0].cells[0].text = "项目名称"
    del title
    document.save(tmp_path / "r.docx")
    perflint("--annotate", "r.docx", cwd=tmp_path)
    copy = tmp_path / "r.perflint.docx"
    authors = sorted(a for _, a, _ in anchored(copy).values())
    assert authors[0] == "perflint" and "审核人" in authors
    reopened = docx.Document(copy)
    assert reopened.sections[0].header.paragraphs[0].text == "内部资料"
    assert reopened.tables[0].rows[0].cells[0].text == "项目名称"
    with zipfile.ZipFile(tmp_path / "r.docx") as before, zipfile.ZipFile(copy) as after:
        assert set(before.namelist()) <= set(after.namelist())


def test_annotated_copies_are_not_linted_as_reports(tmp_path: Path):
    shutil.copy(ROOT / "examples" / "项目支出绩效自评表.docx", tmp_path / "表.docx")
    perflint("--annotate", ".", cwd=tmp_path)
    assert perflint("--show-files", ".", cwd=tmp_path).stdout == "表.docx\n"


def test_text_reports_are_not_annotated(tmp_path: Path):
    shutil.copy(SEEDS / "002_84a1d662e5590cf1.txt", tmp_path / "r.txt")
    result = perflint("--annotate", "r.txt", cwd=tmp_path)
    assert "--annotate: no Word (.docx) reports among the files linted" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.txt"]


@needs_libreoffice
def test_libreoffice_opens_the_copy_with_every_comment(tmp_path: Path):
    seed_as_word(SEEDS / "004_2b2e1b422b826717.txt", tmp_path / "报告.docx")
    shutil.copy(ROOT / "examples" / "项目支出绩效自评表.docx", tmp_path / "表.docx")
    findings = json.loads(perflint("--annotate", "--format", "json", "报告.docx", "表.docx", cwd=tmp_path).stdout)["findings"]
    profile = tmp_path / "lo-profile"
    for name in ("报告", "表"):
        subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "fodt", "--outdir",
                        str(tmp_path / "lo"), str(tmp_path / f"{name}.perflint.docx")], check=True, capture_output=True, timeout=180)
        flat = (tmp_path / "lo" / f"{name}.perflint.fodt").read_text(encoding="utf-8")
        annotations = re.findall(r"<office:annotation\b(.*?)</office:annotation>", flat, re.S)
        mine = [f for f in findings if f["path"] == f"{name}.docx"]
        assert len(annotations) == len(mine) > 0
        assert all("<dc:creator>perflint</dc:creator>" in a for a in annotations)
        for f in mine:
            assert any(f"[{f['rule']}]" in a for a in annotations), f["rule"]
        # each comment spans its text: LibreOffice pairs a named annotation with its end mark
        assert len(re.findall(r"<office:annotation-end\b", flat)) == len(mine)
    # and it prints: the copy converts to PDF, the comments as PDF annotations
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
                    'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}', "--outdir", str(tmp_path / "pdf"),
                    str(tmp_path / "表.perflint.docx")], check=True, capture_output=True, timeout=180)
    pdf = (tmp_path / "pdf" / "表.perflint.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Subtype/Text") + pdf.count(b"/Subtype /Text") == 2


@pytest.mark.parametrize("name", ["002_84a1d662e5590cf1", "004_2b2e1b422b826717"])
def test_fix_with_annotate_makes_tracked_changes(tmp_path: Path, name: str):
    lines = seed_as_word(SEEDS / f"{name}.txt", tmp_path / "报告.docx")
    before = (tmp_path / "报告.docx").read_bytes()
    result = perflint("--annotate", "--fix", "-q", "报告.docx", cwd=tmp_path)
    assert (tmp_path / "报告.docx").read_bytes() == before  # never silently: the original stays
    copy = docx.Document(tmp_path / "报告.perflint.docx")
    changes = list(copy.element.body.iter(f"{W}del", f"{W}ins"))
    assert changes and all(c.get(f"{W}author") == "perflint" for c in changes)
    # accepting every change gives what --fix makes of the same text file
    shutil.copy(SEEDS / f"{name}.txt", tmp_path / "r.txt")
    perflint("--fix", "r.txt", cwd=tmp_path)
    fixed = (tmp_path / "r.txt").read_text(encoding="utf-8").split("\n")
    accepted = ["".join(t.text or "" for t in p._p.iter(f"{W}t")) for p in copy.paragraphs]
    assert accepted == fixed != lines
    # rejecting them gives the original back
    rejected = ["".join(t.text or "" for t in p._p.iter(f"{W}t", f"{W}delText") if t.getparent().getparent().tag != f"{W}ins")
                for p in copy.paragraphs]
    assert rejected == lines
    del result


def test_fix_on_a_word_file_alone_changes_nothing(tmp_path: Path):
    seed_as_word(SEEDS / "002_84a1d662e5590cf1.txt", tmp_path / "报告.docx")
    before = (tmp_path / "报告.docx").read_bytes()
    result = perflint("--fix", "报告.docx", cwd=tmp_path)
    assert "报告.docx: not fixed in place: with --annotate, the fixes are tracked changes in the annotated copy" in result.stderr
    assert (tmp_path / "报告.docx").read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["报告.docx"]


@needs_libreoffice
def test_libreoffice_shows_the_tracked_changes(tmp_path: Path):
    seed_as_word(SEEDS / "004_2b2e1b422b826717.txt", tmp_path / "报告.docx")
    result = perflint("--annotate", "--fix", "--format", "concise", "报告.docx", cwd=tmp_path)
    assert "perflint: wrote 报告.perflint.docx (16 comments, 7 tracked changes)" in result.stderr
    subprocess.run([SOFFICE, f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}", "--headless", "--convert-to", "fodt",
                    "--outdir", str(tmp_path / "lo"), str(tmp_path / "报告.perflint.docx")], check=True, capture_output=True, timeout=180)
    flat = (tmp_path / "lo" / "报告.perflint.fodt").read_text(encoding="utf-8")
    regions = re.findall(r"<text:changed-region\b.*?</text:changed-region>", flat, re.S)
    # a replacement is a deletion and an insertion: 6 replacements and the doubled 是 deleted
    assert len([r for r in regions if "<text:deletion>" in r]) == 7
    assert len([r for r in regions if "<text:insertion>" in r]) == 6
    assert all("<dc:creator>perflint</dc:creator>" in r for r in regions)


def test_a_fix_after_text_moved_away_changes_the_right_characters(tmp_path: Path):
    """Text moved away with changes tracked (w:moveFrom keeps it in w:t) is not read, and the
    runs it sits in are not counted either: the tracked fix lands on the typo, not before it."""
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = docx.Document()
    document.add_paragraph("2023年度某局部门整体支出绩效自评报告")
    document.add_paragraph("一、基本情况")
    p = document.add_paragraph()
    p._p.append(parse_xml(f'<w:moveFrom {w} w:id="1" w:author="审核人"><w:r><w:t>此前写在这里的一句。</w:t></w:r></w:moveFrom>'))
    p._p.append(parse_xml(f"<w:r {w}><w:t>局党组落实全面从严治党主题责任清单。</w:t></w:r>"))
    document.save(str(tmp_path / "报告.docx"))
    perflint("--annotate", "--fix", "--unsafe-fixes", "--select", "TXT", "-q", "报告.docx", cwd=tmp_path)
    copy = docx.Document(tmp_path / "报告.perflint.docx")
    paragraph = copy.paragraphs[2]._p
    deleted = "".join(t.text for d in paragraph.iter(f"{W}del") for t in d.iter(f"{W}delText"))
    inserted = "".join(t.text for i in paragraph.iter(f"{W}ins") for t in i.iter(f"{W}t"))
    moved = "".join(t.text for m in paragraph.iter(f"{W}moveFrom") for t in m.iter(f"{W}t"))
    assert (deleted, inserted, moved) == ("主题责任", "主体责任", "此前写在这里的一句。")
