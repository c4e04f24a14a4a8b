"""Kind ratio: execution rates against their operands, at the stated precision (seed sentences)."""

from __future__ import annotations

from decimal import Decimal

from ..conftest import lint, where

SEED_000_27 = "广州市文学艺术界联合会 2021 年初预算 3754.72 万元，调整预算 3994.12 万元，决算数为 3980.09 万元。预算执行为 99.65%。\n"
SEED_003_25 = "本部门 2021 年度一般公共预算财政拨款支出全年预算数 3,363.37 万元，全年执行数 2,760.71 万元，完成全年预算的 82.1%。\n"
SEED_004_15 = "全年预算数3663.27万元，执行数2659.40万元，完成预算的72.60%。\n"
SEED_001_77 = ("部门全年预算数 3,970.64 万元，其中：基本支出 3,432.3 万元，项目支出 538.34 万元；全年实际支出数 3,970.64 万元，"
               "其中：基本支出 3,432.3 万元，项目支出 538.34 万元；年度预算执行进度达 100%。\n")
SEED_002_35 = ("区文联2024年项目总额12.42万元，项目全年预算总额12.42万元，预算项目1-12月份总体已执行12.42万元，完成项目总额的100%，"
               "其中：（1）外地文学艺术家来零打卡接待经费2万元；（2）《零陵文艺》办刊经费3万元。\n")


def test_correct_rates_in_the_seeds_pass():
    for text in (SEED_000_27, SEED_003_25, SEED_004_15, SEED_001_77, SEED_002_35):
        assert lint(text, "EXE") == [], text


def test_thousands_grouped_by_full_width_commas_are_one_figure():
    """Seed 003 line 25 typed in full-width mode: 3，363.37 is 3363.37, not 3 and 363.37 (which
    made 82.1% look like 2 ÷ 3)."""
    typed = SEED_003_25.replace("3,363.37", "3，363.37").replace("2,760.71", "2，760.71")
    assert lint(typed, "EXE") == []
    assert where(lint(typed.replace("82.1%", "72.1%"), "EXE001")) == [(1, typed.index("82.1") + 1, "EXE001")]


def test_thousands_grouped_by_blanks_are_one_figure():
    # the same line as a PDF or a typeset report prints it: 3 363.37 万元 is one figure
    for blank in (" ", "\u00a0", "\u2009"):
        typed = SEED_003_25.replace("3,363.37", f"3{blank}363.37").replace("2,760.71", f"2{blank}760.71")
        assert lint(typed, "EXE") == [], repr(blank)
        assert where(lint(typed.replace("82.1%", "72.1%"), "EXE001")) == [(1, typed.index("82.1") + 1, "EXE001")]


def test_adjusted_budget_is_the_denominator():
    # 3980.09 / 3994.12 = 99.65%, not / 3754.72 (106.00%)
    assert lint(SEED_000_27, "EXE001") == []


def test_one_decimal_is_compared_at_one_decimal():
    # 2760.71 / 3363.37 = 82.08% is written 82.1%: passes; 82.0% does not
    assert lint(SEED_003_25, "EXE001") == []
    assert where(lint(SEED_003_25.replace("82.1%", "82.0%"), "EXE001")) == [(1, SEED_003_25.index("82.1") + 1, "EXE001")]


def test_changed_rate_is_reported_with_its_arithmetic():
    text = SEED_000_27.replace("99.65%", "93.35%")
    findings = lint(text, "EXE001")
    assert where(findings) == [(1, text.index("93.35") + 1, "EXE001")]
    data = findings[0].data
    assert data["stated"] == Decimal("93.35") and data["computed"] == Decimal("99.65")
    assert data["arithmetic"] == "3980.09 ÷ 3994.12 × 100 = 99.65"
    assert [r.label for r in findings[0].related] == ["决算数 3980.09 万元", "调整预算 3994.12 万元"]


