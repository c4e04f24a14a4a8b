"""Render the README's pictures from perflint's real output (run after changing an output).

    python docs/pictures/render.py

diff.png: `perflint --diff` on a seed in a terminal (its real output, drawn by Chromium).
review.png: the HTML review page of a Word form and a seed, in headless Chromium.
annotated.png: the example Word form annotated by perflint, converted to PDF by
LibreOffice (headless) and the top of its first page rasterised by pdftoppm.
Needs chromium, soffice and pdftoppm (Debian: chromium, libreoffice-writer-nogui,
poppler-utils; fonts-noto-cjk for readable Han text) and python-docx.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent


def perflint(*args: str, cwd: Path) -> None:
    subprocess.run([sys.executable, "-m", "perflint", *args], cwd=cwd, check=False, capture_output=True,
                   env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def review(work: Path) -> None:
    page = work / "review.html"
    perflint("--format", "html", "-o", str(page), "examples/项目支出绩效自评表.docx", "seeds/002_84a1d662e5590cf1.txt", cwd=ROOT)
    subprocess.run([shutil.which("chromium") or "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    f"--screenshot={HERE / 'review.png'}", "--window-size=1280,1240", page.as_uri()],
                   check=True, capture_output=True)


def annotated(work: Path) -> None:
    shutil.copy(ROOT / "examples" / "项目支出绩效自评表.docx", work / "表.docx")
    perflint("--annotate", "表.docx", cwd=work)
    subprocess.run([shutil.which("soffice") or "soffice", f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
                    "--convert-to", 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}',
                    "--outdir", str(work), str(work / "表.perflint.docx")], check=True, capture_output=True)
    subprocess.run(["pdftoppm", "-r", "110", "-png", "-singlefile", "-f", "1", "-l", "1", "-x", "100", "-y", "90", "-W", "820", "-H", "460",
                    str(work / "表.perflint.pdf"), str(HERE / "annotated")], check=True, capture_output=True)


def diff(work: Path) -> None:
    """The terminal as a writer sees `perflint --diff` on a seed: the real output, coloured the
    way git colours a diff, drawn by Chromium."""
    import html

    shutil.copy(ROOT / "seeds" / "004_2b2e1b422b826717.txt", work / "报告.txt")
    result = subprocess.run([sys.executable, "-m", "perflint", "--diff", "报告.txt"], cwd=work, capture_output=True, text=True,
                            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    lines = ["$ perflint --diff 报告.txt"] + result.stdout.splitlines()[:17] + ["…", result.stderr.strip()]
    colour = {"+": "#7ee787", "-": "#ff7b72", "@": "#79c0ff"}

    def row(line: str) -> str:
        shown = line
        return f'<div style="color:{colour.get(line[:1], "#e6edf3") if not line.startswith(("---", "+++")) else "#e6edf3"}">{html.escape(shown) or "&nbsp;"}</div>'

    page = work / "diff.html"
    page.write_text('<!doctype html><meta charset="utf-8"><body style="margin:0;background:#0d1117">'
                    '<div style="font:14px/1.45 \'Noto Sans Mono CJK SC\',monospace;padding:14px;white-space:pre-wrap;word-break:break-all">'
                    + "".join(row(line) for line in lines) + "</div></body>", encoding="utf-8")
    subprocess.run([shutil.which("chromium") or "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    f"--screenshot={HERE / 'diff.png'}", "--window-size=1280,640", page.as_uri()], check=True, capture_output=True)


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        review(Path(folder))
        annotated(Path(folder))
        diff(Path(folder))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
