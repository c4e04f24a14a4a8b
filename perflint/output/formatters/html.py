"""``--format html``: one self-contained page for a reviewer of many reports.

A table of every report (family, shape, score and grade as stated, errors /
warnings / info, its most frequent rules), sortable by any column and
filterable by text and by rule; a bar chart of findings by rule across reports
(inline SVG); then each report's text with every finding highlighted where it
is and its message beside the line (forms as tables, cell by cell).  No
network, no external file: styles and the small script are in the page.  The
page reads ``#rule=ID``, ``#q=TEXT`` and ``#sort=COLUMN`` from its address, so a
link can open it filtered.
"""

from __future__ import annotations

import html
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ...check.finding import Finding
from ...read.source import Source
from ...version import __version__

if TYPE_CHECKING:
    from . import Context

_WORDS = {
    "zh": {
        "title": "perflint 审阅", "reports": "份报告", "findings": "处问题", "report": "报告", "family": "类别", "shape": "形态",
        "score": "得分", "grade": "等级", "error": "错误", "warning": "警告", "info": "提示", "rules": "主要规则",
        "filter": "筛选报告（路径、规则、类别）", "all_rules": "全部规则", "chart": "各规则问题数（所有报告）",
        "whole": "关于全文", "see": "参见", "line": "第 {} 行", "no_findings": "未发现问题", "unread": "无法检查的文件",
        "shown": "显示 {} / {} 份报告", "top": "回到总览",
        "department": "部门整体", "project": "项目支出", "monitoring": "运行监控", "transfer": "转移支付", "evaluation": "第三方评价",
        "form": "表格", "report+form": "报告与表格", "excerpt": "节选", "preamble": "前言",
    },
    "en": {
        "title": "perflint review", "reports": "reports", "findings": "findings", "report": "Report", "family": "Family", "shape": "Shape",
        "score": "Score", "grade": "Grade", "error": "Errors", "warning": "Warnings", "info": "Info", "rules": "Most frequent rules",
        "filter": "Filter reports (path, rule, family)", "all_rules": "All rules", "chart": "Findings by rule, across reports",
        "whole": "About the whole text", "see": "see", "line": "line {}", "no_findings": "No findings", "unread": "Files that could not be checked",
        "shown": "{} of {} reports shown", "top": "Back to the overview",
        "department": "department", "project": "project", "monitoring": "monitoring", "transfer": "transfer", "evaluation": "evaluation",
        "form": "form", "report+form": "report + form", "excerpt": "excerpt", "preamble": "preamble",
    },
}

_STYLE = """
:root{--err:#c62828;--warn:#b26a00;--info:#1565c0;--line:#e0e0e0;font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif}
body{margin:0 auto;max-width:1200px;padding:1rem 1.5rem;color:#212121;line-height:1.6}
h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.15rem;margin:2rem 0 .3rem;border-bottom:2px solid var(--line)}
.summary{color:#555}.filters{margin:1rem 0;display:flex;gap:.6rem;flex-wrap:wrap}
.filters input{flex:1;min-width:14rem;padding:.35rem .5rem}.filters select{padding:.35rem}
table.reports{border-collapse:collapse;width:100%;font-size:.9rem}
table.reports th,table.reports td{border-bottom:1px solid var(--line);padding:.3rem .45rem;text-align:left;vertical-align:top}
table.reports th{cursor:pointer;background:#fafafa;user-select:none;white-space:nowrap}
table.reports th[aria-sort=ascending]::after{content:" ▲"}table.reports th[aria-sort=descending]::after{content:" ▼"}
td.n{text-align:right;font-variant-numeric:tabular-nums}.e{color:var(--err);font-weight:600}.w{color:var(--warn)}.i{color:var(--info)}
figure{margin:1.2rem 0}figcaption{color:#555;font-size:.9rem}
.doc{font-size:.92rem;border:1px solid var(--line);border-radius:4px}
.ln{display:grid;grid-template-columns:3.2rem 1fr;border-bottom:1px solid #f3f3f3}
.ln>.no{color:#9e9e9e;text-align:right;padding-right:.6rem;user-select:none;font-variant-numeric:tabular-nums}
.ln>.tx{white-space:pre-wrap;word-break:break-all;padding-right:.5rem}
mark{background:#fff3c4;border-bottom:2px solid var(--warn);padding:0 1px}
mark.error{background:#ffe0e0;border-color:var(--err)}mark.info{background:#e3f0ff;border-color:var(--info)}
.notes{grid-column:2;margin:.15rem 0 .4rem;padding:0;list-style:none}
.notes li{border-left:3px solid var(--warn);background:#fffaf0;padding:.2rem .5rem;margin:.15rem 0;font-size:.88rem}
.notes li.error{border-color:var(--err);background:#fff5f5}.notes li.info{border-color:var(--info);background:#f5f9ff}
.notes .id{font-family:monospace;color:#555;margin-left:.4rem}.notes .see{color:#666;display:block;font-size:.82rem}
table.form{border-collapse:collapse;margin:.2rem 0}table.form td{border:1px solid #bdbdbd;padding:.1rem .4rem;white-space:pre-wrap}
.whole{margin:.5rem 0}.meta{color:#555;font-size:.9rem}.hidden{display:none}
a{color:#0d47a1;text-decoration:none}a:hover{text-decoration:underline}
"""

