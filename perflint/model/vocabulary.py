"""What the reader needs to know from the packs to read a text: titles, forms, closings.

The words live in the packs (``document:`` in ``rules/national.yaml``); the
rule engine builds this object once per process and hands it to the reader.
The defaults are empty, so the reader also works without packs (every text is
then a report and none is judged cut off at its end for want of a closing).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..read.regex_cache import compiled, longest_first
from .textnorm import drop_blanks


@dataclass(frozen=True)
class Vocabulary:
    #: Endings of a report's title line: 自评报告, 自评表, 评分表 …
    report_titles: tuple[str, ...] = ()
    #: Words in a title that make a text a form: 自评表, 评分表, 得分表 …
    form_titles: tuple[str, ...] = ()
    #: Column headers of self-evaluation forms: 一级指标, 分值, 全年执行数 …
    form_headers: tuple[str, ...] = ()
    #: Row labels of self-evaluation forms: 产出指标, 年度资金总额 …
    form_labels: tuple[str, ...] = ()
    #: Title keys of the sections that close a report: problems, measures, conclusion …
    closing_sections: tuple[str, ...] = ()
    #: Lines that close a report or a form: a date, a signature, 项目负责人：…
    closing_lines: re.Pattern[str] | None = None
    #: Lines a web page puts after the report (【打印本页】, 主办单位：…), matched on the line without blanks
    web_furniture: re.Pattern[str] | None = None
    #: Fact labels of the self-evaluation score (自评得分), reported as what a text states
    score_labels: tuple[str, ...] = ()
    #: Row labels of a form's total row (合计, 总计, 总分): its 得分 is the form's score
    total_rows: tuple[str, ...] = ()
    #: Row labels of a subtotal (小计): laid out like a total row, but not the form's total
    subtotal_rows: tuple[str, ...] = ()
    #: Row labels of the funds' total in a project form (年度资金总额): its 执行率 is the project's
    funds_rows: tuple[str, ...] = ()
    #: Form columns: a header's text (blanks and qualifiers such as (A), (万元) removed) → canonical name
    columns: dict[str, str] = field(default_factory=dict)
    #: Cached: one alternation of the form's words, longest first.
    _headers: re.Pattern[str] | None = field(default=None, repr=False, compare=False)

    def total_row(self, label: str) -> bool:
        """Whether a row label names the form's total: it starts with a total word, blanks
        aside (合 计, 总分（100分）)."""
        return bool(self.total_rows) and drop_blanks(label).startswith(self.total_rows)

    def funds_row(self, label: str) -> bool:
        """Whether a row label names the total of a form's funds (年度资金总额, 资金总额)."""
        return bool(self.funds_rows) and drop_blanks(label).startswith(self.funds_rows)

    def total_cell(self, text: str) -> bool:
        """Whether a cell holds only a total or subtotal word (合计：, 小 计)."""
        word = drop_blanks(text).rstrip("：:")
        return word in self.total_rows or word in self.subtotal_rows

    def headers_in(self, text: str, columns_only: bool = False) -> set[str]:
        """The distinct form words (column headers and row labels) a text mentions."""
        pattern = self._headers
        if pattern is None:
            words = sorted({*self.form_headers, *self.form_labels}, key=longest_first)
            if not words:
                return set()
            pattern = compiled("|".join(re.escape(w) for w in words))
            object.__setattr__(self, "_headers", pattern)
        found = set(pattern.findall(text))
        return found & set(self.form_headers) if columns_only else found


EMPTY = Vocabulary()
