"""Which folders of a data directory are notices: the one place that knows the two layouts.

The single layout keeps one notice at the top (data/notice.yaml, its folder is data/ itself);
the library layout keeps each notice in its own folder, data/notices/<slug>/. Either way the
registries (units.yaml, tags.yaml, synonyms.yaml) sit at the top and are shared, and every
notice folder holds the same files, read the same way."""

from __future__ import annotations

from pathlib import Path

from ...problems import Problem
from .. import messages
from ..shapes import NOTICE_SLUG

NOTICES_DIR = "notices"
NOTICE_FILE = "notice.yaml"


def is_library(data_dir: Path) -> bool:
    return (data_dir / NOTICES_DIR).is_dir()


def notice_folders(data_dir: Path) -> list[Path]:
    """[data_dir] in the single layout, else every folder of data_dir/notices/ by name."""
    if not is_library(data_dir):
        return [data_dir]
    return sorted(p for p in (data_dir / NOTICES_DIR).iterdir() if p.is_dir())


def slug_of(folder: Path, data_dir: Path) -> str:
    """A notice's slug: its folder's name; "" for the single layout's notice."""
    return "" if folder == data_dir else folder.name


def layout_problems(data_dir: Path, shown_dir: str) -> list[Problem]:
    """What makes a library's layout unreadable: a notice at the top as well (which one is
    meant?), no notice folder at all, a folder name that cannot be a URL id."""
    if not is_library(data_dir):
        return []
    shown = f"{shown_dir}/{NOTICES_DIR}"
    problems = []
    if (data_dir / NOTICE_FILE).exists():
        problems.append(
            Problem(
                f"{shown_dir}/{NOTICE_FILE}",
                0,
                messages.NOTICE_AT_TOP.format(shown=shown),
            )
        )
    folders = notice_folders(data_dir)
    if not folders:
        problems.append(
            Problem(
                f"{shown}/",
                0,
                messages.NO_NOTICE_FOLDERS,
            )
        )
    for folder in folders:
        if not NOTICE_SLUG.match(folder.name):
            problems.append(
                Problem(
                    f"{shown}/{folder.name}/",
                    0,
                    messages.BAD_FOLDER_NAME.format(name=folder.name),
                )
            )
    return problems
