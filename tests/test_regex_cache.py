"""Compiled patterns kept between runs (read/regex_cache.py): a pattern from the cache is
the pattern re.compile makes, a second run compiles nothing, and a damaged, foreign or
refused cache is only slower."""

from __future__ import annotations

import json
import re

import pytest

from perflint.read import regex_cache
from perflint.read.regex_cache import compiled

from .conftest import perflint, python, seed_path

#: Patterns of the shapes perflint writes: Han classes, lookarounds, named groups, flags.
SAMPLES = [
    (r"[\u4e00-\u9fff]+", 0),
    (r"(?<![0-9０-９.．,])(?P<number>[0-9０-９]{1,3}(?:,[0-9]{3})*(?:[.．][0-9]+)?)\s*(?P<unit>万元|元|%)", 0),
    (r"^[（(][一二三四五六七八九十]{1,3}[）)](?=[\u4e00-\u9fff])", 0),
    (r".*[，,；;。：:|]", re.S),
    (r"x # comment\n  y", re.X),
    (r"Page", re.I),
]
TEXT = "（一）预算执行情况：年初预算 1,234.50 万元，执行率 98.6%。\nPAGE 3"


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """A process-like state: nothing loaded yet, the cache in ``tmp_path``."""
    monkeypatch.setenv("PERFLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("PERFLINT_NO_CACHE", raising=False)
    monkeypatch.setattr(regex_cache, "_known", None)
    monkeypatch.setattr(regex_cache, "_used", set())
    monkeypatch.setattr(regex_cache, "_new", 0)
    monkeypatch.setattr(regex_cache, "_usable", True)
    return tmp_path


def _again(monkeypatch) -> None:  # noqa: ANN001
    """As a new process would start: the file is read again at the next compile."""
    monkeypatch.setattr(regex_cache, "_known", None)
    monkeypatch.setattr(regex_cache, "_new", 0)


def _same(a: re.Pattern[str], b: re.Pattern[str]) -> None:
    assert a == b  # re.Pattern equality compares the pattern, the flags and the engine's code
    assert (a.pattern, a.flags, a.groups, a.groupindex) == (b.pattern, b.flags, b.groups, b.groupindex)
    assert [m.span() for m in a.finditer(TEXT)] == [m.span() for m in b.finditer(TEXT)]
    assert [m.groupdict() for m in a.finditer(TEXT)] == [m.groupdict() for m in b.finditer(TEXT)]


def test_a_kept_pattern_is_the_pattern_re_compiles(fresh, monkeypatch):
    for pattern, flags in SAMPLES:
        _same(compiled(pattern, flags), re.compile(pattern, flags))
    assert regex_cache.save()
    _again(monkeypatch)
    for pattern, flags in SAMPLES:
        _same(compiled(pattern, flags), re.compile(pattern, flags))
    assert regex_cache._new == 0  # every one came from the file
    assert not regex_cache.save()  # nothing new: the file is not written again


def test_errors_are_raised_as_re_raises_them(fresh):
    with pytest.raises(re.error):
        compiled("[unclosed")


def test_a_damaged_file_is_rebuilt(fresh, monkeypatch):
    compiled(*SAMPLES[0])
    regex_cache.save()
    (kept,) = fresh.glob("regex-*.marshal")
    kept.write_bytes(b"\x00not marshal at all")
    _again(monkeypatch)
    _same(compiled(*SAMPLES[0]), re.compile(*SAMPLES[0]))
    assert regex_cache.save()  # written again, whole


def test_code_the_engine_refuses_is_compiled_again(fresh, monkeypatch):
    pattern, flags = SAMPLES[1]
    compiled(pattern, flags)
    key = (pattern, flags)
    entry = regex_cache._known[key]
    regex_cache._known[key] = (entry[0], entry[1][: len(entry[1]) // 2], *entry[2:])  # cut in half
    regex_cache._new = 1
    regex_cache.save()
    _again(monkeypatch)
    _same(compiled(pattern, flags), re.compile(pattern, flags))


def test_an_engine_with_another_interface_means_compiling_as_usual(fresh, monkeypatch):
    class Other:
        MAGIC, CODESIZE = regex_cache._sre.MAGIC, regex_cache._sre.CODESIZE

        @staticmethod
        def compile(*args):  # noqa: ANN205
            raise TypeError("compile() takes 7 arguments")

    monkeypatch.setattr(regex_cache, "_sre", Other)
    _same(compiled(*SAMPLES[1]), re.compile(*SAMPLES[1]))
    assert regex_cache._usable is False
    _same(compiled(*SAMPLES[2]), re.compile(*SAMPLES[2]))
    assert not regex_cache.save()  # nothing kept from an engine it cannot use


def test_a_file_in_a_folder_others_can_write_is_not_read(fresh, monkeypatch):
    compiled(*SAMPLES[0])
    regex_cache.save()
    fresh.chmod(0o777)
    try:
        _again(monkeypatch)
        compiled(*SAMPLES[0])
        assert regex_cache._new == 1  # compiled, not read
    finally:
        fresh.chmod(0o700)


def test_no_cache_in_the_environment_reads_and_writes_nothing(fresh, monkeypatch):
    monkeypatch.setenv("PERFLINT_NO_CACHE", "1")
    compiled(*SAMPLES[0])
    assert not regex_cache.save()
    assert not list(fresh.iterdir())


#: Imports perflint, lints a seed and says how many patterns it had to compile and keep.
PROBE = ("import json, sys\n"
         "from perflint.cli.main import main\n"
         "from perflint.read import regex_cache\n"
         "import io, contextlib\n"
         "with contextlib.redirect_stdout(io.StringIO()):\n"
         "    status = main(sys.argv[1:])\n"
         "print(json.dumps({'status': status, 'kept': len(regex_cache._known or ())}))\n")


def test_a_second_run_compiles_nothing_even_with_another_hash_seed(tmp_path):
    """Patterns built from sets of words (form headers, units) are the same string in every
    process (longest_first), so the second run finds every one and writes nothing."""
    seed = str(seed_path("001"))
    first = json.loads(python("-c", PROBE, seed, env={"PERFLINT_CACHE_DIR": str(tmp_path), "PYTHONHASHSEED": "1"}).stdout)
    (kept,) = tmp_path.glob("regex-*.marshal")
    before = kept.stat().st_mtime_ns, kept.read_bytes()
    # the second loads the rule set the first prepared: its patterns come through the cache too
    second = json.loads(python("-c", PROBE, seed, env={"PERFLINT_CACHE_DIR": str(tmp_path), "PYTHONHASHSEED": "2"}).stdout)
    assert first["status"] == second["status"] == 1
    assert second["kept"] >= 100  # the reader's, the model's and the kinds' patterns
    assert (kept.stat().st_mtime_ns, kept.read_bytes()) == before


def test_the_findings_are_the_same_with_and_without_kept_patterns(tmp_path):
    seed = seed_path("003")
    env = {"PERFLINT_CACHE_DIR": str(tmp_path)}
    cold = perflint("--format", "json", seed, env=env)
    assert list(tmp_path.glob("regex-*.marshal"))
    warm = perflint("--format", "json", seed, env=env)
    none = perflint("--format", "json", seed, env={"PERFLINT_NO_CACHE": "1"})
    assert cold.returncode == warm.returncode == none.returncode == 1
    assert cold.stdout == warm.stdout == none.stdout and json.loads(cold.stdout)


def test_no_cache_on_the_command_line_writes_no_patterns(tmp_path):
    done = perflint("--no-cache", seed_path("001"), env={"PERFLINT_CACHE_DIR": str(tmp_path)})
    assert done.returncode == 1
    assert not list(tmp_path.glob("regex-*"))


#: Lints a seed with the given options and says which file the kept patterns came from.
READ_PROBE = ("import io, contextlib, json, sys\n"
              "from perflint.cli.main import main\n"
              "from perflint.read import regex_cache\n"
              "with contextlib.redirect_stdout(io.StringIO()):\n"
              "    main(sys.argv[1:])\n"
              "print(json.dumps({'read': str(regex_cache._read_from or ''), 'new': regex_cache._new}))\n")


def test_no_cache_on_the_command_line_reads_no_kept_patterns(tmp_path):
    """The modules imported before the options are read compile their patterns as usual,
    so --no-cache is honoured for reading too."""
    env = {"PERFLINT_CACHE_DIR": str(tmp_path)}
    seed = str(seed_path("001"))
    perflint(seed, env=env)
    (kept,) = tmp_path.glob("regex-*.marshal")
    with_cache = json.loads(python("-c", READ_PROBE, seed, env=env).stdout)
    without = json.loads(python("-c", READ_PROBE, "--no-cache", seed, env=env).stdout)
    assert with_cache == {"read": str(kept), "new": 0}
    assert without["read"] == "" and without["new"] >= 100  # every one compiled afresh
