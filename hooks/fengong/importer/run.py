"""The import, start to end: source → parsed notice → data files (or JSON), all or nothing."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..data import load
from ..data.readers.corrections import CORRECTIONS_FILE
from ..data.readers.layout import NOTICES_DIR, is_library
from ..data.shapes import NOTICE_SLUG
from ..data.validate import NO_LEAD_WARNING, NO_UNIT_WARNING, NUMBERING_GAP
from ..pages import export
from ..places import jurisdiction
from ..problems import Problem, ProblemsFound
from ..textnorm import normalise
from . import datafiles, lock, report, spreadsheet
from . import messages as m
from .corrections import Corrections, apply_corrections
from .parse import ParsedNotice, parse
from .read import read_source
from .slugs import notice_slug


@dataclass
class ImportResult:
    problems: list[Problem] = field(default_factory=list)
    json: dict | None = None
    report: list[str] = field(default_factory=list)
    # What was read, for the import report (report.py): the source's lines, the notice as
    # corrected, the corrections applied and the unit names new to the registry.
    lines: list[str] = field(default_factory=list)
    parsed: ParsedNotice | None = None
    corrections: Corrections = field(default_factory=Corrections)
    new_units: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def failed(self) -> bool:
        return bool(self.errors)


@dataclass(frozen=True)
class Revision:
    """A published revision of the notice: its label (ASCII, used in URLs) and date."""

    label: str
    date: str


# The parser's warnings a correction settles, at the line of the task it corrects.
_SETTLED = re.compile(
    f"{re.escape(m.PARSE_NO_UNIT_FOUND)}|^{re.escape(m.PARSE_CANNOT_PLACE_START)}"
)
REVISION_LABEL = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")


def import_notice(
    source: Path,
    data_dir: Path,
    *,
    write: bool,
    revision: Revision | None = None,
    lead_policy: str = "stated",
    notice: str | None = None,
) -> ImportResult:
    """Import source into data_dir: into data_dir itself (the single layout), or into
    data_dir/notices/<notice>/ when a slug is given or data_dir is a library (then the slug
    defaults to one made from the 文号, importer/slugs.py). A writing import holds the data
    directory's lock (importer/lock.py): a second one waits, or refuses and changes nothing."""
    options = dict(write=write, revision=revision, lead_policy=lead_policy, notice=notice)
    if not write:
        return _import_notice(source, data_dir, **options)
    try:
        with lock.held(data_dir):
            return _import_notice(source, data_dir, **options)
    except lock.Busy as busy:
        return ImportResult(problems=[Problem(str(data_dir), 0, str(busy))])


def _import_notice(
    source: Path,
    data_dir: Path,
    *,
    write: bool,
    revision: Revision | None,
    lead_policy: str,
    notice: str | None,
) -> ImportResult:
    result = ImportResult()
    shown = str(source)
    library = notice is not None or is_library(data_dir)
    if notice is not None and not NOTICE_SLUG.match(notice):
        result.problems.append(Problem("--notice", 0, m.BAD_SLUG.format(slug=notice)))
        return result
    if revision is not None and not library:
        result.problems += _check_revision(revision, data_dir)
        if result.failed:
            return result
    try:
        text = read_source(source, shown)
        lines = text.lines
        parsed, warnings = parse(lines, shown, lead_policy)
    except ProblemsFound as found:
        result.problems += found.problems
        return result
    result.problems += warnings
    result.lines, result.parsed = lines, parsed

    folder, prefix, slug = data_dir, "", ""
    if library:
        slug = notice or notice_slug(parsed.doc_number or "")
        if slug is None:
            message = m.NO_SLUG_FROM.format(doc_number=parsed.doc_number or "")
            result.problems.append(Problem(shown, 0, message))
            return result
        folder, prefix = data_dir / NOTICES_DIR / slug, f"{NOTICES_DIR}/{slug}/"
        result.problems += _check_folder(folder, parsed, str(data_dir), prefix)
        if revision is not None:
            result.problems += _check_revision(revision, folder)
        if result.failed:
            return result

    # The office's corrections, kept beside notice.yaml, on every import and revision.
    result.corrections = apply_corrections(
        parsed,
        folder / CORRECTIONS_FILE,
        f"{str(data_dir).rstrip('/')}/{prefix}{CORRECTIONS_FILE}",
        first_leads=bool(parsed.lead_rule) or lead_policy == "first",
    )
    settled = result.corrections.settled
    result.problems = [
        p
        for p in result.problems
        if not (p.path == shown and p.line in settled and _SETTLED.search(p.message))
    ]
    result.problems += result.corrections.problems
    if result.failed:
        return result

    files = _data_files(
        source, lines, parsed, folder, data_dir, result, revision, prefix, as_read=text.unrun > 0
    )
    if text.unrun:
        result.report.append(m.UNRUN.format(lines=text.unrun))
    if text.joined or text.page_numbers:
        result.report.append(
            m.PDF_JOINED.format(joined=text.joined, page_numbers=text.page_numbers)
        )

    def check(staged: Path) -> list[Problem]:
        if library:
            site, problems = load.check_joining(staged, slug, shown_dir=str(data_dir))
        else:
            site, problems = load.check(staged, shown_dir=str(data_dir))
        if site is not None and not write:
            result.json = export.notice_json(site)
            _add_task_details(result.json, parsed)
        return problems

    if write:
        found = datafiles.write_atomically(data_dir, files, check)
    else:
        with tempfile.TemporaryDirectory(prefix="fengong-import-") as tmp:
            staged = Path(tmp) / "data"
            staged.mkdir()
            # Only the unit registry matters for a preview: it gives the units their ids.
            registry = data_dir / datafiles.UNITS_FILE
            if registry.is_file():
                shutil.copy2(registry, staged / datafiles.UNITS_FILE)
            for rel, content in files.items():
                (staged / rel).parent.mkdir(parents=True, exist_ok=True)
                (staged / rel).write_bytes(content)
            found = check(staged)
    # Warnings about the unit registry (uncurated stubs), tasks without a lead and tasks
    # without units are summed up in the report (lead rule: …; tasks without units: … at
    # their source lines), not listed again at notice.yaml's; gaps in part and clause
    # numbers the parser has reported at the source's line.
    units_shown = f"{str(data_dir).rstrip('/')}/{datafiles.UNITS_FILE}"
    result.problems += [
        p
        for p in found
        if p.severity == "error"
        or (
            p.path != units_shown
            and NO_LEAD_WARNING not in p.message
            and NUMBERING_GAP not in p.message
            and not p.message.endswith(NO_UNIT_WARNING)
        )
    ]
    return result


