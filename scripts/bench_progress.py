"""Time the import of returned ledgers: 300 units' filled 任务台账 for one period, in one run
of scripts/import_progress.py's engine. Target: under 10 s.

The real notice has 20 lead units, so the ledgers come from a synthetic notice
(scripts/synth_notice.py) large enough to have 300: at 60× it has 313. The ledgers are the
site's own (downloads.ledger_xlsx), each lead row filled with a status and a sentence.

    .venv/bin/python scripts/bench_progress.py [--scale 60] [--ledgers 300] [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path
from time import perf_counter, process_time

import synth_notice
from fengong import ledger
from fengong.data.load import load_site
from fengong.importer import run
from fengong.importer.progress import import_progress
from fengong.pages.downloads import LEDGER_COLUMNS, ROLE_LABELS, ledger_rows, ledger_xlsx

PROGRESS = "已按计划推进，完成阶段目标的{n}成，下一步将加强督促落实。"


def make_ledgers(data_dir: Path, out: Path, count: int) -> tuple[str, list[Path], int]:
    """Filled ledgers of the first `count` lead units: (period, files, rows filled)."""
    site, _ = load_site(data_dir)
    headers = [h for h, _ in LEDGER_COLUMNS]
    role, status, progress = (
        headers.index(h) for h in (ledger.ROLE_HEADER, ledger.STATUS_HEADER, ledger.PROGRESS_HEADER)
    )
    units = [u for u in site.units if site.tasks_led(u)][:count]
    if len(units) < count:
        raise SystemExit(f"only {len(units)} lead units at this scale; use a larger --scale")
    files, filled = [], 0
    for i, unit in enumerate(units):
        rows = []
        for j, row in enumerate(ledger_rows(site, unit, lambda item: "")):
            row = list(row)
            if row[role] == ROLE_LABELS["lead"]:
                row[status] = ledger.STATUSES[(i + j) % len(ledger.STATUSES)]
                row[progress] = PROGRESS.format(n=(i + j) % 10)
                filled += 1
            rows.append(tuple(row))
        path = out / f"{unit.id}.xlsx"
        path.write_bytes(ledger_xlsx(site, unit, LEDGER_COLUMNS, rows))
        files.append(path)
    return site.periods[0].id, files, filled


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=60, help="synthetic notice size (60)")
    parser.add_argument("--ledgers", type=int, default=300, help="ledgers to import (300)")
    parser.add_argument("--runs", type=int, default=3, help="timed imports; the median (3)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="fengong-bench-progress-") as tmp:
        tmp = Path(tmp)
        source = tmp / "notice.txt"
        source.write_text(synth_notice.generate(args.scale), encoding="utf-8")
        data_dir = tmp / "data"
        result = run.import_notice(source, data_dir, write=True)
        if result.failed:
            print("\n".join(map(str, result.errors)), file=sys.stderr)
            return 1
        returned = tmp / "returned"
        returned.mkdir()
        period, files, filled = make_ledgers(data_dir, returned, args.ledgers)
        times, cpu = [], []
        for _ in range(args.runs):
            start, start_cpu = perf_counter(), process_time()
            done = import_progress(files, period, data_dir, received="2020-07-08")
            times.append(perf_counter() - start)
            cpu.append(process_time() - start_cpu)
            if done.failed or len(done.written) != len(files):
                print("\n".join(map(str, done.problems)), file=sys.stderr)
                return 1
        median = statistics.median(times)
        print(
            f"{len(files)} ledgers ({filled} filled rows) of a {args.scale}× notice, period "
            f"{period}: median {median:.2f} s of {args.runs} imports "
            f"({', '.join(f'{t:.2f}' for t in times)}; {1000 * median / len(files):.1f} ms "
            f"a ledger; CPU {statistics.median(cpu):.2f} s); target under 10 s: "
            f"{'met' if median < 10 else 'NOT met'}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
