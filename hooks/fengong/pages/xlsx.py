"""Excel workbooks, written with XlsxWriter.

A library writes a ledger for every unit of every notice (about 1,200 workbooks at 20
notices); openpyxl took 30–40 ms for each, XlsxWriter takes 3. Its files are
byte-deterministic: fixed zip stamps, and the notice's date as created and modified.
Every value goes through `Book.write` (or `Book.merge`) by its type: a string is always
written with write_string, never read as a formula or an address, whatever the notice's
text starts with (tests/test_hostile.py looks for formulas in the XML).
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time
from types import MappingProxyType

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

Row = tuple[object, ...]
Columns = Sequence[tuple[str, int]]  # (header, width in Excel character units)

_BORDER = {"border": 1, "border_color": "#999999"}
_WRAP = {"text_wrap": True, "valign": "top"}
STYLES = {
    "title": {"bold": True, "font_size": 14},
    "note": {"text_wrap": True, "valign": "top"},
    "label": {"bold": True, **_WRAP},
    "wrap": _WRAP,
    "header": {
        "bold": True,
        "bg_color": "#DDE4EE",
        **_BORDER,
        "text_wrap": True,
        "valign": "vcenter",
        "align": "center",
    },
    "cell": {**_BORDER, **_WRAP},
    "link": {**_BORDER, **_WRAP, "font_color": "#0563C1", "underline": 1},
    "date": {**_BORDER, **_WRAP, "num_format": "yyyy-mm-dd"},
}
# A ledger's cells: all unlocked, so that Excel sorts and deletes rows on the protected
# sheet; the ones the unit does not fill (tasks it only shares) grey.
OPEN = {"locked": False}
STYLES |= {
    "open cell": {**STYLES["cell"], **OPEN},
    "open link": {**STYLES["link"], **OPEN},
    "open date": {**STYLES["date"], **OPEN},
    "closed": {**STYLES["cell"], **OPEN, "bg_color": "#EEEEEE", "pattern": 1},
}


class Formats(dict[str, Format]):
    """A workbook's formats by style name, each added to the workbook when first looked up.

    A workbook's styles part lists only the formats its cells use, numbered in the order
    the cells are written, so a format added and never used changes no byte. A ledger uses
    7 of the 14; adding every one took 40 µs of its 2.7 ms, times ~9,000 in a library."""

    def __init__(self, workbook: xlsxwriter.Workbook, styles: Mapping[str, dict]):
        super().__init__()
        self._workbook = workbook
        self._styles = styles

    def __missing__(self, style: str) -> Format:
        made = self[style] = self._workbook.add_format(self._styles[style])
        return made


class Book:
    """One workbook in memory: its sheets, its formats by name, its bytes when closed."""

    def __init__(self, title: str, day: date, styles: Mapping[str, dict] = MappingProxyType({})):
        """styles: the caller's own named formats, beside STYLES (its name wins)."""
        self._out = io.BytesIO()
        self.workbook = xlsxwriter.Workbook(
            self._out,
            {
                "in_memory": True,
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
            },
        )
        when = datetime.combine(day, time())
        self.workbook.set_properties({"title": title, "author": "fengong", "created": when})
        self.formats = Formats(self.workbook, {**STYLES, **styles})

    def sheet(self, name: str) -> Worksheet:
        return self.workbook.add_worksheet(name)

    def write(self, ws: Worksheet, row: int, col: int, value: object, style: str | None):
        """One cell (0-based), by the value's type."""
        fmt = self.formats[style] if style else None
        if value is None or value == "":
            if fmt is not None:
                ws.write_blank(row, col, None, fmt)
        elif isinstance(value, bool):
            ws.write_boolean(row, col, value, fmt)
        elif isinstance(value, int | float):
            ws.write_number(row, col, value, fmt)
        elif isinstance(value, date):
            ws.write_datetime(row, col, value, fmt)
        else:
            ws.write_string(row, col, str(value), fmt)

    def merge(self, ws: Worksheet, row: int, first_col: int, last_col: int, text: str, style: str):
        """Text across merged cells of one row (0-based). merge_range alone writes its value
        by guessing its type, and XlsxWriter takes a text like '{=…}' for an array formula
        whatever the workbook's options say: the range is merged blank, the text written
        as a string."""
        fmt = self.formats[style]
        ws.merge_range(row, first_col, row, last_col, "", fmt)
        ws.write_string(row, first_col, text, fmt)

    def table(
        self,
        ws: Worksheet,
        columns: Columns,
        rows: Sequence[Row],
        header_row: int,
        link_column: str | None = None,
        cell_styles: tuple[str, str, str] = ("cell", "link", "date"),
    ) -> None:
        """A header row (0-based) and the rows below it: bordered, wrapped, frozen and
        filterable. The cells of link_column (when there is one) become hyperlinks."""
        cell, link, dated = cell_styles
        for col, (header, width) in enumerate(columns):
            self.write(ws, header_row, col, header, "header")
            ws.set_column(col, col, width)
        headers = [header for header, _ in columns]
        links = headers.index(link_column) if link_column in headers else -1
        # Most cells are text or left blank to fill in: those go straight to write_string
        # or write_blank (as write would send them), the rest through write.
        text_format = self.formats[cell]
        write_string, write_blank = ws.write_string, ws.write_blank
        for r, row in enumerate(rows, header_row + 1):
            for col, value in enumerate(row):
                if col == links and value:
                    ws.write_url(r, col, str(value), self.formats[link], str(value))
                elif type(value) is str:
                    if value:
                        write_string(r, col, value, text_format)
                    else:
                        write_blank(r, col, None, text_format)
                elif value is None:
                    write_blank(r, col, None, text_format)
                else:
                    self.write(ws, r, col, value, dated if isinstance(value, date) else cell)
        ws.freeze_panes(header_row + 1, 0)
        ws.autofilter(header_row, 0, header_row + max(len(rows), 1), len(columns) - 1)

    def bytes(self) -> bytes:
        self.workbook.close()
        return self._out.getvalue()


def print_setup(ws: Worksheet, header_row: int) -> None:
    """A4 landscape, all columns on one page wide, the header row (0-based) on every page."""
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)  # one page wide, as many tall as needed
    ws.repeat_rows(header_row)
    ws.set_margins(left=0.4, right=0.4)
    ws.set_footer("&C第 &P 页，共 &N 页")