def _check_folder(folder: Path, parsed, shown_dir: str, prefix: str) -> list[Problem]:
    """A notice's folder holds that notice: importing another notice into it (two 文号 with
    the same initials, or a slug given by mistake) would replace it."""
    previous = datafiles.read_current(folder) or {}
    number = (previous.get("notice") or {}).get("doc_number") or ""
    new = parsed.doc_number or ""
    if not number or normalise(number) == normalise(new):
        return []
    message = m.FOLDER_OF_ANOTHER.format(number=number, new=new or "这一份")
    return [Problem(f"{shown_dir.rstrip('/')}/{prefix}{datafiles.NOTICE_FILE}", 0, message)]


def _add_task_details(data: dict, parsed) -> None:
    """What the JSON says beyond the site's schema: each unit's role as the notice gives it,
    the leaders (people), whether the notice numbered the task, an open-ended list."""
    by_number = {t.number: t for t in parsed.tasks}
    for entry in data["tasks"]:
        task = by_number.get(entry["number"])
        if task is None:
            continue
        entry["roles"] = list(task.roles) or datafiles.implied_roles(task.units, task.lead)
        entry["leaders"] = list(task.leaders)
        entry["numbered"] = task.numbered
        if task.published is not None:
            entry["published_number"] = task.published
        if task.open_ended:
            entry["open_ended"] = task.open_ended
        if task.deadline:
            entry["deadline"] = task.deadline


LAYOUTS = {
    "numbered": "编号的任务（1．…），每项以责任单位的括号或单位行结束",
    "clause": "条款一级的任务（（一）…），每项以责任单位的括号结束",
    "section": "部分一级的任务（一、…），每项以责任单位的括号结束",
    "table": "表格，按表头找到各列",
}


def report_html(result: ImportResult, source: Path) -> str:
    """The import report (report.py): every task beside its source line, for a person to
    check; written also for a failed import, to show what was read."""
    return report.render_report(report.report_context(result, str(source)))


def understood(parsed, shown: str) -> list[str]:
    """What the importer understood, for a person to check at a glance."""
    lines = [m.SUMMARY_LAYOUT.format(layout=LAYOUTS.get(parsed.layout, parsed.layout))]
    if parsed.lead_rule:
        where = f"（{shown}:{parsed.lead_rule_line}）" if parsed.lead_rule_line else ""
        lines.append(m.SUMMARY_LEAD_RULE.format(rule=parsed.lead_rule, where=where))
    else:
        marked = sum(1 for t in parsed.tasks if t.marked_lead)
        unmarked = [t for t in parsed.tasks if t.units and not t.marked_lead]
        if unmarked and all(t.lead for t in unmarked):
            rule = m.SUMMARY_RULE_FIRST
        elif unmarked:
            rule = m.SUMMARY_RULE_NONE
        else:
            rule = ""
        lines.append(m.SUMMARY_NO_LEAD_RULE.format(rule=rule, marked=marked))
    unnumbered = sum(1 for t in parsed.tasks if not t.numbered)
    counts = m.SUMMARY_COUNTED.format(
        parts=len(parsed.parts), clauses=len(parsed.clauses), tasks=len(parsed.tasks)
    )
    if unnumbered:
        counts += m.SUMMARY_UNNUMBERED.format(unnumbered=unnumbered)
    lines.append(counts)
    no_units = [t for t in parsed.tasks if not t.units]
    if no_units:
        places = "，".join(f"{shown}:{t.line}" for t in no_units[:10])
        more = " …" if len(no_units) > 10 else ""
        lines.append(m.SUMMARY_NO_UNITS.format(count=len(no_units), places=places + more))
    else:
        lines.append(m.SUMMARY_NO_UNITS_NONE)
    stray = [b.line for b in parsed.blocks if b.kind == "other"]
    if stray:
        places = "，".join(f"{shown}:{n}" for n in stray[:10]) + (" …" if len(stray) > 10 else "")
        lines.append(m.SUMMARY_NOT_PLACED.format(count=len(stray), places=places))
    else:
        lines.append(m.SUMMARY_NOT_PLACED_NONE)
    return lines


