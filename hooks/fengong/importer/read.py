"""Source files → lines of text as written: UTF-8 or GB18030 text, a Word .docx, or a PDF
with a text layer. A table becomes one line a row, its cells separated by tabs."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from ..problems import Problem, ProblemsFound
from . import spreadsheet

UNREADABLE = {
    ".doc": "a Word 97–2003 document (.doc)",
    ".wps": "a WPS document (.wps)",
    ".et": "a WPS spreadsheet (.et)",
}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc / .wps: an OLE compound file
MAX_BYTES = 10 * 1024 * 1024  # a long notice is ~100 KB; larger input is not a notice


def read_lines(path: Path, shown_as: str) -> list[str]:
    """The source's lines (1-based line i is lines[i-1]), or ProblemsFound."""

    def fail(message: str, line: int = 1) -> ProblemsFound:
        return ProblemsFound([Problem(shown_as, line, message)])

    try:
        size = path.stat().st_size
    except OSError as exc:
        raise fail(f"cannot read the source: {exc.strerror}") from None
    if size > MAX_BYTES:
        raise fail(
            f"file too large ({size / 1024 / 1024:.1f} MB); a notice is at most "
            f"{MAX_BYTES // 1024 // 1024} MB: check that this is the right file"
        )
    if size == 0:
        raise fail("the file is empty; expected the text of a notice (.txt or .docx)")
    suffix = path.suffix.lower()
    if suffix in UNREADABLE:
        raise fail(f"{UNREADABLE[suffix]} cannot be read; open it and save it as .docx or as text")
    if suffix in spreadsheet.SUFFIXES:
        return spreadsheet.sheet_lines(path, fail)
    if suffix == ".docx":
        return _docx_lines(path, fail)
    if suffix == ".pdf":
        return _pdf_lines(path, fail)
    data = path.read_bytes()
    if data.startswith(OLE_MAGIC):
        raise fail(
            "a Word 97–2003 (.doc) or WPS document, not text; open it and save it as .docx "
            "or as text"
        )
    if b"\x00" in data:
        raise fail(
            f"binary file, not a text file (NUL byte at offset {data.index(0)}); "
            "expected UTF-8 or GB18030 text, or a .docx"
        )
    text = _decode(data, fail)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not any(line.strip() for line in lines):
        raise fail("the file is empty (only blank lines); expected the text of a notice")
    return [strip_pinyin(line) for line in lines]


# Mirror sites insert the pinyin of some characters: 經(jīng)貿(mào)委. It is never the notice's.
_PINYIN = re.compile(
    r"(?<=[\u3400-\u9fff])\((?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)"
)


def strip_pinyin(line: str) -> str:
    """A line without the pinyin a mirror site inserted after its characters."""
    return _PINYIN.sub("", line) if "(" in line else line


def _decode(data: bytes, fail) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError:
            line = data[: utf8_error.start].count(b"\n") + 1
            raise fail(
                "not a text file: cannot decode it as UTF-8 or GB18030 "
                f"(byte {utf8_error.start}); save it as UTF-8 text",
                line,
            ) from None


def _docx_lines(path: Path, fail) -> list[str]:
    # python-docx is imported here so that plain-text imports do not pay for it.
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError):
        raise fail("not a Word .docx file (cannot open it as one); save it as .docx") from None
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    lines: list[str] = []
    # The body in document order: paragraphs and tables as they come.
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            # A paragraph can hold soft line breaks; each becomes a line of its own.
            lines.extend(item.text.split("\n"))
        elif isinstance(item, Table):
            lines.extend(_table_lines(item))
    if not any(line.strip() for line in lines):
        raise fail("the document has no text; expected the text of a notice")
    return lines


def _table_lines(table) -> list[str]:
    """A Word table → one line a row, cells separated by tabs; a cell merged across the
    row (a part or group heading) is a line of its own text."""
    lines = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            # A merged cell is returned once for each grid column it spans.
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            text = "".join(p.text for p in cell.paragraphs)
            cells.append(" ".join(text.replace("\t", " ").split("\n")).strip())
        filled = [c for c in cells if c]
        lines.append(filled[0] if len(filled) == 1 and len(cells) == 1 else "\t".join(cells))
    return lines


def _pdf_lines(path: Path, fail) -> list[str]:
    """A PDF's text layer, page by page: text lines, and each table (pdfplumber's ruled
    tables) as one line a row in its place on the page."""
    import pdfplumber

    try:
        pdf = pdfplumber.open(str(path))
    except Exception as exc:  # pdfminer and pdfplumber raise many kinds on a damaged file
        raise fail(f"not a readable PDF ({type(exc).__name__}); save it as .docx or text") from None
    lines: list[str] = []
    chars = 0
    with pdf:
        try:
            for page in pdf.pages:
                chars += len(page.chars)
                lines += _pdf_page_lines(page)
        except Exception as exc:  # pdfminer raises many kinds on a damaged file
            raise fail(
                f"cannot read the PDF's text ({type(exc).__name__}); save it as .docx or text"
            ) from None
    if not chars or not any(line.strip() for line in lines):
        raise fail(
            "the PDF has no text layer (a scanned image?); save the notice as .docx or text "
            "(run OCR first if it was scanned)"
        )
    return [strip_pinyin(line) for line in lines]


def _pdf_page_lines(page) -> list[str]:
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]

    def outside(obj) -> bool:
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    # (top, line) for each text line outside the tables and each table row, in page order.
    placed: list[tuple[float, str]] = []
    text_page = page.filter(outside) if boxes else page
    for line in text_page.extract_text_lines():
        placed.append((line["top"], line["text"]))
    for table in tables:
        for row, cells in zip(table.rows, table.extract(), strict=False):
            top = row.bbox[1]
            texts = [_cell_text(c) if c is not None else None for c in cells]
            filled = [c for c in texts if c]
            if len([c for c in texts if c is not None]) == 1 and filled:
                placed.append((top, filled[0]))  # a cell merged across the row
            else:
                placed.append((top, "\t".join(c or "" for c in texts)))
    placed.sort(key=lambda item: item[0])
    return [text for _, text in placed]


def _cell_text(cell: str) -> str:
    """A table cell's text on one line: a line break inside Chinese text is no space."""
    parts = [p.strip() for p in cell.splitlines() if p.strip()]
    text = parts[0] if parts else ""
    for part in parts[1:]:
        joint = "" if not (text[-1].isascii() and part[0].isascii()) else " "
        text += joint + part
    return text
