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


# --- other provinces (../shared/corpus) --------------------------------------------------


def test_mojibake_of_a_garbled_heading():
    # 019 (范文, traditional): （一）項目概況 garbled by a GBK/Big5 round trip
    text = "一、項目支出基本情況\n。ㄒ唬╉椖扛艣r:資金規模共計2535.4萬元。\n"
    assert where(lint(text, "TXT001")) == [(2, 1, "TXT001")]


def test_mojibake_with_a_pinyin_letter_and_box_drawing():
    # 043 (湖南住建厅): （二）績效目標 → 。ǘ┛冃繕
    text = "二、項目績效目標\n。ǘ┛冃繕讼逻_情況\n"
    assert where(lint(text, "TXT001")) == [(2, 1, "TXT001")]


def test_a_table_drawn_with_box_characters_is_not_mojibake():
    text = "│项目│预算数│执行数│\n├──┼──┼──┤\n│培训│10│10│\n"
    assert lint(text, "TXT001") == []


def test_pinyin_debris_is_reported_once_per_section_with_its_count():
    # 027 (兵团, 2019): 農(nóng)機(jī)… all over the text
    text = "一、績效目標(biāo)分解下達(dá)情況\n補(bǔ)貼第十四師農(nóng)業(yè)農(nóng)村局農(nóng)機(jī)購置補(bǔ)貼2019年度預(yù)算。\n"
    findings = lint(text, "TXT001")
    assert where(findings) == [(1, text.index("(biāo)") + 1, "TXT001")]
    assert "共 10 处" in findings[0].message


def test_html_left_by_a_web_page():
    # 027 and 042: the page's ruby markup
    line = '1. <rp id="zsypk"></rp>\n'
    assert where(lint(line, "TXT001")) == [(1, line.index("<rp") + 1, "TXT001"), (1, line.index("</rp>") + 1, "TXT001")]


def test_document_number_that_lost_its_closing_bracket():
    # 032 (四川万源, 2021)
    text = "2021年我局共收到中央下达困难群众救助补助资金9056万元(川财社〔2020165号、川财社〔202143号)。\n"
    findings = lint(text, "TXT005")
    assert where(findings) == [(1, text.index("〔2020") + 1, "TXT005"), (1, text.index("〔2021") + 1, "TXT005")]
    assert findings[0].data["replacement"] == "〔2020〕"


def test_document_number_with_square_brackets_half_width():
    # 008 (株洲渌口): 渌财通[2020]23号
    text = "根据区财政局《关于做好2020年预算绩效管理工作的通知》(渌财通[2020]23号)文件要求，我中心开展自评。\n"
    assert where(lint(text, "TXT005")) == [(1, text.index("[2020]") + 1, "TXT005")]


def test_dates_that_lost_their_year_and_month_marks():
    # 030 (攀枝花仁和): 2 + 2021年12月31日 glued, and 2021年年1231日
    text = "220211231日之前使困难群众基本生活得到保障。\n已在2021年年1231日之前完成救助。\n"
    assert where(lint(text, "TXT007")) == [(1, 2, "TXT007"), (2, 3, "TXT007")]


def test_amount_that_lost_its_unit():
    # 030: 每人不超过500/年 (元 lost); 300元/年 is fine
    text = "采用每人不超过500/年标准进行救助。小学生300元/年、初中生500元/年。\n"
    assert where(lint(text, "TXT007")) == [(1, 8, "TXT007")]


def test_jiezhi_before_a_date_in_other_provinces():
    # 023, 024, 028: 截止2022年12月8日 → 截至
    text = "项目资金共2179万元,截止2022年12月8日,已完成拨付2113.63万元,执行率97%。\n"
    assert where(lint(text, "TXT004")) == [(1, text.index("截止") + 1, "TXT004")]


