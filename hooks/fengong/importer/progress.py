"""Returned ledgers → data/progress/<period>/<unit>.yaml, all or nothing.

Each file is read (importer/ledgers.py), checked against the Site (whose ledger, which
tasks, which statuses), and only when no file of the run has an error are they all written,
each through a temp file and a rename. A unit's earlier return for the same period is
replaced, and what changed is said; other periods are never touched."""

from __future__ import annotations

import datetime as dt
import difflib
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .. import ledger
from ..data import load
from ..data.readers.layout import NOTICES_DIR, is_library
from ..data.readers.progress import PROGRESS_DIR, read_report
from ..model import ProgressContribution, ProgressEntry, ReportingPeriod, Site, Task, Unit
from ..problems import Problem
from ..textnorm import normalise
from . import messages as m
from .ledgers import ReturnedLedger, ReturnedRow, read_ledger


@dataclass
class ProgressImport:
    problems: list[Problem] = field(default_factory=list)
    report: list[str] = field(default_factory=list)  # one summary line per file, and changes
    written: list[Path] = field(default_factory=list)
    period: str = ""  # the period imported into: --period, or the one the date falls in

    @property
    def failed(self) -> bool:
        return any(p.severity == "error" for p in self.problems)


@dataclass(frozen=True, slots=True)
class _Return:
    """One checked file: what will be written, and where."""

    ledger: ReturnedLedger
    unit: Unit
    entries: tuple[ProgressEntry, ...]
    contributions: tuple[ProgressContribution, ...]  # its filled rows of tasks it shares
    not_reported: tuple[Task, ...]
    led: int
    rel: str  # progress/<period>/<unit>.yaml


def import_progress(
    files: list[Path],
    period: str | None,
    data_dir: Path,
    *,
    received: str | None = None,
    unit: str | None = None,
    notice: str | None = None,
) -> ProgressImport:
    """Import returned ledgers into data_dir/progress/ or, in a library, into the progress/
    of the notice they are for (data_dir/notices/<notice>/progress/)."""
    result = ProgressImport()
    received = received or dt.date.today().isoformat()
    try:
        dt.date.fromisoformat(received)
    except ValueError:
        result.problems.append(Problem("--date", 0, m.BAD_DATE.format(date=received)))
        return result
    site, problems = _site(data_dir, notice)
    if site is None:
        result.problems += problems
        # A library without --notice: the one line naming the slugs says it all.
        if not any(p.path == "--notice" for p in problems) and not is_library(data_dir):
            fix = Problem(str(data_dir), 0, m.FIX_DATA_FIRST.format(data_dir=data_dir))
            result.problems.append(fix)
        return result
    if notice is not None:
        data_dir = data_dir / NOTICES_DIR / notice  # where the notice's progress/ is
    periods = {p.id: p for p in site.periods}
    found_by_date = period is None
    if period is None:
        period, problem = period_of(site.periods, received)
        if problem is not None:
            result.problems.append(problem)
            return result
    if period not in periods:
        message = m.UNKNOWN_PERIOD.format(period=period, periods=periods_text(site.periods))
        result.problems.append(Problem("--period", 0, message))
        return result
    result.period = period
    if unit is not None and unit not in {u.id for u in site.units}:
        result.problems.append(Problem("--unit", 0, _unknown_unit(unit, site)))
        return result

    returns: list[_Return] = []
    first_of: dict[str, str] = {}
    for path in files:
        returned, problems = read_ledger(path)
        if returned is not None:
            checked, more = _check(returned, site, period, unit)
            problems += more
            if checked is not None:
                if checked.unit.id in first_of:
                    problems.append(
                        Problem(
                            returned.shown,
                            0,
                            m.SECOND_RETURN.format(
                                unit=checked.unit.name,
                                unit_id=checked.unit.id,
                                first=first_of[checked.unit.id],
                            ),
                        )
                    )
                first_of.setdefault(checked.unit.id, returned.shown)
                returns.append(checked)
        result.problems += problems
    if result.failed:
        return result

    documents = {r.rel: _document(r, period, received) for r in returns}
    numbers = {t.id: t.number for t in site.tasks}
    if found_by_date:  # said first, so a wrong --date is seen before anything else
        chosen = periods[period]
        result.report.append(
            m.PERIOD_FOUND.format(
                period=period, covers=chosen.covers, window=window_text(chosen), date=received
            )
        )
    for r in returns:
        result.report += _summary(r, period, received, data_dir, numbers)
    result.written = _write_all(data_dir, documents)
    return result