def test_rate_matching_only_the_initial_budget_is_its_own_finding():
    text = SEED_000_27.replace("99.65%", "106.00%")
    assert where(lint(text, "EXE")) == [(1, text.index("106.00") + 1, "EXE002"), (1, text.index("106.00") + 1, "EXE003")]


def test_initial_budget_is_used_when_no_adjusted_one_is_stated():
    text = "本单位年初预算 861.46 万元，执行数 800 万元，执行率 92.87%。\n"
    assert lint(text, "EXE") == []
    assert where(lint(text.replace("92.87%", "95%"), "EXE001")) == [(1, text.index("92.87") + 1, "EXE001")]


def test_rate_without_operands_is_left_alone():
    # seed 002 line 29; seed 003 line 97
    assert lint("部门项目支出总体预算和执行情况两好，预算批复100%，经费下达100%，执行率100%。\n", "EXE") == []
    assert lint("事关医疗卫生、教育交通等民生提案占68.6%以上，提案办复率达100%。\n", "EXE") == []


def test_operands_in_another_section_are_not_used():
    text = "（一）部门整体收支情况\n\n全年预算数3663.27万元，执行数2659.40万元。\n\n（二）履职效能分析\n\n部门预算支出执行进度达 100%。\n"
    assert lint(text, "EXE") == []


def test_a_pack_author_adds_a_relation_without_python(tmp_path):
    from perflint.check.engine import lint_source
    from perflint.check.packs import load_packs, select_rules, shipped_pack_paths
    from perflint.read.source import Source

    pack = tmp_path / "balance.yaml"
    pack.write_text(
        """pack: balance
labels:
  结余: [结余数, 节约资金, 结余]
rules:
  - id: BAL001
    name: balance-equals-budget-minus-spending
    kind: ratio
    severity: error
    message: {zh: "结余写为 {stated}，应为 {arithmetic}", en: "balance {stated}, computed {arithmetic}"}
    options: {relation: 结余 = 预算数 − 执行数, unit: 万元}
    examples: {bad: ["全年预算数780万元，执行数457.37万元，结余332.63万元。"], good: ["全年预算数780万元，执行数457.37万元，结余322.63万元。"]}
""",
        encoding="utf-8",
    )
    ruleset = load_packs([*map(str, shipped_pack_paths()), str(pack)])
    rules = select_rules(ruleset, ["BAL"])
    text = "全年预算数780万元，执行数457.37万元，结余332.63万元。"
    findings = lint_source(Source("r.txt", text), ruleset, rules)
    assert where(findings) == [(1, text.index("332.63") + 1, "BAL001")]
    assert findings[0].data["arithmetic"] == "780 − 457.37 = 322.63"


# --- other provinces (../shared/corpus) --------------------------------------------------


def test_disbursement_progress_against_the_initial_budget():
    # 008 (株洲渌口, 2020): 拨付 66.86 of 200 is 33.43%, written 100%
    text = "区级年初预算200万元专项资金,已严格按合同约定和施工进度及时足额拨付资金66.86万元,资金拨付进度100% 。\n"
    findings = lint(text, "EXE001")
    assert where(findings) == [(1, text.index("100%") + 1, "EXE001")]
    assert findings[0].data["computed"] == Decimal("33.43")


def test_disbursement_rate_that_agrees_passes():
    # 023 (西平): 2113.63 / 2179 = 97.0%, written 97%
    text = "项目资金共2179万元,截止2022年12月8日,已完成拨付2113.63万元,执行率97%。\n"
    assert lint(text, "EXE") == []


def test_traditional_script_rate_and_operands():
    # 004 (范文, traditional): 3.12 / 19.3 = 16.17%
    text = "20xx年本單位項目支出預算19.3萬元,1-6月實際支出3.12萬元,預算執行率為16.17%。\n"
    assert lint(text, "EXE") == []
    assert [f.rule for f in lint(text.replace("16.17%", "26.17%"), "EXE")] == ["EXE001"]


