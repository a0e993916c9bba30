"""The views of the unit pages: the units index with its charts, a unit, its print sheet."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ...model import Assignment, Notice, Part, Revision, Site, Task, Unit
from .. import paths
from ..charts.bars import BarChart, bar_chart
from ..charts.matrix import Matrix, level_legend, matrix
from ..dated import Dated, reporting_items, unit_dated_items
from ..labels import KIND_LABELS, NO_DATE, ROLE_LABELS, role_label
from ..qr import Codes
from ..sheets import SheetRow, sheet_rows
from ..standing import standing
from .progress import Light, UnitProgress, light, unit_progress

# Units drawn in the /units/ charts, most tasks first. A chart of hundreds of units reads as
# noise, and would make /units/ grow with the square of the notice; the table below the
# charts lists every unit.
CHART_UNITS = 50


# Where the office the lead units report to sits. The notice names the office only
# (reporting.to); no data field holds these words (units.yaml's note on 区人力社保局 says
# the same in a sentence), so they are kept here, in one place.
def report_to(site: Site, office: str) -> str:
    """The office reports go to, with the unit it sits in when units.yaml says."""
    seat = site.seat_of(office)
    return f"{office}（设在{seat.name}）" if seat else office


# -- the units index ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class UnitsIndex:
    unit_count: int  # the units, placeholders (相关单位) not counted
    placeholders: tuple[Unit, ...]  # words the notice uses for whoever it concerns
    task_count: int
    charted: int  # units drawn in the charts
    bars: BarChart
    matrix: Matrix | None  # None when the notice has no parts
    legend: tuple[tuple[int, str], ...]  # the matrix's shades
    # every unit: (unit, led, shared, without a lead)
    involvement: tuple[tuple[Unit, int, int, int], ...]


def units_index(site: Site, page: str) -> UnitsIndex:
    rows = site.involvement(site.tasks)
    # A placeholder is listed in the table, marked, but not drawn or counted as a unit.
    charted = [row for row in rows if not row[0].is_placeholder][:CHART_UNITS]
    bars = bar_chart(charted, lambda u: paths.href(page, paths.page_of(u)))
    grid = None
    if site.parts:

        def count(unit: Unit, part: Part) -> int:
            return sum(1 for t in site.tasks_of(unit) if t.part == part.number)

        grid = matrix(
            [row[0] for row in charted],
            site.parts,
            count,
            href_of_unit=lambda u: paths.href(page, paths.page_of(u)),
            href_of_part=lambda p: paths.href(page, paths.page_of(p)),
            href_of_cell=lambda u, p: paths.href(
                page, paths.TASKS_INDEX, query=f"unit={u.id}&part={p.number}"
            ),
        )
    return UnitsIndex(
        unit_count=sum(not u.is_placeholder for u in site.units),
        placeholders=tuple(u for u in site.units if u.is_placeholder),
        task_count=len(site.tasks),
        charted=len(charted),
        bars=bars,
        matrix=grid,
        legend=tuple(level_legend()),
        involvement=tuple(rows),
    )


# -- a unit ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class UnitDownloads:
    xlsx: str
    csv: str
    ics: str  # "" when the unit's calendar would be empty
    sheet: str  # its print sheet


@dataclass(frozen=True, slots=True)
class UnitChange:
    """A task the latest revision gave the unit, took from it, or changed its role in."""

    what: str  # gained | lost | role
    old_number: int | None
    new_number: int | None
    href: str  # the task's page (a removed task keeps one)
    lead_before: tuple[str, ...]
    lead_after: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class UnitChanges:
    revision: Revision
    previous: Revision
    tasks: tuple[UnitChange, ...]


@dataclass(frozen=True, slots=True)
class DatedRow:
    """A row of the unit's 时间节点: a date of one of its tasks, or a reporting window."""

    item: Dated
    kind: str  # 截止 / 实施期 / 报送
    role: str  # the unit's role in the task in words (牵头, 参与, 负责 …); 牵头 for a report
    first: str  # ISO days, for the script that marks what has passed (fengong/today.js)
    last: str


@dataclass(frozen=True, slots=True)
class TaskRow:
    """A task in the unit's tables: its lead units and the other units, never the page's own
    unit among them (it is the one reading)."""

    task: Task
    lead: tuple[Assignment, ...]
    others: tuple[Assignment, ...]
    role: str  # the unit's own role where the notice gives one (负责, 指导); else ""


@dataclass(frozen=True, slots=True)
class Reporting:
    """What a lead unit must report, when and to whom."""

    text: str  # the notice's words
    items: tuple[str, ...]  # 联络人, 工作情况
    windows: tuple[DatedRow, ...]  # when: 2020年7月1日至7月10日, with the notice's words
    to: str  # the office, with where it sits


@dataclass(frozen=True, slots=True)
class UnitPage:
    unit: Unit
    led: tuple[TaskRow, ...]
    shared: tuple[TaskRow, ...]
    unled: tuple[TaskRow, ...]  # its tasks that have no lead (未明确牵头单位)
    downloads: UnitDownloads
    changes: UnitChanges | None
    dated: tuple[DatedRow, ...]  # in date order
    undated: tuple[Task, ...]  # its tasks whose text names no date
    no_date: str  # what the page says of them
    reporting: Reporting | None  # only for a unit that leads tasks
    progress: UnitProgress | None  # its returns, only for a unit that leads tasks
    # Once reports exist: each task it leads (by number) with its current status (落实情况),
    # shown beside the task; empty before any report.
    led_status: dict[int, Light]


