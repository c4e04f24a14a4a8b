"""Fuzzing: no input makes perflint raise or hang, every span lies inside its file, output is
deterministic, and every output format parses back in the program that reads it.

Properties run over bytes, Unicode, report-shaped text, extreme figures (1e400,
0.000…1, 100.000%, ordinals past 100, control characters) and mutated seeds,
through the API and through the command line.

Bounded for the suite (``PERFLINT_FUZZ_EXAMPLES``, default 40 per property);
the long run, as recorded in the README (eight properties, 13,000 inputs each):

    PERFLINT_FUZZ_EXAMPLES=13000 python -m pytest -q -p no:cacheprovider tests/test_fuzz.py --hypothesis-show-statistics
"""

from __future__ import annotations

import html.parser
import json
import os
import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perflint.check.engine import lint_document, lint_source
from perflint.check.packs import data_dir, load_shipped
from perflint.cli.main import main
from perflint.model.reader import read_document
from perflint.output.formatters import FORMATTERS, Context
from perflint.read.source import InputError, Source, decode

from .conftest import SEEDS

EXAMPLES = int(os.environ.get("PERFLINT_FUZZ_EXAMPLES", "40"))
#: Pathological inputs are scaled down for the suite; PERFLINT_FUZZ_SCALE=5 gives a 5 MB single line.
SCALE = float(os.environ.get("PERFLINT_FUZZ_SCALE", "0.2"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
SEED_LINES = [p.read_text(encoding="utf-8").split("\n") for p in sorted(SEEDS.glob("*.txt"))]
REPORT_ALPHABET = st.sampled_from(list("一二三四五六七八九十是、，。；：（）()1234567890.%％万元分其中按优良中差近余≥≤ \n\t\u3000") + ["\\geq", "\r\n"])

# --- extreme figures, in the phrases reports put them in -------------------------------------

_NUMBERS = st.one_of(
    st.integers(0, 10**30).map(str),
    st.builds(lambda k: "0." + "0" * k + "1", st.integers(0, 400)),
    st.builds(lambda k: "1" + "0" * k, st.integers(300, 500)),
    st.sampled_from(["1e400", "1E-400", "100.000", "99.995", "0", "00.00", "-0", "9" * 40, "1,234,567.89", "１２３．４５", "NaN", "inf"]),
    st.decimals(allow_nan=False, allow_infinity=False).map(str),
)
_UNITS = st.sampled_from(["", "%", "％", "万元", "元", "亿元", "分", "个", "期", "人次", "万"])
_LABELS = st.sampled_from(["预算数", "调整预算", "年初预算", "执行数", "全年执行数", "执行率", "完成率", "得分", "总分", "自评得分",
                           "满意度", "合计", "其中", "分值", "到位率", "指标值", "完成值", ""])
_ORDINALS = st.one_of(
    st.integers(95, 300).map(lambda n: f"{n}."),
    st.integers(95, 300).map(lambda n: f"（{n}）"),
    st.sampled_from(["九十九、", "一百、", "（一百零一）", "①", "⑳", "第十一部分", "一是", "十二是"]),
)
_CONTROL = st.sampled_from(["\x00", "\x01", "\x07", "\x0b", "\x0c", "\x1b[31m", "\x7f", "\u200b", "\u202e", "\ufeff", "\uffff"])
_PIECE = st.one_of(
    st.tuples(_LABELS, _NUMBERS, _UNITS).map("".join),
    _ORDINALS,
    _CONTROL,
    st.sampled_from(["，", "。", "；", "\n", "\n\n", "\t", "|", "自评等级为优", "评价等级：良", "存在问题：", "改进措施："]),
)
EXTREME = st.lists(_PIECE, max_size=60).map("".join)


def check_all(text: str) -> list:
    """Lint through the API twice: no exception, spans inside the text, same findings both times."""
    source = Source("fuzz.txt", text)
    ruleset = load_shipped()
    info, findings = lint_document(source, ruleset)
    for f in findings:
        if f.span is not None:
            assert 0 <= f.span.start <= f.span.end <= len(text)
            assert f.position.line <= len(source.line_starts)
    assert not info.errors, info.errors
    assert [(f.line, f.column, f.rule, f.message) for f in lint_source(source, ruleset)] == [(f.line, f.column, f.rule, f.message) for f in findings]
    return findings


_SCHEMAS: dict[str, dict] = {}


def _schema(name: str) -> dict:
    if name not in _SCHEMAS:
        _SCHEMAS[name] = json.loads((data_dir("schemas") / name).read_text(encoding="utf-8"))
    return _SCHEMAS[name]


_HEADLINE = re.compile(r"^(?P<path>[^:\n]+)(?::(?P<where>[^:\n]+(?::\d+)?))?: (?P<severity>error|warning|info): (?P<message>.*) \[(?P<rule>[A-Z]{3}\d{3})\]$")


def check_outputs(text: str) -> None:
    """Every format renders the findings and parses back as its reader would parse it."""
    import jsonschema

    source = Source("模糊 测试#1.txt", text)
    info, findings = lint_document(source, load_shipped())
    ctx = Context(sources={source.path: source}, files=1, documents={source.path: info}, rules=tuple(load_shipped().rules))
    document = json.loads(FORMATTERS["json"](findings, ctx))
    jsonschema.Draft202012Validator(_schema("findings.schema.json")).validate(document)
    assert document["summary"]["findings"] == len(findings)
    sarif = json.loads(FORMATTERS["sarif"](findings, ctx))
    jsonschema.Draft7Validator(_schema("sarif-schema-2.1.0.json"), format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER).validate(sarif)
    assert len(sarif["runs"][0]["results"]) == len(findings)
    root = ET.fromstring(FORMATTERS["junit"](findings, ctx).encode("utf-8"))
    assert int(root.get("tests")) == max(1, len(findings)) and int(root.get("failures")) == sum(ctx.fails(f) for f in findings)
    gitlab = json.loads(FORMATTERS["gitlab"](findings, ctx))
    assert len({issue["fingerprint"] for issue in gitlab}) == len(gitlab) == len(findings)
    for line in FORMATTERS["github"](findings, ctx).split("\n")[:-1]:  # the runner reads lines at \n
        assert re.fullmatch(r"::(error|warning|notice) file=[^,]+(,line=\d+,col=\d+,endLine=\d+,endColumn=\d+)?,title=[^:]+::.*", line), line
    concise = FORMATTERS["concise"](findings, ctx).split("\n")[:-1]
    assert len(concise) == len(findings) + 1
    for line in concise[:-1]:
        assert _HEADLINE.match(line), line
    FORMATTERS["text"](findings, ctx)
    FORMATTERS["statistics"](findings, ctx)
    page = FORMATTERS["html"](findings, ctx)
    notes = re.findall(r'<li class="(?:error|warning|info)" id="r1-f\d+"', page)
    assert len(notes) == len(findings) and page.rstrip().endswith("</html>")
    parser = html.parser.HTMLParser()
    parser.feed(page)
    parser.close()


# --- through the API --------------------------------------------------------------------------


@FUZZ
@given(st.binary(max_size=2000))
def test_reader_never_raises_on_bytes(data):
    try:
        text, _ = decode(data)
    except InputError:
        return
    read_document(Source("x", text))
    check_all(text)


@FUZZ
@given(st.text(max_size=600))
def test_random_unicode(text):
    check_all(text)


@FUZZ
@given(st.lists(REPORT_ALPHABET, max_size=400).map("".join))
def test_report_shaped_noise(text):
    check_all(text)


@FUZZ
@given(EXTREME)
def test_extreme_figures(text):
    check_all(text)


@FUZZ
@given(st.integers(0, len(SEED_LINES) - 1), st.randoms(use_true_random=False), st.sampled_from(["delete", "duplicate", "shuffle", "truncate", "splice"]))
def test_mutated_seeds(index, rnd, mutation):
    lines = list(SEED_LINES[index])
    if mutation == "delete":
        for _ in range(rnd.randint(1, 10)):
            if lines:
                del lines[rnd.randrange(len(lines))]
    elif mutation == "duplicate":
        for _ in range(rnd.randint(1, 10)):
            i = rnd.randrange(len(lines))
            lines.insert(i, lines[i])
    elif mutation == "shuffle":
        rnd.shuffle(lines)
    elif mutation == "splice":
        other = SEED_LINES[rnd.randrange(len(SEED_LINES))]
        at = rnd.randrange(len(lines))
        lines[at:at] = other[rnd.randrange(len(other)):]
    text = "\n".join(lines)
    if mutation == "truncate":
        data = text.encode("utf-8")[: rnd.randrange(1, len(text.encode("utf-8")))]
        try:
            text, _ = decode(data)
        except InputError:
            return
    check_all(text)


# --- every output format, parsed back ------------------------------------------------------------


@FUZZ
@given(st.one_of(EXTREME, st.lists(REPORT_ALPHABET, max_size=300).map("".join), st.text(max_size=300)))
def test_every_format_parses_back(text):
    check_outputs(text)


# --- through the command line ------------------------------------------------------------------


@FUZZ
@given(st.binary(max_size=1500), st.sampled_from(["json", "sarif", "junit", "gitlab", "concise"]))
def test_command_line_on_bytes(tmp_path_factory, data, fmt):
    """Any bytes as a file: exit 0, 1 or 2; on 2, one stderr line naming the file; the output parses."""
    import io
    import sys

    folder = tmp_path_factory.mktemp("cli")
    path = folder / "报告 #1.txt"
    path.write_bytes(data)
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        status = main(["--format", fmt, "-j", "1", str(path)])
    finally:
        sys.stdout, sys.stderr = saved
    assert status in (0, 1, 2)
    if status == 2:
        assert err.getvalue().count("\n") == 1 and err.getvalue().startswith(f"perflint: {path}: ")
    else:
        assert err.getvalue() == ""
    if fmt in ("json", "sarif", "gitlab"):
        json.loads(out.getvalue())
    elif fmt == "junit":
        ET.fromstring(out.getvalue().encode("utf-8"))


@FUZZ
@given(EXTREME)
def test_command_line_on_extreme_figures(tmp_path_factory, text):
    import io
    import sys

    path = tmp_path_factory.mktemp("cli") / "extreme.txt"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        status = main(["--format", "json", "-j", "1", str(path)])
    finally:
        sys.stdout, sys.stderr = saved
    assert status in (0, 1, 2), err.getvalue()
    assert "Traceback" not in err.getvalue()
    if status != 2:
        json.loads(out.getvalue())


# --- pathological shapes: each must finish (the benchmark measures how fast) ------------------------


@pytest.mark.parametrize(
    "name, text",
    [
        ("a million % signs", "%" * 1_000_000),
        ("10,000 nested-looking ordinals", "".join(f"（{'一二三四五六七八九'[i % 9]}）" for i in range(10_000))),
        ("heading lines", "\n".join(f"{'一二三四五六七八九'[i % 9]}、标题" for i in range(int(10_000 * SCALE)))),
        ("a single long line of figures", "全年预算数3663.27万元，执行数2659.40万元，完成预算的72.60%。" * int(100_000 * SCALE)),
        ("a long line with no punctuation", "预算数3663万元执行数2659万元目标值≥95%完成值90%" * int(50_000 * SCALE)),
        ("a flattened outline of thousands of headings", "".join(f"{'一二三四五六七八九'[i % 9]}、基本情况内容内容" for i in range(int(20_000 * SCALE)))),
        ("enumeration markers only", "一是二是三是" * int(50_000 * SCALE)),
        ("digits only", "1" * 500_000),
        ("targets and actuals, many", "目标：舆情日报数量≥200期。完成：舆情日报数量180期。\n" * int(20_000 * SCALE)),
        ("a table of contents of thousands of entries", "目录\n" + "".join(
            f"{'一二三四五六七八九'[i % 9]}、标题……{i + 1}\n" for i in range(int(10_000 * SCALE)))),
        ("a running title on every other line", "某局2023年度部门整体支出绩效自评报告\n一、基本情况\n"
         + "全年完成培训，\n某局2023年度部门整体支出绩效自评报告\n" * int(10_000 * SCALE)),
        ("page footers only", "\n".join(f"- {i % 999} -" for i in range(int(20_000 * SCALE)))),
    ],
)
def test_pathological_inputs_finish(name, text):
    check_all(text)
