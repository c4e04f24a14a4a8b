"""The document model built from real report text: outline, page-break joins, enumerations."""

from __future__ import annotations

import functools

from perflint.model.reader import read_document
from perflint.read.source import Source

from .conftest import ROOT, SEEDS, lint, seed_path, seed_text, where


def read(text: str):
    return read_document(Source("r.txt", text))


def outline(doc):
    return [(doc.source.position(h.marker.start)[0], h.level, h.ordinal) for h in doc.headings]


def test_seed_000_outline_levels_and_title():
    doc = read_document(Source.from_path(seed_path("000")))
    assert doc.title.unit == "广州市文学艺术界联合会"
    assert doc.title.year == 2021
    assert [(s.heading.ordinal, s.title) for s in doc.root.children] == [
        ("一、", "基本情况"),
        ("二、", "综合评价分析"),
        ("三、", "存在的主要问题"),
        ("四、", "下一步改进措施"),
    ]
    assert [c.title for c in doc.root.children[0].children] == ["部门概况", "年度总体工作和重点工作任务", "部门整体收支情况", "部门整体绩效管理情况"]


def test_mixed_styles_still_build_the_right_levels():
    # seed 002: 1、基本情况 opens level 1; 二、 continues it; （2） continues （一）
    doc = read_document(Source.from_path(seed_path("002")))
    top = [(s.heading.ordinal, s.title) for s in doc.root.children]
    assert top == [("1、", "基本情况"), ("二、", "绩效运行监控工作开展情况"), ("三、", "绩效运行监控情况"),
                   ("四、", "存在的问题及其原因"), ("五、", "有关建议及工作措施")]
    assert [c.heading.ordinal for c in doc.root.children[2].children] == ["（一）", "（2）"]


def test_page_break_rejoins_a_split_word_and_maps_back_to_lines():
    # seed 000 lines 17/19: "…紧扣重要时间节点，精" / "心开展主题文艺实践活动"
    text = "（二）年度总体工作\n\n二是紧扣重要时间节点，精\n\n心开展主题文艺实践活动。三是健全完善文艺创作生产激励机制。\n"
    doc = read(text)
    para = doc.root.children[0].blocks[0]
    assert "精心开展" in para.text
    i = para.text.index("心开展")
    assert doc.source.position(para.offset(i)) == (5, 1)
    assert doc.source.position(para.offset(i - 1)) == (3, 12)
    assert len(doc.joins) == 1


def test_a_page_footer_between_the_halves_of_a_paragraph_is_left_out():
    # the same page break with the page's number printed in its footer, as PDF text has it
    for footer in ("- 3 -", "—3—", "第 3 页 共 12 页", "第3页", "Page 3 of 12"):
        text = f"（二）年度总体工作\n\n二是紧扣重要时间节点，精\n{footer}\n心开展主题文艺实践活动。三是健全完善文艺创作生产激励机制。\n"
        para = read(text).root.children[0].blocks[0]
        assert para.text == "二是紧扣重要时间节点，精心开展主题文艺实践活动。三是健全完善文艺创作生产激励机制。", footer
        assert read(text).source.position(para.offset(para.text.index("心开展"))) == (5, 1)
    # a bare number or 3/12 may be a form's cell: it stays
    for cell in ("3", "3/12"):
        assert cell in "".join(b.text for b in read(f"二是紧扣重要时间节点，精\n{cell}\n心开展主题文艺实践活动。\n").blocks)


def test_a_page_footer_inside_a_form_of_one_cell_per_line_keeps_its_rows():
    # corpus 001 (四川青神, 2023): the form's funds rows, a PDF page footer after its first cells
    (form,) = (ROOT / "benchmarks" / "quality" / "corpus").glob("001_*.txt")
    text = form.read_text(encoding="utf-8")
    at = text.index("总额 |")
    footed = text[:at] + "- 1 -\n" + text[at:]
    assert sorted(where(lint(footed))) == sorted((line + (line > text[:at].count("\n")), col, rule)
                                                  for line, col, rule in where(lint(text)))


