"""``perflint rules`` (a table of every rule) and ``perflint rule ID`` (one rule explained)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .packs import PackError


def main(argv: Sequence[str]) -> int:
    from .cli import load_ruleset

    parser = argparse.ArgumentParser(prog=f"perflint {argv[0]}")
    if argv[0] == "rule":
        parser.add_argument("rule", metavar="ID", help="a rule id or name, e.g. NUM001 or duplicate-ordinal")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    parser.add_argument("--pack", action="append", metavar="FILE", help="an extra rule pack (YAML) to load")
    args = parser.parse_args(argv[1:])
    try:
        ruleset = load_ruleset(args.pack)
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
