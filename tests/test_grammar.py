"""The grammar alone: a table of (text, expected) per element, pass and fail."""

from __future__ import annotations

import pyparsing as pp
import pytest

from perflint.model.grammar import build_grammar, cn_to_int


@pytest.mark.parametrize(
    "line, style, number, ordinal, title",
    [
        ("一、基本情况", "cn-dun", 1, "一、", "基本情况"),
        ("十二、其他", "cn-dun", 12, "十二、", "其他"),
        ("（一）部门概况", "paren-cn", 1, "（一）", "部门概况"),
        ("(三)部门整体收支情况", "paren-cn", 3, "(三)", "部门整体收支情况"),
        ("1. 统一组织、规划、部署市直机关党的工作", "arabic-dot", 1, "1.", "统一组织、规划、部署市直机关党的工作"),
        ("1.旗帜鲜明讲政治抓政治", "arabic-dot", 1, "1.", "旗帜鲜明讲政治抓政治"),
        ("2．强化绩效目标管理", "arabic-dot", 2, "2．", "强化绩效目标管理"),
        ("10、 持续开展文艺惠民活动", "arabic-dun", 10, "10、", "持续开展文艺惠民活动"),
        ("（1） 部门整体情况", "paren-arabic", 1, "（1）", "部门整体情况"),
        ("(2) 做好绩效运行监控。", "paren-arabic", 2, "(2)", "做好绩效运行监控。"),
        ("（１２）全角数字", "paren-arabic", 12, "（１２）", "全角数字"),
        ("\u3000\u3000三、存在的主要问题", "cn-dun", 3, "三、", "存在的主要问题"),
        ("## 四、下一步改进措施", "cn-dun", 4, "四、", "下一步改进措施"),
        ("第一部分 基本情况", "part", 1, "第一部分", "基本情况"),
        ("第二部分、绩效自评情况", "part", 2, "第二部分、", "绩效自评情况"),
    ],
)
def test_heading_lines(line, style, number, ordinal, title):
    result = build_grammar().heading.parse_string(line, parse_all=True)[0]
    assert result.style == style
    assert result.number == number
    assert line[result.marker[0] : result.marker[1]] == ordinal
    assert line[result.title_at :] == title


def test_bookmark_debris_before_a_heading_is_kept_apart():
    line = "[bookmark: _GoBack]（1）主要职责："
    result = build_grammar().heading.parse_string(line)[0]
    assert result.debris == "[bookmark: _GoBack]"
    assert result.marker[0] == line.index("（1）")


@pytest.mark.parametrize(
    "line",
    [
        "3.5万元用于办公设备购置",  # a number, not 3.
        "2021 年市文联做到坚持以习近平新时代中国特色社会主义思想为指导",
        "一是坚持以政治建设为统领",  # an enumeration, not a heading
        "《任务一》 有效宣传荔湾发展成果",
        "全年预算数3663.27万元",
    ],
)
def test_lines_that_are_not_headings(line):
    with pytest.raises(pp.ParseException):
        build_grammar().heading.parse_string(line, parse_all=True)


@pytest.mark.parametrize("text, number", [("一是", 1), ("- 二是", 2), ("十是", 10), ("十二是", 12)])
def test_enumeration_markers(text, number):
    assert build_grammar().enum_marker.parse_string(text)["number"] == number


@pytest.mark.parametrize(
    "title, year, unit, report_type",
    [
        ("广州市文学艺术界联合会2021年部门整体支出绩效自评报告", 2021, "广州市文学艺术界联合会", "部门整体支出绩效自评报告"),
        ("2023年度中国共产党广州市直属机关工作委员会部门整体支出绩效自评报告", 2023, "中国共产党广州市直属机关工作委员会", "部门整体支出绩效自评报告"),
        ("2024年永州市零陵区文学艺术界联合会绩效报告", 2024, "永州市零陵区文学艺术界联合会", "绩效报告"),
        ("某某局2024年项目支出绩效运行监控报告", 2024, "某某局", "项目支出绩效运行监控报告"),
    ],
)
def test_title_block(title, year, unit, report_type):
    result = build_grammar().title.parse_string(title)
    assert int(result["year"]) == year
    assert result["report_type"] == report_type
    assert (result.get("before_year") or "") + (result.get("after_year") or "") == unit


@pytest.mark.parametrize("text, value", [("一", 1), ("九", 9), ("十", 10), ("十一", 11), ("二十", 20), ("二十三", 23)])
def test_chinese_ordinals(text, value):
    assert cn_to_int(text) == value


def test_grammar_is_built_once():
    assert build_grammar() is build_grammar()


def _corpus_lines() -> list[str]:
    from pathlib import Path

    from perflint.model.textnorm import fold

    root = Path(__file__).resolve().parent.parent
    shared = root.parent / "shared" / "corpus"
    files = sorted((root / "seeds").glob("*.txt")) + (sorted(shared.glob("*.txt")) if shared.is_dir() else [])
    return [fold(line).strip(" \t\u3000") for f in files for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]


def _parsed(line: str):  # noqa: ANN202
    try:
        return build_grammar().heading.parse_string(line, parse_all=True)[0]
    except pp.ParseException:
        return None