def test_a_fund_of_the_budget_law_is_not_the_budget():
    # 018: 一般公共预算:323.97万元 is a source of the central funds, not their budget
    text = "其中,中央资金776.84万元(一般公共预算:323.97万元;彩票公益金:452.87万元)。中央资金完成636.75万元,预算执行率81.97%。\n"
    assert lint(text, "EXE") == []


def test_operands_are_not_taken_from_another_fund_in_another_paragraph():
    # 004: the rate of 项目支出 (3.12 of 19.3) must not divide by 公用经费's 年初 45.76
    text = ("公用經費年初45.76萬元,1-6月執行27.13萬元,完成率59.29%。\n"
            "20xx年項目支出19.3萬元,共三個專項1-6月執行3.12萬元,預算完成率為16.17%。\n")
    assert lint(text, "EXE") == []


def test_use_rate_is_spending_over_arrived_funds():
    # 019 (医保局): 已到位672.44萬元，使用672.44萬元，使用率100%
    text = "截至20xx年6月30日,專項資金已到位672.44萬元,使用672.44萬元,使用率100%。\n"
    assert lint(text, "EXE") == []
    assert [f.rule for f in lint(text.replace("使用672.44", "使用572.44"), "EXE")] == ["EXE005"]


def test_operands_in_different_units_are_shown_with_their_units():
    # 9800万元 ÷ 1.2亿元 is 81.67%; written 80.67%: the arithmetic names the units it mixes
    text = "全年预算数1.2亿元，执行数9800万元，执行率80.67%。\n全年预算数1.2亿元，执行数9800万元，执行率81.67%。\n"
    found = lint(text, "EXE001")
    assert where(found) == [(1, text.index("80.67") + 1, "EXE001")]
    assert found[0].data["arithmetic"] == "9800万元 ÷ 1.2亿元 × 100 = 81.67"


# 徐闻 038, line 17: the rate stated, then the year's core targets, one of them a rate written with ≥.
XUWEN_038_17 = ("2024年度财政拨款收入合计2024.05万元(均为一般公共预算收入),财政拨款支出合计2024.05万元,预算执行率100%。"
                "核心绩效目标:资金支出率≥98%、支出及时率≥97%、工作质量达标率≥98%,圆满完成年度重点任务,提升群众满意度。\n")


def test_a_rate_written_as_a_target_or_a_limit_is_not_recomputed():
    assert lint(XUWEN_038_17, "EXE") == []
    assert lint(XUWEN_038_17.replace("资金支出率≥98%", "预算执行率不低于98%"), "EXE") == []
    assert lint(XUWEN_038_17.replace("资金支出率≥98%", "预算执行率98%以上"), "EXE") == []
    # the rate stated as reached (达到) is a value: checked
    wrong = XUWEN_038_17.replace("预算执行率100%", "预算执行率达到98%")
    assert where(lint(wrong, "EXE001")) == [(1, wrong.index("98%。") + 1, "EXE001")]


def test_transfer_funds_issued_and_paid_out_and_spending_progress():
    """下达资金 is what the rate is of (转移支付: 拨付率 = 已拨付 ÷ 下达资金); 支出进度 and 资金支出率
    are the execution rate (pack labels in rules/figures.yaml)."""
    issued = "上级下达资金251.89万元，已拨付251.89万元，拨付率100%。\n"
    progress = "预算资金251.89万元，全年支出251.89万元，资金支出率100%，支出进度100%。\n"
    assert lint(issued, "EXE") == [] and lint(progress.replace("预算资金", "全年预算数"), "EXE") == []
    wrong = issued.replace("拨付率100%", "拨付率93.35%")
    assert where(lint(wrong, "EXE001")) == [(1, wrong.index("93.35%") + 1, "EXE001")]
    wrong = "全年预算数251.89万元，全年支出200.00万元，支出进度93.35%。\n"
    assert where(lint(wrong, "EXE001")) == [(1, wrong.index("93.35%") + 1, "EXE001")]
