"""The views of the unit pages: the units index with its charts, a unit, its print sheet."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from .. import paths
from ..charts.bars import BarChart, bar_chart
from ..charts.matrix import Matrix, level_legend, matrix
from ..dated import Dated, reporting_items
from ..model import DateMention, Notice, Part, ReportingDeadline, Revision, Site, Task, Unit
from ..qr import Codes
from ..sheets import SheetRow, sheet_rows

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
    unit_count: int
    task_count: int
    charted: int  # units drawn in the charts
    bars: BarChart
    matrix: Matrix | None  # None when the notice has no parts
    legend: tuple[tuple[int, str], ...]  # the matrix's shades
    involvement: tuple[tuple[Unit, int, int], ...]  # every unit: (unit, led, shared)


def units_index(site: Site, page: str) -> UnitsIndex:
    rows = site.involvement(site.tasks)
    charted = rows[:CHART_UNITS]
    bars = bar_chart(charted, lambda u: paths.href(page, paths.page_of(u)))
    grid = None
    if site.parts:

        def count(unit: Unit, part: Part) -> int:
            return sum(1 for t in site.tasks_of(unit) if t.part == part.number)

        grid = matrix(
            [u for u, _, _ in charted],
            site.parts,
            count,
            href_of_unit=lambda u: paths.href(page, paths.page_of(u)),
            href_of_part=lambda p: paths.href(page, paths.page_of(p)),
            href_of_cell=lambda u, p: paths.href(
                page, paths.TASKS_INDEX, query=f"unit={u.id}&part={p.number}"
            ),
        )
    return UnitsIndex(
        unit_count=len(site.units),
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
class DatedTask:
    mention: DateMention
    task: Task
    role: str  # the unit's role in the task: lead | partner


@dataclass(frozen=True, slots=True)
class Reporting:
    """What a lead unit must report, when and to whom."""

    text: str  # the notice's words
    items: tuple[str, ...]  # 联络人, 工作情况
    deadlines: tuple[ReportingDeadline, ...]
    to: str  # the office, with where it sits


@dataclass(frozen=True, slots=True)
class UnitPage:
    unit: Unit
    led: tuple[Task, ...]
    shared: tuple[Task, ...]
    downloads: UnitDownloads
    changes: UnitChanges | None
    dated: tuple[DatedTask, ...]  # in date order
    reporting: Reporting | None  # only for a unit that leads tasks


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


def dated_tasks(site: Site, unit: Unit) -> tuple[DatedTask, ...]:
    """The dates of the unit's tasks, in date order (then task order)."""
    items = [(d.end or d.start or "", t, d) for t in site.tasks_of(unit) for d in t.dates]
    items.sort(key=lambda item: (item[0], item[1].number))
    return tuple(DatedTask(mention=d, task=t, role=t.role_of(unit)) for _, t, d in items)


def reporting(site: Site, unit: Unit) -> Reporting | None:
    duty = site.reporting
    if duty is None or not site.tasks_led(unit):
        return None
    return Reporting(
        text=duty.text, items=duty.items, deadlines=duty.deadlines, to=report_to(site, duty.to)
    )


def unit_page(site: Site, page: str, unit: Unit) -> UnitPage:
    ics = paths.unit_download(unit, "ics")
    return UnitPage(
        unit=unit,
        led=site.tasks_led(unit),
        shared=site.tasks_shared(unit),
        downloads=UnitDownloads(
            xlsx=paths.href(page, paths.unit_download(unit, "xlsx")),
            csv=paths.href(page, paths.unit_download(unit, "csv")),
            ics=paths.href(page, ics) if has_calendar(site, unit) else "",
            sheet=paths.href(page, paths.unit_print_page(unit)),
        ),
        changes=unit_changes(site, unit, page),
        dated=dated_tasks(site, unit),
        reporting=reporting(site, unit),
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
    with_qr: bool
    reporting: Reporting | None
    reporting_items: tuple[Dated, ...]


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
        with_qr=bool(codes.site_url),
        reporting=duty,
        reporting_items=tuple(reporting_items(site)) if duty else (),
    )
