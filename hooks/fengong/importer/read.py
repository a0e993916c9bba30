"""Source files → lines of text as written: UTF-8 or GB18030 text, or a Word .docx."""

from __future__ import annotations

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
    return lines


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
    lines: list[str] = []
    for paragraph in document.paragraphs:
        # A paragraph can hold soft line breaks; each becomes a line of its own.
        lines.extend(paragraph.text.split("\n"))
    if not any(line.strip() for line in lines):
        raise fail("the document has no text; expected the text of a notice")
    return lines
