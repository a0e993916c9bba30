"""A returned ledger (任务台账: .xlsx, or .xls / .ods as an office saved it, or its .csv
form) → its identifiers and rows, as the unit left them. Columns are found by their headers
(a unit may insert its own, sort or filter the rows, delete some); rows are told apart by
the hidden task id, never by position. What the rows mean for the notice is
importer/progress.py's job."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from python_calamine import CalamineError, CalamineWorkbook

from .. import ledger
from ..data.messages import OS_ERRORS
from ..pages.cells import from_spreadsheet
from ..problems import Problem
from . import messages as m

# How far down a sheet the header row may be: the title, the duty and a unit's own lines.
HEADER_SEARCH_ROWS = 40
REQUIRED = (ledger.TASK_ID_HEADER, ledger.STATUS_HEADER, ledger.PROGRESS_HEADER)


@dataclass(frozen=True, slots=True)
class ReturnedRow:
    row: int  # the sheet's row number, or the CSV line the record starts on
    task_id: int | None  # None: the id cell is empty
    number: str  # 序号 as left in the row, for messages
    text: str  # 任务内容 as left in the row
    status: str
    progress: str
    evidence: str


@dataclass(frozen=True, slots=True)
class ReturnedLedger:
    shown: str  # the file as given on the command line
    where: str  # the file and sheet, as row problems name them
    name: str  # the file's name as received
    unit: str  # the unit id it was made for
    revision: str  # the revision label of the ledger it was made from
    doc_number: str | None  # the notice's 文号 (the CSV form does not carry it)
    rows: tuple[ReturnedRow, ...]


# calamine reads all three, the hidden columns and the (very) hidden identifiers sheet
# included: Excel 2007+, Excel 97-2003 (still the default of many office machines) and
# OpenDocument, as LibreOffice and WPS save them.
WORKBOOKS = (".xlsx", ".xls", ".ods")
# WPS's own format, which nothing here reads: one line the office can forward as it is.
WPS_ET = "WPS 表格文件（.et）无法读取：请在 WPS 中“另存为”Excel 工作簿（.xlsx）后重新报送"

NOT_OURS = m.NOT_OURS


def read_ledger(path: Path) -> tuple[ReturnedLedger | None, list[Problem]]:
    """The ledger in the file, or None and one line per problem."""
    shown = str(path)
    suffix = path.suffix.lower()
    if suffix in WORKBOOKS:
        return _read_workbook(path, shown)
    if suffix == ".csv":
        return _read_csv(path, shown)
    if suffix == ".et":
        return None, [Problem(shown, 0, WPS_ET)]
    return None, [
        Problem(
            shown,
            0,
            m.CANNOT_READ_SUFFIX.format(suffix=path.suffix),
        )
    ]


# -- the workbook ------------------------------------------------------------------------


def _read_workbook(path: Path, shown: str) -> tuple[ReturnedLedger | None, list[Problem]]:
    # calamine (Rust) reads values only, which is all a return needs: 13 times faster than
    # openpyxl's read-only mode, which made 300 returns take over 10 s.
    try:
        wb = CalamineWorkbook.from_path(str(path))
        if ledger.META_SHEET not in wb.sheet_names:
            return None, [Problem(shown, 0, NOT_OURS.format(why=m.NOT_OURS_NO_META))]
        meta = {
            _text(row[0]): row[1]
            for row in wb.get_sheet_by_name(ledger.META_SHEET).to_python()
            if len(row) > 1 and _text(row[0])
        }
        version = _integer(_text(meta.get(ledger.META_FORMAT)))
        if version != ledger.FORMAT_VERSION:
            return None, [
                Problem(
                    shown,
                    0,
                    m.LEDGER_FORMAT.format(
                        found=_text(meta.get(ledger.META_FORMAT)) or m.UNKNOWN_FORMAT,
                        expected=ledger.FORMAT_VERSION,
                    ),
                )
            ]
        unit = _text(meta.get(ledger.META_UNIT))
        if not unit:
            return None, [Problem(shown, 0, NOT_OURS.format(why=m.NOT_OURS_NO_UNIT))]
        # The ledger sheet, even if the unit renamed or moved it: the one with our header.
        names = [ledger.LEDGER_SHEET, *(n for n in wb.sheet_names if n != ledger.LEDGER_SHEET)]
        for name in names:
            if name == ledger.META_SHEET or name not in wb.sheet_names:
                continue
            sheet = wb.get_sheet_by_name(name)
            # Rows are counted from the first one holding a value: sheet.start says which.
            table = _table(sheet.to_python(), start=sheet.start[0] + 1)
            if table is not None:
                where = f"{shown}:{name}"
                rows, problems = table(where)
                return ReturnedLedger(
                    shown=shown,
                    where=where,
                    name=path.name,
                    unit=unit,
                    revision=_text(meta.get(ledger.META_REVISION)),
                    doc_number=_text(meta.get(ledger.META_DOC_NUMBER)),
                    rows=rows,
                ), problems
    except CalamineError as exc:
        return None, [Problem(shown, 0, m.CANNOT_OPEN.format(why=exc))]
    return None, [
        Problem(
            shown,
            0,
            m.NO_HEADER_SHEET.format(headers="、".join(REQUIRED)),
        )
    ]


# -- the CSV form ------------------------------------------------------------------------


def _read_csv(path: Path, shown: str) -> tuple[ReturnedLedger | None, list[Problem]]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        why = OS_ERRORS.get(exc.strerror or "", "系统打不开它")
        return None, [Problem(shown, 0, m.CANNOT_READ.format(why=why))]
    # The site writes UTF-8 with a BOM; Excel on a Chinese system saves CSV as GB18030.
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        return None, [Problem(shown, 0, m.NOT_TEXT)]
    records, lines, line = [], [], 1
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for record in reader:
            records.append(tuple(record))
            lines.append(line)
            line = reader.line_num + 1
    except csv.Error as exc:
        return None, [Problem(shown, reader.line_num, m.BAD_CSV.format(why=exc))]
    header = next((i for i, r in enumerate(records) if ledger.TASK_ID_HEADER in r), None)
    if header is None:
        return None, [
            Problem(
                shown,
                0,
                NOT_OURS.format(why=m.NOT_OURS_NO_COLUMN.format(column=ledger.TASK_ID_HEADER)),
            )
        ]
    columns = _columns(records[header])
    missing = [h for h in (*REQUIRED, ledger.UNIT_ID_HEADER) if h not in columns]
    if missing:
        return None, [Problem(shown, lines[header], _missing(missing))]
    # The site quoted a task text a spreadsheet would evaluate (pages/cells.py): it is read
    # back as the notice has it. The columns the unit fills were blank, so a quote there is
    # the unit's own and is kept.
    text_at = columns.get(ledger.TEXT_HEADER)
    body = [
        (lines[i], _unquoted(r, text_at))
        for i, r in enumerate(records)
        if i > header and any(c.strip() for c in r)
    ]
    units = sorted({_cell(r, columns, ledger.UNIT_ID_HEADER) for _, r in body} - {""})
    revisions = sorted({_cell(r, columns, ledger.REVISION_HEADER) for _, r in body})
    if len(units) > 1:
        listed = "、".join(units)
        return None, [Problem(shown, 0, m.SEVERAL_UNITS.format(units=listed))]
    rows, problems = _rows(body, columns, shown)
    return ReturnedLedger(
        shown=shown,
        where=shown,
        name=path.name,
        unit=units[0] if units else "",
        revision=revisions[0] if len(revisions) == 1 else "",
        doc_number=None,
        rows=rows,
    ), problems


def _unquoted(record: tuple[str, ...], at: int | None) -> tuple[str, ...]:
    if at is None or at >= len(record):
        return record
    return (*record[:at], from_spreadsheet(record[at]), *record[at + 1 :])


# -- rows, either way --------------------------------------------------------------------


def _table(values: Sequence[Sequence[object]], start: int):
    """A function reading the rows below the header row, or None when there is none."""
    for i, row in enumerate(values[:HEADER_SEARCH_ROWS]):
        cells = tuple(_text(v) for v in row)
        if ledger.TASK_ID_HEADER in cells:
            columns = _columns(cells)
            missing = [h for h in REQUIRED if h not in columns]

            def read(where: str, i=i, columns=columns, missing=missing):
                if missing:
                    return (), [Problem(where, start + i, _missing(missing))]
                body = [
                    (start + j, tuple(_text(v) for v in r))
                    for j, r in enumerate(values)
                    if j > i and any(_text(v) for v in r)
                ]
                return _rows(body, columns, where)

            return read
    return None


def _columns(header: Sequence[str]) -> dict[str, int]:
    """Header → column index; a header written twice (a unit's own column named like ours)
    is read from its first place, ours, as the unit cannot move the hidden ones."""
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        columns.setdefault(name.strip(), index)
    return columns


def _missing(headers: Iterable[str]) -> str:
    return m.MISSING_COLUMNS.format(headers="、".join(headers))


def _rows(body, columns: dict[str, int], where: str) -> tuple[tuple[ReturnedRow, ...], list]:
    rows, problems = [], []
    for line, record in body:
        raw_id = _cell(record, columns, ledger.TASK_ID_HEADER)
        task_id = _integer(raw_id)
        if raw_id and task_id is None:
            problems.append(
                Problem(
                    where,
                    line,
                    m.TASK_ID_NOT_NUMBER.format(raw=raw_id),
                )
            )
            continue
        rows.append(
            ReturnedRow(
                row=line,
                task_id=task_id,
                number=_cell(record, columns, ledger.NUMBER_HEADER),
                text=_cell(record, columns, ledger.TEXT_HEADER),
                status=_cell(record, columns, ledger.STATUS_HEADER),
                progress=_cell(record, columns, ledger.PROGRESS_HEADER),
                evidence=_cell(record, columns, ledger.EVIDENCE_HEADER),
            )
        )
    return tuple(rows), problems


def _cell(record: Sequence[str], columns: dict[str, int], header: str) -> str:
    index = columns.get(header)
    return record[index].strip() if index is not None and index < len(record) else ""


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _integer(text: str) -> int | None:
    try:
        number = float(text)
    except ValueError:
        return None
    return int(number) if number.is_integer() and number > 0 else None
