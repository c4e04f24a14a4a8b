"""Subcommands about rules rather than reports.

``perflint rules``            a table of every rule
``perflint rule ID``          one rule explained, with a bad and a good example
``perflint check-packs [F]``  validate packs and prove every rule's examples (for pack authors)
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ..check.packs import PackError
from .config import locale_language


def main(argv: Sequence[str]) -> int:
    from ..check.packs import load_catalogue

    if argv[0] == "check-packs":
        return check_packs(argv[1:])
    parser = argparse.ArgumentParser(prog=f"perflint {argv[0]}")
    if argv[0] == "rule":
        parser.add_argument("rule", metavar="ID", help="a rule id or name, e.g. NUM001 or duplicate-ordinal")
    parser.add_argument("--lang", choices=("zh", "en"), help="language (default: from the locale, zh unless it asks for another)")
    parser.add_argument("--pack", action="append", metavar="FILE", help="an extra rule pack (YAML) to load")
    args = parser.parse_args(argv[1:])
    args.lang = args.lang or locale_language()
    try:
        ruleset = load_catalogue(args.pack)
    except PackError as exc:
        print(f"perflint: {exc}", file=sys.stderr)
        return 2
    if argv[0] == "rules":
        sys.stdout.write(rules_table(ruleset, args.lang) + "\n")
        return 0
    rule = ruleset.rule(args.rule)
    if rule is None:
        print(f"perflint: no rule '{args.rule}' (perflint rules lists them)", file=sys.stderr)
        return 2
    sys.stdout.write(explain(rule, args.lang))
    return 0


def rules_table(ruleset, lang: str) -> str:  # noqa: ANN001
    from tabulate import tabulate

    rows = [(r.id, r.name, r.kind, r.severity.value, ", ".join(r.families) or "all", r.citation or "") for r in ruleset.rules]
    headers = ("id", "name", "kind", "severity", "family", "citation")
    return tabulate(rows, headers=headers, tablefmt="simple")


def explain(rule, lang: str) -> str:  # noqa: ANN001
    other = "en" if lang == "zh" else "zh"
    lines = [f"{rule.id} ({rule.name})", ""]
    lines.append(f"kind: {rule.kind}    severity: {rule.severity.value}    pack: {rule.pack}")
    if rule.families:
        lines.append("families: " + ", ".join(rule.families))
    lines.append("")
    description = rule.description.get(lang) or rule.description.get(other)
    if description:
        lines += [description, ""]
    lines.append(("消息：" if lang == "zh" else "message: ") + rule.message.get(lang, rule.message["zh"]))
    if rule.citation:
        lines.append(("依据：" if lang == "zh" else "citation: ") + rule.citation)
    for label, key in (("bad", "bad"), ("good", "good")):
        examples = rule.examples.get(key) or []
        if examples:
            lines += ["", ("不合格示例：" if key == "bad" else "合格示例：") if lang == "zh" else f"{label} example:"]
            lines += ["    " + line for line in examples[0].rstrip("\n").split("\n")]
    return "\n".join(lines) + "\n"


def check_packs(argv: Sequence[str]) -> int:
    """Exit 0 when every pack validates and every rule's examples behave; 1 otherwise; 2 if malformed."""
    from ..check.engine import prove
    from ..check.packs import load_packs, shipped_pack_paths

    parser = argparse.ArgumentParser(prog="perflint check-packs")
    parser.add_argument("packs", nargs="*", metavar="FILE", help="packs to check (default: the shipped ones)")
    parser.add_argument("--update-manifest", action="store_true",
                        help="after a clean check, record the shipped packs' digests so perflint skips validating them at start-up")
    args = parser.parse_args(argv)
    shipped = [str(p) for p in shipped_pack_paths()]
    extra = [p for p in args.packs if p not in shipped]
    try:
        ruleset = load_packs(shipped + extra)
    except PackError as exc:
        print(f"perflint: {exc}", file=sys.stderr)
        return 2
    checked = [r for r in ruleset.rules if not args.packs or r.pack in _pack_names(args.packs)]
    failures = 0
    for rule in checked:
        for problem in prove(rule, ruleset):
            print(f"{rule.pack}: rule {rule.id}: {problem}")
            failures += 1
    print(f"{len(checked)} rules checked, {failures} example problems")
    if args.update_manifest and not failures:
        import json

        from ..check.packs import MANIFEST, data_dir, manifest
        from ..output.files import atomic_write

        for pack in shipped_pack_paths() + sorted((data_dir("rules") / "profiles").glob("*.yaml")):
            load_packs([str(p) for p in shipped_pack_paths()] + ([str(pack)] if "profiles" in pack.parts else []))
        atomic_write(data_dir("schemas") / MANIFEST, json.dumps(manifest(), indent=2) + "\n")
        print(f"updated {MANIFEST}")
    return 1 if failures else 0


def _pack_names(paths: Sequence[str]) -> set[str]:
    from ..check.packs import read_pack

    return {read_pack(p, validate=False)["pack"] for p in paths}
