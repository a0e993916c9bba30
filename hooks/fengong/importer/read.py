"""Source files → lines of text as written: UTF-8 or GB18030 text, a Word .docx, or a PDF
with a text layer. A table becomes one line a row, its cells separated by tabs."""

from __future__ import annotations

import errno
import re
import statistics
import zipfile
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from ..problems import Problem, ProblemsFound
from . import messages as m
from . import spreadsheet

UNREADABLE = {
    ".doc": "Word 97–2003 文档（.doc）",
    ".wps": "WPS 文字文档（.wps）",
    ".et": "WPS 表格文件（.et）",
}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc / .wps: an OLE compound file
# Why a file cannot be opened, in words (the system's own are English).
_OS_REASONS = {
    errno.ENOENT: "文件不存在",
    errno.EACCES: "没有读取权限",
    errno.EISDIR: "这是一个文件夹，不是文件",
}
MAX_BYTES = 10 * 1024 * 1024  # a long notice is ~100 KB; larger input is not a notice


@dataclass(frozen=True, slots=True)
class SourceText:
    """A source's lines as the importer reads them, and how many lines of a PDF page were
    joined to the line before them (a paragraph wrapped at the page width)."""

    lines: list[str]
    joined: int = 0
    page_numbers: int = 0  # a PDF page's own number (— 3 —), left out: no text of the notice
    # Lines of a text that had lost its paragraph breaks (a whole notice on one line, its
    # headings and items run together), split again at their numbers: the lines read are
    # then stored as the source, so that every line number names what was read.
    unrun: int = 0


def read_lines(path: Path, shown_as: str) -> list[str]:
    """The source's lines (1-based line i is lines[i-1]), or ProblemsFound."""
    return read_source(path, shown_as).lines


def read_source(path: Path, shown_as: str) -> SourceText:
    """The source's lines with what reading them did, or ProblemsFound."""

    def fail(message: str, line: int = 1) -> ProblemsFound:
        return ProblemsFound([Problem(shown_as, line, message)])

    try:
        size = path.stat().st_size
    except OSError as exc:
        reason = _OS_REASONS.get(exc.errno, "系统打不开它")
        raise fail(m.READ_CANNOT.format(reason=reason)) from None
    if size > MAX_BYTES:
        raise fail(
            m.READ_TOO_LARGE.format(
                size=f"{size / 1024 / 1024:.1f}", most=MAX_BYTES // 1024 // 1024
            )
        )
    if size == 0:
        raise fail(m.READ_EMPTY)
    suffix = path.suffix.lower()
    if suffix in UNREADABLE:
        raise fail(m.READ_UNREADABLE.format(kind=UNREADABLE[suffix]))
    if suffix in spreadsheet.SUFFIXES:
        return SourceText(spreadsheet.sheet_lines(path, fail))
    if suffix == ".docx":
        return SourceText(_docx_lines(path, fail))
    if suffix == ".pdf":
        return _pdf_lines(path, fail)
    data = path.read_bytes()
    if data.startswith(OLE_MAGIC):
        raise fail(m.READ_OLE)
    if b"\x00" in data:
        raise fail(m.READ_BINARY.format(offset=data.index(0)))
    text = _decode(data, fail)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not any(line.strip() for line in lines):
        raise fail(m.READ_BLANK)
    lines = [strip_pinyin(line) for line in lines]
    split = [part for line in lines for part in unrun(line)]
    return SourceText(split, unrun=len(split) - len(lines))


# A heading or item number opening a paragraph: 一、 （一） (一) 1、 1． 1. （1） ① — after a
# space where the paragraph break was lost. "1.5" is a number, not an item.
_RUN_ITEM = re.compile(
    r"[ \t\u3000]+(?=(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]"
    r"|\d{1,3}(?:[、．]|\.(?!\d))|[（(]\d{1,3}[）)]|[①-⑳]))"
)
RUN_MIN_ITEMS = 3  # fewer spaced numbers in a line are read as the sentence they are in


def unrun(line: str) -> list[str]:
    """A line that holds several paragraphs run together (a copy that lost its line
    breaks: `… 一、主要工作目标 1、地区生产总值增长11%(市发改委)。 2、…`) as one line per
    paragraph, split before each number that follows a space; any other line as it is."""
    starts = [m.end() for m in _RUN_ITEM.finditer(line)]
    if len(starts) < RUN_MIN_ITEMS:
        return [line]
    bounds = [0, *starts, len(line)]
    parts = [line[a:b].rstrip(" \t\u3000") for a, b in pairwise(bounds)]
    return [part for part in parts if part]


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
            raise fail(m.READ_UNDECODABLE.format(byte=utf8_error.start), line) from None


def _docx_lines(path: Path, fail) -> list[str]:
    # python-docx is imported here so that plain-text imports do not pay for it.
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError):
        raise fail(m.READ_NOT_DOCX) from None
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
        raise fail(m.READ_NO_TEXT)
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


