"""Rule packs: load YAML, validate against schemas/, build Rules once per process.

A malformed pack is a ``PackError`` whose message names the file, the line
and column, the rule id and the JSON path of the problem.  jsonschema is
imported only when a pack is validated.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .finding import Severity

# compiled as usual: imported before --no-cache is read (see read/source.py)
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")


class PackError(Exception):
    """A rule pack perflint cannot use; the message is one line."""


def data_dir(name: str) -> Path:
    """``rules`` or ``schemas``: inside the installed package, or beside it in a checkout."""
    package = Path(__file__).resolve().parent.parent
    installed = package / name
    return installed if installed.is_dir() else package.parent / name


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    kind: str
    severity: Severity
    message: Mapping[str, str]
    options: Mapping[str, Any]
    prepared: Any = field(repr=False, compare=False)
    description: Mapping[str, str] = field(default_factory=dict)
    citation: str = ""
    families: tuple[str, ...] = ()
    examples: Mapping[str, Sequence[str]] = field(default_factory=dict)
    pack: str = ""
    shapes: tuple[str, ...] = ()  # the shapes of text it applies to (report, form…); () for all
    whole: bool | str = False  # a requirement about a whole report: not judged on a cut-off text ("end": cut at its end)

    def render(self, data: Mapping[str, Any], lang: str) -> str:
        """The message in ``lang`` with {placeholders} filled from ``data``."""
        template = self.message.get(lang) or self.message["zh"]
        return _PLACEHOLDER.sub(lambda m: _show(data.get(m.group(1), "")), template)


def _show(value: Any) -> str:
    return format(value, "f") if hasattr(value, "as_tuple") else str(value)


@dataclass(frozen=True)
class Family:
    name: str
    label: Mapping[str, str]
    title: tuple[str, ...]
    sections: tuple[str, ...]


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    families: tuple[Family, ...]
    paths: tuple[str, ...] = ()
    labels: Any = None  # facts.Labels built from every pack's label table
    terms: Any = None  # terms.Terms built from every pack's term table
    vocabulary: Any = None  # vocabulary.Vocabulary: what the reader needs from the packs
    is_catalogue: bool = False  # see catalogue()

    def catalogue(self) -> RuleSet:
        """The rules as data alone (ids, names, severities, messages, families), without their
        compiled checks, labels, terms and vocabulary, whose classes import the grammar and
        every kind: enough to choose rules, key the findings cache and print findings.  A run
        that lints nothing (every file empty, unreadable or remembered) loads only this."""
        return RuleSet(tuple(replace(r, prepared=None) for r in self.rules), self.families, self.paths, is_catalogue=True)

    def loaded(self) -> RuleSet:
        """The rule set with what checking needs: itself, or the one this catalogue lists."""
        return _loaded_for(self.paths) if self.is_catalogue else self

    def checking(self, rules: Sequence[Rule] | None) -> tuple[RuleSet, Sequence[Rule] | None]:
        """What the engine runs for ``rules`` chosen from this rule set or its catalogue: the
        loaded rule set, and the same rules with their checks, at the severities chosen."""
        loaded = self.loaded()
        if rules is None or loaded is self:
            return loaded, rules
        by_id = {r.id: r for r in loaded.rules}
        return loaded, tuple(by_id[r.id] if by_id[r.id].severity is r.severity else replace(by_id[r.id], severity=r.severity)
                             for r in rules)

    def rule(self, key: str) -> Rule | None:
        for rule in self.rules:
            if key in (rule.id, rule.name):
                return rule
        return None

    def detect_family(self, title: str, headings: Iterable[str]) -> str | None:
        """The family whose title cue appears in the title, else whose section cue heads a section."""
        from ..model.textnorm import fold

        squashed = re.sub(r"\s+", "", fold(title))
        for family in self.families:
            if any(cue in squashed for cue in family.title):
                return family.name
        titles = [re.sub(r"\s+", "", fold(h)) for h in headings]
        for family in self.families:
            if any(cue in t for cue in family.sections for t in titles):
                return family.name
        return None


def shipped_pack_paths() -> list[Path]:
    return sorted(data_dir("rules").glob("*.yaml"))


MANIFEST = "validated-packs.json"


def _digest(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


@functools.cache
def _schemas_digest() -> str:
    schemas = data_dir("schemas")
    return _digest(b"".join(p.read_bytes() for p in sorted(schemas.rglob("*.schema.json"))))


def manifest() -> dict[str, Any]:
    """The digests of shipped packs already validated against these schemas (by the test suite)."""
    return {
        "schemas": _schemas_digest(),
        "packs": {p.relative_to(data_dir("rules")).as_posix(): _digest(p.read_bytes())
                  for p in sorted(data_dir("rules").rglob("*.yaml"))},
    }


@functools.cache
def _validated() -> dict[str, Any]:
    try:
        return json.loads((data_dir("schemas") / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _known_valid(path: str, text: str) -> bool:
    """A shipped pack whose bytes and schemas are exactly those the suite validated: skip jsonschema."""
    rules_dir = data_dir("rules")
    try:
        name = Path(path).resolve().relative_to(rules_dir.resolve()).as_posix()
    except ValueError:
        return False
    recorded = _validated()
    return (recorded.get("schemas") == _schemas_digest()
            and recorded.get("packs", {}).get(name) == _digest(text.encode("utf-8")))


@functools.cache
def load_shipped(cached: bool = True) -> RuleSet:
    """The shipped packs, loaded once per process (from the prepared copy of an earlier run
    when there is one, see check/prepared.py)."""
    return load_ruleset((), cached)


def load_ruleset(packs: Sequence[str] | None, cached: bool = True) -> RuleSet:
    """The shipped packs plus extra ones (a user's, a profile), loaded once per process per set."""
    return _load_with(tuple(str(p) for p in packs or ()), cached)


def load_catalogue(packs: Sequence[str] | None, cached: bool = True) -> RuleSet:
    """The catalogue (see ``RuleSet.catalogue``) of what ``load_ruleset`` loads, stored apart by
    the first run, so that a later one reads it without loading the rule set itself."""
    return _catalogue_with(tuple(str(p) for p in packs or ()), cached)


@functools.cache
def _loaded_for(paths: tuple[str, ...]) -> RuleSet:
    """The rule set loaded from ``paths`` (found once per process: linting asks per file)."""
    shipped = {str(p) for p in shipped_pack_paths()}
    return _load_with(tuple(p for p in paths if p not in shipped), True)


def _pack_paths(extra: tuple[str, ...]) -> list[str]:
    shipped = [str(p) for p in shipped_pack_paths()]
    return shipped + [p for p in extra if p not in shipped]


def _load_with(extra: tuple[str, ...], cached: bool) -> RuleSet:
    """The rule set of the shipped packs and ``extra``, built once per process: ``cached`` says
    only how the first call builds it (from the prepared copy or from the YAML), so that a
    --no-cache run that chose its rules from the catalogue does not build it a second time."""
    ruleset = _LOADED.get(extra)
    if ruleset is None:
        from .prepared import prepared

        paths = _pack_paths(extra)
        ruleset = prepared(paths, load_packs, key=_prepared_key(tuple(paths))) if cached else load_packs(paths)
        _LOADED[extra] = ruleset
    return ruleset


_LOADED: dict[tuple[str, ...], RuleSet] = {}


@functools.cache
def _catalogue_with(extra: tuple[str, ...], cached: bool) -> RuleSet:
    from .prepared import CATALOGUE_PREFIX, prepared

    if not cached:
        return _load_with(extra, cached).catalogue()
    paths = _pack_paths(extra)
    return prepared(paths, lambda _: _load_with(extra, cached).catalogue(), CATALOGUE_PREFIX, _prepared_key(tuple(paths)))


def _prepared_key(paths: tuple[str, ...]) -> str | None:
    """The key the rule set and its catalogue are stored under, computed once for both (it
    reads the packs and stats perflint's files: ≈ 1 ms); None when nothing is stored."""
    from .prepared import cache_dir

    return _key_of(paths) if cache_dir() is not None else None


@functools.cache
def _key_of(paths: tuple[str, ...]) -> str | None:
    from .prepared import packs_key

    return packs_key(paths)


def select_rules(ruleset: RuleSet, select: Iterable[str] = ("",), ignore: Iterable[str] = ()) -> tuple[Rule, ...]:
    """Rules chosen by id prefix or name; the longest matching prefix wins (flake8, ruff).

    ``--ignore NUM --select NUM001`` keeps NUM001 alone of the NUM family.
    """
    select, ignore = list(select), list(ignore)

    def strength(rule: Rule, keys: list[str]) -> int:
        best = -1
        for key in keys:
            if key == rule.name:
                best = max(best, 1000)
            elif key.upper() == "ALL":
                best = max(best, 0)
            elif rule.id.startswith(key.upper()):
                best = max(best, len(key))
        return best

    chosen = []
    for rule in ruleset.rules:
        s, i = strength(rule, select), strength(rule, ignore)
        if s >= 0 and s > i:
            chosen.append(rule)
    return tuple(chosen)


def load_packs(paths: Sequence[str], validate: bool = True) -> RuleSet:
    from ..model.facts import Labels
    from ..model.terms import Terms

    rules: list[Rule] = []
    concepts: dict[str, dict[str, Any]] = {}
    stopwords: list[str] = []
    families: dict[str, Family] = {}
    labels: dict[str, list[str]] = {}
    not_labels: list[str] = []
    document: dict[str, list[str]] = {}
    seen: dict[str, str] = {}
    by_id: dict[str, Rule] = {}
    loaded: list[str] = []
    parents: dict[str, str | None] = {}
    for path in paths:
        pack, trusted = read_pack(path, validate, report_trust=True)
        for name, synonyms in (pack.get("labels") or {}).items():
            labels.setdefault(name, []).extend(s for s in synonyms if s not in labels.get(name, []))
        not_labels += [w for w in pack.get("not_labels") or () if w not in not_labels]
        for key, words in (pack.get("document") or {}).items():
            if isinstance(words, dict):
                merged = document.setdefault(key, {})
                for name, variants in words.items():
                    merged.setdefault(name, [])
                    merged[name] += [v for v in variants if v not in merged[name]]
                continue
            document.setdefault(key, [])
            document[key] += [w for w in words if w not in document[key]]
        term_table = pack.get("terms") or {}
        for name, spec in (term_table.get("concepts") or {}).items():
            merged = concepts.setdefault(name, {"synonyms": []})
            merged["synonyms"] += [w for w in spec.get("synonyms", ()) if w not in merged["synonyms"]]
            merged.update({k: v for k, v in spec.items() if k != "synonyms"})
        stopwords += term_table.get("stopwords") or []
        for name, spec in (pack.get("families") or {}).items():
            families.setdefault(name, Family(name, spec["label"], tuple(spec["title"]), tuple(spec.get("sections", ()))))
        base = pack.get("extends")
        if base is not None and base not in loaded:
            raise PackError(f"{path}: extends '{base}', which is not loaded (loaded: {', '.join(loaded) or 'none'})")
        for i, spec in enumerate(pack["rules"]):
            with _trust(trusted):
                rule = _build_rule(path, pack["pack"], spec, i)
            previous = by_id.get(rule.id)
            if previous is not None and base is not None and previous.pack in _ancestry(base, parents):
                rules.remove(previous)  # a profile overrides its base's rule
            else:
                for key in (spec["id"], spec["name"]):
                    if key in seen:
                        raise PackError(f"{path}: rule {spec['id']}: '{key}' is already defined in {seen[key]}")
            seen[spec["id"]] = seen[spec["name"]] = path
            by_id[rule.id] = rule
            rules.append(rule)
        loaded.append(pack["pack"])
        parents[pack["pack"]] = base
    rules.sort(key=lambda r: r.id)
    return RuleSet(tuple(rules), tuple(families.values()), tuple(paths), Labels.build(labels, not_labels),
                   Terms.build(concepts, stopwords), _vocabulary(document, paths))


def _vocabulary(document: Mapping[str, Sequence[str]], paths: Sequence[str]) -> Any:
    """The reader's vocabulary from the packs' ``document:`` tables."""
    from ..model.textnorm import title_key
    from ..model.vocabulary import Vocabulary
    from .saferegex import safe_regex

    closing = document.get("closing_lines") or ()
    try:
        closing_lines = safe_regex("|".join(f"(?:{c})" for c in closing)) if closing else None
    except (ValueError, re.error) as exc:
        raise PackError(f"{', '.join(paths)}: $.document.closing_lines: {exc}") from None
    furniture = document.get("web_furniture") or ()
    try:
        web_furniture = safe_regex("|".join(f"(?:{c})" for c in furniture)) if furniture else None
    except (ValueError, re.error) as exc:
        raise PackError(f"{', '.join(paths)}: $.document.web_furniture: {exc}") from None
    return Vocabulary(
        report_titles=tuple(document.get("report_titles") or ()),
        form_titles=tuple(document.get("form_titles") or ()),
        form_headers=tuple(document.get("form_headers") or ()),
        form_labels=tuple(document.get("form_labels") or ()),
        closing_sections=tuple(title_key(w) for w in document.get("closing_sections") or ()),
        closing_lines=closing_lines,
        web_furniture=web_furniture,
        score_labels=tuple(document.get("score_labels") or ()),
        total_rows=tuple(document.get("total_rows") or ()),
        subtotal_rows=tuple(document.get("subtotal_rows") or ()),
        funds_rows=tuple(document.get("funds_rows") or ()),
        columns={variant: name for name, variants in (document.get("form_columns") or {}).items() for variant in [name, *variants]},
    )


def _ancestry(name: str | None, parents: dict[str, str | None]) -> list[str]:
    """A pack and the packs it extends, nearest first (a loop cannot form: a base must load first)."""
    chain = []
    while name is not None and name not in chain:
        chain.append(name)
        name = parents.get(name)
    return chain


#: A pack is a few hundred rules: anything bigger, deeper or more aliased is hostile.
MAX_PACK_BYTES = 4 * 1024 * 1024
MAX_YAML_NODES = 200_000
MAX_YAML_DEPTH = 64


def _trust(trusted: bool) -> Any:
    import contextlib

    from .saferegex import trusted as trusting

    return trusting() if trusted else contextlib.nullcontext()


def read_pack(path: str, validate: bool = True, report_trust: bool = False) -> Any:
    from ..read.source import InputError, read_limited

    try:
        text = read_limited(path, MAX_PACK_BYTES).decode("utf-8")
    except InputError as exc:
        reason = "no such rule pack" if str(exc) == "no such file" else f"cannot read rule pack: {exc}"
        raise PackError(f"{path}: {reason}") from None
    except UnicodeDecodeError as exc:
        raise PackError(f"{path}: cannot read rule pack: not UTF-8 ({exc.reason} at byte {exc.start})") from None
    data = load_yaml(text, path)
    if not isinstance(data, dict):
        raise PackError(f"{path}: a rule pack is a mapping with 'pack' and 'rules'")
    known = _known_valid(path, text)
    if validate and not known:
        _validate(path, text, data)
    return (data, known) if report_trust else data


def load_yaml(text: str, path: str) -> Any:
    """Safe YAML whose expanded size and depth are bounded before anything is built from it:
    aliases that multiply (a billion laughs) and 20,000 nested lists are refused, not walked."""
    import yaml  # only when a pack is read: a prepared rule set (check/prepared.py) needs none

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        size, depth = _measure(node)
        if size > MAX_YAML_NODES:
            raise PackError(f"{path}: YAML expands to more than {MAX_YAML_NODES} values (aliases that multiply?)")
        if depth > MAX_YAML_DEPTH:
            raise PackError(f"{path}: YAML nested more than {MAX_YAML_DEPTH} levels deep")
        return loader.construct_document(node)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else path
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise PackError(f"{where}: invalid YAML: {problem}") from None
    except RecursionError:
        raise PackError(f"{path}: YAML nested more than {MAX_YAML_DEPTH} levels deep") from None
    finally:
        loader.dispose()


def _measure(root: Any) -> tuple[int, int]:
    """(values the document expands to, nesting depth), without expanding aliases: each node's
    size is computed once and shared by every alias to it."""
    size: dict[int, int] = {}
    depth: dict[int, int] = {}
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if key in size:
            continue
        children = _children(node)
        if done or not children:
            size[key] = 1 + sum(size.get(id(c), 0) for c in children)
            depth[key] = 1 + max((depth.get(id(c), 0) for c in children), default=0)
            if size[key] > MAX_YAML_NODES:
                return size[key], depth[key]
            continue
        stack.append((node, True))
        stack.extend((c, False) for c in children if id(c) not in size)
    return size[id(root)], depth[id(root)]


def _children(node: Any) -> list[Any]:
    import yaml

    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _validate(path: str, text: str, data: dict[str, Any]) -> None:
    import jsonschema  # deferred: ~100 ms of start-up, needed only here

    validator = _validator()
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is None:
        return
    location = list(error.absolute_path)
    rule = ""
    if len(location) >= 2 and location[0] == "rules" and isinstance(location[1], int):
        spec = data["rules"][location[1]]
        rule_id = spec.get("id") if isinstance(spec, dict) else None
        rule = f" rule {rule_id}:" if rule_id else f" rules[{location[1]}]:"
    json_path = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in location)
    raise PackError(f"{_where(path, text, location)}:{rule} {json_path}: {error.message}")


