"""The prepared-pack cache: a later run loads the rule set an earlier one built, and
never trusts a cache it should not (changed packs, a damaged file, a folder others can write)."""

from __future__ import annotations

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
