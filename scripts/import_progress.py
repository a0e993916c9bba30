"""把各单位报送回来的任务台账导入 data/progress/（按报送期）。

python scripts/import_progress.py FILE… [--period PERIOD] [--data-dir DIR] [--date YYYY-MM-DD]
                                         [--unit UNIT] [--notice SLUG]
"""

from __future__ import annotations

import sys
from pathlib import Path

from fengong.cli import ArgumentParser
from fengong.importer import lock
from fengong.importer import messages as m
from fengong.importer.progress import import_progress


def main(argv: list[str] | None = None) -> int:
    parser = ArgumentParser(
        prog="import_progress.py",
        description="读取各单位报送回来的任务台账（.xlsx、.xls、.ods 或其 .csv），把每个单位"
        "本报送期的落实情况写入 DATA_DIR/progress/<报送期>/<单位>.yaml；有一个错误就什么也不写。",
    )
    parser.add_argument(
        "files", nargs="+", type=Path, metavar="FILE", help="报送回来的台账文件（可多个）"
    )
    parser.add_argument(
        "--period",
        help="报送期，例如 2020-H1（上半年）或 2020（上年度）；默认：报送时间包含 --date 的那一期",
    )
    parser.add_argument(
        "--data-dir", type=Path, default=Path("data"), help="要更新的数据目录（默认：data/）"
    )
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="办公室收到台账的日期（默认：今天）")
    parser.add_argument("--unit", help="台账应属的单位 id（用于核对：台账本身写明是哪个单位的）")
    parser.add_argument(
        "--notice",
        metavar="SLUG",
        help="多份通知的库中：台账所属的通知（其 progress/ 在 DATA_DIR/notices/SLUG/ 下）",
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
        print(m.IMPORT_FAILED.format(errors=errors, data_dir=args.data_dir), file=sys.stderr)
        return 1
    for line in result.report:
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
