"""检查数据目录（不生成网站；供日常核对与持续集成使用）。

python scripts/check_data.py [--data-dir DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

from fengong.cli import ArgumentParser
from fengong.data import messages as m
from fengong.data.load import check, check_library
from fengong.data.readers import is_library
from fengong.problems import Problem


def main(argv: list[str] | None = None) -> int:
    parser = ArgumentParser(prog="check_data.py", description=m.CHECK_DATA_HELP)
    parser.add_argument("--data-dir", type=Path, default=Path("data"), help=m.DATA_DIR_HELP)
    args = parser.parse_args(argv)
    if is_library(args.data_dir):
        return _check_library(args.data_dir)
    site, problems = check(args.data_dir)
    if site is None:
        return _invalid(args.data_dir, problems)
    _print_warnings(problems)
    print(
        m.SITE_OK.format(
            data_dir=args.data_dir,
            tasks=len(site.tasks),
            clauses=len(site.clauses),
            parts=len(site.parts),
            units=len(site.units),
        )
        + _warned(problems)
    )
    return 0


def _check_library(data_dir: Path) -> int:
    """A library (data/notices/<slug>/): every notice, and one line for each."""
    library, problems = check_library(data_dir)
    if library is None:
        return _invalid(data_dir, problems)
    _print_warnings(problems)
    print(
        m.LIBRARY_OK.format(data_dir=data_dir, notices=len(library.sites), units=len(library.units))
        + _warned(problems)
    )
    for site in library.sites:
        print(
            m.LIBRARY_NOTICE.format(
                slug=site.notice.slug,
                doc_number=site.notice.doc_number,
                tasks=len(site.tasks),
                units=len(site.units),
            )
        )
    return 0


def _warned(problems: list[Problem]) -> str:
    """（另有 2 个警告，见上）: the warnings printed above an ok line, counted."""
    return m.WARNINGS_ONLY.format(warnings=len(problems)) if problems else ""


def _print_warnings(problems: list[Problem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


def _invalid(data_dir: Path, problems: list[Problem]) -> int:
    """Warnings first and errors last, then the counts: the error that stops the build is
    what stays on the screen, not scrolled off above a page of warnings."""
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity != "error"]
    for problem in warnings + errors:
        print(problem, file=sys.stderr)
    print(
        m.INVALID.format(data_dir=data_dir, errors=len(errors), warnings=len(warnings)),
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