def test_the_readers_heading_match_is_the_grammars_parse():
    """heading_at (the element's expression and parse action, no per-call set-up) gives what
    parse_string gives, on every line of the seeds and the corpus and on near misses."""
    from perflint.model.grammar import heading_at

    lines = _corpus_lines()
    lines += ["一一、重复", "十十、错", "3.5万元", "（一）\t标题 ", "1、 ", "一、标题\t", "①", "（21）", "二十一、结尾"]
    assert sum(1 for line in lines if heading_at(line) is not None) > 100
    for line in lines:
        assert heading_at(line) == _parsed(line), line


@pytest.mark.parametrize("text, number", [("一是", 1), ("- 二是", 2), ("十是", 10), ("十二是", 12), ("十十是", 0), ("是", 0)])
def test_enumeration_numbers_are_the_grammars(text, number):
    from perflint.model.grammar import enum_number

    assert enum_number(text) == number


def test_the_quantity_match_is_the_elements_parse():
    """quantities._match_core (the element's expression, 40 characters ahead) matches what
    parse_string matches on a 40-character slice, at every candidate of every corpus line."""
    from perflint.model.quantities import _CANDIDATE, _core, _match_core

    lines = _corpus_lines() + ["预算\t100\t万元", "约3,432.30万元以上", "二十三个", "1万户"]
    checked = 0
    for line in lines:
        for m in _CANDIDATE.finditer(line):
            try:
                expected = _core().parse_string(line[m.start() : m.start() + 40])[0].group()
            except pp.ParseException:
                expected = None
            found = _match_core(line, m.start())
            assert (found.group() if found else None) == expected, line
            checked += 1
    assert checked > 1000


@pytest.mark.parametrize("text, figures", [
    ("全年预算数 3,363.37 万元", [("3363.37", "万元")]),
    ("全年预算数 3，363.37 万元", [("3363.37", "万元")]),  # typed in full-width mode
    ("全年预算数 ３,３６３.３７ 万元", [("3363.37", "万元")]),  # full-width digits, grouped
    ("共1，234，567.5元", [("1234567.5", "元")]),
    ("完成培训3，363人次", [("3", ""), ("363", "人次")]),  # no decimal part: may be two figures of a list
    ("分别为12，100%", [("12", ""), ("100", "%")]),
    ("3，36.5万元", [("3", ""), ("36.5", "万元")]),  # not a group of three
    ("全年预算数3 363.37万元", [("3363.37", "万元")]),  # grouped by a blank, as typeset and in PDFs
    ("全年预算数3\u2009363.37 万元", [("3363.37", "万元")]),  # by a thin space
    ("执行数1 234 567.50元", [("1234567.50", "元")]),
    ("年度资金总额 251.89 10 100.00% 10", [("251.89", ""), ("10", ""), ("100.00", "%"), ("10", "")]),  # a flattened row
    ("251.89 10 100.00万元", [("251.89", ""), ("10", ""), ("100.00", "万元")]),  # a figure before: side by side
    ("培训3 363人次", [("3", ""), ("363", "人次")]),  # no decimal part, no amount
])
def test_thousands_separators(text, figures):
    from perflint.model.quantities import find_quantities
    from perflint.model.textnorm import fold

    assert [(str(q.value), q.unit) for q in find_quantities(fold(text))] == figures


def test_the_candidate_scan_finds_what_the_two_branch_form_finds():
    """quantities._CANDIDATE (one class first, its context after) against the plain form."""
    import re as stdlib_re

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from perflint.model import quantities

    plain = stdlib_re.compile(quantities._CANDIDATE_AS_WRITTEN)

    @settings(max_examples=2000, database=None, deadline=None)
    @given(st.text(alphabet=st.sampled_from(list("0123456789０１.．,Aa_一二三四五六七八九十百千两第余多个项人次万元年 ，。")), max_size=16))
    def same(text: str) -> None:
        assert [m.span() for m in quantities._CANDIDATE.finditer(text)] == [m.span() for m in plain.finditer(text)]

    same()
    for line in _corpus_lines():
        assert [m.span() for m in quantities._CANDIDATE.finditer(line)] == [m.span() for m in plain.finditer(line)]


@pytest.mark.parametrize("line, parsed", [
    ("1.1 项目基本情况", ("decimal-2", 1, "1.")),
    ("2.3.1项目资金使用情况", ("decimal-3", 1, "2.3.")),
    ("１．２ 绩效目标", ("decimal-2", 2, "1.")),
    ("3 综合评价情况及评价结论", ("decimal-1", 3, "")),  # the reader keeps it only beside a 1.1
    ("1.5万元用于购置设备", None),  # a figure
    ("2.35%的增长", None),
    ("40.83 万元用于购置设备", None),  # pdftotext puts a blank between a figure and its unit
    ("1.2 %", None),
])
def test_decimal_outline_markers(line, parsed):
    from perflint.model.grammar import heading_at

    found = heading_at(line)
    assert (None if found is None else (found.style, found.number, found.prefix)) == parsed


def test_a_chinese_ordinal_with_a_dot():
    from perflint.model.grammar import heading_at

    found = heading_at("一.项目概况")
    assert (found.style, found.number) == ("cn-dot", 1)
    assert heading_at("十二．绩效评价结论").number == 12
    assert heading_at("一.5万元的资金") is None  # no digit after the dot
