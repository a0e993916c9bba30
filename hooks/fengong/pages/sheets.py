"""A print sheet's task rows (任务单): each task's text and dates, the other units, and its
address with a QR code."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from ..model import Task, Unit
from . import paths
from .dated import in_date_order, task_items
from .labels import KIND_LABELS
from .qr import Codes


@dataclass(frozen=True, slots=True)
class UnitLink:
    unit: Unit
    href: str


@dataclass(frozen=True, slots=True)
class SheetRow:
    task: Task
    href: str
    lead: tuple[UnitLink, ...]  # the lead unit, unless it is the sheet's unit
    others: tuple[UnitLink, ...]  # the other partners, without the sheet's unit
    dates: tuple[str, ...]  # 截止：2021年4月30日, in date order; () when it has none (the
    # sheet says labels.NO_DATE once under its table, not in bold in every row)
    url: str  # the task's full address ("" without a site_url)
    qr: Markup  # the address as a QR code (inline SVG), or its slot


def sheet_rows(
    tasks: Sequence[Task], unit: Unit, page: str, codes: Codes, slug: str = ""
) -> list[SheetRow]:
    """The rows of the sheet of `unit` (on `page`) listing `tasks`; slug: their notice's, in
    a library (their pages are under notices/<slug>/)."""

    def links(units: Sequence[Unit]) -> tuple[UnitLink, ...]:
        return tuple(UnitLink(u, paths.href(page, paths.page_of(u))) for u in units)

    rows = []
    for task in tasks:
        task_page = paths.in_notice(slug, paths.page_of(task))
        url = codes.address(task_page)
        lead = [a.unit for a in task.lead if a.unit.id != unit.id]
        others = [a.unit for a in task.partners if a.unit.id != unit.id]
        rows.append(
            SheetRow(
                task=task,
                href=paths.href(page, task_page),
                lead=links(list(dict.fromkeys(lead))),
                others=links(list(dict.fromkeys(others))),
                dates=tuple(
                    f"{KIND_LABELS[i.kind]}：{i.when}" for i in in_date_order(task_items((task,)))
                ),
                url=url,
                qr=codes.code(url),
            )
        )
    return rows
