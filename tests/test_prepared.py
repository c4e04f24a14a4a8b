"""The prepared-pack cache: a later run loads the rule set an earlier one built, and
never trusts a cache it should not (changed packs, a damaged file, a folder others can write)."""

from __future__ import annotations

import functools
import json
import os
import pickle
from pathlib import Path

from perflint.check import prepared
from perflint.check.packs import load_packs, shipped_pack_paths

from .conftest import python, seed_path

SHIPPED = [str(p) for p in shipped_pack_paths()]

#: Loads the shipped packs in a fresh process and says whether PyYAML had to be imported.
PROBE = ("import json, sys\n"
         "from perflint.check.packs import load_shipped\n"
         "rules = load_shipped().rules\n"
         "print(json.dumps({'yaml': 'yaml' in sys.modules, 'rules': [r.id for r in rules]}))\n")


def _probe(cache: Path, **env: str) -> dict:
    done = python("-c", PROBE, env={"PERFLINT_CACHE_DIR": str(cache), **env}, check=True)
    return json.loads(done.stdout)


def _ids(ruleset) -> list[str]:  # noqa: ANN001
    return [r.id for r in ruleset.rules]


def test_a_second_process_loads_the_prepared_rules_without_yaml(tmp_path):
    first, second = _probe(tmp_path), _probe(tmp_path)
    assert first["yaml"] is True and second["yaml"] is False
    assert first["rules"] == second["rules"] == _ids(load_packs(SHIPPED))
    assert len(list(tmp_path.glob("packs-*.pickle"))) == 1


def test_the_cached_rule_set_gives_the_same_findings(tmp_path, monkeypatch):
    from perflint.check.engine import lint_source
    from perflint.read.source import Source

    monkeypatch.setenv("PERFLINT_CACHE_DIR", str(tmp_path))
    fresh = load_packs(SHIPPED)
    prepared.prepared(SHIPPED, load_packs)  # stores it
    cached = prepared.prepared(SHIPPED, lambda paths: (_ for _ in ()).throw(AssertionError("rebuilt")))
    source = Source("s.txt", seed_path("004").read_text(encoding="utf-8"))
    assert [(f, f.data, f.related) for f in lint_source(source, cached)] == [(f, f.data, f.related) for f in lint_source(source, fresh)]


def test_a_changed_pack_is_a_new_key(tmp_path, monkeypatch):
    monkeypatch.setenv("PERFLINT_CACHE_DIR", str(tmp_path))
    pack = tmp_path / "extra.yaml"
    pack.write_text("pack: extra\nrules: []\n", encoding="utf-8")
    before = prepared._key([*SHIPPED, str(pack)])
    pack.write_text("pack: extra2\nrules: []\n", encoding="utf-8")
    assert prepared._key([*SHIPPED, str(pack)]) != before
    assert prepared._key([*SHIPPED, str(tmp_path / "missing.yaml")]) is None  # the loader reports it


def test_a_damaged_cache_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("PERFLINT_CACHE_DIR", str(tmp_path))
    key = prepared._key(SHIPPED)
    target = tmp_path / f"packs-{key}.pickle"
    tmp_path.chmod(0o700)
    target.write_bytes(b"not a pickle")
    built = []
    ruleset = prepared.prepared(SHIPPED, lambda paths: built.append(1) or load_packs(paths))
    assert built == [1] and _ids(ruleset) == _ids(load_packs(SHIPPED))
    assert _ids(pickle.loads(target.read_bytes())) == _ids(ruleset)  # replaced by a good copy


def test_a_folder_others_can_write_is_not_trusted(tmp_path, monkeypatch):
    monkeypatch.setenv("PERFLINT_CACHE_DIR", str(tmp_path))
    prepared.prepared(SHIPPED, load_packs)
    tmp_path.chmod(0o777)
    try:
        built = []
        prepared.prepared(SHIPPED, lambda paths: built.append(1) or load_packs(paths))
        assert built == [1]
    finally:
        tmp_path.chmod(0o700)