def test_titles_and_finished_sentences_are_not_joined():
    text = "（二）各项工作任务绩效目标完成情况分析\n\n《任务四》 区宣传文化事业发展专项工作\n\n完成情况 坚持以习近平新时代中国特色社会主义思想为指导。\n\n项目预算不够精细准确。\n\n三、存在的主要问题\n"
    doc = read(text)
    assert [b.text for b in doc.blocks][1:4] == [
        "《任务四》 区宣传文化事业发展专项工作",
        "完成情况 坚持以习近平新时代中国特色社会主义思想为指导。",
        "项目预算不够精细准确。",
    ]
    assert doc.joins == []


def test_a_line_of_a_page_that_breaks_inside_a_list_goes_on_with_it():
    """028 (炎陵) and seed 002 as a page wraps them: the next line opens with a marker, but
    after 、 or an opening bracket no heading can begin; after ： or a full stop one can."""
    wrapped = ("一、部门基本情况\n公益一类: (1)畜牧水产事务中心、(2)农机事务中心、(6)农产品质量安全检测中心、"
               "(7) 炎陵黄桃产业发展中心、\n(8)炎陵县农业综合行政执法大队。\n")
    doc = read(wrapped)
    assert [h.ordinal for h in doc.headings] == ["一、"] and len(doc.blocks) == 2 and len(doc.joins) == 1
    assert len(read("其中：（1）外地文学艺术家来零打卡接待经费2万元；（\n3）春节走访经费2.42万元。\n").blocks) == 1
    kept = read("主要职责：\n（1）组织全区文艺工作者开展文艺活动。\n（2）指导文艺协会的换届工作。\n")
    assert [h.ordinal for h in kept.headings] == ["（1）", "（2）"]


def test_unclosed_quote_marks_a_page_break():
    text = "二是坚持守正创新，打造特色活动。持续开展“青\n\n年歌手大赛”“广东音乐邀请赛”等。\n"
    assert len(read(text).blocks) == 1


def test_enumeration_runs_across_paragraphs_of_a_section():
    text = "1. 学习贯彻\n\n一是深入学习贯彻。\n\n二是“时代先声”拉开序幕。\n\n三是打造党史宣讲阵地。\n\n2. 聚焦精品创作\n\n一是紧跟时代步伐。\n"
    doc = read(text)
    assert [[i.number for i in e.items] for e in doc.enumerations] == [[1, 2, 3], [1]]
    assert all(i.anomaly is None for e in doc.enumerations for i in e.items)


def test_numerals_inside_words_are_not_markers():
    # 之一是 / 统一是 / 第二是 are words, not enumeration markers
    doc = read("重要内容之一是统一思想，统一是前提，第二是落实。\n")
    assert doc.enumerations == []


def test_enumeration_marker_after_a_word_without_punctuation():
    # seed 000 line 31 "主要表现为一是…"; seed 004 line 51 "完成情况一是…"
    doc = read("主要表现为一是加强绩效管理制度的建设。二是加强绩效监控。\n")
    assert [i.number for i in doc.enumerations[0].items] == [1, 2]


def test_section_path_names_the_ancestors():
    doc = read("三、绩效运行监控情况\n（一）项目支出预算执行情况\n区文联2024年项目总额12.42万元。\n")
    section = doc.section_of(doc.source.text.index("区文联"))
    assert section.path() == "三、绩效运行监控情况 / （一）项目支出预算执行情况"


# --- other provinces (../shared/corpus) --------------------------------------------------


def test_inline_heading_has_a_short_title_and_a_body():
    doc = read("一、基本情况。本单位现有在职人员11人，其中公务员5人。\n")
    h = doc.headings[0]
    assert (h.title, h.has_body) == ("基本情况", True)


def test_a_long_numbered_paragraph_has_no_title():
    # seed 001 line 45: a numbered paragraph of hundreds of characters is an item, not a section title
    doc = read("1.旗帜鲜明讲政治，坚决捍卫“两个确立”、坚决做到“两个维护”，全面加强党的政治建设，深入学习贯彻习近平新时代中国特色社会主义思想。\n")
    assert doc.headings[0].title == ""


