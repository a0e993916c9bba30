"""Move a single-layout data directory's notice into the library layout, in one step.

python scripts/move_to_library.py [--data-dir DIR] [--notice SLUG]

The notice's own files (notice.yaml, targets.yaml, document.yaml, source/, revisions/,
progress/) move into DIR/notices/<slug>/ (slug: made from its 文号, dzfbf-2020-41); the
registries stay at the top; DIR/library.yaml records moved_from_single: <slug>, so the
site's old addresses lead to the new ones. Checked first; all or nothing.
`import_notice.py SOURCE --notice SLUG` on a single-layout directory does this first.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fengong.cli import ArgumentParser
from fengong.importer import lock, move
from fengong.importer import messages as m


def main(argv: list[str] | None = None) -> int:
    parser = ArgumentParser(
        prog="move_to_library.py",
        description="把单份通知的数据目录迁为多份通知的库（data/notices/<slug>/），一步完成。",
    )
    parser.add_argument(
        "--data-dir", type=Path, default=Path("data"), help="要迁移的数据目录（默认 data/）"
    )
    parser.add_argument(
        "--notice",
        metavar="SLUG",
        help="通知在 notices/ 下的文件夹名（默认由文号生成）；除非文号生成不了，保持默认",
    )
    args = parser.parse_args(argv)
    try:
        with lock.held(args.data_dir):
            moved, problems = move.move_to_library(args.data_dir, args.notice)
    except lock.Busy as busy:
        print(f"{args.data_dir}: {busy}", file=sys.stderr)
        return 1
    for problem in problems:
        print(problem, file=sys.stderr)
    if moved is None:
        print(m.MOVE_FAILED.format(data_dir=args.data_dir), file=sys.stderr)
        return 1
    for line in moved.report:
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
