"""Source files → lines of text as written: UTF-8 or GB18030 text, or a Word .docx.
A table becomes one line a row, its cells separated by tabs."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from ..problems import Problem, ProblemsFound

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
    if path.suffix.lower() == ".docx":
        return _docx_lines(path, fail)
    data = path.read_bytes()
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
