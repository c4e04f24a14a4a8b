"""--cache: a file's findings are remembered and reused while nothing they depend on changes.

A test that the cache is used makes linting impossible (lint_document raises) and
checks the output is still exactly the uncached run's; a test that a change is seen
makes linting impossible too and checks that perflint tried (the file reports an
internal error): a stale answer would have passed silently.
"""

from __future__ import annotations

import json
import os
import time

import pytest

from perflint.check import engine
from perflint.check.remembered import FindingsCache

from .conftest import copies_of_seeds, perflint, python, run, seed_text
from .forms import inject, write_docx


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("PERFLINT_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def reports(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    copies_of_seeds(folder, slice(0, 5))
    return folder


def _unlintable(monkeypatch):
    def refuse(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise AssertionError("linted")

    monkeypatch.setattr(engine, "lint_document", refuse)


def _entries(cache) -> list:  # noqa: ANN001
    return sorted((cache / "findings").glob("*.pickle"))


@pytest.mark.parametrize("form", ["text", "json", "sarif", "concise", "junit"])
def test_a_second_run_reads_nothing_and_prints_the_same(cache, reports, capsys, monkeypatch, form):
    plain = run(capsys, "--format", form, reports)
    first = run(capsys, "--cache", "--format", form, reports)
    assert len(_entries(cache)) == 5
    _unlintable(monkeypatch)
    second = run(capsys, "--cache", "--format", form, reports)
    assert plain == first == second and plain[0] == 1


def test_an_edited_file_is_linted_again(cache, reports, capsys, monkeypatch):
    run(capsys, "--cache", reports)
    report = sorted(reports.iterdir())[2]
    report.write_text(report.read_text(encoding="utf-8").replace("。", "，", 1), encoding="utf-8")
    _unlintable(monkeypatch)
    status, out, err = run(capsys, "--cache", reports)
    assert status == 2 and err.count("internal error") == 1 and report.name in err


@pytest.mark.parametrize("option", [("--select", "NUM"), ("--lang", "en"), ("--family", "project"), ("--shape", "excerpt"),
                                    ("--ignore", "TXT001")])
def test_a_run_with_other_settings_lints_again(cache, reports, capsys, monkeypatch, option):
    run(capsys, "--cache", reports)
    _unlintable(monkeypatch)
    status, _, err = run(capsys, "--cache", *option, reports)
    assert status == 2 and err.count("internal error") == 5


def test_an_edited_pack_lints_again(cache, reports, tmp_path, capsys, monkeypatch):
    pack = tmp_path / "mine.yaml"
    body = ("pack: user\nrules:\n  - id: USR001\n    name: no-xx\n    kind: pattern\n    severity: warning\n"
            '    message: {zh: "占位符{match}", en: "placeholder {match}"}\n'
            "    options: {patterns: [{literal: %s}]}\n    examples: {bad: ['%s单位'], good: ['某单位']}\n")
    pack.write_text(body % ("XX", "XX"), encoding="utf-8")
    run(capsys, "--cache", "--pack", pack, reports)
    pack.write_text(body % ("YY", "YY"), encoding="utf-8")
    _unlintable(monkeypatch)
    status, _, err = run(capsys, "--cache", "--pack", pack, reports)
    assert status == 2 and err.count("internal error") == 5


def test_a_word_file_is_not_opened_again(cache, tmp_path, capsys, monkeypatch):
    from perflint.read import documents

    report = tmp_path / "form.docx"
    write_docx(inject("execution-rate")[0], report)
    first = run(capsys, "--cache", "--format", "json", report)
    monkeypatch.setattr(documents, "read_document_file", lambda path: (_ for _ in ()).throw(AssertionError("opened")))
    _unlintable(monkeypatch)
    assert run(capsys, "--cache", "--format", "json", report) == first
    assert "EXE001" in {f["rule"] for f in json.loads(first[1])["findings"]}


def test_without_the_option_nothing_is_stored_or_read(cache, reports, capsys, monkeypatch):
    run(capsys, reports)
    assert not _entries(cache)
    run(capsys, "--cache", reports)
    _unlintable(monkeypatch)
    assert run(capsys, reports)[0] == 2  # linted, not read from the cache
    assert run(capsys, "--cache", "--no-cache", reports)[0] == 2


def test_the_configuration_can_turn_it_on(cache, reports, capsys, monkeypatch):
    from perflint.cli.config import _config_in, load_config

    (reports / ".perflint.toml").write_text("cache = true\n", encoding="utf-8")
    load_config.cache_clear()
    _config_in.cache_clear()
    first = run(capsys, reports)
    assert len(_entries(cache)) == 5
    _unlintable(monkeypatch)
    assert run(capsys, reports) == first


def test_standard_input_and_uncertain_results_are_not_stored(cache, reports, capsys, monkeypatch):
    from dataclasses import replace

    piped = perflint("--cache", "--stdin-filename", "r.txt", "-", input=seed_text("002"), env={"PERFLINT_CACHE_DIR": str(cache)})
    assert piped.returncode == 1 and "r.txt:" in piped.stdout
    assert not _entries(cache)
    real = engine.lint_document

    def skipped_a_rule(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        info, found = real(*args, **kwargs)
        return replace(info, errors=("rule TXT001 skipped: took too long",)), found

    monkeypatch.setattr(engine, "lint_document", skipped_a_rule)
    run(capsys, "--cache", reports)
    assert not _entries(cache)


def test_a_damaged_entry_is_linted_again_and_replaced(cache, reports, capsys):
    first = run(capsys, "--cache", "--format", "json", reports)
    for entry in _entries(cache):
        entry.write_bytes(b"not a pickle")
    assert run(capsys, "--cache", "--format", "json", reports) == first
    assert all(entry.read_bytes() != b"not a pickle" for entry in _entries(cache))


def test_an_entry_someone_else_could_have_written_is_ignored(cache, reports, capsys, monkeypatch):
    run(capsys, "--cache", reports)
    (cache / "findings").chmod(0o777)
    try:
        _unlintable(monkeypatch)
        assert run(capsys, "--cache", reports)[0] == 2
    finally:
        (cache / "findings").chmod(0o700)


def test_prune_keeps_the_most_recently_used(tmp_path):
    folder = tmp_path / "findings"
    folder.mkdir()
    now = time.time()
    for age in range(12):
        entry = folder / f"{age:02d}.pickle"
        entry.write_bytes(b"")
        os.utime(entry, (now - age * 60, now - age * 60))
    FindingsCache(folder, "key").prune(keep=10)
    assert sorted(p.name for p in folder.iterdir()) == [f"{age:02d}.pickle" for age in range(9)]


def test_workers_store_and_a_run_of_unchanged_files_forks_no_pool(cache, reports, tmp_path):
    env = {"PERFLINT_CACHE_DIR": str(cache)}
    first = perflint("--cache", "-j", "2", reports, env=env)
    assert len(_entries(cache)) == 5
    probe = ("import multiprocessing.pool, sys\n"
             "multiprocessing.pool.Pool.__init__ = lambda *a, **k: (_ for _ in ()).throw(AssertionError('forked'))\n"
             "from perflint.cli.main import main\n"
             "sys.exit(main(sys.argv[1:]))\n")
    second = python("-c", probe, "--cache", "-j", "2", reports, env=env)
    assert (second.returncode, second.stdout, second.stderr) == (first.returncode, first.stdout, first.stderr)
    assert first.returncode == 1


def test_an_upgraded_reader_reads_a_word_file_again(cache, tmp_path, capsys, monkeypatch):
    """A Word, Excel or PDF file's entry depends on the libraries that read it: after an
    upgrade of python-docx the file is read and linted again."""
    from perflint.check import remembered

    report = tmp_path / "form.docx"
    write_docx(inject("execution-rate")[0], report)
    run(capsys, "--cache", report)
    stamp = remembered.installed_readers(".docx")
    assert b"docx\0" in stamp and b"absent" not in stamp
    remembered.installed_readers.cache_clear()
    monkeypatch.setattr(remembered, "installed_readers", lambda suffix: stamp + b" upgraded")
    _unlintable(monkeypatch)
    status, _, err = run(capsys, "--cache", report)
    assert status == 2 and "internal error" in err
