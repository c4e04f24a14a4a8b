"""perflint's benchmark: whole-process timings, side by side with the peers measured in the same run.

    python benchmarks/run.py --install-peers   # once: AutoCorrect, zhlint, textlint (npm) and proselint (pip)
    python benchmarks/run.py                   # the full run
    python benchmarks/run.py --quick           # a bounded run (the test suite runs it)
    python benchmarks/run.py --linearity       # a 5 MB and a 50 MB report: cost per byte
    python benchmarks/run.py --shapes          # reports of unusual shapes at two sizes: cost per byte

Corpora, built in a temporary folder (perflint-benchmark) at every run: the five seeds
copied 40 times (200 files), the same text as one large file, one seed, an empty
file, and a folder of Word and Excel 自评表 written from the forms of the test suite
(rows of real corpus forms).  Every figure is the median of several whole-process
runs; memory is the peak resident set of one run (``wait4``).  The peers are
installed under benchmarks/peers/ (ignored by git) and run on the same files in the
same session; a peer that is not installed is printed as "not measured".  The floor
is a Python process that reads the same bytes and runs one regular expression over
them: no linter can be faster than reading its input.
"""

from __future__ import annotations

import argparse
import functools
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
PEERS = ROOT / "benchmarks" / "peers"
#: Outside the repository: perflint honours the .gitignore above a folder it is given.
WORK = Path(tempfile.gettempdir()) / "perflint-benchmark"
NODE_PACKAGES = ("autocorrect-node", "zhlint", "textlint", "textlint-rule-ja-space-between-half-and-full-width")
FLOOR = ("import re, sys, pathlib\n"
         "pattern = re.compile(r'[0-9]+(?:[.][0-9]+)?%|执行率|得分')\n"
         "paths = [p for a in sys.argv[1:] for p in (sorted(pathlib.Path(a).rglob('*.txt')) if pathlib.Path(a).is_dir() else [pathlib.Path(a)])]\n"
         "print(sum(len(pattern.findall(p.read_text(encoding='utf-8'))) for p in paths))\n")


@dataclass
class Corpus:
    many: Path
    large: Path
    one: Path
    empty: Path
    forms: Path | None

    @property
    def many_files(self) -> list[Path]:
        return sorted(self.many.iterdir())


def build(folder: Path, copies: int, form_copies: int) -> Corpus:
    if folder.exists():
        shutil.rmtree(folder)
    many = folder / "many"
    many.mkdir(parents=True)
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    for i in range(copies):
        for seed, text in zip(SEEDS, texts, strict=True):
            (many / f"{seed.stem}_{i:03d}.txt").write_text(text, encoding="utf-8")
    large = folder / "large.txt"
    large.write_text("\n\n".join(texts * copies), encoding="utf-8")
    one = folder / "one.txt"
    shutil.copy(SEEDS[0], one)
    empty = folder / "empty.txt"
    empty.write_text("", encoding="utf-8")
    return Corpus(many, large, one, empty, _forms(folder / "forms", form_copies))


def _forms(folder: Path, copies: int) -> Path | None:
    """Word and Excel 自评表, written by the test suite's form writers (python-docx, openpyxl)."""
    sys.path.insert(0, str(ROOT))
    try:
        from tests.forms import DEPARTMENT, PROJECT, write_docx, write_xlsx
    except ImportError:  # the test extras are not installed
        return None
    folder.mkdir(parents=True)
    for i in range(copies):
        for name, form in (("project", PROJECT), ("department", DEPARTMENT)):
            write_docx(form, folder / f"{name}_{i:03d}.docx")
            write_xlsx(form, folder / f"{name}_{i:03d}.xlsx")
    return folder


class TooSlow(Exception):
    """A run exceeded the time limit and was stopped."""