def test_accounting_characters_in_traditional_text():
    # 财会用字: 报帐 → 报账, 拔付 → 拨付, also in traditional script (fold)
    text = "資金報帳嚴格規範，已及時拔付到位。\n"
    assert [f.data["replacement"] for f in lint(text, "TXT004")] == ["账", "拨"]


def test_template_text_and_document_numbers_in_traditional_script():
    """A report put into traditional script (web copies of 湖南 reports, corpus 042/043) keeps
    its template hints and bracket slips: they are found as in the simplified text, and the
    document number's fix keeps the 號 it was written with."""
    text = ("說明項目自評總分、等級及主要成效（200字以內）。根據財預[2020]10號文件，發表文章近200餘篇，"
            "截止2022年12月8日完成。\n")
    findings = lint(text, "TXT")
    assert where(findings) == [(1, text.index("（200") + 1, "TXT002"), (1, text.index("[2020]") + 1, "TXT005"),
                               (1, text.index("近200") + 1, "TXT003"), (1, text.index("截止") + 1, "TXT004")]
    assert findings[1].data["replacement"] == "〔2020〕10號"
    simplified = "说明项目自评总分、等级及主要成效（200字以内）。根据财预[2020]10号文件，发表文章近200余篇，截止2022年12月8日完成。\n"
    assert [f.rule for f in lint(simplified, "TXT")] == [f.rule for f in findings]
    assert lint("說明項目自評總分96.9分，等級為優。根據財預〔2020〕10號文件開展自評。\n", "TXT") == []


def test_amount_left_as_a_placeholder():
    # 043: 省財政廳切塊支持洞庭湖生態環境專項整治20xx萬元
    text = "省財政廳切塊支持洞庭湖生態環境專項整治20xx萬元、南山國家公園體制試點500萬元。\n"
    assert where(lint(text, "TXT002")) == [(1, text.index("20xx") + 1, "TXT002")]


def test_overlapping_placeholders_are_one_finding():
    # 20xx年 is one placeholder, not also xx
    text = "20xx年本單位項目支出預算19.3萬元。\n"
    assert where(lint(text, "TXT002")) == [(1, 1, "TXT002")]


# --- character gates: a paragraph is skipped only when no pattern can match in it -------------------

import regex  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from perflint.check.packs import load_shipped  # noqa: E402
from perflint.check.saferegex import character_gate, first_characters  # noqa: E402


def test_first_characters_of_real_patterns():
    assert first_characters(r"(?<=[\u4e00-\u9fff])[（(][a-z]{1,7}[）)]") == [(0xFF08, 0xFF08), (0x28, 0x28)]
    assert first_characters("(?:19|20)[0-9]{2}\\s*年年") == [(0x31, 0x31), (0x32, 0x32)]
    assert first_characters("近[0-9]+余") == [(ord("近"), ord("近"))]
    assert first_characters("[。，,]?[\u3105-\u312f]") == [(ord("。"), ord("。")), (ord("，"), ord("，")), (0x2C, 0x2C), (0x3105, 0x312F)]


def test_no_gate_when_a_match_can_start_anywhere():
    for source in (r"\d+分", r"[^。]{200}", r".x", "(?i)abc", r"(?i:a)b", r"\p{Han}+"):
        assert character_gate([source]) is None, source


_SHIPPED = [p for r in load_shipped().rules if r.kind == "pattern" for p in r.prepared.items]
_ALPHABET = sorted({ch for p in _SHIPPED for ch in p.regex.source if not ch.isascii() or ch.isalnum()} | set("0123456789()（）,，。年"))


@settings(max_examples=400, database=None, deadline=None)
@given(st.lists(st.sampled_from(_ALPHABET), max_size=30).map("".join))
def test_a_closed_gate_means_no_match(text):
    from perflint.check.kinds.pattern import _opens

    for pattern in _SHIPPED:
        if not (_opens(pattern, text, True) and _opens(pattern, text, frozenset(text))):
            assert all(m.end() == m.start() for m in regex.finditer(pattern.regex.source, text)), pattern.regex.source


