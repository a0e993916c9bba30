"""corrections.yaml: the office's corrections of what the importer read, curated by hand,
optional. The build checks the file; the importer applies it (importer/corrections.py)."""

from __future__ import annotations

from pathlib import Path

from ...model import TASK_ROLES, Source
from ...problems import Problem
from .. import messages as m
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
    label = m.CORR_LABEL.format(task=entry["task"]) if "task" in entry else m.CORR_LABEL_NO_TASK

    def problem(message: str) -> tuple[None, list[Problem]]:
        return None, [Problem(shown, line, m.CORR_PROBLEM.format(label=label, message=message))]

    actions = [key for key in _ACTION_KEYS if entry.get(key) not in (None, False)]
    if len(actions) > 1:
        return problem(
            m.CORR_TWO_ACTIONS.format(actions=m.CORR_AND.join(f"'{a}'" for a in actions))
        )
    action = (
        {"split_at": "split", "join_next": "join"}.get(actions[0], actions[0])
        if actions
        else "units"
    )
    if action == "is_task" and "task" in entry:
        pass  # the number the notice gives the line, where it gives one
    elif "task" not in entry and action != "is_task":
        return problem(m.CORR_NO_TASK)
    fix, found = _units(entry, shown, line, label)
    if found:
        return None, found
    if action == "not_a_task" and not fix.empty:
        return problem(m.CORR_NOT_A_TASK_UNITS)
    if action == "units" and fix.empty:
        return problem(m.CORR_NOTHING)
    second = UnitsCorrection()
    if "second" in entry:
        if action != "split":
            return problem(m.CORR_SECOND)
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
            messages.append(m.CORR_UNITS_TWICE.format(names="、".join(twice)))
        if lead is not None and any(n not in units for n in lead):
            missing = "、".join(n for n in lead if n not in units)
            messages.append(m.CORR_LEAD_NOT_IN_UNITS.format(missing=missing))
    if roles is not None:
        unknown = sorted({r for r in roles if r not in TASK_ROLES})
        if unknown:
            messages.append(
                m.CORR_UNKNOWN_ROLE.format(roles=m.quoted(unknown), known=m.quoted(TASK_ROLES))
            )
        elif units is None:
            messages.append(m.CORR_ROLES_NEED_UNITS)
        elif len(roles) != len(units):
            messages.append(m.CORR_ROLES_COUNT.format(roles=len(roles), units=len(units)))
        elif lead is not None and set(lead) != {
            u for u, r in zip(units, roles, strict=True) if r == "lead"
        }:
            messages.append(m.CORR_LEAD_ROLES_DIFFER)
    problems = [
        Problem(shown, line, m.CORR_PROBLEM.format(label=label, message=message))
        for message in messages
    ]
    return UnitsCorrection(units=units, lead=lead, roles=roles), problems
