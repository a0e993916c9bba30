"""Validate the data directory without building the site (fast; for CI and editors).

python scripts/check_data.py [--data-dir DIR]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fengong.data.load import check, check_library
from fengong.data.readers import is_library


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="check_data.py", description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=Path("data"))
    args = parser.parse_args(argv)
    if is_library(args.data_dir):
        return _check_library(args.data_dir)
    site, problems = check(args.data_dir)
    for problem in problems:
        print(problem, file=sys.stderr)
    if site is None:
        print(f"{args.data_dir}: invalid ({len(problems)} problem(s))", file=sys.stderr)
        return 1
    print(
        f"{args.data_dir}: ok: {len(site.tasks)} tasks, {len(site.clauses)} clauses, "
        f"{len(site.parts)} parts, {len(site.units)} units"
    )
    return 0


def _check_library(data_dir: Path) -> int:
    """A library (data/notices/<slug>/): every notice, and one line for each."""
    library, problems = check_library(data_dir)
    for problem in problems:
        print(problem, file=sys.stderr)
    if library is None:
        print(f"{data_dir}: invalid ({len(problems)} problem(s))", file=sys.stderr)
        return 1
    print(f"{data_dir}: ok: {len(library.sites)} notices, {len(library.units)} units")
    for site in library.sites:
        print(
            f"  {site.notice.slug}: {site.notice.doc_number}: {len(site.tasks)} tasks, "
            f"{len(site.units)} units"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
