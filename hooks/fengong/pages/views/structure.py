"""The views of the notice's structure: the list of parts and clauses, a part, a clause."""

from __future__ import annotations

from dataclasses import dataclass

from ...model import Clause, Part, Site, Task, Unit
from .. import paths

# (unit, tasks led, tasks shared, tasks without a lead)
Involvement = tuple[tuple[Unit, int, int, int], ...]


# -- parts and clauses -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PartEntry:
    part: Part
    anchor: str
    clauses: tuple[Clause, ...]


@dataclass(frozen=True, slots=True)
class PartsIndex:
    parts: tuple[PartEntry, ...]
    clauses: tuple[Clause, ...]  # every clause: listed alone when the notice has no parts


def parts_index(site: Site, page: str) -> PartsIndex:
    parts = tuple(
        PartEntry(part=p, anchor=paths.part_anchor(p.number), clauses=site.clauses_in(p))
        for p in site.parts
    )
    return PartsIndex(parts=parts, clauses=site.clauses)


# -- a part ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ClauseSection:
    clause: Clause
    anchor: str
    tasks: tuple[Task, ...]


@dataclass(frozen=True, slots=True)
class PartPage:
    part: Part
    clause_count: int
    task_count: int
    clauses: tuple[ClauseSection, ...]
    loose: tuple[Task, ...]  # tasks outside any clause
    involvement: Involvement


def part_page(site: Site, page: str, part: Part) -> PartPage:
    tasks = site.tasks_in(part)
    clauses = []
    for n in part.clause_numbers:
        clause = site.clause(part.number, n)
        anchor = paths.clause_anchor(n)
        clauses.append(ClauseSection(clause=clause, anchor=anchor, tasks=site.tasks_in(clause)))
    return PartPage(
        part=part,
        clause_count=len(part.clause_numbers),
        task_count=len(tasks),
        clauses=tuple(clauses),
        loose=tuple(t for t in tasks if t.clause is None),
        involvement=tuple(site.involvement(tasks)),
    )


# -- a clause ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ClausePage:
    clause: Clause
    part: Part | None
    tasks: tuple[Task, ...]
    involvement: Involvement


def clause_page(site: Site, page: str, clause: Clause) -> ClausePage:
    tasks = site.tasks_in(clause)
    return ClausePage(
        clause=clause,
        part=site.part(clause.part),
        tasks=tasks,
        involvement=tuple(site.involvement(tasks)),
    )
