"""Word and PDF reports, built from seed text at test time; hostile files refused."""

from __future__ import annotations

import zipfile

import pytest

from perflint.cli.main import main

from .conftest import seed_text

SEED_002 = seed_text("002").split("\n")


def _docx(path, lines):
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "舆情日报数量"
    table.rows[0].cells[1].text = "\\geq 200期"
    document.save(str(path))


def _pdf(path, pages):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path))
    for lines in pages:
        c.setFont("STSong-Light", 10)
        y = 800
        for line in lines:
            c.drawString(30, y, line)
            y -= 14
        c.showPage()
    c.save()


def findings(capsys, path, *args):
    import json

    status = main(["--format", "json", *args, str(path)])
    return status, json.loads(capsys.readouterr().out)["findings"]


def test_docx_lines_are_paragraphs(tmp_path, capsys):
    path = tmp_path / "report.docx"
    _docx(path, SEED_002)
    status, found = findings(capsys, path, "--select", "TXT001,NUM004")
    assert status == 1
    # paragraph 8 holds the bookmark debris; the table row after the text holds \geq
    assert [(f["line"], f["rule"]) for f in found] == [(5, "NUM004"), (8, "TXT001"), (36, "NUM004"), (len(SEED_002) + 1, "TXT001")]


def test_pdf_positions_carry_their_page(tmp_path, capsys):
    path = tmp_path / "report.pdf"
    _pdf(path, [["2024年永州市零陵区文学艺术界联合会", "绩效报告", "一、基本情况", "[bookmark: _GoBack]（1）主要职责："],
                ["二、绩效目标", "1、舆情日报数量 \\geq 200期；"]])
    status, found = findings(capsys, path, "--select", "TXT001")
    assert status == 1
    assert [(f["line"], f["page"]) for f in found] == [(4, 1), (7, 2)]


def test_zip_bomb_docx_is_refused_before_inflating(tmp_path, capsys):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (210 * 1024 * 1024))
    status = main([str(path)])
    assert status == 2
    err = capsys.readouterr().err
    assert "bomb.docx" in err and "zip bomb" in err and err.count("\n") == 1


def test_not_a_docx(tmp_path, capsys):
    path = tmp_path / "fake.docx"
    path.write_bytes(b"this is not a zip file at all")
    assert main([str(path)]) == 2
    assert "not a Word .docx" in capsys.readouterr().err


def test_broken_pdf_is_an_input_error(tmp_path, capsys):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF")
    assert main([str(path)]) == 2
    err = capsys.readouterr().err
    assert "broken.pdf" in err and "Traceback" not in err


def test_pdf_with_too_many_pages_is_refused(tmp_path, capsys, monkeypatch):
    import perflint.read.documents as documents

    monkeypatch.setattr(documents, "MAX_PAGES", 1)
    path = tmp_path / "long.pdf"
    _pdf(path, [["一、基本情况"], ["二、综合评价分析"]])
    assert main([str(path)]) == 2
    assert "2 pages" in capsys.readouterr().err


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_empty_document_files(tmp_path, capsys, suffix):
    path = tmp_path / f"empty{suffix}"
    path.write_bytes(b"")
    assert main([str(path)]) == 2
    assert "empty file" in capsys.readouterr().err


def test_the_readers_are_installed_with_perflint():
    # `pip install perflint-cn` reads Word, Excel and PDF: the readers are dependencies, not extras
    from importlib.metadata import requires

    required = {r.split(">")[0].split("[")[0].strip() for r in requires("perflint-cn") or () if "extra ==" not in r}
    assert {"python-docx", "openpyxl", "pdfplumber"} <= required