def measure(command: list[str], repeat: int, env: dict[str, str] | None = None, ok: tuple[int, ...] = (0, 1),
            limit: float = 300) -> tuple[float, int]:
    """Median wall time (s) and the largest peak RSS (MB) of ``command`` over ``repeat`` runs;
    TooSlow when one run takes longer than ``limit`` seconds (it is stopped)."""
    times, peak = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=WORK)
        timer = threading.Timer(limit, process.kill)
        timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        times.append(time.perf_counter() - start)
        stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
        if process.stderr:
            process.stderr.close()
        if times[-1] >= limit:
            raise TooSlow(f"> {limit:.0f} s (stopped)")
        if process.returncode not in ok:
            raise SystemExit(f"{command[0]} failed ({process.returncode}): {stderr[-500:]}")
        peak = max(peak, usage.ru_maxrss // 1024)
    return statistics.median(times), peak


@dataclass
class Tool:
    name: str
    command: Callable[[list[Path], bool], list[str]] | None  # (paths, all cores) → argv; None: not installed
    why_not: str = ""
    parallel: bool = False  # uses every core by itself


def perflint_tool() -> Tool:
    env_python = sys.executable

    def command(paths: list[Path], all_cores: bool) -> list[str]:
        jobs = str(os.cpu_count() or 1) if all_cores else "1"
        return [env_python, "-m", "perflint", "--format", "concise", "-j", jobs, *map(str, paths)]

    return Tool("perflint (Python)", command)


def peers() -> list[Tool]:
    tools = []
    bin_dir = PEERS / "node_modules" / ".bin"
    missing = "not measured: run benchmarks/run.py --install-peers"

    def node(name: str, label: str, argv: Callable[[list[Path]], list[str]], parallel: bool = False) -> Tool:
        if not (bin_dir / name).exists():
            return Tool(label, None, missing)
        return Tool(label, lambda paths, _all: [str(bin_dir / name), *argv(paths)], parallel=parallel)

    tools.append(node("autocorrect", "AutoCorrect (Rust, npm autocorrect-node)", lambda p: ["--lint", *map(str, p)], parallel=True))
    # zhlint takes glob patterns relative to the working directory
    tools.append(node("zhlint", "zhlint (Node)", lambda p: [str(x.relative_to(WORK)) + ("/*.txt" if x.is_dir() else "") for x in p]))
    rc = PEERS / "textlintrc.json"
    tools.append(node("textlint", "textlint (Node, one CJK spacing rule)",
                      lambda p: ["--config", str(rc), "--rules-base-directory", str(PEERS / "node_modules"),
                                 *(str(x / "*.txt") if x.is_dir() else str(x) for x in p)]))
    proselint = PEERS / "venv" / "bin" / "proselint"
    if proselint.exists():
        def prose(paths: list[Path], _all: bool) -> list[str]:
            files = [str(f) for x in paths for f in (sorted(x.glob("*.txt")) if x.is_dir() else [x])]
            return [str(proselint), "check", *files] if _proselint_has_check(proselint) else [str(proselint), *files]
        tools.append(Tool("proselint (Python, English rules)", prose))
    else:
        tools.append(Tool("proselint (Python, English rules)", None, missing))
    return tools


@functools.cache
def _proselint_has_check(binary: Path) -> bool:
    """proselint ≥ 0.14 lints with `proselint check FILES`, older ones with `proselint FILES`: asked once."""
    result = subprocess.run([str(binary), "--help"], capture_output=True, text=True)
    return " check" in result.stdout


def install_peers() -> int:
    """npm packages and a proselint virtual environment under benchmarks/peers (ignored by git)."""
    PEERS.mkdir(parents=True, exist_ok=True)
    (PEERS / "textlintrc.json").write_text('{"rules": {"ja-space-between-half-and-full-width": {"space": "never"}}}\n')
    npm = shutil.which("npm")
    if npm is None:
        print("npm not found: the Node peers stay unmeasured", file=sys.stderr)
    else:
        subprocess.run([npm, "install", "--prefix", str(PEERS), "--no-audit", "--no-fund", "--silent", *NODE_PACKAGES], check=True)
    venv = PEERS / "venv"
    if not (venv / "bin" / "python").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "proselint"], check=True)
    print(f"peers installed in {PEERS.relative_to(ROOT)}")
    return 0


