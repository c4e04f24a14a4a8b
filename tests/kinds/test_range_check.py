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


# --- other provinces (../shared/corpus) --------------------------------------------------


def test_satisfaction_named_a_few_words_before_its_figure():
    # 007 (衡山, OCR): 市民满意度调查290% (≥90% misread) exceeds 100%
    text = "因粮食市场波动引起的粮食安全事件发生数0起0起市民满意度调查290%100%说明无\n"
    assert where(lint(text, "RNG002")) == [(1, text.index("290%") + 1, "RNG002")]


def test_a_weight_glued_to_a_rate_is_not_a_rate():
    # 009 (长沙雨花, OCR): 预算完成率 | 5 | 100%计满分 read as 5100%
    text = "过程61预算执行20预算完成率5100%计满分,每低于5%扣2分,扣完为止。\n"
    assert lint(text, "EXE003") == []
