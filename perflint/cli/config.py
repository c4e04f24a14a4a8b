"""Configuration: ``[tool.perflint]`` in pyproject.toml, or ``.perflint.toml``.

The closest configuration above a linted file wins (ruff's rule); ``extend``
names another file to inherit from, whose keys the nearer file overrides.
Settings are validated against schemas/config.schema.json; a bad key or value
is a ``ConfigError`` naming the file and the key.  Command-line options
override the file.
"""

from __future__ import annotations

import fnmatch
import functools
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..check.packs import data_dir


class ConfigError(Exception):
    """A configuration perflint cannot use; the message is one line."""


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] = ("",)
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    fail_on: str = "warning"
    lang: str | None = None  # None: from the locale (zh unless it asks for another language)
    profile: str | None = None
    family: str | None = None
    shape: str | None = None
    packs: tuple[str, ...] = ()
    cache: bool = False  # remember each file's findings (check/remembered.py)
    source: str | None = None  # the file these settings came from
    root: str | None = None  # its directory: per-file-ignores globs are relative to it

    def ignored_for(self, path: str) -> tuple[str, ...]:
        """Rules ignored for one file by ``per-file-ignores``."""
        rel = _relative(path, self.root)
        found: list[str] = []
        for pattern, rules in self.per_file_ignores.items():
            if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(Path(rel).name, pattern):
                found += rules
        return tuple(found)

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source, "select": list(self.select), "extend-select": list(self.extend_select),
            "ignore": list(self.ignore), "severity": dict(self.severity),
            "per-file-ignores": {k: list(v) for k, v in self.per_file_ignores.items()},
            "fail-on": self.fail_on, "lang": self.lang, "profile": self.profile, "family": self.family,
            "shape": self.shape or "auto",
            "packs": list(self.packs), "cache": self.cache,
        }


def _relative(path: str, root: str | None) -> str:
    p = Path(path).resolve()
    if root:
        try:
            return p.relative_to(Path(root)).as_posix()
        except ValueError:
            pass
    return Path(path).as_posix()


def find_config(path: str | Path) -> Path | None:
    """The closest .perflint.toml, or pyproject.toml with [tool.perflint], at or above ``path``."""
    start = Path(path).resolve()
    directory = start if start.is_dir() else start.parent
    for folder in (directory, *directory.parents):
        found = _config_in(folder)
        if found is not None:
            return found
    return None


@functools.cache
def _config_in(folder: Path) -> Path | None:
    dotfile = folder / ".perflint.toml"
    if dotfile.is_file():
        return dotfile
    pyproject = folder / "pyproject.toml"
    if pyproject.is_file():
        data = _read(pyproject)
        if data is not None and b"perflint" not in data:
            # another project's file: the word is written in any tool.perflint table, however
            # spelled ([tool] perflint = …, a quoted key); not parsed (tomllib costs ≈ 10 ms)
            return None
        try:
            document = _parse(pyproject, data)
        except ConfigError:
            # Somebody else's broken pyproject.toml is not ours to report, unless it
            # names us: then the user meant it to configure perflint.
            if data is not None and b"tool.perflint" in data:
                raise
            return None
        tool = document.get("tool")
        if isinstance(tool, dict) and "perflint" in tool:
            return pyproject
    return None


def _read(path: Path) -> bytes | None:
    """A configuration file's bytes; None when it cannot be read (the parser then says why)."""
    from ..read.source import InputError, read_limited

    try:
        return read_limited(path, MAX_CONFIG_BYTES)
    except (InputError, OSError):
        return None


#: A configuration file is a few hundred bytes; anything past this is not one.
MAX_CONFIG_BYTES = 1024 * 1024


#: How far ``extend`` may chain: a real project has one or two levels.
MAX_EXTENDS = 32