def _where(path: str, text: str, location: list[Any]) -> str:
    """path:line:col of the YAML node at a JSON path (as far as it exists)."""
    import yaml

    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return path
    for key in location:
        if isinstance(node, yaml.MappingNode):
            found = next((v for k, v in node.value if k.value == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            found = node.value[key]
        else:
            found = None
        if found is None:
            break
        node = found
    if node is None:
        return path
    return f"{path}:{node.start_mark.line + 1}:{node.start_mark.column + 1}"


@functools.cache
def _validator() -> Any:
    import jsonschema
    from referencing import Registry, Resource

    schemas = data_dir("schemas")
    resources = []
    for file in sorted(schemas.rglob("*.schema.json")):
        contents = json.loads(file.read_text(encoding="utf-8"))
        resources.append((contents["$id"], Resource.from_contents(contents)))
    registry = Registry().with_resources(resources)
    pack_schema = json.loads((schemas / "pack.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(pack_schema, registry=registry)


def _build_rule(path: str, pack: str, spec: Mapping[str, Any], index: int) -> Rule:
    from .kinds import KINDS

    rule_id = spec["id"]
    kind = KINDS.get(spec["kind"])
    if kind is None:
        raise PackError(f"{path}: rule {rule_id}: $.rules[{index}].kind: unknown kind '{spec['kind']}'")
    for lang, template in spec["message"].items():
        for name in _PLACEHOLDER.findall(template):
            if not _IDENTIFIER.match(name):
                raise PackError(f"{path}: rule {rule_id}: $.rules[{index}].message.{lang}: bad placeholder {{{name}}}")
    options = spec.get("options") or {}
    try:
        prepared = kind.prepare(options)
    except re.error as exc:
        raise PackError(f"{path}: rule {rule_id}: $.rules[{index}].options: invalid regex: {exc}") from None
    except RecursionError:
        raise PackError(f"{path}: rule {rule_id}: $.rules[{index}].options: nested too deeply") from None
    except (KeyError, TypeError, ValueError) as exc:
        raise PackError(f"{path}: rule {rule_id}: $.rules[{index}].options: {exc}") from None
    return Rule(
        id=rule_id,
        name=spec["name"],
        kind=spec["kind"],
        severity=Severity(spec["severity"]),
        message=spec["message"],
        options=options,
        prepared=prepared,
        description=spec.get("description") or {},
        citation=spec.get("citation", ""),
        families=tuple(spec.get("families", ())),
        examples=spec.get("examples") or {},
        pack=pack,
        shapes=tuple(spec.get("shapes", ())),
        whole=spec.get("whole", False),
    )