def test_narrow_gates_are_sets_too():
    from perflint.check.kinds.pattern import SET_GATE

    firsts = [p.first for p in _SHIPPED if p.first is not None]
    assert firsts and all(0 < len(f) <= SET_GATE for f in firsts)
    assert all(p.gate is not None for p in _SHIPPED if p.first is not None)


@settings(max_examples=200, database=None, deadline=None)
@given(st.lists(st.sampled_from(_ALPHABET), max_size=30).map("".join))
def test_a_rule_gate_never_hides_a_pattern_that_matches(text):
    from perflint.check.kinds.pattern import _opens, _present

    for rule in load_shipped().rules:
        if rule.kind != "pattern":
            continue
        prepared = rule.prepared
        present = _present(prepared.gate_plain, prepared.narrow_plain, text)
        for pattern in prepared.items:
            if pattern.fold:
                continue
            if any(m.end() > m.start() for m in regex.finditer(pattern.regex.source, text)):
                assert present is not False and _opens(pattern, text, present), pattern.regex.source


def _safe_patterns(value, depth=0):  # noqa: ANN001, ANN202
    """Every SafePattern inside a rule's prepared options."""
    from dataclasses import fields, is_dataclass

    from perflint.check.saferegex import SafePattern

    if isinstance(value, SafePattern):
        yield value
    elif depth < 5 and isinstance(value, (list, tuple)):
        for item in value:
            yield from _safe_patterns(item, depth + 1)
    elif depth < 5 and isinstance(value, dict):
        for item in value.values():
            yield from _safe_patterns(item, depth + 1)
    elif depth < 5 and is_dataclass(value) and not isinstance(value, type):
        for f in fields(value):
            yield from _safe_patterns(getattr(value, f.name), depth + 1)


_EVERY = {p.source: p for r in load_shipped().rules for p in _safe_patterns(r.prepared)}
_EVERY_ALPHABET = sorted({ch for s in _EVERY for ch in s if not ch.isascii() or ch.isalnum()} | set("0123456789()（）,，。年 ")
                         | set("ㄅㄯㆠǍǜ─┼╿\ufffdàǎ"))  # ends of ranges written as escapes


def test_pack_patterns_of_every_kind_have_gates():
    assert len(_EVERY) > 40
    assert sum(1 for p in _EVERY.values() if p.gate_source) > 20
    assert sum(1 for p in _EVERY.values() if p.needs) > 30


@settings(max_examples=300, database=None, deadline=None)
@given(st.lists(st.sampled_from(_EVERY_ALPHABET), max_size=40).map("".join), st.integers(0, 5))
def test_a_closed_safe_pattern_gate_means_no_search_result(text, pos):
    """The gate and the required literals of a pack pattern never hide what the search finds."""
    for pattern in _EVERY.values():
        if not pattern._opens(text, pos, len(text)):
            assert regex.compile(pattern.source).search(text, pos) is None, pattern.source


def test_what_every_match_of_a_real_pattern_holds():
    from perflint.check.saferegex import gate_source, required_classes, required_texts

    assert required_texts(r"\[bookmark:[^\]\n]*\]") == (("[bookmark:",), ("]",))
    assert required_texts("。{2,}|，{2,}|；{2,}") == (("。。", "，，", "；；"),)
    assert required_texts("(?:19|20)[xX×]{2}\\s*年") == (("19", "20"), ("年",), ("x", "X", "×"))
    assert required_texts("(?:自评等级|评价等级|等级|评级)为") == (("等级", "评级"), ("为",))  # 自评等级 holds 等级
    assert required_texts("(?<![0-9.])[0-9]+(?:\\.[0-9]+)?\\s*/\\s*(?:年|月|人|次|户|天)") == (("/",), ("年", "月", "人", "次", "户", "天"))
    assert required_texts("(?i)abc") == () and required_texts(r"\p{Han}+") == ()
    assert required_texts("[^a]b[0-9]") == (("b",),)  # a negated or wide class tells nothing
    assert required_classes("[。，,]?[\u3105-\u312f][\u4e00-\u9fff]{0,4}|[。，,][\u01cd-\u01dc]") == ("[Ǎ-ǜㄅ-ㄯ]",)
    assert required_classes("[\u4e00-\u9fff]+a") == ()  # any Chinese text has one: no filter
    assert gate_source("x*") is None  # a match may be empty: every text is searched
    assert gate_source("[ab]c") == "[ab]"