@functools.cache
def load_config(path: Path) -> Settings:
    """Settings from one file, after its ``extend`` chain (followed without recursion, bounded)."""
    chain: list[tuple[Path, Mapping[str, Any]]] = []
    current: Path | None = path
    while current is not None:
        if any(current == seen for seen, _ in chain):
            names = " -> ".join(str(p) for p, _ in chain) + f" -> {current}"
            raise ConfigError(f"{path}: 'extend' loops: {names}")
        if len(chain) >= MAX_EXTENDS:
            raise ConfigError(f"{path}: 'extend' chains more than {MAX_EXTENDS} files")
        table = _table(current)
        _validate(current, table)
        chain.append((current, table))
        current = (current.parent / table["extend"]).resolve() if "extend" in table else None
    settings = Settings()
    for file, table in reversed(chain):
        settings = _apply(settings, table, file)
    return settings


def _parse(path: Path, data: bytes | None = None) -> dict[str, Any]:
    """The TOML document in ``path`` (``data``: its bytes, when they were read already)."""
    import tomllib  # only where a configuration file exists

    from ..read.source import InputError, read_limited

    try:
        return tomllib.loads((data if data is not None else read_limited(path, MAX_CONFIG_BYTES)).decode("utf-8"))
    except InputError as exc:
        reason = "no such configuration file" if str(exc) == "no such file" else f"cannot read: {exc}"
        raise ConfigError(f"{path}: {reason}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: cannot read: not UTF-8 ({exc.reason} at byte {exc.start})") from None
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML: nested too deeply") from None


def _table(path: Path) -> Mapping[str, Any]:
    document = _parse(path)
    if path.name != "pyproject.toml":
        return document
    tool = document.get("tool", {})
    if not isinstance(tool, dict) or not isinstance(tool.get("perflint", {}), dict):
        raise ConfigError(f"{path}: key 'tool.perflint': must be a table")
    return tool.get("perflint", {})


def _validate(path: Path, table: Mapping[str, Any]) -> None:
    """Check a configuration against schemas/config.schema.json; a table found valid before
    (same content, same schema) is not checked again: jsonschema is a quarter of start-up."""
    from ..check.prepared import digest, known_valid, record_valid

    schema_text = (data_dir("schemas") / "config.schema.json").read_bytes()
    try:
        content = json.dumps(table, sort_keys=True, ensure_ascii=False, default=repr).encode()
    except (RecursionError, ValueError):
        content = None  # nested too deeply, or a cycle: jsonschema says so below
    verdict = digest(b"config", schema_text, content) if content is not None else None
    if verdict is not None and known_valid(verdict):
        return
    import jsonschema  # deferred: needed only for a configuration not seen before

    schema = json.loads(schema_text)
    try:
        error = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(schema).iter_errors(dict(table)))
    except RecursionError:
        raise ConfigError(f"{path}: values nested too deeply") from None
    if error is not None:
        key = ".".join(str(p) for p in error.absolute_path) or (error.message.split("'")[1] if "'" in error.message else "")
        raise ConfigError(f"{path}: {'key ' + repr(key) + ': ' if key else ''}{error.message}")
    if verdict is not None:
        record_valid(verdict)


def _apply(base: Settings, table: Mapping[str, Any], path: Path) -> Settings:
    updates: dict[str, Any] = {"source": str(path), "root": str(path.parent)}
    for key, attr in (("select", "select"), ("extend-select", "extend_select"), ("ignore", "ignore")):
        if key in table:
            updates[attr] = tuple(table[key])
    if "severity" in table:
        updates["severity"] = {**base.severity, **table["severity"]}
    if "per-file-ignores" in table:
        updates["per_file_ignores"] = {**base.per_file_ignores, **{k: tuple(v) for k, v in table["per-file-ignores"].items()}}
    for key, attr in (("fail-on", "fail_on"), ("lang", "lang"), ("profile", "profile"), ("family", "family"), ("shape", "shape"),
                      ("cache", "cache")):
        if key in table:
            updates[attr] = table[key]
    if "packs" in table:
        updates["packs"] = base.packs + tuple(str((path.parent / p).resolve()) for p in table["packs"])
    return replace(base, **updates)


