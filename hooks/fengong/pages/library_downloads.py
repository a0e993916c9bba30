"""A library's downloads: each notice's own (under notices/<slug>/downloads/), and for each
unit its ledger (XLSX, CSV) and calendar across every notice in force, one row per task with
the notice it is from. Deterministic bytes, as downloads.py makes them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from .. import ledger
from ..model import Library, Site, Task, Unit
from . import paths, xlsx
from .calendars import vcalendar
from .downloads import (
    LEDGER_COLUMNS,
    URL_HEADER,
    Row,
    UnitParts,
    _columns,
    csv_bytes,
    notice_day,
    notice_downloads,
)

UrlIn = Callable[[str, Task | Unit], str]  # (notice slug, item) → the item's full address
NOTICE_COLUMNS = (("文件", 22),)  # which notice a row is from: its 文号 (or title)
# A returnable ledger's columns to fill in and the identifiers it is read back by: left out
# of the summary across notices, which is not returned (each notice's ledger is).
FILL_IN = (
    ledger.STATUS_HEADER,
    ledger.PROGRESS_HEADER,
    ledger.EVIDENCE_HEADER,
    ledger.TASK_ID_HEADER,
    ledger.UNIT_ID_HEADER,
    ledger.REVISION_HEADER,
)
VIEW_ONLY = (
    "本表汇总本单位在全部未标注失效的文件中的任务，仅供查阅，不能填写后导入。"
    "填报落实情况，请下载各文件的本单位任务台账（可填写后报送）："
)


def library_download_files(
    library: Library,
    url_in: UrlIn | None = None,
    moved_from_single: str = "",
    site_url: str = "",
) -> dict[str, bytes]:
    """moved_from_single: the notice a single-notice site published before it became this
    library (library.yaml); its calendars keep the event ids they had (calendars.calendar_uid).
    site_url: the public address, for the summary workbook to name where each notice's
    returnable ledger is."""

    def notice_id(slug: str) -> str:
        return "" if slug == moved_from_single else slug

    files: dict[str, bytes] = {}
    # Each notice's units' ledger rows and calendar events, as its own downloads made them:
    # a unit's files across notices are put together from these, not made again.
    parts: dict[str, dict[str, UnitParts]] = {}  # notice slug → unit id → parts
    for site in library.sites:
        slug = site.notice.slug
        url_of = (lambda item, slug=slug: url_in(slug, item)) if url_in else None
        made = notice_downloads(site, url_of, notice_id(slug))
        files.update((paths.in_notice(slug, name), data) for name, data in made.files.items())
        parts[slug] = made.units
    with_urls = url_in is not None
    ledger_columns = _columns(LEDGER_COLUMNS, with_urls)
    kept = [i for i, (header, _) in enumerate(ledger_columns) if header not in FILL_IN]
    columns = NOTICE_COLUMNS + tuple(ledger_columns[i] for i in kept)
    for unit in paths.library_units(library):
        rows: list[Row] = []
        events: list[bytes] = []
        returnable: list[tuple[str, str]] = []  # (notice, where its ledger of the unit is)
        for site, own in _in_force(library, unit):
            slug = site.notice.slug
            name = site.notice.doc_number or site.notice.title
            for u in own:
                part = parts[slug][u.id]
                rows += [(name, *(row[i] for i in kept)) for row in part.rows]
                events += part.events
                ledger = paths.in_notice(slug, paths.unit_download(u, "xlsx"))
                returnable.append((name, site_url + ledger if site_url else f"本站 {ledger}"))
        day = max((notice_day(s) for s, _ in _in_force(library, unit)), default=date(2000, 1, 1))
        files[paths.unit_download(unit, "xlsx")] = _ledger(unit, columns, rows, day, returnable)
        files[paths.unit_download(unit, "csv")] = csv_bytes(columns, rows)
        # One calendar of the unit's events in every notice in force; each event's UID
        # carries its notice (calendars.calendar_uid), as two notices both have a 任务1.
        calendar_name = f"{unit.name}：全部未标注失效的文件时间节点"
        files[paths.unit_download(unit, "ics")] = vcalendar(calendar_name, events)
    return files


def _in_force(library: Library, unit: Unit) -> list[tuple[Site, tuple[Unit, ...]]]:
    """Each notice in force naming the unit (or one it replaced), with the units it names."""
    ids = {unit.id, *(u.id for u in library.predecessors(unit))}
    found = []
    for work in library.work_of(unit):
        if work.site.notice.in_force:
            found.append((work.site, tuple(u for u in work.site.units if u.id in ids)))
    return found


def _ledger(
    unit: Unit, columns: tuple, rows: list[Row], day: date, returnable: list[tuple[str, str]]
) -> bytes:
    """The unit's tasks in every notice in force, to read: no column to fill in, as it
    cannot be returned (a return is per notice, read by that notice's task ids); its top
    says where each notice's returnable ledger is."""
    book = xlsx.Book(f"{unit.name}任务汇总", day)
    ws = book.sheet("任务汇总")
    book.write(ws, 0, 0, f"{unit.name}任务汇总（全部未标注失效的文件，仅供查阅）", None)
    book.write(ws, 1, 0, VIEW_ONLY, None)
    for r, (name, where) in enumerate(returnable, 2):
        book.write(ws, r, 0, f"{name}：{where}", None)
    header_row = len(returnable) + 3
    book.table(ws, columns, rows, header_row=header_row, link_column=URL_HEADER)
    xlsx.print_setup(ws, header_row=header_row)
    return book.bytes()
