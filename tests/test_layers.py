"""The package follows its pipeline: read → model → check → output → cli.

import-linter checks the contracts in pyproject.toml (every import, including
the ones inside functions); the second test proves the check can fail, on a
copy of the package with one upward import added.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT


def _lint_imports(package_parent: Path, config: Path) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    if exe is None:
        pytest.fail("import-linter is a test dependency: pip install -e '.[test]'")
    env = {**os.environ, "PYTHONPATH": str(package_parent)}
    return subprocess.run([exe, "--config", str(config), "--no-cache"], cwd=package_parent, env=env,
                          capture_output=True, text=True, timeout=120)


def test_no_stage_imports_a_later_stage():
    result = _lint_imports(ROOT, ROOT / "pyproject.toml")
    assert result.returncode == 0, result.stdout[-2000:]
    assert "0 broken" in result.stdout


def test_an_upward_import_breaks_the_contract(tmp_path):
    shutil.copytree(ROOT / "perflint", tmp_path / "perflint", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    textnorm = tmp_path / "perflint" / "model" / "textnorm.py"
    textnorm.write_text(textnorm.read_text(encoding="utf-8") + "\nfrom ..cli import main  # noqa: E402,F401\n", encoding="utf-8")
    result = _lint_imports(tmp_path, tmp_path / "pyproject.toml")
    assert result.returncode == 1
    assert "perflint.model is not allowed to import perflint.cli" in result.stdout
