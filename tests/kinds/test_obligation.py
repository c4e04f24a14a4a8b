"""Kind obligation: low execution rates, shortfalls and placeholders owe an explanation."""

from __future__ import annotations

from ..conftest import lint, seed_text, where


def test_low_rate_explained_by_an_execution_problem_seed_004():
    assert lint(seed_text("004"), "OBL") == []


def test_low_rate_without_reason_seed_003():
    findings = lint(seed_text("003"), "OBL001")
    assert where(findings) == [(25, 68, "OBL001")]


def test_reason_in_the_same_paragraph():
    text = ("（三）部门整体收支情况\n\n全年预算数 3,363.37 万元，全年执行数 2,760.71 万元，完成全年预算的 82.1%，主要原因是部分项目受疫情影响延期。\n\n"
            "三、存在的主要问题\n\n一是各部门对绩效管理的认识和理解还不够到位。\n")
    assert lint(text, "OBL001") == []


def test_rates_at_or_above_threshold_owe_nothing():
    assert lint(seed_text("000"), "OBL") == []
    assert lint(seed_text("001"), "OBL") == []


def test_partial_claims_with_inline_reasons_seed_000():
    assert lint(seed_text("000"), "OBL002") == []


def test_partial_claim_without_reason_or_problem():
    text = ("（二）各项工作任务绩效完成情况分析\n\n联络服务 6 个行业文联，自评已部分完成 5 个。\n\n"
            "三、存在的主要问题\n\n项目预算不够精细准确，存在预算调整现象。\n")
    assert where(lint(text, "OBL002")) == [(3, 1, "OBL002")]


def test_grade_below_top_band_needs_a_problem():
    text = "2022年部门整体支出绩效自评报告\n\n（一）自评结论\n\n自评得分 85 分，自评等级为“良”。\n\n三、存在的主要问题\n\n暂无。\n"
    assert {f.rule for f in lint(text, "OBL")} == {"OBL002", "OBL003"}


def test_placeholder_problems_with_low_rate():
    text = "2022年部门整体支出绩效自评报告\n\n一、基本情况\n\n全年预算数3663.27万元，执行数2659.40万元，完成预算的72.60%。\n\n三、存在的主要问题\n\n暂无。\n"
    assert where(lint(text, "OBL003")) == [(7, 1, "OBL003")]


def test_a_low_grade_is_accounted_for_by_any_stated_problem():
    text = ("三、综合评价情况及评价结论\n经综合评价，该项目得分86.5分，评价等级为“良”。\n"
            "五、存在的问题及原因分析\n（一）危桥改造进度滞后。受汛期影响，1座危桥改造未能按期完工。\n")
    assert lint(text, "OBL") == []


def test_interim_progress_of_a_monitoring_report_owes_no_reason():
    text = ("某县教育局2024年1-7月项目支出绩效运行监控报告\n一、基本情况\n本单位2024年项目支出年初预算1,250,000元，截至7月31日已支出486,500元，预算执行进度38.92%。\n"
            "四、存在的问题及其原因\n二是绩效目标完成进度不均衡。\n")
    assert lint(text, "OBL") == []
    assert lint(text, "EXE") == []
    assert [f.rule for f in lint(text.replace("38.92%", "48.92%"), "EXE")] == ["EXE001"]


def test_a_quoted_low_grade_is_quoted_whole():
    text = "一、自评结论\n综合得分72分，绩效评价等级为“中”。\n二、存在的问题\n无。\n"
    found = lint(text, "OBL002")
    assert where(found) == [(2, 1, "OBL002")]
    assert found[0].data["claim"] == "等级为“中”"
