"""One reader per data file: each reads its YAML, checks it against its shape (shapes.py)
and returns (records, problems). `read_data` reads a single-notice data directory,
`read_library` any data directory: the shared registries once, then each notice folder
(readers/layout.py says which) with the same readers."""

from __future__ import annotations

from pathlib import Path

from ...problems import Problem
from .. import messages
from ..records import DataSet, NoticeHead, Registries
from .corrections import CORRECTIONS_FILE, read_corrections
from .curated import read_document, read_synonyms, read_tags, read_targets
from .layout import NOTICE_FILE, is_library, layout_problems, notice_folders, slug_of
from .notice import read_head, read_notice
from .progress import read_progress
from .units import read_units

UNITS_FILE = "units.yaml"
REVISIONS_DIR = "revisions"
CURATED_FILES = (
    UNITS_FILE,
    "tags.yaml",
    "targets.yaml",
    "synonyms.yaml",
    "document.yaml",
    CORRECTIONS_FILE,
)
IMPORT_HINT = messages.IMPORT_FIRST.format(notice="")


def _import_hint(slug: str) -> str:
    return messages.IMPORT_FIRST.format(notice=messages.NOTICE_OPTION.format(slug=slug))


__all__ = [
    "CURATED_FILES",
    "NOTICE_FILE",
    "is_library",
    "read_data",
    "read_joining",
    "read_library",
]


def _shown_dir(data_dir: Path, shown_dir: str | None) -> str:
    return (shown_dir if shown_dir is not None else str(data_dir)).rstrip("/")


def read_data(data_dir: Path, shown_dir: str | None = None) -> tuple[DataSet | None, list[Problem]]:
    """Every data file of a single-notice data_dir as records, and every problem each file
    has on its own. The DataSet is None when a required file is missing or unreadable."""
    shown_dir = _shown_dir(data_dir, shown_dir)
    problems: list[Problem] = []
    for name, hint in ((NOTICE_FILE, IMPORT_HINT), (UNITS_FILE, messages.UNITS_BY_IMPORT)):
        if not (data_dir / name).exists():
            message = messages.MISSING_FILE.format(hint=hint)
            problems.append(Problem(f"{shown_dir}/{name}", 0, message))
    if problems:
        return None, problems
    registries, problems = read_registries(data_dir, shown_dir)
    data, found = read_notice_folder(data_dir, shown_dir, registries, slug="")
    return data, problems + found


def read_library(
    data_dir: Path, shown_dir: str | None = None
) -> tuple[tuple[DataSet, ...] | None, list[Problem]]:
    """Each notice of data_dir (either layout) as a DataSet, in folder order, and every
    problem each file has on its own; None when any notice cannot be read."""
    shown_dir = _shown_dir(data_dir, shown_dir)
    if not is_library(data_dir):
        data, problems = read_data(data_dir, shown_dir)
        return (None if data is None else (data,)), problems
    registries, problems = _library_registries(data_dir, shown_dir)
    if registries is None:
        return None, problems
    notices = []
    for folder in notice_folders(data_dir):
        slug = slug_of(folder, data_dir)
        shown = f"{shown_dir}/{folder.relative_to(data_dir).as_posix()}"
        if not (folder / NOTICE_FILE).exists():
            message = messages.MISSING_FILE.format(hint=_import_hint(slug))
            problems.append(Problem(f"{shown}/{NOTICE_FILE}", 0, message))
            continue
        data, found = read_notice_folder(folder, shown, registries, slug=slug)
        problems += found
        notices.append(data)
    if any(data is None for data in notices) or registries.units is None:
        return None, problems
    return tuple(notices), problems


