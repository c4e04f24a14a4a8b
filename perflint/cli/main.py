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
from typing import TYPE_CHECKING

from ..check.finding import Finding, Severity
from ..check.packs import PackError, RuleSet, load_catalogue, select_rules
from ..output.fixes import Fixed
from ..read import regex_cache
from ..read.discovery import expand_paths
from ..read.documents import read_source
from ..read.source import InputError, Source, read_limited
from ..version import __version__
from .config import ConfigError, Settings, check_selectors, locale_language, profile_pack, settings_for, split_ids, with_overrides

if TYPE_CHECKING:
    from ..check.remembered import Entry, FindingsCache

FAMILIES = ("department", "project", "monitoring", "transfer", "evaluation")
SHAPE_CHOICES = ("auto", "report", "form", "report+form", "excerpt")
FORMATS = ("text", "concise", "json", "sarif", "github", "gitlab", "junit", "html")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="perflint",
        description="Lint Chinese budget performance self-evaluation reports (绩效自评报告).",
        epilog="Also: 'perflint rules' lists every rule; 'perflint rule ID' explains one; 'perflint check-packs' proves packs.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="report files (.txt .md .docx .xlsx .pdf), folders of them, or - for standard input")
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    parser.add_argument("--output-file", "-o", metavar="FILE", help="write the output to FILE (atomically) instead of stdout")
    parser.add_argument("--statistics", action="store_true", help="print counts per rule instead of findings")
    parser.add_argument("--select", action="append", metavar="IDS", help="rule ids, id prefixes or names to check (comma-separated); default: all")
    parser.add_argument("--extend-select", action="append", metavar="IDS", help="add to the selection")
    parser.add_argument("--ignore", action="append", metavar="IDS", help="rule ids, id prefixes or names to skip")
    parser.add_argument("--lang", choices=("zh", "en"), help="language of messages (default: the configuration's, else the locale's: zh unless it asks for another)")
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
    parser.add_argument("--timeout", type=float, default=60.0, metavar="SECONDS",
                        help="time budget of one file: a file that takes longer is reported on stderr and skipped (default: 60; 0: none)")
    parser.add_argument("--ambiguous-width", type=int, choices=(1, 2), default=1, help="cells for ambiguous-width characters such as “ ” … ≥ (default: 1)")
    parser.add_argument("--explain", action="store_true", help="with text output, show the tables behind a finding (problems against measures)")
    parser.add_argument("--stdin-filename", metavar="NAME",
                        help="the name of the report read from standard input (-): shown in findings; its suffix chooses the reader and its folder the configuration")
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings (a file that cannot be read still exits 2)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print the findings only: no summary line, no notes on standard error")
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                        help="colour in text output (default: auto: in a terminal, unless NO_COLOR is set; FORCE_COLOR forces it)")
    parser.add_argument("--show-files", action="store_true", help="print the files that would be linted, and exit")
    parser.add_argument("--fix", action="store_true",
                        help="apply the safe fixes (conversion debris, listed typos, a character doubled across a page break) to .txt and .md files, then report what remains")
    parser.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff, apply the unsafe fixes too (typos that need a reader's eye)")
    parser.add_argument("--diff", action="store_true", help="print the fixes as a unified diff instead of writing them (exit 1 if there is any)")
    parser.add_argument("--annotate", action="store_true",
                        help="write a copy of each Word report with every finding as a comment on its text: report.perflint.docx (the original is not touched)")
    parser.add_argument("--annotate-dir", metavar="DIR", help="with --annotate, write the copies into DIR instead of beside the originals")
    parser.add_argument("--cache", action="store_true",
                        help="remember each file's findings and reuse them while the file, the packs, the settings and perflint are unchanged")
    parser.add_argument("--no-cache", action="store_true",
                        help="no cache: read the rule packs and the configuration, compile the patterns, and lint every file afresh (also PERFLINT_NO_CACHE=1)")
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
        status = lint_command(build_parser().parse_args(argv))
        regex_cache.save()  # what this run compiled, for the next (unless --no-cache)
        return status
    except KeyboardInterrupt:
        print("perflint: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader of our output went away (perflint … | head): stop quietly, as cat does
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
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
        "cache": args.cache or None,
    }


class Plan:
    """Settings → rules, computed once per configuration file.

    Rules are chosen from the rule set's catalogue (check/packs.py): the rule set itself,
    with the grammar and every kind, is loaded only when a file is linted, so a run whose
    files are all empty, unreadable or remembered (--cache) never loads it."""

    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.overrides = _overrides(args)
        self._cache: dict[str | None, tuple[Settings, RuleSet, tuple]] = {}
        self._remembered: dict[int, FindingsCache | None] = {}
        self.caching = False  # some file's settings ask for --cache: look findings up before linting

        self.stdin: Source | InputError | None = None

    def for_path(self, path: str) -> tuple[Settings, RuleSet, tuple]:
        from .config import find_config

        config = str(Path(self.args.config).resolve()) if self.args.config else (str(c) if (c := find_config(path)) else None)
        if config not in self._cache:
            configured = settings_for(path, self.args.config)
            settings = with_overrides(configured, self.overrides)
            packs = tuple(settings.packs) + ((profile_pack(settings.profile),) if settings.profile else ())
            ruleset = load_catalogue(packs, cached=not self.args.no_cache)
            if config is not None:
                check_selectors(ruleset, configured, config)
            self._cache[config] = (settings, ruleset, _rules(ruleset, settings))
            self.caching = self.caching or (settings.cache and not self.args.no_cache)
        return self._cache[config]

    def findings_cache(self, settings: Settings, ruleset: RuleSet) -> FindingsCache | None:
        """Where this run remembers findings (--cache or ``cache = true``), or None."""
        if not settings.cache or self.args.no_cache:
            return None
        if id(ruleset) not in self._remembered:
            from ..check.remembered import FindingsCache

            self._remembered[id(ruleset)] = FindingsCache.for_ruleset(ruleset.paths)
        return self._remembered[id(ruleset)]

    def used_caches(self) -> list[FindingsCache]:
        return [c for c in self._remembered.values() if c is not None]

    def check_command_line(self) -> None:
        """The packs, profile and selectors given on the command line, checked once before any
        file: a typo there is one error, not one per file."""
        overrides = self.overrides
        packs = tuple(overrides["packs"]) + ((profile_pack(overrides["profile"]),) if overrides["profile"] else ())
        ruleset = load_catalogue(packs, cached=not self.args.no_cache)
        given = {k: v for k, v in overrides.items() if k in ("select", "extend_select", "ignore") and v}
        check_selectors(ruleset, replace(Settings(), **given), None)

    def read_stdin(self) -> None:
        """Standard input is read once, in this process, before any worker starts."""
        from ..read.documents import read_stdin

        try:
            self.stdin = read_stdin(self.args.stdin_filename or "-")
        except InputError as exc:
            self.stdin = exc


    def load_checks(self) -> None:
        """Load every rule set a file may be linted with, before workers are forked from
        this process (each would load its own otherwise)."""
        for _, ruleset, _ in self._cache.values():
            ruleset.loaded()


def _rules(ruleset: RuleSet, settings: Settings) -> tuple:
    rules = select_rules(ruleset, tuple(settings.select) + tuple(settings.extend_select), settings.ignore)
    if settings.severity:
        rules = tuple(
            replace(r, severity=Severity(settings.severity.get(r.id) or settings.severity.get(r.name) or r.severity.value))
            for r in rules
        )
    return rules


def lint_command(args: argparse.Namespace) -> int:
    from ..output.formatters import FORMATTERS, Context

    if not args.paths and args.stdin_filename:
        args.paths = ["-"]
    if not args.paths:
        print("perflint: no PATH given (try: perflint report.txt, or perflint --help)", file=sys.stderr)
        return 2
    from ..check.prepared import enable

    enable(not args.no_cache)
    plan = Plan(args)
    plan.check_command_line()
    if args.show_settings:
        return _show_settings(plan, args.paths)

    problems: list[tuple[str, str]] = []

    def problem(path: str, reason: str) -> None:
        print(f"perflint: {path}: {reason}", file=sys.stderr)
        problems.append((path, reason))

    work: list[str] = []
    for path, error in expand_paths(args.paths):
        if error:
            problem(path, error)
        elif path not in work:
            work.append(path)
    if args.show_files:
        for path in work:
            sys.stdout.write(f"{_shown_name(path, args)}\n")
        return 2 if problems else 0
    refused = _output_over_input(args, work)
    if refused:
        print(f"perflint: {refused}", file=sys.stderr)
        return 2

    findings: list[Finding] = []
    sources: dict[str, Source] = {}
    documents: dict[str, object] = {}
    thresholds: dict[str, int] = {}
    used_rules: dict[str, object] = {}
    lang = args.lang or locale_language()
    runnable: list[str] = []
    for path in work:
        try:
            settings, _, rules = plan.for_path(_config_path(path, args))
        except (ConfigError, PackError) as exc:
            problem(_shown_name(path, args), f"not linted: {exc}")
            continue
        lang = args.lang or settings.lang or locale_language()
        thresholds[_shown_name(path, args)] = Severity(settings.fail_on).rank
        used_rules.update({r.id: r for r in rules})
        runnable.append(path)
    if "-" in runnable:
        plan.read_stdin()
    from .progress import Progress

    keep_texts = _needs_texts(args)
    streamed = _streamed(args)
    color = _use_color(args) and args.format in ("text", "concise") and not args.statistics
    part_context = Context(lang=lang, ambiguous_width=args.ambiguous_width, explain=args.explain, quiet=True, color=color)
    progress = Progress(len(runnable), lang, quiet=args.quiet)
    try:
        for path, source, found, error, info in _run(plan, runnable, args.jobs):
            progress.advance(len(found))
            if error:
                progress.close()
                problem(_shown_name(path, args), error)
                continue
            if streamed and found:
                # this file's findings now, the summary at the end: the first findings of a long
                # run show at once, and no text is kept for later
                progress.close()
                if not _emit(FORMATTERS[args.format](found, replace(part_context, sources={source.path: source}))):
                    return 2
            # formats that print only findings need no text: memory stays flat in the number of files
            sources[source.path] = source if keep_texts and not streamed else Source(source.path, "", source.encoding)
            documents[source.path] = info
            for note in info.errors:
                progress.close()
                problem(source.path, note)
            findings.extend(found)
    finally:
        progress.close()
    for remembered in plan.used_caches():
        remembered.prune()

    if args.diff:
        return _print_diffs(args, sources, findings)
    if args.fix:
        findings = _fix_files(args, sources, documents, findings, problem)

    if args.annotate or args.annotate_dir:
        _annotate(args, sources, findings, lang, problem)

    if args.write_baseline:
        from ..output.baseline import BaselineError, write
        from ..output.files import WriteError

        try:
            count = write(args.write_baseline, findings, sources)
        except (BaselineError, WriteError) as exc:
            print(f"perflint: {exc}", file=sys.stderr)
            return 2
        if not args.quiet:
            print(f"perflint: wrote {count} baseline entries for {len(findings)} findings to {args.write_baseline}", file=sys.stderr)
        return 2 if problems else 0
    stale: list[dict] = []
    if args.baseline:
        from ..output.baseline import BaselineError, apply

        try:
            result = apply(args.baseline, findings, sources)
        except BaselineError as exc:
            print(f"perflint: {exc}", file=sys.stderr)
            return 2
        findings, stale = result.new, result.stale
        if not args.quiet:
            for entry in stale:
                print(f"perflint: {args.baseline}: stale entry, no longer found: {entry['path']} [{entry['rule']}] "
                      f"{entry['text'][:30]} (x{entry['count']}); rewrite the baseline with --write-baseline", file=sys.stderr)

    context = Context(sources=sources, files=len(sources), lang=lang, ambiguous_width=args.ambiguous_width,
                      explain=args.explain, rules=tuple(sorted(used_rules.values(), key=lambda r: r.id)), documents=documents,
                      fail_on=thresholds, problems=tuple(problems), stale=len(stale), quiet=args.quiet, color=color)
    if streamed:
        from ..output.formatters.text import summary

        output = "" if args.quiet or args.format == "github" else summary(findings, context) + "\n"
    else:
        output = FORMATTERS["statistics" if args.statistics else args.format](findings, context)
    if args.output_file:
        from ..output.files import WriteError, atomic_write

        try:
            atomic_write(args.output_file, output)
        except WriteError as exc:
            print(f"perflint: {exc}", file=sys.stderr)
            return 2
    elif not _emit(output):
        return 2
    if problems:
        return 2
    if args.exit_zero:
        return 0
    return 1 if stale or any(context.fails(f) for f in findings) else 0


def _shown_name(path: str, args: argparse.Namespace) -> str:
    """The name a file is reported under: standard input as --stdin-filename (or -)."""
    return (args.stdin_filename or "-") if path == "-" else path


def _config_path(path: str, args: argparse.Namespace) -> str:
    """Where to look for the configuration of a file: standard input's is its --stdin-filename's."""
    return (args.stdin_filename or str(Path.cwd() / "-")) if path == "-" else path


def _use_color(args: argparse.Namespace) -> bool:
    """--color, then NO_COLOR (https://no-color.org), then FORCE_COLOR, then: is standard output
    a terminal?  (The order CPython follows for its own colours.)"""
    import os

    if args.color != "auto":
        return args.color == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR", "") not in ("", "0", "false"):
        return True
    if args.output_file or os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(sys.stdout, "isatty", None)
    return bool(isatty and isatty())


def _output_over_input(args: argparse.Namespace, work: Sequence[str]) -> str:
    """A report must never be overwritten by perflint's own output: refuse an output or
    baseline path that names one of the files being linted (after links)."""
    from ..output.files import same_file

    for flag, target in (("--output-file", args.output_file), ("--write-baseline", args.write_baseline)):
        if not target or not Path(target).exists():
            continue
        if any(path != "-" and same_file(target, path) for path in work):
            return f"{target}: {flag} names a file being linted; refusing to overwrite it"
    return ""


_PLAN: Plan | None = None  # the plan a forked worker inherits


def _by_path(findings: list[Finding]) -> dict[str, list[Finding]]:
    grouped: dict[str, list[Finding]] = {}
    for f in findings:
        grouped.setdefault(f.path, []).append(f)
    return grouped


#: Formats whose output is each file's findings in turn, then (text, concise) the summary line.
STREAMED_FORMATS = ("text", "concise", "github")


def _streamed(args: argparse.Namespace) -> bool:
    """Whether findings are printed file by file as the run goes: a streamed format on
    standard output, with nothing that needs all findings first (fixes, a baseline, statistics)."""
    return (args.format in STREAMED_FORMATS and not args.statistics and not args.output_file and not args.fix
            and not args.diff and not args.annotate and not args.annotate_dir and not args.baseline
            and not args.write_baseline)


def _emit(text: str) -> bool:
    """Write to standard output now; False (after saying why) when it cannot be written."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        print(f"perflint: cannot write to standard output: {exc.strerror or exc}", file=sys.stderr)
        return False
    return True


def _needs_texts(args: argparse.Namespace) -> bool:
    """Whether anything after linting reads the texts: snippets (text), whole texts (html),
    positions of fixes and PDF pages (json, sarif), fixes, annotations, baselines."""
    return (args.format in ("text", "json", "sarif", "html") or args.explain or args.fix or args.diff
            or args.annotate or bool(args.annotate_dir) or bool(args.baseline) or bool(args.write_baseline))


def _fixes_by_file(sources: dict[str, Source], findings: list[Finding], args: argparse.Namespace) -> Iterator[tuple[Source, Fixed]]:
    """(source, what --fix makes of it) for every file with a fix that applies; a file that is
    not changed in place gets a note on stderr (not an error)."""
    from ..output.fixes import NotFixable, fix_text

    stdin = _PLAN.stdin if _PLAN is not None else None
    by_path = _by_path(findings)
    for path, source in sources.items():
        if args.annotate and path.lower().endswith(".docx"):
            continue  # its fixes become tracked changes in the annotated copy
        try:
            # what came from standard input is never written to the file it is named after
            fixed = fix_text(source, by_path.get(path, []), args.unsafe_fixes, from_stdin=source is stdin)
        except NotFixable as exc:
            if not args.quiet:
                print(f"perflint: {path}: {exc}", file=sys.stderr)
            continue
        if fixed is not None:
            yield source, fixed


def _print_diffs(args: argparse.Namespace, sources: dict[str, Source], findings: list[Finding]) -> int:
    """--diff: the unified diff of every fix that would apply; exit 1 if there is one."""
    diffs = [fixed.diff() for _, fixed in _fixes_by_file(sources, findings, args)]
    sys.stdout.write("".join(diffs))
    if not args.quiet:
        print(f"perflint: {len(diffs)} file(s) would be changed" if diffs else "perflint: no fixes apply", file=sys.stderr)
    return 1 if diffs else 0


def _fix_files(args: argparse.Namespace, sources: dict[str, Source], documents: dict[str, object],
               findings: list[Finding], problem) -> list[Finding]:  # noqa: ANN001
    """--fix: write each file's fixes (atomically, in its own encoding), lint it again, and
    return the findings with the fixed files' replaced by what remains in them."""
    from ..output.files import WriteError, atomic_write
    from ..output.fixes import NotFixable, encoded

    fixed_files, fixed_count = 0, 0
    for source, fixed in list(_fixes_by_file(sources, findings, args)):
        try:
            atomic_write(source.path, encoded(source.path, fixed.before, fixed.after))
        except NotFixable as exc:
            problem(source.path, str(exc))
            continue
        except WriteError as exc:
            problem(source.path, f"not fixed: {exc}")
            continue
        path, new_source, found, error, info = _lint_one(source.path)
        if error or new_source is None:
            problem(source.path, error or "cannot read it after fixing")
            continue
        findings = [f for f in findings if f.path != source.path] + found
        sources[source.path], documents[source.path] = new_source, info
        fixed_files += 1
        fixed_count += fixed.count
    findings.sort(key=Finding.sort_key)
    if not args.quiet:
        print(f"perflint: fixed {fixed_count} finding(s) in {fixed_files} file(s)", file=sys.stderr)
    return findings


def _annotate(args: argparse.Namespace, sources: dict[str, Source], findings: list[Finding], lang: str, problem) -> None:  # noqa: ANN001
    """--annotate: a commented copy of every Word report linted, written atomically; the
    original is only read, and a copy never replaces a file that is not perflint's copy."""
    from ..output.annotate import annotate, annotated_name
    from ..output.files import WriteError, atomic_write

    by_path = _by_path(findings)
    words = [path for path in sources if path.lower().endswith(".docx") and Path(path).is_file()]
    if not words and not args.quiet:
        print("perflint: --annotate: no Word (.docx) reports among the files linted", file=sys.stderr)
    inputs = {Path(p).resolve() for p in sources if p != "-"}
    for path in words:
        target = Path(annotated_name(path))
        if args.annotate_dir:
            target = Path(args.annotate_dir) / target.name
        if target.resolve() in inputs:
            problem(path, f"not annotated: {target} is one of the files being linted")
            continue
        try:
            data, count, changes = annotate(path, by_path.get(path, []), lang, sources[path], fix=args.fix, unsafe=args.unsafe_fixes)
            atomic_write(target, data)
        except WriteError as exc:
            problem(path, f"not annotated: {exc}")
            continue
        except Exception as exc:  # a Word file python-docx reads but cannot write back: the others go on
            problem(path, f"not annotated: {type(exc).__name__}: {exc}")
            continue
        if not args.quiet:
            tracked = f", {changes} tracked change{'s' if changes != 1 else ''}" if args.fix else ""
            print(f"perflint: wrote {target} ({count} comment{'s' if count != 1 else ''}{tracked})", file=sys.stderr)


class TimeBudget(Exception):
    """A file took longer than its time budget (``--timeout``)."""


def _lint_one(path: str) -> tuple[str, Source | None, list[Finding], str | None, object]:
    """Lint one file with the process's plan: (path, source, findings, error, document info).

    Nothing a file does ends the run: an unreadable file, a rule that fails on
    it and a file that takes longer than its time budget each become an error
    for that file (exit status 2 at the end), and the other files are linted.
    """
    assert _PLAN is not None
    try:
        return _within(_PLAN.args.timeout, lambda: _lint_file(path))
    except InputError as exc:
        return path, None, [], str(exc), None
    except TimeBudget:
        return path, None, [], f"gave up after {_PLAN.args.timeout:g} s (the time budget of a file; --timeout to change it)", None
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as exc:  # a bug of perflint's must not cost the other files their findings
        return path, None, [], f"internal error ({type(exc).__name__}: {exc}); please report it", None


def _lint_file(path: str) -> tuple[str, Source | None, list[Finding], str | None, object]:
    assert _PLAN is not None
    settings, ruleset, rules, lang = _file_rules(path)
    looked_up = _look_up(path, settings, ruleset, rules, lang)
    if path == "-":
        if isinstance(_PLAN.stdin, InputError):
            raise _PLAN.stdin
        assert _PLAN.stdin is not None
        source = _PLAN.stdin
    elif looked_up is not None:
        remembered, key, data, entry = looked_up
        if entry is not None:
            return _kept(path, *entry)
        source = read_source(path, data)
    else:
        source = read_source(path)
    from ..check.engine import lint_document  # after the read: an empty or unreadable file needs no rules

    info, found = lint_document(source, ruleset, rules, family=settings.family, lang=lang, shape=settings.shape)
    if looked_up is not None:
        remembered.store(key, source, found, info)
    return _kept(path, source, found, info)


def _look_up(path: str, settings: Settings, ruleset: RuleSet, rules: tuple, lang: str) -> tuple[FindingsCache, str, bytes, Entry | None] | None:
    """(the cache, the file's key, its bytes, what is stored under the key) when this file's
    findings are remembered (--cache); None when they are not (standard input never is)."""
    assert _PLAN is not None
    remembered = _PLAN.findings_cache(settings, ruleset) if path != "-" else None
    if remembered is None:
        return None
    data = read_limited(path)
    key = remembered.key(path, data, rules, settings.family, settings.shape, lang)
    return remembered, key, data, remembered.load(key, path, data)


def _file_rules(path: str) -> tuple[Settings, RuleSet, tuple, str]:
    """The settings, rule set, rules (after per-file-ignores) and language of one file."""
    assert _PLAN is not None
    settings, ruleset, rules = _PLAN.for_path(_config_path(path, _PLAN.args))
    ignored = settings.ignored_for(_shown_name(path, _PLAN.args))
    if ignored:
        dropped = {r.id for r in select_rules(ruleset, ignored)}
        rules = tuple(r for r in rules if r.id not in dropped)
    return settings, ruleset, rules, _PLAN.args.lang or settings.lang or locale_language()


def _remembered(path: str) -> tuple[str, Source | None, list[Finding], str | None, object] | None:
    """A file's result as an earlier run stored it (--cache), looked up before any worker
    starts: a run whose files are all unchanged forks no pool.  Anything amiss (an unreadable
    file) is left to the lint, which reports it."""
    try:
        looked_up = _look_up(path, *_file_rules(path))
    except (InputError, OSError, ConfigError, PackError):
        return None
    entry = looked_up[3] if looked_up is not None else None
    return _kept(path, *entry) if entry is not None else None


def _kept(path: str, source: Source, found: list[Finding], info: object) -> tuple[str, Source | None, list[Finding], str | None, object]:
    assert _PLAN is not None
    if not _needs_texts(_PLAN.args):
        source = Source(source.path, "", source.encoding)  # from a worker, the text would only be pickled to be dropped
    return path, source, found, None, info


def _within(seconds: float | None, work):  # noqa: ANN001, ANN202
    """Run ``work`` under a SIGALRM time budget (where there are signals and this is the main thread)."""
    import signal
    import threading

    if not seconds or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        return work()

    def expire(signum, frame):  # noqa: ANN001, ARG001
        raise TimeBudget

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return work()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _worker_init() -> None:
    """A worker leaves Ctrl-C to the main process, which stops the pool and exits 130 quietly."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run(plan: Plan, paths: list[str], jobs: int | None) -> Iterator[tuple[str, Source | None, list[Finding], str | None, object]]:
    """Results in the order of ``paths``, from a pool of forked workers when there is work for it.

    Workers are forked after the rules are loaded and compiled, so they start
    with everything in memory; ``imap`` keeps the output order deterministic.
    """
    global _PLAN
    _PLAN = plan
    remembered = {path: found for path in paths if plan.caching and (found := _remembered(path)) is not None}
    linted = _lint_all([path for path in paths if path not in remembered], jobs)
    try:
        for path in paths:
            yield remembered[path] if path in remembered else next(linted)
    finally:
        linted.close()  # a run that stops early (Ctrl-C, a closed pipe) stops the pool now


def _lint_all(paths: list[str], jobs: int | None) -> Iterator[tuple[str, Source | None, list[Finding], str | None, object]]:
    import os

    workers = min(jobs or os.cpu_count() or 1, len(paths))
    if workers <= 1:
        yield from map(_lint_one, paths)
        return
    import multiprocessing  # only for a pool: ≈ 4 ms of start-up

    if "fork" not in multiprocessing.get_all_start_methods():
        yield from map(_lint_one, paths)
        return
    import gc

    from ..check.engine import lint_document  # noqa: F401 - import before forking

    assert _PLAN is not None
    _PLAN.load_checks()

    # what the workers inherit (modules, rules, compiled patterns) is left out of their
    # collections, which would otherwise touch, and so copy, every page of it (3-5 % of a
    # 200-file run on 2 cores); the main process collects it normally once the pool is done
    gc.freeze()
    context = multiprocessing.get_context("fork")
    pool = context.Pool(workers, initializer=_worker_init)
    try:
        yield from pool.imap(_lint_one, paths, chunksize=max(1, len(paths) // (workers * 8)))
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()
        gc.unfreeze()


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
