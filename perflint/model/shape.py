"""What a part of a text is, and whether it seems cut off, before anything is judged.

Shapes: ``report`` (narrative), ``form`` (mostly table rows: 自评表, 评分表,
指标表), ``report+form`` (a narrative with a form), ``preamble`` (a title and
web-page boilerplate with no report under it).  A part ``cut_start`` begins in
the middle of a report (its first ordinal is （三）, it opens mid-sentence or
inside a table); ``cut_end`` ends in the middle (mid-sentence, on a broken
character, or a narrative that stops before any closing part: no problems,
measures or conclusion, no signature or date).  Requirements about a whole
document apply only to whole parts of the shapes their rules name.
"""

from __future__ import annotations

from .document import SENTENCE_END, Part
from .textnorm import title_key, title_like
from .vocabulary import Vocabulary

_CLEAN_END = SENTENCE_END + "…）)】》”’」』"
_BAD_START = "）)】》”’」』，,、。；;：:"


def classify(part: Part, vocabulary: Vocabulary, *, first: bool, last: bool) -> None:
    part.shape = _shape(part, vocabulary, last)
    part.cut_start = _cut_start(part, vocabulary) if first and part.shape != "preamble" else ""
    part.cut_end = _cut_end(part, vocabulary) if last and part.shape != "preamble" else ""


def _shape(part: Part, vocabulary: Vocabulary, last: bool) -> str:
    cells = sum(len(b.text) for b in part.blocks if b.cell)
    prose = sum(len(b.text) for b in part.blocks if not b.cell and not b.pure_title)
    if not last and not part.headings and cells == 0 and prose < 1000:
        return "preamble"  # a title and web-page boilerplate before the report
    folded = "".join(b.folded for b in part.blocks)
    headers = vocabulary.headers_in(folded)
    titled_form = bool(part.title.block) and any(w in part.title.block.folded for w in vocabulary.form_titles)
    total = cells + prose or 1
    # a form flattened into running text: many distinct form headers, densely, and no outline
    titled = sum(1 for h in part.headings if h.is_title)
    dense = titled <= 1 and ((len(headers) >= 6 and len(headers) * 150 >= total) or (len(headers) >= 4 and len(headers) * 40 >= total))
    if len(headers) >= 3 and (cells * 10 >= total * 6 or titled_form or dense):
        return "form"
    if len(headers) >= 3 and cells * 10 >= total * 2:
        return "report+form"
    return "report"


def _cut_start(part: Part, vocabulary: Vocabulary) -> str:
    if part.title.text:
        return ""
    first = next((b for b in part.blocks if b.text.strip("| ")), None)
    if first is None:
        return ""
    text = first.folded.strip("| \t\u3000")
    if text[:1] in _BAD_START or (text[:1].isdigit() and text[1:3].strip().startswith(("分）", "分)"))):
        return "begins mid-sentence"
    top = next((h for h in part.headings if h.level == 1), None)
    if top is not None and top.number > 1 and top.block is next((b for b in part.blocks if b.heading), None):
        prose_before = sum(len(b.text) for b in part.blocks if b.start < top.block.start and not b.cell)
        if prose_before < 200:
            return f"begins at {top.ordinal.strip()}"
    if part.shape == "form":
        opening = "".join(b.folded for b in part.blocks[:10])[:300]
        if len(vocabulary.headers_in(opening, columns_only=True)) < 2 and not any(w in opening for w in vocabulary.form_titles):
            return "begins inside a table"
    return ""


def _cut_end(part: Part, vocabulary: Vocabulary) -> str:
    blocks = [b for b in part.blocks if b.text.strip("| \t\u3000")]
    if not blocks:
        return ""
    last = blocks[-1]
    text = last.folded.rstrip("| \t\u3000*_")  # **…。**: Markdown bold around the last paragraph
    if "\ufffd" in text[-3:]:
        return "ends on a broken character"
    closed = vocabulary.closing_lines is not None and any(vocabulary.closing_lines.search(b.folded) for b in blocks[-3:])
    if not closed and text[-1:] not in _CLEAN_END and not last.pure_title:
        return "ends mid-sentence"
    if part.shape == "report" and not part.headings:
        return "has no outline"
    if closed:
        return ""
    if part.shape == "report" and vocabulary.closing_sections and not _closes(part, vocabulary):
        return "stops before the closing parts"
    return ""


def _closes(part: Part, vocabulary: Vocabulary) -> bool:
    """One of the last two top-level headings, or an unnumbered title line in the second
    half of the text (存在的主要问题 written without 三、), is a closing part."""
    tops = [h.key for h in part.headings if h.level == 1 and h.is_title]
    half = part.start + (part.end - part.start) // 2
    titles = [title_key(b.folded) for b in part.blocks if b.heading is None and b.start >= half and title_like(b.folded)]
    if not tops and not titles:
        return True  # nothing to judge by
    return any(c in key for key in tops[-2:] + titles for c in vocabulary.closing_sections)
