"""Kind pairing: problems answered by measures, on the seeds' own problems and measures sections."""

from __future__ import annotations

from ..conftest import lint, seed_text, where

SEED_000_TAIL = seed_text("000")[seed_text("000").index("三、存在的主要问题"):]
MEASURE_1 = SEED_000_TAIL[SEED_000_TAIL.index("及时总结往年预算编制经验"):SEED_000_TAIL.index("落实主体责任")]


def test_seeds_000_002_003_pair_up():
    for prefix in ("000", "002", "003"):
        assert [f for f in lint(seed_text(prefix), "PRB") if f.severity.value != "info"] == [], prefix
        assert lint(seed_text(prefix), "PRB001", "PRB002") == [], prefix


def test_seed_004_line_88_is_unanswered():
    findings = lint(seed_text("004"), "PRB001")
    assert where(findings) == [(88, 3, "PRB001")]
    data = findings[0].data
    assert data["topics"] == "预算执行" and data["measure_line"] == 96
    assert [row["score"] for row in data["table"]][1] < 0.3


def test_removing_a_measure_leaves_its_problem_unanswered():
    text = SEED_000_TAIL.replace(MEASURE_1, "")
    assert where(lint(text, "PRB001")) == [(3, 1, "PRB001")]


def test_swapped_titles_give_a_sections_finding_not_a_crash():
    swapped = (SEED_000_TAIL.replace("三、存在的主要问题", "三、下一步改进措施", 1)
               .replace("四、下一步改进措施", "四、存在的主要问题", 1))
    text = "2021 年部门整体支出绩效自评报告\n\n一、基本情况\n\n广州市文联是人民团体。\n\n二、综合评价分析\n\n自评得分为92.38分。\n\n" + swapped
    assert "STR002" in {f.rule for f in lint(text)}


def test_fewer_itemised_measures():
    text = ("三、存在的主要问题\n\n一是设置绩效指标的科学性要进一步提高；二是财务管理有待加强；三是采购管理不规范。\n\n"
            "四、下一步改进措施\n\n（一）提升评价质量，对照绩效目标及指标值认真开展绩效自评。\n\n（二）加强学习，规范财务、采购等各项工作管理。\n")
    assert where(lint(text, "PRB002")) == [(5, 1, "PRB002")]


def test_one_undivided_measure_paragraph_covering_all_problems_passes():
    # seed 003: two problems, one paragraph of measures that covers both
    assert lint(seed_text("003"), "PRB001", "PRB002") == []


def test_partial_coverage_is_info_seed_001():
    findings = lint(seed_text("001"), "PRB")
    assert [(f.line, f.rule, f.severity.value) for f in findings] == [(127, "PRB003", "info")]
    assert findings[0].data["missing"] == "预决算公开"


def test_vague_measure():
    text = "三、存在的主要问题\n\n项目预算不够精细准确。\n\n四、下一步改进措施\n\n进一步加强管理，提高认识。\n"
    assert where(lint(text, "PRB004")) == [(7, 1, "PRB004")]
    assert lint(seed_text("002"), "PRB004") == []


def test_placeholder_problems():
    text = "三、存在的主要问题\n\n暂无。\n\n四、下一步改进措施\n\n暂无。\n"
    assert where(lint(text, "PRB005")) == [(1, 1, "PRB005")]
    assert lint(text, "PRB001", "PRB002", "PRB003") == []


def test_a_measure_naming_the_same_project_answers_its_problem():
    # a monitoring report outside the seeds: 校舍维修 and 支付 tie the measure to the problem
    text = ("四、存在的问题及其原因\n一是部分项目预算执行进度偏慢，校舍维修项目受招标程序影响，执行率偏低。二是绩效目标完成进度不均衡。\n"
            "五、有关建议及工作措施\n一是加快校舍维修项目招标和施工进度，确保9月底前完成支付。二是按月调度各项目绩效目标完成情况，对进度滞后的项目及时纠偏。\n")
    assert lint(text, "PRB") == []


def test_unnumbered_problem_and_measure_sections_are_paired():
    text = ("第二部分 绩效自评情况\n自评得分92分。\n\n存在的主要问题\n一是预算编制不够精细；二是资产管理不够规范。\n\n"
            "下一步改进措施\n一是提高预算编制精细化水平。\n")
    assert where(lint(text, "PRB001")) == [(5, text.split("\n")[4].index("二是") + 1, "PRB001")]
    assert lint(text.replace("一是提高预算编制精细化水平。", "一是提高预算编制精细化水平；二是开展固定资产清查。"), "PRB001") == []


def test_unnumbered_placeholder_points_at_its_title_line():
    text = "2023年度部门整体支出绩效自评报告\n存在的主要问题\n暂无。\n\n下一步改进措施\n暂无。\n"
    assert where(lint(text, "PRB005")) == [(2, 1, "PRB005")]
