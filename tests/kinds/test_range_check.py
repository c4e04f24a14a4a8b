"""Kind range: scores within their maxima and 100; capped rates within 100% (seed sentences)."""

from __future__ import annotations

from ..conftest import lint, where
from .test_sum_of_parts import SEED_000_39


def test_seed_scores_are_in_range():
    assert lint(SEED_000_39, "RNG") == []


def test_part_score_above_its_maximum():
    text = SEED_000_39.replace("自评得分 44.28 分", "自评得分 46.28 分").replace("92.38", "94.38")
    findings = lint(text, "RNG001")
    assert where(findings) == [(1, text.index("46.28") + 1, "RNG001")]
    assert findings[0].data["max"] == 45


def test_total_score_above_100():
    assert where(lint("2021 年部门整体支出绩效自评 101.82 分，评级为优。\n", "RNG001")) == [(1, 18, "RNG001")]


def test_capped_rates():
    line = "提案办复率、委员满意率和基本满意率达100%，提案办理逐步由“答复型”向“落实型”转变。\n"
    assert lint(line, "RNG002") == []
    bad = line.replace("100%", "102%")
    assert where(lint(bad, "RNG002")) == [(1, bad.index("102%") + 1, "RNG002")]


def test_completion_rate_may_exceed_100():
    assert lint("正面宣传报道任务完成率 139%。\n", "RNG002") == []


def test_execution_rate_above_100_is_a_warning():
    findings = lint("全年预算数 50 万元，执行数 51.75 万元，执行率103.5%。\n", "EXE003")
    assert [(f.rule, f.severity.value) for f in findings] == [("EXE003", "warning")]
