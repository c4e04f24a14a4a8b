"""Kind pattern: debris, template text, contradictory approximations, typos (seed sentences)."""

from __future__ import annotations

from ..conftest import lint, where


def test_bookmark_debris_seed_002_line_8():
    assert where(lint("[bookmark: _GoBack]（1）主要职责：\n", "TXT001")) == [(1, 1, "TXT001")]


def test_latex_from_ocr_with_replacement_seed_004():
    line = "预期达到：1、舆情日报数量 \\geq 200期；2、正面新闻报道量 \\geq 8000篇。\n"
    findings = lint(line, "TXT001")
    assert where(findings) == [(1, line.index("\\geq") + 1, "TXT001"), (1, line.rindex("\\geq") + 1, "TXT001")]
    assert findings[0].data["replacement"] == "≥"


def test_real_operators_pass():
    assert lint("预期达到：1、舆情日报数量 ≥ 200期；6、市民对文明城市建设满意度85%以上。\n", "TXT") == []


def test_near_200_more_than_seed_003_line_55():
    line = "先后在中央、省市区等媒体刊物发表新闻信息和理论文章近200余篇（条）（其中，有10余篇在中央级媒体刊物发表）。\n"
    assert where(lint(line, "TXT003")) == [(1, line.index("近200余") + 1, "TXT003")]


def test_near_alone_and_more_than_alone_pass():
    # seed 004 line 51: 近110万 / 近34万人次; seed 003: 190余篇
    assert lint("获得点赞票数近110万。近34万人次参加。征集文史资料稿件190余篇。\n", "TXT003") == []


def test_typo_needs_its_context():
    bad = "落实党组全面从严治党主题责任清单，提升机关党建工作水平。\n"
    assert where(lint(bad, "TXT004")) == [(1, bad.index("主题责任") + 1, "TXT004")]
    assert lint("开展主题教育，明确主题责任分工。\n", "TXT004") == []


def test_typo_with_lookbehind_seed_001_line_115():
    bad = "按要求编写门本级及下属单位的预决算公开文本，认真较对文本中的数据及文字表述。\n"
    assert where(lint(bad, "TXT004")) == [(1, bad.index("较对") + 1, "TXT004")]
    assert lint("比较对象为上年同期数据。\n", "TXT004") == []


def test_template_text_left_in():
    line = "说明项目自评总分、等级及主要成效（200字以内）。\n"
    assert where(lint(line, "TXT002")) == [(1, line.index("（200") + 1, "TXT002")]
    assert lint("部门整体支出绩效自评总分 100 分，自评得分 96.9 分。\n", "TXT002") == []


def test_match_split_by_a_page_break_points_at_both_lines():
    text = "一是开展宣传，印发感染奥秘\n\n克戎宣传指南 2.6 万册。\n"
    findings = lint(text, "TXT004")
    assert where(findings) == [(1, 12, "TXT004")]
    assert (findings[0].position.end_line, findings[0].position.end_column) == (3, 3)
