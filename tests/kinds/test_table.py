"""Kind table, and the form checks of the sum, range, target and obligation kinds, on real form rows.

Rows are from the corpus forms (../shared/corpus, copied to benchmarks/quality/corpus):
001 青神 (one cell per line), 011 绥阳 and 014 大英 (pipe rows), 002 池州 and 022 重庆 (values).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from ..conftest import lint, where

QINGSHEN_FUNDS = (  # 001, lines 22-38: the funds block, one cell per line; the score cell (line 16 here) is blank
    "预算执行情况(10分) |\n年度预算数(万元) |\n年初预算 |\n调整后预算数 |\n预算执行数 |\n预算执行率 |\n权重 |\n得分 |\n原因 |\n"
    "总额 |\n238.93 |\n251.89 |\n251.89 |\n100.00% |\n10 |\n|\n"
    "1.预算执行率=预算执行数/调整后预算数,预算执行率未达到90%的需说明原因(100字以内);2.年中发生预算调整的(追加或调减),应单独说明理由 |\n"
    "其中:财政资金 |\n238.93 |\n251.89 |\n251.89 |\n100.00% |\n/ |\n/ |\n"
)

SUIYANG_FUNDS = (  # 011, lines 4-8: a row broken over two lines
    "部门(单位)总体 资金(万元) | 资 金 来 源 | 年初预算数(A) | 全年执行数(B) | 分值(10分) | 得分 | 得分计算方法 | |||\n"
    "年度资金总额: | 1172.55 | 1268.72 | 10 | 10 | 执行率*该指标分值,最高不得超过分值上限。 | ||||\n"
    "基本支出 | 985.19 | 914.97 |\n10 | 10 | |||||\n"
    "项目支出 | 187.36 | 353.75 | 10 | 10 | |||||\n"
)

DAYING_INDICATORS = (  # 014, lines 1-3
    "绩效指标(90分) | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 完成值 | 权重 | 得分 | 未完成原因分析 |\n"
    "产出指标 | 经济成本指标 | 成本控制数 | ≤ | 30 | 万元 | 完成 | 90 | 90 | ||\n"
    "合计 | 100 | |||||||||\n"
)


def test_blank_score_of_a_weighted_row_is_reported_at_the_blank_cell():
    assert where(lint(QINGSHEN_FUNDS, "TBL001")) == [(16, 1, "TBL001")]


def test_scored_rows_pass():
    assert lint(QINGSHEN_FUNDS.replace("10 |\n|\n", "10 |\n10 |\n", 1), "TBL") == []


def test_total_row_without_its_total_score():
    findings = lint(DAYING_INDICATORS, "TBL001")
    assert where(findings) == [(3, 1, "TBL001")]
    assert findings[0].data["total"] is True


def test_execution_score_follows_the_rate():
    # 011: 914.97 / 985.19 = 92.87% gives 9.29 of 10, scored 10; a row broken over two lines
    findings = lint(SUIYANG_FUNDS, "TBL002")
    assert where(findings) == [(4, len("10 | ") + 1, "TBL002")]  # the score 10 on the row's second line
    assert findings[0].data["expected"] == Decimal("9.29")


def test_execution_score_over_100_percent_is_capped():
    # 011: 1268.72 / 1172.55 = 108.2% still gives 10 of 10
    assert lint(SUIYANG_FUNDS.replace("10 | 10 | |||||\n项目支出", "10 | 9.29 | |||||\n项目支出"), "TBL002") == []


def test_hunan_steps_deduct_two_points_per_five_percent():
    from perflint.check.engine import lint_source
    from perflint.check.packs import data_dir, load_ruleset, select_rules
    from perflint.read.source import Source

    ruleset = load_ruleset([str(data_dir("rules") / "profiles" / "hunan.yaml")])
    # 92.87% is 7.13% below 100%: one full 5% step, 10 − 2 × 1 = 8
    text = SUIYANG_FUNDS.replace("10 | 10 | |||||\n项目支出", "10 | 8 | |||||\n项目支出")
    assert lint_source(Source("t.txt", text), ruleset, select_rules(ruleset, ["TBL002"])) == []
    proportional = text.replace("10 | 8 | |||||", "10 | 9.29 | |||||")
    assert [f.rule for f in lint_source(Source("t.txt", proportional), ruleset, select_rules(ruleset, ["TBL002"]))] == ["TBL002"]


def test_spending_beyond_the_budget_in_a_form_without_a_rate_column():
    findings = lint(SUIYANG_FUNDS, "EXE006")
    lines = SUIYANG_FUNDS.split("\n")
    assert where(findings) == [(2, lines[1].index("1268.72") + 1, "EXE006"), (5, lines[4].index("353.75") + 1, "EXE006")]
    assert findings[1].data["value"] == Decimal("188.81")


def test_total_funds_row_against_its_rows():
    # 002 (池州): 年度资金总额 0 / 0 / 0 while 本年财政拨款 is 90 / 89.974 / 89.974
    text = ("项目资金 (万元) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n"
            "年度资金总额: | 0 | 0 | 0 | 10 | 0 | 0 |\n其中:本年财政拨款 | 90 | 89.974 | 89.974 | | | |\n上年结转资金 | | | | | | |\n")
    assert [f.data["label"] for f in lint(text, "SUM004")] == ["年度资金总额: 年初预算", "年度资金总额: 预算数", "年度资金总额: 执行数"]


def test_full_score_on_a_missed_target():
    # 022 (重庆): 政府采购执行率 target 100%, actual 72.74%, 2 of 2 points
    text = ("指标名称 | 计量单位 | 年初指标值 | 全年完成值 | 指标权重 | 指标得分 |\n"
            "政府采购执行率 | % | 100% | 72.74% | 2 | 2 |\n预算完成率 | % | 70% | 76% | 2 | 2 |\n")
    assert where(lint(text, "TGT004")) == [(2, text.split("\n")[1].rindex("2 |") + 1, "TGT004")]


def test_a_lower_bound_target_met_above_passes():
    # 014: 成本控制数 ≤ 30 万元, completed (完成): qualitative, not a miss
    assert lint(DAYING_INDICATORS, "TGT004") == []


def test_lost_points_need_a_reason():
    text = ("一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |\n"
            "产出指标 | 时效指标 | 公用经费完成时间 | 2021年12月 | 2021年12月 | 5 | 4 | |\n"
            "效益指标 | 社会效益指标 | 办学条件改善 | 改善 | 改善 | 15 | 15 | |\n")
    assert where(lint(text, "TGT005")) == [(2, text.split("\n")[1].index("| 4 |") + 3, "TGT005")]


def test_adjusted_budget_with_only_the_printed_note():
    # 001 (青神): 238.93 → 251.89, its 原因 cell holds the form's own note
    findings = lint(QINGSHEN_FUNDS, "OBL004")
    assert where(findings) == [(12, 1, "OBL004")]
    assert findings[0].data["change"] == Decimal("12.96")


def test_group_maximum_against_its_rows():
    text = ("一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
            "产出指标（50分） | 数量指标 | 培训人次 | ≥500人次 | 520人次 | 30 | 30 |\n"
            "产出指标（50分） | 质量指标 | 合格率 | 100% | 100% | 10 | 10 |\n")
    findings = lint(text, "TBL004")
    assert where(findings) == [(2, 1, "TBL004")]
    assert findings[0].data["computed"] == Decimal("40")


def test_report_figure_against_its_form():
    text = ("一、预算执行情况\n\n本项目全年预算数 251.89 万元，全年执行数 251.89 万元，预算执行率为 98%。\n\n附件：自评表\n\n"
            "项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 执行率 | 分值 | 得分 |\n总额 | 238.93 | 251.89 | 251.89 | 100% | 10 | 10 |\n")
    assert [f.rule for f in lint(text, "TBL005")] == ["TBL005"]


# The words that make a row the form's total, a subtotal or the funds' total are pack data
# (document.total_rows, subtotal_rows, funds_rows in rules/national.yaml).

def test_a_total_row_written_with_blanks_is_the_total():
    findings = lint(DAYING_INDICATORS.replace("合计 |", "合 计 |"), "TBL001")
    assert where(findings) == [(3, 1, "TBL001")]
    assert findings[0].data["total"] is True


def test_a_total_row_in_traditional_script_is_the_total():
    """合計 is 合计: the packs' words are matched against a row's folded label (web copies of
    forms in traditional script, corpus 042/043)."""
    findings = lint(DAYING_INDICATORS.replace("合计 |", "合計 |"), "TBL001")
    assert where(findings) == [(3, 1, "TBL001")] and findings[0].data["total"] is True
    assert findings[0].data["row"] == "合計"  # the message quotes the row as written


def test_a_subtotal_row_is_laid_out_like_a_total_but_is_not_the_form_total():
    text = DAYING_INDICATORS.replace("合计 | 100 |", "小计 | 90 | 90 |")
    assert lint(text, "TBL001") == []  # laid out under 分值 and 得分: nothing blank
    assert lint(text.replace("小计", "合计"), "TBL004") == []  # as the total: 90 = 90
    assert where(lint(text.replace("小计 | 90 | 90", "合计 | 90 | 85"), "TBL004")) == [(3, len("合计 | 90 | ") + 1, "TBL004")]
    assert lint(text.replace("小计 | 90 | 90", "小计 | 90 | 85"), "TBL004") == []  # a subtotal is not the form's total
    assert [f.data["total"] for f in lint(text.replace("小计 | 90 | 90 |", "小计 | 90 | |"), "TBL001")] == [False]


def test_the_total_score_must_be_the_sum_of_the_scored_rows():
    text = DAYING_INDICATORS.replace("合计 | 100 |", "总分 | 90 | 85 |")
    findings = lint(text, "TBL004")
    assert where(findings) == [(3, len("总分 | 90 | ") + 1, "TBL004")]
    assert (findings[0].data["row"], findings[0].data["computed"]) == ("总分", Decimal("90"))


# 岳阳 (017) and 寿县 (012) 评分表 rows, with the 备注 column such sheets carry, as a
# spreadsheet keeps them: every cell in its column, the total row's name cells blank.
SCORE_SHEET = (
    "一级指标\t二级指标\t三级指标\t分值\t自评得分\t扣分原因\t备注\n"
    "投入\t预算配置\t财政供养人员控制率\t15\t15\t\t\n"
    "过程\t预算执行\t预算完成率\t40\t38\t个别项目年底结转\t\n"
    "产出及效益\t职责履行\t重点工作完成率\t45\t44\t一项工作延期至次年\t\n"
    "合计\t\t\t100\t97\t\t\n"
)


def test_a_total_row_written_cell_by_cell_is_aligned_as_written():
    """The total's blank name cells are kept: its numbers are under 分值 and 得分 where it
    wrote them (taken for a total spanning the name columns, they fell under 扣分原因 and 备注
    and the sums were not checked)."""
    assert lint(SCORE_SHEET, "TBL") == []
    findings = lint(SCORE_SHEET.replace("合计\t\t\t100\t97", "合计\t\t\t100\t96"), "TBL004")
    assert where(findings) == [(5, len("合计\t\t\t100\t") + 1, "TBL004")]
    assert findings[0].data["computed"] == Decimal("97")


# 襄阳 037's 湖北 2021 自评表 (年初目标值（A） | 实际完成值（B）), its rows as the form has them.
XIANGYANG_INDICATORS = (
    "一级指标\t二级指标\t三级指标\t年初目标值（A）\t实际完成值（B）\t分值\t得分\t未完成原因\n"
    "产出指标\t数量指标\t成本控制\t不超过预算\t不超过预算\t10\t10\t\n"
    "产出指标\t成本指标\t每年财政补助\t1000万元\t1000万元\t10\t10\t\n"
    "产出指标\t时效指标\t建设周期\t1年\t1年\t10\t10\t\n"
    "效益指标\t经济效益指标\t医院东津医疗收入\t5亿元\t6.47亿元\t10\t10\t\n"
)


def test_target_columns_named_as_other_provinces_forms_name_them():
    """年初目标值 (湖北), 预期指标值, 计划值… are the target column: a missed target with full marks
    is found under any of them (they are pack data: form_columns in rules/national.yaml)."""
    assert lint(XIANGYANG_INDICATORS, "TGT", "TBL") == []
    missed = XIANGYANG_INDICATORS.replace("6.47亿元", "4.8亿元")
    line = missed.split("\n")[4]
    assert where(lint(missed, "TGT004")) == [(5, line.rindex("\t10\t") + 2, "TGT004")]  # at the full score
    for header in ("预期指标值", "计划值", "预期目标值"):
        assert [f.rule for f in lint(missed.replace("年初目标值（A）", header), "TGT004")] == ["TGT004"]


def test_score_columns_and_total_rows_named_as_other_provinces_forms_name_them():
    """满分 / 自评分 / 评分 / 实际得分 columns and a 得分合计 or 总得分 row: the total is checked."""
    text = XIANGYANG_INDICATORS + "得分合计\t\t\t\t\t40\t38\t\n"
    total = text.split("\n")[5]
    assert where(lint(text, "TBL004")) == [(6, total.index("38") + 1, "TBL004")]
    for weight, score, row in (("满分", "自评分", "总得分"), ("分值", "评分", "合计"), ("满分值", "实际得分", "总计")):
        renamed = text.replace("\t分值\t得分\t", f"\t{weight}\t{score}\t").replace("得分合计\t", f"{row}\t")
        assert [f.rule for f in lint(renamed, "TBL004")] == ["TBL004"], (weight, score, row)


# 青神 001's funds row under the funds headers of other provinces' forms (pack data:
# form_columns in rules/national.yaml), one column the packs do not name (批复…) included.
QINGSHEN_TOTAL = "年度资金总额\t238.93\t251.89\t251.89\t10\t100.00%\t10\n"
FUNDS_HEADERS = [
    "项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n",
    "资金来源\t年初批复数\t调整后预算数\t实际支出数\t分值\t预算执行率\t得分\n",
    "资金情况\t年初预算\t调整预算\t支出数\t权重\t执行率\t得分\n",
    "项目资金（元）\t当年批复数\t全年预算数\t全年支出数\t分值\t支出率\t得分\n",
    "项目资金（万元）\t预算安排数\t全年预算数（A）\t决算数\t分值\t执行率（B/A）\t得分\n",
]


@pytest.mark.parametrize("header", FUNDS_HEADERS, ids=["national", "pifu-shiji", "tiaozheng-zhichu", "dangnian-zhichulv", "anpai-juesuan"])
def test_funds_columns_named_as_other_provinces_forms_name_them(header):
    assert lint(header + QINGSHEN_TOTAL, "EXE", "TBL") == []
    wrong = header + QINGSHEN_TOTAL.replace("100.00%\t10", "93.35%\t9.34")
    assert where(lint(wrong, "EXE001")) == [(2, len("年度资金总额\t238.93\t251.89\t251.89\t10\t") + 1, "EXE001")]


def test_a_number_under_a_column_the_packs_do_not_name_does_not_shift_the_row():
    """An unnamed column (当年批复数) is no evidence against the number under it: the row stays
    where it is written (shifted one column right, 执行率得分 was read as 93.35 = 200.00 × 10%)."""
    header = FUNDS_HEADERS[3]
    wrong = header + QINGSHEN_TOTAL.replace("251.89\t10\t100.00%\t10", "200.00\t10\t93.35%\t9.34")
    assert [f.rule for f in lint(wrong, "EXE", "TBL")] == ["EXE001"]


# A monitoring form's funds row (青神 001's budget, half of it spent by June): the spending
# column names its period first, as monitoring forms do.
MONITORING_FUNDS = ("项目资金（万元）\t全年预算数\t1-6月执行数\t执行率\t偏差原因\n"
                    "年度资金总额\t251.89\t125.00\t49.62%\t\n")


@pytest.mark.parametrize("column", ["1-6月执行数", "1—9月执行数", "截至6月底执行数", "截止9月30日执行数"], ids=["1-6", "1-9", "jiezhi-6-di", "jiezhi-9-30"])
def test_a_column_named_with_its_period_first_is_that_column(column):
    text = MONITORING_FUNDS.replace("1-6月执行数", column)
    assert lint(text, "EXE", "TBL") == []
    wrong = text.replace("49.62%", "62.35%")
    assert where(lint(wrong, "EXE001")) == [(2, len("年度资金总额\t251.89\t125.00\t") + 1, "EXE001")]
