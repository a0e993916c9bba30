"""The notice's dated items: the day it was issued, each task's dates, and the reporting
windows (本年度7月上旬 resolved against the notice's year), in date order."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from ..mentions import mention_span, notice_year, reporting_window
from ..model import Site, Task, Unit
from . import paths
from .labels import KIND_LABELS, cn_date, span_text

DatedKind = Literal["issued", "deadline", "date", "period", "reporting"]


@dataclass(frozen=True, slots=True)
class Dated:
    """One dated item: a task's deadline, date or period; a reporting window (本年度7月上旬,
    resolved against the notice's year); or the day the notice was issued."""

    kind: DatedKind
    first: date
    last: date
    name: str  # 任务32 · 实施期 / 报送上半年工作情况 / 通知印发
    when: str  # the days, as the site writes them: 2020年1月1日至12月31日, 2020年7月1日至10日
    quote: str  # the notice's words: 实施期限为2020年1月1日至12月31日, 本年度7月上旬
    task: Task | None
    page: str  # src_uri of the page it links to
    anchor: str = ""


def reporting_items(site: Site) -> list[Dated]:
    """The reporting deadlines as windows of days: 本年度7月上旬 → the notice's year, 1–10 July,
    written as every page, sheet and download writes them (2020年7月1日至10日)."""
    duty, year = site.reporting, notice_year(site)
    if duty is None or year is None:
        return []
    block = next((b for b in site.blocks if duty.text and duty.text in b.text), None)
    items = []
    for d in duty.deadlines:
        first, last = reporting_window(d, year)
        items.append(
            Dated(
                kind="reporting",
                first=first,
                last=last,
                name=f"报送{d.covers}工作情况",
                when=span_text(first, last),
                quote=d.when,
                task=None,
                page=paths.NOTICE,
                anchor=paths.notice_anchor(block) if block else "",
            )
        )
    return items


def task_items(tasks: Iterable[Task]) -> list[Dated]:
    """The dates, deadlines and periods the tasks' texts name, in the tasks' order."""
    items = []
    for task in tasks:
        for mention in task.dates:
            first, last = mention_span(mention)
            if first is None or last is None:
                continue
            items.append(
                Dated(
                    kind=mention.kind,
                    first=first,
                    last=last,
                    name=f"任务{task.number} · {KIND_LABELS[mention.kind]}",
                    when=span_text(first, last),
                    quote=mention.quote,
                    task=task,
                    page=paths.page_of(task),
                )
            )
    return items


def in_date_order(items: Iterable[Dated]) -> list[Dated]:
    """By first day, then last day, then kind (the issue date first, reporting last), then
    task number."""
    order = {"issued": 0, "period": 1, "date": 2, "deadline": 3, "reporting": 4}
    return sorted(
        items,
        key=lambda i: (i.first, i.last, order[i.kind], i.task.number if i.task else 0),
    )


def dated_items(site: Site) -> list[Dated]:
    """Every dated item of the notice, in date order."""
    items = []
    if site.notice.date:
        issued = date.fromisoformat(site.notice.date)
        items.append(
            Dated(
                kind="issued",
                first=issued,
                last=issued,
                name="通知印发",
                when=cn_date(site.notice.date),
                quote=site.notice.doc_number,
                task=None,
                page=paths.NOTICE,
            )
        )
    return in_date_order(items + task_items(site.tasks) + reporting_items(site))


def unit_dated_items(site: Site, unit: Unit) -> list[Dated]:
    """A unit's dated items, in date order: its tasks' dates, and the reporting windows
    when it leads a task (lead units report)."""
    items = task_items(site.tasks_of(unit))
    if site.tasks_led(unit):
        items += reporting_items(site)
    return in_date_order(items)
