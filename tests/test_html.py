"""--format html: the review page, read by a parser and rendered in headless Chromium.

The page must hold a row per report, a note for every finding and a highlight
for every finding that points at text; in the browser its script must run
(sorting and filtering, also from the address: #rule=ID, #sort=COLUMN), and it
must need nothing from the network.
"""

from __future__ import annotations

import html.parser
import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from .conftest import ROOT, perflint

CHROMIUM = next((shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome") if shutil.which(name)), None)
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (Debian: apt install chromium); "
                                    "the HTML page is tested in a real browser, and .ci/run installs it where it can")


class Page(html.parser.HTMLParser):
    """Rows of the overview, notes and highlights, and anything fetched from elsewhere."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict[str, str]] = []
        self.notes: dict[str, str] = {}
        self.marked: set[str] = set()
        self.external: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "tr" and "data-target" in a:
            self.rows.append(a)
        if tag == "li" and "data-rule" in a:
            self.notes[a["id"]] = a["data-rule"]
        if tag == "mark":
            self.marked.update(a["data-f"].split())
        for key in ("src", "href"):
            if key in a and not a[key].startswith("#"):
                self.external.append(a[key])


@pytest.fixture(scope="module")
def seeds_page(tmp_path_factory) -> tuple[Path, dict]:
    folder = tmp_path_factory.mktemp("html")
    page = folder / "review.html"
    result = perflint("--format", "html", "-o", str(page), "seeds", "examples")
    assert result.returncode == 1, result.stderr
    data = json.loads(perflint("--format", "json", "seeds", "examples").stdout)
    return page, data


def test_every_report_and_every_finding_is_on_the_page(seeds_page):
    page, data = seeds_page
    parsed = Page()
    parsed.feed(page.read_text(encoding="utf-8"))
    assert len(parsed.rows) == len(data["documents"]) == 8
    assert len(parsed.notes) == len(data["findings"]) == 38
    assert Counter(parsed.notes.values()) == Counter(f["rule"] for f in data["findings"])
    located = [i for i in parsed.notes if i]
    # every finding that points at text is highlighted there (whole-document ones have no place)
    assert len(parsed.marked) == sum(1 for f in data["findings"] if f["line"] is not None)
    assert set(parsed.marked) <= set(located)
    assert parsed.external == []  # self-contained: no script, style or image from elsewhere
    text = page.read_text(encoding="utf-8")
    assert "<svg" in text and text.count('class="bar"') == len({f["rule"] for f in data["findings"]})
    assert '<table class="form">' in text  # the Word and Excel forms are shown as tables


def test_english_page(tmp_path):
    page = tmp_path / "review.html"
    perflint("--format", "html", "--lang", "en", "-o", str(page), "seeds/002_84a1d662e5590cf1.txt")
    text = page.read_text(encoding="utf-8")
    assert '<html lang="en">' in text and "Findings by rule, across reports" in text
    assert "conversion debris" in text or "[TXT001]" in text


def _dom(page: Path, fragment: str = "") -> str:
    assert CHROMIUM is not None
    result = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                             "--virtual-time-budget=3000", "--dump-dom", page.as_uri() + fragment],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


@needs_chromium
def test_the_page_renders_in_chromium_with_every_finding(seeds_page):
    page, data = seeds_page
    dom = _dom(page)
    assert 'data-ready="yes"' in dom  # the script ran to its end
    assert len(re.findall(r'<li class="(?:error|warning|info)" id="r\d+-f\d+"', dom)) == len(data["findings"])
    assert re.search(r'<p id="shown" class="meta"[^>]*>显示 8 / 8 份报告</p>', dom)


@needs_chromium
def test_filtering_by_rule_in_chromium(seeds_page):
    page, data = seeds_page
    with_rule = {f["path"] for f in data["findings"] if f["rule"] == "REP004"}
    dom = _dom(page, "#rule=REP004")
    rows = re.findall(r'<tr data-target="r\d+"[^>]*>', dom)
    shown = [r for r in rows if 'class="hidden"' not in r]
    assert len(rows) == 8  # the other rows are still in the page, only hidden
    assert len(shown) == len(with_rule) == 1 and "REP004" in shown[0]
    assert re.search(r">显示 1 / 8 份报告<", dom)
    # the reports filtered out are hidden below the table too
    assert len(re.findall(r'<section class="report hidden"', dom)) == 7


@needs_chromium
def test_sorting_by_errors_in_chromium(seeds_page):
    page, data = seeds_page
    errors = Counter(f["path"] for f in data["findings"] if f["severity"] == "error")
    dom = _dom(page, "#sort=error")
    first = re.search(r'<tr data-target="r\d+"[^>]*>\s*<td><a href="#r\d+">([^<]+)</a>', dom)
    assert first is not None and errors[first.group(1)] == max(errors.values())
    assert 'data-key="error" data-type="number" aria-sort="descending"' in dom


CORPUS = ROOT.parent / "shared" / "corpus"


@needs_chromium
@pytest.mark.skipif(not CORPUS.is_dir(), reason="the labelled corpus (../shared/corpus) is not beside the repository")
def test_the_corpus_page_renders_with_every_finding(tmp_path):
    texts = sorted(str(p) for p in CORPUS.glob("*.txt"))
    page = tmp_path / "corpus.html"
    perflint("--format", "html", "-o", str(page), *texts)
    data = json.loads(perflint("--format", "json", *texts).stdout)
    dom = _dom(page)
    assert 'data-ready="yes"' in dom
    assert len(re.findall(r'<tr data-target="r\d+"', dom)) == len(texts) == 43
    assert len(re.findall(r'<li class="(?:error|warning|info)" id="r\d+-f\d+"', dom)) == len(data["findings"]) > 100