def _pdf_prose(path, text: str, indent: bool = True, header: str = "") -> None:
    """A report set as PDF the way Word or WPS prints it: justified paragraphs, wrapped by
    the layout, first lines indented by two characters (GB/T 9704), across pages; with a
    ``header``, that atop every page and the page's number in its footer."""
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("zh", fontName="STSong-Light", fontSize=12, leading=18, alignment=TA_JUSTIFY,
                           firstLineIndent=24 if indent else 0, wordWrap="CJK")
    escape = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
    story = [Paragraph(line.strip().translate(escape), style) for line in text.split("\n") if line.strip()]

    def furniture(canvas, document):  # noqa: ANN001, ARG001 - a running header and a page footer
        if header:
            canvas.setFont("STSong-Light", 9)
            canvas.drawCentredString(A4[0] / 2, A4[1] - 40, header)
            canvas.drawCentredString(A4[0] / 2, 30, f"- {canvas.getPageNumber()} -")

    SimpleDocTemplate(str(path), pagesize=A4).build(story, onFirstPage=furniture, onLaterPages=furniture)


def _as_found(found) -> list[tuple[str, str]]:  # noqa: ANN001
    """Findings without where they are: a PDF's lines are not the text file's."""
    import re

    return sorted((f["rule"], re.sub(r"第 \d+ 行", "", f["message"])) for f in found)


def test_pdf_paragraphs_wrapped_by_the_layout_are_read_whole(tmp_path, capsys):
    # seeds 003 and 004 set as PDF: each paragraph wrapped over several lines, some ending
    # on 。 or ；, across pages, with and without a running header and page numbers.  Read
    # line by line, 004's copied paragraph was eight copied sentences (REP002) and 003
    # gained a wrong sum and headings cut from their paragraphs
    for prefix in ("003", "004"):
        text = tmp_path / f"{prefix}.txt"
        text.write_text(seed_text(prefix), encoding="utf-8")
        _, from_text = findings(capsys, text)
        for header in ("", "2021年度部门整体支出绩效自评报告", "中国人民政治协商会议广州市荔湾区委员会"):
            _pdf_prose(tmp_path / f"{prefix}.pdf", seed_text(prefix), header=header)
            _, from_pdf = findings(capsys, tmp_path / f"{prefix}.pdf")
            assert _as_found(from_pdf) == _as_found(from_text), (prefix, header)


def test_pdf_rows_of_a_table_without_rules_are_not_joined(tmp_path, capsys):
    # a form printed without cell borders: each row spreads its cells to the right margin
    # with wide gaps; rows are rows, however far they reach (seed 003's paragraphs above
    # give the page its text block)
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("zh", fontName="STSong-Light", fontSize=12, leading=18, wordWrap="CJK")
    prose = [Paragraph(line, style) for line in seed_text("003").split("\n")[6:20] if line.strip()]
    rows = [["产出指标", "数量指标", "发放覆盖率", "=100%", "100%", "30", "30"],
            ["效益指标", "社会效益指标", "足额保障率", "=100%", "100%", "30", "30"]]
    grid = Table(rows, colWidths=[80, 80, 95, 50, 50, 48, 48])  # the frame's full width
    grid.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), "STSong-Light", 12), ("ALIGN", (-1, 0), (-1, -1), "RIGHT")]))
    path = tmp_path / "form.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build([*prose, grid])
    from perflint.read.documents import read_document_file

    lines = read_document_file(str(path)).text.split("\n")
    assert [line.split()[0] for line in lines if line.startswith(("产出指标", "效益指标"))] == ["产出指标", "效益指标"]


def _line(text: str, top: float, x0: float = 78.0, char: float = 12.0) -> dict:
    """A text line as pdfplumber gives it: its characters side by side from x0."""
    chars = [{"text": c, "x0": x0 + k * char, "x1": x0 + (k + 1) * char, "top": top, "bottom": top + char}
             for k, c in enumerate(text)]
    return {"text": text, "x0": x0, "x1": x0 + len(text) * char, "top": top, "bottom": top + char, "chars": chars}


