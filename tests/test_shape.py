"""What a text is before it is judged: shape, parts and completeness, on real corpus texts.

Excerpts are from ../shared/corpus (copied to benchmarks/quality/corpus), trimmed;
the file each comes from is named in the test.
"""

from __future__ import annotations

from perflint.check.engine import prepare_document
from perflint.check.packs import load_shipped
from perflint.read.source import Source

from .conftest import seed_path


def parts(text: str):
    doc = prepare_document(Source("t.txt", text), load_shipped())
    return [(p.shape, p.cut_start, p.cut_end) for p in doc.parts]


QINGSHEN_FORM = (  # 001 (四川青神, 2023): a 自评表 flattened one cell per line, each ending " |"
    "部门预算项目支出绩效自评表(2023年度) |\n项目名称 |\n51000021R000000019951-工资性支出 |\n"
    "预算执行情况(10分) |\n年度预算数(万元) |\n年初预算 |\n调整后预算数 |\n预算执行数 |\n预算执行率 |\n权重 |\n得分 |\n"
    "总额 |\n238.93 |\n251.89 |\n251.89 |\n100.00% |\n10 |\n|\n绩效指标(90分) |\n一级指标 |\n二级指标 |\n三级指标 |\n"
    "指标性质 |\n指标值 |\n度量单位 |\n完成值 |\n权重 |\n得分 |\n合计 |\n100 |\n项目负责人: |\n财务负责人: |\n"
)


def test_a_form_flattened_one_cell_per_line_is_a_whole_form():
    assert parts(QINGSHEN_FORM) == [("form", "", "")]


def test_a_form_flattened_into_one_line_is_a_form():
    # 016 (四川大英): the tail of a 自评表 run into one line
    text = ("产出指标数量指标足额保障率=100% 22.5 科目调整次数≤10次 22.5 时效指标按时发放率=100% 22.5 "
            "效益指标经济效益指标结余率(计算方法为:结余数/预算数)≤5% 22.5 合计100 评价结论及时、足额缴纳。"
            "存在问题暂无改进措施暂无项目负责人:财务负责人:")
    assert parts(text) == [("form", "begins inside a table", "")]


def test_a_report_cut_mid_sentence():
    # 013 (四川绵阳): the head of a report, cut inside a list of amounts
    text = ("项目绩效自评报告\n\n一、项目基本情况\n\n（一）绩效目标情况\n\n"
            "绵阳市科学技术局主要有部门预算项目支出、专项预算支出二类支出，项目资金总预算为2455.5万元。\n\n"
            "（二）资金安排情况\n\n2021年部门预算项目支出87.5万元，分别是科技活动交流经费5万元，科")
    assert parts(text) == [("report", "", "ends mid-sentence")]


def test_a_report_that_stops_before_its_closing_parts():
    # 026 (扶贫酒厂, 2020): ends with a full stop, but inside its third section
    text = ("财政专项扶贫资金绩效自评报告\n一、绩效目标分解下达情况\n年度资金40.83万元，本年度财政拨款40.83万元，执行率100%。\n"
            "二、绩效自评开展情况\n2020年11月10日，镇村扶贫酒厂改建发酵池、地下酒窖。\n三、绩效目标自评完成情况分析\n"
            "（一）资金投入情况分析\n1、年度资金40.83万元，本年度财政拨款40.83万元。\n3、项目资金专款专用，专人管理。\n")
    assert parts(text) == [("report", "", "stops before the closing parts")]


def test_a_report_closed_by_its_signature_and_date_is_whole():
    # 025 (河南固始, 2024): a complete report without problems or measures, signed and dated
    text = ("一、绩效目标分解下达情况\n我镇计划对仰天洼社区实施排水沟建设工程，安排项目资金56万元。\n"
            "二、绩效目标自评完成情况分析\n计划资金全部到位56万元，项目已验收结算。\n"
            "三、绩效自评结果拟应用和公开情况\n本次自评结果可以为下次资金分配提供数据参考。\n"
            "固始县祖师庙镇人民政府\n2025年12月30日\n")
    assert parts(text) == [("report", "", "")]


