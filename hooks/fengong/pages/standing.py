"""How the tasks stand (落实情况): each task's status and its history, each lead unit's
returns per period (received, late, missing), counts by status and the trend across
periods, from Site.reports and Site.periods alone.

No clock is read: the same data builds the same bytes. "Now" is the data's own date, the
day the latest report was received (`as_of`); a period's window has opened when `as_of`
has reached its first day, and a report received after the period's due day is late. The
reader's browser marks today (fengong/today.js).

What a task's status is: its lead units (牵头单位) report it. When several lead units report
one task in a period, the task is as far along as the least advanced of them (已完成 only
when every lead unit that reported says so); each unit's words are kept and shown. A row
for the task in a partner's ledger is shown with its words but does not set the status. A
task's current status is its status in the latest period that has one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Literal

from ..model import (
    PROGRESS_STATUSES,
    ProgressContribution,
    ProgressEntry,
    ProgressReport,
    ReportingPeriod,
    Role,
    Site,
    Task,
    Unit,
)
from .dated import task_items
from .memo import per_object

# Each status's key in addresses (/tasks/?status=on-track), classes and tasks.json, in
# PROGRESS_STATUSES order; NO_REPORT_KEY for a task no lead unit has reported on yet.
STATUS_KEYS = dict(
    zip(PROGRESS_STATUSES, ("done", "on-track", "behind", "not-started"), strict=True)
)
NO_REPORT_KEY = "none"
NO_REPORT = "尚未收到报送"
# The columns of every count: the statuses, then the tasks without a report.
COUNT_KEYS = (*STATUS_KEYS.values(), NO_REPORT_KEY)
COUNT_LABELS = dict(zip(COUNT_KEYS, (*PROGRESS_STATUSES, "未报送"), strict=True))

ReturnState = Literal["received", "late", "missing", "not-open"]


@dataclass(frozen=True, slots=True)
class UnitEntry:
    """One unit's row for a task in one period's ledger."""

    unit: Unit
    role: Role | None  # the unit's role in the task (None: it is not a responsible unit)
    report: ProgressReport
    entry: ProgressEntry
    late: bool  # the ledger came in after the period's due day


@dataclass(frozen=True, slots=True)
class UnitContribution:
    """A partner unit's words on a task it shares, in one period's ledger: no status."""

    unit: Unit
    report: ProgressReport
    contribution: ProgressContribution


@dataclass(frozen=True, slots=True)
class TaskPeriod:
    """A task in one period: its status (None when no lead unit reported it) and every row."""

    period: ReportingPeriod
    status: str | None
    entries: tuple[UnitEntry, ...]  # lead units first, then others, each in the task's order
    contributions: tuple[UnitContribution, ...] = ()  # partners' words, in the task's order


@dataclass(frozen=True, slots=True)
class TaskStanding:
    task: Task
    history: tuple[TaskPeriod, ...]  # the periods with any row for the task, in date order
    current: TaskPeriod | None  # the latest period with a status
    last_day: date | None  # the latest day its text names (a deadline, a period's end)
    overdue: bool  # that day passed before as_of, and the task is not 已完成

    @property
    def status(self) -> str | None:
        return self.current.status if self.current else None

    @property
    def key(self) -> str:
        return STATUS_KEYS[self.status] if self.status else NO_REPORT_KEY


@dataclass(frozen=True, slots=True)
class UnitReturn:
    """A lead unit's ledger for one period, or its absence."""

    unit: Unit
    period: ReportingPeriod
    report: ProgressReport | None
    state: ReturnState  # not-open: the window had not opened by as_of


@dataclass(frozen=True, slots=True)
class PeriodTrend:
    """One period across the site: tasks by status in it, and the returns."""

    period: ReportingPeriod
    counts: tuple[int, ...]  # in COUNT_KEYS order: the tasks' status in this period
    received: int  # returns in time
    late: int
    missing: int
    opened: bool


@dataclass(frozen=True)
class Standing:
    periods: tuple[ReportingPeriod, ...]  # in date order
    as_of: str  # ISO: the latest report's day received; "" without reports
    latest: ReportingPeriod | None  # the latest period whose window opened by as_of
    tasks: tuple[TaskStanding, ...]  # in the notice's order
    lead_units: tuple[Unit, ...]  # the units that lead a task (they report), registry order
    returns: tuple[UnitReturn, ...]  # per lead unit, per period in date order
    trend: tuple[PeriodTrend, ...]  # per period in date order

    @property
    def has_reports(self) -> bool:
        return bool(self.as_of)

    def of(self, task: Task) -> TaskStanding:
        return self._by_task[task.id]

    def returns_of(self, unit: Unit) -> tuple[UnitReturn, ...]:
        return self._by_unit.get(unit.id, ())

    # Lookups, built on first use (not slotted, so cached_property can store them).
    @cached_property
    def _by_task(self) -> dict[int, TaskStanding]:
        return {s.task.id: s for s in self.tasks}

    @cached_property
    def _by_unit(self) -> dict[str, tuple[UnitReturn, ...]]:
        grouped: dict[str, list[UnitReturn]] = {}
        for r in self.returns:
            grouped.setdefault(r.unit.id, []).append(r)
        return {k: tuple(v) for k, v in grouped.items()}

    def missing(self, period: ReportingPeriod) -> tuple[Unit, ...]:
        """The lead units with no ledger for an opened period."""
        return tuple(
            r.unit for r in self.returns if r.period.id == period.id and r.state == "missing"
        )

    def overdue(self) -> tuple[TaskStanding, ...]:
        return tuple(s for s in self.tasks if s.overdue)

    def next_due(self) -> ReportingPeriod | None:
        """The first period still due as the data stands: the first without a window opened
        by as_of, or the latest opened one while its due day has not passed."""
        if self.latest and self.as_of <= self.latest.due:
            return self.latest
        return next((p for p in self.periods if not self.as_of or p.opens > self.as_of), None)


