"""corrections.yaml: the office's corrections of what the importer read, curated by hand,
optional. The build checks the file; the importer applies it (importer/corrections.py)."""

from __future__ import annotations

from pathlib import Path

from ...model import TASK_ROLES, Source
from ...problems import Problem
from ..records import CorrectionRecord, UnitsCorrection
from ..shapes import CORRECTIONS
from .common import line_of, read_checked

CORRECTIONS_FILE = "corrections.yaml"
_ACTION_KEYS = ("not_a_task", "is_task", "split_at", "join_next")


def read_corrections(path: Path, shown: str) -> tuple[tuple[CorrectionRecord, ...], list[Problem]]:
    """Each correction as a record, and every problem of the file on its own (a correction
    that says two things at once, a lead that is not one of its units …)."""
    document, problems = read_checked(path, shown, CORRECTIONS)
    if document is None:
        return (), problems
    records = []
    for entry in document["corrections"]:
        record, found = _record(entry, shown)
        problems += found
        if record is not None:
            records.append(record)
    return tuple(records), problems


def _record(entry, shown: str) -> tuple[CorrectionRecord | None, list[Problem]]:
    line = line_of(entry)
    label = f"correction of task {entry['task']}" if "task" in entry else "correction"

    def problem(message: str) -> tuple[None, list[Problem]]:
        return None, [Problem(shown, line, f"{label}: {message}")]

    actions = [key for key in _ACTION_KEYS if entry.get(key) not in (None, False)]
    if len(actions) > 1:
        return problem(f"says {' and '.join(actions)} at once; write one correction for each")
    action = (
        {"split_at": "split", "join_next": "join"}.get(actions[0], actions[0])
        if actions
        else "units"
    )
    if action == "is_task" and "task" in entry:
        pass  # the number the notice gives the line, where it gives one
    elif "task" not in entry and action != "is_task":
        return problem(
            "missing 'task' (the task's number as the notice publishes it); a line the "
            "importer did not take as a task is named by 'starts' with 'is_task: true'"
        )
    fix, found = _units(entry, shown, line, label)
    if found:
        return None, found
    if action == "not_a_task" and not fix.empty:
        return problem("a line that is not a task has no units; remove 'units', 'lead' and 'roles'")
    if action == "units" and fix.empty:
        return problem(
            "says nothing to correct; give 'units', 'lead' or 'roles', or one of "
            "not_a_task, is_task, split_at, join_next"
        )
    second = UnitsCorrection()
    if "second" in entry:
        if action != "split":
            return problem("'second' goes with 'split_at' (the second task of a split)")
        second, found = _units(entry["second"], shown, line_of(entry["second"]) or line, label)
        if found:
            return None, found
    nxt = entry.get("join_next") or {}
    return (
        CorrectionRecord(
            action=action,
            task=entry.get("task"),
            starts=entry["starts"].strip(),
            fix=fix,
            split_at=(entry.get("split_at") or "").strip(),
            second=second,
            next_task=nxt.get("task"),
            next_starts=(nxt.get("starts") or "").strip(),
            why=entry.get("why") or "",
            source=Source(shown, line),
        ),
        [],
    )


def _units(entry, shown: str, line: int, label: str) -> tuple[UnitsCorrection, list[Problem]]:
    """units, lead and roles, each as given (None where not), when they agree."""
    units = tuple(n.strip() for n in entry["units"]) if "units" in entry else None
    lead = tuple(n.strip() for n in entry["lead"]) if "lead" in entry else None
    roles = tuple(entry["roles"]) if "roles" in entry else None
    messages = []
    if units is not None:
        twice = sorted({n for n in units if units.count(n) > 1})
        if twice:
            messages.append(f"'units' names {'、'.join(twice)} twice")
        if lead is not None and any(n not in units for n in lead):
            missing = "、".join(n for n in lead if n not in units)
            messages.append(f"lead {missing} is not one of 'units'; add it to 'units'")
    if roles is not None:
        unknown = sorted({r for r in roles if r not in TASK_ROLES})
        if unknown:
            messages.append(
                f"unknown role {', '.join(unknown)}; use one of {', '.join(TASK_ROLES)}"
            )
        elif units is None:
            messages.append("'roles' needs 'units' beside it (one role for each unit, in order)")
        elif len(roles) != len(units):
            messages.append(f"'roles' has {len(roles)} entries for {len(units)} units")
        elif lead is not None and set(lead) != {
            u for u, r in zip(units, roles, strict=True) if r == "lead"
        }:
            messages.append("'lead' and the units whose role is lead differ; make them agree")
    problems = [Problem(shown, line, f"{label}: {m}") for m in messages]
    return UnitsCorrection(units=units, lead=lead, roles=roles), problems
