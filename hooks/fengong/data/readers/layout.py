"""Which folders of a data directory are notices: the one place that knows the two layouts.

The single layout keeps one notice at the top (data/notice.yaml, its folder is data/ itself);
the library layout keeps each notice in its own folder, data/notices/<slug>/. Either way the
registries (units.yaml, tags.yaml, synonyms.yaml) sit at the top and are shared, and every
notice folder holds the same files, read the same way. A library may say more of itself in
library.yaml (its name, who runs it, which notice was the single site before the move)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ...problems import Problem
from .. import messages
from ..shapes import NOTICE_SLUG, TEXT, Field, Shape, check
from ..yamlio import read_yaml

NOTICES_DIR = "notices"
NOTICE_FILE = "notice.yaml"
LIBRARY_FILE = "library.yaml"
# A notice's own files and folders (README: the single layout); in a library they belong in
# notices/<slug>/. The registries (units.yaml, tags.yaml, synonyms.yaml) stay at the top.
NOTICE_OWN = (
    NOTICE_FILE,
    "targets.yaml",
    "document.yaml",
    "source",
    "revisions",
    "progress",
)

LIBRARY = Shape(
    {
        "site_name": Field(TEXT, not_empty=True, hint="每页页眉显示的站名"),
        "owner": Field(TEXT, not_empty=True, hint="网站的主办单位，显示在页脚"),
        "moved_from_single": Field(
            TEXT,
            pattern=NOTICE_SLUG,
            hint="单份通知网站所发布通知的 slug（它在 notices/ 下的文件夹名）：原地址转到新地址",
        ),
    }
)


@dataclass(frozen=True, slots=True)
class LibrarySettings:
    """What library.yaml says; every value "" when it does not say it."""

    site_name: str = ""
    owner: str = ""
    moved_from_single: str = ""


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


def read_settings(data_dir: Path, shown_dir: str) -> tuple[LibrarySettings, list[Problem]]:
    """library.yaml of a library (absent: every value ""), and its problems: its shape, a
    moved_from_single naming no notice folder."""
    path = data_dir / LIBRARY_FILE
    shown = f"{shown_dir.rstrip('/')}/{LIBRARY_FILE}"
    if not is_library(data_dir) or not path.exists():
        return LibrarySettings(), []
    data, problems = read_yaml(path, shown)
    if problems:
        return LibrarySettings(), problems
    if data is None:
        return LibrarySettings(), []
    problems = check(data, LIBRARY, shown)
    if problems:
        return LibrarySettings(), problems
    settings = LibrarySettings(**{k: str(v).strip() for k, v in data.items() if v is not None})
    moved = settings.moved_from_single
    if moved and not (data_dir / NOTICES_DIR / moved / NOTICE_FILE).is_file():
        line = getattr(data, "line", 0) or 1
        message = messages.MOVED_NOT_A_NOTICE.format(
            moved=moved, notice=f"{NOTICES_DIR}/{moved}/{NOTICE_FILE}"
        )
        return LibrarySettings(), [Problem(shown, line, message)]
    return settings, []


def layout_problems(data_dir: Path, shown_dir: str) -> list[Problem]:
    """What makes a library's layout unreadable: a notice's own file at the top as well
    (which notice is it? its targets would be dropped without a word), no notice folder at
    all, a folder name that cannot be a URL id, a library.yaml that cannot be read."""
    if not is_library(data_dir):
        return []
    shown = f"{shown_dir}/{NOTICES_DIR}"
    settings, problems = read_settings(data_dir, shown_dir)
    folders = notice_folders(data_dir)
    # Where a stray file belongs: the notice the single site moved, else the only one.
    owner = settings.moved_from_single or (folders[0].name if len(folders) == 1 else "<slug>")
    where = f"{shown}/{owner}/"
    for name in NOTICE_OWN:
        path = data_dir / name
        if not path.exists():
            continue
        kind = "文件夹" if path.is_dir() else "文件"
        problems.append(
            Problem(
                f"{shown_dir}/{name}{'/' if path.is_dir() else ''}",
                0,
                messages.NOTICE_OWN_AT_TOP.format(kind=kind, shown=shown, where=where),
            )
        )
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
