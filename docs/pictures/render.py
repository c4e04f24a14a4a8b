"""Render the README's pictures from perflint's real output (run after changing an output).

    python docs/pictures/render.py

review.png: the HTML review page of a Word form and a seed, in headless Chromium.
annotated.png: the example Word form annotated by perflint, converted to PDF by
LibreOffice (headless) and the top of its first page rasterised by pdftoppm.
Needs chromium, soffice and pdftoppm (Debian: chromium, libreoffice-writer-nogui,
poppler-utils) and python-docx.
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


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        review(Path(folder))
        annotated(Path(folder))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