_SCRIPT = """
(function(){
const table=document.querySelector('table.reports'),body=table.tBodies[0],rows=[...body.rows];
const q=document.getElementById('q'),rule=document.getElementById('rule'),shown=document.getElementById('shown');
function apply(){const text=q.value.trim().toLowerCase(),r=rule.value;let n=0;
 for(const row of rows){const ok=(!text||row.dataset.search.includes(text))&&(!r||row.dataset.rules.split(' ').includes(r));
  row.classList.toggle('hidden',!ok);const sec=document.getElementById(row.dataset.target);if(sec)sec.classList.toggle('hidden',!ok);if(ok)n++;}
 shown.textContent=shown.dataset.template.replace('{}',n).replace('{}',rows.length);}
function sort(th,dir){const i=[...th.parentNode.children].indexOf(th),num=th.dataset.type==='number';
 const value=row=>{const c=row.cells[i];const v=c.dataset.value!==undefined?c.dataset.value:c.textContent;return num?(v===''?-Infinity:parseFloat(v)):v;};
 rows.sort((a,b)=>{const x=value(a),y=value(b);return (x<y?-1:x>y?1:0)*(dir==='ascending'?1:-1);});
 for(const h of th.parentNode.children)h.removeAttribute('aria-sort');th.setAttribute('aria-sort',dir);
 for(const row of rows)body.appendChild(row);}
for(const th of table.tHead.rows[0].cells)th.addEventListener('click',()=>sort(th,th.getAttribute('aria-sort')==='descending'?'ascending':'descending'));
q.addEventListener('input',apply);rule.addEventListener('change',apply);
const hash=new URLSearchParams(location.hash.slice(1));
if(hash.get('q'))q.value=hash.get('q');if(hash.get('rule'))rule.value=hash.get('rule');
if(hash.get('sort')){const th=table.querySelector('th[data-key="'+hash.get('sort')+'"]');if(th)sort(th,th.dataset.type==='number'?'descending':'ascending');}
apply();document.body.dataset.ready='yes';
})();
"""