def test_a_paragraph_that_a_page_ends_on_a_full_stop_goes_on_across_the_header_and_footer():
    # the page ends on a full line that happens to end with 。; the next page opens with the
    # running header, then the paragraph's next line (not indented): one paragraph
    from perflint.read.documents import _Layout, _paragraphs, _without_furniture

    full = "整合文史资源聚人心。秉承以史育人、以史资政理念，征集文史资料稿件"  # 32 characters: the full width
    page1 = [_line("中国人民政治协商会议广州市荔湾区委员会", 40, x0=150), _line("（三）文史工作", 80, x0=102),
             _line("近年来" + full[3:], 100, x0=102), _line(full, 118), _line(full[:-2] + "。。", 136), _line("- 1 -", 800, x0=280)]
    page2 = [_line("中国人民政治协商会议广州市荔湾区委员会", 40, x0=150), _line("编辑出版文史资料5辑。", 80),
             _line("（四）宣传工作", 100, x0=102), _line("- 2 -", 800, x0=280)]
    pages = _without_furniture([(page1, []), (page2, [])])
    layout = _Layout([ln for lines, _ in pages for ln in lines])
    lines = [(text, origin.page) for text, origin in _paragraphs(pages, layout)]
    assert lines == [("（三）文史工作", 1), ("近年来" + full[3:] + full + full[:-2] + "。。" + "编辑出版文史资料5辑。", 1),
                     ("", 2), ("（四）宣传工作", 2)]


def test_an_xlsx_formula_never_computed_is_shown_not_taken_for_a_blank(tmp_path, capsys):
    # a 自评表 written by a program (openpyxl, an export): its formulas carry no value until
    # Excel opens it; read as blanks, the score was '未填写' (TBL001) though it is there
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "自评表"
    for row in (["项目支出绩效自评表"], ["项目名称", "工资性支出"],
                ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
                ["年度资金总额", 238.93, 251.89, 251.89, 10, "=D4/C4", "=E4*MIN(F4,1)"],
                ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
                ["产出指标", "数量指标", "发放覆盖率", "100%", "100%", 50, 50],
                ["总分", "", "", "", "", "=E4+F6", "=G4+G6"], ["项目负责人：王明", "财务负责人：李华"]):
        sheet.append(row)
    path = tmp_path / "form.xlsx"
    book.save(path)
    from perflint.read.documents import read_document_file

    assert "年度资金总额\t238.93\t251.89\t251.89\t10\t=D4/C4\t=E4*MIN(F4,1)" in read_document_file(str(path)).text.split("\n")
    status, found = findings(capsys, path, "--select", "TBL")
    assert (status, found) == (0, [])


def _numbered_docx(path, text: str) -> None:
    """``text`` as a Word file whose 一、 and （一） headings are numbered by Word (a list with
    chineseCounting levels, as report templates define them), so that their ordinals are in
    numbering.xml and not in the text."""
    import re

    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    numbering = document.part.numbering_part.element
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    numbering.append(parse_xml(
        f'<w:abstractNum {w} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>'
        '</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {w} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for line in text.split("\n"):
        if not line.strip():
            continue
        m = re.match(r"^(?:([一二三四五六七八九十]{1,2})、|（([一二三四五六七八九十]{1,2})）)(.*)$", line)
        paragraph = document.add_paragraph(m.group(3) if m else line)
        if m:
            level = 0 if m.group(1) else 1
            paragraph._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {w}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))
    document.save(str(path))


def test_headings_numbered_by_word_keep_their_ordinals(tmp_path, capsys):
    # seed 001 with its 一、 and （一） headings numbered by Word: read without the list labels,
    # the report had no outline (every required section 'missing')
    text = tmp_path / "001.txt"
    text.write_text(seed_text("001"), encoding="utf-8")
    _numbered_docx(tmp_path / "001.docx", seed_text("001"))
    from perflint.read.documents import read_document_file

    lines = read_document_file(str(tmp_path / "001.docx")).text.split("\n")
    assert "一、部门基本情况" in lines and "（二）年度总体工作和重点工作任务" in lines and "四、下一步改进措施" in lines
    _, from_text = findings(capsys, text)
    _, from_word = findings(capsys, tmp_path / "001.docx")
    assert _as_found(from_word) == _as_found(from_text)


