"""data/ → a validated Site: read the YAML files (keeping lines), validate, build the model.

The one entry point for the hooks and the scripts: `load_site(data_dir)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import build, validate
from .model import Site
from .problems import Problem, ProblemsFound
from .yamlio import read_yaml

NOTICE_FILE = "notice.yaml"
REVISIONS_DIR = "revisions"
CURATED_FILES = ("units.yaml", "tags.yaml", "targets.yaml", "synonyms.yaml")


@dataclass(frozen=True, slots=True)
class RawData:
    """The data files as read, each with the path it is reported under."""

    data_dir: Path
    files: dict[str, object]  # file name → parsed YAML (Located mappings and lists)
    shown: dict[str, str]  # file name → path used in messages
    revisions: dict[str, object]  # revision label → its snapshot of notice.yaml

    def get(self, name: str) -> object:
        return self.files.get(name)


def read_data(data_dir: Path, shown_dir: str | None = None) -> tuple[RawData, list[Problem]]:
    shown_dir = shown_dir if shown_dir is not None else str(data_dir)
    files: dict[str, object] = {}
    shown: dict[str, str] = {}
    problems: list[Problem] = []
    for name in (NOTICE_FILE, *CURATED_FILES):
        path = data_dir / name
        shown[name] = f"{shown_dir.rstrip('/')}/{name}"
        if not path.exists():
            if name in (NOTICE_FILE, "units.yaml"):
                hint = (
                    "import a notice first: python scripts/import_notice.py SOURCE"
                    if name == NOTICE_FILE
                    else "import a notice to create it"
                )
                problems.append(Problem(shown[name], 0, f"missing data file; {hint}"))
            continue
        value, found = read_yaml(path, shown[name])
        problems += found
        if value is not None:
            files[name] = value
    revisions: dict[str, object] = {}
    for path in sorted((data_dir / REVISIONS_DIR).glob("*/notice.yaml")):
        rel = path.relative_to(data_dir).as_posix()
        shown[rel] = f"{shown_dir.rstrip('/')}/{rel}"
        current = data_dir / NOTICE_FILE
        if NOTICE_FILE in files and path.read_bytes() == current.read_bytes():
            # The current revision's snapshot is a copy of notice.yaml: read it once.
            revisions[path.parent.name] = files[NOTICE_FILE]
            continue
        value, found = read_yaml(path, shown[rel])
        problems += found
        if value is not None:
            revisions[path.parent.name] = value
    return RawData(data_dir, files, shown, revisions), problems


def check(data_dir: Path, shown_dir: str | None = None) -> tuple[Site | None, list[Problem]]:
    """Every problem in data_dir, and the Site when there is no error."""
    raw, problems = read_data(data_dir, shown_dir)
    if any(p.severity == "error" for p in problems):
        return None, sorted(problems)
    problems += validate.validate(raw)
    if any(p.severity == "error" for p in problems):
        return None, sorted(problems)
    return build.build_site(raw), sorted(problems)


def load_site(data_dir: Path, shown_dir: str | None = None) -> tuple[Site, list[Problem]]:
    """The Site and its warnings; raises ProblemsFound with every problem on any error."""
    site, problems = check(data_dir, shown_dir)
    if site is None:
        raise ProblemsFound(problems)
    return site, problems