def _pdf_lines(path: Path, fail) -> SourceText:
    """A PDF's text layer, page by page: text lines, and each table (pdfplumber's ruled
    tables) as one line a row in its place on the page. A page's lines are the page's, not
    the notice's: a paragraph wrapped at the page width is joined again (_join_wrapped)."""
    import pdfplumber

    try:
        pdf = pdfplumber.open(str(path))
    except Exception:  # pdfminer and pdfplumber raise many kinds on a damaged file
        raise fail(m.READ_BAD_PDF) from None
    placed: list[PdfLine] = []
    chars = 0
    page_numbers = 0
    with pdf:
        try:
            for page in pdf.pages:
                chars += len(page.chars)
                on_page = _pdf_page_lines(page)
                text = [i for i, line in enumerate(on_page) if not line.row]
                # The page's number, printed above or below its text (— 3 —, 第3页).
                ends = {text[0], text[-1]} if len(text) > 1 else set()
                for i in sorted(ends, reverse=True):
                    if _PAGE_NUMBER.match(on_page[i].text):
                        del on_page[i]
                        page_numbers += 1
                placed += on_page
        except Exception:  # pdfminer raises many kinds on a damaged file
            raise fail(m.READ_BAD_PDF) from None
    lines, joined = _join_wrapped(placed)
    if not chars or not any(line.strip() for line in lines):
        raise fail(m.READ_NO_TEXT_LAYER)
    return SourceText([strip_pinyin(line) for line in lines], joined, page_numbers)


@dataclass(frozen=True, slots=True)
class PdfLine:
    """A line of a PDF page: its text, where it starts and ends, and what the page's text
    looks like (its left and right edges, the width of one character)."""

    text: str
    x0: float = 0.0
    x1: float = 0.0
    left: float = 0.0
    right: float = 0.0
    em: float = 0.0
    lead: float = 0.0  # the width of the run before its first Han character (50%。2019)
    row: bool = False  # a table row (cells separated by tabs): never joined


# A line that opens a new paragraph by its number: 一、 （一） 1． 1、 （1） ① 附件.
_OPENS = re.compile(
    r"^\s*([一二三四五六七八九十百]+\s*[、．.]|[（(][一二三四五六七八九十百\d]+[）)]|"
    r"\d{1,3}\s*[．.、）)](?!\d)|[①-⑳]|附件|抄送)"
)
_ENDS = "。；;：:！!？?”）)"
_PAGE_NUMBER = re.compile(
    r"^\s*([-－—–·•\s]*\d{1,4}[-－—–·•\s]*|第\s*\d{1,4}\s*页(\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|"
    r"\d{1,4}\s*/\s*\d{1,4})\s*$"
)
_HAN = re.compile(r"[\u3400-\u9fff]")


def _join_wrapped(placed: list[PdfLine]) -> tuple[list[str], int]:
    """Join each line a paragraph wrapped onto to the line before it: the line before runs
    to the page's right edge (within a character and a half), this one is not indented and
    does not open a new numbered paragraph after a finished sentence. (lines, how many
    were joined)."""
    lines: list[str] = []
    joined = 0
    before: PdfLine | None = None
    for line in placed:
        if before is not None and _continues(before, line) and lines:
            lines[-1] += line.text
            joined += 1
        else:
            lines.append(line.text)
        before = line
    return lines, joined


def _continues(before: PdfLine, line: PdfLine) -> bool:
    if before.row or line.row or not before.text.strip() or not line.text.strip():
        return False
    if before.em <= 0:
        return False
    # The line before runs to the edge, or stops short where the start of this line (a
    # number, 50%。2019年) did not fit and had to wrap whole.
    gap = before.right - before.x1
    ended = before.text.rstrip().endswith(tuple(_ENDS))
    if gap > 1.5 * before.em and (ended or gap > 2.5 * before.em + line.lead):
        return False  # the line before ends short of the edge: its paragraph ends there
    if line.x0 > line.left + 0.8 * line.em:
        return False  # indented: a new paragraph
    return not (_OPENS.match(line.text) and before.text.rstrip().endswith(tuple(_ENDS)))


def _pdf_page_lines(page) -> list[PdfLine]:
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]

    def outside(obj) -> bool:
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    # (top, line) for each text line outside the tables and each table row, in page order.
    placed: list[tuple[float, PdfLine]] = []
    text_page = page.filter(outside) if boxes else page
    text_lines = text_page.extract_text_lines()
    widths = [c["x1"] - c["x0"] for c in text_page.chars if not c["text"].isascii()]
    em = statistics.median(widths) if widths else 0.0
    left = min((line["x0"] for line in text_lines), default=0.0)
    right = max((line["x1"] for line in text_lines), default=0.0)
    for line in text_lines:
        han = next((c["x0"] for c in line["chars"] if _HAN.match(c["text"])), line["x1"])
        found = PdfLine(line["text"], line["x0"], line["x1"], left, right, em, han - line["x0"])
        placed.append((line["top"], found))
    for table in tables:
        for row, cells in zip(table.rows, table.extract(), strict=False):
            top = row.bbox[1]
            texts = [_cell_text(c) if c is not None else None for c in cells]
            filled = [c for c in texts if c]
            if len([c for c in texts if c is not None]) == 1 and filled:
                placed.append((top, PdfLine(filled[0], row=True)))  # a cell merged across
            else:
                placed.append((top, PdfLine("\t".join(c or "" for c in texts), row=True)))
    placed.sort(key=lambda item: item[0])
    return [line for _, line in placed]


def _cell_text(cell: str) -> str:
    """A table cell's text on one line: a line break inside Chinese text is no space."""
    parts = [p.strip() for p in cell.splitlines() if p.strip()]
    text = parts[0] if parts else ""
    for part in parts[1:]:
        joint = "" if not (text[-1].isascii() and part[0].isascii()) else " "
        text += joint + part
    return text
