"""Folding text for matching: same length, simplified script, full-width sentence punctuation."""

from __future__ import annotations

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
