"""The command line: arguments → settings → rules → lint → render → exit status.

Exit status: 0 no finding at or above the fail level; 1 findings (or stale
baseline entries); 2 usage or input error (one line on stderr naming the file
and the reason); 130 when interrupted.  Every command is a function returning
an int.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from ..check.finding import Finding, Severity
from ..check.packs import PackError, RuleSet, load_ruleset
from ..read.discovery import expand_paths
from ..read.documents import read_source
from ..read.source import InputError, Source
from ..version import __version__
from .config import ConfigError, Settings, profile_pack, settings_for, split_ids, with_overrides

FAMILIES = ("department", "project", "monitoring", "transfer", "evaluation")
SHAPE_CHOICES = ("auto", "report", "form", "report+form", "excerpt")
FORMATS = ("text", "concise", "json", "sarif", "github", "gitlab", "junit")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="perflint",
        description="Lint Chinese budget performance self-evaluation reports (绩效自评报告).",
        epilog="Also: 'perflint rules' lists every rule; 'perflint rule ID' explains one; 'perflint check-packs' proves packs.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="report files (.txt .md .docx .pdf), or directories of *.txt and *.md reports")
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    parser.add_argument("--output-file", "-o", metavar="FILE", help="write the output to FILE (atomically) instead of stdout")
    parser.add_argument("--statistics", action="store_true", help="print counts per rule instead of findings")
    parser.add_argument("--select", action="append", metavar="IDS", help="rule ids, id prefixes or names to check (comma-separated); default: all")
    parser.add_argument("--extend-select", action="append", metavar="IDS", help="add to the selection")
    parser.add_argument("--ignore", action="append", metavar="IDS", help="rule ids, id prefixes or names to skip")
    parser.add_argument("--lang", choices=("zh", "en"), help="language of messages (default: zh)")
    parser.add_argument("--fail-on", choices=("error", "warning", "info"), help="lowest severity that makes the exit status 1 (default: warning)")
    parser.add_argument("--family", choices=FAMILIES, help="report family, instead of detecting it from the title")
    parser.add_argument("--shape", choices=SHAPE_CHOICES, help="what the text is, instead of detecting it: a whole report, a form, a report with a form, or an excerpt (no whole-report checks)")
    parser.add_argument("--profile", metavar="NAME", help="a profile pack from rules/profiles (e.g. guangzhou-department)")
    parser.add_argument("--pack", action="append", metavar="FILE", help="an extra rule pack (YAML) to load")
    parser.add_argument("--config", metavar="FILE", help="use this configuration file instead of the closest one")
    parser.add_argument("--show-settings", action="store_true", help="print the settings that apply to PATH and exit")
    parser.add_argument("--baseline", metavar="FILE", help="report only findings not recorded in this baseline")
    parser.add_argument("--write-baseline", metavar="FILE", help="record the current findings in FILE and exit 0")
    parser.add_argument("-j", "--jobs", type=int, metavar="N", help="lint files in N processes (default: all cores; 1: no pool)")
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
    except (ConfigError, PackError) as exc:
        print(f"perflint: {exc}", file=sys.stderr)
        return 2


def _overrides(args: argparse.Namespace) -> dict:
    return {
        "select": split_ids(args.select) or None,
        "extend_select": split_ids(args.extend_select),
        "ignore": split_ids(args.ignore),
        "lang": args.lang,
        "fail_on": args.fail_on,
        "family": args.family,
        "shape": args.shape,
        "profile": args.profile,
        "packs": tuple(args.pack or ()),
    }


class Plan:
    """Settings → rule set and rules, computed once per configuration file."""

    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.overrides = _overrides(args)
        self._cache: dict[str | None, tuple[Settings, RuleSet, tuple]] = {}

    def for_path(self, path: str) -> tuple[Settings, RuleSet, tuple]:
        from .config import find_config

        config = str(Path(self.args.config).resolve()) if self.args.config else (str(c) if (c := find_config(path)) else None)
        if config not in self._cache:
            settings = with_overrides(settings_for(path, self.args.config), self.overrides)
            packs = tuple(settings.packs) + ((profile_pack(settings.profile),) if settings.profile else ())
            ruleset = load_ruleset(packs)
            self._cache[config] = (settings, ruleset, _rules(ruleset, settings))
        return self._cache[config]


def _rules(ruleset: RuleSet, settings: Settings) -> tuple:
    from ..check.engine import select_rules

    rules = select_rules(ruleset, tuple(settings.select) + tuple(settings.extend_select), settings.ignore)
    if settings.severity:
        rules = tuple(
            replace(r, severity=Severity(settings.severity.get(r.id) or settings.severity.get(r.name) or r.severity.value))
            for r in rules
        )
    return rules


def lint_command(args: argparse.Namespace) -> int:
    from ..output.formatters import FORMATTERS, Context

    if not args.paths:
        print("perflint: no PATH given (try: perflint report.txt, or perflint --help)", file=sys.stderr)
        return 2
    plan = Plan(args)
    if args.show_settings:
        return _show_settings(plan, args.paths)

    status = 0
    findings: list[Finding] = []
    sources: dict[str, Source] = {}
    documents: dict[str, object] = {}
    thresholds: dict[str, int] = {}
    used_rules: dict[str, object] = {}
    lang = args.lang or "zh"
    work: list[str] = []
    for path, error in expand_paths(args.paths):
        if error:
            print(f"perflint: {path}: {error}", file=sys.stderr)
            status = 2
            continue
        settings, _, rules = plan.for_path(path)
        lang = args.lang or settings.lang
        thresholds[path] = Severity(settings.fail_on).rank
        used_rules.update({r.id: r for r in rules})
        work.append(path)
    for path, source, found, error, info in _run(plan, work, args.jobs):
        if error:
            print(f"perflint: {path}: {error}", file=sys.stderr)
            status = 2
            continue
        sources[source.path] = source
        documents[source.path] = info
        thresholds[source.path] = thresholds[path]
        findings.extend(found)

    if args.write_baseline:
        from ..output.baseline import write

        count = write(args.write_baseline, findings)
        print(f"perflint: wrote {count} baseline entries for {len(findings)} findings to {args.write_baseline}", file=sys.stderr)
        return status
    stale: list[dict] = []
    if args.baseline:
        from ..output.baseline import BaselineError, apply

        try:
            result = apply(args.baseline, findings, sources)
        except BaselineError as exc:
            print(f"perflint: {exc}", file=sys.stderr)
            return 2
        findings, stale = result.new, result.stale
        for entry in stale:
            print(f"perflint: {args.baseline}: stale entry, no longer found: {entry['path']} [{entry['rule']}] "
                  f"{entry['text'][:30]} (x{entry['count']}); rewrite the baseline with --write-baseline", file=sys.stderr)

    context = Context(sources=sources, files=len(sources), lang=lang, ambiguous_width=args.ambiguous_width,
                      explain=args.explain, rules=tuple(sorted(used_rules.values(), key=lambda r: r.id)), documents=documents)
    output = FORMATTERS["statistics" if args.statistics else args.format](findings, context)
    if args.output_file:
        from ..output.files import atomic_write

        atomic_write(args.output_file, output)
    else:
        sys.stdout.write(output)
        sys.stdout.flush()
    if status:
        return status
    failing = any(f.severity.rank >= thresholds.get(f.path, 1) for f in findings)
    return 1 if failing or stale else 0


_PLAN: Plan | None = None  # the plan a forked worker inherits


def _lint_one(path: str) -> tuple[str, Source | None, list[Finding], str | None, object]:
    """Lint one file with the process's plan: (path, source, findings, input error, document info)."""
    from ..check.engine import lint_document, select_rules

    assert _PLAN is not None
    settings, ruleset, rules = _PLAN.for_path(path)
    try:
        source = read_source(path)
    except InputError as exc:
        return path, None, [], str(exc), None
    ignored = settings.ignored_for(path)
    if ignored:
        dropped = {r.id for r in select_rules(ruleset, ignored)}
        rules = tuple(r for r in rules if r.id not in dropped)
    lang = _PLAN.args.lang or settings.lang
    info, found = lint_document(source, ruleset, rules, family=settings.family, lang=lang, shape=settings.shape)
    return path, source, found, None, info


