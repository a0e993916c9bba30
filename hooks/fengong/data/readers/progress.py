"""data/progress/<period>/<unit>.yaml → ProgressRecords: the returned ledgers, each optional.
An absent data/progress/ means no unit has reported yet."""

from __future__ import annotations

from pathlib import Path

from ...model import ProgressContribution, ProgressEntry, Source
from ...problems import Problem
from .. import messages
from ..records import ProgressRecord
from ..shapes import PROGRESS
from .common import duplicates, line_of, read_checked

PROGRESS_DIR = "progress"


def read_progress(
    data_dir: Path, shown_dir: str
) -> tuple[tuple[ProgressRecord, ...], list[Problem]]:
    records, problems = [], []
    for path in sorted((data_dir / PROGRESS_DIR).glob("*/*.yaml")):
        shown = f"{shown_dir}/{path.relative_to(data_dir).as_posix()}"
        record, found = read_report(path, shown)
        problems += found
        if record is not None:
            records.append(record)
    return tuple(records), problems


def read_report(path: Path, shown: str) -> tuple[ProgressRecord | None, list[Problem]]:
    document, problems = read_checked(path, shown, PROGRESS)
    if document is None:
        if not problems:
            problems = [Problem(shown, 0, messages.EMPTY_LEDGER)]
        return None, problems
    entries = document["reports"]
    contributions = document.get("contributions") or []
    problems = duplicates(
        entries,
        lambda e: e["task"],
        shown,
        lambda e, first: messages.REPORTED_TWICE.format(task=e["task"], first=first),
    )
    problems += duplicates(
        contributions,
        lambda e: e["task"],
        shown,
        lambda e, first: messages.CONTRIBUTED_TWICE.format(task=e["task"], first=first),
    )
    record = ProgressRecord(
        unit=document["unit"],
        period=document["period"],
        received=document["received"],
        revision=document["revision"],
        file=document["file"],
        entries=tuple(
            ProgressEntry(
                task_id=e["task"],
                status=e["status"],
                progress=e["progress"],
                evidence=e.get("evidence", ""),
                source=Source(shown, line_of(e)),
            )
            for e in entries
        ),
        contributions=tuple(
            ProgressContribution(
                task_id=e["task"],
                status=e.get("status", ""),
                progress=e.get("progress", ""),
                evidence=e.get("evidence", ""),
                source=Source(shown, line_of(e)),
            )
            for e in contributions
        ),
        folder=path.parent.name,
        stem=path.stem,
        source=Source(shown, line_of(document)),
    )
    return record, problems
