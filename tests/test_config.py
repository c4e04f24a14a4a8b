"""Configuration: discovery and precedence, selection, per-file-ignores, severity, errors."""

from __future__ import annotations

import json

import pytest

from perflint.cli.config import load_config
from perflint.cli.main import main

from .conftest import seed_text

SEED_002 = seed_text("002")


@pytest.fixture
def repo(tmp_path, monkeypatch):
    (tmp_path / "reports" / "2024").mkdir(parents=True)
    (tmp_path / "reports" / "2024" / "a.txt").write_text(SEED_002, encoding="utf-8")
    (tmp_path / "reports" / "b.txt").write_text(SEED_002, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    load_config.cache_clear()
    from perflint.cli.config import _config_in

    _config_in.cache_clear()
    return tmp_path


def rules_found(capsys, *args) -> set[str]:
    main(["--format", "json", *args])
    return {f["rule"] for f in json.loads(capsys.readouterr().out)["findings"]}


def test_pyproject_tool_table_selects(repo, capsys):
    (repo / "pyproject.toml").write_text('[tool.perflint]\nselect = ["NUM"]\n', encoding="utf-8")
    assert rules_found(capsys, "reports") == {"NUM001", "NUM004"}


@pytest.mark.parametrize("table", ['[tool]\nperflint = { select = ["NUM"] }\n', '[tool."perflint"]\nselect = ["NUM"]\n'])
def test_pyproject_table_spelled_otherwise_selects(repo, capsys, table):
    (repo / "pyproject.toml").write_text(table, encoding="utf-8")
    assert rules_found(capsys, "reports") == {"NUM001", "NUM004"}


def test_another_projects_pyproject_is_not_parsed(repo):
    """A pyproject.toml that never names perflint configures nothing and costs no TOML parse."""
    from .conftest import python

    (repo / "pyproject.toml").write_text('[project]\nname = "reports"\n[tool.ruff]\nline-length = 100\n', encoding="utf-8")
    probe = "import sys\nfrom perflint.cli.main import main\nmain(sys.argv[1:])\nprint('tomllib' in sys.modules)\n"
    done = python("-c", probe, "--select", "NUM", "-q", "reports/b.txt", cwd=repo)
    assert done.stdout.splitlines()[-1] == "False" and "NUM001" in done.stdout
    (repo / "pyproject.toml").write_text('[project]\nname = "reports"\n[tool.perflint]\nselect = ["TXT"]\n', encoding="utf-8")
    done = python("-c", probe, "-q", "reports/b.txt", cwd=repo)
    assert done.stdout.splitlines()[-1] == "True" and "NUM001" not in done.stdout


def test_closest_config_wins(repo, capsys):
    (repo / "pyproject.toml").write_text('[tool.perflint]\nselect = ["NUM"]\n', encoding="utf-8")
    (repo / "reports" / "2024" / ".perflint.toml").write_text('select = ["TXT"]\n', encoding="utf-8")
    assert rules_found(capsys, "reports/2024/a.txt") == {"TXT001"}
    assert rules_found(capsys, "reports/b.txt") == {"NUM001", "NUM004"}


def test_extend_inherits_and_overrides(repo, capsys):
    (repo / "base.toml").write_text('select = ["NUM"]\nignore = ["NUM004"]\n', encoding="utf-8")
    (repo / "reports" / ".perflint.toml").write_text('extend = "../base.toml"\nextend-select = ["TXT001"]\n', encoding="utf-8")
    assert rules_found(capsys, "reports/b.txt") == {"NUM001", "TXT001"}


def test_command_line_overrides_the_file(repo, capsys):
    (repo / ".perflint.toml").write_text('select = ["NUM"]\n', encoding="utf-8")
    assert rules_found(capsys, "--select", "TXT", "reports/b.txt") == {"TXT001"}


def test_prefix_and_name_selection_longest_wins(repo, capsys):
    (repo / ".perflint.toml").write_text('ignore = ["NUM"]\nselect = ["NUM001", "conversion-debris"]\n', encoding="utf-8")
    assert rules_found(capsys, "reports/b.txt") == {"NUM001", "TXT001"}


def test_per_file_ignores_by_glob(repo, capsys):
    (repo / ".perflint.toml").write_text('select = ["NUM", "TXT"]\n[per-file-ignores]\n"reports/2024/*.txt" = ["NUM"]\n', encoding="utf-8")
    main(["--format", "json", "reports"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert {f["rule"] for f in findings if "2024" in f["path"]} == {"TXT001"}
    assert {f["rule"] for f in findings if "2024" not in f["path"]} == {"NUM001", "NUM004", "TXT001"}


def test_severity_override_and_fail_on(repo, capsys):
    (repo / ".perflint.toml").write_text('select = ["NUM004"]\nfail-on = "warning"\n[severity]\nNUM004 = "info"\n', encoding="utf-8")
    assert main(["--format", "json", "reports/b.txt"]) == 0
    assert {f["severity"] for f in json.loads(capsys.readouterr().out)["findings"]} == {"info"}


@pytest.mark.parametrize(
    "content, named",
    [('selectt = ["NUM"]\n', "selectt"), ('fail-on = "fatal"\n', "fail-on"), ('select = "NUM"\n', "select"),
     ("select = [\n", "invalid TOML"), ('[severity]\nNUM004 = "loud"\n', "severity.NUM004")],
)
def test_bad_config_is_exit_2_naming_file_and_key(repo, capsys, content, named):
    (repo / ".perflint.toml").write_text(content, encoding="utf-8")
    assert main(["reports/b.txt"]) == 2
    err = capsys.readouterr().err
    assert ".perflint.toml" in err and named in err and err.count("\n") == 1


def test_extend_loop_is_an_error(repo, capsys):
    (repo / ".perflint.toml").write_text('extend = "other.toml"\n', encoding="utf-8")
    (repo / "other.toml").write_text('extend = ".perflint.toml"\n', encoding="utf-8")
    assert main(["reports/b.txt"]) == 2
    assert "loops" in capsys.readouterr().err


def test_show_settings(repo, capsys):
    (repo / ".perflint.toml").write_text('select = ["NUM"]\nlang = "en"\n', encoding="utf-8")
    assert main(["--show-settings", "reports/b.txt"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["select"] == ["NUM"] and shown["lang"] == "en" and shown["source"].endswith(".perflint.toml")
    assert "NUM001:warning" in shown["rules"]


def test_profile_extends_the_national_pack(repo, capsys):
    (repo / ".perflint.toml").write_text('profile = "guangzhou-department"\nselect = ["STR1"]\n', encoding="utf-8")
    (repo / "r.txt").write_text(seed_text("004"), encoding="utf-8")
    (repo / "ok.txt").write_text(seed_text("000"), encoding="utf-8")
    assert rules_found(capsys, "r.txt") == {"STR101"}
    assert rules_found(capsys, "ok.txt") == set()


def test_unknown_profile(repo, capsys):
    (repo / ".perflint.toml").write_text('profile = "atlantis"\n', encoding="utf-8")
    assert main(["reports/b.txt"]) == 2
    assert "atlantis" in capsys.readouterr().err


#: Lints ./reports in a fresh process and says on the last line of stderr whether jsonschema was imported.
_PROBE = ("import sys\n"
          "from perflint.cli.main import main\n"
          "status = main(sys.argv[1:])\n"
          "print('jsonschema' in sys.modules, file=sys.stderr)\n"
          "sys.exit(status)\n")


def _validated(repo, cache, *args) -> tuple[int, bool, str]:  # noqa: ANN001
    from .conftest import python

    done = python("-c", _PROBE, *args, "reports", cwd=repo, env={"PERFLINT_CACHE_DIR": str(cache)})
    *notes, imported = done.stderr.splitlines()
    return done.returncode, imported == "True", "\n".join(notes)


def test_a_configuration_found_valid_is_not_validated_again(repo, tmp_path_factory):
    """jsonschema costs a quarter of a run's start-up: a configuration is validated the first
    time it is seen, not while its content and the schema stay the same; an edited one is
    validated again, and a verdict of invalid is never kept."""
    cache = tmp_path_factory.mktemp("cache")
    config = repo / ".perflint.toml"
    config.write_text('select = ["NUM"]\n', encoding="utf-8")
    first, second = _validated(repo, cache), _validated(repo, cache)
    assert first[:2] == (1, True) and second[:2] == (1, False)
    assert len(list(cache.glob("valid-*"))) == 1
    config.write_text('select = ["NUM"]\nfail-on = "never"\n', encoding="utf-8")
    for _ in range(2):
        status, imported, notes = _validated(repo, cache)
        assert (status, imported) == (2, True) and "fail-on" in notes
    assert len(list(cache.glob("valid-*"))) == 1
    config.write_text('select = ["NUM"]\n', encoding="utf-8")
    assert _validated(repo, cache)[:2] == (1, False)


def test_no_cache_validates_the_configuration_every_time(repo, tmp_path_factory):
    cache = tmp_path_factory.mktemp("cache")
    (repo / ".perflint.toml").write_text('select = ["NUM"]\n', encoding="utf-8")
    assert _validated(repo, cache, "--no-cache")[:2] == (1, True)
    assert _validated(repo, cache, "--no-cache")[:2] == (1, True)
    assert not list(cache.glob("valid-*"))
