"""Records → the model (Site): link what the readers read, resolve every unit name once.

build_site assumes validate() found no error: every unit name is in the registry, every
clause in a part that exists. It reads no YAML; the records are typed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from ..mentions import reporting_periods
from ..model import (
    Assignment,
    Clause,
    Library,
    Notice,
    Part,
    ProgressReport,
    RemovedTask,
    ReportingPeriod,
    Revision,
    RevisionChanges,
    Site,
    Tag,
    Target,
    Task,
    UnitChange,
    UnitRegistry,
    library_order,
)
from . import revisions
from .records import DataSet, NoticeRecord, TaskRecord
from .validate import notice_registry


def build_library(notices: Sequence[DataSet]) -> Library:
    """Each notice's Site, built as it would be alone, and the registries they share."""
    first = notices[0]
    return Library(
        sites=library_order([build_site(data) for data in notices]),
        units=first.units,
        tags=first.tags,
        synonyms=dict(first.synonyms),
    )


def build_site(data: DataSet) -> Site:
    registry = notice_registry(data)
    record = data.notice
    tasks = _tasks(record, registry, data.tags)
    history, changes, removed = _history(data)
    used = {a.unit.id for task in tasks for a in task.assignments}
    periods = reporting_periods(record.reporting, _year(record.notice.date))
    return Site(
        synonyms=dict(data.synonyms),
        history=history,
        changes=changes,
        removed_tasks=removed,
        changes_by_unit=_changes_by_unit(changes[-1] if changes else None, registry),
        notice=_notice(data),
        blocks=record.blocks,
        parts=_parts(record, tasks),
        clauses=_clauses(record, tasks),
        tasks=tasks,
        units=tuple(u for u in data.units if u.id in used),
        tags=data.tags,
        targets=_targets(data),
        reporting=record.reporting,
        periods=periods,
        reports=_reports(data, periods),
    )


def _notice(data: DataSet) -> Notice:
    """The notice as its text gives it, with the facts document.yaml adds."""
    facts = data.document
    return replace(
        data.notice.notice,
        published=facts.published,
        official_url=facts.official_url,
        # Taken as in force (counted, listed) unless the data says otherwise; the pages
        # state 有效性 only where the data does (in_force_stated).
        in_force=facts.in_force is not False,
        in_force_stated=facts.in_force is not None,
        slug=data.slug,
        repealed_on=facts.repealed_on,
        replaced_by=facts.replaced_by,
        basis=facts.basis,
    )


def _reports(data: DataSet, periods: Sequence[ReportingPeriod]) -> tuple[ProgressReport, ...]:
    """The returned ledgers, by their period's due date, then unit id."""
    due = {p.id: p.due for p in periods}
    units = {u.id: u for u in data.units}
    reports = [
        ProgressReport(
            unit=units[r.unit],
            period=r.period,
            received=r.received,
            revision=r.revision,
            file=r.file,
            entries=r.entries,
            contributions=r.contributions,
            source=r.source,
        )
        for r in data.progress
    ]
    return tuple(sorted(reports, key=lambda r: (due[r.period], r.period, r.unit.id)))


def _year(iso_date: str) -> int | None:
    return int(iso_date[:4]) if iso_date else None


def _tasks(record: NoticeRecord, registry: UnitRegistry, tags: Sequence[Tag]) -> tuple[Task, ...]:
    # Each task's whole entry as written, from its block in the text.
    entries = {b.number: b.text for b in record.blocks if b.kind == "task"}
    clause_titles = {(c.part, c.number): c.title for c in record.clauses}
    tasks = [
        _task(t, registry, tags, entries.get(t.number, t.text), clause_titles) for t in record.tasks
    ]
    return tuple(sorted(tasks, key=lambda task: task.number))


def _task(
    t: TaskRecord,
    registry: UnitRegistry,
    tags: Sequence[Tag],
    entry: str,
    clause_titles: Mapping[tuple[int | None, int], str],
) -> Task:
    lead = set(t.lead)
    # A task with no lead has no 参与 units either: each listed unit is responsible (负责).
    duties = t.roles or (() if t.lead else ("responsible",) * len(t.units))
    return Task(
        number=t.number,
        id=t.id,
        part=t.part,
        clause=t.clause,
        text=t.text,
        raw=entry,
        assignments=tuple(
            Assignment(
                unit=registry.find(name),
                written=name,
                role="lead" if name in lead else "partner",
                position=i,
                duty=duties[i - 1] if duties else "",
            )
            for i, name in enumerate(t.units, start=1)
        ),
        unit_note=t.unit_note,
        leaders=t.leaders,
        deadline=t.deadline,
        notes=t.notes,
        dates=t.dates,
        quantities=t.quantities,
        tags=_tags_of(t, tags, clause_titles),
        source=t.source,
    )


