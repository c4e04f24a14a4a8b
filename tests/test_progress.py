"""The progress line: drawn on a terminal's stderr for a long run, erased at the end, never
written to a pipe, a file or with -q."""

from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import SEEDS


def _folder(tmp_path: Path, copies: int) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for i in range(copies):
        for seed in sorted(SEEDS.glob("*.txt")):
            shutil.copy(seed, folder / f"{i:02d}_{seed.name}")
    return folder


def _run_with_terminal_stderr(args: list[str], cwd: Path) -> tuple[int, str, str]:
    master, slave = pty.openpty()
    out_path = cwd / "stdout.txt"
    with open(out_path, "wb") as out_file:  # a file, not a pipe: a full pipe would block the run while we read stderr
        process = subprocess.Popen([sys.executable, "-m", "perflint", *args], cwd=cwd, stdout=out_file, stderr=slave,
                                   env={**os.environ, "LANG": "C.UTF-8"})
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the terminal closed: the process is done
            break
        if not chunk:
            break
        chunks.append(chunk)
    status = process.wait(timeout=120)
    os.close(master)
    return status, out_path.read_text(encoding="utf-8"), b"".join(chunks).decode()


def test_progress_on_a_terminal(tmp_path: Path):
    folder = _folder(tmp_path, 4)  # 20 files
    status, out, err = _run_with_terminal_stderr(["--lang", "en", "-j", "1", "--format", "concise", str(folder)], tmp_path)
    assert status == 1
    assert "\rperflint: 20/20 files, 136 findings, " in err and " files/s\x1b[K" in err
    assert err.endswith("\r\x1b[K")  # erased: nothing left on the screen
    assert "perflint:" not in out and out.endswith("in 20 files; 32 fixable with --fix.\n")


def test_no_progress_in_a_pipe_or_when_quiet(tmp_path: Path):
    folder = _folder(tmp_path, 4)
    result = subprocess.run([sys.executable, "-m", "perflint", "-j", "1", str(folder)], capture_output=True, text=True, timeout=120)
    assert result.stderr == ""
    status, _, err = _run_with_terminal_stderr(["-q", "-j", "1", str(folder)], tmp_path)
    assert status == 1 and err == ""


def test_no_progress_for_a_few_files(tmp_path: Path):
    folder = _folder(tmp_path, 1)  # 5 files
    status, _, err = _run_with_terminal_stderr(["-j", "1", str(folder)], tmp_path)
    assert status == 1 and err == ""
