"""One reporting period as the office sums it up for its leaders: every task with what its
lead units reported in that period, the partners' contributions beneath, the counts by
status, part and lead unit, the overdue tasks and the lead units to remind (催报). The
arithmetic is fengong.pages.standing's; the 汇总表 (summary_xlsx.py) and the 通报 draft
(report_docx.py) only lay this out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..model import PROGRESS_STATUSES, ReportingPeriod, Site, Task, Unit
from .labels import cn_number, span_text
from .standing import COUNT_KEYS, COUNT_LABELS, NO_REPORT_KEY, STATUS_KEYS, standing


@dataclass(frozen=True, slots=True)
class Said:
    """One unit's words on a task in the period: a lead unit's report or a partner's
    contribution (which sets no status)."""

    unit: Unit
    status: str  # as the unit chose it; "" when a partner gave none
    progress: str  # 进展情况, as written
    evidence: str  # 佐证材料, as written
    received: str  # ISO


@dataclass(frozen=True, slots=True)
class TaskLine:
    task: Task
    lead: tuple[Unit, ...]  # 牵头单位
    others: tuple[Unit, ...]  # the other responsible units
    status: str | None  # the task's status in the period; None: no lead unit reported it
    key: str  # its COUNT_KEYS key
    reports: tuple[Said, ...]  # the lead units' rows
    contributions: tuple[Said, ...]  # the partners' rows
    last_day: str  # ISO: the latest day its text names; "" without one
    overdue: bool  # that day passed before the period's due day, and it is not 已完成

    @property
    def word(self) -> str:
        return COUNT_LABELS[self.key]


@dataclass(frozen=True, slots=True)
class Group:
    """A part of the notice (or the whole annex, when it has none) and its tasks."""

    label: str  # 一、…
    lines: tuple[TaskLine, ...]
    counts: tuple[int, ...]  # in COUNT_KEYS order


@dataclass(frozen=True, slots=True)
class Owed:
    """A lead unit with no ledger for the period, and the tasks it leads (催报)."""

    unit: Unit
    tasks: tuple[Task, ...]


@dataclass(frozen=True, slots=True)
class PeriodSummary:
    site: Site
    period: ReportingPeriod
    as_of: str  # ISO: the latest ledger of the period received
    groups: tuple[Group, ...]
    counts: tuple[int, ...]  # every task, in COUNT_KEYS order
    by_unit: tuple[tuple[Unit, tuple[int, ...]], ...]  # each lead unit's led tasks
    returned: tuple[Unit, ...]  # lead units whose ledger came in
    owed: tuple[Owed, ...]  # lead units whose ledger did not

    @property
    def lines(self) -> tuple[TaskLine, ...]:
        return tuple(line for g in self.groups for line in g.lines)

    @property
    def reported(self) -> int:
        return sum(self.counts) - self.counts[COUNT_KEYS.index(NO_REPORT_KEY)]

    def overdue(self) -> tuple[TaskLine, ...]:
        return tuple(line for line in self.lines if line.overdue)

    def lagging(self) -> tuple[TaskLine, ...]:
        """滞后 and 未启动: the tasks the office reports on first."""
        return tuple(line for line in self.lines if line.status in PROGRESS_STATUSES[2:])


COUNT_HEADERS = tuple(COUNT_LABELS[k] for k in COUNT_KEYS)  # 已完成 … 未报送


def window(summary: PeriodSummary) -> str:
    """The period's reporting window: 2020年7月1日至7月10日."""
    p = summary.period
    return span_text(date.fromisoformat(p.opens), date.fromisoformat(p.due))


def periods_with_reports(site: Site) -> tuple[ReportingPeriod, ...]:
    """The periods any ledger came in for, in date order."""
    found = {r.period for r in site.reports}
    return tuple(p for p in standing(site).periods if p.id in found)


def period_summary(site: Site, period: ReportingPeriod) -> PeriodSummary:
    st = standing(site)
    lines: dict[int, TaskLine] = {}
    for s in st.tasks:
        h = next((h for h in s.history if h.period.id == period.id), None)
        status = h.status if h else None
        said = [
            (
                e.role == "lead",
                Said(
                    unit=e.unit,
                    status=e.entry.status,
                    progress=e.entry.progress,
                    evidence=e.entry.evidence,
                    received=e.report.received,
                ),
            )
            for e in (h.entries if h else ())
        ]
        contributions = tuple(
            Said(
                unit=c.unit,
                status=c.contribution.status,
                progress=c.contribution.progress,
                evidence=c.contribution.evidence,
                received=c.report.received,
            )
            for c in (h.contributions if h else ())
        )
        task = s.task
        lines[task.id] = TaskLine(
            task=task,
            lead=tuple(a.unit for a in task.lead),
            others=tuple(u for u in task.units if task.role_of(u) != "lead"),
            status=status,
            key=STATUS_KEYS[status] if status else NO_REPORT_KEY,
            reports=tuple(x for lead, x in said if lead),
            contributions=tuple(x for lead, x in said if not lead) + contributions,
            last_day=s.last_day.isoformat() if s.last_day else "",
            overdue=s.last_day is not None
            and s.last_day.isoformat() < period.due
            and status != PROGRESS_STATUSES[0],
        )
    groups = [
        _group(f"{cn_number(p.number)}、{p.title}", [lines[t.id] for t in site.tasks_in(p)])
        for p in site.parts
    ]
    placed = {line.task.id for g in groups for line in g.lines}
    rest = [lines[t.id] for t in site.tasks if t.id not in placed]
    if rest:  # every task, whether the notice puts it in a part or not
        groups.append(_group("其他任务" if groups else "全部任务", rest))
    returns = [r for r in st.returns if r.period.id == period.id]
    return PeriodSummary(
        site=site,
        period=period,
        as_of=max((r.received for r in site.reports if r.period == period.id), default=""),
        groups=tuple(groups),
        counts=_counts(lines.values()),
        by_unit=tuple((u, _counts(lines[t.id] for t in site.tasks_led(u))) for u in st.lead_units),
        returned=tuple(r.unit for r in returns if r.report is not None),
        owed=tuple(
            Owed(unit=r.unit, tasks=site.tasks_led(r.unit)) for r in returns if r.report is None
        ),
    )


def _group(label: str, lines: list[TaskLine]) -> Group:
    return Group(label=label, lines=tuple(lines), counts=_counts(lines))


def _counts(lines) -> tuple[int, ...]:
    keys = [line.key for line in lines]
    return tuple(keys.count(k) for k in COUNT_KEYS)
