"""The views of how the tasks stand (落实情况): the /progress/ page, and what a task page and
a unit page show of it. The arithmetic is fengong.pages.standing's; here it becomes display
values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ...model import ReportingPeriod, Site, Task, Unit
from .. import paths
from ..charts.lights import LightsChart, RowSpec, lights
from ..labels import ROLE_LABELS, cn_number, span_text
from ..period_summary import periods_with_reports
from ..standing import (
    COUNT_KEYS,
    COUNT_LABELS,
    NO_REPORT,
    NO_REPORT_KEY,
    STATUS_KEYS,
    Standing,
    TaskPeriod,
    counts,
    standing,
)


@dataclass(frozen=True, slots=True)
class Light:
    """A status as every page shows it: its word, on its light (class fg-light-<key>)."""

    key: str
    word: str


def light(status: str | None) -> Light:
    key = STATUS_KEYS[status] if status else NO_REPORT_KEY
    return Light(key=key, word=COUNT_LABELS[key])


LEGEND = tuple(Light(key=key, word=COUNT_LABELS[key]) for key in COUNT_KEYS)


@dataclass(frozen=True, slots=True)
class PeriodDue:
    """A reporting period and its window: 2020年上半年, 2020年7月1日至7月10日."""

    period: ReportingPeriod
    window: str
    opens: str  # ISO, for today.js
    due: str


def period_due(period: ReportingPeriod) -> PeriodDue:
    window = span_text(date.fromisoformat(period.opens), date.fromisoformat(period.due))
    return PeriodDue(period=period, window=window, opens=period.opens, due=period.due)


# -- a task ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EntryRow:
    """One unit's words on the task in one period's ledger."""

    unit: Unit
    role: str  # 牵头 / 参与 / "" (not a responsible unit of the task)
    light: Light
    progress: str  # 进展情况, as the unit wrote it (text: the templates escape it)
    evidence: str  # 佐证材料
    received: str  # ISO
    late: bool


@dataclass(frozen=True, slots=True)
class ContributionRow:
    """A partner unit's words on the task in one period's ledger: they set no status."""

    unit: Unit
    status: str  # the partner's own word, if it chose one; "" else
    progress: str  # text: the templates escape it
    evidence: str
    received: str  # ISO
    late: bool


@dataclass(frozen=True, slots=True)
class PeriodRow:
    period: ReportingPeriod
    light: Light  # the task's status in the period (未报送 when no lead unit reported it)
    entries: tuple[EntryRow, ...]
    contributions: tuple[ContributionRow, ...] = ()


def period_row(h: TaskPeriod) -> PeriodRow:
    entries = tuple(
        EntryRow(
            unit=e.unit,
            role=ROLE_LABELS.get(e.role or "", ""),
            light=light(e.entry.status),
            progress=e.entry.progress,
            evidence=e.entry.evidence,
            received=e.report.received,
            late=e.late,
        )
        for e in h.entries
    )
    contributions = tuple(
        ContributionRow(
            unit=c.unit,
            status=c.contribution.status,
            progress=c.contribution.progress,
            evidence=c.contribution.evidence,
            received=c.report.received,
            late=bool(h.period.due) and c.report.received > h.period.due,
        )
        for c in h.contributions
    )
    return PeriodRow(
        period=h.period, light=light(h.status), entries=entries, contributions=contributions
    )


@dataclass(frozen=True, slots=True)
class TaskProgress:
    has_reports: bool  # any report on the site
    light: Light  # the current status
    current: PeriodRow | None  # the period it is from
    history: tuple[PeriodRow, ...]  # every period with a row for the task, in date order
    overdue: bool
    last_day: str  # ISO: the latest day the task's text names; "" without one
    periods: tuple[PeriodDue, ...]  # when reports are due
    no_report: str  # 尚未收到报送
    progress_href: str


def task_progress(site: Site, task: Task, page: str) -> TaskProgress:
    s = standing(site).of(task)
    return TaskProgress(
        has_reports=standing(site).has_reports,
        light=light(s.status),
        current=period_row(s.current) if s.current else None,
        history=tuple(period_row(h) for h in s.history),
        overdue=s.overdue,
        last_day=s.last_day.isoformat() if s.last_day else "",
        periods=tuple(period_due(p) for p in site.periods),
        no_report=NO_REPORT,
        progress_href=paths.href(page, paths.PROGRESS),
    )


# -- a unit ------------------------------------------------------------------------------

RETURN_WORDS = {
    "received": "按时报送",
    "late": "逾期报送",
    "missing": "未报送",
    "not-open": "未到报送期",
}


@dataclass(frozen=True, slots=True)
class ReturnRow:
    due: PeriodDue
    state: str  # received | late | missing | not-open
    word: str  # 按时报送 …
    received: str  # ISO; "" without a ledger
    file: str  # the returned file's name


@dataclass(frozen=True, slots=True)
class LedTask:
    task: Task
    cells: tuple[Light | None, ...]  # per period: the unit's own status; None: no row


@dataclass(frozen=True, slots=True)
class UnitProgress:
    has_reports: bool
    returns: tuple[ReturnRow, ...]  # per period, in date order
    tasks: tuple[LedTask, ...]  # the tasks it leads, with its status per period
    periods: tuple[ReportingPeriod, ...]
    no_report: str
    progress_href: str


def unit_progress(site: Site, unit: Unit, page: str) -> UnitProgress | None:
    """What the unit returned each period, for the tasks it leads (lead units report)."""
    st = standing(site)
    returns = st.returns_of(unit)
    if not returns:
        return None
    periods = tuple(r.period for r in returns)
    own: dict[tuple[int, str], str] = {}
    for r in returns:
        if r.report is not None:
            for entry in r.report.entries:
                own[(entry.task_id, r.period.id)] = entry.status
    tasks = tuple(
        LedTask(
            task=t,
            cells=tuple(light(own[(t.id, p.id)]) if (t.id, p.id) in own else None for p in periods),
        )
        for t in site.tasks_led(unit)
    )
    return UnitProgress(
        has_reports=st.has_reports,
        returns=tuple(
            ReturnRow(
                due=period_due(r.period),
                state=r.state,
                word=RETURN_WORDS[r.state],
                received=r.report.received if r.report else "",
                file=r.report.file if r.report else "",
            )
            for r in returns
        ),
        tasks=tasks,
        periods=periods,
        no_report=NO_REPORT,
        progress_href=paths.href(page, paths.PROGRESS),
    )


# -- /progress/ --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OverdueRow:
    task: Task
    light: Light
    last_day: str  # ISO
    period: str  # the label of the period its status is from; "" without one


@dataclass(frozen=True, slots=True)
class TrendRow:
    due: PeriodDue
    opened: bool
    cells: tuple[tuple[Light, int], ...]  # in COUNT_KEYS order
    received: int
    late: int
    missing: int


@dataclass(frozen=True, slots=True)
class OfficeFiles:
    """A reported period's files for the office: the 汇总表 and the 通报 draft."""

    due: PeriodDue
    summary_href: str  # .xlsx
    report_href: str  # .docx