def test_a_flattened_outline_is_split_at_its_headings():
    # 036 (耒阳四中): the whole report run into one line
    line = ("耒阳市第四中学专项资金绩效自评价报告一、基本情况(一)项目基本概况我校2022年项目为一个:生均公用经费项目"
            "二、项目资金使用及管理情况我校生均公用经费项目,资金严格按照上级有关文件的要求,主要用于保障学校正常运转"
            "三、预算支出组织实施情况我校2022年财政安排支出共计87.06万元,余款安排下年支出四、预算支出绩效情况保证了学校的正常运转"
            "五、存在的问题及原因分析我校生均公用经费项目运转正常,暂无问题\n")
    doc = read(line)
    assert [h.ordinal for h in doc.headings] == ["一、", "二、", "三、", "四、", "五、"]
    assert doc.headings[1].title == "项目资金使用及管理情况我校生均公用经费项目"


def test_table_rows_are_cells_not_headings():
    # 014 (大英 自评表): 2.项目实施内容… is a cell of a row
    doc = read("项目基本情况 | 1.项目年度目标完成情况 | 项目年度目标 | 年度目标完成情况 |\n"
               "2.项目实施内容及过程概述 | 2023年购买13台安可电脑,并于12月前完成资金支付。 | |||||||||\n")
    assert doc.headings == [] and all(b.cell for b in doc.blocks)


def test_traditional_headings_are_read_on_the_folded_text():
    doc = read("二、績效運行監控工作開展情況\n專項支出明確單位專項的分管領導。\n")
    assert doc.headings[0].key == "绩效运行监控工作开展情况"


def test_the_inline_marker_scan_finds_what_the_plain_form_finds():
    """reader._INLINE (the marker's first character first) against the plain form, from every
    start position, on random text and on every seed paragraph."""
    import re as stdlib_re

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from perflint.model import reader

    plain = stdlib_re.compile(reader._INLINE_AS_WRITTEN)

    def spans(pattern, text, pos):  # noqa: ANN001, ANN202
        return [(m.start(), m.end()) for m in pattern.finditer(text, pos)]

    @settings(max_examples=2000, database=None, deadline=None)
    @given(st.text(alphabet=st.sampled_from(list("1290.．、。；;，,：: \n工作“《（(①⑳⑴x")), max_size=14), st.integers(0, 3))
    def same(text: str, pos: int) -> None:
        assert spans(reader._INLINE, text, pos) == spans(plain, text, pos)

    same()
    for seed in SEEDS.glob("*.txt"):
        for line in seed.read_text(encoding="utf-8").splitlines():
            assert spans(reader._INLINE, line, 0) == spans(plain, line, 0)


def test_a_figure_is_read_in_its_sentence_or_list_item():
    # seed-style text: items end at 。 or ；(a narrow ; is folded to ；), not at ！ or ，
    text = "一是资金到位率100%;二是执行率达到98.5%，较上年提高！三是满意度95%。下一句。"
    block = read_document(Source("t.txt", text)).blocks[0]
    at = text.index("98.5")
    start, end = block.item_start(at), block.item_end(at)
    assert text[start:end] == "二是执行率达到98.5%，较上年提高！三是满意度95%"
    assert block.item_start(text.index("100")) == 0 and block.item_end(len(text)) == len(text)
    assert block.item_start(at, within=4) == at - 4  # bounded both ways, for long paragraphs without marks
    assert block.item_end(at, within=4) == at + 4


# --- a table of contents -----------------------------------------------------------------

def _with_contents(prefix: str, entry) -> tuple[str, str]:  # noqa: ANN001
    """Seed ``prefix`` and the same report with a table of contents of its first headings
    (written by ``entry(k, heading)``) between the title and the body, as Word exports it."""
    text = seed_text(prefix)
    doc = read(text)
    heads = [h.ordinal + h.title.strip() for h in doc.headings if h.is_title and h.level <= 2][:12]
    first = doc.headings[0].block.span(0, 1).start
    at = text.rfind("\n", 0, first) + 1
    return text, text[:at] + "\n".join(entry(k, h) for k, h in enumerate(heads, 1)) + "\n\n" + text[at:]


