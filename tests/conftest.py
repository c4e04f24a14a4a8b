"""Shared helpers: lint a snippet with chosen rules, read a seed."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

# The suite's caches (prepared rule sets, compiled patterns: read/cache.py) go to a folder of
# their own, never the user's: set before perflint is imported, as its patterns compile then.
os.environ.setdefault("PERFLINT_CACHE_DIR", tempfile.mkdtemp(prefix="perflint-test-cache-"))

from perflint.check.engine import lint_source  # noqa: E402
from perflint.check.finding import Finding  # noqa: E402
from perflint.check.packs import load_shipped, select_rules  # noqa: E402
from perflint.read.source import Source  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def seed_path(prefix: str) -> Path:
    """seeds/000_….txt by its three-digit prefix."""
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path


def seed_text(prefix: str) -> str:
    return seed_path(prefix).read_text(encoding="utf-8")


def lint(text: str, *select: str, family: str | None = None, path: str = "snippet.txt") -> list[Finding]:
    ruleset = load_shipped()
    rules = select_rules(ruleset, select or ("",))
    return lint_source(Source(path, text), ruleset, rules, family=family)


def run(capsys, *argv):  # noqa: ANN001, ANN201
    """perflint's command line in this process: (exit status, stdout, stderr)."""
    from perflint.cli.main import main

    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def perflint(*argv, cwd: Path = ROOT, timeout: float = 120, env: dict[str, str] | None = None, text: bool = True,
             **kwargs) -> subprocess.CompletedProcess:
    """perflint in its own process, as a hook, a CI job or an editor runs it (``env`` adds to
    the environment; ``text=False`` for bytes in and out)."""
    return python("-m", "perflint", *argv, cwd=cwd, timeout=timeout, env=env, text=text, **kwargs)


def python(*argv, cwd: Path = ROOT, timeout: float = 120, env: dict[str, str] | None = None, text: bool = True,
           **kwargs) -> subprocess.CompletedProcess:
    """This checkout's Python in a fresh process (``python("-c", code, …)`` for a probe of what
    a run imports or calls), with perflint importable from the working tree."""
    return subprocess.run([sys.executable, *map(str, argv)], capture_output=True, text=text, timeout=timeout,
                          cwd=cwd, env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}, **kwargs)


def copies_of_seeds(folder: Path, which: slice) -> list[Path]:
    """Copies of some seeds in ``folder`` (tests that change or record them)."""
    copies = []
    for seed in sorted(SEEDS.glob("*.txt"))[which]:
        copy = folder / seed.name
        copy.write_bytes(seed.read_bytes())
        copies.append(copy)
    return copies


def where(findings: list[Finding]) -> list[tuple[int | None, int | None, str]]:
    """Findings as (line, column, rule id): what tests compare, never the wording."""
    return [(f.line, f.column, f.rule) for f in findings]


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch):
    """Every test sees the same environment whatever the machine's: no locale asking for a
    language, no colour settings (tests of those set them themselves)."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def ruleset():
    return load_shipped()


def pytest_addoption(parser):
    parser.addoption("--update-goldens", action="store_true", help="rewrite tests/golden/* from the current output")
