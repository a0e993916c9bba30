"""把一份通知导入数据目录（或输出为 JSON）。

python scripts/import_notice.py SOURCE [--data-dir DIR] [--notice SLUG] [--json FILE|-]
                               [--revision LABEL --date YYYY-MM-DD] [--report FILE.html]

加 --notice，或数据目录是多份通知的库（data/notices/）时，通知导入 data/notices/<slug>/；
slug 默认由文号生成（大足府办发〔2020〕41号 → dzfbf-2020-41：hooks/fengong/importer/slugs.py）。
在单份通知的数据目录上加 --notice 时，先把现有通知迁入 data/notices/<它的 slug>/
（同 scripts/move_to_library.py）并说明；导入失败时，迁移也一并撤销。
"""

from __future__ import annotations

import json
import sys
from contextlib import nullcontext
from pathlib import Path

from fengong.cli import ArgumentParser
from fengong.importer import lock, move, run
from fengong.importer import messages as m


def main(argv: list[str] | None = None) -> int:
    parser = ArgumentParser(
        prog="import_notice.py",
        description="把一份通知（.txt（UTF-8 或 GB18030）、.docx 或 .pdf，或 .xlsx、.xls、.ods、"
        ".csv 的分工表）转为本站的数据。",
    )
    parser.add_argument(
        "source",
        type=Path,
        help="通知文件（.txt、.docx 或 .pdf），或分工表（.xlsx、.xls、.ods 或 .csv）",
    )
    parser.add_argument(
        "--data-dir", type=Path, default=Path("data"), help="要更新的数据目录（默认：data/）"
    )
    parser.add_argument(
        "--json",
        metavar="FILE",
        help="不更新数据，把通知以 JSON 写入 FILE（'-' 表示输出到屏幕）",
    )
    parser.add_argument(
        "--revision",
        metavar="LABEL",
        help="把本次导入保存为新的修订版（例如 2021-03）；须同时给出 --date",
    )
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="修订版的日期")
    parser.add_argument(
        "--notice",
        metavar="SLUG",
        help="导入 DATA_DIR/notices/SLUG/（多份通知的库）；库中默认由文号生成："
        "大足府办发〔2020〕41号 → dzfbf-2020-41",
    )
    parser.add_argument(
        "--lead-rule",
        choices=("stated", "first"),
        default="stated",
        help="通知既未标明牵头单位、也未写明牵头规则（如“列第一位者为牵头单位”）时："
        "stated（默认）不填牵头单位，网站显示“未明确牵头单位”；"
        "first 以列第一位的单位为牵头单位（须办公室决定）",
    )
    parser.add_argument(
        "--report",
        metavar="FILE.html",
        type=Path,
        help="另写一个独立的 HTML 核对页面：每项任务与原文并列，导入时拿不准之处有标记；"
        "导入失败时也会写（此时只写这个页面），与 --json 同用亦可",
    )
    args = parser.parse_args(argv)
    if args.report is not None and not args.report.parent.is_dir():
        print(m.NO_REPORT_FOLDER.format(folder=args.report.parent), file=sys.stderr)
        return 1
    if args.report is not None and args.report.is_dir():
        print(m.REPORT_IS_FOLDER.format(report=args.report), file=sys.stderr)
        return 1
    if (args.revision is None) != (args.date is None):
        parser.error(m.REVISION_NEEDS_DATE)
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
                    print(m.MOVE_FAILED.format(data_dir=args.data_dir), file=sys.stderr)
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
                print(m.MOVE_UNDONE.format(slug=moved.slug), file=sys.stderr)
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
        print(m.REPORT_WRITTEN.format(path=args.report), file=sys.stderr)
    if result.failed:
        print(
            m.IMPORT_FAILED.format(errors=len(result.errors), data_dir=args.data_dir),
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