def _shifted(findings, lines: int):  # noqa: ANN001, ANN202
    return sorted((f.line - lines if f.line else None, f.column, f.rule, f.message.split("第")[0]) for f in findings)


def test_a_table_of_contents_is_not_an_outline_of_empty_sections():
    # seed 001 with its first twelve headings above the body, in the ways tables of contents
    # are written: under 目录, with dot leaders and pages, with a page after a blank (Word's
    # tab), and bare (the outline then restarts): the findings are the seed's, line for line
    for entry, label in [(lambda k, h: h, "目  录\n"), (lambda k, h: h, ""),
                         (lambda k, h: f"{h}{'.' * 20}{k}", ""), (lambda k, h: f"{h}……………………{k}", ""),
                         (lambda k, h: f"{h} {k + 2}", "")]:
        original, toc = _with_contents("001", entry)
        toc = toc.replace("一、部门基本情况", label + "一、部门基本情况", 1)
        added = toc.count("\n") - original.count("\n")
        assert _shifted(lint(toc), added) == _shifted(lint(original), 0), label or entry(1, "x")
    assert len(read(toc).headings) == len(read(original).headings)


def test_empty_sections_that_are_no_table_of_contents_are_still_reported():
    # three empty headings that never come back: a report with its sections left blank
    text = ("2021年度某单位部门整体支出绩效自评报告\n一、基本情况\n二、绩效目标完成情况\n三、存在的问题\n"
            "四、改进措施\n下一步将加强预算绩效管理，提高资金使用效益。\n")
    assert [(f.line, f.rule) for f in lint(text, "STR003")] == [(2, "STR003"), (3, "STR003"), (4, "STR003")]


def test_form_rows_ending_in_scores_are_no_table_of_contents():
    # scores after a blank (30 30 10) decrease: no pages; the rows stay headings and rows
    text = "1.产出指标 30\n2.效益指标 30\n3.满意度指标 10\n1.产出指标 25\n"
    doc = read(text)
    assert [doc.source.position(h.marker.start)[0] for h in doc.headings] == [1, 2, 3, 4]


def test_two_entries_under_a_contents_label_with_pages_after_a_blank():
    # Word's table of contents as the reader gets it: the tab before the page is a blank
    text = "某项目绩效自评报告\n目录\n一、项目概况 1\n二、绩效评价 3\n一、项目概况\n项目于2021年实施。\n二、绩效评价\n自评得分95分。\n"
    doc = read(text)
    assert [(doc.source.position(h.marker.start)[0], h.title) for h in doc.headings] == [(5, "项目概况"), (7, "绩效评价")]
    assert [b.text for b in doc.blocks if "目录" in b.text or " 1" in b.text] == []
    assert lint(text, "STR003") == []


# --- a running header ----------------------------------------------------------------------

def read_titled(text: str):  # noqa: ANN201
    """Read with the shipped packs' vocabulary, which says what a report title is."""
    return read_document(Source("r.txt", text), _vocabulary())


@functools.cache
def _vocabulary():  # noqa: ANN202
    from perflint.check.packs import load_shipped

    return load_shipped().vocabulary


def test_the_title_repeated_at_the_top_of_every_page_is_no_new_report():
    # seed 001 as PDF text: its title at the top of a page every 12 lines, wherever the page
    # broke (mid-sentence, after a heading line, before a numbered item, between paragraphs)
    original = seed_text("001")
    lines = original.split("\n")
    title = read(original).title.block.text
    paged, added = [], []
    for k, line in enumerate(lines):
        paged.append(line)
        if k % 12 == 11:
            paged.append(title)
            added.append(len(paged))
    text = "\n".join(paged)
    assert len(read_titled(text).parts) == 1
    shifted = [(line - sum(1 for a in added if a < line) if line else line, col, rule) for line, col, rule in where(lint(text))]
    assert sorted(shifted, key=str) == sorted(where(lint(original)), key=str)


