"""Report what changed between two revisions of a notice: tasks matched by content.

python scripts/diff_revisions.py OLD NEW [--json]

OLD and NEW are each a notice text (.txt or .docx, parsed as the importer parses it) or a
data directory holding notice.yaml (or that notice.yaml itself).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from fengong.cli import ArgumentParser
from fengong.data import revisions, yamlio
from fengong.importer import datafiles, revision_report
from fengong.importer import messages as m
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
                        m.DIFF_NO_NOTICE_FILE.format(file=datafiles.NOTICE_FILE),
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
        message = m.DIFF_NO_SUCH_FILE
    else:
        message = m.DIFF_UNKNOWN_KIND.format(
            what=path.suffix or path.name, file=datafiles.NOTICE_FILE
        )
    raise ProblemsFound([Problem(shown, 0, message)])


def _check_document(document: object, shown: str) -> list[Problem]:
    """Just enough of a notice.yaml's shape for a comparison; `make check` does the rest."""
    if not isinstance(document, dict) or not isinstance(document.get("tasks"), list):
        return [
            Problem(
                shown,
                getattr(document, "line", 1) or 1,
                m.DIFF_NOT_NOTICE,
            )
        ]
    problems = []
    seen: dict[int, int] = {}
    for position, task in enumerate(document["tasks"], start=1):
        line = getattr(task, "line", 0) or getattr(document["tasks"], "line", 0)
        if not isinstance(task, dict):
            problems.append(Problem(shown, line, m.DIFF_TASK_NOT_MAPPING.format(position=position)))
            continue
        number = task.get("number")
        if not isinstance(number, int) or isinstance(number, bool):
            problems.append(
                Problem(
                    shown, line, m.DIFF_NUMBER_NOT_INTEGER.format(position=position, number=number)
                )
            )
        elif number in seen:
            problems.append(
                Problem(
                    shown, line, m.DIFF_DUPLICATE_NUMBER.format(number=number, first=seen[number])
                )
            )
        else:
            seen[number] = line
        if not isinstance(task.get("text", ""), str):
            problems.append(Problem(shown, line, m.DIFF_TEXT_NOT_STRING.format(position=position)))
        for key in ("units", "lead"):
            value = task.get(key, [])
            if not isinstance(value, list) or not all(isinstance(u, str) for u in value):
                problems.append(
                    Problem(shown, line, m.DIFF_NOT_NAME_LIST.format(position=position, key=key))
                )
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = ArgumentParser(
        prog="diff_revisions.py",
        description="比较一份通知的两个修订版：新增、删除、重新编号、改写、移动的任务，"
        "以及责任单位或牵头单位的变化。",
    )
    parser.add_argument(
        "old", type=Path, help="较早的修订版：.txt、.docx 或数据目录（或其中的 notice.yaml）"
    )
    parser.add_argument(
        "new", type=Path, help="较晚的修订版：.txt、.docx 或数据目录（或其中的 notice.yaml）"
    )
    parser.add_argument("--json", action="store_true", help="以 JSON 输出变化")
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
