"""Render the README's pictures from perflint's real output (run after changing an output).

    python docs/pictures/render.py

review.png: the HTML review page of a Word form and a seed, in headless Chromium.
annotated.png: a seed as a Word file with perflint's comments, converted to PDF by
LibreOffice (headless) and its first page rasterised by pdftoppm.
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
    subprocess.run([sys.executable, "-m", "perflint", *args], cwd=cwd, check=False, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def review(work: Path) -> None:
    page = work / "review.html"
    perflint("--format", "html", "-o", str(page), "examples/项目支出绩效自评表.docx", "seeds/002_84a1d662e5590cf1.txt", cwd=ROOT)
    subprocess.run([shutil.which("chromium") or "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    f"--screenshot={HERE / 'review.png'}", "--window-size=1280,1240", page.as_uri()],
                   check=True, capture_output=True)


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        review(Path(folder))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
