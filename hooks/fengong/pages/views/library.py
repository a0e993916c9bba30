"""The views of a library's own pages: the home page listing its notices, and one page per
unit across notices (its print sheet too). A notice's own pages are rendered as for one
notice alone, under notices/<slug>/ (paths.in_notice)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial

from markupsafe import Markup

from ...model import Assignment, Library, Notice, Site, Task, Unit
from .. import paths
from ..labels import NO_DATE, role_label
from ..paths import library_units
from ..qr import Codes
from ..sheets import SheetRow, sheet_rows
from .progress import Light, UnitProgress, unit_progress
from .units import DatedRow, Reporting, TaskRow, dated_rows, reporting, task_rows

# 废止 / 失效: what a notice no longer in force is labelled; the data says which by
# replaced_by (a notice that replaced it repealed it) or not (it expired).
REPEALED, EXPIRED = "已废止", "已失效"
IN_FORCE = "有效"
# What the site says of a notice whose validity no data file states (document.yaml's
# in_force): never 有效, which the issuer, not the site, declares.
UNSTATED = "以发布机关公布为准"
# The statuses shown plain; the others (废止, 失效) in bold with their date and successor.
PLAIN_STATUSES = (IN_FORCE, UNSTATED)


@dataclass(frozen=True, slots=True)
class NoticeRow:
    notice: Notice
    href: str
    year: str
    status: str  # "有效", 已废止 or 已失效
    replaced_by: tuple[str, str] | None  # (文号 or title, href) of the notice replacing it
    task_count: int
    unit_count: int
    topics: tuple[tuple[str, str], ...]  # (tag id, tag name) of the groups its tasks name
    basis: tuple[tuple[str, str], ...]  # (文号 or title, href): the notices it implements
    implemented_by: tuple[tuple[str, str], ...]  # the notices implementing it


@dataclass(frozen=True, slots=True)
class LibraryHome:
    rows: tuple[NoticeRow, ...]
    years: tuple[str, ...]  # newest first
    issuers: tuple[str, ...]
    topics: tuple[tuple[str, str], ...]  # (tag id, name), registry order
    task_count: int
    unit_count: int
    units_href: str
    tasks_href: str  # the task index of every notice
    feed_href: str  # the library's Atom feed (new notices, revisions)


def status_of(notice: Notice) -> str:
    if notice.in_force:
        return IN_FORCE if notice.in_force_stated else UNSTATED
    return REPEALED if notice.replaced_by else EXPIRED


def notice_name(notice: Notice) -> str:
    return notice.doc_number or notice.title


def notice_link(page: str, site: Site) -> tuple[str, str]:
    return notice_name(site.notice), paths.href(page, paths.notice_home(site.notice.slug))


def notice_row(library: Library, page: str, site: Site) -> NoticeRow:
    replacing = library.replacement_of(site) if site.notice.replaced_by else None
    tags = {tag.id for task in site.tasks for tag in task.tags}
    return NoticeRow(
        notice=site.notice,
        href=paths.href(page, paths.notice_home(site.notice.slug)),
        year=site.notice.date[:4],
        status=status_of(site.notice),
        replaced_by=notice_link(page, replacing) if replacing else None,
        task_count=len(site.tasks),
        unit_count=sum(1 for u in site.units if not u.is_placeholder),
        topics=tuple((t.id, t.name) for t in library.tags if t.id in tags),
        basis=tuple(notice_link(page, s) for s in library.basis_of(site)),
        implemented_by=tuple(notice_link(page, s) for s in library.implemented_by(site)),
    )


def library_home(library: Library, page: str) -> LibraryHome:
    rows = tuple(notice_row(library, page, site) for site in library.sites)
    used = {topic for row in rows for topic in row.topics}
    return LibraryHome(
        rows=rows,
        years=tuple(sorted({r.year for r in rows}, reverse=True)),
        issuers=tuple(sorted({r.notice.issuer for r in rows})),
        topics=tuple(t for t in ((t.id, t.name) for t in library.tags) if t in used),
        task_count=sum(r.task_count for r in rows),
        unit_count=len(library_units(library)),
        units_href=paths.href(page, paths.LIBRARY_UNITS),
        tasks_href=paths.href(page, paths.LIBRARY_TASKS),
        feed_href=paths.href(page, paths.LIBRARY_FEED),
    )


@dataclass(frozen=True, slots=True)
class NoticeLinks:
    """What a notice's own home says of it among the library's notices: whether it is in
    force, and the notices it implements (依据) and that implement it (贯彻落实)."""

    status: str
    repealed_on: str
    replaced_by: tuple[str, str] | None
    basis: tuple[tuple[str, str], ...]
    implemented_by: tuple[tuple[str, str], ...]
    library_href: str  # the home page listing every notice
    # (label, href) of each of the notice's own pages: in a library the header's tabs are
    # the library's, so the notice's home is where its timeline, progress … are reached.
    pages: tuple[tuple[str, str], ...] = ()


# A notice's own pages, as the single site's tabs name them (mkdocs.yml nav).
NOTICE_PAGES = (
    ("通知全文", paths.NOTICE),
    ("任务", paths.TASKS_INDEX),
    ("责任单位", paths.UNITS_INDEX),
    ("部分与条款", paths.PARTS_INDEX),
    ("时间节点", paths.TIMELINE),
    ("落实情况", paths.PROGRESS),
    ("修订记录", paths.CHANGES),
    ("关于", paths.ABOUT),
)


def notice_links(library: Library, site: Site, page: str) -> NoticeLinks:
    row = notice_row(library, page, site)
    return NoticeLinks(
        pages=tuple((label, paths.href(page, src_uri)) for label, src_uri in NOTICE_PAGES),
        status=row.status,
        repealed_on=site.notice.repealed_on,
        replaced_by=row.replaced_by,
        basis=row.basis,
        implemented_by=row.implemented_by,
        library_href=paths.href(page, paths.LIBRARY_HOME),
    )


# -- one page per unit, across notices ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class UnitTaskRow:
    task: Task
    href: str
    role: str  # the unit's role as the notice gives it: 牵头, 参与, 负责 …
    written: str  # the unit's name as this notice writes it, when not its name today
    others: tuple[tuple[Assignment, str], ...]  # the other units, with their page's href


@dataclass(frozen=True, slots=True)
class LedRow:
    """A task the unit leads in one notice, with how it stands: the unit's latest reported
    status (None: not reported), as the single unit page's 落实情况 gives it per period."""

    row: TaskRow
    status: Light | None
    period: str  # the period that status is from