def render(findings: Sequence[Finding], ctx: Context) -> str:
    words = _WORDS["en" if ctx.lang == "en" else "zh"]
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        by_path[f.path].append(f)
    paths = sorted(set(ctx.sources) | set(by_path))
    anchors = {path: f"r{i + 1}" for i, path in enumerate(paths)}
    counts = Counter(f.severity.value for f in findings)
    per_rule = Counter(f.rule for f in findings)
    names = {r.id: r.name for r in ctx.rules}
    esc = html.escape

    out: list[str] = [
        "<!doctype html>",
        f'<html lang="{"en" if ctx.lang == "en" else "zh-CN"}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(words['title'])}</title><style>{_STYLE}</style></head><body>",
        f'<header id="top"><h1>{esc(words["title"])}</h1>',
        f'<p class="summary">{len(paths)} {esc(words["reports"])} · {len(findings)} {esc(words["findings"])} '
        f'(<span class="e">{words["error"]} {counts["error"]}</span>, <span class="w">{words["warning"]} {counts["warning"]}</span>, '
        f'<span class="i">{words["info"]} {counts["info"]}</span>) · perflint {esc(__version__)}</p></header>',
        '<section id="overview"><div class="filters">',
        f'<input id="q" type="search" placeholder="{esc(words["filter"])}" aria-label="{esc(words["filter"])}">',
        f'<select id="rule" aria-label="{esc(words["all_rules"])}"><option value="">{esc(words["all_rules"])}</option>',
        *(f'<option value="{esc(r)}">{esc(r)} {esc(names.get(r, ""))} ({n})</option>' for r, n in sorted(per_rule.items())),
        "</select></div>",
        f'<p id="shown" class="meta" data-template="{esc(words["shown"])}"></p>',
        '<table class="reports"><thead><tr>',
        f'<th data-key="path">{words["report"]}</th><th data-key="family">{words["family"]}</th><th data-key="shape">{words["shape"]}</th>'
        f'<th data-key="score" data-type="number">{words["score"]}</th><th data-key="grade">{words["grade"]}</th>'
        f'<th data-key="error" data-type="number">{words["error"]}</th><th data-key="warning" data-type="number">{words["warning"]}</th>'
        f'<th data-key="info" data-type="number">{words["info"]}</th><th data-key="rules">{words["rules"]}</th>',
        "</tr></thead><tbody>",
    ]
    for path in paths:
        info = ctx.documents.get(path)
        mine = Counter(f.severity.value for f in by_path.get(path, []))
        rules = Counter(f.rule for f in by_path.get(path, []))
        family = words.get(info.family, info.family) if info is not None and info.family else ""
        shape = words.get(info.shape, info.shape) if info is not None else ""
        score = info.score if info is not None and info.score is not None else None
        grade = info.grade if info is not None and getattr(info, "grade", None) else ""
        top = " ".join(f"{r}×{n}" for r, n in rules.most_common(3))
        search = " ".join((path, family or "", shape or "", " ".join(rules))).lower()
        out.append(
            f'<tr data-target="{anchors[path]}" data-rules="{esc(" ".join(sorted(rules)))}" data-search="{esc(search)}">'
            f'<td><a href="#{anchors[path]}">{esc(path)}</a></td><td>{esc(family or "")}</td><td>{esc(shape or "")}</td>'
            f'<td class="n" data-value="{"" if score is None else score}">{"" if score is None else esc(str(score))}</td><td>{esc(grade)}</td>'
            f'<td class="n e">{mine["error"]}</td><td class="n w">{mine["warning"]}</td><td class="n i">{mine["info"]}</td>'
            f"<td>{esc(top)}</td></tr>"
        )
    out.append("</tbody></table>")
    out.append(_chart(per_rule, names, words))
    if ctx.problems:
        out.append(f'<h2>{esc(words["unread"])}</h2><ul>')
        out.extend(f"<li>{esc(path)}: {esc(reason)}</li>" for path, reason in ctx.problems)
        out.append("</ul>")
    out.append("</section>")
    for path in paths:
        out.append(_report(path, anchors[path], ctx.sources.get(path), by_path.get(path, []), ctx, words))
    out.append(f"<script>{_SCRIPT}</script></body></html>")
    return "\n".join(out) + "\n"