def test_no_cache_reads_the_packs(tmp_path, monkeypatch):
    monkeypatch.setenv("PERFLINT_NO_CACHE", "1")
    assert prepared.cache_dir() is None
    assert _probe(tmp_path, PERFLINT_NO_CACHE="1")["yaml"] is True
    assert not list(tmp_path.glob("packs-*"))


def test_an_unwritable_cache_folder_is_only_slower(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = _probe(blocker / "cache")  # a folder that cannot be made
    assert result["yaml"] is True and result["rules"]


def test_old_prepared_sets_are_pruned(tmp_path, monkeypatch):
    monkeypatch.setenv("PERFLINT_CACHE_DIR", str(tmp_path))
    for i in range(prepared.KEEP + 3):
        (tmp_path / f"packs-old{i}.pickle").write_bytes(b"")
    prepared.prepared(SHIPPED, load_packs)
    kept = list(tmp_path.glob("packs-*.pickle"))
    assert len(kept) == prepared.KEEP and (tmp_path / f"packs-{prepared._key(SHIPPED)}.pickle") in kept


def test_the_command_line_no_cache_flag(tmp_path):
    from .conftest import perflint

    done = perflint("--no-cache", seed_path("001"), env={"PERFLINT_CACHE_DIR": str(tmp_path)})
    assert done.returncode == 1 and "[" in done.stdout
    assert not list(tmp_path.glob("packs-*"))
    perflint(seed_path("001"), env={"PERFLINT_CACHE_DIR": str(tmp_path)})
    assert len(list(tmp_path.glob("packs-*"))) == 1


def test_a_pack_that_is_not_a_regular_file_is_left_to_the_loader(tmp_path):
    fifo = tmp_path / "pack.yaml"
    os.mkfifo(fifo)
    assert prepared._key([*SHIPPED, str(fifo)]) is None  # returns at once: the FIFO is not read


#: perflint's command line in a fresh process, then which of the heavy modules it imported.
RUN = ("import json, sys\n"
       "from perflint.cli.main import main\n"
       "status = main(sys.argv[1:])\n"
       "print(json.dumps({'status': status, 'grammar': 'pyparsing' in sys.modules,\n"
       "                  'kinds': 'perflint.check.kinds' in sys.modules, 'model': 'perflint.model.document' in sys.modules}))\n")


def _run(cache: Path, *argv: object) -> tuple[dict, str, str]:
    done = python("-c", RUN, *map(str, argv), env={"PERFLINT_CACHE_DIR": str(cache)})
    *shown, last = done.stdout.splitlines()
    return json.loads(last), "\n".join(shown), done.stderr


def test_a_run_that_lints_nothing_loads_only_the_catalogue(tmp_path):
    """An empty or unreadable file is an input error: no grammar, no kind, no model is loaded
    for it once an earlier run stored the catalogue beside the rule set."""
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    cache = tmp_path / "cache"
    first = _run(cache, empty)
    second = _run(cache, empty, "--select", "TXT,NUM001", "--ignore", "NUM")
    assert first[0]["status"] == second[0]["status"] == 2 and "empty file" in second[2]
    assert second[0] == {"status": 2, "grammar": False, "kinds": False, "model": False}
    key = prepared._key(SHIPPED)
    assert (cache / f"catalogue-{key}.pickle").is_file() and (cache / f"packs-{key}.pickle").is_file()
    assert _run(cache, seed_path("001"))[0] == {"status": 1, "grammar": True, "kinds": True, "model": True}


def test_a_bad_selector_is_still_an_error_when_nothing_is_linted(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    _run(tmp_path / "cache", empty)
    result, _, err = _run(tmp_path / "cache", "--select", "NOPE999", empty)
    assert result["status"] == 2 and "NOPE999" in err and not result["grammar"]


def test_a_run_of_remembered_files_loads_only_the_catalogue(tmp_path):
    report = tmp_path / "report.txt"
    report.write_text(seed_path("004").read_text(encoding="utf-8"), encoding="utf-8")
    cache = tmp_path / "cache"
    first = _run(cache, "--cache", "--format", "json", report)
    second = _run(cache, "--cache", "--format", "json", report)
    assert first[0]["grammar"] is True and second[0] == {"status": 1, "grammar": False, "kinds": False, "model": False}
    assert second[1] == first[1] and json.loads(second[1])["findings"]
    report.write_text(report.read_text(encoding="utf-8") + "\n附件：无\n", encoding="utf-8")
    assert _run(cache, "--cache", "--format", "json", report)[0]["grammar"] is True  # an edited file is linted


def test_rules_chosen_from_the_catalogue_check_as_the_loaded_ones():
    from dataclasses import replace

    from perflint.check.engine import lint_source
    from perflint.check.finding import Severity
    from perflint.check.packs import load_catalogue, load_shipped, select_rules
    from perflint.read.source import Source

    catalogue, loaded = load_catalogue(()), load_shipped()
    assert catalogue.is_catalogue and all(r.prepared is None for r in catalogue.rules)
    assert catalogue.rules == loaded.rules and catalogue.loaded() is loaded  # equal: prepared is not compared
    source = Source("s.txt", seed_path("004").read_text(encoding="utf-8"))

    def chosen(ruleset):  # noqa: ANN001, ANN202 - a selection with one severity changed, as a configuration does
        return tuple(replace(r, severity=Severity.INFO) if r.id == "TXT004" else r for r in select_rules(ruleset, ["TXT", "NUM"]))

    from_catalogue = lint_source(source, catalogue, chosen(catalogue))
    assert [(f, f.severity) for f in from_catalogue] == [(f, f.severity) for f in lint_source(source, loaded, chosen(loaded))]
    assert {f.rule for f in from_catalogue} >= {"TXT004", "NUM001"} and all(
        f.severity is Severity.INFO for f in from_catalogue if f.rule == "TXT004")


def test_a_run_without_the_cache_builds_the_rule_set_once(tmp_path, monkeypatch, capsys):
    """--no-cache chooses rules from a catalogue built from the rule set; linting must use that
    rule set, not build it again from the YAML."""
    from perflint.check import packs
    from perflint.cli.main import main

    built = []
    monkeypatch.setattr(packs, "_LOADED", {})
    from perflint.read import cache

    monkeypatch.setattr(cache, "_ENABLED", cache._ENABLED)  # main() turns the cache off: restored after
    for memoised in ("_catalogue_with", "_loaded_for"):  # as in a fresh process
        monkeypatch.setattr(packs, memoised, functools.cache(getattr(packs, memoised).__wrapped__))
    monkeypatch.setattr(packs, "load_packs", lambda paths, real=packs.load_packs: built.append(1) or real(paths))
    assert main(["--no-cache", str(seed_path("001"))]) == 1 and "[" in capsys.readouterr().out
    assert built == [1]


def test_pack_patterns_come_back_compiled_from_the_prepared_copy(monkeypatch):
    """The regex module compiles in Python (≈ 1 ms a pattern): a prepared rule set carries
    each pack pattern's compiled form, loaded on first use by the same regex version only."""
    import regex

    from perflint.check import saferegex

    text = "自评等级为“良”，项目自评得分 86.5 分。"
    source = r"(?:自评等级|等级)[\s\u3000]*(?:为|是|：|:)?[\s\u3000]*[“\"]?(?P<grade>优|良|中|差)"
    original = saferegex.safe_regex(source)
    kept = pickle.dumps(original)
    compiles = []
    monkeypatch.setattr(saferegex.regex, "compile", lambda *a, **k: compiles.append(a) or regex.Regex(*a, **k))

    loaded = pickle.loads(kept)
    assert loaded.search(text).span("grade") == original.search(text).span("grade") == (6, 7)
    assert compiles == []  # came from the copy

    other_version = pickle.loads(kept)
    other_version._kept = ("0.0", other_version._kept[1])
    assert other_version.search(text).span("grade") == (6, 7)
    damaged = pickle.loads(kept)
    damaged._kept = (regex.__version__, b"not a pickle")
    assert damaged.search(text).span("grade") == (6, 7)
    assert compiles == [(source,), (source,)]  # both compiled from the source
