"""perflint's benchmark: whole-process timings on corpora built from seeds/.

    python benchmarks/run.py            # the full run: 200 files, one large file, cold start
    python benchmarks/run.py --quick    # a bounded run (the test suite uses it)

Corpora (built in benchmarks/corpus/, ignored by git): the five seeds copied
40 times (200 files), the same text concatenated into one file, and one seed.
Every figure is the median of several whole-process runs of ``python -m
perflint`` with the full shipped rule pack; peak memory is the largest
resident set of a run.  Only perflint is measured: the peers' rows of earlier
versions were figures copied into this script, not measured, and are gone until
the script installs and runs them itself.

    python benchmarks/run.py --linearity   # a 5 MB and a 50 MB report: cost per byte
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def build(corpus: Path, copies: int) -> tuple[Path, Path, Path]:
    if corpus.exists():
        shutil.rmtree(corpus)
    many = corpus / "many"
    many.mkdir(parents=True)
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    for i in range(copies):
        for seed, text in zip(SEEDS, texts, strict=True):
            (many / f"{seed.stem}_{i:03d}.txt").write_text(text, encoding="utf-8")
    large = corpus / "large.txt"
    large.write_text("\n\n".join(texts * copies), encoding="utf-8")
    one = corpus / "one.txt"
    shutil.copy(SEEDS[0], one)
    return many, large, one


def run(args: list[str], repeat: int) -> tuple[float, int]:
    """Median wall time in seconds and peak RSS in MB of ``python -m perflint args``."""
    times, peak = [], 0
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        start = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "perflint", "--format", "concise", *args],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=ROOT)
        times.append(time.perf_counter() - start)
        if result.returncode not in (0, 1):
            raise SystemExit(f"perflint failed: {result.stderr.decode(errors='replace')}")
        peak = max(peak, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before)
    return statistics.median(times), peak // 1024


def size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else path.stat().st_size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small corpus, one run each (for the test suite)")
    parser.add_argument("--copies", type=int, default=40, help="copies of the five seeds (default 40: 200 files)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure (median)")
    parser.add_argument("--linearity", action="store_true", help="time a 5 MB and a 50 MB report built from the seeds and the corpus")
    options = parser.parse_args()
    if options.linearity:
        return linearity()
    copies, repeat = (2, 1) if options.quick else (options.copies, options.repeat)
    many, large, one = build(ROOT / "benchmarks" / "corpus", copies)
    cores = os.cpu_count() or 1

    cold, cold_mem = run([str(one)], max(repeat, 3) if not options.quick else 1)
    one_core, mem1 = run(["-j", "1", str(many)], repeat)
    all_cores, mem_all = run(["-j", str(cores), str(many)], repeat)
    big, mem_big = run([str(large)], max(1, repeat // 2))
    mb = size(many) / 1e6
    per_byte_many = one_core / size(many)
    per_byte_large = big / size(large)

    from tabulate import tabulate

    rows = []
    rows.append((f"perflint (Python, {cores} processes)", f"{cold:.2f} s", f"{all_cores:.2f} s", f"{mb / all_cores:.2f}",
                 f"{big:.2f} s", f"{max(cold_mem, mem1, mem_all, mem_big)} MB"))
    print(f"corpus: {len(list(many.iterdir()))} files, {mb:.2f} MB; large file {size(large) / 1e6:.2f} MB; cold start on {SEEDS[0].name}")
    print(tabulate(rows, headers=("tool", "start-up (one seed)", f"{len(list(many.iterdir()))} files", "MB/s", "one large file", "peak memory"),
                   tablefmt="github"))
    print()
    print(f"perflint, one process: {one_core:.2f} s for the files ({mb / one_core:.2f} MB/s)")
    print(f"linearity: the large file costs {per_byte_large / per_byte_many:.2f}x the per-byte time of the files (target <= 1.3)")
    return 0


def linearity() -> int:
    """One report of 5 MB and one of 50 MB, cut from the seeds and the labelled corpus texts
    repeated: the 50 MB one must cost at most 1.3 times the 5 MB one per byte."""
    texts = [p.read_text(encoding="utf-8") for p in SEEDS + sorted((ROOT / "benchmarks" / "quality" / "corpus").glob("*.txt"))]
    blob = "\n\n".join(texts)
    folder = ROOT / "benchmarks" / "corpus"
    folder.mkdir(parents=True, exist_ok=True)
    timings = []
    for megabytes in (5, 50):
        path = folder / f"report-{megabytes}mb.txt"
        data = (blob * (megabytes * 1_000_000 // len(blob.encode()) + 1)).encode()[: megabytes * 1_000_000]
        path.write_bytes(data[: len(data.decode(errors="ignore").encode())])
        seconds, memory = run(["--timeout", "0", "-j", "1", str(path)], 1)
        timings.append((path.stat().st_size, seconds, memory))
        print(f"{megabytes} MB report: {seconds:.1f} s, {path.stat().st_size / seconds / 1e6:.2f} MB/s, peak {memory} MB", flush=True)
    (small, t_small, _), (large, t_large, _) = timings
    print(f"linearity: the 50 MB report costs {(t_large / large) / (t_small / small):.2f}x the per-byte time of the 5 MB one (target <= 1.3)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
