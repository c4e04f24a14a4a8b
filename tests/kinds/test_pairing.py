"""Kind pairing: problems answered by measures, on the seeds' own problems and measures sections."""

from __future__ import annotations

from ..conftest import lint, seed_text, where

SEED_000_TAIL = seed_text("000")[seed_text("000").index("三、存在的主要问题"):]
MEASURE_1 = SEED_000_TAIL[SEED_000_TAIL.index("及时总结往年预算编制经验"):SEED_000_TAIL.index("落实主体责任")]


def test_seeds_000_002_003_pair_up():
    for prefix in ("000", "002", "003"):
        assert [f for f in lint(seed_text(prefix), "PRB") if f.severity.value != "info"] == [], prefix
        assert lint(seed_text(prefix), "PRB001", "PRB002") == [], prefix


def test_seed_004_line_88_is_unanswered():
    findings = lint(seed_text("004"), "PRB001")
    assert where(findings) == [(88, 3, "PRB001")]
    data = findings[0].data
    assert data["topics"] == "预算执行" and data["measure_line"] == 96
    assert [row["score"] for row in data["table"]][1] < 0.3


def test_removing_a_measure_leaves_its_problem_unanswered():
    text = SEED_000_TAIL.replace(MEASURE_1, "")
    assert where(lint(text, "PRB001")) == [(3, 1, "PRB001")]


def test_swapped_titles_give_a_sections_finding_not_a_crash():
    swapped = (SEED_000_TAIL.replace("三、存在的主要问题", "三、下一步改进措施", 1)
               .replace("四、下一步改进措施", "四、存在的主要问题", 1))
    text = "2021 年部门整体支出绩效自评报告\n\n一、基本情况\n\n广州市文联是人民团体。\n\n二、综合评价分析\n\n自评得分为92.38分。\n\n" + swapped
    assert "STR002" in {f.rule for f in lint(text)}


def test_fewer_itemised_measures():
    text = ("三、存在的主要问题\n\n一是设置绩效指标的科学性要进一步提高；二是财务管理有待加强；三是采购管理不规范。\n\n"
            "四、下一步改进措施\n\n（一）提升评价质量，对照绩效目标及指标值认真开展绩效自评。\n\n（二）加强学习，规范财务、采购等各项工作管理。\n")
    assert where(lint(text, "PRB002")) == [(5, 1, "PRB002")]


def test_one_undivided_measure_paragraph_covering_all_problems_passes():
    # seed 003: two problems, one paragraph of measures that covers both
    assert lint(seed_text("003"), "PRB001", "PRB002") == []


def test_partial_coverage_is_info_seed_001():
    findings = lint(seed_text("001"), "PRB")
    assert [(f.line, f.rule, f.severity.value) for f in findings] == [(127, "PRB003", "info")]
    assert findings[0].data["missing"] == "预决算公开"


def test_vague_measure():
    text = "三、存在的主要问题\n\n项目预算不够精细准确。\n\n四、下一步改进措施\n\n进一步加强管理，提高认识。\n"
    assert where(lint(text, "PRB004")) == [(7, 1, "PRB004")]
    assert lint(seed_text("002"), "PRB004") == []


def test_placeholder_problems():
    text = "三、存在的主要问题\n\n暂无。\n\n四、下一步改进措施\n\n暂无。\n"
    assert where(lint(text, "PRB005")) == [(1, 1, "PRB005")]
    assert lint(text, "PRB001", "PRB002", "PRB003") == []


def test_a_measure_naming_the_same_project_answers_its_problem():
    # a monitoring report outside the seeds: 校舍维修 and 支付 tie the measure to the problem
    text = ("四、存在的问题及其原因\n一是部分项目预算执行进度偏慢，校舍维修项目受招标程序影响，执行率偏低。二是绩效目标完成进度不均衡。\n"
            "五、有关建议及工作措施\n一是加快校舍维修项目招标和施工进度，确保9月底前完成支付。二是按月调度各项目绩效目标完成情况，对进度滞后的项目及时纠偏。\n")
    assert lint(text, "PRB") == []


def test_unnumbered_problem_and_measure_sections_are_paired():
    text = ("第二部分 绩效自评情况\n自评得分92分。\n\n存在的主要问题\n一是预算编制不够精细；二是资产管理不够规范。\n\n"
            "下一步改进措施\n一是提高预算编制精细化水平。\n")
    assert where(lint(text, "PRB001")) == [(5, text.split("\n")[4].index("二是") + 1, "PRB001")]
    assert lint(text.replace("一是提高预算编制精细化水平。", "一是提高预算编制精细化水平；二是开展固定资产清查。"), "PRB001") == []


def test_unnumbered_placeholder_points_at_its_title_line():
    text = "2023年度部门整体支出绩效自评报告\n存在的主要问题\n暂无。\n\n下一步改进措施\n暂无。\n"
    assert where(lint(text, "PRB005")) == [(2, 1, "PRB005")]


