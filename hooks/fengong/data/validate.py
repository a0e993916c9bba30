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
from . import messages as m
from .messages import NO_LEAD_WARNING, NO_UNIT_WARNING, NUMBERING_GAP
from .records import DataSet, NoticeHead, NoticeRecord, ProgressRecord, TargetRecord, TaskRecord

# A task without a lead is allowed (the site says 未明确牵头单位), and so is a task without
# units; the importer sums these up, finding them by NO_LEAD_WARNING and NO_UNIT_WARNING.
__all__ = ["NO_LEAD_WARNING", "NO_UNIT_WARNING", "NUMBERING_GAP", "validate"]


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
            m.V_SOURCE_MISSING.format(file=record.source_file),
        )
    parts: dict[int, int] = {}
    for part in record.parts:
        yield from _check_number(part, "part", parts)
    yield from _check_sequence(path, _list_line(record, "parts"), "part", parts, "warning")
    clauses: dict[tuple, int] = {}  # (part, number) → line
    yield from _check_clauses(record, parts, clauses)

    if not record.tasks:
        yield Problem(path, record.source.line, m.V_NO_TASKS)
    tasks: dict[int, int] = {}
    for task in record.tasks:
        yield from _check_number(task, "task", tasks)
        yield from _check_task(task, parts, clauses, registry, record.notice.lead_rule)
    yield from _check_sequence(path, _list_line(record, "tasks"), "task", tasks)

    last = 0
    for block in record.blocks:
        if block.line <= last:
            yield Problem(path, block.source.line, m.V_BLOCKS_ORDER)
        else:
            last = block.end_line


def _check_number(item, what: str, seen: dict[int, int]) -> Iterator[Problem]:
    source = item.source
    if item.number < 1:
        yield Problem(
            source.path,
            source.line,
            m.V_NOT_POSITIVE.format(what=m.V_WHAT[what], number=item.number),
        )
    elif item.number in seen:
        yield Problem(
            source.path,
            source.line,
            m.V_DUPLICATE.format(label=_label(what, item.number), first=seen[item.number]),
        )
    else:
        seen[item.number] = source.line


# Published notices skip part and clause numbers (a part the notice never printed, a
# misnumbered clause): the site shows them as published, so a gap is only a warning. The
# importer warns about it at the source line and leaves this one out (importer/run.py).
_LABELS = {"task": m.V_TASK, "part": m.V_PART, "clause": m.V_CLAUSE}


def _label(what: str, number: int) -> str:
    return _LABELS[what].format(number=number)


def _check_sequence(
    path: str, line: int, what: str, seen: dict[int, int], severity: str = "error", noun: str = ""
) -> Iterator[Problem]:
    """Numbers run 1, 2, 3 …: a gap in task numbers is an error (a task lost or
    misnumbered; the importer numbers tasks 1, 2, 3 … and keeps the published number);
    a gap in part or clause numbers is a warning."""
    if not seen:
        return
    missing = sorted(set(range(1, max(seen) + 1)) - set(seen))
    if missing:
        shown = "、".join(map(str, missing[:10])) + (" …" if len(missing) > 10 else "")
        message = m.V_GAP.format(
            what=m.V_WHAT.get(what, what), shown=shown, noun=noun or m.V_WHAT.get(what, what)
        )
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
            said = m.V_CLAUSE_NO_PART.format(part=clause.part)
            yield Problem(
                path,
                clause.source.line,
                m.V_SAY.format(label=_label("clause", clause.number), message=said),
            )
    numbers = [n for per_part in by_part.values() for n in per_part]
    if len(numbers) == len(set(numbers)):  # numbered across the annex
        yield from _check_sequence(path, line, "clause", {n: 0 for n in numbers}, "warning")
    else:
        for part, per_part in by_part.items():
            what = m.V_PART_CLAUSE.format(part=part)
            yield from _check_sequence(path, line, what, per_part, "warning", m.V_WHAT["clause"])