def test_a_running_header_inside_a_paragraph_is_read_across():
    text = ("2021年度某单位部门整体支出绩效自评报告\n一、基本情况\n本单位2021年预算执行情况良好，全年共完成\n"
            "2021年度某单位部门整体支出绩效自评报告\n各项工作任务。\n二、存在的问题\n无。\n")
    doc = read_titled(text)
    assert len(doc.parts) == 1
    assert doc.root.children[0].blocks[0].text == "本单位2021年预算执行情况良好，全年共完成各项工作任务。"


def test_reports_and_forms_with_the_same_title_stay_apart():
    # a department's file of several 自评表 under one title, and two reports that each begin anew
    rows = ("年度资金总额 | {0} | {1} | {1} | 10 | 100.00% | 10 |\n其中：财政资金 | {0} | {1} | {1} | / | / |\n"
            "产出指标 | 数量指标 | 发放覆盖率 | = | 100 | % | 100 | 60 | 60 | |\n"
            "效益指标 | 社会效益指标 | 足额保障率 | = | 100 | % | 100 | 30 | 30 | |\n合计 | 100 | 100 |\n")
    forms = ("项目支出绩效自评表\n项目名称 | 工资性支出 |\n" + rows.format("238.93", "251.89")
             + "项目支出绩效自评表\n项目名称 | 安可替代补助 |\n" + rows.format("0.00", "3.36"))
    assert len(read_titled(forms).parts) == 2
    reports = ("某项目绩效自评报告\n一、基本情况\n项目于2021年实施，资金已全部到位并按计划支出完毕。\n二、存在的问题\n无。\n"
               "某项目绩效自评报告\n一、基本情况\n项目于2022年实施，资金已全部到位并按计划支出完毕。\n二、存在的问题\n无。\n")
    assert len(read_titled(reports).parts) == 2


# --- a web page around the report --------------------------------------------------------

WEB_HEADER = "首页 > 政务公开 > 财政信息 > 预算绩效\n发布时间：2023-05-20 10:32  来源：本网  浏览次数：128\n【字体：大 中 小】\n"
WEB_FOOTER = ("【打印本页】【关闭窗口】\n分享到：微信 微博 QQ空间\n相关链接：\n主办单位：广州市荔湾区人民政府办公室\n"
              "网站标识码：4401030001  粤ICP备05008762号  粤公网安备 44010302000123号\n"
              "地址：广州市荔湾区中山八路33号  邮编：510145\n技术支持：数字广东网络建设有限公司\n")


def test_a_web_pages_header_and_footer_are_not_the_reports_first_and_last_lines():
    # seed 004 as a government site publishes it: with the footer its last line was 技术支持：…,
    # so the whole report 'ended mid-sentence' (STR004) and its PRB checks were skipped
    original = seed_text("004")
    text = WEB_HEADER + original.rstrip("\n") + "\n" + WEB_FOOTER
    added = WEB_HEADER.count("\n")
    shifted = [(line - added if line else line, col, rule) for line, col, rule in where(lint(text))]
    assert sorted(shifted, key=str) == sorted(where(lint(original)), key=str)
    assert "STR004" not in {rule for _, _, rule in shifted}


def test_a_reports_own_last_lines_are_kept():
    # a closing line that only mentions what a footer says is the report's
    text = "一、存在问题\n无。\n二、改进措施\n加强技术支持。\n承办单位将进一步完善制度\n"
    assert read_titled(text).blocks[-1].text == "承办单位将进一步完善制度"


# --- decimal outlines (third-party evaluation reports) -------------------------------------

