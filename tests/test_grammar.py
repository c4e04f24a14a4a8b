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
