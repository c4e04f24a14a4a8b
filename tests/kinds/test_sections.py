"""Kind sections: required slots by alias, their order, empty sections (real seed outlines)."""

from __future__ import annotations

from ..conftest import lint, seed_text, where

SEED_000_OUTLINE = """广州市文学艺术界联合会

2021 年部门整体支出绩效自评报告

一、基本情况

（一）部门概况

广州市文学艺术界联合会（简称广州市文联）是中共广州市委领导的人民团体。

二、综合评价分析

（一）自评结论综述

总分 100 分，部门整体绩效自评得分为 92.38 分。

三、存在的主要问题

项目预算不够精细准确，存在预算调整现象。

四、下一步改进措施

及时总结往年预算编制经验，规避问题。
"""


def test_complete_department_outline_is_silent():
    assert lint(SEED_000_OUTLINE, "STR") == []


def test_every_seed_outline_is_complete_and_in_order():
    for prefix in ("000", "001", "002", "003", "004"):
        assert where(lint(seed_text(prefix), "STR001", "STR002")) == [], prefix


def test_missing_problems_section_is_a_document_level_finding():
    text = SEED_000_OUTLINE.replace("三、存在的主要问题\n\n项目预算不够精细准确，存在预算调整现象。\n\n", "").replace("四、", "三、")
    findings = lint(text, "STR001")
    assert where(findings) == [(None, None, "STR001")]
    assert findings[0].data["slot"] == "存在问题"
    assert findings[0].position is None


def test_aliases_of_the_monitoring_outline_are_accepted():
    # seed 002's titles: 存在的问题及其原因 / 有关建议及工作措施
    text = "2024年永州市零陵区文学艺术界联合会\n绩效报告\n1、 基本情况\n零陵区文联现有在职工作人员11人。\n三、绩效运行监控情况\n区文联2024年项目总额12.42万元。\n四、存在的问题及其原因\n杂志出版工作的进度落后。\n五、有关建议及工作措施\n进一步做好工作任务节点规划。\n"
    assert where(lint(text, "STR001")) == []


def test_monitoring_report_without_its_monitoring_section():
    text = "某局2024年项目支出绩效运行监控报告\n一、基本情况\n本局现有在职工作人员11人。\n二、存在的问题及其原因\n杂志出版工作的进度落后。\n三、有关建议及工作措施\n进一步做好工作任务节点规划。\n"
    findings = lint(text, "STR001")
    assert [f.data["slot"] for f in findings] == ["监控情况"]


def test_swapped_problems_and_measures_titles_are_out_of_order():
    text = SEED_000_OUTLINE.replace("三、存在的主要问题", "三、下一步改进措施", 1).replace("四、下一步改进措施", "四、存在的主要问题", 1)
    assert where(lint(text, "STR")) == [(17, 1, "STR002")]


def test_empty_section_is_reported_at_its_heading():
    text = SEED_000_OUTLINE.replace("项目预算不够精细准确，存在预算调整现象。\n\n", "")
    assert where(lint(text, "STR003")) == [(17, 1, "STR003")]


def test_numbered_paragraph_is_not_an_empty_section():
    # seed 001 lines 9-11: numbered duties are content, not titles
    text = "（一）部门职能\n\n1. 统一组织、规划、部署市直机关党的工作，并抓好组织实施。\n\n2. 指导市直机关党的政治建设、思想建设、组织建设。\n"
    assert where(lint(text, "STR003")) == []


PART_OUTLINE = ("某省某厅2023年度部门整体支出绩效自评报告\n\n第一部分 基本情况\n一、部门职能\n本厅主要负责全省文化工作。\n\n"
                "第二部分 绩效自评情况\n一、自评结论\n自评得分92分，自评等级为优。\n\n"
                "存在的主要问题\n一是预算编制不够精细。\n\n下一步改进措施\n一是提高预算编制精细化水平。\n")


def test_part_headings_and_unnumbered_titles_satisfy_the_outline():
    # 第一部分… outlines (other provinces) and section titles written without an ordinal
    assert lint(PART_OUTLINE, "STR", "NUM") == []


def test_unnumbered_titles_out_of_order():
    text = PART_OUTLINE.replace("存在的主要问题\n一是预算编制不够精细。\n\n", "").replace(
        "一是提高预算编制精细化水平。\n", "一是提高预算编制精细化水平。\n\n存在的主要问题\n一是预算编制不够精细。\n")
    assert [f.rule for f in lint(text, "STR002")] == ["STR002"]