def _tags_of(
    t: TaskRecord, tags: Sequence[Tag], clause_titles: Mapping[tuple[int | None, int], str]
) -> tuple[Tag, ...]:
    """The target groups a task serves: a keyword in its text, or in its clause's title (the
    tasks of 稳定高校毕业生等青年就业 serve graduates, 三支一扶 and 就业见习 too)."""
    title = clause_titles.get((t.part, t.clause), "") if t.clause is not None else ""
    return tuple(tag for tag in tags if any(k in t.text or k in title for k in tag.keywords))


def _clauses(record: NoticeRecord, tasks: Sequence[Task]) -> tuple[Clause, ...]:
    # Clause numbers that start again in each part make a clause's page key part-number.
    restarts = len({c.number for c in record.clauses}) < len(record.clauses)
    in_clause: dict[tuple, list[int]] = {}  # one pass over the tasks, not one per clause
    for t in tasks:
        in_clause.setdefault((t.part, t.clause), []).append(t.number)
    return tuple(
        Clause(
            number=c.number,
            part=c.part,
            title=c.title,
            slug=f"{c.part}-{c.number}" if restarts else str(c.number),
            task_numbers=tuple(in_clause.get((c.part, c.number), ())),
            source=c.source,
        )
        for c in record.clauses
    )


def _parts(record: NoticeRecord, tasks: Sequence[Task]) -> tuple[Part, ...]:
    in_part: dict[int | None, list[int]] = {}
    for t in tasks:
        in_part.setdefault(t.part, []).append(t.number)
    clauses_in_part: dict[int | None, list[int]] = {}
    for c in record.clauses:
        clauses_in_part.setdefault(c.part, []).append(c.number)
    return tuple(
        Part(
            number=p.number,
            title=p.title,
            clause_numbers=tuple(clauses_in_part.get(p.number, ())),
            task_numbers=tuple(in_part.get(p.number, ())),
            source=p.source,
        )
        for p in record.parts
    )


def _targets(data: DataSet) -> tuple[Target, ...]:
    targets = []
    for t in data.targets:
        places = data.notice.places_of(t.quote)
        if not places:
            continue  # validate() warned about it
        task, block_line = places[0]
        targets.append(
            Target(
                label=t.label,
                quote=t.quote,
                value=t.value,
                unit=t.unit,
                bound=t.bound,
                task=task,
                block_line=block_line,
                source=t.source,
            )
        )
    return tuple(targets)


def _history(data: DataSet):
    """The revisions in date order, what changed between neighbours, and the tasks that
    earlier revisions had and the current one does not."""
    snapshots = sorted(data.revisions.values(), key=lambda r: (r.revision.date, r.revision.label))
    history = tuple(
        Revision(label=s.revision.label, date=s.revision.date, task_count=len(s.tasks))
        for s in snapshots
    )
    changes = []
    removed: dict[int, RemovedTask] = {}
    for i in range(1, len(snapshots)):
        old, new = snapshots[i - 1], snapshots[i]
        old_ids = {t.number: t.id for t in old.tasks}
        diff = revisions.diff_notices(
            old.document, new.document, old_label=history[i - 1].label, new_label=history[i].label
        )
        changes.append(
            RevisionChanges(
                revision=history[i],
                previous=history[i - 1],
                diff=diff,
                old_ids=old_ids,
                new_ids={t.number: t.id for t in new.tasks},
            )
        )
        by_number = {t.number: t for t in old.tasks}
        for change in diff.tasks:
            if change.new_number is None:
                task = by_number[change.old_number]
                removed[task.id] = RemovedTask(
                    id=task.id,
                    number=task.number,
                    text=task.text,
                    units=task.units,
                    last_revision=history[i - 1],
                    removed_in=history[i],
                )
    current = {t.id for t in data.notice.tasks}
    kept = tuple(r for task_id, r in sorted(removed.items()) if task_id not in current)
    return history, tuple(changes), kept


def _changes_by_unit(
    latest: RevisionChanges | None, registry: UnitRegistry
) -> dict[str, tuple[UnitChange, ...]]:
    """For each unit, what the latest revision changed for it: tasks gained, tasks lost, or
    its role (lead or not) in a task it keeps. Names resolve through the registry once."""
    if latest is None:
        return {}

    def ids(names: Sequence[str]) -> set[str]:
        return {unit.id for unit in map(registry.find, names) if unit is not None}

    found: dict[str, list[UnitChange]] = {}
    for change in latest.changed():
        before, after = ids(change.units_before), ids(change.units_after)
        led_before, led_after = ids(change.lead_before), ids(change.lead_after)
        for unit_id in sorted(before | after):
            if unit_id in after and unit_id not in before:
                found.setdefault(unit_id, []).append(("gained", change))
            elif unit_id in before and unit_id not in after:
                found.setdefault(unit_id, []).append(("lost", change))
            elif (unit_id in led_before) != (unit_id in led_after):
                found.setdefault(unit_id, []).append(("role", change))
    return {unit_id: tuple(items) for unit_id, items in found.items()}