def led_status(site: Site, unit: Unit) -> dict[int, Light]:
    st = standing(site)
    if not st.has_reports:
        return {}
    return {t.number: light(st.of(t).status) for t in site.tasks_led(unit)}


def has_calendar(site: Site, unit: Unit) -> bool:
    """Whether the unit's calendar has any event: a dated task, or a report to make."""
    tasks = site.tasks_of(unit)
    return any(t.dates for t in tasks) or bool(site.reporting and site.tasks_led(unit))


def unit_changes(site: Site, unit: Unit, page: str) -> UnitChanges | None:
    found, latest = site.unit_changes(unit), site.latest_changes
    if not found:
        return None
    tasks = []
    for what, c in found:
        task_id = latest.new_ids[c.new_number] if c.new_number else latest.old_ids[c.old_number]
        tasks.append(
            UnitChange(
                what=what,
                old_number=c.old_number,
                new_number=c.new_number,
                href=paths.href(page, paths.task_page(task_id)),
                lead_before=c.lead_before,
                lead_after=c.lead_after,
            )
        )
    return UnitChanges(revision=latest.revision, previous=latest.previous, tasks=tuple(tasks))


def dated_rows(site: Site, unit: Unit) -> tuple[DatedRow, ...]:
    """The dates of the unit's tasks and, if it leads any, the reporting windows: in date
    order (first day, then last day)."""
    return tuple(
        dated_row(item, unit_role(item.task, unit) if item.task else ROLE_LABELS["lead"])
        for item in unit_dated_items(site, unit)
    )


def dated_row(item: Dated, role: str) -> DatedRow:
    return DatedRow(
        item=item,
        kind=KIND_LABELS[item.kind],
        role=role,
        first=item.first.isoformat(),
        last=item.last.isoformat(),
    )


def task_rows(tasks: tuple[Task, ...], unit: Unit) -> tuple[TaskRow, ...]:
    return tuple(
        TaskRow(
            task=t,
            lead=tuple(a for a in t.lead if a.unit.id != unit.id),
            others=tuple(a for a in t.partners if a.unit.id != unit.id),
            role=own_role(t, unit),
        )
        for t in tasks
    )


def unit_role(task: Task, unit: Unit) -> str:
    return next(role_label(a) for a in task.assignments if a.unit.id == unit.id)


def own_role(task: Task, unit: Unit) -> str:
    """The unit's role in the task as the notice words it, where that says more than the
    table it is listed in (牵头 or 参与): 负责, 指导."""
    for a in task.assignments:
        if a.unit.id == unit.id and a.duty in ("responsible", "guiding"):
            return role_label(a)
    return ""


def reporting(site: Site, unit: Unit) -> Reporting | None:
    duty = site.reporting
    if duty is None or not site.tasks_led(unit):
        return None
    return Reporting(
        text=duty.text,
        items=duty.items,
        windows=tuple(dated_row(item, ROLE_LABELS["lead"]) for item in reporting_items(site)),
        to=report_to(site, duty.to),
    )


def unit_page(site: Site, page: str, unit: Unit) -> UnitPage:
    ics = paths.unit_download(unit, "ics")
    return UnitPage(
        unit=unit,
        led=task_rows(site.tasks_led(unit), unit),
        shared=task_rows(site.tasks_shared(unit), unit),
        unled=task_rows(site.tasks_unled(unit), unit),
        downloads=UnitDownloads(
            xlsx=paths.href(page, paths.unit_download(unit, "xlsx")),
            csv=paths.href(page, paths.unit_download(unit, "csv")),
            ics=paths.href(page, ics) if has_calendar(site, unit) else "",
            sheet=paths.href(page, paths.unit_print_page(unit)),
        ),
        changes=unit_changes(site, unit, page),
        dated=dated_rows(site, unit),
        undated=tuple(t for t in site.tasks_of(unit) if not t.dates),
        no_date=NO_DATE,
        reporting=reporting(site, unit),
        progress=unit_progress(site, unit, page),
        led_status=led_status(site, unit),
    )


# -- a unit's print sheet ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class UnitSheet:
    unit: Unit
    notice: Notice
    address: str  # the unit page's full address; "" without a site_url
    code: Markup  # that address as a QR code (or its slot)
    led: tuple[SheetRow, ...]
    shared: tuple[SheetRow, ...]
    unled: tuple[SheetRow, ...]  # its tasks that have no lead (未明确牵头单位)
    with_qr: bool
    reporting: Reporting | None


def unit_sheet(site: Site, page: str, unit: Unit, codes: Codes) -> UnitSheet:
    address = codes.address(paths.page_of(unit))
    duty = reporting(site, unit)
    return UnitSheet(
        unit=unit,
        notice=site.notice,
        address=address,
        code=codes.code(address),
        led=tuple(sheet_rows(site.tasks_led(unit), unit, page, codes)),
        shared=tuple(sheet_rows(site.tasks_shared(unit), unit, page, codes)),
        unled=tuple(sheet_rows(site.tasks_unled(unit), unit, page, codes)),
        with_qr=bool(codes.site_url),
        reporting=duty,
    )
