"""Validate the data directory without building the site (fast; for CI and editors).

python scripts/check_data.py [--data-dir DIR]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fengong.data.load import check, check_library
from fengong.data.readers import is_library
from fengong.problems import Problem


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="check_data.py", description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=Path("data"))
    args = parser.parse_args(argv)
    if is_library(args.data_dir):
        return _check_library(args.data_dir)
    site, problems = check(args.data_dir)
    if site is None:
        return _invalid(args.data_dir, problems)
    _print_warnings(problems)
    print(
        f"{args.data_dir}: ok: {len(site.tasks)} tasks, {len(site.clauses)} clauses, "
        f"{len(site.parts)} parts, {len(site.units)} units"
    )
    return 0


def _check_library(data_dir: Path) -> int:
    """A library (data/notices/<slug>/): every notice, and one line for each."""
    library, problems = check_library(data_dir)
    if library is None:
        return _invalid(data_dir, problems)
    _print_warnings(problems)
    print(f"{data_dir}: ok: {len(library.sites)} notices, {len(library.units)} units")
    for site in library.sites:
        print(
            f"  {site.notice.slug}: {site.notice.doc_number}: {len(site.tasks)} tasks, "
            f"{len(site.units)} units"
        )
    return 0


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
        f"{data_dir}: invalid ({len(errors)} error(s), {len(warnings)} warning(s)); "
        "fix the error(s) listed last above",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
