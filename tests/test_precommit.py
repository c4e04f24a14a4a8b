"""pre-commit, for real: a throwaway report repository runs this checkout's hook.

``pre-commit try-repo`` builds the hook's environment from this working tree
(pip installs perflint from it, as a user's pre-commit would), then runs it on
a defective report and on a clean one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, seed_text

CLEAN = ("2024年某局部门整体支出绩效自评报告\n一、基本情况\n本局现有在职工作人员11人。\n二、综合评价分析\n自评得分92分，自评等级为优。\n"
         "三、存在的主要问题\n预算编制不够精细。\n四、下一步改进措施\n加强预算编制，提前谋划项目预算。\n")


def _pre_commit() -> list[str]:
    exe = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which("pre-commit")
    if exe is None:
        pytest.fail("pre-commit is a test dependency: pip install -e '.[test]'")
    return [exe]


@pytest.fixture(scope="module")
def report_repo(tmp_path_factory):
    repo = tmp_path_factory.mktemp("reports")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home")),
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True, env=env)
    (repo / "defective.txt").write_text(seed_text("002"), encoding="utf-8")
    (repo / "clean.txt").write_text(CLEAN, encoding="utf-8")
    subprocess.run(["git", "add", "."], cwd=repo, check=True, env=env)
    return repo, env


def _try(repo: Path, env: dict, name: str) -> subprocess.CompletedProcess:
    return subprocess.run([*_pre_commit(), "try-repo", str(ROOT), "perflint", "--files", name],
                          cwd=repo, env=env, capture_output=True, text=True, timeout=600)


def test_hook_fails_on_a_defective_report(report_repo):
    repo, env = report_repo
    result = _try(repo, env, "defective.txt")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "defective.txt:8:1: warning:" in result.stdout and "[TXT001]" in result.stdout


def test_hook_passes_on_a_clean_report(report_repo):
    repo, env = report_repo
    result = _try(repo, env, "clean.txt")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout
