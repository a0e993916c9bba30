"""The site's data downloads: JSON, CSV, XLSX and iCalendar files (their events: calendars.py),
as deterministic bytes.

`download_files(site, url_of)` returns {src_uri: bytes}; the same data always gives the
same bytes (every timestamp is derived from the notice's date, never from the clock).
Without url_of (a build with no public address, hooks/fengong/pages/address.py) the files name no
web address: no URL column, calendar URL or JSON url.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from xlsxwriter.worksheet import Worksheet

from .. import ledger
from ..model import Site, Task, Unit
from . import paths, xlsx
from .calendars import UrlOf, notice_events, vcalendar
from .cells import spreadsheet_safe
from .dated import Dated, in_date_order, reporting_items, task_items
from .export import notice_json
from .labels import KIND_LABELS, NO_DATE, NO_LEAD, ROLE_LABELS, cn_date, cn_number, role_label
from .standing import standing


def _no_url(item: Task | Unit) -> str:
    return ""


Row = tuple[object, ...]

# (header, column width in Excel character units; a Han character is about 2 units)
ALL_COLUMNS = (
    ("任务序号", 8),
    ("部分", 18),
    ("条款", 22),
    ("任务内容", 70),
    ("单位（原文）", 22),
    ("单位ID", 18),
    ("角色", 6),
    ("顺序", 6),
    ("落实情况", 10),  # the task's current status, and the period it is from
    ("报送期", 14),
    ("任务网址", 40),
)
# The reporting duty, the same for every task a unit leads, is stated once above the table.
# The unit fills 状态, 进展情况 and 佐证材料 and returns the ledger (scripts/import_progress.py);
# the id columns, hidden and locked in the workbook, say which task a row is.
LEDGER_COLUMNS = (
    (ledger.NUMBER_HEADER, 6),
    ("部分", 14),
    ("条款", 16),
    (ledger.TEXT_HEADER, 56),
    (ledger.ROLE_HEADER, 8),
    ("其他责任单位", 26),
    ("时间节点", 24),
    ("开始日期", 11),  # Excel dates, so the rows sort and filter by date: the first day of
    # the task's time span and its last (one day for a deadline), as 时间节点 gives them
    ("截止日期", 11),
    (ledger.STATUS_HEADER, 10),
    (ledger.PROGRESS_HEADER, 30),
    (ledger.EVIDENCE_HEADER, 18),
    (ledger.URL_HEADER, 22),
    (ledger.TASK_ID_HEADER, 8),
    (ledger.UNIT_ID_HEADER, 10),
    (ledger.REVISION_HEADER, 8),
)
URL_HEADER = ledger.URL_HEADER  # the column whose cells become hyperlinks in XLSX


def download_files(
    site: Site, url_of: UrlOf | None = None, notice_id: str = ""
) -> dict[str, bytes]:
    """Every download of the site: src_uri → file bytes, in paths.download_names' order.
    url_of(item) is an item's full address; without it, no file names an address.
    notice_id: what the calendars' event ids start with (calendars.calendar_uid)."""
    return notice_downloads(site, url_of, notice_id).files


@dataclass(frozen=True, slots=True)
class UnitParts:
    """What a unit's downloads are made of, kept for a library's files across notices."""

    rows: list[Row]  # its ledger rows, as its CSV has them
    events: tuple[bytes, ...]  # its calendar's events, serialised


@dataclass(frozen=True, slots=True)
class NoticeDownloads:
    files: dict[str, bytes]  # src_uri → file bytes, as download_files returns them
    units: dict[str, UnitParts]  # unit id → the parts of its files


def notice_downloads(
    site: Site, url_of: UrlOf | None = None, notice_id: str = ""
) -> NoticeDownloads:
    """download_files, with each unit's parts (a library's downloads reuse them)."""
    with_urls = url_of is not None
    url_of = url_of or _no_url
    all_columns = _columns(ALL_COLUMNS, with_urls)
    ledger_columns = _columns(LEDGER_COLUMNS, with_urls)
    rows = _cut(assignment_rows(site, url_of), ALL_COLUMNS, with_urls)
    events = notice_events(site, url_of, notice_id, notice_day(site))
    files = {
        paths.ALL_JSON: notice_json_bytes(site, url_of if with_urls else None),
        paths.ALL_CSV: csv_bytes(all_columns, rows),
        paths.ALL_XLSX: notice_xlsx(site, all_columns, rows),
        paths.ALL_ICS: vcalendar(events.name(), events.of()),
    }
    units = {}
    for unit in site.units:
        own = UnitParts(
            _cut(ledger_rows(site, unit, url_of), LEDGER_COLUMNS, with_urls), events.of(unit)
        )
        made = {
            "xlsx": ledger_xlsx(site, unit, ledger_columns, own.rows),
            "csv": csv_bytes(ledger_columns, own.rows),
            "ics": vcalendar(events.name(unit), own.events),
        }
        files.update((paths.unit_download(unit, ext), made[ext]) for ext in paths.UNIT_DOWNLOADS)
        units[unit.id] = own
    if site.reports:  # each period's 汇总表 and 通报 draft; python-docx loads only for them
        from .office import office_files

        files |= office_files(site)
    return NoticeDownloads(files, units)


