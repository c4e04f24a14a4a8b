"""Rule packs: shipped packs validate, every rule proves itself, malformed packs fail clearly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from perflint.check.engine import prove
from perflint.check.kinds import KINDS
from perflint.check.packs import PackError, data_dir, load_packs, read_pack, shipped_pack_paths

from .conftest import ROOT

SHIPPED = load_packs([str(p) for p in shipped_pack_paths()])
RULES = {rule.id: rule for rule in SHIPPED.rules}


def test_shipped_packs_validate_against_the_schema():
    for path in shipped_pack_paths():
        read_pack(str(path), validate=True)


def test_schemas_are_valid_json_schemas():
    import jsonschema

    for file in data_dir("schemas").rglob("*.schema.json"):
        schema = json.loads(file.read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_bad_examples_fire_and_good_ones_stay_silent(rule_id):
    assert prove(RULES[rule_id], SHIPPED) == []


def test_a_rule_that_misses_its_bad_example_is_caught(tmp_path):
    silent = GOOD_RULE.replace('bad: ["XX单位"]', 'bad: ["某单位"]')
    ruleset = load_packs([_pack(tmp_path, silent)])
    assert prove(ruleset.rules[0], ruleset) == ["bad example 1 does not fire: '某单位'"]


def test_check_packs_command(tmp_path, capsys):
    from perflint.cli.main import main

    assert main(["check-packs"]) == 0
    assert main(["check-packs", _pack(tmp_path, GOOD_RULE.replace('good: ["某单位"]', 'good: ["XX"]'))]) == 1
    assert "rule USR001: good example 1 fires" in capsys.readouterr().out


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_has_module_schema_tests_and_a_rule(kind):
    module = KINDS[kind].__name__.rsplit(".", 1)[-1]
    assert (ROOT / "perflint" / "check" / "kinds" / f"{module}.py").is_file()
    assert (ROOT / "schemas" / "kinds" / f"{kind}.schema.json").is_file()
    assert (ROOT / "tests" / "kinds" / f"test_{module}.py").is_file()
    assert any(rule.kind == kind for rule in SHIPPED.rules)
    assert KINDS[kind].__doc__, "the kind's docstring is its documentation"


def test_rule_ids_and_names_are_unique_and_messages_bilingual():
    names = [r.name for r in SHIPPED.rules]
    assert len(set(names)) == len(names)
    for rule in SHIPPED.rules:
        assert rule.message["zh"] and rule.message["en"]


def _pack(tmp_path: Path, text: str) -> str:
    path = tmp_path / "user.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


GOOD_RULE = """pack: user
rules:
  - id: USR001
    name: no-xx
    kind: pattern
    severity: warning
    message: {zh: "占位符{match}", en: "placeholder {match}"}
    options:
      patterns: [{literal: XX}]
    examples: {bad: ["XX单位"], good: ["某单位"]}
