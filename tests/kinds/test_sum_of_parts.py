"""Kind sum: 其中 lists, 按…分类 breakdowns and sub-scores against their totals (seed sentences)."""

from __future__ import annotations

from ..conftest import lint, where

SEED_001_77 = "部门全年预算数 3,970.64 万元，其中：基本支出 3,432.3 万元，项目支出 538.34 万元；年度预算执行进度达 100%。\n"
SEED_002_7 = "零陵区文学艺术界联合会现有在职工作人员11人（其中公务员身份5人、工勤1人、事业编制5人），下设一个正股级公益一类事业单位。\n"
SEED_002_35 = ("区文联2024年项目总额12.42万元，预算项目1-12月份总体已执行12.42万元，完成项目总额的100%，其中：（1）外地文学艺术家来零打卡接待经费2万元；"
               "（2）《零陵文艺》办刊经费3万元；（3）春节走访经费2.42万元；（4）2024年百名书法家送万副春联年画活动5万元。\n")
SEED_003_25_29 = ("本部门 2021 年度一般公共预算财政拨款支出全年预算数 3,363.37 万元，全年执行数 2,760.71 万元，完成全年预算的 82.1%。\n\n"
                  "支出按功能分类：一般公共服务支出 2,022.35 万元；教育支出：18.30 万元；社会保障和就业支出：500.93 万元；卫生健康支出：18.62 万元；住房保障支出：200.51 万元。\n\n"
                  "支出按支出性质分类：基本支出：2,586.53 万元；项目支出：174.18 万元。\n")
SEED_000_39 = ("部门整体支出绩效评价从管理效能、履职效能、加减分项目三个方面进行了自评：其中管理效能 45 分，从资金管理、采购管理、信息公开管理、资产管理、成本管理、"
               "绩效管理六个方面进行自评，自评得分 44.28 分；履职效能 50 分，从业务的关键指标及完成情况，自评得分 48.10 分；加减分项（5 分），本会无加减分；"
               "总分 100 分，部门整体绩效自评得分为 92.38 分。\n")


def test_correct_breakdowns_in_the_seeds_pass():
    for text in (SEED_001_77, SEED_002_7, SEED_002_35, SEED_003_25_29, SEED_000_39):
        assert lint(text, "SUM") == [], text


def test_changed_part_of_a_budget_breakdown():
    text = SEED_001_77.replace("538.34", "528.34")
    findings = lint(text, "SUM001")
    assert where(findings) == [(1, text.index("3,970.64") + 1, "SUM001")]
    assert findings[0].data["arithmetic"] == "3432.3 + 528.34 = 3960.64"


def test_head_count_in_brackets():
    text = SEED_002_7.replace("工勤1人", "工勤2人")
    assert where(lint(text, "SUM001")) == [(1, text.index("11人") + 1, "SUM001")]


def test_parts_listed_with_ordinals_across_semicolons():
    text = SEED_002_35.replace("春节走访经费2.42万元", "春节走访经费2.24万元")
    assert where(lint(text, "SUM001")) == [(1, text.index("已执行12.42") + 4, "SUM001")]


def test_partial_count_list_below_its_total_passes():
    # 其中 names only some of a count: not a breakdown
    assert lint("开展文艺惠民活动60场次，其中线上活动20场次、线下活动30场次。\n", "SUM001") == []
    assert where(lint("开展文艺惠民活动60场次，其中线上活动40场次、线下活动30场次。\n", "SUM001")) == [(1, 9, "SUM001")]


def test_approximate_figures_are_not_summed():
    assert lint("征集文史资料稿件190余篇，其中诗词100余篇、散文80余篇。\n", "SUM") == []


def test_changed_breakdown_by_nature():
    text = SEED_003_25_29.replace("174.18", "147.18")
    findings = lint(text, "SUM002")
    assert where(findings) == [(5, 3, "SUM002")]
    assert findings[0].data["total_line"] == 1


def test_changed_sub_score():
    text = SEED_000_39.replace("48.10", "48.01")
    assert where(lint(text, "SUM003")) == [(1, text.index("92.38") + 1, "SUM003")]


def test_weights_that_do_not_make_the_total():
    text = SEED_000_39.replace("履职效能 50 分", "履职效能 55 分")
    assert where(lint(text, "SUM003")) == [(1, text.index("100 分") + 1, "SUM003")]


def test_parts_written_without_the_totals_unit():
    # the rubric's example: 799.12 万元 split into unitless parts that add up to 789.12
    text = "本局支出799.12万元，其中人员434.89、公用77.4、项目276.83。\n"
    assert where(lint(text, "SUM001")) == [(1, 5, "SUM001")]
    assert lint(text.replace("276.83", "286.83"), "SUM001") == []


def test_list_ordinals_are_not_unitless_parts():
    assert lint("区文联项目总额12.42万元，其中：（1）接待经费2万元；（2）办刊经费3万元；（3）走访经费2.42万元；（4）送春联活动5.00万元。\n", "SUM001") == []
