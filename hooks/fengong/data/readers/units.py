"""units.yaml → the unit registry: each unit once, each name pointing to one unit."""

from __future__ import annotations

from pathlib import Path

from ...model import Source, Unit
from ...problems import Problem
from .. import messages
from ..shapes import UNITS
from .common import duplicates, line_of, read_checked


def read_units(path: Path, shown: str) -> tuple[tuple[Unit, ...] | None, list[Problem]]:
    document, problems = read_checked(path, shown, UNITS)
    if document is None:
        if not problems:
            problems = [Problem(shown, 0, messages.UNITS_NOT_MAPPING)]
        return None, problems
    entries = document["units"]
    problems = duplicates(
        entries,
        lambda u: u["id"],
        shown,
        lambda u, first: messages.UNIT_TWICE.format(id=u["id"], first=first),
    )
    problems += _names_used_twice(entries, shown)
    problems += _replacements(entries, shown)
    for entry in entries:
        if entry.get("kind", "uncurated") == "uncurated":
            problems.append(
                Problem(
                    shown,
                    line_of(entry),
                    messages.UNIT_UNCURATED.format(id=entry["id"], name=entry["name"]),
                    "warning",
                )
            )
    units = tuple(
        Unit(
            id=u["id"],
            name=u["name"],
            full_name=u.get("full_name") or "",
            aliases=tuple(u.get("aliases") or ()),
            written_as=tuple(u.get("written_as") or ()),
            kind=u.get("kind") or "uncurated",
            notes=u.get("notes") or "",
            hosts=tuple(u.get("hosts") or ()),
            members=tuple(u.get("members") or ()),
            replaced_by=u.get("replaced_by") or "",
            former_names=tuple(u.get("former_names") or ()),
            place=u.get("place") or "",
            source=Source(shown, line_of(u)),
        )
        for u in entries
    )
    return units, problems


def _names_used_twice(entries, shown: str) -> list[Problem]:
    """A name (as written, or an alias) must point to one unit of a place. Two places may
    each have their 区财政局, and an informal alias of one place's unit may be another
    place's written name (the district's alias 发展改革委 is the national commission's name
    in a State Council notice): a name as written wins over an alias (UnitRegistry.find)."""
    owner: dict[tuple[str, str], tuple[str, int]] = {}
    problems = []
    for entry in entries:
        uid = entry["id"]
        place = entry.get("place") or ""
        written = (
            entry["name"],
            *entry.get("written_as", ()),
            *entry.get("former_names", ()),
        )
        keys = [(name, place) for name in written]
        # An alias is the unit's everywhere (what people search for): it meets the written
        # names of the unit's own place and every alias.
        keys += [(name, key) for name in entry.get("aliases", ()) for key in (place, "\0alias")]
        said: set[str] = set()  # one problem per name of the unit
        for key in keys:
            name = key[0]
            if key in owner and owner[key][0] != uid and name not in said:
                said.add(name)
                other, other_line = owner[key]
                problems.append(
                    Problem(
                        shown,
                        line_of(entry),
                        messages.NAME_OF_TWO_UNITS.format(
                            id=uid, name=name, other=other, line=other_line
                        ),
                    )
                )
            owner.setdefault(key, (uid, line_of(entry)))
    return problems


def _replacements(entries, shown: str) -> list[Problem]:
    """Each replaced_by names a unit of the registry, and following replaced_by from any
    unit ends at a unit that is not replaced: one problem per chain that goes round, at
    its first unit in the file."""
    lines = {entry["id"]: line_of(entry) for entry in entries}
    successor = {entry["id"]: entry.get("replaced_by") for entry in entries}
    problems = []
    for entry in entries:
        target = successor[entry["id"]]
        if target and target not in lines:
            problems.append(
                Problem(
                    shown,
                    line_of(entry),
                    messages.REPLACED_BY_UNKNOWN.format(id=entry["id"], target=target),
                )
            )
    reported: set[str] = set()
    for entry in entries:
        chain = [entry["id"]]
        while successor.get(chain[-1]) in lines and successor[chain[-1]] not in chain:
            chain.append(successor[chain[-1]])
        target = successor.get(chain[-1])
        if target not in chain:
            continue
        circle = chain[chain.index(target) :]
        if reported.isdisjoint(circle):
            reported.update(circle)
            first = min(circle, key=lambda uid: lines[uid])
            start = circle.index(first)
            shown_circle = " → ".join([*circle[start:], *circle[:start], first])
            problems.append(
                Problem(
                    shown,
                    lines[first],
                    messages.REPLACED_BY_CIRCLE.format(id=first, circle=shown_circle),
                )
            )
    return problems
