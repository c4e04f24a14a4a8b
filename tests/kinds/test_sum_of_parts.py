"""Kind sum: 其中 lists, 按…分类 breakdowns and sub-scores against their totals (seed sentences)."""

from __future__ import annotations

from decimal import Decimal

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


# --- other provinces (../shared/corpus) --------------------------------------------------


def test_breakdown_after_a_full_stop_checks_the_sentence_before():
    # 018 (眉山残联): 。其中 … 776.84 + 290.36 + 992.88 = 2060.08, not 1987.08
    text = ("20xx年眉山市残疾人事业发展补助资金共投入资金1987.08万元。其中中央资金投入776.84万元,"
            "省级资金投入290.36万元,地方资金投入992.88万元。全年执行资金1847.85万元,执行率92.9%。\n")
    findings = lint(text, "SUM001")
    assert where(findings) == [(1, text.index("1987.08") + 1, "SUM001")]
    assert findings[0].data["computed"] == Decimal("2060.08")


def test_parts_in_a_same_sentence_with_half_width_commas():
    # 013 (绵阳科技局): 87.5 + 2350 = 2437.5, total stated 2455.5
    text = "项目资金总预算为2455.5万元,其中部门预算项目支出87.5万元,专项预算支出2350万元。\n"
    assert where(lint(text, "SUM001")) == [(1, text.index("2455.5") + 1, "SUM001")]


def test_parts_separated_by_semicolons():
    # 002 (池州棠溪): 30 + 30 + 29.99 = 89.99, not 89.97
    text = ("本项目共完成预算资金89.97万元。其中:30万元用于基建工程项目预算编制;30万元用于基建工程项目审计;"
            "29.99万元用于基建工程项目设计、规划、测绘。\n")
    assert where(lint(text, "SUM001")) == [(1, text.index("89.97") + 1, "SUM001")]


def test_semicolon_list_with_a_bare_wan_adds_up():
    # 033 (巴彦淖尔, 2023): eleven parts, the last written 86万
    text = ("1.2023年中央财政下达我市困难群众救助补助资金35331.2万元,其中,磴口县5079.16万元;杭锦后旗4035.12万元;临河区6684.17万元;"
            "五原县5134.25万元;乌拉特前旗8056.43万元;乌拉特中旗2995.07万元;乌拉特后旗2803万元;儿童福利院50万元;社会福利院58万元;"
            "精神病康复福利院350万元;救助站86万。\n")
    assert lint(text, "SUM001") == []


def test_traditional_script_and_qizhong_baokuo():
    # 027 (兵团): 預算數60萬元, 其中包括 60萬 + 結余 12.664萬元 = 72.664
    text = "第十四師2019年度農機購置補貼資金預算數60萬元,其中包括兵團補貼農機購置補貼資金60萬, 2018年度農機購置補貼結余資金12.664萬元。\n"
    assert where(lint(text, "SUM001")) == [(1, text.index("60萬元") + 1, "SUM001")]


def test_two_breakdowns_of_one_total_pass():
    # 015 (大英, 2020): by source 1753 + 519, then by use 609.22 + 138.78 + 1524, both 2272
    text = ("2020年共下达移民后期扶持资金2272万元，其中中央资金1753万元、省级资金519万元，"
            "用于直补到人609.22万元、基础设施建设138.78万元、产业发展1524万元。\n")
    assert lint(text, "SUM001") == []


def test_a_larger_figure_after_the_parts_is_not_a_part():
    # 020 (桂阳妇幼): 编制197人，其中全额编制34人，实际在岗345人
    text = "编制人数197人,其中全额编制人数34人,实际在岗345人(其中临时人员167人)。\n"
    assert lint(text, "SUM001") == []


def test_levels_of_a_hierarchy_are_not_parts():
    # 023 (西平): 12 indicators = 12 三级; 3 一级 and 9 二级 are levels above them
    text = "该项目共编制12个绩效目标指标,其中一级指标3个,二级指标9个,三级指标12个。\n"
    assert lint(text, "SUM001") == []


