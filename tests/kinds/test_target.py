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