def _check_revision(revision: Revision, data_dir: Path) -> list[Problem]:
    where = "--revision"
    if not REVISION_LABEL.match(revision.label):
        return [Problem(where, 0, m.BAD_REVISION_LABEL.format(label=revision.label))]
    if (data_dir / datafiles.REVISIONS_DIR / revision.label).exists():
        return [Problem(where, 0, m.REVISION_EXISTS.format(label=revision.label))]
    try:
        dt.date.fromisoformat(revision.date)
    except ValueError:
        return [Problem("--date", 0, m.BAD_REVISION_DATE.format(date=revision.date))]
    return []


def _data_files(
    source,
    lines,
    parsed,
    folder: Path,
    data_dir: Path,
    result: ImportResult,
    revision: Revision | None,
    prefix: str = "",
    as_read: bool = False,
) -> dict[str, bytes]:
    """The files to write, by path under data_dir: the notice's own under prefix (its
    folder, notices/<slug>/, or nothing in the single layout), units.yaml at the top."""
    if as_read or source.suffix.lower() in (".docx", *spreadsheet.SUFFIXES):  # the lines read
        name = f"{source.stem}.txt"
        source_bytes = ("\n".join(lines) + "\n").encode("utf-8")
    else:
        name = source.name
        source_bytes = source.read_bytes()
    previous = datafiles.read_current(folder)
    current_revision = (previous or {}).get("revision") if revision is None else None
    if revision is not None:
        current_revision = {"label": revision.label, "date": revision.date}
    if current_revision:
        folder = f"{datafiles.REVISIONS_DIR}/{current_revision['label']}"
        source_rel = f"{folder}/source{Path(name).suffix or '.txt'}"
    else:
        source_rel = f"{datafiles.SOURCE_DIR}/{name}"
    document = datafiles.notice_document(parsed, source_rel, revision=current_revision)
    result.report += datafiles.assign_task_ids(previous, document)

    written: list[str] = []
    for task in parsed.tasks:
        written += [name for name in task.units if name not in written]
    units_path = data_dir / datafiles.UNITS_FILE
    old_units = units_path.read_text(encoding="utf-8") if units_path.exists() else None
    where = jurisdiction(parsed.issuer or "", parsed.doc_number or "")
    library = data_dir if prefix else None
    units_text, stubs = datafiles.update_units(
        old_units, written, where, library=library, slug=prefix.rstrip("/").rpartition("/")[2]
    )
    added = [stub.name for stub in stubs]
    result.problems += datafiles.stub_warnings(stubs, parsed.tasks, str(source), str(units_path))
    if library is not None:
        result.problems += datafiles.unplaced_warning(where, written, str(source))

    result.report.append(
        m.SUMMARY_IMPORTED.format(
            source=source,
            tasks=len(parsed.tasks),
            clauses=len(parsed.clauses),
            parts=len(parsed.parts),
            names=len(written),
        )
    )
    result.report += understood(parsed, str(source))
    result.report += result.corrections.summary()
    result.new_units = list(added)
    if added:
        result.report.append(
            m.SUMMARY_NEW_UNITS.format(count=len(added), units=units_path, names="、".join(added))
        )
        result.report.append(m.SUMMARY_STUB_IDS.format(ids="、".join(stub.id for stub in stubs)))
    notice_bytes = datafiles.dump_notice(document).encode("utf-8")
    files = {
        prefix + source_rel: source_bytes,
        prefix + datafiles.NOTICE_FILE: notice_bytes,
        datafiles.UNITS_FILE: units_text.encode("utf-8"),
    }
    if current_revision:
        # The revision's own snapshot: the site shows what changed between snapshots.
        snapshot = f"{datafiles.REVISIONS_DIR}/{current_revision['label']}/notice.yaml"
        files[prefix + snapshot] = notice_bytes
    return files