def size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else path.stat().st_size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small corpora, one run each (for the test suite)")
    parser.add_argument("--copies", type=int, default=40, help="copies of the five seeds (default 40: 200 files)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure (median)")
    parser.add_argument("--linearity", action="store_true", help="time a 5 MB and a 50 MB report built from the seeds and the corpus")
    parser.add_argument("--shapes", action="store_true",
                        help="time reports of unusual shapes (one paragraph of 其中 lists, thousands of headings...) at two sizes")
    parser.add_argument("--install-peers", action="store_true", help="install the peers under benchmarks/peers and stop")
    options = parser.parse_args()
    if options.install_peers:
        return install_peers()
    if options.linearity:
        return linearity()
    if options.shapes:
        return shapes(quick=options.quick)
    copies, repeat, form_copies = (2, 1, 2) if options.quick else (options.copies, options.repeat, 25)
    corpus = build(WORK, copies, form_copies)
    cores = os.cpu_count() or 1
    mb = size(corpus.many) / 1e6
    count = len(corpus.many_files)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    from tabulate import tabulate

    rows, ratios = [], []
    mine = perflint_tool()
    warm_up(mine, corpus, env)
    results: dict[str, tuple[float, float, float, float]] = {}  # start-up, files on 1 and on all cores, large file
    for tool in [mine, *peers()]:
        if tool.command is None:
            rows.append((tool.name, tool.why_not, "", "", "", ""))
            continue
        cells, memory, timings = [], 0, []
        for paths, all_cores, runs in (([corpus.one], False, max(repeat, 3) if not options.quick else 1),
                                       ([corpus.many], False, repeat), ([corpus.many], True, repeat),
                                       ([corpus.large], False, max(1, repeat // 2))):
            try:
                seconds, peak = measure(tool.command(paths, all_cores), runs, env, limit=60 if options.quick else 300)
            except TooSlow as exc:
                cells.append(str(exc))
                timings.append(float("nan"))
                continue
            memory = max(memory, peak)
            timings.append(seconds)
            cells.append(f"{seconds:.3f} s" if paths == [corpus.one] else
                         f"{seconds:.2f} s ({mb / seconds:.2f} MB/s)" if paths == [corpus.many] else f"{seconds:.2f} s")
        results[tool.name] = (timings[0], timings[1], timings[2], timings[3])
        rows.append((tool.name, *cells, f"{memory} MB"))
    floor, _ = measure([sys.executable, "-c", FLOOR, str(corpus.many)], repeat)
    rows.append(("floor: one regex over the same bytes (Python, 1 process)", "", f"{floor:.3f} s ({mb / floor:.1f} MB/s)", "", "", ""))
    p_cold, p_one, p_all, p_big = results[mine.name]
    for name, (cold, _one, every_core, big) in results.items():
        if name != mine.name:
            ratios.append(f"perflint ÷ {name.split(' (')[0]}: start-up {_ratio(p_cold, cold)}, {count} files with all cores "
                          f"{_ratio(p_all, every_core)}, large file {_ratio(p_big, big)}")
    ratios.append(f"perflint ÷ floor ({count} files, one process each): {p_one / floor:.0f}×")

    print(f"{count} files, {mb:.2f} MB (the seeds ×{copies}); one large file of {size(corpus.large) / 1e6:.2f} MB; "
          f"start-up: one seed; {cores} cores; {time.strftime('%Y-%m-%d')}")
    print(tabulate(rows, headers=("tool", "one seed (start-up)", f"{count} files, 1 process", f"{count} files, all cores",
                                  "one large file", "peak memory"), tablefmt="github"))
    print()
    for line in ratios:
        print(line)
    # an empty file is an input error (exit 2): the figure is the cost of starting, reading and refusing it
    empty, _ = measure(mine.command([corpus.empty], False), max(repeat, 3) if not options.quick else 1, env, ok=(2,))
    print(f"perflint on an empty file: {empty:.3f} s")
    print(configured(mine, corpus, env, max(repeat, 3) if not options.quick else 1))
    print(memory_by_files(mine, corpus, env, copies))
    per_byte_many = p_one / size(corpus.many)
    print(f"linearity: the large file costs {(p_big / size(corpus.large)) / per_byte_many:.2f}x the per-byte time of the files (goal <= 1.2)")
    if corpus.forms is None:
        print("forms: not measured (python-docx and openpyxl are test extras: pip install -e '.[test]')")
    else:
        files = len(list(corpus.forms.iterdir()))
        seconds, memory = measure(mine.command([corpus.forms], True), repeat, env)
        print(f"forms: {files} Word and Excel 自评表 ({size(corpus.forms) / 1e6:.2f} MB) in {seconds:.2f} s with all cores "
              f"({files / seconds:.0f} forms/s), peak {memory} MB")
    print(remembered(mine, corpus, env, repeat, count))
    return 0


def _empty(folder: Path) -> Path:
    """``folder``, made anew (what an earlier benchmark left there is removed)."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    return folder


def configured(tool: Tool, corpus: Corpus, env: dict[str, str], repeat: int) -> str:
    """One seed in a project with a configuration file, as a hook runs it: the file is checked
    against its schema by the first run only (check/prepared.py keeps the verdict)."""
    project = _empty(WORK / "configured")
    (project / ".perflint.toml").write_text('ignore = ["TXT005"]\nfail-on = "error"\n', encoding="utf-8")
    report = project / corpus.one.name
    report.write_bytes(corpus.one.read_bytes())
    measure(tool.command([report], False), 1, env)  # the first run validates and remembers
    seconds, _ = measure(tool.command([report], False), repeat, env)
    return f"one seed in a project with a .perflint.toml: {seconds:.3f} s"


def remembered(tool: Tool, corpus: Corpus, env: dict[str, str], repeat: int, count: int) -> str:
    """The same files again, unchanged, with --cache (a cache folder of the benchmark's own,
    filled by one run first): what a repeated run on a folder of reports costs."""
    folder = _empty(WORK / "cache")
    cached = {**env, "PERFLINT_CACHE_DIR": str(folder)}
    cells = []
    for paths, label in (([corpus.many], f"{count} files"), ([corpus.forms], "the forms") if corpus.forms else ([], "")):
        if not paths:
            continue
        command = tool.command(paths, True)
        command.insert(-len(paths), "--cache")
        measure(command, 1, cached)  # fills the cache
        seconds, _ = measure(command, repeat, cached)
        cells.append(f"{label} {seconds:.2f} s")
    return "unchanged files again with --cache (all cores): " + ", ".join(cells)


def warm_up(tool: Tool, corpus: Corpus, env: dict[str, str]) -> None:
    """What an installed perflint has before its first timed run: bytecode for its modules
    (pip writes it at install; a checkout run with PYTHONDONTWRITEBYTECODE=1 would compile
    every module at every start), and the prepared rule packs and compiled patterns in the
    cache (written by the first run on any machine)."""
    import compileall

    compileall.compile_dir(str(ROOT / "perflint"), quiet=1)
    measure(tool.command([corpus.one], False), 1, env)


def memory_by_files(tool: Tool, corpus: Corpus, env: dict[str, str], copies: int) -> str:
    """Peak memory of one process on the files and on four times as many, in the default
    (text) format: flat when no text is kept once its findings are printed."""
    more = _empty(WORK / "more")
    files = corpus.many_files
    for i in range(4):
        for f in files:
            (more / f"{i}_{f.name}").write_bytes(f.read_bytes())
    peaks = []
    for folder in (corpus.many, more):
        command = [c for c in tool.command([folder], False) if c not in ("--format", "concise")]
        _, peak = measure(command, 1, env)
        peaks.append(peak)
    return f"memory (text format, one process): {len(files)} files {peaks[0]} MB, {4 * len(files)} files {peaks[1]} MB"


def _ratio(mine: float, theirs: float) -> str:
    if math.isnan(mine) or math.isnan(theirs):
        return "— (a run was stopped)"
    return f"{mine / theirs:.2f}×"


_CN = "一二三四五六七八九"
_TOPICS = ("预算编制", "绩效目标", "资金使用", "项目管理", "资产管理", "信息公开", "政府采购", "内部控制", "绩效评价", "结果应用")
_TITLE = "某局2023年度部门整体支出绩效自评报告\n"


@functools.cache
def _SEEDS_TEXT() -> str:  # noqa: N802 - a constant, read once
    return "".join(p.read_text(encoding="utf-8") for p in SEEDS)

#: Reports of shapes the seeds do not have, written from their sentences, each a function of a
#: count: one of every kind's worst cases.  The cost per byte must not grow with the count.
SHAPES: dict[str, Callable[[int], str]] = {
    "one paragraph of 其中 lists": lambda n: _TITLE + "一、基本情况\n" + "".join(
        f"全年预算数{i + 10}万元，其中基本支出{i}万元，项目支出10万元；" for i in range(n)) + "\n",
    "one line, no line breaks": lambda n: (_SEEDS_TEXT().replace("\n", "\u3000") * (n // 200 + 1))[: n * 50],
    "one list of headings": lambda n: _TITLE + "".join(f"{_CN[i % 9]}、第{i}部分情况\n本部分完成培训{i}人次。\n" for i in range(n)),
    "nested outlines": lambda n: _TITLE + "".join(
        f"{_CN[i % 9]}、部分{i}\n（{_CN[i % 9]}）小节\n{i % 9 + 1}.条目\n（{i % 9 + 1}）细目内容。\n" for i in range(n)),
    "a section of many totals": lambda n: _TITLE + "一、预算执行情况\n" + "".join(
        f"第{i}项预算数{100 + i}万元，执行数{90 + i}.50万元。按支出性质分，基本支出{80 + i}万元，项目支出10.50万元。" for i in range(n)) + "\n",
    "problems and measures": lambda n: _TITLE + "一、存在的问题\n" + "".join(
        f"{i + 1}.{_TOPICS[i % 10]}第{i}方面不够规范。\n" for i in range(n)) + "二、改进措施\n" + "".join(
        f"{i + 1}.加强{_TOPICS[(i * 3) % 10]}第{i}方面工作。\n" for i in range(n)),
    "targets and actuals": lambda n: "某局2023年度项目支出绩效自评报告\n一、绩效目标\n" + "".join(
        f"培训人次{i}≥{500 + i}人次，" for i in range(n)) + "\n二、完成情况\n" + "".join(f"培训人次{i}实际{400 + i}人次。\n" for i in range(n)),
    "a table of contents, then the outline": lambda n: _TITLE + "目  录\n" + "".join(
        f"{_CN[i % 9]}、第{i}部分情况……………………{i + 1}\n" for i in range(n)) + "".join(
        f"{_CN[i % 9]}、第{i}部分情况\n本部分完成培训{i}人次。\n" for i in range(n)),
    "a running title atop every page": lambda n: _TITLE + "一、基本情况\n" + "".join(
        f"本单位第{i}项工作按计划推进，全年完成培训{i}人次，\n{_TITLE}组织开展专题活动{i}场。\n" for i in range(n)),
    "a form of many rows": lambda n: "项目支出绩效自评表\n一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n" + "".join(
        f"产出指标 | 数量指标 | 培训{i}人次 | ≥500人次 | {480 + i % 40}人次 | 3 | 3 |\n" for i in range(n)),
}


#: Lints one file's text in a fresh process after a first, small lint (packs loaded, patterns
#: compiled) and prints the seconds the text alone took: the start-up is not in the figure.
SHAPE_DRIVER = """
import sys, time, perflint
from pathlib import Path
perflint.lint_text("一、基本情况\\n全年预算数10万元，执行数9万元，执行率90%。\\n")
text = Path(sys.argv[1]).read_text(encoding="utf-8")
start = time.perf_counter()
perflint.lint_text(text, path=sys.argv[1])
print(time.perf_counter() - start)
"""


def shapes(quick: bool = False) -> int:
    """Each shape at a count and at eight times it, one core: the larger text must cost at most
    1.2 times the smaller per byte. Each text is linted in a fresh process, and the figure is
    the lint of the text alone (a whole-process time would be mostly start-up for the smaller)."""
    from tabulate import tabulate

    folder = WORK / "shapes"
    folder.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def run(path: Path) -> float:
        done = subprocess.run([sys.executable, "-c", SHAPE_DRIVER, str(path)], capture_output=True, text=True, env=env,
                              timeout=60 if quick else 900)
        if done.returncode != 0:
            raise RuntimeError(f"{path}: {done.stderr.strip().splitlines()[-1] if done.stderr.strip() else done.returncode}")
        return float(done.stdout.split()[-1])

    small_count = 100 if quick else 4000
    rows, worst = [], 0.0
    for name, make in SHAPES.items():
        timings = []
        for count in (small_count, small_count * 8):
            path = folder / f"{len(rows)}-{count}.txt"
            path.write_text(make(count), encoding="utf-8")
            try:
                timings.append((path.stat().st_size, max(run(path), 1e-3)))
            except subprocess.TimeoutExpired as exc:
                timings.append((path.stat().st_size, float("nan")))
                rows.append((name, "", "", f"> {exc.timeout:.0f} s (stopped)"))
                break
        else:
            (small, t_small), (large, t_large) = timings
            ratio = (t_large / large) / (t_small / small)
            worst = max(worst, ratio)
            rows.append((name, f"{small / 1e6:.2f} MB: {t_small:.2f} s", f"{large / 1e6:.2f} MB: {t_large:.2f} s", f"{ratio:.2f}x"))
    print(f"reports of unusual shapes: the lint of each text in a fresh process, start-up excluded; {time.strftime('%Y-%m-%d')}")
    print(tabulate(rows, headers=("shape", "at a count", "at 8 times the count", "cost per byte, larger ÷ smaller"), tablefmt="github"))
    print(f"worst: {worst:.2f}x (goal <= 1.2)")
    return 0


def linearity() -> int:
    """One report of 5 MB and one of 50 MB, cut from the seeds and the labelled corpus texts
    repeated: the 50 MB one must cost at most 1.2 times the 5 MB one per byte."""
    texts = [p.read_text(encoding="utf-8") for p in SEEDS + sorted((ROOT / "benchmarks" / "quality" / "corpus").glob("*.txt"))]
    blob = "\n\n".join(texts)
    folder = WORK
    folder.mkdir(parents=True, exist_ok=True)
    timings = []
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for megabytes in (5, 50):
        path = folder / f"report-{megabytes}mb.txt"
        data = (blob * (megabytes * 1_000_000 // len(blob.encode()) + 1)).encode()[: megabytes * 1_000_000]
        path.write_bytes(data[: len(data.decode(errors="ignore").encode())])
        seconds, memory = measure([sys.executable, "-m", "perflint", "--format", "concise", "--timeout", "0", "-j", "1", str(path)], 1, env)
        timings.append((path.stat().st_size, seconds, memory))
        print(f"{megabytes} MB report: {seconds:.1f} s, {path.stat().st_size / seconds / 1e6:.2f} MB/s, peak {memory} MB", flush=True)
    (small, t_small, _), (large, t_large, _) = timings
    print(f"linearity: the 50 MB report costs {(t_large / large) / (t_small / small):.2f}x the per-byte time of the 5 MB one (goal <= 1.2)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