def read_joining(
    data_dir: Path, slug: str, shown_dir: str | None = None
) -> tuple[DataSet | None, tuple[NoticeHead, ...], list[Problem]]:
    """One notice of a library read whole, with the registries, and the head (文号) of every
    other notice: what the importer checks after adding or revising that notice, in the
    time of one notice, not of the library. A head not in the importer's form is read whole."""
    shown_dir = _shown_dir(data_dir, shown_dir)
    registries, problems = _library_registries(data_dir, shown_dir)
    if registries is None:
        return None, (), problems
    heads = []
    data = None
    for folder in notice_folders(data_dir):
        folder_slug = slug_of(folder, data_dir)
        shown = f"{shown_dir}/{folder.relative_to(data_dir).as_posix()}"
        if folder_slug == slug:
            data, found = read_notice_folder(folder, shown, registries, slug=slug)
            problems += found
            continue
        path, shown_file = folder / NOTICE_FILE, f"{shown}/{NOTICE_FILE}"
        head = read_head(path, shown_file, folder_slug) if path.exists() else None
        if head is None and path.exists():
            record, found = read_notice(path, shown_file)
            problems += found
            head = None if record is None else NoticeHead.of(record, folder_slug)
        if head is not None:
            heads.append(head)
    if data is None and not problems:
        message = messages.NO_NOTICE_FOLDER.format(slug=slug, hint=_import_hint(slug))
        problems.append(Problem(f"{shown_dir}/notices/{slug}/", 0, message))
    return data, tuple(heads), problems


def _library_registries(data_dir: Path, shown_dir: str) -> tuple[Registries | None, list[Problem]]:
    """A library's registries, or None and why not: its layout unreadable, or no units.yaml."""
    problems = layout_problems(data_dir, shown_dir)
    if problems:
        return None, problems
    if not (data_dir / UNITS_FILE).exists():
        message = messages.MISSING_FILE.format(hint=messages.UNITS_BY_IMPORT)
        return None, [Problem(f"{shown_dir}/{UNITS_FILE}", 0, message)]
    return read_registries(data_dir, shown_dir)


def read_registries(data_dir: Path, shown_dir: str) -> tuple[Registries, list[Problem]]:
    """The files every notice of the directory shares: units, tags, synonyms."""

    def shown(name: str) -> str:
        return f"{shown_dir}/{name}"

    units, problems = read_units(data_dir / UNITS_FILE, shown(UNITS_FILE))
    tags, found = read_tags(data_dir / "tags.yaml", shown("tags.yaml"))
    problems += found
    synonyms, found = read_synonyms(data_dir / "synonyms.yaml", shown("synonyms.yaml"))
    problems += found
    return Registries(units=units, tags=tags, synonyms=synonyms), problems


def read_notice_folder(
    folder: Path, shown_dir: str, registries: Registries, *, slug: str
) -> tuple[DataSet | None, list[Problem]]:
    """One notice's own files (notice.yaml, targets.yaml, document.yaml, revisions/,
    progress/) with the shared registries; None when notice.yaml or units.yaml cannot be
    read."""

    def shown(name: str) -> str:
        return f"{shown_dir}/{name}"

    notice, problems = read_notice(folder / NOTICE_FILE, shown(NOTICE_FILE))
    targets, found = read_targets(folder / "targets.yaml", shown("targets.yaml"))
    problems += found
    document, found = read_document(folder / "document.yaml", shown("document.yaml"))
    problems += found
    # Only checked here: the importer applies the corrections (importer/corrections.py).
    _, found = read_corrections(folder / CORRECTIONS_FILE, shown(CORRECTIONS_FILE))
    problems += found

    progress, found = read_progress(folder, shown_dir)
    problems += found

    revisions = {}
    current = (folder / NOTICE_FILE).read_bytes()
    for path in sorted((folder / REVISIONS_DIR).glob("*/notice.yaml")):
        if path.read_bytes() == current:
            # The current revision's snapshot is a copy of notice.yaml: read (and report
            # its problems) once.
            if notice is not None:
                revisions[path.parent.name] = notice
            continue
        snapshot, found = read_notice(path, shown(path.relative_to(folder).as_posix()))
        problems += found
        if snapshot is not None:
            revisions[path.parent.name] = snapshot

    if notice is None or registries.units is None:
        return None, problems
    return (
        DataSet(
            data_dir=folder,
            slug=slug,
            notice=notice,
            revisions=revisions,
            units=registries.units,
            tags=registries.tags,
            targets=targets,
            synonyms=registries.synonyms,
            document=document,
            progress=progress,
        ),
        problems,
    )