def _unknown_unit(unit: str, site: Site) -> str:
    """An unknown --unit, with the unit it most likely means (by id or by name)."""
    by_id = {u.id: u for u in site.units}
    by_name = {u.name: u for u in site.units}
    near = difflib.get_close_matches(unit, by_id, n=1) or difflib.get_close_matches(
        unit, by_name, n=1
    )
    if near:
        meant = by_id.get(near[0]) or by_name[near[0]]
        return m.UNKNOWN_UNIT_NEAR.format(unit=unit, name=meant.name, example=meant.id)
    return m.UNKNOWN_UNIT.format(unit=unit, example=site.units[0].id if site.units else "")


def period_of(
    periods: Sequence[ReportingPeriod], received: str
) -> tuple[str | None, Problem | None]:
    """The one period whose reporting window holds the day received, or a problem listing
    every period and its window."""
    within = [p for p in periods if p.opens <= received <= p.due]
    if len(within) == 1:
        return within[0].id, None
    why = (m.DATE_IN_NO_WINDOW if not within else m.DATE_IN_SEVERAL_WINDOWS).format(date=received)
    return None, Problem(
        "--period", 0, m.NAME_THE_PERIOD.format(why=why, periods=periods_text(periods))
    )


def periods_text(periods: Sequence[ReportingPeriod]) -> str:
    """2020-H1 上半年，报送 2020年7月1日至7月10日；…: every period, as the office names it."""
    listed = "；".join(
        m.PERIOD_LISTED.format(id=p.id, covers=p.covers, window=window_text(p)) for p in periods
    )
    return listed or m.NO_PERIODS


def window_text(period: ReportingPeriod) -> str:
    """2020年7月1日至7月10日: the window as the pages write it (pages/labels.span_text)."""
    first, last = dt.date.fromisoformat(period.opens), dt.date.fromisoformat(period.due)
    start = f"{first.year}年{first.month}月{first.day}日"
    end = (
        f"{last.month}月{last.day}日"
        if last.year == first.year
        else f"{last.year}年{last.month}月{last.day}日"
    )
    return start if first == last else f"{start}至{end}"


def _site(data_dir: Path, notice: str | None) -> tuple[Site | None, list[Problem]]:
    """The Site of the notice the ledgers are for: the data directory's one notice, or the
    library's notice `notice`."""
    if notice is None:
        return load.check(data_dir)
    library, problems = load.check_library(data_dir)
    if library is None:
        return None, problems
    slugs = [s.notice.slug for s in library.sites]
    if notice not in slugs:
        message = m.UNKNOWN_NOTICE.format(
            data_dir=data_dir, notices=NOTICES_DIR, notice=notice, slugs="、".join(slugs)
        )
        return None, [*problems, Problem("--notice", 0, message)]
    return library.notice(notice), problems


# -- checking one return against the Site --------------------------------------------------


