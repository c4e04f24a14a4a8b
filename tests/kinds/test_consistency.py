"""Kind consistency: one named amount, one value (seed sentences)."""

from __future__ import annotations

from ..conftest import lint, seed_text, where

SEED_003 = ("本部门 2021 年度一般公共预算财政拨款支出全年预算数 3,363.37 万元，全年执行数 2,760.71 万元，完成全年预算的 82.1%。\n\n"
            "（三）各重点任务项目支出完成情况分析\n\n文史工作经费主要用于文史资料征集、出版等支出；项目资金情况，文史工作经费全年预算数 50 万元，执行数 50 万元，完成预算的 100.0%。\n")


def test_different_subjects_are_not_compared():
    assert lint(SEED_003, "CON") == []
    for prefix in ("000", "001", "002", "003", "004"):
        assert lint(seed_text(prefix), "CON") == [], prefix


def test_same_project_amount_stated_twice_differently():
    text = SEED_003 + "\n文史工作经费全年预算数 46.25 万元。\n"
    findings = lint(text, "CON001")
    assert where(findings) == [(7, 13, "CON001")]
    assert findings[0].data["first"] == 50


def test_unlabelled_named_amount_stated_twice():
    text = "（3）春节走访经费2.42万元；（4）送春联活动经费5万元。\n\n春节走访经费2.50万元，主要用于走访慰问。\n"
    assert where(lint(text, "CON001")) == [(3, 7, "CON001")]


def test_same_value_in_10000_yuan_and_yuan_agrees():
    assert lint("春节走访经费2.42万元。\n\n春节走访经费24200元。\n", "CON001") == []


def test_budget_and_spending_breakdowns_are_parts_not_names():
    text = ("部门全年预算数 3,970.64 万元，其中：基本支出 3,432.3 万元，项目支出 538.34 万元；"
            "全年实际支出数 3,900.64 万元，其中：基本支出 3,400.3 万元，项目支出 500.34 万元。\n")
    assert lint(text, "CON001") == []


# --- other provinces (../shared/corpus) --------------------------------------------------


def test_a_time_is_not_a_subject():
    # 004 (范文): 1-6月实际支出 3.12 (项目支出) and 1-6月执行 27.13 (公用经费) are different funds
    text = ("20xx年本單位項目支出預算19.3萬元,1-6月實際支出3.12萬元,預算執行率為16.17%。"
            "公用經費年初45.76萬元,1-6月執行27.13萬元,完成率59.29%。\n")
    assert lint(text, "CON") == []


def test_a_year_placeholder_is_not_a_number():
    # 043: 20xx年…專項資金13352萬元 and 提前下達20xx年…專項資金7950萬元 are a total and a batch
    text = ("20xx年住房城鄉建設引導專項資金13352萬元,其中:市縣項目8010萬元。"
            "20xx年12月,省財政廳提前下達20xx年住房城鄉建設引導專項資金7950萬元。\n")
    assert lint(text, "CON") == []


def test_a_long_run_of_digits_before_a_label_is_read_in_linear_time():
    """Found by the fuzzer under Hypothesis's CI profile: the time-words pattern backtracked
    exponentially on forty digits that no 年 follows; it must give the same keys as before."""
    from perflint.check.kinds.consistency import _TIME

    assert _TIME.sub("", "9" * 40 + "预算数") == "9" * 40 + "预算数"
    assert _TIME.sub("", "2021-2023年度文史工作经费") == "文史工作经费"
    assert _TIME.sub("", "1-6月执行") == "执行"


def test_the_clause_start_is_after_the_last_break_within_reach():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from perflint.model.facts import MAX_CLAUSE, _clause_start

    @settings(max_examples=500, database=None, deadline=None)
    @given(st.text(alphabet=st.sampled_from(list("预算，,；;。：:|x1 ")), max_size=400), st.integers(0, 400))
    def same(text: str, at: int) -> None:
        at = min(at, len(text))
        low = max(0, at - MAX_CLAUSE)
        breaks = [i + 1 for i in range(low, at) if text[i] in "，,；;。：:|"]
        assert _clause_start(text, at) == (breaks[-1] if breaks else low)

    same()
