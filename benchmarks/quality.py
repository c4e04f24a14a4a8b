"""perflint's quality on labelled real reports: recall, false alarms, and findings no label explains.

    python benchmarks/quality.py                     # the 43 real texts of benchmarks/quality/corpus
    python benchmarks/quality.py --seeds             # the five seeds
    python benchmarks/quality.py --corpus DIR --labels FILE --json out.json

Labels (``must``: a real defect a reviewer marks; ``may``: soft or debatable;
``clean``: a correct figure or text, where a finding of that kind is a false
alarm) are hand-made facts about the texts, copied with them from the shared
evaluation set.  Scoring follows the shared evaluator: a labelled defect is
found when a finding of the same rule kind lies within two lines of it; a false
alarm is a finding of the labelled kind exactly on a clean line; a finding is
unexplained when no must or may label of its kind lies within two lines.

perflint runs as a user runs it (``python -m perflint --format json DIR``), so
what is measured is the program, not a test double.
"""

from __future__ import annotations

import argparse
import collections
import datetime
import json
import subprocess
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
KINDS = ("sections", "numbering", "pattern", "repetition", "ratio", "sum", "range", "grade", "target",
         "consistency", "pairing", "obligation", "table")


def run(folder: Path) -> dict[str, list[dict]]:
    argv = [sys.executable, "-m", "perflint", "--format", "json", str(folder)]
    proc = subprocess.run(argv, capture_output=True, text=True, timeout=600, cwd=ROOT)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"perflint exited {proc.returncode}: {proc.stderr[-2000:]}")
    by_file: dict[str, list[dict]] = collections.defaultdict(list)
    for f in json.loads(proc.stdout)["findings"]:
        by_file[Path(f["path"]).name].append(f)
    return by_file


def _near(findings: list[dict], kind: str, line: int, slack: int) -> bool:
    return any(f["kind"] == kind and abs((f["line"] or 0) - line) <= slack for f in findings)


def score(labels: dict, found: dict[str, list[dict]]) -> dict:
    per_kind: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    misses, alarms, unexplained = [], [], []
    for name, items in sorted(labels.items()):
        fs = found.get(name, [])
        for item in items.get("must") or []:
            per_kind[item["kind"]]["must"] += 1
            if _near(fs, item["kind"], item["line"], 2):
                per_kind[item["kind"]]["found"] += 1
            else:
                misses.append(f"{name}:{item['line']} [{item['kind']}] {item['what']}")
        for item in items.get("clean") or []:
            per_kind[item["kind"]]["clean"] += 1
            if _near(fs, item["kind"], item["line"], 0):
                per_kind[item["kind"]]["false"] += 1
                alarms.append(f"{name}:{item['line']} [{item['kind']}] {item['what']}")
        listed = [(i["line"], i["kind"]) for k in ("must", "may") for i in items.get(k) or []]
        for f in fs:
            per_kind[f["kind"]]["findings"] += 1
            if not any(k == f["kind"] and abs((f["line"] or 0) - ln) <= 2 for ln, k in listed):
                per_kind[f["kind"]]["unexplained"] += 1
                unexplained.append(f"{name}:{f['line']} [{f['rule']}] {f['message'][:80]}")
    totals = collections.Counter()
    for counts in per_kind.values():
        totals.update(counts)
    return {"per_kind": {k: dict(v) for k, v in sorted(per_kind.items())}, "totals": dict(totals),
            "misses": misses, "false_alarms": alarms, "unexplained": unexplained}


def table(result: dict) -> str:
    from tabulate import tabulate

    rows = []
    for kind, c in result["per_kind"].items():
        rows.append((kind, f"{c.get('found', 0)}/{c.get('must', 0)}" if c.get("must") else "",
                     f"{c.get('false', 0)}/{c.get('clean', 0)}" if c.get("clean") else "",
                     c.get("findings", 0), c.get("unexplained", 0)))
    t = result["totals"]
    rows.append(("all", f"{t.get('found', 0)}/{t.get('must', 0)}", f"{t.get('false', 0)}/{t.get('clean', 0)}",
                 t.get("findings", 0), t.get("unexplained", 0)))
    return tabulate(rows, headers=("kind", "labelled defects found", "false alarms on clean places", "findings",
                                   "findings no label explains"), tablefmt="github")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=HERE / "quality" / "corpus")
    parser.add_argument("--labels", type=Path, default=HERE / "quality" / "labels.yaml")
    parser.add_argument("--seeds", action="store_true", help="score the seeds against their labels instead")
    parser.add_argument("--show", action="store_true", help="list every miss, false alarm and unexplained finding")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    args = parser.parse_args()
    if args.seeds:
        args.corpus, args.labels = ROOT / "seeds", HERE / "quality" / "seeds-labels.yaml"
    labels = yaml.safe_load(args.labels.read_text(encoding="utf-8"))
    result = score(labels, run(args.corpus))
    print(f"{args.corpus.relative_to(ROOT) if args.corpus.is_relative_to(ROOT) else args.corpus}: "
          f"{len(labels)} texts, {datetime.date.today().isoformat()}")
    print(table(result))
    t = result["totals"]
    share = t.get("unexplained", 0) / t["findings"] if t.get("findings") else 0.0
    print(f"\nlabelled defects found {t.get('found', 0)}/{t.get('must', 0)}; false alarms {t.get('false', 0)}/{t.get('clean', 0)}; "
          f"findings no label explains {t.get('unexplained', 0)}/{t.get('findings', 0)} ({share:.0%})")
    if args.show:
        for title, lines in (("missed", result["misses"]), ("false alarms", result["false_alarms"]),
                             ("no label explains", result["unexplained"])):
            print(f"\n{title}:")
            print("\n".join(f"  {line}" for line in lines) or "  none")
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
