"""Kind grade: grade against score by the bands of 财预〔2020〕10号 (seed sentences)."""

from __future__ import annotations

import pytest

from ..conftest import lint, seed_text, where

SEED_001_105 = "部门整体支出绩效自评总分 100 分，自评得分 96.9 分，自评等级为“优”。\n"
SEED_003_47 = "2021 年部门整体支出绩效自评 91.82 分，评级为优。2021 年预算编制、执行及使用效益情况均达到了预期的绩效目标。\n"


def test_seed_grades_agree():
    assert lint(SEED_001_105, "GRD") == []
    assert lint(SEED_003_47, "GRD") == []


@pytest.mark.parametrize(
    "score, grade, fires",
    [("90", "优", False), ("89.99", "优", True), ("89.99", "良", False), ("80", "良", False), ("79.9", "良", True),
     ("60", "中", False), ("59.5", "中", True), ("59.5", "差", False), ("96.9", "良好", True), ("96.9", "优秀", False)],
)
def test_band_edges_are_lower_inclusive(score, grade, fires):
    text = f"部门整体支出绩效自评总分 100 分，自评得分 {score} 分，自评等级为“{grade}”。\n"
    assert bool(lint(text, "GRD001")) is fires


def test_grade_contradicting_score_points_at_the_grade():
    text = SEED_001_105.replace("96.9", "89.6")
    findings = lint(text, "GRD001")
    assert where(findings) == [(1, text.index("优") + 1, "GRD001")]
    assert findings[0].data["expected"] == "良"


def test_grade_without_score_seed_004():
    assert where(lint(seed_text("004"), "GRD")) == [(39, 45, "GRD002")]


WHOLE_REPORT = ("2022年部门整体支出绩效自评报告\n\n一、基本情况\n\n本部门预算 50 万元，执行 50 万元。\n\n"
                "二、存在的主要问题\n\n宣传力度不够。\n\n三、下一步改进措施\n\n加大宣传力度。\n")


def test_whole_report_with_neither_grade_nor_score():
    assert where(lint(WHOLE_REPORT, "GRD")) == [(None, None, "GRD003")]


def test_cut_off_report_is_not_told_it_lacks_a_score():
    # the same report cut mid-sentence (as a PDF that lost its last pages): one STR004 notice instead
    text = WHOLE_REPORT.split("二、")[0] + "二、存在的主要问题\n\n宣传力度"
    assert [f.rule for f in lint(text, "GRD", "STR004")] == ["STR004"]


def test_grade_alone_in_a_report_excerpt_is_still_reported():
    # corpus 006 (许昌, 2022): a head excerpt that states a grade and no score anywhere
    text = "许昌市河湖水系水源调度中心 2022 年整体和项目支出绩效自评总结报告 一是单位整体绩效自评情况：完成率均达到 100%；部门目标实现率 100%，整体绩效自评为优秀； 二是项目绩效自评情况。我单位共有 1 个项目"
    findings = lint(text, "GRD")
    assert where(findings) == [(1, text.index("优秀") + 1, "GRD002")]


def test_monitoring_reports_need_no_score():
    assert lint(seed_text("002"), "GRD") == []


def test_self_evaluation_during_is_not_a_grade():
    assert lint("在绩效自评中，发现部分指标设置不够合理。自评得分 85 分。\n", "GRD001") == []


@pytest.mark.parametrize("grade, score, expected", [
    ("好", "96.9", []), ("好", "86.9", ["GRD001"]),            # 好 / 较好 / 一般 / 差
    ("较好", "86.9", []), ("较好", "96.9", ["GRD001"]),
    ("合格", "76.9", []), ("合格", "86.9", ["GRD001"]),        # 优秀 / 良好 / 合格 / 不合格
    ("不合格", "56.9", []),
], ids=["hao", "hao-low", "jiaohao", "jiaohao-high", "hege", "hege-high", "buhege"])
def test_the_grade_words_of_other_four_level_schemes(grade, score, expected):
    """Seed 001's sentence with the grade words other provinces' four-level schemes use
    (pack data: the bands' synonyms in rules/figures.yaml)."""
    text = SEED_001_105.replace("96.9", score).replace("“优”", f"“{grade}”")
    assert [f.rule for f in lint(text, "GRD001")] == expected
