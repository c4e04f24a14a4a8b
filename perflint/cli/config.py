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
import tomllib
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
    lang: str = "zh"
    profile: str | None = None
    family: str | None = None
    shape: str | None = None
    packs: tuple[str, ...] = ()
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
            "packs": list(self.packs),
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
        try:
            if "perflint" in tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {}):
                return pyproject
        except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError):
            return pyproject  # let load_config report it
    return None


@functools.cache
def load_config(path: Path, _seen: tuple[Path, ...] = ()) -> Settings:
    """Settings from one file, after its ``extend`` chain."""
    if path in _seen:
        chain = " -> ".join(str(p) for p in (*_seen, path))
        raise ConfigError(f"{path}: 'extend' loops: {chain}")
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such configuration file") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    table = document.get("tool", {}).get("perflint", {}) if path.name == "pyproject.toml" else document
    _validate(path, table)
    base = Settings()
    if "extend" in table:
        parent = (path.parent / table["extend"]).resolve()
        base = load_config(parent, (*_seen, path))
    return _apply(base, table, path)


def _validate(path: Path, table: Mapping[str, Any]) -> None:
    import jsonschema  # deferred: needed only when a configuration exists

    schema = json.loads((data_dir("schemas") / "config.schema.json").read_text(encoding="utf-8"))
    error = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(schema).iter_errors(dict(table)))
    if error is not None:
        key = ".".join(str(p) for p in error.absolute_path) or (error.message.split("'")[1] if "'" in error.message else "")
        raise ConfigError(f"{path}: {'key ' + repr(key) + ': ' if key else ''}{error.message}")


def _apply(base: Settings, table: Mapping[str, Any], path: Path) -> Settings:
    updates: dict[str, Any] = {"source": str(path), "root": str(path.parent)}
    for key, attr in (("select", "select"), ("extend-select", "extend_select"), ("ignore", "ignore")):
        if key in table:
            updates[attr] = tuple(table[key])
    if "severity" in table:
        updates["severity"] = {**base.severity, **table["severity"]}
    if "per-file-ignores" in table:
        updates["per_file_ignores"] = {**base.per_file_ignores, **{k: tuple(v) for k, v in table["per-file-ignores"].items()}}
    for key, attr in (("fail-on", "fail_on"), ("lang", "lang"), ("profile", "profile"), ("family", "family"), ("shape", "shape")):
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


def split_ids(values: Sequence[str] | None) -> tuple[str, ...]:
    return tuple(part.strip() for value in values or () for part in value.split(",") if part.strip())