def _url_index(columns: tuple) -> int:
    return [header for header, _ in columns].index(URL_HEADER)


def _columns(columns: tuple, with_urls: bool) -> tuple:
    if with_urls:
        return columns
    at = _url_index(columns)
    return columns[:at] + columns[at + 1 :]


def _cut(rows: list[Row], columns: tuple, with_urls: bool) -> list[Row]:
    if with_urls:
        return rows
    at = _url_index(columns)
    return [row[:at] + row[at + 1 :] for row in rows]


# Rows, built once and shared by CSV and XLSX.


def part_label(site: Site, task: Task) -> str:
    part = site.part(task.part)
    return f"{cn_number(part.number)}、{part.title}" if part else ""


def clause_label(site: Site, task: Task) -> str:
    clause = site.clause_of(task)
    return f"（{cn_number(clause.number)}）{clause.title}" if clause else ""


def roles_text(site: Site) -> str:
    """What the 角色 column says, as the notice has it."""
    n = site.notice
    stated = any(a.duty for t in site.tasks for a in t.assignments)
    if not stated:
        return (
            "每项任务列在第一位的责任单位为牵头单位（角色“牵头”），其余为参与单位（角色“参与”）。"
            + (f"通知原文：“{n.lead_rule}”" if n.lead_rule else "")
        )
    unled = len(site.tasks_without_lead)
    return (
        "角色照录通知的写法：牵头、负责、参与（通知写作配合、参与或协同）、指导；"
        "通知未写明角色的，牵头单位以外的责任单位为参与。"
        + (f"通知原文：“{n.lead_rule}”" if n.lead_rule else "")
        + (f"{unled}项任务{NO_LEAD}，其责任单位的角色为“负责”。" if unled else "")
    )


def assignment_rows(site: Site, url_of: UrlOf) -> list[Row]:
    """One row per task and responsible unit, in the notice's order."""
    st = standing(site)
    return [
        (
            task.number,
            part_label(site, task),
            clause_label(site, task),
            task.text,
            a.written,
            a.unit.id,
            role_label(a),
            a.position,
            st.of(task).status or "",
            current.period.label if (current := st.of(task).current) else "",
            url_of(task),
        )
        for task in site.tasks
        for a in task.assignments
    ]


def ledger_rows(site: Site, unit: Unit, url_of: UrlOf) -> list[Row]:
    """A unit's 任务台账: one row per task it leads or shares, 状态, 进展情况 and 佐证材料
    left blank, then the task's URL and the identifiers the returned ledger is read by."""
    rows = []
    for task in site.tasks_of(unit):
        role = next(role_label(a) for a in task.assignments if a.unit.id == unit.id)
        others = "、".join(
            a.written + ("（牵头）" if a.role == "lead" else "")
            for a in task.assignments
            if a.unit.id != unit.id
        )
        dated = in_date_order(task_items((task,)))
        rows.append(
            (
                task.number,
                part_label(site, task),
                clause_label(site, task),
                task.text,
                role,
                others,
                "；".join(item_text(i) for i in dated)
                or (f"完成时限：{task.deadline}" if task.deadline else NO_DATE),
                min((i.first for i in dated), default=None),
                max((i.last for i in dated), default=None),
                "",
                "",
                "",
                url_of(task),
                task.id,
                unit.id,
                site.notice.revision_label,
            )
        )
    return rows


def item_text(item: Dated) -> str:
    """截止：2021年4月30日（原文：实施期限延长至2021年4月30日）"""
    return f"{KIND_LABELS[item.kind]}：{item.when}（原文：{item.quote}）"


def reporting_lines(site: Site) -> list[str]:
    """The reporting duty in the notice's words, then each window's days (the same words as
    the unit page and the print sheet)."""
    duty = site.reporting
    if duty is None:
        return []
    lines = [f"报送要求：{duty.text}"]
    for item in reporting_items(site):
        lines.append(f"{item.when}：{item.name}（通知原文：“{item.quote}”）")
    return lines


def reporting_text(site: Site) -> str:
    return "\n".join(reporting_lines(site))


# File writers, one per kind.