def test_numbered_items_left_as_the_templates_ellipsis():
    # the Beijing 绩效报告 template: 1、规划和立项情况 / (1)…… / (2)…… — placeholders, not sections titled ……
    text = "四、自评情况\n1、规划和立项情况\n(1)……\n(2)……\n2、目标完成程度\n项目按计划完成。\n"
    assert where(lint(text, "TXT002", "STR003")) == [(3, 1, "TXT002"), (4, 1, "TXT002")]
    # an item that says something and then trails off, and a form's "more rows" line, are not placeholders
    assert lint("1、规划和立项情况\n(1)加强预算管理……\n2、目标完成程度\n……\n", "TXT002") == []


def test_an_anchored_pattern_is_asked_of_each_paragraphs_start_only():
    # ^ (no (?m)) can match only where a paragraph begins: its gate looks at the first
    # character, not at every digit of the paragraph, and the report-wide gate of a rule of
    # few patterns must not close on it (the report's own first character is not the point)
    from perflint.check.kinds.pattern import check, prepare
    from perflint.check.saferegex import _anchored
    from perflint.model.reader import read_document
    from perflint.read.source import Source

    assert [_anchored(p) for p in ("^a", r"\Aa", "^(?:a|b)c", "^a|b", "(?m)^a", "a^", "(^a)")] == [True, True, True, False, False, False, False]
    prepared = prepare({"patterns": [{"regex": "^[（(][0-9]{1,2}[)）]…{2,}$"}]})
    assert prepared.anchored == (0,)
    text = "一、基本情况\n项目于2021年实施（1）……。\n（2）……\n"
    hits = list(check(read_document(Source("r.txt", text)), prepared))
    assert [(h.span.start, h.span.end) for h in hits] == [(text.index("（2）"), text.index("（2）") + 5)]


# Excel error values and ##### left in a form (TBL006). The rows are 池州 002's funds block
# and 青神 001's indicator rows as Excel shows them when a formula fails or a column is narrow.
CHIZHOU_FUNDS = (
    "项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
    "年度资金总额：\t0\t0\t0\t10\t#DIV/0!\t#DIV/0!\n"
    "其中：本年财政拨款\t90\t89.974\t89.974\t—\t—\t—\n"
)


def test_spreadsheet_error_values_are_reported_at_their_cells():
    line = CHIZHOU_FUNDS.split("\n")[1]
    assert where(lint(CHIZHOU_FUNDS, "TBL006")) == [(2, line.index("#DIV") + 1, "TBL006"), (2, line.rindex("#DIV") + 1, "TBL006")]
    rows = "三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n发放（缴纳）覆盖率 | =100% | ###### | 30 | #VALUE! |\n"
    assert where(lint(rows, "TBL006")) == [(2, len("发放（缴纳）覆盖率 | =100% | ") + 1, "TBL006"),
                                           (2, rows.split("\n")[1].index("#VALUE!") + 1, "TBL006")]


def test_computed_cells_hashes_in_text_and_markdown_headings_pass():
    assert lint(CHIZHOU_FUNDS.replace("#DIV/0!", "—"), "TBL006") == []
    assert lint("#### （一）项目概况\n问卷 #3 的结果为 N/A；编号 ####-01 已归档。\n", "TBL006") == []