def _check(
    returned: ReturnedLedger, site: Site, period: str, expected: str | None
) -> tuple[_Return | None, list[Problem]]:
    shown, where = returned.shown, returned.where
    units = {u.id: u for u in site.units}
    unit = units.get(returned.unit)
    if unit is None:
        return None, [Problem(shown, 0, m.LEDGER_OF_UNKNOWN_UNIT.format(unit=returned.unit))]
    if expected is not None and unit.id != expected:
        return None, [
            Problem(
                shown,
                0,
                m.LEDGER_OF_OTHER_UNIT.format(
                    unit=unit.name,
                    unit_id=unit.id,
                    expected=units[expected].name,
                    expected_id=expected,
                ),
            )
        ]
    notice = site.notice
    if returned.doc_number is not None and returned.doc_number != notice.doc_number:
        return None, [
            Problem(
                shown,
                0,
                m.LEDGER_OF_OTHER_NOTICE.format(
                    other=returned.doc_number or m.ANOTHER_NOTICE, doc_number=notice.doc_number
                ),
            )
        ]
    led = site.tasks_led(unit)
    problems: list[Problem] = []
    given: dict[int, ReturnedRow] = {}  # a partner's filled rows: its contributions
    by_id = {t.id: t for t in site.tasks}
    removed = {r.id: r for r in site.removed_tasks}
    seen: dict[int, int] = {}
    found: dict[int, ReturnedRow] = {}
    for row in returned.rows:
        if row.task_id is None:
            if row.status or row.progress or row.evidence:
                problems.append(
                    Problem(
                        where,
                        row.row,
                        m.ROW_WITHOUT_TASK,
                    )
                )
            continue
        task = by_id.get(row.task_id)
        label = (
            m.TASK_LABEL_NUMBERED.format(task_id=row.task_id, number=task.number)
            if task
            else m.TASK_LABEL.format(task_id=row.task_id)
        )
        if row.task_id in seen:
            problems.append(
                Problem(
                    where,
                    row.row,
                    m.SECOND_ROW.format(label=label, first=seen[row.task_id]),
                )
            )
            continue
        seen[row.task_id] = row.row
        if task is None:
            problems.append(Problem(where, row.row, _unknown(row, returned, site, removed)))
            continue
        role = task.role_of(unit)
        if role is None:
            problems.append(
                Problem(
                    where,
                    row.row,
                    m.NOT_ASSIGNED.format(label=label, unit=unit.name, unit_id=unit.id),
                )
            )
            continue
        if row.status and row.status not in ledger.STATUSES:
            problems.append(
                Problem(
                    where,
                    row.row,
                    m.BAD_STATUS.format(
                        label=label, status=row.status, statuses="、".join(ledger.STATUSES)
                    ),
                )
            )
            continue
        if role != "lead":
            if row.status or row.progress or row.evidence:
                problems.append(
                    Problem(
                        where,
                        row.row,
                        m.SHARED_TASK.format(label=label, unit=unit.name),
                        "warning",
                    )
                )
                given[task.id] = row
            continue
        if normalise(row.text) != normalise(task.text):
            problems.append(
                Problem(
                    where,
                    row.row,
                    m.TEXT_EDITED.format(label=label),
                    "warning",
                )
            )
        if not row.status and (row.progress or row.evidence):
            problems.append(
                Problem(
                    where,
                    row.row,
                    m.NO_STATUS.format(label=label),
                    "warning",
                )
            )
        if row.status:
            found[task.id] = row

    entries = tuple(
        ProgressEntry(
            task_id=t.id,
            status=found[t.id].status,
            progress=found[t.id].progress,
            evidence=found[t.id].evidence,
        )
        for t in led
        if t.id in found
    )
    contributions = tuple(
        ProgressContribution(
            task_id=t.id,
            status=given[t.id].status,
            progress=given[t.id].progress,
            evidence=given[t.id].evidence,
        )
        for t in site.tasks
        if t.id in given
    )
    if not led and not contributions:
        return None, [
            Problem(
                shown,
                0,
                m.LEADS_NOTHING.format(unit=unit.name, unit_id=unit.id),
            )
        ]
    not_reported = tuple(t for t in led if t.id not in found)
    if not_reported:
        numbers = "、".join(f"任务{t.number}" for t in not_reported)
        problems.append(
            Problem(
                shown,
                0,
                m.NOT_REPORTED.format(
                    numbers=numbers, unit=unit.name, led=len(led), count=len(not_reported)
                ),
                "warning",
            )
        )
    checked = _Return(
        ledger=returned,
        unit=unit,
        entries=entries,
        contributions=contributions,
        not_reported=not_reported,
        led=len(led),
        rel=f"{PROGRESS_DIR}/{period}/{unit.id}.yaml",
    )
    return checked, problems


def _unknown(row: ReturnedRow, returned: ReturnedLedger, site: Site, removed) -> str:
    """An id the current notice has no task for: removed by a revision, or never ours."""
    current = site.notice.revision_label
    made = (
        m.MADE_OF_REVISION.format(revision=returned.revision)
        if returned.revision
        else m.MADE_OF_NO_REVISION
    )
    gone = removed.get(row.task_id)
    if gone is not None:
        return m.TASK_REMOVED.format(
            task_id=row.task_id,
            last=gone.last_revision.label,
            number=gone.number,
            removed_in=gone.removed_in.label,
            made=made,
        )
    if returned.revision != current:
        return m.TASK_OF_OLD_REVISION.format(task_id=row.task_id, made=made, current=current)
    return m.TASK_ID_CHANGED.format(task_id=row.task_id)


# -- writing -------------------------------------------------------------------------------


