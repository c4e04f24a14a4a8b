"""Reading bytes: encodings, line ends, positions and display width."""

from __future__ import annotations

import codecs

import pytest

from perflint.output.formatters.text import display_width
from perflint.read.source import InputError, Source, decode

SENTENCE = "全年预算数3663.27万元，执行数2659.40万元，完成预算的72.60%。"


@pytest.mark.parametrize(
    "data, encoding",
    [
        (SENTENCE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SENTENCE.encode("utf-8"), "utf-8-sig"),
        (SENTENCE.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + SENTENCE.encode("utf-16-be"), "utf-16"),
        (SENTENCE.encode("gb18030"), "gb18030"),
        (SENTENCE.encode("gbk"), "gb18030"),
    ],
)
def test_report_encodings_decode_to_the_same_text(data, encoding):
    text, found = decode(data)
    assert text == SENTENCE
    assert found == encoding


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty"),
        (b"  \n\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (bytes(range(1, 32)) * 10, "binary"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8A\x00", "utf-16"),
        (b"\x81\x30\x81", "not UTF-8"),
    ],
)
def test_unreadable_input_is_an_input_error(data, reason):
    with pytest.raises(InputError, match=reason):
        decode(data)


def test_crlf_and_cr_line_ends_count_one_line_each():
    source = Source("r.txt", "一、基本情况\r\n\r\n（一）部门概况\r二、综合评价分析\n")
    assert source.position(source.text.index("（一）")) == (3, 1)
    assert source.position(source.text.index("二、")) == (4, 1)
    assert source.line_text(3) == "（一）部门概况"


def test_columns_count_characters_not_bytes():
    source = Source("r.txt", "第一行\n全年预算数3663.27万元")
    assert source.position(source.text.index("3663")) == (2, 6)


def test_bom_is_not_a_column():
    text, _ = decode(codecs.BOM_UTF8 + "一、基本情况".encode())
    assert Source("r.txt", text).position(0) == (1, 1)
    assert text.startswith("一")


def test_han_and_full_width_take_two_cells():
    assert display_width("（一）部门") == 10
    assert display_width("3663.27万元") == 11
    assert display_width("≥200期", ambiguous=1) == 6
    assert display_width("≥200期", ambiguous=2) == 7


def test_the_ranges_measured_without_wcwidth_are_as_wcwidth_measures_them():
    # text.py knows the width of Han, ASCII and common punctuation without importing wcwidth
    import unicodedata

    from wcwidth import wcwidth

    from perflint.output.formatters import text

    for low, high in text._WIDE + text._NARROW:
        for code in range(low, high + 1):
            ch = chr(code)
            expected = wcwidth(ch)
            assert text._measure(ch, 1) == expected, hex(code)
            wide = expected == 1 and unicodedata.east_asian_width(ch) == "A"
            assert text._measure(ch, 2) == (2 if wide else expected), hex(code)


def test_a_report_in_chinese_is_drawn_without_importing_wcwidth():
    import subprocess
    import sys

    from .conftest import seed_path

    code = ("import sys; from perflint.cli.main import main; main([sys.argv[1]]); "
            "print('wcwidth' in sys.modules, file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code, str(seed_path("002"))], capture_output=True, text=True, timeout=120)
    assert "^" in done.stdout  # snippets were drawn
    assert done.stderr.strip().splitlines()[-1] == "False"


def test_missing_file_and_directory_are_input_errors(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        Source.from_path(tmp_path / "absent.txt")
    with pytest.raises(InputError, match="directory"):
        Source.from_path(tmp_path)
