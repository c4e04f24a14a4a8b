"""The README is executable documentation: every ``console`` block is run and its output compared.

In a block, ``$ COMMAND`` lines are run in order with bash in one sandbox (a copy of
``seeds/`` and ``examples/``), stdout and stderr together; the lines after a command
are its expected output.  A line ``...`` stands for any number of lines, ``...``
inside a line for any text; ``# exit N`` after a command is its exit status (0 when
absent).  A drift between the README and the program fails the suite.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
_BLOCK = re.compile(r"^```console\n(.*?)^```", re.S | re.M)
_EXIT = re.compile(r"\s+# exit (\d+)$")


def examples() -> list[tuple[str, int, list[str]]]:
    """(command, exit status, expected lines) for every command of every console block."""
    found = []
    for block in _BLOCK.findall(README):
        command = None
        for line in block.splitlines():
            if line.startswith("$ "):
                if command is not None:
                    found.append(command)
                text = line[2:]
                status = 0
                m = _EXIT.search(text)
                if m:
                    status, text = int(m.group(1)), text[: m.start()]
                command = (text, status, [])
            elif command is not None:
                command[2].append(line)
        if command is not None:
            found.append(command)
    return found


def _pattern(expected: list[str]) -> re.Pattern[str]:
    parts = []
    for line in expected:
        if line.strip() == "...":
            parts.append("(?:[^\n]*\n)*?")
        else:
            parts.append(".*".join(re.escape(piece) for piece in line.rstrip().split("...")) + "\n")
    return re.compile("".join(parts))


def test_the_readme_has_examples_of_every_feature_it_claims():
    commands = " ".join(c for c, _, _ in examples())
    for feature in ("--format concise", "--baseline", "--write-baseline", "--stdin-filename", "--show-files", "--format github",
                    "--statistics", "examples/", "--lang en", "-q", "--fix", "--diff", "--annotate", "--format html",
                    "--no-cache", "PERFLINT_CACHE_DIR", "--cache"):
        assert feature in commands, feature


def test_the_install_lines_name_this_distribution():
    for line in re.findall(r"pip install[^\n`]*", README):
        assert "perflint[" not in line and not re.search(r"pip install\s+'?perflint\b(?!-cn)", line), line


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory):
    folder = tmp_path_factory.mktemp("readme")
    for name in ("seeds", "examples"):
        shutil.copytree(ROOT / name, folder / name)
    return folder


@pytest.mark.parametrize("command, status, expected", examples(), ids=[c for c, _, _ in examples()])
def test_readme_example(sandbox, command, status, expected):
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}", "COLUMNS": "200"}
    env.pop("PYTHONPATH", None)
    result = subprocess.run(["bash", "-c", f"set -o pipefail; {command} 2>&1"], cwd=sandbox, env=env, capture_output=True,
                            text=True, timeout=300)
    actual = "".join(line.rstrip() + "\n" for line in result.stdout.splitlines())
    assert result.returncode == status, actual
    assert _pattern(expected).fullmatch(actual), "README says:\n" + "\n".join(expected) + f"\n\nperflint printed:\n{actual}"
