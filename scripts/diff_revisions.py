"""Report what changed between two revisions of a notice: tasks matched by content.

python scripts/diff_revisions.py OLD NEW [--json]

OLD and NEW are each a notice text (.txt or .docx, parsed as the importer parses it) or a
data directory holding notice.yaml (or that notice.yaml itself).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from fengong.data import revisions, yamlio
from fengong.importer import datafiles, revision_report
from fengong.importer.parse import parse
from fengong.importer.read import read_lines
from fengong.problems import Problem, ProblemsFound

TEXT_SUFFIXES = (".txt", ".docx")


def load_notice(path: Path) -> tuple[dict, str, list[Problem]]:
    """A notice document from a source text or a notice.yaml, the file it came from, and
    any warnings; ProblemsFound when it cannot be read."""
    shown = str(path)
    if path.is_dir():
        path = path / datafiles.NOTICE_FILE
        shown = str(path)
        if not path.is_file():
            raise ProblemsFound(
                [
                    Problem(
                        str(path.parent),
                        0,
                        f"no {datafiles.NOTICE_FILE} in this directory; expected a data "
                        "directory, or a notice text (.txt or .docx)",
                    )
                ]
            )
    if path.suffix.lower() in TEXT_SUFFIXES:
        lines = read_lines(path, shown)
        parsed, warnings = parse(lines, shown)
        return datafiles.notice_document(parsed, shown), shown, warnings
    if path.suffix.lower() in (".yaml", ".yml"):
        document, problems = yamlio.read_yaml(path, shown)
        if problems:
            raise ProblemsFound(problems)
        check = _check_document(document, shown)
        if check:
            raise ProblemsFound(check)
        return document, shown, []
    if not path.exists():
        message = "no such file or directory"
    else:
        message = (
            f"cannot tell what '{path.suffix or path.name}' holds; expected a notice text "
            f"(.txt or .docx), a data directory or its {datafiles.NOTICE_FILE}"
        )
    raise ProblemsFound([Problem(shown, 0, message)])


def _check_document(document: object, shown: str) -> list[Problem]:
    """Just enough of a notice.yaml's shape for a comparison; `make check` does the rest."""
    if not isinstance(document, dict) or not isinstance(document.get("tasks"), list):
        return [
            Problem(
                shown,
                getattr(document, "line", 1) or 1,
                "not a notice.yaml: expected a mapping with a 'tasks' list "
                "(written by scripts/import_notice.py)",
            )
        ]
    problems = []
    seen: dict[int, int] = {}
    for position, task in enumerate(document["tasks"], start=1):
        line = getattr(task, "line", 0) or getattr(document["tasks"], "line", 0)
        if not isinstance(task, dict):
            problems.append(Problem(shown, line, f"task #{position}: expected a mapping"))
            continue
        number = task.get("number")
        if not isinstance(number, int) or isinstance(number, bool):
            problems.append(
                Problem(
                    shown, line, f"task #{position}: 'number' must be an integer, found {number!r}"
                )
            )
        elif number in seen:
            problems.append(
                Problem(
                    shown, line, f"task {number}: duplicate number (first at line {seen[number]})"
                )
            )
        else:
            seen[number] = line
        if not isinstance(task.get("text", ""), str):
            problems.append(Problem(shown, line, f"task #{position}: 'text' must be a string"))
        for key in ("units", "lead"):
            value = task.get(key, [])
            if not isinstance(value, list) or not all(isinstance(u, str) for u in value):
                problems.append(
                    Problem(shown, line, f"task #{position}: '{key}' must be a list of names")
                )
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="diff_revisions.py",
        description="Compare two revisions of a notice: tasks added, removed, renumbered, "
        "reworded, moved, with units or leads changed.",
    )
    parser.add_argument("old", type=Path, help="the earlier revision: .txt, .docx or data dir")
    parser.add_argument("new", type=Path, help="the later revision: .txt, .docx or data dir")
    parser.add_argument("--json", action="store_true", help="print the changes as JSON")
    args = parser.parse_args(argv)

    documents, labels = [], []
    problems: list[Problem] = []
    for path in (args.old, args.new):
        try:
            document, shown, warnings = load_notice(path)
        except ProblemsFound as found:
            problems += found.problems
            continue
        problems += warnings
        documents.append(document)
        labels.append(shown)
    for problem in sorted(problems):
        print(problem, file=sys.stderr)
    if any(p.severity == "error" for p in problems):
        return 1

    diff = revisions.diff_notices(*documents, old_label=labels[0], new_label=labels[1])
    if args.json:
        report = revision_report.to_json(diff)
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(revision_report.to_text(diff))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
