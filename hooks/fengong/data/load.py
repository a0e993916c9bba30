"""data/ → a validated Site, or a Library of them: read every file into records, check them
against each other, build the model. The one entry point for the hooks and the scripts:
`load_site(data_dir)` for a single notice (data/notice.yaml), `load_library(data_dir)` for
either layout (data/notices/<slug>/, readers/layout.py); `make check` and the build run
the same checks through `check` and `check_library`."""

from __future__ import annotations

from pathlib import Path

from ..model import Library, Site
from ..problems import Problem, ProblemsFound
from . import messages
from .build import build_library, build_site
from .readers import is_library, read_data, read_joining, read_library
from .readers.layout import NOTICES_DIR, notice_folders
from .validate import validate, validate_joining, validate_library


def _has_error(problems: list[Problem]) -> bool:
    return any(p.severity == "error" for p in problems)


def check(data_dir: Path, shown_dir: str | None = None) -> tuple[Site | None, list[Problem]]:
    """Every problem in data_dir, and the Site when there is no error. A file whose shape is
    wrong stops here, before the files are checked against each other: one problem is
    reported once, not again as the problems it causes elsewhere."""
    if is_library(data_dir):
        shown = (shown_dir if shown_dir is not None else str(data_dir)).rstrip("/")
        slugs = [folder.name for folder in notice_folders(data_dir)]
        message = messages.LIBRARY_NOT_ONE.format(
            notices=NOTICES_DIR, slugs="、".join(slugs), first=slugs[0] if slugs else "SLUG"
        )
        return None, [Problem(f"{shown}/", 0, message)]
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


def check_library(
    data_dir: Path, shown_dir: str | None = None
) -> tuple[Library | None, list[Problem]]:
    """Every problem in data_dir (either layout), and the Library when there is no error:
    any error in any notice, and there is no Library at all."""
    notices, problems = read_library(data_dir, shown_dir)
    if notices is None or _has_error(problems):
        return None, sorted(problems)
    for data in notices:
        problems += validate(data)
    problems += validate_library(notices)
    if _has_error(problems):
        return None, sorted(problems)
    return build_library(notices), sorted(problems)


def check_joining(
    data_dir: Path, slug: str, shown_dir: str | None = None
) -> tuple[Site | None, list[Problem]]:
    """check_library for a library in which one notice (slug) was just imported: that notice
    in full, and between notices what an import can break (readers.read_joining). An import
    changes no other notice and only adds units to the registry; the build checks them all.
    The Site is the notice's, built as build_library builds each notice: alone."""
    data, heads, problems = read_joining(data_dir, slug, shown_dir)
    if data is None or _has_error(problems):
        return None, sorted(problems)
    problems += validate(data)
    slugs = {slug, *(head.slug for head in heads)}
    problems += validate_joining(data, heads, slugs)
    if _has_error(problems):
        return None, sorted(problems)
    return build_site(data), sorted(problems)


def load_library(data_dir: Path, shown_dir: str | None = None) -> tuple[Library, list[Problem]]:
    """The Library and its warnings; raises ProblemsFound with every problem on any error."""
    library, problems = check_library(data_dir, shown_dir)
    if library is None:
        raise ProblemsFound(problems)
    return library, problems
