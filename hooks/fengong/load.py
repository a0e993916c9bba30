"""data/ → a validated Site: read every file into records, check them against each other,
build the model. The one entry point for the hooks and the scripts: `load_site(data_dir)`;
`make check` and the build run the same checks through `check`."""

from __future__ import annotations

from pathlib import Path

from .build import build_site
from .model import Site
from .problems import Problem, ProblemsFound
from .readers import read_data
from .validate import validate


def _has_error(problems: list[Problem]) -> bool:
    return any(p.severity == "error" for p in problems)


def check(data_dir: Path, shown_dir: str | None = None) -> tuple[Site | None, list[Problem]]:
    """Every problem in data_dir, and the Site when there is no error. A file whose shape is
    wrong stops here, before the files are checked against each other: one problem is
    reported once, not again as the problems it causes elsewhere."""
    data, problems = read_data(data_dir, shown_dir)
    if data is None or _has_error(problems):
        return None, sorted(problems)
    problems += validate(data)
    if _has_error(problems):
        return None, sorted(problems)
    return build_site(data), sorted(problems)


def load_site(data_dir: Path, shown_dir: str | None = None) -> tuple[Site, list[Problem]]:
    """The Site and its warnings; raises ProblemsFound with every problem on any error."""
    site, problems = check(data_dir, shown_dir)
    if site is None:
        raise ProblemsFound(problems)
    return site, problems