def test_a_conditional_clause_ends_the_parts():
    # 012 (寿县评分表): (2分,其中…1分,…1分,若单位无项目,得2分)
    text = "1、设置年度绩效目标(2分,其中单位整体绩效目标1分,项目绩效目标1分,若单位无项目,得2分)\n"
    assert lint(text, "SUM001") == []


def test_a_list_that_goes_on_past_its_line_is_not_summed_there():
    """A PDF page keeps its lines: a line that ends on a list separator (；) or an opening
    bracket stops mid-list, and the reader cannot join it to the next (a ； ends a sentence;
    3）春节… opens like a heading).  033 and seed 002 as a page would wrap them."""
    wrapped = ("1.2023年中央财政下达我市困难群众救助补助资金35331.2万元,其中,磴口县5079.16万元;杭锦后旗4035.12万元;"
               "临河区6684.17万元;五原县5134.25万元;乌拉特前旗8056.43万元;乌拉特中旗2995.07万元;乌拉特后旗2803万元;"
               "儿童福利院50万元;社会福利院58万元;\n精神病康复福利院350万元;救助站86万。\n")
    assert lint(wrapped, "SUM001") == []
    seed_002 = ("区文联2024年项目总额12.42万元，预算项目1-12月份总体已执行12.42万元，完成项目总额的100%，其中：（1）外地文学艺术家来零打卡"
                "接待经费2万元；（2）《零陵文艺》办刊经费3万元；（\n3）春节走访经费2.42万元；（4）2024年百名书法家送万副春联年画活动5万元。\n")
    assert lint(seed_002, "SUM001") == []
    # a list that ends its sentence on its line is still summed
    assert where(lint(wrapped.replace("58万元;\n", "58万元。\n"), "SUM001")) == [(1, wrapped.index("35331.2") + 1, "SUM001")]


def test_a_list_cut_off_with_the_text_is_not_summed():
    # 013: the head of a report stops inside the list of project funds
    text = ("项目绩效自评报告\n一、项目基本情况\n2021年部门预算项目支出87.5万元,其中科技活动交流经费5万元,"
            "科技项目评审及系统维护费18万元,绵阳市外国专家工作经费2.5万元,科")
    assert lint(text, "SUM001") == []


def test_two_classifications_stated_with_their_totals_disagree():
    # 003 (衡山贯塘, 2023 自评表): 按收入性质分 2030.12, 按支出性质分 1925.67
    text = "年度资金总额\n\n按收入性质分:2030.12\n\n按支出性质分:1925.67\n\n其中: 一般公共预算:1325.68\n\n其中:基本支出:900.47\n"
    assert where(lint(text, "SUM")) == [(5, 8, "SUM005")]


def test_a_money_part_larger_than_its_total_is_reported():
    # 006 (许昌) with one part changed: 857.49 + 46.25 exceeds 803.74
    text = "部门预算总金额 803.74 万元其中:基本支出 857.49 万元,项目支出 46.25 万元。\n"
    assert where(lint(text, "SUM001")) == [(1, text.index("803.74") + 1, "SUM001")]


def test_a_change_between_years_is_neither_total_nor_part():
    # 039 (南县政协): 收入792.22万元。同比增加189.25万元…。其中：财政拨款收入792.22万元，同比增加209.28万元
    text = ("1、收入:792.22万元。同比上年度增加189.25万元,增加31.39%。其中:财政拨款收入792.22万元,"
            "同比上年度增加209.28万元,增加35.9%。\n")
    assert lint(text, "SUM001") == []


def test_parts_that_repeat_attributes_are_matched_by_attribute():
    # 034 (梅县): 核减2.77亿元 of which 核减1.98 (预算) and 核减0.78 (结算), beside 送审/审定 amounts
    text = ("审定358宗,送审金额35.43亿元,审定金额32.66亿元,核减2.77亿元,核减率7.82%,其中预算173宗,送审金额23.79亿元,"
            "审定金额21.81亿元,核减1.98亿元,核减率8.32%,结算185宗,送审金额11.63亿元,审定金额10.85亿元,核减0.78亿元,核减率6.71%。\n")
    assert lint(text, "SUM001") == []