def _chart(per_rule: Counter[str], names: dict[str, str], words: dict[str, str]) -> str:
    """A horizontal bar per rule, longest first: inline SVG, readable without the script."""
    if not per_rule:
        return ""
    items = per_rule.most_common()
    top = items[0][1]
    bar, gap, label, width = 18, 6, 230, 520
    height = len(items) * (bar + gap) + gap
    parts = [f'<figure><svg xmlns="http://www.w3.org/2000/svg" role="img" width="{label + width + 60}" height="{height}" '
             f'viewBox="0 0 {label + width + 60} {height}" font-size="12">']
    for i, (rule, n) in enumerate(items):
        y = gap + i * (bar + gap)
        w = max(2, round(width * n / top))
        name = html.escape(f"{rule} {names.get(rule, '')}")
        parts.append(f'<g class="bar" data-rule="{html.escape(rule)}"><text x="{label - 6}" y="{y + bar - 5}" text-anchor="end">{name}</text>'
                     f'<rect x="{label}" y="{y}" width="{w}" height="{bar}" fill="#5c6bc0"><title>{name}: {n}</title></rect>'
                     f'<text x="{label + w + 4}" y="{y + bar - 5}">{n}</text></g>')
    parts.append(f'</svg><figcaption>{html.escape(words["chart"])}</figcaption></figure>')
    return "".join(parts)


def _report(path: str, anchor: str, source: Source | None, findings: list[Finding], ctx: Context, words: dict[str, str]) -> str:
    esc = html.escape
    info = ctx.documents.get(path)
    out = [f'<section class="report" id="{anchor}" data-path="{esc(path)}"><h2>{esc(path)}</h2>']
    if info is not None:
        title = next((p.title for p in info.parts if p.title), "")
        out.append(f'<p class="meta">{esc(title)} · {esc(words.get(info.family or "", info.family or ""))} · '
                   f'{esc(words.get(info.shape, info.shape))} · {len(findings)} {esc(words["findings"])} · '
                   f'<a href="#top">{esc(words["top"])}</a></p>')
    ids = {id(f): f"{anchor}-f{i + 1}" for i, f in enumerate(findings)}
    whole = [f for f in findings if f.span is None]
    if whole:
        out.append(f'<div class="whole"><strong>{esc(words["whole"])}</strong><ul class="notes">')
        out.extend(_note(f, ids[id(f)], words) for f in whole)
        out.append("</ul></div>")
    if source is None:
        out.append("</section>")
        return "\n".join(out)
    if not findings:
        out.append(f'<p class="meta">{esc(words["no_findings"])}</p>')
    located = [f for f in findings if f.span is not None and f.position is not None]
    starts: dict[int, list[Finding]] = defaultdict(list)
    covering: dict[int, list[Finding]] = defaultdict(list)  # line → the findings whose span reaches it
    for f in located:
        assert f.position is not None
        starts[f.position.line].append(f)
        for number in range(f.position.line, f.position.end_line + 1):
            covering[number].append(f)
    out.append('<div class="doc">')
    text = source.text
    line_starts = source.line_starts
    open_table: object = None
    for number, start in enumerate(line_starts, 1):
        end = line_starts[number] if number < len(line_starts) else len(text)
        line = text[start:end].rstrip("\r\n")
        stop = start + len(line)
        marks = _marks_on(covering.get(number, ()), start, stop)
        table_key = _table_key(source, number, line)
        if table_key != open_table and open_table is not None:
            out.append("</table></div></div>")
        if table_key is not None:
            if table_key != open_table:
                out.append(f'<div class="ln"><span class="no">{number}</span><div class="tx"><table class="form">')
            cells, at = [], start
            for cell in line.split("\t"):
                cells.append(f"<td>{_marked(text, at, at + len(cell), marks, ids)}</td>")
                at += len(cell) + 1
            out.append(f'<tr id="{anchor}-L{number}">{"".join(cells)}</tr>')
            open_table = table_key
            if starts.get(number):
                out.append(f'<tr><td colspan="{max(1, len(cells))}"><ul class="notes">'
                           + "".join(_note(f, ids[id(f)], words) for f in starts[number]) + "</ul></td></tr>")
            continue
        open_table = None
        out.append(f'<div class="ln" id="{anchor}-L{number}"><span class="no">{number}</span>'
                   f'<span class="tx">{_marked(text, start, stop, marks, ids)}</span>')
        if starts.get(number):
            out.append('<ul class="notes">' + "".join(_note(f, ids[id(f)], words) for f in starts[number]) + "</ul>")
        out.append("</div>")
    if open_table is not None:
        out.append("</table></div></div>")
    out.append("</div></section>")
    return "\n".join(out)


