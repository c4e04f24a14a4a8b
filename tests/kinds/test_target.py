"""Kind target: claims against target and actual; targets with operators against later actuals."""

from __future__ import annotations

from ..conftest import lint, seed_text, where

SEED_000_43 = ("任务关键性指标设置及完成情况：联络服务 14 家广州市艺术家协会，自评已完成 15 家，2021 年新增广州市电影家协会；"
               "联络服务 17 家广州市学会研究会，自评已完成；联络服务 6 个行业文联，自评已部分完成 5 个，由于企业改制的因素行业文联缩减为 5 个。\n")
SEED_004_71_75 = ("1.本项目的绩效目标是：预期达到：1、舆情日报数量 \\geq 200期；2、正面新闻报道量 \\geq 8000篇；3、“学习强国”全国平台刊发量 \\geq 50篇；"
                  "6、市民对文明城市建设满意度85%以上。\n\n2.项目绩效目标完成情况\n\n全年主要围绕以下八个方面：一是制作《荔湾舆情日报》432期614条，"
                  "《手机报》365期，共开展正面宣传11093篇次。二是“学习强国”全国平台刊发我区稿件 103 篇，其中 10 万+爆款报道 201 篇。\n")


def test_consistent_claims_in_seed_000_pass():
    assert lint(SEED_000_43, "TGT") == []
    assert lint(seed_text("000"), "TGT") == []


def test_claimed_complete_below_target():
    text = SEED_000_43.replace("自评已部分完成 5 个", "自评已完成 5 个")
    findings = lint(text, "TGT001")
    assert where(findings) == [(1, text.index("自评已完成 5") + 3, "TGT001")]
    assert findings[0].data["target"] == 6 and findings[0].data["actual"] == 5


def test_claimed_partial_but_met():
    text = SEED_000_43.replace("自评已完成 15 家", "自评已部分完成 15 家")
    assert where(lint(text, "TGT001")) == [(1, text.index("已部分完成 15") + 1, "TGT001")]


def test_seed_004_targets_are_met():
    assert lint(SEED_004_71_75, "TGT") == []
    assert lint(seed_text("004"), "TGT") == []


def test_actual_below_a_geq_target():
    text = SEED_004_71_75.replace("432期", "132期")
    findings = lint(text, "TGT002")
    assert where(findings) == [(5, text.split("\n")[4].index("132") + 1, "TGT002")]
    assert findings[0].data["indicator"] == "舆情日报数量"


def test_weakly_related_actual_is_not_compared():
    # 正面新闻报道量 ≥8000篇 against "爆款报道 201 篇" shares only 报道: no verdict
    assert [f for f in lint(SEED_004_71_75, "TGT002") if f.data["indicator"] == "正面新闻报道量"] == []


EVALUATION = ("一、基本情况\n（二）项目绩效目标\n1.产出目标：完成危桥改造≥5座；养护质量合格率≥95%。\n"
              "四、绩效评价指标分析\n（一）产出情况\n2023年完成危桥改造4座；养护质量合格率96%。\n")


def test_actuals_in_another_part_of_the_report_are_compared():
    assert where(lint(EVALUATION, "TGT002")) == [(6, EVALUATION.split("\n")[5].index("4座") + 1, "TGT002")]


def test_a_miss_the_report_admits_is_not_reported_again():
    assert lint(EVALUATION.replace("完成危桥改造4座；", "完成危桥改造4座，未达到年度目标；"), "TGT002") == []


# --- other provinces (../shared/corpus) --------------------------------------------------

XIPING_FUNDS = ("(一)资金投入情况分析\n"
                "1、项目资金到位情况分析。乡村振兴衔接资金2179万元目前已全部拨付,及时安排到相关项目。\n"
                "2、项目资金执行情况分析。项目资金共2179万元,截止2022年12月8日,已完成拨付2113.63万元,执行率97%。\n")


def test_full_disbursement_claim_against_a_rate_under_100():
    # 023 (西平, 2022)
    findings = lint(XIPING_FUNDS, "TGT003")
    assert where(findings) == [(2, XIPING_FUNDS.split("\n")[1].index("已全部拨付") + 1, "TGT003")]
    assert findings[0].data["rate"] == 97


def test_funds_arrived_in_full_and_spent_in_part_is_no_contradiction():
    text = XIPING_FUNDS.replace("目前已全部拨付", "目前已全部到位")
    assert lint(text, "TGT003") == []


def test_a_form_is_not_judged_by_later_prose_actuals():
    # 005 (南昌, 自评表 flattened): 业务收入达到55万元 met (77.57万); 增收27万元 is another indicator
    text = ("1、蚕茶卫生院整体支出绩效自评表(2021年度)评价部门名称南昌县黄马乡蚕茶卫生院整体支出规模全年预算数全年执行数执行率"
            "年度总年初设定目标全年完成情况体目标业务收入达到55万元,三公经费控制率达标业务收入77.57万元一级指标二级指标三级指标年度指标值实际完成值分值得分\n"
            "2、业务收入增收27万元1313政府采购管理执行率100%100%55\n")
    assert lint(text, "TGT002") == []


# Seed 004's indicators written as many reports write them: the actual right after its target,
# in the same item ("…不少于200期，实际完成…"), worded as an actual rather than by the indicator's name.
SEED_004_SAME_ITEM = ("2.项目绩效目标完成情况\n\n"
                      "1、舆情日报数量不少于200期，实际完成432期；2、“学习强国”全国平台刊发量不少于50篇，实际刊发103篇。\n")


def test_an_actual_in_the_targets_own_item():
    assert lint(SEED_004_SAME_ITEM, "TGT002") == []
    missed = SEED_004_SAME_ITEM.replace("实际完成432期", "实际完成132期")
    assert where(lint(missed, "TGT002")) == [(3, missed.split("\n")[2].index("132期") + 1, "TGT002")]
    # the report saying itself that the target was missed is not reported again
    assert lint(missed.replace("实际完成132期", "实际完成132期，未完成原因是版面调整"), "TGT002") == []


def test_a_scoring_rules_cases_are_neither_targets_nor_actuals():
    """评分标准 quoted in a report: ≥90%的得满分，实际执行率85%的按比例扣分 states two cases of a rule."""
    rule = "2.项目绩效目标完成情况\n\n预算执行率≥90%的得满分，实际执行率低于90%的按比例扣分，实际执行率85%的计8.5分。\n"
    assert lint(rule, "TGT002") == []
