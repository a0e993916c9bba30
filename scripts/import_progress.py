"""Import the ledgers (任务台账) units returned for a reporting period into data/progress/.

python scripts/import_progress.py FILE… [--period PERIOD] [--data-dir DIR] [--date YYYY-MM-DD]
                                         [--unit UNIT] [--notice SLUG]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fengong.importer import lock
from fengong.importer.progress import import_progress


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="import_progress.py",
        description="Read returned unit ledgers (.xlsx, .xls, .ods, or their .csv form) and "
        "write each unit's progress for the period to DIR/progress/<period>/<unit>.yaml.",
    )
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE", help="returned ledgers")
    parser.add_argument(
        "--period",
        help="the reporting period, e.g. 2020-H1 (上半年) or 2020; default: the one whose "
        "reporting window holds --date",
    )
    parser.add_argument(
        "--data-dir", type=Path, default=Path("data"), help="data directory to update (data/)"
    )
    parser.add_argument(
        "--date", metavar="YYYY-MM-DD", help="the day the office received them (default: today)"
    )
    parser.add_argument(
        "--unit", help="the unit id the files must belong to (a check: their ledgers say whose)"
    )
    parser.add_argument(
        "--notice",
        metavar="SLUG",
        help="in a library of notices: the notice the ledgers are for (its progress/ is in "
        "DIR/notices/SLUG/)",
    )
    args = parser.parse_args(argv)

    try:
        # One writer at a time in the data directory, as for import_notice.py.
        with lock.held(args.data_dir):
            result = import_progress(
                args.files,
                args.period,
                args.data_dir,
                received=args.date,
                unit=args.unit,
                notice=args.notice,
            )
    except lock.Busy as busy:
        print(f"{args.data_dir}: {busy}", file=sys.stderr)
        return 1
    for problem in result.problems:
        print(problem, file=sys.stderr)
    if result.failed:
        errors = sum(p.severity == "error" for p in result.problems)
        print(f"import failed: {errors} error(s); {args.data_dir} is unchanged", file=sys.stderr)
        return 1
    for line in result.report:
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
