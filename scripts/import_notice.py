"""Import a notice's text into the data directory (or print it as JSON).

python scripts/import_notice.py SOURCE [--data-dir DIR] [--notice SLUG] [--json FILE|-]
                               [--revision LABEL --date YYYY-MM-DD] [--report FILE.html]

With --notice, or when the data directory is a library (data/notices/), the notice goes into
data/notices/<slug>/; the slug defaults to one made from its 文号 (大足府办发〔2020〕41号 →
dzfbf-2020-41: hooks/fengong/importer/slugs.py). With --notice on a single-layout directory,
its notice first moves into data/notices/<its slug>/ (scripts/move_to_library.py), saying
so; if the import then fails, the move is undone as well.
"""

from __future__ import annotations

import argparse
import json
import sys
from contextlib import nullcontext
from pathlib import Path

from fengong.importer import lock, move, run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="import_notice.py",
        description="Turn a notice (.txt in UTF-8 or GB18030, or .docx) into fengong data.",
    )
    parser.add_argument(
        "source",
        type=Path,
        help="the notice (.txt, .docx or .pdf), or a 分工表 sheet (.xlsx, .xls, .ods or .csv)",
    )
    parser.add_argument(
        "--data-dir", type=Path, default=Path("data"), help="data directory to update (data/)"
    )
    parser.add_argument(
        "--json",
        metavar="FILE",
        help="write the notice as JSON to FILE ('-' for stdout) instead of updating data",
    )
    parser.add_argument(
        "--revision",
        metavar="LABEL",
        help="keep this import as a new published revision (e.g. 2021-03); needs --date",
    )
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="the revision's date")
    parser.add_argument(
        "--notice",
        metavar="SLUG",
        help="import into DATA_DIR/notices/SLUG/ (a library of notices); in a library the "
        "default is made from the 文号: 大足府办发〔2020〕41号 → dzfbf-2020-41",
    )
    parser.add_argument(
        "--lead-rule",
        choices=("stated", "first"),
        default="stated",
        help="where the notice marks no lead and states no lead rule (列第一位者为牵头单位): "
        "'stated' (the default) leaves the lead empty, and the site says 未明确牵头单位; "
        "'first' makes the first listed unit lead, as an office may decide to",
    )
    parser.add_argument(
        "--report",
        metavar="FILE.html",
        type=Path,
        help="also write one self-contained HTML page to check the import at a glance: every "
        "task beside its source line, marked where the importer was unsure; written also when "
        "the import fails (then only the report is written), and with --json",
    )
    args = parser.parse_args(argv)
    if args.report is not None and not args.report.parent.is_dir():
        print(f"--report: no folder {args.report.parent}; create it first", file=sys.stderr)
        return 1
    if (args.revision is None) != (args.date is None):
        parser.error("--revision and --date go together")
    revision = run.Revision(args.revision, args.date) if args.revision else None

    write = args.json is None
    try:
        with lock.held(args.data_dir) if write else nullcontext():
            moved = None
            if write and args.notice is not None and move.needed(args.data_dir):
                moved, problems = move.move_to_library(args.data_dir)
                for problem in problems:
                    print(problem, file=sys.stderr)
                if moved is None:
                    print(f"move failed; {args.data_dir} is unchanged", file=sys.stderr)
                    return 1
                for line in moved.report:
                    print(line)
            result = run.import_notice(
                args.source,
                args.data_dir,
                write=write,
                revision=revision,
                lead_policy=args.lead_rule,
                notice=args.notice,
            )
            if moved is not None and result.failed:
                moved.undo()
                print(f"the move into notices/{moved.slug}/ is undone", file=sys.stderr)
    except lock.Busy as busy:
        print(f"{args.data_dir}: {busy}", file=sys.stderr)
        return 1
    for problem in result.problems:
        print(problem, file=sys.stderr)
    if args.report is not None:
        # Written whole or not at all, like the data: a half-written page misleads.
        temporary = args.report.with_name(f".{args.report.name}.tmp")
        temporary.write_text(run.report_html(result, args.source), encoding="utf-8")
        temporary.replace(args.report)
        print(f"import report: {args.report}", file=sys.stderr)
    if result.failed:
        print(
            f"import failed: {len(result.errors)} error(s); {args.data_dir} is unchanged",
            file=sys.stderr,
        )
        return 1
    if args.json is not None:
        text = json.dumps(result.json, ensure_ascii=False, indent=2) + "\n"
        if args.json == "-":
            sys.stdout.write(text)
        else:
            Path(args.json).write_text(text, encoding="utf-8")
        return 0
    for line in result.report:
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