def test_list_labels_follow_styles_levels_and_restarts(tmp_path):
    # a heading style that carries the numbering (as templates define 标题 1), a second level
    # that restarts under each first-level item, a multi-level decimal label (%1.%2), and a
    # second instance of the list that starts again at 1 (startOverride)
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import parse_xml

    from perflint.read.documents import ListLabels, _list_number

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum {w} w:abstractNumId="91">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/><w:isLgl/></w:lvl>'
        '</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {w} w:numId="91"><w:abstractNumId w:val="91"/></w:num>'))
    numbering.append(parse_xml(f'<w:num {w} w:numId="92"><w:abstractNumId w:val="91"/>'
                               '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'))
    heading = document.styles.add_style("ReportHeading", WD_STYLE_TYPE.PARAGRAPH)
    heading.element.get_or_add_pPr().append(parse_xml(f'<w:numPr {w}><w:numId w:val="91"/></w:numPr>'))

    def numbered(text: str, num: str, level: int):  # noqa: ANN202
        p = document.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {w}><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr>'))
        return p

    paragraphs = [document.add_paragraph("基本情况", style="ReportHeading"), numbered("部门职能", "91", 1),
                  numbered("收支情况", "91", 1), document.add_paragraph("绩效自评情况", style="ReportHeading"),
                  numbered("自评结论", "91", 1), document.add_paragraph("不在列表中的段落"), numbered("附件说明", "92", 0)]
    labels = ListLabels(document)
    assert [labels.label(p._p) for p in paragraphs] == ["一、", "1.1 ", "1.2 ", "二、", "2.1 ", "", "一、"]
    assert [_list_number(n, f) for n, f in [(11, "chineseCounting"), (20, "chineseCounting"), (3, "decimalEnclosedCircle"),
                                              (2, "ideographTraditional"), (4, "upperRoman"), (12, "decimalFullWidth")]] \
        == ["十一", "二十", "③", "乙", "IV", "１２"]


def test_a_text_box_is_read_once(tmp_path):
    # a cover title in a text box: Word writes its text twice, for itself (mc:Choice) and for
    # older readers (mc:Fallback); read both, the title was doubled
    import docx
    from docx.oxml import parse_xml

    from perflint.read.documents import read_document_file

    ns = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
          'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
          'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml"')
    box = "<w:txbxContent><w:p><w:r><w:t>2023年度某局部门整体支出绩效自评报告</w:t></w:r></w:p></w:txbxContent>"
    document = docx.Document()
    document.add_paragraph()._p.append(parse_xml(
        f'<w:r {ns}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>{box}</wps:txbx></w:drawing>'
        f"</mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"))
    document.add_paragraph("一、基本情况")
    path = tmp_path / "cover.docx"
    document.save(str(path))
    assert read_document_file(str(path)).text.split("\n")[0] == "2023年度某局部门整体支出绩效自评报告"


def test_damaged_numbering_never_makes_a_word_file_unreadable(tmp_path):
    # numbering.xml with a level, a start and an override that are no numbers, a list instance
    # naming a definition that is not there, and a paragraph at a level its list lacks
    import docx
    from docx.oxml import parse_xml

    from perflint.read.documents import read_document_file

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.append(parse_xml(f'<w:abstractNum {w} w:abstractNumId="93"><w:lvl w:ilvl="x"><w:start w:val="y"/>'
                               '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {w} w:numId="93"><w:abstractNumId w:val="93"/>'
                               '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="z"/></w:lvlOverride></w:num>'))
    numbering.append(parse_xml(f'<w:num {w} w:numId="94"><w:abstractNumId w:val="404"/></w:num>'))
    for text, num, level in (("基本情况", "93", "0"), ("存在问题", "94", "0"), ("改进措施", "93", "q"), ("附件", "93", "7")):
        p = document.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {w}><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr>'))
    path = tmp_path / "damaged.docx"
    document.save(str(path))
    assert read_document_file(str(path)).text.split("\n") == ["一、基本情况", "存在问题", "改进措施", "附件"]


