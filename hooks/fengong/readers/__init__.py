"""One reader per data file: each reads its YAML, checks it against its shape (shapes.py)
and returns (records, problems). `read_data` reads a whole data directory."""

from __future__ import annotations

from pathlib import Path

from ..problems import Problem
from ..records import DataSet
from .curated import read_document, read_synonyms, read_tags, read_targets
from .notice import read_notice
from .progress import read_progress
from .units import read_units

NOTICE_FILE = "notice.yaml"
UNITS_FILE = "units.yaml"
REVISIONS_DIR = "revisions"
CURATED_FILES = (UNITS_FILE, "tags.yaml", "targets.yaml", "synonyms.yaml", "document.yaml")


def read_data(data_dir: Path, shown_dir: str | None = None) -> tuple[DataSet | None, list[Problem]]:
    """Every data file of data_dir as records, and every problem each file has on its own.
    The DataSet is None when a required file is missing or unreadable."""
    shown_dir = (shown_dir if shown_dir is not None else str(data_dir)).rstrip("/")

    def shown(name: str) -> str:
        return f"{shown_dir}/{name}"

    problems: list[Problem] = []
    for name, hint in (
        (NOTICE_FILE, "import a notice first: python scripts/import_notice.py SOURCE"),
        (UNITS_FILE, "import a notice to create it"),
    ):
        if not (data_dir / name).exists():
            problems.append(Problem(shown(name), 0, f"missing data file; {hint}"))
    if problems:
        return None, problems

    notice, found = read_notice(data_dir / NOTICE_FILE, shown(NOTICE_FILE))
    problems += found
    units, found = read_units(data_dir / UNITS_FILE, shown(UNITS_FILE))
    problems += found
    tags, found = read_tags(data_dir / "tags.yaml", shown("tags.yaml"))
    problems += found
    targets, found = read_targets(data_dir / "targets.yaml", shown("targets.yaml"))
    problems += found
    synonyms, found = read_synonyms(data_dir / "synonyms.yaml", shown("synonyms.yaml"))
    problems += found
    document, found = read_document(data_dir / "document.yaml", shown("document.yaml"))
    problems += found

    progress, found = read_progress(data_dir, shown_dir)
    problems += found

    revisions = {}
    current = (data_dir / NOTICE_FILE).read_bytes()
    for path in sorted((data_dir / REVISIONS_DIR).glob("*/notice.yaml")):
        if path.read_bytes() == current:
            # The current revision's snapshot is a copy of notice.yaml: read (and report
            # its problems) once.
            if notice is not None:
                revisions[path.parent.name] = notice
            continue
        snapshot, found = read_notice(path, shown(path.relative_to(data_dir).as_posix()))
        problems += found
        if snapshot is not None:
            revisions[path.parent.name] = snapshot

    if notice is None or units is None:
        return None, problems
    return (
        DataSet(
            data_dir=data_dir,
            notice=notice,
            revisions=revisions,
            units=units,
            tags=tags,
            targets=targets,
            synonyms=synonyms,
            document=document,
            progress=progress,
        ),
        problems,
    )