THIRD_PARTY = ("某县2023年农村道路养护项目绩效评价报告\n1 项目概况\n1.1 项目基本情况\n"
               "本项目2023年预算安排资金500万元，实际支出480万元，预算执行率96%。\n1.2 项目绩效目标\n完成农村道路养护120公里。\n"
               "2 绩效评价工作开展情况\n2.1 评价目的\n通过评价了解资金使用效益。\n2.2 评价方法\n采用比较法和因素分析法。\n"
               "3 综合评价情况及评价结论\n经评价，项目综合得分88分，评价等级为“良”。\n4 存在的问题及原因分析\n部分路段养护不及时。\n"
               "5 有关建议\n加强日常巡查，建立养护台账。\n")


def test_a_decimal_outline_has_its_levels():
    doc = read(THIRD_PARTY)
    assert [(h.ordinal, h.level, h.title) for h in doc.headings][:4] == [
        ("1", 1, "项目概况"), ("1.1", 2, "项目基本情况"), ("1.2", 2, "项目绩效目标"), ("2", 1, "绩效评价工作开展情况")]
    assert [s.title for s in doc.root.children] == ["项目概况", "绩效评价工作开展情况", "综合评价情况及评价结论",
                                                    "存在的问题及原因分析", "有关建议"]


def test_a_figure_at_a_lines_start_is_no_decimal_heading():
    # 5 个项目… is a figure; 1.5万元 too; and without any 1.1 a bare 1 is no heading at all
    text = THIRD_PARTY.replace("完成农村道路养护120公里。\n", "完成农村道路养护120公里。\n5 个村的道路已完成验收。\n1.5万元用于购置养护设备。\n")
    assert [h.ordinal for h in read(text).headings] == [h.ordinal for h in read(THIRD_PARTY).headings]
    assert read("某项目绩效自评报告\n1 项目概况\n本项目预算500万元。\n2 存在问题\n无。\n").headings == []
    # nor is a form's row that begins with its serial number
    row = THIRD_PARTY.replace("2 绩效评价工作开展情况\n", "2 绩效评价工作开展情况\n3 产出指标 数量指标 养护里程 120 118 30 28\n")
    assert "3" not in [h.ordinal for h in read(row).headings[:6]]


def test_a_form_feed_between_pages_is_a_blank():
    # pdftotext ends every page with \f: the last 'line' was \f, and a whole report 'ended mid-sentence'
    text = seed_text("000").rstrip("\n") + "\n\f"
    assert sorted(where(lint(text)), key=str) == sorted(where(lint(seed_text("000"))), key=str)
    assert read(text).blocks[-1].text == read(seed_text("000")).blocks[-1].text


def test_headings_in_markdown_bold_are_headings():
    # pandoc writes a Word report's bold heading paragraphs as **一、部门基本情况**: read as
    # prose, the outline lost its headings (NUM003 on every 1. that followed) and the bold last
    # line 'ended mid-sentence'
    import re

    original = seed_text("001")
    bold = "\n".join(re.sub(r"^((?:[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十]{1,3}）).*)$", r"**\1**", line)
                     for line in original.split("\n"))
    assert bold.count("**一、") == 1
    doc = read(bold)
    assert [(h.ordinal, h.title) for h in doc.headings[:2]] == [("一、", "部门基本情况"), ("（一）", "部门职能")]
    assert sorted(where(lint(bold)), key=str) == sorted(where(lint(original)), key=str)


def test_chinese_ordinals_written_with_a_dot_are_headings():
    # 一.部门基本情况 (一、 written with a dot): read as prose, seed 001 lost its sections and
    # with them the problems-and-measures finding (PRB003)
    import re

    original = seed_text("001")
    dotted = re.sub(r"^([一二三四五六七八九十]{1,3})、", r"\1.", original, flags=re.MULTILINE)
    assert dotted.count("\n一.") == 1
    assert sorted(where(lint(dotted)), key=str) == sorted(where(lint(original)), key=str)
    mixed = "一、基本情况\n本局全年预算数100万元。\n二.绩效自评情况\n自评得分95分。\n三、存在的问题\n无。\n"
    assert where(lint(mixed, "NUM004")) == [(3, 1, "NUM004")]
