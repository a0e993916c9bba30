"""notice.yaml (or a revision's snapshot of it) → a NoticeRecord. The importer writes the
file; a hand edit that breaks its shape is reported here, file:line, like any other."""

from __future__ import annotations

from pathlib import Path

from ...model import (
    Block,
    Contact,
    DateMention,
    Notice,
    Quantity,
    ReportingDeadline,
    ReportingDuty,
    Source,
    TaskNote,
)
from ...problems import Problem
from .. import messages
from ..records import (
    ClauseRecord,
    NoticeHead,
    NoticeRecord,
    PartRecord,
    RevisionRecord,
    TaskRecord,
)
from ..shapes import NOTICE
from ..yamlio import parse_yaml
from .common import duplicates, line_of, read_checked


def read_notice(path: Path, shown: str) -> tuple[NoticeRecord | None, list[Problem]]:
    document, problems = read_checked(path, shown, NOTICE)
    if document is None:
        if not problems:
            problems = [Problem(shown, 0, messages.EMPTY_NOTICE)]
        return None, problems
    problems = duplicates(
        document["tasks"],
        lambda t: t["id"],
        shown,
        lambda t, first: messages.TASK_ID_TWICE.format(number=t["number"], id=t["id"], first=first),
    )
    revision = document.get("revision")
    record = NoticeRecord(
        source_file=document["source"],
        revision=RevisionRecord(label=revision["label"], date=revision["date"])
        if revision
        else None,
        notice=_header(document),
        reporting=_reporting(document.get("reporting"), shown),
        parts=tuple(
            PartRecord(number=p["number"], title=p["title"], source=Source(shown, line_of(p)))
            for p in document.get("parts") or ()
        ),
        clauses=tuple(
            ClauseRecord(
                number=c["number"],
                part=c.get("part"),
                title=c["title"],
                source=Source(shown, line_of(c)),
            )
            for c in document.get("clauses") or ()
        ),
        tasks=tuple(_task(t, shown) for t in document["tasks"]),
        blocks=tuple(_block(b, shown) for b in document.get("blocks") or ()),
        document=document,
        source=Source(shown, line_of(document)),
    )
    return record, problems


def read_head(path: Path, shown: str, slug: str) -> NoticeHead | None:
    """A notice's 文号 without reading its tasks: the importer writes `notice:` near the top,
    so the file is parsed only up to the next top-level key. None when that part is not a
    header of that form (a hand-edited file): the caller reads the whole file instead."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    except (OSError, UnicodeDecodeError):
        return None
    start = next((i for i, line in enumerate(lines) if line.rstrip() == "notice:"), None)
    if start is None:
        return None
    end = next(
        (i for i in range(start + 1, len(lines)) if lines[i][:1] not in ("", " ", "\n", "#")),
        len(lines),
    )
    document, problems = parse_yaml("".join(lines[:end]), shown)
    header = document.get("notice") if isinstance(document, dict) else None
    if problems or not isinstance(header, dict) or not isinstance(header.get("doc_number"), str):
        return None
    return NoticeHead(slug=slug, doc_number=header["doc_number"], path=shown, line=line_of(header))


def _header(document) -> Notice:
    n = document["notice"]
    contact = n.get("contact")
    revision = document.get("revision") or {}
    return Notice(
        doc_number=n.get("doc_number") or "",
        title=n.get("title") or "",
        issuer=n.get("issuer") or "",
        date=n.get("date") or "",
        addressees=tuple(n.get("addressees") or ()),
        signature=n.get("signature") or "",
        contact=Contact(**contact) if contact else None,
        cc=tuple(n.get("cc") or ()),
        annex_title=n.get("annex_title") or "",
        lead_rule=n.get("lead_rule") or "",
        lead_policy=n.get("lead_policy") or "",
        source_file=document["source"],
        revision_label=str(revision.get("label", "")),
        revision_date=str(revision.get("date", "")),
    )


def _task(t, shown: str) -> TaskRecord:
    return TaskRecord(
        number=t["number"],
        id=t["id"],
        part=t.get("part"),
        clause=t.get("clause"),
        text=t["text"],
        units=tuple(t["units"]),
        lead=tuple(t["lead"]),
        unit_note=t.get("unit_note", ""),
        roles=tuple(t.get("roles") or ()),
        leaders=tuple(t.get("leaders") or ()),
        open_ended=t.get("open_ended", ""),
        numbered=t.get("numbered", True),
        published_number=t.get("published_number"),
        deadline=t.get("deadline", ""),
        notes=tuple(TaskNote(label=n["label"], text=n["text"]) for n in t.get("notes") or ()),
        dates=tuple(DateMention(**d) for d in t.get("dates") or ()),
        quantities=tuple(Quantity(**q) for q in t.get("quantities") or ()),
        source=Source(shown, line_of(t)),
    )


def _block(b, shown: str) -> Block:
    return Block(
        kind=b["kind"],
        line=b["line"],
        end_line=b.get("end_line", b["line"]),
        text=b["text"],
        number=b.get("number"),
        quantities=tuple(Quantity(**q) for q in b.get("quantities") or ()),
        source=Source(shown, line_of(b)),
    )


def _reporting(r, shown: str) -> ReportingDuty | None:
    if not r:
        return None
    return ReportingDuty(
        text=r["text"],
        who=r["who"],
        to=r["to"],
        items=tuple(r.get("items") or ()),
        deadlines=tuple(ReportingDeadline(**d) for d in r.get("deadlines") or ()),
        source=Source(shown, r.get("line", 0)),
    )