def notice_json_bytes(site: Site, url_of: UrlOf) -> bytes:
    # notice_json already carries the revision label and date, when the notice has one.
    data = notice_json(site, url_of)
    st = standing(site)
    for entry, task in zip(data["tasks"], site.tasks, strict=True):
        current = st.of(task).current
        entry["status"] = current.status if current else None
        entry["status_period"] = current.period.id if current else None
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode()


def csv_bytes(columns: Sequence[tuple[str, int]], rows: list[Row]) -> bytes:
    """UTF-8 with a BOM, so Excel opens the Han text correctly; CRLF line ends (RFC 4180).
    A field a spreadsheet would evaluate as a formula starts with a quote (cells.py)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header for header, _ in columns)
    writer.writerows(tuple(spreadsheet_safe(value) for value in row) for row in rows)
    return out.getvalue().encode("utf-8-sig")


def notice_xlsx(site: Site, columns: Sequence[tuple[str, int]], rows: list[Row]) -> bytes:
    n = site.notice
    book = xlsx.Book(site.notice.title, notice_day(site))
    ws = book.sheet("任务分工")
    book.table(ws, columns, rows, header_row=0, link_column=URL_HEADER)
    xlsx.print_setup(ws, header_row=0)

    about = book.sheet("说明")
    facts = [
        ("文号", n.doc_number),
        ("标题", n.title),
        ("发文机关", n.issuer),
        ("成文日期", cn_date(n.date)),
        ("修订", f"{n.revision_label}（{cn_date(n.revision_date)}）" if n.revision_label else ""),
        ("来源", f"通知附件《{n.annex_title}》" if n.annex_title else "通知附件"),
        ("任务数", len(site.tasks)),
        ("责任单位数", sum(not u.is_placeholder for u in site.units)),
        (
            "泛指",
            "、".join(f"“{u.name}”" for u in site.units if u.is_placeholder)
            + "是通知的泛指说法，不是具体单位，不计入责任单位数。"
            if any(u.is_placeholder for u in site.units)
            else "",
        ),
        (
            "怎样读“任务分工”表",
            "每行是一项任务的一个责任单位。“单位（原文）”是通知的原文写法，“单位ID”是本站统一的"
            "单位标识（同一单位的不同写法共用一个ID）。“顺序”是该单位在这项任务责任单位名单中的位次。",
        ),
        (
            "角色",
            roles_text(site),
        ),
        ("报送要求", reporting_text(site).removeprefix("报送要求：")),
    ]
    about.set_column(0, 0, 18)
    about.set_column(1, 1, 90)
    stated = [(label, value) for label, value in facts if value != ""]
    for r, (label, value) in enumerate(stated):
        book.write(about, r, 0, label, "label")
        book.write(about, r, 1, value, "wrap")
    return book.bytes()


def ledger_xlsx(
    site: Site, unit: Unit, columns: Sequence[tuple[str, int]], rows: list[Row]
) -> bytes:
    notice = site.notice
    duty = tuple(reporting_lines(site)) if site.tasks_led(unit) else ()
    return _ledger_xlsx(
        unit.id,
        unit.name,
        notice.doc_number,
        notice.revision_label,
        notice.title,
        notice_day(site),
        tuple(columns),
        tuple(rows),
        duty,
    )


def filling_note(led: int) -> str:
    """What the unit fills in, said once above the table: the duty is on lead units
    (各项任务牵头单位), so the rows it leads are the ones it reports on."""
    if not led:
        return "本单位不牵头任务，无需报送落实情况；本表供查阅。"
    return (
        f"填报：本单位牵头的{led}项任务，在“{ledger.STATUS_HEADER}”列下拉选择"
        f"（{'、'.join(ledger.STATUSES)}），在“{ledger.PROGRESS_HEADER}”列填写进展，"
        f"“{ledger.EVIDENCE_HEADER}”列选填；参与的任务由牵头单位报送，本表不填（灰色）。"
        "可以排序、筛选、插入行和列、删除行；请勿改动任务内容，按原文件格式报送。"
    )


# Cached by content: `mkdocs serve` rebuilds in one process, and after an edit most units'
# ledgers are unchanged, so they are not written again.
@lru_cache(maxsize=2048)
def _ledger_xlsx(
    unit_id: str,
    unit_name: str,
    doc_number: str,
    revision: str,
    title: str,
    day: date,
    columns: tuple,
    rows: tuple,
    duty: tuple[str, ...],
) -> bytes:
    headers = [header for header, _ in columns]
    role = headers.index(ledger.ROLE_HEADER)
    roles = [row[role] for row in rows]
    led = roles.count(ROLE_LABELS["lead"])
    # 牵头 and 参与 always; a role the notice gives (负责, 指导) where the unit has it.
    counts = "、".join(
        f"{label}{roles.count(label)}项"
        for label in dict.fromkeys((ROLE_LABELS["lead"], ROLE_LABELS["partner"], *roles))
    )
    book = xlsx.Book(title, day)
    ws = book.sheet(ledger.LEDGER_SHEET)
    title_line = f"{unit_name}任务台账　依据{doc_number}，共{len(rows)}项（{counts}）"
    # Above the table, once: what the unit reports for the tasks it leads, and when, and
    # which rows it fills in.
    lines = [*duty[:1], *(f"　{line}" for line in duty[1:])]
    if lines:
        lines[0] = lines[0].replace("报送要求：", "报送要求（本单位牵头的任务）：", 1)
    lines.append(filling_note(led))
    header_row = 1 + len(lines)  # 0-based, as XlsxWriter counts
    visible = len(columns) - len(ledger.ID_HEADERS)  # the id columns come last, hidden
    book.merge(ws, 0, 0, visible - 1, title_line, "title")
    for r, line in enumerate(lines, 1):
        book.merge(ws, r, 0, visible - 1, line, "note")
    if duty:
        ws.set_row(1, 32)  # the notice's sentence takes two lines
        ws.set_row(header_row - 1, 32)  # and so does the filling note
    cells = ("open cell", "open link", "open date")
    book.table(ws, columns, rows, header_row, link_column=URL_HEADER, cell_styles=cells)
    xlsx.print_setup(ws, header_row=header_row)
    _make_returnable(book, ws, headers, rows, header_row, role)
    _identify(book, unit_id, doc_number, revision)
    return book.bytes()


def _make_returnable(
    book: xlsx.Book, ws: Worksheet, headers: list[str], rows: tuple, header_row: int, role: int
) -> None:
    """A drop-down for 状态; the id columns hidden; the sheet protected so that the unit may
    sort, filter, insert rows and columns and delete rows, but not unhide the ids.

    Excel sorts or deletes rows on a protected sheet only where every cell is unlocked, so the
    table's cells are all unlocked: what protection keeps is the header and the hidden id
    columns (unhiding is formatting a column). No password: it guards against accidents, and
    the importer matches rows by task id and warns of edited task text whatever a unit does.
    Rows of tasks the unit only shares are grey: their lead unit reports them."""
    filled = (ledger.STATUS_HEADER, ledger.PROGRESS_HEADER, ledger.EVIDENCE_HEADER)
    inputs = [headers.index(h) for h in filled]
    for r, row in enumerate(rows, header_row + 1):
        if row[role] != ROLE_LABELS["lead"]:  # the table wrote the others open and white
            for col in inputs:
                book.write(ws, r, col, row[col], "closed")
    if rows:
        status = inputs[0]
        ws.data_validation(
            header_row + 1,
            status,
            header_row + len(rows),
            status,
            {
                "validate": "list",
                "source": list(ledger.STATUSES),
                "ignore_blank": True,
                "show_error": True,
                "error_title": "状态",
                "error_message": f"请从下拉列表中选择：{'、'.join(ledger.STATUSES)}",
            },
        )
    for header in ledger.ID_HEADERS:
        col = headers.index(header)
        width = dict(LEDGER_COLUMNS).get(header, 8)
        ws.set_column(col, col, width, None, {"hidden": True})
    # Each flag set to True is a thing the unit may do on the protected sheet; formatting
    # columns stays forbidden, as it would unhide the ids.
    ws.protect(
        "",
        {
            "sort": True,
            "autofilter": True,
            "insert_rows": True,
            "insert_columns": True,
            "delete_rows": True,
            "format_rows": True,
        },
    )


def _identify(book: xlsx.Book, unit_id: str, doc_number: str, revision: str) -> None:
    """The very hidden sheet that says whose ledger this is, for which notice and revision,
    in which format: what the importer checks before it reads a row."""
    meta = book.sheet(ledger.META_SHEET)
    for r, (key, value) in enumerate(
        (
            (ledger.META_FORMAT, ledger.FORMAT_VERSION),
            (ledger.META_UNIT, unit_id),
            (ledger.META_DOC_NUMBER, doc_number),
            (ledger.META_REVISION, revision),
        )
    ):
        book.write(meta, r, 0, key, None)
        book.write(meta, r, 1, value, None)
    meta.very_hidden()
    meta.protect()


# Helpers.


def notice_day(site: Site) -> date:
    """The notice's date: the fixed timestamp of every file (1980-01-01, zip's epoch, if none)."""
    return date.fromisoformat(site.notice.date) if site.notice.date else date(1980, 1, 1)
