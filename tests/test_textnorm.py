"""Folding text for matching: same length, simplified script, full-width sentence punctuation."""

from __future__ import annotations

import re

from perflint.model.textnorm import fold, title_key


def test_fold_keeps_every_offset():
    text = "預算數60萬元,其中包括兵團(tuán)補貼資金60萬;執行率100%"
    assert len(fold(text)) == len(text)


def test_traditional_becomes_simplified():
    assert fold("預算數60萬元，執行率") == "预算数60万元，执行率"


def test_simplified_characters_of_gb2312_stay_as_they_are():
    # 著 (显著) and 乾 are simplified characters in their own right
    assert fold("效果显著，乾坤") == "效果显著，乾坤"


def test_half_width_punctuation_becomes_full_width_except_in_numbers():
    assert fold("资金3,970.64万元,其中:基本支出(人员);13:25") == "资金3,970.64万元，其中：基本支出（人员）；13:25"


def test_title_key_ignores_blanks_width_and_script():
    assert title_key("三、存在的主要問題：") == title_key("三、 存在的主要问题")


# --- the fast paths give what translating every character gives ------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from perflint.model import textnorm  # noqa: E402

_MIXED = st.text(alphabet=st.sampled_from(list("薴苧預算數萬元执行率，,:;()?!１２％（）　 \t\n\u00a0ab3.,:,:1") + ["\uff01", "\uff5e", "\uff5f"]), max_size=80)


def _reference_fold(text: str) -> str:
    folded = text.translate(textnorm._fold_table() | {ord(k): v for k, v in textnorm._WIDEN.items()})
    folded = re.sub(r",(?!\d)|(?<!\d),", "，", folded)  # a mark between digits stays (3,970.64; 13:25)
    return re.sub(r":(?!\d)|(?<!\d):", "：", folded)


@settings(max_examples=300, database=None)
@given(_MIXED)
def test_fold_is_the_character_table(text):
    assert textnorm.fold(text) == _reference_fold(text)


@settings(max_examples=300, database=None)
@given(_MIXED)
def test_squash_is_the_character_tables(text):
    assert textnorm.squash(text) == text.translate(textnorm._FOLD).translate(textnorm._BLANKS)


@settings(max_examples=300, database=None)
@given(_MIXED, st.integers(0, 40), st.integers(0, 40))
def test_a_slice_of_the_narrow_paragraph_squashes_like_the_slice(text, i, j):
    assert textnorm.drop_blanks(textnorm.narrow(text)[i:j]) == textnorm.squash(text[i:j])
    assert len(textnorm.narrow(text)) == len(text)


@settings(max_examples=300, database=None)
@given(_MIXED)
def test_narrow_and_drop_blanks_are_the_character_tables(text):
    assert textnorm.narrow(text) == text.translate(textnorm._FOLD)
    assert textnorm.drop_blanks(text) == text.translate(textnorm._BLANKS)


def test_a_character_that_folds_into_another_folded_one_is_folded_once():
    # 薴 → 苧 and 苧 → 苎: one pass, as the table says, not 薴 → 苧 → 苎
    assert fold("薴苧") == "苧苎"


def _fold_both_ways(text: str) -> tuple[str, str]:
    """fold(text) finding traditional characters by the table's set, then by its class."""
    kept = textnorm.CLASS_AFTER, textnorm._folded_so_far
    try:
        textnorm.CLASS_AFTER, textnorm._folded_so_far = 10**15, 0
        by_set = fold(text)
        textnorm.CLASS_AFTER = 0
        return by_set, fold(text)
    finally:
        textnorm.CLASS_AFTER, textnorm._folded_so_far = kept


def test_a_text_with_many_traditional_characters_folds_as_the_table():
    text = "預算數萬元執行績效評價報告書說明" * 3 + "，1,2:3"  # more than _FEW distinct ones: one pass
    assert len(textnorm._traditional().intersection(text)) > textnorm._FEW
    assert _fold_both_ways(text) == (_reference_fold(text),) * 2


def test_every_character_of_the_table_is_folded_by_it_bmp_and_beyond():
    # the class that finds a text's traditional characters (runs of the BMP, one range beyond), and the set
    table = textnorm._fold_table()
    for code in table:
        assert _fold_both_ways(chr(code)) == (chr(code).translate(table),) * 2, hex(code)
    assert any(code > 0xFFFF for code in table)  # the range beyond the BMP is exercised


def test_a_process_compiles_the_class_only_after_folding_a_few_reports():
    kept = textnorm.CLASS_AFTER, textnorm._folded_so_far
    textnorm._traditional_in.cache_clear()
    try:
        textnorm._folded_so_far = 0
        fold("預算" * 1000)
        assert textnorm._traditional_in.cache_info().currsize == 0
        textnorm._folded_so_far = textnorm.CLASS_AFTER
        fold("預算")
        assert textnorm._traditional_in.cache_info().currsize == 1
    finally:
        textnorm.CLASS_AFTER, textnorm._folded_so_far = kept


@settings(max_examples=300, database=None)
@given(st.text(alphabet=st.one_of(st.sampled_from(sorted(map(chr, textnorm._fold_table()))), st.characters(blacklist_categories=("Cs",))),
               max_size=60))
def test_fold_of_any_text_is_the_table(text):
    assert _fold_both_ways(text) == (_reference_fold(text),) * 2
