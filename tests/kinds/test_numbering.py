"""Kind numbering: duplicate, skipped, backwards and mixed-style ordinals (seed text)."""

from __future__ import annotations

from ..conftest import lint, seed_text, where

SEED_004_OUTLINE = """一、基本情况

本部门行政单位1个。

二、综合评价分析

（一）自评结论综述

项目绩效自评：优。

（二）各项工作任务绩效目标完成情况分析

《任务一》 有效宣传荔湾发展成果，引导舆论指向。

（三）各重点任务项目支出完成情况分析

1.本项目的绩效目标是：围绕区委、区政府中心工作。

2.项目绩效目标完成情况

全年主要围绕以下八个方面。

（三）主要工作成效

2022 年，全区宣传思想战线勇担使命、守正创新。
"""


def test_duplicate_heading_ordinal_seed_004():
    assert where(lint(SEED_004_OUTLINE, "NUM")) == [(23, 1, "NUM001")]


def test_corrected_heading_ordinal_is_silent():
    assert where(lint(SEED_004_OUTLINE.replace("（三）主要工作成效", "（四）主要工作成效"), "NUM")) == []


def test_duplicate_inline_enumeration_seed_001_line_45():
    line = ("1.旗帜鲜明讲政治抓政治。一是抓实市直机关主题教育。二是抓好“两个维护”制度机制落实。"
            "三是抓好理论研究和意识形态工作。三是抓牢常态化政治监督。\n")
    findings = lint(line, "NUM")
    assert where(findings) == [(1, line.index("三是抓牢") + 1, "NUM001")]
    assert findings[0].data["expected"] == "四是"


def test_inline_enumeration_in_order_is_silent():
    # seed 000 line 31
    line = "主要表现为一是加强绩效管理制度的建设。二是加强绩效监控和积极开展绩效评价。三是对监控中发现的问题及时纠正。\n"
    assert lint(line, "NUM") == []


def test_skipped_heading_ordinal():
    text = "一、基本情况\n\n（一）部门概况\n\n本部门行政单位1个。\n\n（三）部门整体收支情况\n\n全年预算数3663.27万元。\n"
    assert where(lint(text, "NUM")) == [(7, 1, "NUM002")]


def test_backwards_ordinal():
    text = "一、基本情况\n\n二、综合评价分析\n\n三、存在的主要问题\n\n二、下一步改进措施\n"
    assert where(lint(text, "NUM")) == [(7, 1, "NUM003")]


def test_mixed_level_one_styles_seed_002():
    text = seed_text("002")
    found = where(lint(text, "NUM004"))
    assert found == [(5, 1, "NUM004"), (36, 1, "NUM004")]


def test_one_style_per_level_is_silent():
    for prefix in ("000", "001", "003"):
        assert lint(seed_text(prefix), "NUM004") == [], prefix


def test_numbered_duties_restart_under_each_section():
    # seed 001: 1.–15. under （一）, then 1.–5. under （二）: restarts are correct
    assert where(lint(seed_text("001"), "NUM002", "NUM003")) == []
