"""Checks between records: what no single entry's shape can say. Numbers that run without
gaps, clauses in parts that exist, unit names the registry knows, target quotes the notice
holds, revision snapshots that name themselves. Each yields Problem(path, line, message);
nothing here logs or exits.

The readers have checked each file's shape already (shapes.py), so every record here is
well-formed; validate() runs only when they found no error."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Sequence

from ..mentions import reporting_periods
from ..model import TASK_ROLES, UnitRegistry
from ..places import jurisdiction
from ..problems import Problem
from ..textnorm import normalise
from .records import DataSet, NoticeHead, NoticeRecord, ProgressRecord, TargetRecord, TaskRecord

# A task without a lead is allowed (the site says 未明确牵头单位); the importer sums these up.
NO_LEAD_WARNING = (
    "no lead unit (the notice states no lead rule and marks no lead: 未明确牵头单位); "
    "import with --lead-rule first to make the first listed unit lead"
)


def notice_registry(data: DataSet) -> UnitRegistry:
    """The unit registry as the notice's issuer reads it: 区财政局 is its own district's."""
    notice = data.notice.notice
    return UnitRegistry(data.units, jurisdiction(notice.issuer, notice.doc_number))


def validate(data: DataSet) -> list[Problem]:
    registry = notice_registry(data)
    problems = list(_check_notice(data, data.notice, registry))
    problems += _check_revisions(data)
    problems += _check_targets(data)
    problems += _check_progress(data, registry)
    return problems


def _list_line(record: NoticeRecord, key: str) -> int:
    return getattr(record.document.get(key), "line", 0)


def _check_notice(data: DataSet, record: NoticeRecord, registry: UnitRegistry):
    path = record.source.path
    if not (data.data_dir / record.source_file).is_file():
        yield Problem(
            path,
            record.source.line,
            f"source file '{record.source_file}' not found in the data directory",
        )
    parts: dict[int, int] = {}
    for part in record.parts:
        yield from _check_number(part, "part", parts)
    yield from _check_sequence(path, _list_line(record, "parts"), "part", parts, "warning")
    clauses: dict[tuple, int] = {}  # (part, number) → line
    yield from _check_clauses(record, parts, clauses)

    if not record.tasks:
        yield Problem(path, record.source.line, "no tasks; import a notice with numbered tasks")
    tasks: dict[int, int] = {}
    for task in record.tasks:
        yield from _check_number(task, "task", tasks)
        yield from _check_task(task, parts, clauses, registry, record.notice.lead_rule)
    yield from _check_sequence(path, _list_line(record, "tasks"), "task", tasks)

    last = 0
    for block in record.blocks:
        if block.line <= last:
            yield Problem(
                path, block.source.line, "block: lines must be increasing; re-import the source"
            )
        else:
            last = block.end_line


def _check_number(item, what: str, seen: dict[int, int]) -> Iterator[Problem]:
    source = item.source
    if item.number < 1:
        yield Problem(
            source.path,
            source.line,
            f"{what}: number must be a positive integer, got {item.number!r}",
        )
    elif item.number in seen:
        yield Problem(
            source.path,
            source.line,
            f"{what} {item.number}: duplicate number (first at line {seen[item.number]})",
        )
    else:
        seen[item.number] = source.line


# Published notices skip part and clause numbers (a part the notice never printed, a
# misnumbered clause): the site shows them as published, so a gap is only a warning. The
# importer warns about it at the source line and leaves this one out (importer/run.py).
NO_UNIT_WARNING = "no responsible unit"
NUMBERING_GAP = "numbers skip"


def _check_sequence(
    path: str, line: int, what: str, seen: dict[int, int], severity: str = "error"
) -> Iterator[Problem]:
    """Numbers run 1, 2, 3 …: a gap in task numbers is an error (a task lost or
    misnumbered; the importer numbers tasks 1, 2, 3 … and keeps the published number);
    a gap in part or clause numbers is a warning."""
    if not seen:
        return
    missing = sorted(set(range(1, max(seen) + 1)) - set(seen))
    if missing:
        shown = ", ".join(map(str, missing[:10])) + (" …" if len(missing) > 10 else "")
        message = f"{what} {NUMBERING_GAP} {shown}; renumber or restore them"
        yield Problem(path, line, message, severity)


def _check_clauses(record: NoticeRecord, parts: dict, seen: dict) -> Iterator[Problem]:
    """Clause numbers run across the annex (（一）…（二十六）) or start again in each part;
    either way a clause is known by (part, number), and numbers run without gaps."""
    path, line = record.source.path, _list_line(record, "clauses")
    by_part: dict[object, dict[int, int]] = {}
    for clause in record.clauses:
        numbers = by_part.setdefault(clause.part, {})
        before = dict(numbers)
        yield from _check_number(clause, "clause", numbers)
        if clause.number in before or clause.number < 1:
            continue
        seen[(clause.part, clause.number)] = clause.source.line
        if clause.part is not None and clause.part not in parts:
            yield Problem(
                path,
                clause.source.line,
                f"clause {clause.number}: part {clause.part} does not exist",
            )
    numbers = [n for per_part in by_part.values() for n in per_part]
    if len(numbers) == len(set(numbers)):  # numbered across the annex
        yield from _check_sequence(path, line, "clause", {n: 0 for n in numbers}, "warning")
    else:
        for part, per_part in by_part.items():
            yield from _check_sequence(path, line, f"part {part}: clause", per_part, "warning")


def _check_task(
    task: TaskRecord, parts: dict, clauses: dict, registry: UnitRegistry, lead_rule: str = ""
) -> Iterator[Problem]:
    path, line = task.source.path, task.source.line
    label = f"task {task.number}"
    if task.part is not None and task.part not in parts:
        yield Problem(path, line, f"{label}: part {task.part} does not exist")
    if task.clause is not None and (task.part, task.clause) not in clauses:
        elsewhere = sorted(str(p) for p, n in clauses if n == task.clause)
        where = f"belongs to part {', '.join(elsewhere)}, not part {task.part}" if elsewhere else ""
        yield Problem(path, line, f"{label}: clause {task.clause} {where or 'does not exist'}")
    if not task.units:
        yield Problem(path, line, f"{label}: {NO_UNIT_WARNING}", "warning")
    for name in task.units:
        if registry.find(name) is None:
            close = difflib.get_close_matches(name, list(registry.by_name), n=1, cutoff=0.6)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            yield Problem(
                path,
                line,
                f"{label}: unknown unit '{name}'{hint}; add it to units.yaml "
                "(name or written_as) or correct the name",
            )
    if any(name not in task.units for name in task.lead):
        yield Problem(path, line, f"{label}: every lead unit must be one of its units")
    elif task.units and not task.lead and lead_rule:
        yield Problem(path, line, f"{label}: no lead unit; the first unit listed leads")
    elif task.units and not task.lead:
        yield Problem(path, line, f"{label}: {NO_LEAD_WARNING}", "warning")
    if task.roles:
        if len(task.roles) != len(task.units):
            yield Problem(
                path,
                line,
                f"{label}: 'roles' has {len(task.roles)} entries for {len(task.units)} "
                "units; give one role for each unit",
            )
        for role in task.roles:
            if role not in TASK_ROLES:
                yield Problem(
                    path,
                    line,
                    f"{label}: unknown role '{role}'; use one of {', '.join(TASK_ROLES)}",
                )


def _check_revisions(data: DataSet) -> Iterator[Problem]:
    """Each revision snapshot names itself, and the current revision is one of them."""
    for label, snapshot in data.revisions.items():
        where = snapshot.source
        if snapshot.revision is None or snapshot.revision.label != label:
            yield Problem(where.path, where.line, f"revision snapshot must say label: {label}")
        elif not snapshot.tasks:
            yield Problem(where.path, where.line, f"revision {label}: no tasks")
    current = data.notice.revision
    if current is not None and current.label not in data.revisions:
        yield Problem(
            data.notice.source.path,
            getattr(data.notice.document.get("revision"), "line", 0),
            f"current revision {current.label!r} has no snapshot "
            f"revisions/{current.label}/notice.yaml; re-import with --revision",
        )


def _check_targets(data: DataSet) -> Iterator[Problem]:
    for target in data.targets:
        path, line = target.source.path, target.source.line
        label = f"target '{target.label}'"
        if not data.notice.places_of(target.quote):
            # A warning, not an error: a revised notice may reword a target, and the
            # import must still go through; the target is left off the site until fixed.
            yield Problem(
                path,
                line,
                f"{label}: quote {target.quote!r} is not in the notice's text, so it is not "
                "shown; copy the quote exactly from the notice",
                "warning",
            )
            continue
        if not _value_in_quote(target):
            yield Problem(
                path,
                line,
                f"{label}: value {target.value!r} does not match the quote {target.quote!r}",
            )


def _value_in_quote(target: TargetRecord) -> bool:
    numbers: Sequence[str] = re.findall(r"\d+(?:\.\d+)?", normalise(target.quote))
    scale = 10_000 if "万" in target.quote else 1
    return any(
        abs(float(n) * scale - target.value) < 1e-6 or abs(float(n) - target.value) < 1e-6
        for n in numbers
    )


def _check_progress(data: DataSet, registry: UnitRegistry) -> Iterator[Problem]:
    """Each returned ledger: a known unit, a period the notice asks for, in the folder of
    its period and the file of its unit, reporting only on tasks assigned to that unit."""
    if not data.progress:
        return
    notice = data.notice
    year = int(notice.notice.date[:4]) if notice.notice.date else None
    periods = [p.id for p in reporting_periods(notice.reporting, year)]
    units = {u.id for u in data.units}
    assigned: dict[int, set[str]] = {}
    numbers: dict[int, int] = {}
    for task in notice.tasks:
        numbers[task.id] = task.number
        found = (registry.find(name) for name in task.units)
        assigned[task.id] = {unit.id for unit in found if unit is not None}
    for report in data.progress:
        yield from _check_report(report, periods, units, assigned, numbers)


def _check_report(
    report: ProgressRecord,
    periods: list[str],
    units: set[str],
    assigned: dict[int, set[str]],
    numbers: dict[int, int],
) -> Iterator[Problem]:
    path, line = report.source.path, report.source.line
    if report.unit not in units:
        close = difflib.get_close_matches(report.unit, sorted(units), n=1, cutoff=0.6)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        yield Problem(path, line, f"unknown unit '{report.unit}'{hint}; use an id from units.yaml")
        return
    if report.period not in periods:
        valid = ", ".join(periods) or "none: the notice states no reporting duty"
        yield Problem(path, line, f"unknown period '{report.period}'; the periods are {valid}")
    elif report.folder != report.period:
        yield Problem(
            path,
            line,
            f"period {report.period} is in the folder '{report.folder}'; "
            f"move it to progress/{report.period}/",
        )
    if report.stem != report.unit:
        yield Problem(
            path,
            line,
            f"unit '{report.unit}' is in the file '{report.stem}.yaml'; "
            f"rename it {report.unit}.yaml",
        )
    rows = [("task", e) for e in report.entries]
    rows += [("contribution to task", c) for c in report.contributions]
    for what, entry in rows:
        where = entry.source.line
        if entry.task_id not in assigned:
            yield Problem(path, where, f"{what} {entry.task_id}: no task has this id")
        elif report.unit not in assigned[entry.task_id]:
            yield Problem(
                path,
                where,
                f"{what} {entry.task_id} (任务{numbers[entry.task_id]}): not assigned to "
                f"unit '{report.unit}'",
            )


def validate_library(notices: Sequence[DataSet]) -> list[Problem]:
    """Checks between notices: each 文号 once, and every notice document.yaml links to
    (its basis, the notice that replaced it) is in the library."""
    heads = [NoticeHead.of(data.notice, data.slug) for data in notices]
    problems = list(duplicate_doc_numbers(heads))
    problems += _links_between(notices, {data.slug for data in notices})
    if len(notices) > 1:
        problems += _names_only_aliases(notices)
        problems += _units_of_two_places(notices)
    return problems


def _units_of_two_places(notices: Sequence[DataSet]) -> Iterator[Problem]:
    """A unit that records no place answers from any notice; when notices of two places
    both name it by a name of their own place (大足区's and 立山区's 区财政局), their tasks
    would be one unit's: an error at the first task of each later place (placeholders such
    as 相关单位 are words, not units, and may be shared)."""
    first: dict[str, tuple[str, str]] = {}  # unit id → (place, notice slug) first seen
    said: set[tuple[str, str]] = set()
    for data in sorted(notices, key=lambda d: d.slug):
        registry = notice_registry(data)
        for task in data.notice.tasks:
            for name in task.units:
                unit = registry.find(name)
                place = registry.jurisdiction.place_of(name)
                if unit is None or unit.place or unit.is_placeholder or not place:
                    continue
                if name not in (unit.name, *unit.written_as, *unit.former_names):
                    continue  # only an alias: _names_only_aliases says so
                seen_place, seen_slug = first.setdefault(unit.id, (place, data.slug))
                if seen_place == place or (unit.id, place) in said:
                    continue
                said.add((unit.id, place))
                yield Problem(
                    task.source.path,
                    task.source.line,
                    f"task {task.number}: '{name}' is {place}'s here, but unit '{unit.id}' "
                    f"({unit.name}) is {seen_place}'s in notice '{seen_slug}', and a unit is "
                    "one place's; import again the notice whose unit it is not (it then gets "
                    "a unit of its own), or add `place:` to the unit in units.yaml",
                )


def validate_joining(data: DataSet, others: Sequence[NoticeHead], slugs: set[str]) -> list[Problem]:
    """What one notice imported into a library can break between notices, the others
    unchanged: its 文号 against theirs, its links, and the names only an alias knows."""
    heads = sorted([*others, NoticeHead.of(data.notice, data.slug)], key=lambda h: h.slug)
    problems = list(duplicate_doc_numbers(heads)) + list(_links_between([data], slugs))
    if others:
        problems += _names_only_aliases([data])
    return problems


def duplicate_doc_numbers(heads: Sequence[NoticeHead]) -> Iterator[Problem]:
    first: dict[str, NoticeHead] = {}
    for head in heads:
        number = normalise(head.doc_number)
        if not number:
            continue
        if number in first:
            other = first[number]
            yield Problem(
                head.path,
                head.line,
                f"notice {head.doc_number}: the same 文号 as {other.path}; "
                f"a notice is imported once: remove one of the folders "
                f"(or revise the notice with --notice {other.slug} --revision)",
            )
        else:
            first[number] = head


def _links_between(notices: Sequence[DataSet], slugs: set[str]) -> Iterator[Problem]:
    for data in notices:
        facts = data.document
        links = [("basis", slug) for slug in facts.basis]
        if facts.replaced_by:
            links.append(("replaced_by", facts.replaced_by))
        for key, slug in links:
            if slug in slugs and slug != data.slug:
                continue
            if slug == data.slug:
                problem = f"{key}: '{slug}' is this notice itself; name another notice's folder"
            else:
                close = difflib.get_close_matches(slug, sorted(slugs), n=1, cutoff=0.6)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                problem = (
                    f"{key}: no notice '{slug}' in notices/{hint}; link only to a notice "
                    "on the site (put its folder back, or remove the link)"
                )
            yield Problem(facts.source.path, facts.lines.get(key, 0), problem)


def _names_only_aliases(notices: Sequence[DataSet]) -> Iterator[Problem]:
    """Among notices of different issuers and years, a name a notice writes must be a name
    the registry knows the unit by as written (name, written_as, former_names), not only
    an informal alias: 发展改革委 in a State Council notice is not the 区发展改革委 whose
    alias it is in a district's registry. Alone, a notice keeps today's rule."""
    written = {
        name: unit
        for unit in notices[0].units
        for name in (unit.name, *unit.written_as, *unit.former_names)
    }
    aliases = {name: unit for unit in notices[0].units for name in unit.aliases}
    for data in notices:
        said: set[str] = set()  # once per name and notice, at its first task
        for task in data.notice.tasks:
            for name in task.units:
                if name in written or name not in aliases or name in said:
                    continue
                said.add(name)
                unit = aliases[name]
                yield Problem(
                    task.source.path,
                    task.source.line,
                    f"task {task.number}: '{name}' is only an alias of unit '{unit.id}' "
                    f"({unit.name}) in units.yaml; if the notice means that unit, add the name "
                    "to its written_as; if not, import the notice again (the name then "
                    "becomes a unit of its own)",
                )
