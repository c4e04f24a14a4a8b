"""Two real self-evaluation forms, written at test time as .md, tab-separated .txt, .docx, .xlsx and .pdf.

PROJECT is a 项目支出绩效自评表 in the 财预〔2020〕10号 layout with the rows of the
青神 (001) and 池州 (002) forms of the corpus; DEPARTMENT is a 部门整体支出绩效评价
评分表 with the rows of the 岳阳 (017) and 寿县 (012) sheets.  Both are correct:
every figure adds up.  ``inject`` returns a copy with one defect of a class the
form checks catch, and the row and cell it is in.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path

Row = list[str]


@dataclass
class Form:
    title: str
    tables: list[list[Row]]  # each table: header row first
    after: list[str]  # paragraphs after the tables
    merge_first_column: bool = True  # 一级指标 written once per group (a merged cell)


PROJECT = Form(
    title="部门预算项目支出绩效自评表（2023年度）",
    tables=[
        [["项目名称", "工资性支出", "主管部门", "青神县发展和改革局"]],
        [
            ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", "偏差原因分析及改进措施"],
            ["年度资金总额", "238.93", "251.89", "251.89", "10", "100.00%", "10", "年中追加工资调标资金12.96万元"],
            ["其中：本年财政拨款", "238.93", "251.89", "251.89", "—", "—", "—", ""],
            ["上年结转资金", "0.00", "0.00", "0.00", "—", "—", "—", ""],
            ["其他资金", "0.00", "0.00", "0.00", "—", "—", "—", ""],
        ],
        [
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
            ["产出指标（50分）", "数量指标", "发放（缴纳）覆盖率", "=100%", "100%", "30", "30", ""],
            ["产出指标（50分）", "时效指标", "工资按时发放率", "=100%", "100%", "20", "20", ""],
            ["效益指标（30分）", "社会效益指标", "足额保障率（参保率）", "=100%", "100%", "30", "30", ""],
            ["满意度指标（10分）", "服务对象满意度指标", "职工满意度", "≥90%", "96%", "10", "10", ""],
            ["总分", "", "", "", "", "100", "100", ""],
        ],
    ],
    after=["自评等级：优", "项目负责人：王明　财务负责人：李华"],
)

DEPARTMENT = Form(
    title="部门整体支出绩效评价评分表（2022年度）",
    tables=[
        [
            ["一级指标", "二级指标", "三级指标", "评分标准", "分值", "自评得分", "扣分原因和其他说明"],
            ["投入（15分）", "预算配置", "财政供养人员控制率", "以100%为标准，每超过一个百分点扣0.5分", "5", "5", ""],
            ["投入（15分）", "预算配置", "“三公经费”变动率", "“三公经费”变动率≤0，计5分", "5", "5", ""],
            ["投入（15分）", "预算配置", "重点支出安排率", "重点支出安排率≥90%，计5分", "5", "5", ""],
            ["过程（40分）", "预算执行", "预算完成率", "100%计满分，每低于5%扣2分", "20", "18", "个别项目年底结转"],
            ["过程（40分）", "预算管理", "管理制度健全性", "制度健全、执行有效", "20", "20", ""],
            ["产出及效益（45分）", "职责履行", "重点工作完成率", "重点工作全部完成", "25", "24", "一项工作延期至次年"],
            ["产出及效益（45分）", "履职效益", "社会公众满意度", "满意度≥90%", "20", "20", ""],
            ["合计", "", "", "", "100", "97", ""],
        ],
    ],
    after=["自评等级：优", "填报人：张强　联系电话：0730-8690022"],
)

@dataclass
class Defect:
    form: str  # "PROJECT" or "DEPARTMENT"
    rule: str  # the rule that must report it
    changes: list[tuple[int, int, int, str]]  # (table, row, column, new text)
    key: str  # text on the line (row, paragraph) the finding must point to


DEFECTS = {
    "execution-rate": Defect("PROJECT", "EXE001", [(1, 1, 5, "93.35%")], "年度资金总额"),
    "execution-score": Defect("PROJECT", "TBL002", [(1, 1, 3, "233.92"), (1, 1, 5, "92.87%"), (1, 2, 3, "233.92")], "年度资金总额"),
    "score-beyond-weight": Defect("PROJECT", "TBL003", [(2, 4, 6, "12"), (2, 5, 6, "102")], "职工满意度"),
    "weights-total": Defect("PROJECT", "TBL004", [(2, 5, 5, "90")], "总分"),
    "group-maximum": Defect("PROJECT", "TBL004", [(2, 2, 5, "15"), (2, 2, 6, "15"), (2, 5, 5, "95"), (2, 5, 6, "95")], "产出指标"),
    "scores-total": Defect("PROJECT", "TBL004", [(2, 5, 6, "98")], "总分"),
    "funds-total": Defect("PROJECT", "SUM004", [(1, 2, 3, "250.89")], "年度资金总额"),
    "full-score-missed": Defect("PROJECT", "TGT004", [(2, 4, 4, "86%")], "职工满意度"),
    "lost-points-no-reason": Defect("PROJECT", "TGT005", [(2, 2, 4, "90%"), (2, 2, 6, "18"), (2, 5, 6, "98")], "工资按时发放率"),
    "blank-score": Defect("PROJECT", "TBL001", [(2, 3, 6, ""), (2, 5, 6, "70")], "足额保障率"),
    "template-left": Defect("PROJECT", "TXT002", [(1, 1, 7, "说明偏差原因及改进措施（100字以内）")], "年度资金总额"),
    "grade": Defect("DEPARTMENT", "GRD001", [(0, 4, 5, "8"), (0, 4, 6, "预算执行率仅60%"), (0, 6, 5, "16"),
                                             (0, 6, 6, "两项工作延期"), (0, 8, 5, "79")], "自评等级"),
    "department-total": Defect("DEPARTMENT", "TBL004", [(0, 8, 5, "96")], "合计"),
    "department-range": Defect("DEPARTMENT", "TBL003", [(0, 6, 5, "26"), (0, 8, 5, "99")], "重点工作完成率"),
}


def inject(name: str) -> tuple[Form, Defect]:
    """A copy of its form with one defect, and what must report it where."""
    defect = DEFECTS[name]
    form = copy.deepcopy(PROJECT if defect.form == "PROJECT" else DEPARTMENT)
    for table, row, column, text in defect.changes:
        form.tables[table][row][column] = text
    return form, defect


# --- writers ----------------------------------------------------------------------------------


def _rows_for_text(form: Form, table: list[Row]) -> list[Row]:
    """Rows as a web page or a converter writes them: a merged first column written once."""
    rows, previous = [], None
    for k, row in enumerate(table):
        row = list(row)
        if form.merge_first_column and k > 0 and row[0] == previous:
            row[0] = ""
        elif k > 0:
            previous = row[0]
        rows.append(row)
    return rows


def write_md(form: Form, path: Path) -> None:
    lines = [f"# {form.title}", ""]
    for table in form.tables:
        rows = _rows_for_text(form, table)
        lines.append("| " + " | ".join(rows[0]) + " |")
        lines.append("|" + "---|" * len(rows[0]))
        lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
        lines.append("")
    lines += form.after
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_tsv(form: Form, path: Path) -> None:
    lines = [form.title]
    for table in form.tables:
        lines += ["\t".join(r) for r in _rows_for_text(form, table)]
        lines.append("")
    lines += form.after
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_docx(form: Form, path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph(form.title)
    for table in form.tables:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        grid.style = "Table Grid"
        for r, row in enumerate(table):
            for c, text in enumerate(row):
                grid.cell(r, c).text = text
        if form.merge_first_column:  # a group's name once, merged down its rows
            start = 1
            for r in range(2, len(table) + 1):
                if r == len(table) or table[r][0] != table[start][0]:
                    if r - 1 > start:
                        merged = grid.cell(start, 0).merge(grid.cell(r - 1, 0))
                        merged.text = table[start][0]
                    start = r
    for paragraph in form.after:
        document.add_paragraph(paragraph)
    document.save(str(path))


def write_xlsx(form: Form, path: Path) -> None:
    from decimal import Decimal

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "自评表"
    row_number = 0

    def add(values: list) -> int:
        nonlocal row_number
        row_number += 1
        for c, v in enumerate(values, 1):
            sheet.cell(row_number, c, v)
        return row_number

    add([form.title])
    for table in form.tables:
        top = row_number + 1
        for row in table:
            r = add([_excel_value(v) for v in row])
            for c, text in enumerate(row, 1):
                if text.startswith("="):  # typed text, not a formula (=100% as a target)
                    sheet.cell(r, c).data_type = "s"
                elif _number(text) and "." in text:  # an amount kept at its decimals, as forms format them
                    sheet.cell(r, c).number_format = "0." + "0" * len(text.split(".")[1])
                if text.endswith("%") and _number(text[:-1]):  # a percent as Excel stores it: 1.0 shown 100.00%
                    cell = sheet.cell(r, c)
                    cell.value = float(Decimal(text[:-1]) / 100)
                    cell.number_format = "0.00%" if "." in text else "0%"
        if form.merge_first_column:
            start = 1
            for k in range(2, len(table) + 1):
                if k == len(table) or table[k][0] != table[start][0]:
                    if k - 1 > start:
                        sheet.merge_cells(start_row=top + start, end_row=top + k - 1, start_column=1, end_column=1)
                    start = k
        row_number += 1  # a blank row between tables
    for paragraph in form.after:
        add([paragraph])
    book.save(str(path))


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _excel_value(text: str):  # noqa: ANN202
    if _number(text):
        return int(text) if text.isdigit() else float(text)
    return text or None


def write_pdf(form: Form, path: Path, repeat_header: bool = False, rules: bool = True) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("zh", fontName="STSong-Light", fontSize=9, leading=12)
    story = [Paragraph(form.title, style), Spacer(1, 8)]
    for table in form.tables:
        grid = Table(_rows_for_text(form, table), repeatRows=1 if repeat_header else 0)  # the header atop each page
        grid.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), "STSong-Light", 8),
                                  *([("GRID", (0, 0), (-1, -1), 0.5, colors.black)] if rules else [])]))
        story += [grid, Spacer(1, 8)]
    story += [Paragraph(p, style) for p in form.after]
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build(story)


def long_project() -> Form:
    """PROJECT with its 产出指标 written as 40 indicators of 1 point each (10 + 40 + 30 + 10 =
    90, graded 优): a table that runs over two pages."""
    form = copy.deepcopy(PROJECT)
    table = form.tables[2]
    rows = [["产出指标（40分）", "数量指标", f"培训项目{i + 1}完成率", "=100%", "100%", "1", "1", ""] for i in range(40)]
    table[1:-1] = rows + table[3:-1]
    table[-1] = ["总分", "", "", "", "", "90", "90", ""]
    return form


WRITERS = {"md": write_md, "txt": write_tsv, "docx": write_docx, "xlsx": write_xlsx, "pdf": write_pdf}
