"""The notice as JSON-ready data: the importer's --json and the site's tasks.json."""

from __future__ import annotations

from ..model import Site


def notice_json(site: Site, url_of=None) -> dict:
    """The schema of the data issue; with url_of(item) → URL, also page URLs and each
    unit's lead_tasks and tasks."""
    n = site.notice
    data = {
        "notice": {
            "doc_number": n.doc_number or None,
            "title": n.title or None,
            "issuer": n.issuer or None,
            "date": n.date or None,
            "revision": {"label": n.revision_label, "date": n.revision_date}
            if n.revision_label
            else None,
        },
        "parts": [{"number": p.number, "title": p.title} for p in site.parts],
        "clauses": [{"number": c.number, "part": c.part, "title": c.title} for c in site.clauses],
        "tasks": [],
        "units": [],
    }
    for task in site.tasks:
        entry = {
            "number": task.number,
            "part": task.part,
            "clause": task.clause,
            "text": task.text,
            "units": [a.written for a in task.assignments],
            "lead": [a.written for a in task.lead],
            # Each unit's role as the notice gives it; where it gives none, lead or responsible.
            "roles": [
                a.duty or ("lead" if a.role == "lead" else "responsible") for a in task.assignments
            ],
            "unit_ids": [a.unit.id for a in task.assignments],
            "dates": [
                {"kind": d.kind, "quote": d.quote, "start": d.start, "end": d.end}
                for d in task.dates
            ],
            "tags": [tag.name for tag in task.tags],
        }
        if task.leaders:
            entry["leaders"] = list(task.leaders)  # people (牵头负责领导), never units
        if task.deadline:
            entry["deadline"] = task.deadline  # the 完成时限 as written
        if task.notes:
            # A table's columns the importer does not interpret (备注, 推广范围), as written.
            entry["notes"] = [{"label": n.label, "text": n.text} for n in task.notes]
        if url_of:
            entry["url"] = url_of(task)
        data["tasks"].append(entry)
    for unit in site.units:
        entry = {
            "id": unit.id,
            "name": unit.name,
            "full_name": unit.full_name or None,
            "aliases": list(unit.aliases),
            "written_as": list(unit.written_as),
            "kind": unit.kind,
        }
        if url_of:
            entry["url"] = url_of(unit)
            entry["lead_tasks"] = [t.number for t in site.tasks_led(unit)]
            entry["tasks"] = [t.number for t in site.tasks_of(unit)]
        data["units"].append(entry)
    return data