MOVED = "项目资金主要用于城区主干道路灯维护和更换，全年更换节能灯具326盏，亮灯率保持在98%以上。"


def _moved_docx(path, wrap_from: bool) -> None:
    """A paragraph moved with changes tracked: Word keeps its text where it was, in w:t inside
    w:moveFrom, and writes it again where it went, inside w:moveTo."""
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    attrs = 'w:author="审核人" w:date="2024-03-01T00:00:00Z"'
    document = docx.Document()
    document.add_paragraph("2023年度城市照明项目支出绩效自评报告")
    document.add_paragraph("一、项目基本情况")
    old = document.add_paragraph()
    source = f"<w:r><w:t>{MOVED}</w:t></w:r>"
    old._p.append(parse_xml(f'<w:moveFrom {w} w:id="1" {attrs}>{source}</w:moveFrom>' if wrap_from
                            else f"<w:r {w}><w:t>{MOVED}</w:t></w:r>"))
    document.add_paragraph("二、绩效目标完成情况")
    new = document.add_paragraph()
    new._p.append(parse_xml(f'<w:moveTo {w} w:id="2" {attrs}><w:r><w:t>{MOVED}</w:t></w:r></w:moveTo>'))
    document.add_paragraph("三、存在的问题")
    document.save(str(path))


def test_text_moved_with_changes_tracked_is_read_where_it_went(tmp_path, capsys):
    from perflint.read.documents import read_document_file

    moved, copied = tmp_path / "moved.docx", tmp_path / "copied.docx"
    _moved_docx(moved, wrap_from=True)
    _moved_docx(copied, wrap_from=False)
    lines = read_document_file(str(moved)).text.split("\n")
    assert lines[2] == "" and lines[4] == MOVED
    status, found = findings(capsys, moved, "--select", "REP")
    assert (status, found) == (0, [])
    # the same text really written twice is a copied paragraph
    status, found = findings(capsys, copied, "--select", "REP")
    assert [(f["line"], f["rule"]) for f in found] == [(5, "REP001")]


