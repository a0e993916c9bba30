"""Time the import of a 500-task notice, as a person runs it (the issue's target: under 2 s).

The notice is scripts/synth_notice.py at 8× the real one (504 tasks, the real layout), and
the same notice without its lead rule (every task then has no lead: 未明确牵头单位). Each is
imported with scripts/import_notice.py into a fresh data directory, `--runs` times, in a new
process each time (interpreter start and imports included); prints the median wall time and
the median CPU time (user + system) of the import process: on a busy machine the wall time
waits for other processes, the CPU time does not.

    .venv/bin/python scripts/bench_import.py [--runs 5]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from time import perf_counter

import synth_notice

ROOT = Path(__file__).resolve().parents[1]
IMPORTER = ROOT / "scripts" / "import_notice.py"
SCALE = 8  # 8 × 63 = 504 tasks
LEAD_RULE = "备注：列第一责任单位的为牵头单位，下同。"
TARGET_SECONDS = 2.0


def notices(work: Path) -> dict[str, Path]:
    text = synth_notice.generate(SCALE, seed=0)
    if LEAD_RULE not in text:
        raise SystemExit(f"bench_import.py: the synthetic notice lost its lead rule {LEAD_RULE!r}")
    layouts = {"numbered, lead rule": text, "numbered, no lead": text.replace(LEAD_RULE, "", 1)}
    paths = {}
    for i, (name, body) in enumerate(layouts.items()):
        paths[name] = work / f"notice-{i}.txt"
        paths[name].write_text(body, encoding="utf-8")
    return paths


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_import(notice: Path, work: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one import."""
    with tempfile.TemporaryDirectory(dir=work) as tmp:
        cpu = children_cpu()
        started = perf_counter()
        done = subprocess.run(
            [sys.executable, str(IMPORTER), str(notice), "--data-dir", f"{tmp}/data"],
            capture_output=True,
            text=True,
        )
        seconds = perf_counter() - started
        cpu = children_cpu() - cpu
    if done.returncode:
        raise SystemExit(f"bench_import.py: import of {notice} failed:\n{done.stderr}")
    return seconds, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="imports per notice (median)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="fengong-bench-import-") as tmp:
        work = Path(tmp)
        print(f"| notice | tasks | wall (median of {args.runs}) | CPU (median) |")
        print("|---|--:|--:|--:|")
        worst = 0.0
        for name, notice in notices(work).items():
            tasks = notice.read_text(encoding="utf-8").count("（责任单位：")
            runs = [time_import(notice, work) for _ in range(args.runs)]
            wall = statistics.median(w for w, _ in runs)
            cpu = statistics.median(c for _, c in runs)
            worst = max(worst, wall)
            print(f"| {name} | {tasks} | {wall:.2f} s | {cpu:.2f} s |")
    verdict = "under" if worst < TARGET_SECONDS else "NOT under"
    print(f"500-task import: {worst:.2f} s wall, {verdict} the {TARGET_SECONDS:g} s target")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