def _document(r: _Return, period: str, received: str) -> str:
    reports = []
    for e in r.entries:
        entry = {"task": e.task_id, "status": e.status, "progress": e.progress}
        if e.evidence:
            entry["evidence"] = e.evidence
        reports.append(entry)
    body = {
        "unit": r.unit.id,
        "period": period,
        "received": received,
        "revision": r.ledger.revision,
        "file": r.ledger.name,
        "reports": reports,
    }
    if r.contributions:
        body["contributions"] = [
            {
                "task": c.task_id,
                **{k: v for k, v in (("status", c.status), ("progress", c.progress)) if v},
                **({"evidence": c.evidence} if c.evidence else {}),
            }
            for c in r.contributions
        ]
    head = m.PROGRESS_FILE_HEAD.format(unit=r.unit.name, period=period)
    return head + yaml.dump(
        body, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1_000_000
    )


# libyaml's emitter where PyYAML has it (its wheels do): the pure-Python one was a third of
# the time of an import of 300 ledgers.
class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    pass


# Multi-line progress text as a block (|), as a person would write it; else plain.
_Dumper.add_representer(
    str,
    lambda dumper, text: dumper.represent_scalar(
        "tag:yaml.org,2002:str", text, style="|" if "\n" in text else None
    ),
)


def _write_all(data_dir: Path, documents: dict[str, str]) -> list[Path]:
    """Every file through a temp file beside the data, each read back before any replaces
    what was there: an error leaves data/ as it was."""
    written = []
    with tempfile.TemporaryDirectory(dir=data_dir, prefix=".progress-") as tmp:
        staged = {}
        for rel, text in documents.items():
            path = Path(tmp) / rel.replace("/", "__")
            path.write_text(text, encoding="utf-8")
            _, problems = read_report(path, rel)
            if problems:  # our own output: a bug, not the unit's mistake
                raise RuntimeError("\n".join(map(str, problems)))
            staged[rel] = path
        for rel, path in staged.items():
            target = data_dir / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            path.replace(target)  # same filesystem: atomic
            written.append(target)
    return written


# -- what the run did ----------------------------------------------------------------------


def _summary(
    r: _Return, period: str, received: str, data_dir: Path, numbers: dict[int, int]
) -> list[str]:
    counts = Counter(e.status for e in r.entries)
    statuses = "，".join(
        m.STATUS_COUNT.format(status=s, count=counts[s]) for s in ledger.STATUSES if counts[s]
    )
    target = data_dir / r.rel
    lines = []
    verb = m.WROTE.format(rel=r.rel)
    if target.exists():
        previous, _ = read_report(target, r.rel)
        changes = []
        if previous is not None and previous.received != received:
            changes.append(m.RECEIVED_CHANGED.format(before=previous.received, after=received))
        changes += _changes(previous.entries if previous else (), r.entries, numbers)
        changes += _changes(
            previous.contributions if previous else (), r.contributions, numbers, True
        )
        verb = m.REPLACED.format(rel=r.rel, count=len(changes))
        lines = [f"  {line}" for line in changes]
    given = len(r.contributions)
    line = m.SUMMARY.format(
        shown=r.ledger.shown,
        unit=r.unit.name,
        unit_id=r.unit.id,
        period=period,
        led=r.led,
        reported=len(r.entries),
        statuses=statuses or m.NO_STATUS_COUNT,
        contributions=m.CONTRIBUTIONS.format(count=given) if given else "",
        verb=verb,
    )
    return [line, *lines]


def _changes(before, after, numbers: dict[int, int], contributions: bool = False) -> list[str]:
    """What changed between two returns of a unit: its reports, or its contributions."""
    old = {e.task_id: e for e in before}
    new = {e.task_id: e for e in after}
    lines = []
    for task_id in sorted(old.keys() | new.keys()):
        a, b = old.get(task_id), new.get(task_id)
        name = (
            m.CHANGE_NAME.format(number=numbers[task_id], task_id=task_id)
            if task_id in numbers
            else m.TASK_LABEL.format(task_id=task_id)
        )
        if contributions:
            name = m.CHANGE_CONTRIBUTION.format(name=name)
        if a is None:
            lines.append(m.NEWLY_REPORTED.format(name=name) + (f"，{b.status}" if b.status else ""))
        elif b is None:
            was = m.WAS_STATUS.format(status=a.status) if a.status else ""
            lines.append(m.NO_LONGER_REPORTED.format(name=name) + was)
        else:
            if a.status != b.status:
                lines.append(m.STATUS_CHANGED.format(name=name, before=a.status, after=b.status))
            if a.progress != b.progress:
                lines.append(m.PROGRESS_CHANGED.format(name=name))
            if a.evidence != b.evidence:
                lines.append(m.EVIDENCE_CHANGED.format(name=name))
    return lines