def _check_task(
    task: TaskRecord, parts: dict, clauses: dict, registry: UnitRegistry, lead_rule: str = ""
) -> Iterator[Problem]:
    path, line = task.source.path, task.source.line
    label = _label("task", task.number)

    def say(message: str) -> str:
        return m.V_SAY.format(label=label, message=message)

    if task.part is not None and task.part not in parts:
        yield Problem(path, line, say(m.V_CLAUSE_NO_PART.format(part=task.part)))
    if task.clause is not None and (task.part, task.clause) not in clauses:
        elsewhere = sorted(str(p) for p, n in clauses if n == task.clause)
        if elsewhere:
            said = m.V_CLAUSE_ELSEWHERE.format(
                clause=task.clause, parts="、".join(elsewhere), part=task.part
            )
        else:
            said = m.V_CLAUSE_MISSING.format(clause=task.clause)
        yield Problem(path, line, say(said))
    if not task.units:
        yield Problem(path, line, say(NO_UNIT_WARNING), "warning")
    for name in task.units:
        if registry.find(name) is None:
            close = difflib.get_close_matches(name, list(registry.by_name), n=1, cutoff=0.6)
            hint = m.V_DID_YOU_MEAN.format(name=close[0]) if close else ""
            yield Problem(path, line, say(m.V_UNKNOWN_UNIT.format(name=name, hint=hint)))
    if any(name not in task.units for name in task.lead):
        yield Problem(path, line, say(m.V_LEAD_NOT_UNIT))
    elif task.units and not task.lead and lead_rule:
        yield Problem(path, line, say(m.V_NO_LEAD))
    elif task.units and not task.lead:
        yield Problem(path, line, say(NO_LEAD_WARNING), "warning")
    if task.roles:
        if len(task.roles) != len(task.units):
            said = m.V_ROLES_COUNT.format(roles=len(task.roles), units=len(task.units))
            yield Problem(path, line, say(said))
        for role in task.roles:
            if role not in TASK_ROLES:
                said = m.V_UNKNOWN_ROLE.format(role=role, known=m.quoted(TASK_ROLES))
                yield Problem(path, line, say(said))


def _check_revisions(data: DataSet) -> Iterator[Problem]:
    """Each revision snapshot names itself, and the current revision is one of them."""
    for label, snapshot in data.revisions.items():
        where = snapshot.source
        if snapshot.revision is None or snapshot.revision.label != label:
            yield Problem(where.path, where.line, m.V_SNAPSHOT_LABEL.format(label=label))
        elif not snapshot.tasks:
            yield Problem(where.path, where.line, m.V_REVISION_NO_TASKS.format(label=label))
    current = data.notice.revision
    if current is not None and current.label not in data.revisions:
        yield Problem(
            data.notice.source.path,
            getattr(data.notice.document.get("revision"), "line", 0),
            m.V_NO_SNAPSHOT.format(label=current.label),
        )


def _check_targets(data: DataSet) -> Iterator[Problem]:
    for target in data.targets:
        path, line = target.source.path, target.source.line
        label = m.V_TARGET.format(label=target.label)
        if not data.notice.places_of(target.quote):
            # A warning, not an error: a revised notice may reword a target, and the
            # import must still go through; the target is left off the site until fixed.
            yield Problem(
                path,
                line,
                m.V_SAY.format(
                    label=label, message=m.V_QUOTE_NOT_IN_NOTICE.format(quote=target.quote)
                ),
                "warning",
            )
            continue
        if not _value_in_quote(target):
            yield Problem(
                path,
                line,
                m.V_SAY.format(
                    label=label,
                    message=m.V_VALUE_NOT_IN_QUOTE.format(value=target.value, quote=target.quote),
                ),
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
        hint = m.V_DID_YOU_MEAN.format(name=close[0]) if close else ""
        yield Problem(path, line, m.V_REPORT_UNKNOWN_UNIT.format(unit=report.unit, hint=hint))
        return
    if report.period not in periods:
        valid = "、".join(periods) or m.V_NO_PERIODS
        yield Problem(path, line, m.V_UNKNOWN_PERIOD.format(period=report.period, valid=valid))
    elif report.folder != report.period:
        yield Problem(
            path,
            line,
            m.V_PERIOD_FOLDER.format(period=report.period, folder=report.folder),
        )
    if report.stem != report.unit:
        yield Problem(
            path,
            line,
            m.V_UNIT_FILE.format(unit=report.unit, stem=report.stem),
        )
    rows = [(m.V_ENTRY_TASK, e) for e in report.entries]
    rows += [(m.V_ENTRY_CONTRIBUTION, c) for c in report.contributions]
    for template, entry in rows:
        where, what = entry.source.line, template.format(id=entry.task_id)
        if entry.task_id not in assigned:
            yield Problem(path, where, m.V_ENTRY_NO_TASK.format(what=what))
        elif report.unit not in assigned[entry.task_id]:
            number = numbers[entry.task_id]
            said = m.V_ENTRY_NOT_ASSIGNED.format(what=what, number=number, unit=report.unit)
            yield Problem(path, where, said)


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
                    m.V_TWO_PLACES.format(
                        number=task.number,
                        name=name,
                        place=place,
                        unit=unit.id,
                        unit_name=unit.name,
                        seen_slug=seen_slug,
                        seen_place=seen_place,
                    ),
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
                m.V_SAME_DOC_NUMBER.format(
                    doc_number=head.doc_number, other=other.path, slug=other.slug
                ),
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
                problem = m.V_LINK_SELF.format(key=key, slug=slug)
            else:
                close = difflib.get_close_matches(slug, sorted(slugs), n=1, cutoff=0.6)
                hint = m.V_DID_YOU_MEAN.format(name=close[0]) if close else ""
                problem = m.V_LINK_MISSING.format(key=key, slug=slug, hint=hint)
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
                    m.V_ALIAS_ONLY.format(
                        number=task.number, name=name, unit=unit.id, unit_name=unit.name
                    ),
                )