# --- other provinces (../shared/corpus) --------------------------------------------------

DAYING_FORM_TAIL = ("绩效指标(90分) | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 完成值 | 权重 | 得分 | 未完成原因分析 |\n"
                    "产出指标 | 经济成本指标 | 成本控制数 | ≤ | 30 | 万元 | 完成 | 90 | 90 | ||\n合计 | 100 | |||||||||\n"
                    "评价结论 | 根据财政局资金下达的管理办法,将资金支付给项目施工方。 | |||||||||\n"
                    "存在问题 | 无 | |||||||||\n改进措施 | 无 | |||||||||\n项目负责人:查小兵 | 财务负责人:唐勇 | |||||||||\n")


def test_problems_and_measures_of_none_in_table_rows():
    # 014 (大英司法局, 2023 自评表)
    assert where(lint(DAYING_FORM_TAIL, "PRB005", "PRB006")) == [(5, 1, "PRB005"), (6, 1, "PRB006")]


def test_problems_and_measures_of_none_in_a_flattened_form():
    # 016 (大英): the form's last row run into one line
    text = ("产出指标数量指标足额保障率=100% 22.5 科目调整次数≤10次 22.5 时效指标按时发放率=100% 22.5 合计100 "
            "评价结论及时、足额缴纳。存在问题暂无改进措施暂无项目负责人:财务负责人:")
    findings = lint(text, "PRB005", "PRB006")
    assert where(findings) == [(1, text.index("存在问题") + 1, "PRB005"), (1, text.index("改进措施") + 1, "PRB006")]


def test_problems_of_no_problem_in_a_flattened_report():
    # 036 (耒阳四中, 2022): the whole report on one line; 存在的问题…运转正常,暂无问题
    text = ("耒阳市第四中学专项资金绩效自评价报告一、基本情况(一)项目基本概况我校2022年项目为一个:生均公用经费项目"
            "(二)资金及项目绩效目标我校2022年按生均1000元安排,共计239万元,其中上级资金179.25万元,本级59.75万元,项目绩效目标是保证学校的正常运转"
            "二、项目资金使用及管理情况我校生均公用经费项目,资金严格按照上级有关文件的要求,主要用于保障学校正常运转"
            "三、预算支出组织实施情况我校2022年财政安排支出共计87.06万元,余款安排下年支出四、预算支出绩效情况保证了学校的正常运转"
            "五、存在的问题及原因分析我校生均公用经费项目运转正常,暂无问题六、几点建议拨款应及时一点七、其他需要说明的问题暂无\n")
    findings = lint(text, "PRB005")
    assert where(findings) == [(1, text.index("五、") + 1, "PRB005")]


def test_a_problems_section_that_names_no_problem():
    # 029 (保山, 2017): 四 says 无; 七 names intentions, no shortfall
    text = ("四、绩效目标未完成原因和下一步改进措施\n无\n五、绩效自评结果\n自评分为100分。\n"
            "七、绩效自评工作的经验、问题和建议\n保证项目资金专款专用,在以后工作中加强规范管理\n八、其他需说明的问题\n无\n")
    assert where(lint(text, "PRB005", "PRB007")) == [(1, 1, "PRB005"), (6, 1, "PRB007")]


def test_a_problem_stated_with_a_shortfall_word_passes():
    text = "七、绩效自评工作的经验、问题和建议\n专项资金申报不够及时。下一步按进度申报资金计划。\n八、其他需说明的问题\n无\n"
    assert lint(text, "PRB007") == []


def _sentences_of_the_seeds() -> list[str]:
    import re
    from pathlib import Path

    from perflint.model.textnorm import fold

    from ..conftest import SEEDS

    text = fold("".join(p.read_text(encoding="utf-8") for p in sorted(Path(SEEDS).glob("*.txt"))))
    return sorted({s for s in re.split(r"[。；\n]", text) if 6 <= len(s) <= 80})


_POOL = _sentences_of_the_seeds()


def test_the_measure_index_ranks_as_comparing_every_measure_does():
    # the index leaves out measures that share no bigram and no answering concept with a
    # problem; the best measure and the measures that answer must be those of a full ranking
    import random

    from perflint.check.packs import load_shipped
    from perflint.model.terms import MeasureIndex, best_matches

    terms = load_shipped().terms
    rng = random.Random(14)
    for _ in range(150):
        problems, measures = rng.sample(_POOL, rng.randint(1, 6)), rng.sample(_POOL, rng.randint(1, 12))
        index = MeasureIndex.build(terms, measures)
        for problem in problems:
            full, indexed = best_matches(terms, problem, measures), best_matches(terms, problem, measures, index)
            assert indexed[0] == full[0]
            assert [(i, m) for i, m in indexed if m.answered] == [(i, m) for i, m in full if m.answered]
