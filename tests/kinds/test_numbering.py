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


# --- other provinces (../shared/corpus) --------------------------------------------------


def test_missing_first_item_is_reported_where_it_seems_to_be():
    # 008 (株洲渌口, 2020): （一） lost from 资金投入情况分析。; （二） follows later
    text = ("二、绩效目标自评完成情况分析\n资金投入情况分析。\n1.项目资金到位情况分析。\n区级财政年初预算安排200万元专项资金。\n"
            "2.项目资金执行情况分析。\n已及时足额拨付资金66.86万元。\n(二)绩效目标完成情况分析。\n产出指标完成情况分析。\n")
    assert where(lint(text, "NUM")) == [(2, 1, "NUM002")]


def test_first_item_glued_to_the_title_is_no_gap():
    # 004 (范文, traditional script): 一、 glued to the page title on the same line
    text = "績效運行監控報告\n績效運行監控報告1一、項目支出基本情況\n20xx年本單位項目支出預算19.3萬元。\n二、績效運行監控工作開展情況\n專項支出明確單位專項的分管領導。\n"
    assert lint(text, "NUM") == []


def test_garbled_first_item_is_no_gap():
    # 019: （一） turned into mojibake (。ㄒ唬), so （二） is right
    text = "一、項目支出基本情況\n。ㄒ唬╉椖扛艣r:資金規模共計2535.4萬元。\n(二)項目實施期限:20xx年。\n二、績效運行監控工作開展情況\n"
    assert lint(text, "NUM") == []


def test_kindred_styles_only_continue_each_other():
    # 019: （二） does not continue 一、 (different levels), so 二、 is no repeat
    text = "一、項目支出基本情況\n（一）項目概況。\n(二)項目實施期限：20xx年。\n二、績效運行監控工作開展情況\n"
    assert lint(text, "NUM") == []


def test_heading_that_lost_its_ordinal():
    # 030 (攀枝花仁和, 2021): 三、 and 四、 left as 、
    text = ("一、项目概况\n（一）项目基本情况。\n覆盖全镇所有困难群众。\n二、项目资金申报及使用情况\n（一）项目资金申报及批复情况。\n"
            "已完成项目资金申报。\n、项目绩效情况\n群众及残疾人满意度98%。\n、评价结论及建议\n政策宣传不到位。\n")
    assert where(lint(text, "NUM")) == [(7, 1, "NUM005"), (9, 1, "NUM005")]


def test_inline_list_repeats_an_item():
    # 040 (岳阳, 2018): 1.…4.…4.…5. in one cell of the overview table
    text = ("1.完成数字化城市管理监督、指挥、调度和协调工作。2.做好全市数字化城市管理系统市级平台的日常维护和管理。"
            "3.对各类城市管理信息的收集、分析和整理。4.完成数字城管各终端单位的考核考评。4.对受理的数字化城市管理的投诉、举报等有关工作进行处理。"
            "5.对各县市区数字化城市管理工作的业务指导。\n")
    findings = lint(text, "NUM")
    assert where(findings) == [(1, text.index("4.对受理") + 1, "NUM001")]


def test_form_cells_restart_their_numbering():
    # 017 (岳阳, 评分表, lines 1-14 and 97-131): ① restarts in each cell of the table
    text = YUEYANG_SCORE_SHEET
    assert lint(text, "NUM") == []


YUEYANG_SCORE_SHEET = """一级指标
|
二级指标
|
三级指标
|
评分标准
|
分值
|
自评得分
|
扣分原因和其他说明
|
预算管理
(15分)
|
管理制度
健全性
|
①已制定或具有预算资金管理办法,内部财务管理制度、会计核算制度等管理制度,1分;
②相关管理制度合法、合规、完整,1分;
③相关管理制度得到有效执行,1分。
|
3
|
3
|
|
资金使用
合规性
|
①支出符合国家财经法规和财务管理制度规定以及有关专项资金管理办法的规定;
②资金拨付有完整的审批程序和手续;
③项目支出按规定经过评估论证;
④支出符合部门预算批复的用途;
⑤资金使用无截留、挤占、挪用、虚列支出等情况。
以上情况每出现一例不符合要求的扣1分,扣完为止。
|
3
|
3
|
|
预决算信息公开性和完善性
|
①
"""


def test_the_footnote_of_a_form_is_its_own_list():
    # 001 (青神): 1.…;2.…;3.… in a cell after 1. and 2. of the form
    text = ("1.项目年度目标完成情况 |\n严格执行相关政策。 |\n2.项目实施内容及过程概述 |\n|\n预算执行情况(10分) |\n"
            "1.预算执行率=预算执行数/调整后预算数,预算执行率未达到90%的需说明原因(100字以内);2.年中发生预算调整的(追加或调减),应单独说明理由;3.其他资金包括:社会投入资金、银行贷款. |\n")
    assert lint(text, "NUM") == []


def test_an_ordinal_in_the_hundreds_is_reported_not_a_crash():
    # a misread figure taken for an ordinal must not end the run (184. then 3.)
    assert [f.rule for f in lint("184.\n3.\n", "NUM")] == ["NUM003"]


def test_a_list_wrapped_by_a_page_is_not_a_skipped_heading():
    """028 (炎陵, 2019) with its lines broken every 38 characters, as a PDF page breaks them:
    (8) opens a line after 、 — the list's next item, not a heading that skips to (8)."""
    text = (
        "1、炎陵县农业农村局2019年鄱县白鹅资源保种经费的绩效自评报告一、项目概况\n"
        "(一)项目单位基本情况。1.主要职能。(1)贯彻执行国家种植业、畜牧业、渔业\n"
        "、农业机械 化、农产品加工业、农垦等农业各产业发展的方针政策。(2)负责全县\n"
        "农业、农村工作的协调和综合工作。(3)指导、扶持农业社会化服务体系、农村合作\n"
        "经济 组织、农民专业合作社和农产品行业协会的建设与发展。(4)依法负责农业生\n"
        "产的监督管理,组织实施农机惠 农政策。负责农作物重大病虫害防治。2 .机构情\n"
        "况。2019年机构改革后,我单位所属事业单 位分为两类,其中公益一类8个和公\n"
        "益二类1个。公益一类: (1)畜牧水产事务中心、(2)农机事务中心、(3\n"
        "2、)农业综 合服务中心、(4)农业技术推广中心、(5)湖南省农业广播 电视\n"
        "学校炎陵县分校、(6)农产品质量安全检测中心、(7) 炎陵黄桃产业发展中心、\n"
        "(8)炎陵县农业综合行政执法大队。 公益二类:农业技术服务中心。3 .人员情\n"
    )
    assert lint(text, "NUM") == []  # NUM002 "(8) skips" before the reader joined the line


def test_a_skipped_number_in_a_decimal_outline():
    # 2.1 then 2.3 in a third-party report's outline: 2.2 is missing
    from ..test_reader import THIRD_PARTY

    text = THIRD_PARTY.replace("2.2 评价方法", "2.3 评价方法")
    found = lint(text, "NUM002")
    assert where(found) == [(text[: text.index("2.3 评价")].count("\n") + 1, 1, "NUM002")]
    assert found[0].data["expected"] == "2.2"
    assert lint(THIRD_PARTY, "NUM") == []
