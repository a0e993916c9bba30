"""A single-layout data directory becomes a library of one notice, in one step.

The notice's own files and folders (readers/layout.NOTICE_OWN) move into notices/<slug>/,
the registries stay at the top, and library.yaml records which notice the single site
published (moved_from_single), so the site keeps its old addresses leading to the new ones
and its calendars' event ids. All or nothing: the moved layout is checked first on a staged
copy, the moves are renames (atomic, and git sees them as moves), and a failure part way
puts every name back.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..data import load
from ..data.readers.layout import LIBRARY_FILE, NOTICE_FILE, NOTICE_OWN, NOTICES_DIR, is_library
from ..data.shapes import NOTICE_SLUG
from ..problems import Problem
from . import datafiles
from . import messages as m
from .slugs import notice_slug


@dataclass
class Moved:
    """What a move did (renames, in order, and library.yaml's text before: None when it was
    not there), so that undo() can put everything back."""

    data_dir: Path
    slug: str = ""
    renames: list[tuple[Path, Path]] = field(default_factory=list)
    settings_before: bytes | None = None
    report: list[str] = field(default_factory=list)

    def undo(self) -> None:
        for source, target in reversed(self.renames):
            target.rename(source)
        settings = self.data_dir / LIBRARY_FILE
        if self.settings_before is None:
            settings.unlink(missing_ok=True)
        else:
            settings.write_bytes(self.settings_before)
        for folder in (self.data_dir / NOTICES_DIR / self.slug, self.data_dir / NOTICES_DIR):
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
        self.renames.clear()


def needed(data_dir: Path) -> bool:
    """A single-layout directory holding a notice: an import into a named notice folder
    moves that notice into the library layout first."""
    return not is_library(data_dir) and (data_dir / NOTICE_FILE).is_file()


def slug_for(data_dir: Path) -> str | None:
    """The slug a single-layout directory's notice moves to: made from its 文号."""
    current = datafiles.read_current(data_dir) or {}
    return notice_slug((current.get("notice") or {}).get("doc_number") or "")


def move_to_library(
    data_dir: Path, slug: str | None = None, shown_dir: str | None = None
) -> tuple[Moved | None, list[Problem]]:
    """Move data_dir's notice into data_dir/notices/<slug>/ (slug: made from its 文号 when
    not given). Returns what was done, or None and every problem, data_dir unchanged.
    The caller holds the data directory's lock (importer/lock.py)."""
    shown = (shown_dir or str(data_dir)).rstrip("/")
    if is_library(data_dir):
        return None, [Problem(f"{shown}/{NOTICES_DIR}/", 0, m.ALREADY_LIBRARY)]
    if not (data_dir / NOTICE_FILE).is_file():
        message = m.NOTHING_TO_MOVE
        return None, [Problem(f"{shown}/{NOTICE_FILE}", 0, message)]
    slug = slug or slug_for(data_dir)
    if not slug:
        message = m.NO_SLUG_FROM_DOC_NUMBER
        return None, [Problem(f"{shown}/{NOTICE_FILE}", 0, message)]
    if not NOTICE_SLUG.match(slug):
        message = m.BAD_SLUG.format(slug=slug)
        return None, [Problem("--notice", 0, message)]
    names = [name for name in NOTICE_OWN if (data_dir / name).exists()]
    settings_path = data_dir / LIBRARY_FILE
    before = settings_path.read_bytes() if settings_path.exists() else None
    settings = _settings_text(before, slug)

    # The moved layout, checked on a staged copy first (hard links: no time, no space).
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=data_dir.parent, prefix=".move-") as tmp:
        staged = Path(tmp) / "data"
        shutil.copytree(data_dir, staged, copy_function=datafiles._link_or_copy)
        _rename_all(staged, slug, names, [])
        (staged / LIBRARY_FILE).unlink(missing_ok=True)
        (staged / LIBRARY_FILE).write_bytes(settings)
        _, problems = load.check_library(staged, shown_dir=shown)
    if any(p.severity == "error" for p in problems):
        return None, problems

    moved = Moved(data_dir=data_dir, slug=slug, settings_before=before)
    try:
        _rename_all(data_dir, slug, names, moved.renames)
        temporary = settings_path.with_name(f".{LIBRARY_FILE}.tmp")
        temporary.write_bytes(settings)
        temporary.replace(settings_path)
    except BaseException:
        moved.undo()
        raise
    folder = f"{shown}/{NOTICES_DIR}/{slug}/"
    moved.report.append(
        m.MOVED.format(
            folder=folder, names="、".join(names), settings=f"{shown}/{LIBRARY_FILE}", slug=slug
        )
    )
    return moved, problems


def _rename_all(data_dir: Path, slug: str, names: list[str], done: list) -> None:
    folder = data_dir / NOTICES_DIR / slug
    folder.mkdir(parents=True)
    for name in names:
        pair = (data_dir / name, folder / name)
        pair[0].rename(pair[1])
        done.append(pair)


def _settings_text(before: bytes | None, slug: str) -> bytes:
    """library.yaml with moved_from_single: slug; a library.yaml already there (a name set
    before the move) keeps every line it had."""
    line = f"moved_from_single: {slug}\n"
    if before is None:
        head = (
            "# This library's own settings (README: many notices). moved_from_single: the notice\n"
            "# the single-notice site published; its old addresses lead to its pages here.\n"
        )
        return (head + line).encode("utf-8")
    text = before.decode("utf-8")
    kept = [
        row for row in text.splitlines(keepends=True) if not row.startswith("moved_from_single:")
    ]
    body = "".join(kept)
    if body and not body.endswith("\n"):
        body += "\n"
    return (body + line).encode("utf-8")