@dataclass(frozen=True, slots=True)
class NoticeWork:
    """One notice's part of a unit's page: for a notice in force, what the single unit page
    shows (its tasks led and shared apart, 时间节点, 报送要求, 落实情况), with links into
    that notice's folder (link); for one no longer in force, only the list of its tasks."""

    notice: Notice
    href: str
    status: str
    rows: tuple[UnitTaskRow, ...]
    led: int
    shared: int
    ledger: str  # href of this notice's ledger of the unit (xlsx)
    ledger_csv: str
    link: Callable[[Task | Unit], str]  # an item's href from the unit's page, in this notice
    led_rows: tuple[LedRow, ...] = ()
    shared_rows: tuple[TaskRow, ...] = ()
    unled_rows: tuple[TaskRow, ...] = ()
    dated: tuple[DatedRow, ...] = ()
    undated: tuple[Task, ...] = ()
    reporting: Reporting | None = None
    progress: UnitProgress | None = None


@dataclass(frozen=True, slots=True)
class LibraryUnitPage:
    unit: Unit
    former: tuple[str, ...]  # the names it had (its predecessors', its former_names)
    works: tuple[NoticeWork, ...]  # in force first, newest first
    led: int  # across notices in force
    shared: int
    xlsx: str
    csv: str
    ics: str
    sheet: str
    tasks: str  # the library's task index, filtered to this unit (?unit=<id>)
    feed: str = ""  # the unit's Atom feed (its notices, revisions, reports received)
    no_date: str = NO_DATE  # what the page says of tasks whose text names no date


