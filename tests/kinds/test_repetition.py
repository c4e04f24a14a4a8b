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