"""


def test_a_user_pack_loads(tmp_path):
    ruleset = load_packs([_pack(tmp_path, GOOD_RULE)])
    assert [r.id for r in ruleset.rules] == ["USR001"]


@pytest.mark.parametrize(
    "change, expected",
    [
        (("severity: warning", "severity: fatal"), r"user.yaml:6:15: rule USR001: \$.rules\[0\].severity: 'fatal' is not one of"),
        (("kind: pattern", "kind: spelling"), r"rule USR001: \$.rules\[0\].kind: 'spelling' is not one of"),
        (("patterns: [{literal: XX}]", "patterns: [{literal: XX, colour: red}]"), r"rule USR001: \$.rules\[0\].options.patterns\[0\]"),
        (("patterns: [{literal: XX}]", "patterns: [{regex: '(unclosed'}]"), r"rule USR001: \$.rules\[0\].options: invalid regex"),
        (("id: USR001", "id: usr-1"), r"\$.rules\[0\].id: 'usr-1' does not match"),
        (('{zh: "占位符{match}"', '{zh: "占位符{match.__class__}"'), r"bad placeholder"),
        (("    examples: {bad: [\"XX单位\"], good: [\"某单位\"]}\n", ""), r"'examples' is a required property"),
        (("rules:", "rules: [\n"), r"user.yaml:\d+:\d+: invalid YAML"),
    ],
)
def test_malformed_pack_names_file_rule_and_path(tmp_path, change, expected):
    old, new = change
    assert old in GOOD_RULE
    with pytest.raises(PackError, match=expected):
        load_packs([_pack(tmp_path, GOOD_RULE.replace(old, new))])


def test_duplicate_rule_id_across_packs_is_refused(tmp_path):
    with pytest.raises(PackError, match="USR001.*already defined"):
        load_packs([_pack(tmp_path, GOOD_RULE), _pack(tmp_path / ".." / tmp_path.name, GOOD_RULE)])


def test_yaml_is_loaded_safely(tmp_path):
    evil = "pack: !!python/object/apply:os.system ['echo pwned']\nrules: []\n"
    with pytest.raises(PackError, match="invalid YAML"):
        load_packs([_pack(tmp_path, evil)])


def test_validated_manifest_is_current():
    """perflint skips jsonschema for shipped packs listed here; refresh with: perflint check-packs --update-manifest."""
    from perflint.check.packs import MANIFEST, manifest

    recorded = json.loads((data_dir("schemas") / MANIFEST).read_text(encoding="utf-8"))
    assert recorded == manifest()


def test_a_changed_shipped_pack_is_validated_again(tmp_path, monkeypatch):
    import shutil

    import perflint.check.packs as packs

    rules = tmp_path / "rules"
    shutil.copytree(data_dir("rules"), rules)
    broken = (rules / "national.yaml").read_text(encoding="utf-8").replace("severity: warning", "severity: loud", 1)
    (rules / "national.yaml").write_text(broken, encoding="utf-8")
    monkeypatch.setattr(packs, "data_dir", lambda name: rules if name == "rules" else data_dir(name))
    with pytest.raises(PackError, match="loud"):
        read_pack(str(rules / "national.yaml"))


def test_a_user_pack_adds_the_words_of_its_forms_total_row(tmp_path):
    """A province whose forms close with 综合评分 says so in its pack, not in perflint's code."""
    from perflint.check.engine import lint_source
    from perflint.check.packs import select_rules
    from perflint.read.source import Source

    form = ("一级指标 | 二级指标 | 三级指标 | 指标值 | 完成值 | 分值 | 得分 |\n"
            "产出指标 | 数量指标 | 培训人次 | 500人次 | 520人次 | 60 | 60 |\n"
            "效益指标 | 社会效益 | 群众知晓率 | 90% | 95% | 40 | 40 |\n"
            "综合评分 | 100 | 95 |\n")

    def totals(ruleset):  # noqa: ANN001, ANN202
        return [f.position.line for f in lint_source(Source("form.txt", form), ruleset, select_rules(ruleset, ("TBL004",)))]

    assert totals(SHIPPED) == []  # 综合评分 is not a total word of the shipped packs
    user = _pack(tmp_path, "pack: province\nrules: []\ndocument:\n  total_rows: [综合评分]\n")
    assert totals(load_packs([*map(str, shipped_pack_paths()), user])) == [4]  # 95 written, 100 summed


def test_a_pack_adds_web_furniture_and_a_bad_pattern_there_is_named(tmp_path):
    # a province's site prints its own footer: a user pack adds it to the reader's vocabulary
    ruleset = load_packs([*shipped_pack_paths(), _pack(tmp_path, "pack: site\ndocument:\n  web_furniture: ['本站由.{0,20}维护']\nrules: []\n")])
    assert ruleset.vocabulary.web_furniture.match("本站由区政务服务数据管理局维护")
    assert ruleset.vocabulary.web_furniture.match("主办单位：某某区人民政府")  # the shipped ones stay
    with pytest.raises(PackError, match=r"\$.document.web_furniture"):
        load_packs([_pack(tmp_path, "pack: site\ndocument:\n  web_furniture: ['(unclosed']\nrules: []\n")])


def test_every_rule_description_is_whole():
    """A description ends as a sentence ends: an unquoted ' #' in YAML starts a comment and cut
    TBL006's at '显示 #DIV/0!' (the text perflint rule and the HTML page show)."""
    for rule in SHIPPED.rules:
        for lang, text in rule.description.items():
            assert text.rstrip().endswith(("。", ".", "）", ")", "”", '"', "！", "？")), (rule.id, lang, text[-30:])