def _ids(library: Library, unit: Unit) -> set[str]:
    return {unit.id, *(u.id for u in library.predecessors(unit))}


def unit_task_row(page: str, slug: str, task: Task, ids: set[str]) -> UnitTaskRow:
    own = [a for a in task.assignments if a.unit.id in ids]
    return UnitTaskRow(
        task=task,
        href=paths.href(page, paths.in_notice(slug, paths.page_of(task))),
        role="、".join(dict.fromkeys(role_label(a) for a in own)),
        written="、".join(dict.fromkeys(a.written for a in own if a.written != own[0].unit.name)),
        others=tuple(
            # not in own, by unit id: comparing whole assignments cost more than the link
            (a, paths.href(page, paths.page_of(a.unit)))
            for a in task.assignments
            if a.unit.id not in ids
        ),
    )


def _link_in(page: str, slug: str) -> Callable[[Task | Unit], str]:
    """link(item) for a notice's items on a page outside its folder (a unit's page): a
    task's page in the notice's folder, a unit's page shared."""

    def link(item: Task | Unit) -> str:
        return paths.href(page, paths.in_notice(slug, paths.page_of(item)))

    return link


def _led_rows(rows: tuple[TaskRow, ...], progress: UnitProgress | None) -> tuple[LedRow, ...]:
    latest: dict[int, tuple[Light, str]] = {}
    if progress is not None:
        for led in progress.tasks:
            for period, cell in zip(progress.periods, led.cells, strict=True):
                if cell is not None:
                    latest[led.task.id] = (cell, period.label)
    return tuple(LedRow(row, *(latest.get(row.task.id) or (None, ""))) for row in rows)


def library_unit_page(library: Library, page: str, unit: Unit) -> LibraryUnitPage:
    ids = _ids(library, unit)
    works = []
    for work in library.work_of(unit):
        site, slug = work.site, work.site.notice.slug
        own = next(u for u in site.units if u.id in ids)  # the unit as this notice names it
        own_id = own.id
        chosen = {t.id for t in work.led + work.shared}
        more = {}
        if site.notice.in_force:
            progress = unit_progress(site, own, page)
            if progress is not None:
                notice_progress = paths.in_notice(slug, paths.PROGRESS)
                progress = replace(progress, progress_href=paths.href(page, notice_progress))
            more = dict(
                led_rows=_led_rows(task_rows(work.led, own), progress),
                shared_rows=task_rows(tuple(t for t in work.shared if t.lead), own),
                unled_rows=task_rows(tuple(t for t in work.shared if not t.lead), own),
                dated=dated_rows(site, own),
                undated=tuple(t for t in site.tasks_of(own) if not t.dates),
                reporting=reporting(site, own),
                progress=progress,
            )
        works.append(
            NoticeWork(
                notice=site.notice,
                href=paths.href(page, paths.notice_home(slug)),
                status=status_of(site.notice),
                rows=tuple(unit_task_row(page, slug, t, ids) for t in site.tasks if t.id in chosen),
                led=len(work.led),
                shared=len(work.shared),
                ledger=paths.href(
                    page, paths.in_notice(slug, paths.download(f"units/{own_id}.xlsx"))
                ),
                ledger_csv=paths.href(
                    page, paths.in_notice(slug, paths.download(f"units/{own_id}.csv"))
                ),
                link=_link_in(page, slug),
                **more,
            )
        )
    in_force = [w for w in works if w.notice.in_force]
    predecessors = library.predecessors(unit)
    return LibraryUnitPage(
        unit=unit,
        former=tuple(dict.fromkeys((*(u.name for u in predecessors), *unit.former_names))),
        works=tuple(works),
        led=sum(w.led for w in in_force),
        shared=sum(w.shared for w in in_force),
        xlsx=paths.href(page, paths.unit_download(unit, "xlsx")),
        csv=paths.href(page, paths.unit_download(unit, "csv")),
        ics=paths.href(page, paths.unit_download(unit, "ics")),
        sheet=paths.href(page, paths.unit_print_page(unit)),
        tasks=paths.href(page, paths.LIBRARY_TASKS, query=f"unit={unit.id}"),
        feed=paths.href(page, paths.unit_feed(unit)),
    )