def settings_for(path: str, explicit: str | None = None) -> Settings:
    """The settings that apply to one linted file (``--config`` wins over discovery)."""
    config = Path(explicit).resolve() if explicit else find_config(path)
    return load_config(config) if config else Settings()


def with_overrides(settings: Settings, overrides: Mapping[str, Any]) -> Settings:
    """Command-line options over the file's settings; None means not given."""
    given = {k: v for k, v in overrides.items() if v not in (None, (), [])}
    if "packs" in given:
        given["packs"] = settings.packs + tuple(given["packs"])
    if "extend_select" in given:
        given["extend_select"] = settings.extend_select + tuple(given["extend_select"])
    if "ignore" in given:
        given["ignore"] = settings.ignore + tuple(given["ignore"])
    return replace(settings, **given)


def profile_pack(name: str) -> str:
    path = data_dir("rules") / "profiles" / f"{name}.yaml"
    if not path.is_file():
        available = sorted(p.stem for p in (data_dir("rules") / "profiles").glob("*.yaml"))
        raise ConfigError(f"profile '{name}': no such profile (available: {', '.join(available) or 'none'})")
    return str(path)


def check_selectors(ruleset: Any, settings: Settings, where: str | None) -> None:
    """A selector that matches no rule is an error, not a silent no-op (``--select NMU``):
    ids, id prefixes and names in select, extend-select, ignore, per-file-ignores and severity,
    named with where they were written (a file, or None for the command line) and the
    closest rule, as ruff does."""
    ids = [r.id for r in ruleset.rules]
    names = [r.name for r in ruleset.rules]

    def known(key: str, exact: bool) -> bool:
        if key in names or key.upper() in ids:
            return True
        return not exact and (key == "" or key.upper() == "ALL" or any(i.startswith(key.upper()) for i in ids))

    def hint(key: str, exact: bool) -> str:
        import difflib  # only for a selector that matches nothing

        family = key.upper().rstrip("0123456789")
        members = [i for i in ids if i.rstrip("0123456789") == family]
        if members and family != key.upper():
            return f"; the {family} rules are {', '.join(members)}"
        close = difflib.get_close_matches(key.upper() if key.isalnum() else key, ids + names, n=1, cutoff=0.6)
        if not close and not exact:
            close = difflib.get_close_matches(key.upper(), sorted({i.rstrip("0123456789") for i in ids}), n=1, cutoff=0.5)
        return f"; did you mean {close[0]}?" if close else "; 'perflint rules' lists them"

    def check(option: str, keys: Sequence[str], exact: bool = False) -> None:
        for key in keys:
            if not known(key, exact):
                what = "a rule id or name" if exact else "a rule id, prefix or name"
                place = f"--{option}" if where is None else f"{where}: {option}"
                raise ConfigError(f"{place}: {key!r} is not {what}{hint(key, exact)}")

    check("select", [k for k in settings.select if k])
    check("extend-select", settings.extend_select)
    check("ignore", settings.ignore)
    for pattern, keys in settings.per_file_ignores.items():
        check(f"per-file-ignores {pattern!r}", keys)
    check("severity", list(settings.severity), exact=True)


def locale_language(environ: Mapping[str, str] | None = None) -> str:
    """The messages' language when neither --lang nor a configuration sets it: zh, unless the
    locale (LC_ALL, LC_MESSAGES, LANG, then GNU's LANGUAGE list) names another language, for
    which English is given.  C and POSIX name none."""
    import os

    env = os.environ if environ is None else environ
    locale = next((env[name] for name in ("LC_ALL", "LC_MESSAGES", "LANG") if env.get(name)), "")
    code = locale.split(".")[0].split("@")[0].split("_")[0].lower()
    if code in ("", "c", "posix"):
        return "zh"
    first = (env.get("LANGUAGE") or "").split(":")[0]
    code = first.split(".")[0].split("_")[0].lower() or code
    return "zh" if code == "zh" else "en"


def split_ids(values: Sequence[str] | None) -> tuple[str, ...]:
    return tuple(part.strip() for value in values or () for part in value.split(",") if part.strip())