def test_each_list_of_a_long_paragraph_without_a_full_stop_is_summed_on_its_own():
    # one paragraph, no 。: 400 lists of 其中 in a row (the kind looks back a bounded stretch and
    # finds each list's figures by bisection); only the changed one is reported
    lists = [f"全年预算数{i + 10}万元，其中基本支出{i}万元，项目支出10万元；" for i in range(400)]
    lists[321] = "全年预算数331万元，其中基本支出321万元，项目支出11万元；"
    text = "".join(lists) + "\n"
    assert where(lint(text, "SUM001")) == [(1, text.index("331万元") + 1, "SUM001")]


def test_a_figure_is_found_in_its_stretch_of_the_paragraph():
    from pathlib import Path

    from perflint.check.engine import prepare_document
    from perflint.check.packs import load_shipped
    from perflint.model.facts import between, facts, in_block
    from perflint.read.source import Source

    from ..conftest import SEEDS

    for path in sorted(Path(SEEDS).glob("*.txt")):
        doc = prepare_document(Source(str(path), path.read_text(encoding="utf-8")), load_shipped())
        facts(doc)
        for block in doc.blocks:
            found = in_block(doc, block)
            assert [f.quantity.start for f in found] == sorted(f.quantity.start for f in found)
            for lo, hi in ((0, len(block.text)), (5, 40), (len(block.text) // 2, len(block.text))):
                assert between(doc, block, lo, hi) == [f for f in found if lo <= f.quantity.start < hi]


def test_a_breakdown_is_checked_against_every_total_its_section_states():
    # a section stating many budgets and spendings: a breakdown that adds up to any of them
    # passes (the totals are searched by value); one that adds up to none is reported against
    # the closest spending (执行数 before 预算数 in the pack's order)
    stated = "".join(f"第{i}项预算数{100 + i}万元，执行数{90 + i}.50万元。" for i in range(300))
    good = stated + "按支出性质分，基本支出150万元，项目支出40.50万元。\n"  # 190.50: the spending of item 100
    assert lint(good, "SUM002") == []
    bad = stated + "按支出性质分，基本支出150万元，项目支出40.45万元。\n"
    findings = lint(bad, "SUM002")
    assert [f.rule for f in findings] == ["SUM002"]
    assert (findings[0].data["label"], findings[0].data["total"]) == ("执行数", Decimal("190.50"))


def test_parts_in_another_unit_than_the_total_are_shown_with_their_units():
    text = "全年支出1.3亿元，其中：基本支出9000万元，项目支出3000万元。\n全年支出1.2亿元，其中：基本支出9000万元，项目支出3000万元。\n"
    found = lint(text, "SUM001")
    assert where(found) == [(1, 5, "SUM001")]
    assert found[0].data["arithmetic"] == "9000万元 + 3000万元 = 1.2"


# 绵阳 013, line 23 (cut off in the excerpt after its sixth part; completed here with a seventh
# part of 19万元 so that the seven add up to 87.5): a breakdown after 分别是, not 其中.
MIANYANG_013_23 = ("2021年部门预算项目支出87.5万元,分别是科技活动交流经费5万元,科技项目评审及系统维护费18万元,"
                   "绵阳市外国专家工作经费2.5万元,省级科技计划项目验收工作经费16万元,科技型中小企业办公室(双创办)工作经费18万元,"
                   "科技项目监管和科技项目组织经费9万元,科技宣传经费19万元。\n")


def test_a_breakdown_after_fenbie_is_summed():
    assert lint(MIANYANG_013_23, "SUM") == []
    wrong = MIANYANG_013_23.replace("科技宣传经费19万元", "科技宣传经费18万元")
    assert where(lint(wrong, "SUM001")) == [(1, wrong.index("87.5") + 1, "SUM001")]
    assert where(lint(wrong.replace("分别是", "分别为"), "SUM001")) == [(1, wrong.index("87.5") + 1, "SUM001")]


def test_amounts_of_things_named_before_fenbie_are_not_a_breakdown():
    # no total before 分别为: the figures belong to the subjects listed before it
    assert lint("培训、宣传、设备三项经费分别为10万元、20万元、30万元，合计60万元。\n", "SUM") == []
    # the real excerpt stops inside its list: nothing to add up
    assert lint(MIANYANG_013_23.split(",科技宣传经费")[0] + ",科\n", "SUM") == []
