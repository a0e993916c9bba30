"""A spreadsheet 分工表 (.xlsx, .xls, .ods or .csv) → lines of text, one row a line.

An office can type or paste any notice's annex into a sheet and import that: the table's
header names its columns (the same words as a Word table's, in any order), a row with only
one cell filled (a part or clause, often merged across the row) is a heading, and the rows
above the header (the 文号, the title, the date, the notice's text if wanted) are the
notice's head, each row a line. A row's cells become one line, separated by tabs, so the
table is read by the one table recognizer (tables.py); line n is the sheet's row n, so a
problem names the row as `file.xlsx:n:`. One sheet is read: the first with a table header,
or else the first with any text.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable
from pathlib import Path

from ..problems import ProblemsFound
from . import messages as m

SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")


def sheet_lines(path: Path, fail: Callable[..., ProblemsFound]) -> list[str]:
    """The sheet's rows as lines (row n is lines[n-1]), or raise fail(...)."""
    if path.suffix.lower() == ".csv":
        rows = _csv_rows(path.read_bytes(), fail)
    else:
        rows = _workbook_rows(path, fail)
    lines = [_row_line(row) for row in rows]
    while lines and not lines[-1]:
        lines.pop()
    if not any(lines):
        raise fail(m.SHEET_EMPTY)
    return lines


def _csv_rows(data: bytes, fail) -> list[list[str]]:
    # Excel on Chinese Windows saves CSV in GB18030 (GBK); elsewhere UTF-8, with a BOM;
    # its "Unicode text" is UTF-16 with a BOM.
    try:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            text = data.decode("utf-16")
        else:
            text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError as exc:
            raise fail(m.CSV_UNDECODABLE.format(at=exc.start + 1)) from None
    if "\x00" in text:
        raise fail(m.CSV_BINARY)
    # Excel writes commas in a CSV and tabs in "Unicode text"; the header row says which
    # (a guess from all the rows could take a comma inside a task for a separator).
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    try:
        return [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error as exc:
        raise fail(m.CSV_UNREADABLE.format(why=exc)) from None


def _workbook_rows(path: Path, fail) -> list[list[str]]:
    # python-calamine is imported here so that text imports do not pay for it.
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except Exception:  # calamine raises its own kinds for every damaged format
        raise fail(m.SHEET_UNREADABLE) from None
    first: list[list[str]] = []
    for name in workbook.sheet_names:
        try:
            rows = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
        except Exception:  # as above
            raise fail(m.SHEET_UNREADABLE_SHEET.format(name=name)) from None
        cells = [[_cell_text(value) for value in row] for row in rows]
        if any(_looks_like_header(row) for row in cells[:50]):
            return cells  # the first sheet with a 分工表 header (a cover sheet may come first)
        if not first and any(any(row) for row in cells):
            first = cells
    return first


_TASK_WORD = re.compile(r"任务|事项|举措|措施|内容|工作")
_UNIT_WORD = re.compile(r"单位|部门|处室|科室|主体")


def _looks_like_header(row: list[str]) -> bool:
    """A row of short cells naming a task column and a unit column (the table recognizer,
    tables.py, decides for certain; this only picks the sheet)."""
    short = [re.sub(r"\s+", "", c) for c in row if c and len(c) <= 20]
    return any(_TASK_WORD.search(c) for c in short) and any(_UNIT_WORD.search(c) for c in short)


def _cell_text(value: object) -> str:
    """A cell as text: a whole number without '.0', a date as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    return str(value)


def _row_line(row: list[str]) -> str:
    """A row as one line: its cells separated by tabs; a row with one cell filled (a merged
    heading, or text above the table) is that cell's text alone."""
    cells = [_one_line(cell) for cell in row]
    while cells and not cells[-1]:
        cells.pop()
    filled = [c for c in cells if c]
    if len(filled) <= 1:
        return filled[0] if filled else ""
    return "\t".join(cells)


def _one_line(cell: str) -> str:
    """A cell's text on one line: a line break inside Chinese text is no space, one between
    Latin words is; a tab would split the cell, so it becomes a space."""
    parts = [p.strip() for p in cell.replace("\t", " ").splitlines() if p.strip()]
    text = parts[0] if parts else ""
    for part in parts[1:]:
        joint = " " if text[-1].isascii() and part[0].isascii() else ""
        text += joint + part
    return text
