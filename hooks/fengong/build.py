"""Validated data → the model (Site). Assumes validate() found no error."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import revisions
from .model import (
    Assignment,
    Block,
    Clause,
    Contact,
    DateMention,
    Notice,
    Part,
    Quantity,
    RemovedTask,
    ReportingDeadline,
    ReportingDuty,
    Revision,
    RevisionChanges,
    Site,
    Source,
    Tag,
    Target,
    Task,
    Unit,
)
from .validate import notice_texts

if TYPE_CHECKING:
    from .load import RawData


def _tuple(value) -> tuple:
    return tuple(value or ())


def build_site(raw: RawData) -> Site:
    doc = raw.get("notice.yaml")
    path = raw.shown["notice.yaml"]
    units = _units(raw)
    by_name: dict[str, Unit] = {}
    for unit in units:
        for name in (unit.name, *unit.written_as, *unit.aliases):
            by_name.setdefault(name, unit)
    tags = _tags(raw)

    # Each task's whole entry as written, from its block in the text.
    raw_entries = {
        b.get("number"): b["text"] for b in doc.get("blocks") or () if b["kind"] == "task"
    }
    tasks = []
    for t in doc["tasks"]:
        lead = set(t["lead"])
        assignments = tuple(
            Assignment(
                unit=by_name[name],
                written=name,
                role="lead" if name in lead else "partner",
                position=i,
            )
            for i, name in enumerate(t["units"], start=1)
        )
        tasks.append(
            Task(
                number=t["number"],
                id=t.get("id", t["number"]),
                part=t.get("part"),
                clause=t.get("clause"),
                text=t["text"],
                raw=raw_entries.get(t["number"], t["text"]),
                assignments=assignments,
                unit_note=t.get("unit_note", ""),
                dates=tuple(DateMention(**d) for d in t.get("dates") or ()),
                quantities=tuple(Quantity(**q) for q in t.get("quantities") or ()),
                tags=tuple(tag for tag in tags if any(k in t["text"] for k in tag.keywords)),
                source=Source(path, t.line),
            )
        )
    tasks.sort(key=lambda task: task.number)

    raw_clauses = doc.get("clauses") or ()
    restarts = len({c["number"] for c in raw_clauses}) < len(raw_clauses)
    # One pass over the tasks, not one per clause and part (quadratic on a large notice).
    in_clause: dict[tuple, list[int]] = {}
    in_part: dict[int | None, list[int]] = {}
    for t in tasks:
        in_clause.setdefault((t.part, t.clause), []).append(t.number)
        in_part.setdefault(t.part, []).append(t.number)
    clauses = tuple(
        Clause(
            number=c["number"],
            part=c.get("part"),
            title=c["title"],
            slug=f"{c.get('part')}-{c['number']}" if restarts else str(c["number"]),
            task_numbers=tuple(in_clause.get((c.get("part"), c["number"]), ())),
            source=Source(path, c.line),
        )
        for c in raw_clauses
    )
    clauses_in_part: dict[int | None, list[int]] = {}
    for c in clauses:
        clauses_in_part.setdefault(c.part, []).append(c.number)
    parts = tuple(
        Part(
            number=p["number"],
            title=p["title"],
            clause_numbers=tuple(clauses_in_part.get(p["number"], ())),
            task_numbers=tuple(in_part.get(p["number"], ())),
            source=Source(path, p.line),
        )
        for p in doc.get("parts") or ()
    )
    blocks = tuple(
        Block(
            kind=b["kind"],
            line=b["line"],
            end_line=b.get("end_line", b["line"]),
            text=b["text"],
            number=b.get("number"),
            quantities=tuple(Quantity(**q) for q in b.get("quantities") or ()),
            source=Source(path, b.line),
        )
        for b in doc.get("blocks") or ()
    )
    used = {a.unit.id for task in tasks for a in task.assignments}
    history, changes, removed = _history(raw)
    synonyms = (raw.get("synonyms.yaml") or {}).get("synonyms") or {}
    return Site(
        synonyms={word: tuple(words) for word, words in synonyms.items()},
        history=history,
        changes=changes,
        removed_tasks=removed,
        notice=_notice(doc),
        blocks=blocks,
        parts=parts,
        clauses=clauses,
        tasks=tuple(tasks),
        units=tuple(u for u in units if u.id in used),
        tags=tags,
        targets=_targets(raw),
        reporting=_reporting(doc, path),
    )


def _history(raw: RawData):
    """The revisions in date order, what changed between neighbours, and the tasks that
    earlier revisions had and the current one does not."""
    snapshots = sorted(
        raw.revisions.values(), key=lambda d: (str(d["revision"]["date"]), d["revision"]["label"])
    )
    history = tuple(
        Revision(
            label=d["revision"]["label"],
            date=str(d["revision"]["date"]),
            task_count=len(d["tasks"]),
        )
        for d in snapshots
    )
    changes = []
    removed: dict[int, RemovedTask] = {}
    for i in range(1, len(snapshots)):
        old, new = snapshots[i - 1], snapshots[i]
        old_ids = {t["number"]: t.get("id", t["number"]) for t in old["tasks"]}
        new_ids = {t["number"]: t.get("id", t["number"]) for t in new["tasks"]}
        diff = revisions.diff_notices(
            old, new, old_label=history[i - 1].label, new_label=history[i].label
        )
        changes.append(
            RevisionChanges(
                revision=history[i],
                previous=history[i - 1],
                diff=diff,
                old_ids=old_ids,
                new_ids=new_ids,
            )
        )
        by_number = {t["number"]: t for t in old["tasks"]}
        for change in diff.tasks:
            if change.new_number is None:
                task = by_number[change.old_number]
                removed[old_ids[change.old_number]] = RemovedTask(
                    id=old_ids[change.old_number],
                    number=change.old_number,
                    text=task["text"],
                    units=tuple(task["units"]),
                    last_revision=history[i - 1],
                    removed_in=history[i],
                )
    current = {t.get("id", t["number"]) for t in raw.get("notice.yaml")["tasks"]}
    kept = tuple(r for task_id, r in sorted(removed.items()) if task_id not in current)
    return history, tuple(changes), kept


def _notice(doc) -> Notice:
    n = doc["notice"]
    contact = n.get("contact")
    return Notice(
        doc_number=n.get("doc_number") or "",
        title=n.get("title") or "",
        issuer=n.get("issuer") or "",
        date=n.get("date") or "",
        addressees=_tuple(n.get("addressees")),
        signature=n.get("signature") or "",
        contact=Contact(**contact) if contact else None,
        cc=_tuple(n.get("cc")),
        annex_title=n.get("annex_title") or "",
        lead_rule=n.get("lead_rule") or "",
        source_file=doc["source"],
        revision_label=str((doc.get("revision") or {}).get("label", "")),
        revision_date=str((doc.get("revision") or {}).get("date", "")),
    )


def _units(raw: RawData) -> list[Unit]:
    path = raw.shown["units.yaml"]
    return [
        Unit(
            id=u["id"],
            name=u["name"],
            full_name=u.get("full_name") or "",
            aliases=_tuple(u.get("aliases")),
            written_as=_tuple(u.get("written_as")),
            kind=u.get("kind") or "uncurated",
            notes=u.get("notes") or "",
            source=Source(path, u.line),
        )
        for u in raw.get("units.yaml")["units"]
    ]


def _tags(raw: RawData) -> tuple[Tag, ...]:
    doc = raw.get("tags.yaml") or {}
    path = raw.shown["tags.yaml"]
    return tuple(
        Tag(id=t["id"], name=t["name"], keywords=_tuple(t["keywords"]), source=Source(path, t.line))
        for t in doc.get("tags") or ()
    )


def _targets(raw: RawData) -> tuple[Target, ...]:
    doc = raw.get("targets.yaml") or {}
    path = raw.shown["targets.yaml"]
    texts = notice_texts(raw)
    targets = []
    for t in doc.get("targets") or ():
        found = [(n, b) for text, n, b in texts if t["quote"] in text]
        if not found:
            continue  # validate() warned about it
        task, block_line = found[0]
        targets.append(
            Target(
                label=t["label"],
                quote=t["quote"],
                value=t["value"],
                unit=t["unit"],
                bound=t["bound"],
                task=task,
                block_line=block_line,
                source=Source(path, t.line),
            )
        )
    return tuple(targets)


def _reporting(doc, path) -> ReportingDuty | None:
    r = doc.get("reporting")
    if not r:
        return None
    return ReportingDuty(
        text=r["text"],
        who=r["who"],
        to=r["to"],
        items=_tuple(r.get("items")),
        deadlines=tuple(ReportingDeadline(**d) for d in r.get("deadlines") or ()),
        source=Source(path, r.get("line", 0)),
    )