def _run(plan: Plan, paths: list[str], jobs: int | None) -> Iterator[tuple[str, Source | None, list[Finding], str | None, object]]:
    """Results in the order of ``paths``, from a pool of forked workers when there is work for it.

    Workers are forked after the rules are loaded and compiled, so they start
    with everything in memory; ``map`` keeps the output order deterministic.
    """
    import multiprocessing
    import os

    global _PLAN
    _PLAN = plan
    workers = min(jobs or os.cpu_count() or 1, len(paths))
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(_lint_one, paths)
        return
    from ..check.engine import lint_document  # noqa: F401 - import before forking

    context = multiprocessing.get_context("fork")
    with context.Pool(workers) as pool:
        try:
            yield from pool.imap(_lint_one, paths, chunksize=max(1, len(paths) // (workers * 8)))
        except KeyboardInterrupt:
            pool.terminate()
            raise



def _show_settings(plan: Plan, paths: Sequence[str]) -> int:
    import json

    for path in paths:
        settings, ruleset, rules = plan.for_path(path)
        shown = settings.as_dict()
        shown["path"] = path
        shown["rules"] = [f"{r.id}:{r.severity.value}" for r in rules]
        shown["packs-loaded"] = list(ruleset.paths)
        sys.stdout.write(json.dumps(shown, ensure_ascii=False, indent=2) + "\n")
    return 0



def _quiet_encoding_errors() -> None:
    """A terminal that cannot show Chinese gets replacement characters, not a traceback."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding not in ("utf8", "gb18030", "utf16") and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
