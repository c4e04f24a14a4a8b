"""Kind repetition: repeated paragraphs and sentences, doubled clauses, page-break doubling."""

from __future__ import annotations

from ..conftest import lint, seed_text, where

PARA_53 = "深化团结联谊强信心。始终把促进粤港澳紧密合作、凝聚爱国爱港爱澳人心力量作为重要履职内容，主动走访港澳委员企业，协调解决困难。"
PARA_55 = "整合文史资源聚人心。秉承以史育人、以史资政理念，征集文史资料稿件190余篇，拍摄古村落12个（其中，有10余篇在中央级媒体刊物发表）。"


def test_repeated_paragraph_seed_003():
    text = f"{PARA_53}\n\n（四）主要工作成效\n\n{PARA_53}\n"
    assert where(lint(text, "REP")) == [(5, 1, "REP001")]


def test_repeat_up_to_blanks_and_width_across_a_page_break():
    # seed 003 line 113/115 repeats line 55 with a page break and a half-width bracket
    split = PARA_55.replace("中央级媒体刊物发表）", "中央级媒体\n\n刊物发表)")
    text = f"{PARA_55}\n\n4. 凝心聚力\n\n{split}\n"
    assert where(lint(text, "REP001")) == [(5, 1, "REP001")]


def test_distinct_paragraphs_pass():
    assert lint(f"{PARA_53}\n\n{PARA_55}\n", "REP") == []


def test_repeated_sentences_seed_001_line_49():
    first = "1.旗帜鲜明讲政治抓政治。一是抓实市直机关主题教育。三是抓好理论研究和意识形态工作。印发《市直机关工委大兴调查研究的工作方案》，召开市直机关党建研究重点课题中期研讨会，组织各单位开展党建课题调研190余项。\n"
    second = "2.持续强化理论武装。一是强化思想政治引领。三是抓好理论研究和意识形态工作。印发《市直机关工委大兴调查研究的工作方案》，召开市直机关党建研究重点课题中期研讨会，组织各单位开展党建课题调研 190 余项。严格落实意识形态工作责任制。\n"
    findings = lint(first + "\n" + second, "REP002")
    assert where(findings) == [(3, second.index("三是") + 1, "REP002")]
    assert findings[0].data["first_line"] == 1


def test_short_repeated_sentences_pass():
    assert lint("一是加强制度建设。\n\n二是加强制度建设。\n", "REP") == []


def test_doubled_clause_seed_004_line_83():
    line = "广泛开展道德典型选树宣传，报送“广东好人”31 位、“广州好人”36 位，报送“广东好人”31 位、“广州好人”36 位，其中被评为“中国好人”1 人。\n"
    assert where(lint(line, "REP003")) == [(1, line.rindex("，报送") + 2, "REP003")]


def test_enumerated_clauses_that_differ_pass():
    assert lint("同部署、同研究、同检查，同考核、同激励。\n", "REP003") == []


def test_character_doubled_across_page_break_seed_004():
    text = "七是完善新闻媒体采访接访指引。四是\n\n是开展视频直播 102 场。\n"
    assert where(lint(text, "REP004")) == [(3, 1, "REP004")]


def test_reduplication_across_page_break_passes():
    assert lint("这一做法经过反复论证，大家常\n\n常提起。\n", "REP004") == []
    assert lint("要求各单位加强对\n\n对象的管理，确保到位。\n", "REP004") == []


def test_seed_000_has_no_repetition():
    assert lint(seed_text("000"), "REP") == []


# --- other provinces (../shared/corpus) --------------------------------------------------


def test_a_sentence_about_this_fund_repeated_for_another_fund_passes():
    # 032 (万源民政局): the same 此款资金… sentence under central and provincial funds, by design
    text = ("（一）中央下达困难群众救助转移支付预算和绩效目标情况\n2021年我局共收到中央下达困难群众救助补助资金9056万元。"
            "此款资金主要用于城乡低保、特困供养、临时救助、事实无人抚养儿童、孤儿生活保障及流浪乞讨人员救助补助支出。\n"
            "（二）省内资金安排、分解下达预算和绩效目标情况\n省级下达资金804万元。"
            "此款资金主要用于城乡低保、特困供养、临时救助、事实无人抚养儿童、孤儿生活保障及流浪乞讨人员救助补助支出。\n")
    assert lint(text, "REP") == []


def test_plan_and_actual_in_a_form_repeat_by_design():
    # 002 (池州棠溪 自评表, one line): the plan and the actual list the same uses
    text = ("附件: 项目支出绩效自评表 (2022年度) 项目名称 委托业务项目 年初预算数 全年预算数 全年执行数 分值 执行率 得分 年度资金总额: 0 0 0 10 0 0 "
            "年度总体目标 预期目标 实际完成情况 本项目共申请预算资金90万元。其中:30万元用于基建工程项目预算编制;30万元用于基建工程项目审计;"
            "30万元用于基建工程项目设计、规划、测绘。 本项目共完成预算资金89.97万元。其中:30万元用于基建工程项目预算编制;30万元用于基建工程项目审计;"
            "29.99万元用于基建工程项目设计、规划、测绘。 绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分\n")
    assert lint(text, "REP") == []


#: Seed 001 lines 19–21: an item cut by a page break and re-joined (…了解掌握情况， / 按规定报送情况报告。).
ITEM_6 = ("6. 配合市委有关部门抓好市直机关各部门领导班子思想政治建设，参与对党员领导干部民主生活会和市直机关"
          "各部门党委（党组）理论学习中心组学习的督促检查和指导，了解掌握情况，\n\n按规定报送情况报告。\n")
ITEM_7 = "7. 督促指导市直机关党组织按期换届，审批关于召开党员大会或党员代表大会的请示。\n"
ITEM_8 = "8. 指导市直机关党组织加强基层组织建设，做好党员发展、教育和管理等工作。\n"


def test_a_line_copied_without_the_rest_of_its_paragraph():
    """The first line of item 6 pasted again after item 7: it stops mid-sentence where the
    original goes on to 按规定报送情况报告。"""
    copy = ITEM_6.split("\n")[0]
    text = f"{ITEM_6}\n{ITEM_7}\n{copy}\n\n{ITEM_8}"
    findings = lint(text, "REP")
    assert where(findings) == [(7, 1, "REP002")] and findings[0].data["first_line"] == 1


def test_the_items_as_written_pass():
    assert lint(f"{ITEM_6}\n{ITEM_7}\n{ITEM_8}", "REP") == []


def test_a_title_that_opens_like_an_earlier_sentence_passes():
    """A heading without a body often restates the start of a sentence above it: not a copy."""
    sentence = "加强预算绩效管理，提高财政资金使用效益，确保各项资金按规定用途使用到位。\n"
    assert lint(f"{sentence}\n（三）加强预算绩效管理，提高财政资金使用效益\n\n{ITEM_8}", "REP") == []


def test_an_excerpt_cut_off_where_an_earlier_sentence_goes_on_passes():
    """The last paragraph of a text that stops mid-sentence stops there because the text does
    (STR004 says so), not because it was copied."""
    cut = ITEM_6.split("，了解")[0].replace("6. ", "9. ")
    text = f"{ITEM_6}\n{ITEM_7}\n{cut}"
    assert lint(text, "REP") == []
    assert where(lint(text + "\n\n" + ITEM_8, "REP")) == [(7, 1, "REP002")]  # not the last paragraph: a copy
