"""The acceptance list on the real seed reports: what must be found, and silence elsewhere.

Asserted by (line, rule id).  Each expected finding is a real defect read in
the seed; the silence tests cover the parts of the seeds that are correct.
"""

from __future__ import annotations

import pytest

from .conftest import lint, seed_text

EXPECTED = {
    "001": {(45, "NUM001"), (49, "REP002")},
    "002": {(5, "NUM004"), (8, "TXT001"), (36, "NUM004")},
    "003": {(55, "TXT003"), (113, "TXT003"), (89, "REP002"), (109, "REP002"), (111, "REP001"), (113, "REP001")},
    # \\geq is on line 71 of the file (the "line 69" counts without the two leading blank lines)
    "004": {(79, "NUM001"), (71, "TXT001"), (83, "REP003"), (63, "REP004"), (75, "REP002"), (39, "GRD002"), (88, "PRB001")},
}

# Everything perflint reports on the seeds today, read and judged real:
ALL = {
    "000": set(),
    "001": EXPECTED["001"] | {(63, "REP002"), (115, "TXT004"), (127, "PRB003")},  # line 63 copies line 43; 较对; 预决算公开 unanswered
    "002": EXPECTED["002"] | {(8, "NUM001")},  # （1）主要职责 repeats （1）部门整体情况
    "003": EXPECTED["003"] | {(87, "REP002"), (79, "TXT004"), (25, "OBL001")},  # copy from line 19 starts on 87; 主题责任; 82.1% unexplained
    "004": EXPECTED["004"] | {(55, "TXT004"), (77, "REP002"), (87, "PRB003"), (94, "PRB002"),  # 奥秘克戎; list copy; 项目管理; 3 vs 2
                              (9, "TXT005")},  # 荔文【2019】14号: GB/T 9704 writes the year in 〔〕
}


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_acceptance_findings(prefix):
    found = {(f.line, f.rule) for f in lint(seed_text(prefix))}
    assert EXPECTED[prefix] <= found


@pytest.mark.parametrize("prefix", sorted(ALL))
def test_no_finding_beyond_the_reviewed_ones(prefix):
    found = {(f.line, f.rule) for f in lint(seed_text(prefix))}
    assert found == ALL[prefix]


def test_every_span_lies_inside_its_seed():
    for prefix in ALL:
        text = seed_text(prefix)
        for f in lint(text):
            if f.span:
                assert 0 <= f.span.start < f.span.end <= len(text)
