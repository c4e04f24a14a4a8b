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


# --- other provinces (../shared/corpus) --------------------------------------------------

GUSHI_2024 = ("固始县巩固拓展脱贫攻坚成果与乡村振兴有效衔接指挥部:\n"
              "根据《国务院办公厅关于转发财政部、国务院扶贫办、国家发展改革委扶贫项目资金绩效管理办法的通知》国办文[2018]35号文件精神，"
              "现将2024年固始县祖师庙镇仰天洼社区产业设施配套项目绩效目标自评报告如下:\n"
              "一、绩效目标分解下达情况\n因我镇所属仰天洼社区排水设施薄弱，安排项目资金56万元。\n"
              "二、绩效目标自评工作开展情况\n对项目开展自评。\n三、绩效目标自评完成情况分析\n(一)资金投入情况分析\n下达建设资金56万元。\n"
              "四、绩效自评结果拟应用和公开情况\n本次自评结果可以为下次资金分配提供数据参考，并在系统内部公开。\n"
              "固始县祖师庙镇人民政府\n2025年12月30日\n")


def test_transfer_payment_report_without_problems_or_measures():
    # 025 (河南固始, 2024): a whole 衔接资金 report, signed and dated, with no problems or measures
    findings = lint(GUSHI_2024, "STR")
    assert [(f.rule, f.data["slot"]) for f in findings] == [("STR001", "存在问题"), ("STR001", "改进措施")]


def test_a_cut_off_report_gets_one_notice_not_missing_sections():
    text = GUSHI_2024[: GUSHI_2024.index("四、")] + "四、绩效自评结果拟应用和公开"
    findings = lint(text, "STR")
    assert [f.rule for f in findings] == ["STR004"]
    assert findings[0].data["skipped"].startswith("GRD003") or "STR001" in findings[0].data["skipped"]


def test_each_report_of_an_aggregator_page_is_judged_on_its_own():
    # 034 (梅县): report 1 is whole and has no measures; report 2 is cut off
    text = ("补助资金绩效自评报告 1\n\n一、项目概况\n\n承担财政性投资项目的工程预（结）算审核工作。\n\n"
            "二、资金使用与绩效情况\n\n支付第三方咨询公司审核服务费454.37万元。\n\n"
            "三、存在问题\n\n审核资料不完善，存在比较多的项目漏设计或预算缺项，造成来回函件回复时间增加。\n\n"
            "加强对第三方咨询公司的监督管理，提高审核质量。\n\n总体评价。充分利用预算资金，扩充了审核力量。\n\n"
            "补助资金绩效自评报告 2\n\n为确实做好20xx年度专项资金绩效自评工作，根据《宜章县财政局关于开展")
    findings = lint(text, "STR")
    assert [(f.rule, f.data.get("slot")) for f in findings] == [("STR001", "改进措施"), ("STR004", None)]


# Headings other provinces give the problems and measures sections (pack data: x-titles in
# rules/national.yaml), on seed 000's outline: each satisfies the outline, none is 'missing'.
PROBLEM_TITLES = ["三、存在的困难和问题", "三、主要困难", "三、问题与困难", "三、存在的短板", "三、薄弱环节", "三、偏差情况及原因分析"]
MEASURE_TITLES = ["四、今后工作思路", "四、下步工作打算", "四、努力方向", "四、改进意见", "四、对策措施",
                  "四、整改方向", "四、下一步计划", "四、改进举措"]


def test_other_provinces_problem_and_measure_headings_satisfy_the_outline():
    for title in PROBLEM_TITLES:
        assert lint(SEED_000_OUTLINE.replace("三、存在的主要问题", title), "STR") == [], title
    for title in MEASURE_TITLES:
        assert lint(SEED_000_OUTLINE.replace("四、下一步改进措施", title), "STR") == [], title
    # a heading that names neither is still no measures section
    missing = SEED_000_OUTLINE.replace("四、下一步改进措施", "四、其他情况")
    assert [f.rule for f in lint(missing, "STR001")] == ["STR001"]


def test_other_provinces_basics_and_self_evaluation_headings_satisfy_the_outline():
    for title in ("一、项目概述", "一、项目简介", "一、单位简介", "一、部门概述"):
        assert lint(SEED_000_OUTLINE.replace("一、基本情况", title), "STR001") == [], title
    for title in ("二、绩效评价情况", "二、绩效目标实现情况", "二、绩效评价结果", "二、项目绩效分析", "二、绩效目标及完成情况"):
        assert lint(SEED_000_OUTLINE.replace("二、综合评价分析", title).replace("（一）自评结论综述", "（一）总体情况"),
                    "STR001") == [], title
    missing = SEED_000_OUTLINE.replace("二、综合评价分析", "二、其他事项").replace("（一）自评结论综述", "（一）有关说明")
    assert [f.rule for f in lint(missing, "STR001")] == ["STR001"]


def test_a_report_ending_with_its_list_of_attachments_is_whole():
    """附件：1.项目支出绩效自评表 / 2.… names forms; it is no report of its own (its title ends in
    自评表), its entries are no empty sections, and the report does not end mid-sentence."""
    for ending in ("附件：项目支出绩效自评表\n", "附件：1.项目支出绩效自评表\n2.部门整体支出绩效评价指标表\n",
                   "附件：\n1.项目资金明细\n2.佐证材料\n", "附件1\n"):
        assert lint(SEED_000_OUTLINE + "\n" + ending, "STR") == [], ending
    # a form that does follow 附件： is read as the form it is
    form = ("附件：项目支出绩效自评表\n"
            "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n"
            "产出指标\t数量指标\t舆情日报数量\t≥200期\t432期\t50\t50\t\n"
            "效益指标\t社会效益指标\t市民满意度\t≥85%\t96%\t50\t40\t\n")
    rules = [f.rule for f in lint(SEED_000_OUTLINE + "\n" + form, "TGT005", "STR001", "STR003")]
    assert rules == ["TGT005"]  # lost points with the reason left blank: the form was read as one