def _marks_on(located: Sequence[Finding], start: int, stop: int) -> list[tuple[int, int, Finding]]:
    """The part of each finding's span that lies on the line [start, stop)."""
    marks = []
    for f in located:
        assert f.span is not None
        a, b = f.span.start, max(f.span.end, f.span.start + 1)
        if a < stop and b > start:
            marks.append((max(a, start), min(b, stop), f))
    return marks


def _table_key(source: Source, number: int, line: str) -> object:
    """Which table a line is a row of (Word table, Excel sheet, or tab-separated text), or None."""
    if source.origins is not None and number - 1 < len(source.origins):
        origin = source.origins[number - 1]
        if origin.table is not None:
            return ("table", origin.table)
        if origin.sheet is not None:
            return ("sheet", origin.sheet)
        return None
    return ("tabs",) if line.count("\t") >= 2 else None


def _marked(text: str, start: int, stop: int, marks: list[tuple[int, int, Finding]], ids: dict[int, str]) -> str:
    """The text of [start, stop) with each run covered by findings wrapped in one <mark>."""
    inside = [(max(a, start), min(b, stop), f) for a, b, f in marks if a < stop and b > start]
    if not inside:
        return html.escape(text[start:stop])
    cuts = sorted({start, stop, *(a for a, _, _ in inside), *(b for _, b, _ in inside)})
    pieces = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        covering = [f for x, y, f in inside if x <= a and b <= y]
        chunk = html.escape(text[a:b])
        if covering:
            worst = max(covering, key=lambda f: f.severity.rank)
            title = " / ".join(f"[{f.rule}] {f.message}" for f in covering)
            pieces.append(f'<mark class="{worst.severity.value}" data-f="{" ".join(ids[id(f)] for f in covering)}" '
                          f'title="{html.escape(title)}">{chunk}</mark>')
        else:
            pieces.append(chunk)
    return "".join(pieces)


def _origin(origin: Any, words: dict[str, str]) -> str:
    """Where a person finds it in the Word, Excel or PDF file."""
    zh = words is _WORDS["zh"]
    if origin.get("sheet"):
        return f"{origin['sheet']}!{origin.get('cell', '')}"
    if origin.get("table"):
        cell = f"第 {origin['column']} 列" if zh and origin.get("column") else f", column {origin['column']}" if origin.get("column") else ""
        return f"表 {origin['table']} 第 {origin.get('row', '')} 行{cell}" if zh else f"table {origin['table']}, row {origin.get('row', '')}{cell}"
    if origin.get("paragraph"):
        return f"第 {origin['paragraph']} 段" if zh else f"paragraph {origin['paragraph']}"
    if origin.get("page"):
        return f"第 {origin['page']} 页" if zh else f"page {origin['page']}"
    return ""


def _note(f: Finding, fid: str, words: dict[str, str]) -> str:
    esc = html.escape
    see = "".join(
        f'<span class="see">{esc(words["see"])} {esc(words["line"].format(r.line))}：{esc(r.label)}</span>' for r in f.related[:6]
    )
    where = f" · {esc(_origin(f.origin, words))}" if f.origin else ""
    return (f'<li class="{f.severity.value}" id="{fid}" data-rule="{esc(f.rule)}">{esc(f.message)}'
            f'<span class="id">[{esc(f.rule)}]</span>{where}{see}</li>')


__all__: list[Any] = ["render"]
