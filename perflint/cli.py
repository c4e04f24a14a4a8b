"""The command line: arguments → rules → lint → render → exit status.

Exit status: 0 no finding at or above ``--fail-on``; 1 findings; 2 usage or
input error (one line on stderr naming the file and the reason); 130 when
interrupted.  Every command is a function returning an int.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from . import __version__
from .finding import Finding, Severity
from .packs import PackError, RuleSet, load_packs, load_shipped, shipped_pack_paths
from .source import InputError, Source

REPORT_SUFFIXES = (".txt", ".md")
FAMILIES = ("department", "project", "monitoring")


class UsageError(Exception):
    pass


def _split(values: Sequence[str] | None) -> list[str]:
    return [part.strip() for value in values or () for part in value.split(",") if part.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="perflint",
        description="Lint Chinese budget performance self-evaluation reports (绩效自评报告).",
        epilog="Also: 'perflint rules' lists every rule; 'perflint rule ID' explains one.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="report files, or directories of *.txt and *.md reports")
    parser.add_argument("--format", choices=("text", "concise", "json"), default="text", help="output format (default: text)")
    parser.add_argument("--select", action="append", metavar="IDS", help="rule ids, id prefixes or names to check (comma-separated); default: all")
    parser.add_argument("--extend-select", action="append", metavar="IDS", help="add to the selection")
    parser.add_argument("--ignore", action="append", metavar="IDS", help="rule ids, id prefixes or names to skip")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of messages (default: zh)")
    parser.add_argument(
        "--fail-on", choices=("error", "warning", "info"), default="warning",
        help="lowest severity that makes the exit status 1 (default: warning)",
    )
    parser.add_argument("--family", choices=FAMILIES, help="report family, instead of detecting it from the title")
    parser.add_argument("--pack", action="append", metavar="FILE", help="an extra rule pack (YAML) to load")
    parser.add_argument("--ambiguous-width", type=int, choices=(1, 2), default=1, help="cells for ambiguous-width characters such as “ ” … ≥ (default: 1)")
    parser.add_argument("--explain", action="store_true", help="with text output, show the tables behind a finding (problems against measures)")
    parser.add_argument("--version", action="version", version=f"perflint {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _quiet_encoding_errors()
    try:
        # subcommands win; lint a directory called "rules" as ./rules
        if argv and argv[0] in ("rules", "rule", "check-packs"):
            from .commands import main as commands_main

            return commands_main(argv)
        return lint_command(build_parser().parse_args(argv))
    except KeyboardInterrupt:
        print("perflint: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader of our output went away (perflint … | head): not an error
        sys.stderr.close()
        return 1


def load_ruleset(packs: Sequence[str] | None) -> RuleSet:
    if not packs:
        return load_shipped()
    return load_packs([str(p) for p in shipped_pack_paths()] + list(packs))


def lint_command(args: argparse.Namespace) -> int:
    from .engine import lint_source, select_rules
    from .formatters import FORMATTERS, Context

    if not args.paths:
        print("perflint: no PATH given (try: perflint report.txt, or perflint --help)", file=sys.stderr)
        return 2
    try:
        ruleset = load_ruleset(args.pack)
    except PackError as exc:
        print(f"perflint: {exc}", file=sys.stderr)
        return 2
    select = _split(args.select) or [""]
    rules = select_rules(ruleset, select + _split(args.extend_select), _split(args.ignore))

    status = 0
    findings: list[Finding] = []
    sources: dict[str, Source] = {}
    files = 0
    for path, error in _expand(args.paths):
        if error:
            print(f"perflint: {path}: {error}", file=sys.stderr)
            status = 2
            continue
        try:
            source = Source.from_path(path)
        except InputError as exc:
            print(f"perflint: {path}: {exc}", file=sys.stderr)
            status = 2
            continue
        files += 1
        sources[source.path] = source
        findings.extend(lint_source(source, ruleset, rules, family=args.family, lang=args.lang))

    context = Context(sources=sources, files=files, lang=args.lang, ambiguous_width=args.ambiguous_width, explain=args.explain)
    sys.stdout.write(FORMATTERS[args.format](findings, context))
    sys.stdout.flush()
    if status:
        return status
    threshold = Severity(args.fail_on).rank
    return 1 if any(f.severity.rank >= threshold for f in findings) else 0


def _expand(paths: Sequence[str]) -> Iterator[tuple[str, str | None]]:
    """Files to lint, in a stable order; a directory means its *.txt and *.md reports."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if p.suffix.lower() in REPORT_SUFFIXES and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                yield raw, "no reports (*.txt, *.md) in this directory"
            for p in found:
                yield str(p), None
        elif path.exists():
            yield raw, None
        else:
            yield raw, "no such file or directory"


def _quiet_encoding_errors() -> None:
    """A terminal that cannot show Chinese gets replacement characters, not a traceback."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding not in ("utf8", "gb18030", "utf16") and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