def test_a_fragment_that_begins_at_a_later_ordinal():
    # 015 (四川大英, 2020): the tail of a department report, from （三）存在问题
    text = ("根据2020年部门整体支出项目绩效评价指标体系，大英县扶贫开发局整体绩效自评分95分。\n(三)\n存在问题。\n"
            "绩效目标编制不够完善。\n(四)\n改进建议。\n一是加强绩效评价工作业务培训。\n")
    assert parts(text)[0][1] == "begins at (三)"


def test_an_aggregator_page_holds_two_reports():
    # 034 (梅州梅县): page title and boilerplate, then report 1 (whole), then the head of report 2
    text = ("补助资金绩效自评报告\n\n时间:2023-04-28 09:18:56 盛林 报告 我要投稿\n\n"
            "  随着个人素质的提升，接触并使用报告的人越来越多，要注意报告在写作时具有一定的格式。那么一般报告是怎么写的呢？下面是小编收集整理的补助资金绩效自评报告，希望能够帮助到大家。\n\n"
            "补助资金绩效自评报告 1\n\n一、项目概况\n\n承担财政性投资项目的工程预（结）算审核工作。\n\n二、资金使用与绩效情况\n\n支付第三方咨询公司审核服务费454.37万元。\n\n"
            "三、存在问题\n\n审核资料不完善，造成来回函件回复时间增加。\n\n总体评价。充分利用预算资金，提高了审核质量效率。\n\n"
            "补助资金绩效自评报告 2\n\n为确实做好20xx年度专项资金绩效自评工作，根据《宜章县财政局关于开展")
    assert parts(text) == [("report", "", ""), ("report", "", "ends mid-sentence")]


def test_a_text_without_any_heading_is_judged_an_excerpt():
    assert parts("乡村振兴衔接资金2179万元目前已全部拨付，及时安排到相关项目。\n") == [("report", "", "has no outline")]


def test_the_seeds_are_whole_reports():
    for prefix in ("000", "001", "002", "003", "004"):
        assert parts(seed_path(prefix).read_text(encoding="utf-8")) == [("report", "", "")], prefix


ZHONGXIAN = (  # 031 (重庆忠县, 2024): a hijacked page's spam line and navigation before the report's title
    "竞彩足球比分\n图片\n忠县人民政府\n搜索\n您当前的位置: 部门>民政局>政务公开>法定主动公开内容>预算/决算>预算\n"
    "您当前的位置: 民政局>政务公开>法定主动公开内容>预算/决算>预算\n[ 索引号 ]\n11500233709436995H/2025-00204\n"
    "[ 发文字号 ]\n[ 主题分类 ]\n财政\n[ 体裁分类 ]\n财政预算、决算\n[ 发布机构 ]\n忠县民政局\n[ 有效性 ]\n有效\n"
    "[ 成文日期 ]\n2025-05-30\n[ 发布日期 ]\n2025-05-30\n忠县民政局2024年度资金绩效自评报告\n一、绩效目标分解下达情况\n"
    "（一）中央、市级下达专项转移支付预算\n2024年度，中央、市级下达转移支付慈善会项目40万元。\n")


def test_boilerplate_before_a_title_is_a_preamble_part():
    assert [s for s, _, _ in parts(ZHONGXIAN)] == ["preamble", "report"]


def test_a_view_of_some_parts_holds_those_parts_whatever_iterable_names_them():
    # a rule for reports only sees the report, not the preamble before it; the engine may name
    # the parts with any iterable (the view once rebuilt a set of them for every part: a
    # generator was spent on the first, and a text of thousands of reports cost their square)
    doc = prepare_document(Source("t.txt", ZHONGXIAN), load_shipped())
    preamble, report = doc.parts
    view = doc.view(p for p in doc.parts if p.shape == "report")
    assert view.parts == [report] and view.blocks == report.blocks
    assert doc.view(iter([preamble, report])) is doc