# -- a unit's print sheet across the notices in force -------------------------------------


@dataclass(frozen=True, slots=True)
class SheetWork:
    """One notice's part of a unit's sheet: its tasks as the single sheet shows them."""

    notice: Notice
    written: str  # the unit's name as this notice writes it, when not its name today
    led: tuple[SheetRow, ...]
    shared: tuple[SheetRow, ...]
    unled: tuple[SheetRow, ...]  # its tasks that have no lead (未明确牵头单位)
    reporting: Reporting | None = None  # what it must report, if it leads tasks here


@dataclass(frozen=True, slots=True)
class LibraryUnitSheet:
    unit: Unit
    address: str  # the unit page's full address; "" without a site_url
    code: Markup  # that address as a QR code (or its slot)
    works: tuple[SheetWork, ...]  # the notices in force that name it
    led: int
    shared: int
    with_qr: bool


def library_unit_sheet(library: Library, page: str, unit: Unit, codes: Codes) -> LibraryUnitSheet:
    """The sheet with the look of one notice's (unit_print.html.j2): a QR code of the unit's
    page, and per notice in force its tasks, each with its address and QR code."""
    ids = _ids(library, unit)
    works = []
    for work in library.work_of(unit):
        site = work.site
        if not site.notice.in_force:
            continue
        own = next(u for u in site.units if u.id in ids)  # the unit as this notice names it
        names = (
            a.written for t in work.led + work.shared for a in t.assignments if a.unit.id == own.id
        )
        rows = partial(sheet_rows, unit=own, page=page, codes=codes, slug=site.notice.slug)
        works.append(
            SheetWork(
                notice=site.notice,
                written="、".join(dict.fromkeys(n for n in names if n != unit.name)),
                led=tuple(rows(work.led)),
                shared=tuple(rows([t for t in work.shared if t.lead])),
                unled=tuple(rows([t for t in work.shared if not t.lead])),
                reporting=reporting(site, own),
            )
        )
    address = codes.address(paths.page_of(unit))
    return LibraryUnitSheet(
        unit=unit,
        address=address,
        code=codes.code(address),
        works=tuple(works),
        led=sum(len(w.led) for w in works),
        shared=sum(len(w.shared) + len(w.unled) for w in works),
        with_qr=bool(codes.site_url),
    )


@dataclass(frozen=True, slots=True)
class MovedUnitPage:
    unit: Unit
    successor: Unit
    href: str


def moved_unit_page(library: Library, page: str, unit: Unit) -> MovedUnitPage:
    successor = library.successor(unit)
    return MovedUnitPage(unit, successor, paths.href(page, paths.page_of(successor)))


@dataclass(frozen=True, slots=True)
class LibraryUnitsIndex:
    rows: tuple[tuple[Unit, int, int, str], ...]  # (unit, notices, tasks in force, href)


def library_units_index(library: Library, page: str) -> LibraryUnitsIndex:
    rows = []
    for unit in library_units(library):
        works = library.work_of(unit)
        tasks = sum(len(w.led) + len(w.shared) for w in works if w.site.notice.in_force)
        rows.append((unit, len(works), tasks, paths.href(page, paths.page_of(unit))))
    return LibraryUnitsIndex(rows=tuple(rows))