def _form_with_notes(path, state: str) -> None:
    """A 自评表 workbook with a second sheet of filling notes from the template (20XX, ……),
    as the template's author left it: hidden, or (to show what it says) visible."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "自评表"
    for row in (["项目支出绩效自评表（2023年度）"], ["项目名称", "工资性支出"],
                ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
                ["年度资金总额", 238.93, 251.89, 251.89, 10, "100%", 10]):
        sheet.append(row)
    notes = book.create_sheet("填表说明")
    notes.append(["1. 本表反映20XX年度项目支出绩效自评情况，“……”处据实填写。"])
    notes.sheet_state = state
    book.save(path)


def test_a_hidden_sheet_is_not_read(tmp_path, capsys):
    from perflint.read.documents import read_document_file

    hidden, shown = tmp_path / "hidden.xlsx", tmp_path / "shown.xlsx"
    _form_with_notes(hidden, "hidden")
    _form_with_notes(shown, "visible")
    assert "20XX" not in read_document_file(str(hidden)).text
    status, found = findings(capsys, hidden, "--select", "TXT002")
    assert (status, found) == (0, [])
    status, found = findings(capsys, shown, "--select", "TXT002")
    assert status == 1 and {f["rule"] for f in found} == {"TXT002"}


def test_hidden_text_is_not_read(tmp_path, capsys):
    """Text formatted as hidden (w:vanish), as templates hide their filling notes, is neither
    shown nor printed by Word; w:val="0" turns it off again."""
    import docx
    from docx.oxml import parse_xml

    from perflint.read.documents import read_document_file

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    note = "（填写说明：据实填写20XX年度……）"

    def save(path, vanish: str) -> None:
        document = docx.Document()
        document.add_paragraph("2023年度某局部门整体支出绩效自评报告")
        p = document.add_paragraph()
        p._p.append(parse_xml(f"<w:r {w}><w:t>一、部门基本情况</w:t></w:r>"))
        p._p.append(parse_xml(f"<w:r {w}><w:rPr>{vanish}</w:rPr><w:t>{note}</w:t></w:r>"))
        document.save(str(path))

    hidden, unhidden = tmp_path / "hidden.docx", tmp_path / "unhidden.docx"
    save(hidden, "<w:vanish/>")
    save(unhidden, '<w:vanish w:val="0"/>')
    assert read_document_file(str(hidden)).text.split("\n")[1] == "一、部门基本情况"
    assert read_document_file(str(unhidden)).text.split("\n")[1] == "一、部门基本情况" + note
    assert findings(capsys, hidden, "--select", "TXT002") == (0, [])
    status, found = findings(capsys, unhidden, "--select", "TXT002")
    assert status == 1 and {f["rule"] for f in found} == {"TXT002"}


def _score_sheet(path, hidden: bool) -> None:
    """A 评分表 whose writer hid, rather than deleted, last year's indicator row (and a column
    of notes from the template): Excel neither shows nor prints them, and the 合计 adds up
    without them."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "评分表"
    for row in (["部门整体支出绩效评价评分表（2022年度）"],
                ["一级指标", "二级指标", "三级指标", "分值", "自评得分", "扣分原因", "填表提示"],
                ["投入", "预算配置", "财政供养人员控制率", 15, 15, "", "按20XX年标准填写"],
                ["过程", "预算执行", "预算完成率", 40, 38, "个别项目年底结转", "按20XX年标准填写"],
                ["过程", "预算管理", "上年度保留指标（已取消）", 10, 10, "", "按20XX年标准填写"],
                ["产出及效益", "职责履行", "重点工作完成率", 45, 44, "一项工作延期至次年", "按20XX年标准填写"],
                ["合计", "", "", 100, 97, "", ""]):
        sheet.append(row)
    if hidden:
        sheet.row_dimensions[5].hidden = True
        sheet.column_dimensions["G"].hidden = True
    book.save(path)


def test_hidden_rows_and_columns_are_not_read(tmp_path, capsys):
    from perflint.read.documents import read_document_file

    hidden, shown = tmp_path / "hidden.xlsx", tmp_path / "shown.xlsx"
    _score_sheet(hidden, hidden=True)
    _score_sheet(shown, hidden=False)
    text = read_document_file(str(hidden)).text
    assert "上年度保留指标" not in text and "20XX" not in text
    assert findings(capsys, hidden, "--select", "TBL,SUM,TXT") == (0, [])
    status, found = findings(capsys, shown, "--select", "TBL,SUM,TXT")
    assert status == 1 and {"TBL004", "TXT002"} <= {f["rule"] for f in found}


def test_a_damaged_cell_span_never_makes_a_word_file_unreadable(tmp_path):
    # Word opens a table whose gridSpan is no number (one column); it was 'cannot read this .docx file'
    import docx
    from docx.oxml import parse_xml

    from perflint.read.documents import read_document_file

    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells + table.rows[1].cells, ["三级指标", "分值", "得分", "指标1", "10", "10"], strict=True):
        cell.text = text
    table.rows[1].cells[0]._tc.get_or_add_tcPr().append(
        parse_xml('<w:gridSpan xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:val="abc"/>'))
    path = tmp_path / "span.docx"
    document.save(str(path))
    source = read_document_file(str(path))
    assert source.text.split("\n") == ["三级指标\t分值\t得分", "指标1\t10\t10"]