def counts(standings: Iterable[TaskStanding]) -> tuple[int, ...]:
    """Tasks by current status, in COUNT_KEYS order."""
    found = [s.key for s in standings]
    return tuple(found.count(key) for key in COUNT_KEYS)


def least_advanced(statuses: Iterable[str]) -> str | None:
    """The status furthest from 已完成 (PROGRESS_STATUSES runs from done to not begun)."""
    ranks = [PROGRESS_STATUSES.index(s) for s in statuses if s in PROGRESS_STATUSES]
    return PROGRESS_STATUSES[max(ranks)] if ranks else None


def last_day(task: Task) -> date | None:
    return max((item.last for item in task_items((task,))), default=None)


@per_object
def standing(site: Site) -> Standing:
    """The Site's standing, computed once per Site: every task and unit page asks, and a
    library's unit pages ask of each notice in turn."""
    return _standing(site)


def _standing(site: Site) -> Standing:
    periods = tuple(sorted(site.periods, key=lambda p: p.due))
    due = {p.id: p.due for p in periods}
    as_of = max((r.received for r in site.reports), default="")
    opened = [p for p in periods if as_of and p.opens <= as_of]
    # Rows by task id and period id, as (unit, report, entry).
    rows: dict[tuple[int, str], list[tuple[ProgressReport, ProgressEntry]]] = {}
    for report in site.reports:
        for entry in report.entries:
            rows.setdefault((entry.task_id, report.period), []).append((report, entry))
    given: dict[tuple[int, str], list[tuple[ProgressReport, ProgressContribution]]] = {}
    for report in site.reports:
        for c in report.contributions:
            given.setdefault((c.task_id, report.period), []).append((report, c))
    tasks = []
    for task in site.tasks:
        history = []
        for period in periods:
            found = rows.get((task.id, period.id), [])
            contributed = given.get((task.id, period.id), [])
            if not found and not contributed:
                continue
            entries = [
                UnitEntry(
                    unit=report.unit,
                    role=task.role_of(report.unit),
                    report=report,
                    entry=entry,
                    late=bool(period.due) and report.received > due[period.id],
                )
                for report, entry in found
            ]
            order = {a.unit.id: a.position for a in task.assignments}
            entries.sort(
                key=lambda e: (e.role != "lead", order.get(e.unit.id, len(order) + 1), e.unit.id)
            )
            lead_words = [e.entry.status for e in entries if e.role == "lead"]
            contributions = sorted(
                (UnitContribution(unit=r.unit, report=r, contribution=c) for r, c in contributed),
                key=lambda c: (order.get(c.unit.id, len(order) + 1), c.unit.id),
            )
            history.append(
                TaskPeriod(
                    period=period,
                    status=least_advanced(lead_words),
                    entries=tuple(entries),
                    contributions=tuple(contributions),
                )
            )
        current = next((h for h in reversed(history) if h.status), None)
        day = last_day(task)
        done = current is not None and current.status == PROGRESS_STATUSES[0]
        tasks.append(
            TaskStanding(
                task=task,
                history=tuple(history),
                current=current,
                last_day=day,
                overdue=bool(as_of) and day is not None and day.isoformat() < as_of and not done,
            )
        )
    lead_units = tuple(u for u in site.units if not u.is_placeholder and site.tasks_led(u))
    by_unit = {(r.unit.id, r.period): r for r in site.reports}
    returns = []
    for unit in lead_units:
        for period in periods:
            report = by_unit.get((unit.id, period.id))
            if report is not None:
                state = "late" if report.received > period.due else "received"
            else:
                state = "missing" if period in opened else "not-open"
            returns.append(UnitReturn(unit=unit, period=period, report=report, state=state))
    trend = []
    for period in periods:
        keys = []
        for s in tasks:
            h = next((h for h in s.history if h.period.id == period.id), None)
            keys.append(STATUS_KEYS[h.status] if h and h.status else NO_REPORT_KEY)
        states = [r.state for r in returns if r.period.id == period.id]
        trend.append(
            PeriodTrend(
                period=period,
                counts=tuple(keys.count(key) for key in COUNT_KEYS),
                received=states.count("received"),
                late=states.count("late"),
                missing=states.count("missing"),
                opened=period in opened,
            )
        )
    return Standing(
        periods=periods,
        as_of=as_of,
        latest=opened[-1] if opened else None,
        tasks=tuple(tasks),
        lead_units=lead_units,
        returns=tuple(returns),
        trend=tuple(trend),
    )
