"""A library's downloads: each notice's own (under notices/<slug>/downloads/), and for each
unit its ledger (XLSX, CSV) and calendar across every notice in force, one row per task with
the notice it is from. Deterministic bytes, as downloads.py makes them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import icalendar

from ..model import Library, Site, Task, Unit
from . import paths, xlsx
from .downloads import (
    LEDGER_COLUMNS,
    URL_HEADER,
    Row,
    _columns,
    _cut,
    calendar,
    csv_bytes,
    download_files,
    ledger_rows,
    notice_day,
)

UrlIn = Callable[[str, Task | Unit], str]  # (notice slug, item) → the item's full address
NOTICE_COLUMNS = (("文件", 22),)  # which notice a row is from: its 文号 (or title)


def library_download_files(
    library: Library, url_in: UrlIn | None = None, moved_from_single: str = ""
) -> dict[str, bytes]:
    """moved_from_single: the notice a single-notice site published before it became this
    library (library.yaml); its calendars keep the event ids they had (calendar_uid)."""

    def notice_id(slug: str) -> str:
        return "" if slug == moved_from_single else slug

    files: dict[str, bytes] = {}
    for site in library.sites:
        slug = site.notice.slug
        url_of = (lambda item, slug=slug: url_in(slug, item)) if url_in else None
        made = download_files(site, url_of, notice_id(slug))
        files.update((paths.in_notice(slug, name), data) for name, data in made.items())
    with_urls = url_in is not None
    columns = NOTICE_COLUMNS + _columns(LEDGER_COLUMNS, with_urls)
    for unit in paths.library_units(library):
        rows: list[Row] = []
        calendars = []
        for site, own in _in_force(library, unit):
            slug = site.notice.slug
            url_of = (lambda item, slug=slug: url_in(slug, item)) if url_in else (lambda _: "")
            name = site.notice.doc_number or site.notice.title
            for u in own:
                cut = _cut(ledger_rows(site, u, url_of), LEDGER_COLUMNS, with_urls)
                rows += [(name, *row) for row in cut]
                calendars.append(calendar(site, url_of, u, notice_id(slug)))
        day = max((notice_day(s) for s, _ in _in_force(library, unit)), default=date(2000, 1, 1))
        files[paths.unit_download(unit, "xlsx")] = _ledger(unit, columns, rows, day)
        files[paths.unit_download(unit, "csv")] = csv_bytes(columns, rows)
        files[paths.unit_download(unit, "ics")] = _merged(unit, calendars)
    return files


def _in_force(library: Library, unit: Unit) -> list[tuple[Site, tuple[Unit, ...]]]:
    """Each notice in force naming the unit (or one it replaced), with the units it names."""
    ids = {unit.id, *(u.id for u in library.predecessors(unit))}
    found = []
    for work in library.work_of(unit):
        if work.site.notice.in_force:
            found.append((work.site, tuple(u for u in work.site.units if u.id in ids)))
    return found


def _ledger(unit: Unit, columns: tuple, rows: list[Row], day: date) -> bytes:
    book = xlsx.Book(f"{unit.name}任务台账", day)
    ws = book.sheet("任务台账")
    book.write(ws, 0, 0, f"{unit.name}任务台账（全部有效文件）", None)
    book.table(ws, columns, rows, header_row=2, link_column=URL_HEADER)
    xlsx.print_setup(ws, header_row=2)
    return book.bytes()


def _merged(unit: Unit, calendars: list[icalendar.Calendar]) -> bytes:
    """One calendar of the unit's events in every notice in force; each event's UID carries
    its notice (downloads.calendar_uid), as two notices both have a 任务1."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//fengong//任务分工//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"{unit.name}：全部有效文件时间节点")
    for own in calendars:
        for event in own.walk("VEVENT"):
            cal.add_component(event)
    return cal.to_ical()