@dataclass(frozen=True, slots=True)
class ProgressPage:
    has_reports: bool
    as_of: str  # ISO: the latest report's day received
    report_count: int
    task_count: int
    latest: ReportingPeriod | None
    next_due: PeriodDue | None
    periods: tuple[PeriodDue, ...]
    legend: tuple[Light, ...]
    totals: tuple[tuple[Light, int, str], ...]  # (status, tasks, the task index filtered)
    by_part: LightsChart | None  # None when the notice has no parts
    by_unit: LightsChart
    overdue: tuple[OverdueRow, ...]
    missing: tuple[Unit, ...]  # lead units with no ledger for the latest period
    # Of those, the ids of the ones that returned an earlier period: their tasks count by that
    # return, not as 未报送, in the headline and the charts.
    reported_before: frozenset[str]
    trend: tuple[TrendRow, ...]
    no_report: str
    tasks_href: str
    office: tuple[OfficeFiles, ...] = ()  # per period with reports, in date order


def status_query(key: str, **facets: str | int) -> str:
    return "&".join([f"status={key}", *(f"{k}={v}" for k, v in facets.items())])


def progress_page(site: Site, page: str) -> ProgressPage:
    st = standing(site)
    by_part = None
    if site.parts:
        by_part = lights(
            "fg-lights-part",
            "各部分任务的落实情况",
            "部分",
            [
                RowSpec(
                    id=str(p.number),
                    label=f"{cn_number(p.number)}、{p.title}",
                    href=paths.href(page, paths.page_of(p)),
                    counts=counts(st.of(t) for t in site.tasks_in(p)),
                    href_of=_tasks_filtered(page, part=p.number),
                )
                for p in site.parts
            ],
        )
    by_unit = lights(
        "fg-lights-unit",
        "各牵头单位所牵头任务的落实情况",
        "牵头单位",
        [
            RowSpec(
                id=u.id,
                label=u.name,
                href=paths.href(page, paths.page_of(u)),
                counts=counts(st.of(t) for t in site.tasks_led(u)),
                href_of=_tasks_filtered(page, unit=u.id, role="lead"),
            )
            for u in st.lead_units
        ],
    )
    all_counts = counts(st.tasks)
    totals = tuple(
        (lamp, n, paths.href(page, paths.TASKS_INDEX, query=status_query(lamp.key)))
        for lamp, n in zip(LEGEND, all_counts, strict=True)
    )
    next_due = st.next_due()
    return ProgressPage(
        has_reports=st.has_reports,
        as_of=st.as_of,
        report_count=len(site.reports),
        task_count=len(site.tasks),
        latest=st.latest,
        next_due=period_due(next_due) if next_due else None,
        periods=tuple(period_due(p) for p in st.periods),
        legend=LEGEND,
        totals=totals,
        by_part=by_part,
        by_unit=by_unit,
        overdue=tuple(
            OverdueRow(
                task=s.task,
                light=light(s.status),
                last_day=s.last_day.isoformat() if s.last_day else "",
                period=s.current.period.label if s.current else "",
            )
            for s in st.overdue()
        ),
        missing=st.missing(st.latest) if st.latest else (),
        reported_before=frozenset(
            u.id
            for u in (st.missing(st.latest) if st.latest else ())
            if any(r.report is not None for r in st.returns_of(u))
        ),
        trend=tuple(trend_rows(st)),
        no_report=NO_REPORT,
        tasks_href=paths.href(page, paths.TASKS_INDEX),
        office=tuple(
            OfficeFiles(
                due=period_due(p),
                summary_href=paths.href(page, paths.period_download(p.id, "xlsx")),
                report_href=paths.href(page, paths.period_download(p.id, "docx")),
            )
            for p in periods_with_reports(site)
        ),
    )


def trend_rows(st: Standing) -> list[TrendRow]:
    return [
        TrendRow(
            due=period_due(t.period),
            opened=t.opened,
            cells=tuple(zip(LEGEND, t.counts, strict=True)),
            received=t.received,
            late=t.late,
            missing=t.missing,
        )
        for t in st.trend
    ]


def _tasks_filtered(page: str, **facets: str | int):
    def href_of(key: str) -> str:
        return paths.href(page, paths.TASKS_INDEX, query=status_query(key, **facets))

    return href_of


# -- the home page's line ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HomeProgress:
    has_reports: bool
    report_count: int
    as_of: str
    next_due: PeriodDue | None
    href: str
    # Every reporting window, by date: the page names the next against the reader's today
    # (today.js), which the build cannot know.
    periods: tuple[PeriodDue, ...] = ()


def home_progress(site: Site, page: str) -> HomeProgress:
    st = standing(site)
    next_due = st.next_due()
    return HomeProgress(
        has_reports=st.has_reports,
        report_count=len(site.reports),
        as_of=st.as_of,
        next_due=period_due(next_due) if next_due else None,
        href=paths.href(page, paths.PROGRESS),
        periods=tuple(period_due(p) for p in st.periods),
    )
