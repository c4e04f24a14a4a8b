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


def test_a_run_over_many_reports_is_one_perflint_with_one_summary(tmp_path):
    """pre-commit would split nine files across the cores, one perflint per share, each
    with its own workers and its own summary line; the hook asks for one process."""
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "home"), "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    repo = tmp_path / "reports"
    repo.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True, env=env)
    for i in range(9):
        (repo / f"report{i}.txt").write_text(seed_text("002"), encoding="utf-8")
    subprocess.run(["git", "add", "."], cwd=repo, check=True, env=env)
    result = subprocess.run([*_pre_commit(), "try-repo", str(ROOT), "perflint", "--all-files"],
                            cwd=repo, env=env, capture_output=True, text=True, timeout=600)
    summaries = [line for line in result.stdout.splitlines() if "共检查" in line or " files" in line and "Found" in line]
    assert result.returncode == 1 and len(summaries) == 1 and "9" in summaries[0], result.stdout


@pytest.fixture(scope="module")
def hook_source(tmp_path_factory):
    """This working tree committed in a repository of its own: what pre-commit clones at a rev."""
    source = tmp_path_factory.mktemp("hook-source")
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True, text=True, check=True)
    for name in listed.stdout.splitlines():
        path = ROOT / name
        if path.is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, source / name)
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    for command in (["git", "init", "-q"], ["git", "add", "."], ["git", "commit", "-q", "-m", "snapshot"]):
        subprocess.run(command, cwd=source, check=True, env=env)
    rev = subprocess.run(["git", "rev-parse", "HEAD"], cwd=source, capture_output=True, text=True, check=True).stdout.strip()
    return source, rev


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory):
    """One home for the tests that install the hook from hook_source: its environment is built once."""
    return str(tmp_path_factory.mktemp("pre-commit-home"))


def test_a_commit_that_adds_a_defect_to_a_text_word_or_pdf_report_is_blocked(hook_source, pre_commit_home, tmp_path_factory):
    """A fresh repository of reports with both hooks installed, as the README sets it up:
    clean .txt, .docx and .pdf reports commit; a defect added to any one of them blocks it."""
    from .forms import PROJECT, WRITERS, inject

    source, rev = hook_source
    repo = tmp_path_factory.mktemp("report-repo")
    env = {**os.environ, "PRE_COMMIT_HOME": pre_commit_home,
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {source}\n    rev: {rev}\n    hooks:\n      - id: perflint\n      - id: perflint-documents\n", encoding="utf-8")

    def git(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, timeout=900)

    git("init", "-q")
    subprocess.run([*_pre_commit(), "install"], cwd=repo, env=env, check=True, capture_output=True)
    for suffix in ("txt", "docx", "pdf"):
        WRITERS[suffix](PROJECT, repo / f"自评表.{suffix}")
    git("add", ".")
    committed = git("commit", "-q", "-m", "clean reports")
    assert committed.returncode == 0, committed.stdout + committed.stderr

    defective, _ = inject("execution-rate")  # 执行率 93.35% where 251.89 ÷ 251.89 is 100%
    for suffix in ("txt", "docx", "pdf"):
        WRITERS[suffix](defective, repo / f"自评表.{suffix}")
        git("add", ".")
        blocked = git("commit", "-q", "-m", f"defect in the {suffix}")
        output = blocked.stdout + blocked.stderr
        assert blocked.returncode != 0, output
        assert f"自评表.{suffix}" in output and "[EXE001]" in output and "Failed" in output
        assert git("reset", "-q", "--hard", "HEAD").returncode == 0


def test_with_the_cache_argument_a_run_on_all_files_reads_unchanged_reports_from_the_cache(hook_source, pre_commit_home,
                                                                                         tmp_path_factory):
    """``args: [--cache]``, as the README suggests for ``pre-commit run --all-files``: the first
    run stores each report's findings, the second reads them (the entries are touched, the
    output is the same), and an edited report is linted again."""
    source, rev = hook_source
    repo, cache = tmp_path_factory.mktemp("cached-repo"), tmp_path_factory.mktemp("perflint-cache")
    env = {**os.environ, "PRE_COMMIT_HOME": pre_commit_home, "PERFLINT_CACHE_DIR": str(cache)}
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {source}\n    rev: {rev}\n    hooks:\n      - id: perflint\n        args: [--cache]\n", encoding="utf-8")
    (repo / "defective.txt").write_text(seed_text("002"), encoding="utf-8")
    (repo / "clean.txt").write_text(CLEAN, encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True, env=env)
    subprocess.run(["git", "add", "."], cwd=repo, check=True, env=env)

    def run_all() -> subprocess.CompletedProcess:
        return subprocess.run([*_pre_commit(), "run", "--all-files"], cwd=repo, env=env, capture_output=True, text=True, timeout=900)

    first = run_all()
    entries = sorted((cache / "findings").glob("*.pickle"))
    assert first.returncode == 1 and "[TXT001]" in first.stdout and len(entries) == 2, first.stdout + first.stderr
    stored = {e: e.stat().st_mtime_ns for e in entries}
    second = run_all()
    assert (second.returncode, second.stdout) == (first.returncode, first.stdout)
    assert all(e.stat().st_mtime_ns > ns for e, ns in stored.items())  # each entry was read (and touched)
    (repo / "defective.txt").write_text(seed_text("002").replace("。", "，", 1), encoding="utf-8")
    third = run_all()
    assert third.returncode == 1 and len(list((cache / "findings").glob("*.pickle"))) == 3
