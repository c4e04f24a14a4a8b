"""Forms as data in every format: a correct 自评表 and 评分表 are silent; one injected defect
of each class is reported at its row, in .md, tab-separated .txt, .docx, .xlsx and .pdf.

The forms (tests/forms.py) carry real rows of the corpus forms; the files are
written at test time with the libraries a writer uses (python-docx, openpyxl,
reportlab), then read by perflint's own readers.
"""

from __future__ import annotations

import copy
import json

import pytest

from perflint.cli.main import main

from . import forms

FORMATS = ["md", "txt", "docx", "xlsx", "pdf"]
FORM_RULES = "TBL,SUM,EXE,TGT,GRD,RNG,OBL,TXT002"


def _lint(path, capsys):
    status = main(["--format", "json", "--select", FORM_RULES, str(path)])
    out = json.loads(capsys.readouterr().out)
    return status, out["findings"], out["documents"]


def _write(form, fmt, tmp_path, name="form"):
    path = tmp_path / f"{name}.{fmt}"
    forms.WRITERS[fmt](form, path)
    return path


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("which", ["PROJECT", "DEPARTMENT"])
def test_a_correct_form_is_silent(which, fmt, tmp_path, capsys):
    path = _write(getattr(forms, which), fmt, tmp_path)
    status, findings, documents = _lint(path, capsys)
    assert findings == [], findings
    assert status == 0
    assert documents[0]["shape"] == "form"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", sorted(forms.DEFECTS))
def test_an_injected_defect_is_reported_at_its_row(name, fmt, tmp_path, capsys):
    form, defect = forms.inject(name)
    path = _write(form, fmt, tmp_path)
    status, findings, _ = _lint(path, capsys)
    hits = [f for f in findings if f["rule"] == defect.rule]
    assert hits, (defect.rule, [(f["rule"], f["message"]) for f in findings])
    assert status == 1
    from perflint.read.documents import read_source

    source = read_source(str(path))
    lines = [source.line_text(f["line"]) for f in hits]
    assert any(defect.key in line for line in lines), lines


def test_xlsx_findings_name_the_sheet_and_cell(tmp_path, capsys):
    form, _ = forms.inject("score-beyond-weight")
    path = _write(form, "xlsx", tmp_path)
    main(["--format", "concise", "--select", "TBL003", str(path)])
    out = capsys.readouterr().out
    # row 1 the title, 2 项目名称, 4-8 the funds block, 10 the indicator header: 职工满意度 is row 14, 得分 column G
    assert f"{path}:自评表!G14: error:" in out


def test_docx_findings_name_the_table_row_and_cell(tmp_path, capsys):
    form, _ = forms.inject("score-beyond-weight")
    path = _write(form, "docx", tmp_path)
    main(["--format", "concise", "--select", "TBL003", str(path)])
    assert f"{path}:表3第5行第7列: error:" in capsys.readouterr().out


def test_docx_paragraph_findings_name_the_paragraph(tmp_path, capsys):
    form, _ = forms.inject("grade")
    path = _write(form, "docx", tmp_path)
    main(["--format", "concise", "--lang", "en", "--select", "GRD001", str(path)])
    assert f"{path}:paragraph 2: error:" in capsys.readouterr().out  # the title is paragraph 1


def test_a_form_over_two_pages_with_its_header_repeated_is_one_table(tmp_path, capsys):
    # the header row printed atop the second page began a second table: 产出指标 (36 points)
    # then summed to its first page's 18 rows (a false TBL004)
    form = forms.long_project()
    forms.write_pdf(form, tmp_path / "long.pdf", repeat_header=True)
    import pdfplumber

    with pdfplumber.open(str(tmp_path / "long.pdf")) as pdf:
        assert len(pdf.pages) == 2
    status, findings, _ = _lint(tmp_path / "long.pdf", capsys)
    assert (status, findings) == (0, [])
    # two forms under one header stay two: the second begins after the first one's total
    two = forms.long_project()
    two.tables = [*two.tables, copy.deepcopy(two.tables[2])]
    two.tables[-1][1][6] = "0"  # a defect in the second form only
    path = _write(two, "md", tmp_path, "two")
    status, findings, _ = _lint(path, capsys)
    second = path.read_text(encoding="utf-8").split("\n").index(next(
        line for line in reversed(path.read_text(encoding="utf-8").split("\n")) if "一级指标" in line)) + 1
    assert findings and all(f["line"] > second for f in findings), findings  # in the second form, where the 0 is
    assert "TBL004" in {f["rule"] for f in findings}


@pytest.mark.parametrize("name", [None, *sorted(forms.DEFECTS)])
def test_a_pdf_form_drawn_without_rules_is_read_as_a_table(name, tmp_path, capsys):
    # no ruling lines, so pdfplumber finds no table: the cells stand apart on each line, and
    # the reader sets them tab-separated; read as prose, the form's score was not found (GRD002)
    form, defect = forms.inject(name) if name else (forms.PROJECT, None)
    path = tmp_path / "form.pdf"
    forms.write_pdf(form, path, rules=False)
    status, findings, _ = _lint(path, capsys)
    if defect is None:
        assert (status, findings) == (0, []), findings
        return
    hits = [f for f in findings if f["rule"] == defect.rule]
    assert hits, (defect.rule, [(f["rule"], f["message"]) for f in findings])
    from perflint.read.documents import read_source

    source = read_source(str(path))
    assert any(defect.key in source.line_text(f["line"]) for f in hits)
