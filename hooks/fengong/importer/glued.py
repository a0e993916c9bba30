"""A table whose cells were glued together with no separator (text pulled out of a .docx
table: `序号工作任务牵头单位配合单位1增加教育投入。区教育局区财政局、区发改局2…`) → its rows.

The header is a run of known header words. Rows are split at their numbers (1, 2, 3 … in
order), a row's task at its last sentence end (。；) before the unit names, and two unit
cells where two unit-shaped names meet with no separator (区教育局区财政局). Only what is
certain is read: a row whose cells cannot be told apart is reported, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..textnorm import normalise
from . import messages
from . import units as unit_lists

# What a unit cell may hold besides names: the separators of a list.
_SEPARATORS = "、,，;；"
_BODY_END = re.compile(r"(局|委|部|办|厅|院|署|中心|政府|公司|集团|银行|海关|总会)$")
_LEVEL_END = re.compile(r"(省|市|州|县|区|旗|镇|乡|街道|各|有关|相关)$")
_LEVEL = re.compile(r"^(各|有关|相关|国家|省|市|州|县|区|旗|镇|乡|街道)")
_TEXT_END = re.compile(r"[。；;！!]")
_HEADING = re.compile(r"^([一二三四五六七八九十百]+\s*[、.]|\([一二三四五六七八九十百]+\))")
# A number that is not a row's: part of a quantity or a date (3000人次, 2022年, 1.5万).
_NOT_A_ROW = re.compile(r"^\d*([年月日号%％万亿千百个项人元吨亩家所座户次批条件km.．．]|[-—~～至])")
_DEADLINE = re.compile(
    r"(\d{4}年(\d{1,2}月)?(上旬|中旬|下旬|底|末)?(前|以前|完成)?|\d{1,2}月(底|末)?(前)?|"
    r"长期坚持|持续推进|长期|全年|年内|年底前|年底)$"
)


@dataclass(slots=True)
class GluedRow:
    line: int
    end_line: int
    cells: dict[str, str]  # column → text; empty when the row could not be read
    problem: str = ""  # why the row (or a part of it) was not read


def header(line: str, column_of, longest: int) -> tuple[list[str], str] | None:
    """A line that is a header of glued words (序号工作任务牵头单位配合单位), perhaps followed by
    the first row: (the header words, the text after them), or None."""
    if not line or re.search(r"\s", line):
        return None
    key = line
    names: list[str] = []
    while key:
        name = next(
            (key[:k] for k in range(min(len(key), longest), 1, -1) if column_of(key[:k])),
            None,
        )
        if name is None:
            break
        names.append(name)
        key = key[len(name) :]
    if len(names) < 2 or (key and not normalise(key[:1]).isdigit()):
        return None
    return names, key


def rows(
    columns: list[str], pieces: list[tuple[int, str]]
) -> tuple[list[GluedRow | tuple[int, str]], int]:
    """The rows in pieces (line, text) of a glued table whose columns are
    [number, text, unit or deadline columns …], in order, and how many pieces they take; a
    short piece that starts no row (a part or clause between rows) is returned as
    (line, text). The table ends at a piece that is neither a row, nor a heading, nor the
    rest of a row still missing its units."""
    out: list[GluedRow | tuple[int, str]] = []
    used = 0
    current: tuple[int, list[tuple[int, str]]] | None = None
    expected = 1

    def close() -> None:
        nonlocal current
        if current is not None:
            out.append(_row(columns, *current))
            current = None

    for line, text in pieces:
        norm = normalise(text)
        m = re.match(r"\d{1,4}", norm)
        starts = bool(m) and int(m[0]) == expected and not _NOT_A_ROW.match(norm[m.end() :])
        if not starts:
            complete = current is not None and not _row(columns, *current).problem
            if _HEADING.match(norm) or (current is None and len(norm) <= 40 and "。" not in norm):
                close()
                out.append((line, text))
            elif current is not None and not complete:
                current[1].append((line, text))
            else:
                break
            used += 1
            continue
        used += 1
        close()
        number = expected
        body = text[m.end() :]  # normalise keeps one character for one: offsets hold
        cuts = [0, *_row_starts(body, number + 1), len(body)]
        for k in range(len(cuts) - 1):
            piece = body[cuts[k] : cuts[k + 1]]
            current = (number, [(line, piece[len(str(number)) :] if k else piece)])
            if k < len(cuts) - 2:
                close()
            number += 1
        expected = number
    close()
    while out and not isinstance(out[-1], GluedRow):
        out.pop()  # headings after the last row are not the table's
        used -= 1
    return out, used


def _row_starts(text: str, number: int) -> list[int]:
    """Where rows number, number+1 … start inside text: the number follows the end of a unit
    name (or a deadline) and is followed by the start of a task, not by a quantity."""
    starts = []
    norm = normalise(text)
    at = 0
    while True:
        token = str(number)
        found = -1
        for m in re.finditer(re.escape(token), norm[at:]):
            i = at + m.start()
            after = norm[i + len(token) :]
            if i == 0 or norm[i - 1].isdigit() or (after[:1].isdigit()):
                continue
            if _NOT_A_ROW.match(after) or not re.match(r"[\u4e00-\u9fff“《(]", after):
                continue
            before = norm[:i]
            tail = re.split(f"[{_SEPARATORS}。]", before)[-1]
            if unit_lists.unit_shaped(tail) or _DEADLINE.search(before):
                found = i
                break
        if found < 0:
            return starts
        starts.append(found)
        at = found + len(token)
        number += 1


def _row(columns: list[str], number: int, pieces: list[tuple[int, str]]) -> GluedRow:
    text = "".join(t for _, t in pieces).strip()
    cells, problem = split_row([c for c in columns if c != "number"], text)
    return GluedRow(pieces[0][0], pieces[-1][0], {**cells, "number": str(number)}, problem)


def split_row(columns: list[str], text: str) -> tuple[dict[str, str], str]:
    """One row's glued text (its number removed) → its cells, for columns
    [text, then unit and deadline columns], with a problem when a part is not certain."""
    if not columns or columns[0] != "text":
        return {}, messages.GLUED_TASK_NOT_FIRST
    rest = columns[1:]
    cells: dict[str, str] = {}
    tail_text = text
    if rest and rest[-1] == "deadline":
        m = _DEADLINE.search(tail_text)
        if m:
            cells["deadline"] = tail_text[m.start() :]
            tail_text = tail_text[: m.start()]
            rest = rest[:-1]
        else:
            rest = rest[:-1]
    ends = list(_TEXT_END.finditer(tail_text))
    if not ends or ends[-1].end() == len(tail_text):
        return {}, messages.GLUED_NO_TASK_END
    split = ends[-1].end()
    task, units = tail_text[:split].strip(), tail_text[split:].strip()
    if not all(unit_lists.unit_shaped(normalise(n)) for n in _names(units) if n):
        return {"text": task}, messages.GLUED_NOT_UNITS.format(units=units[:30])
    cells["text"] = task
    unit_columns = [c for c in rest if c != "deadline"]
    if len(unit_columns) <= 1:
        if unit_columns:
            cells[unit_columns[0]] = units
        return cells, ""
    # Two unit columns: the one place where two names meet with no separator is the edge.
    edges = _glued_edges(units)
    if len(edges) == 1:
        cells[unit_columns[0]], cells[unit_columns[1]] = units[: edges[0]], units[edges[0] :]
        return cells, ""
    if not edges and len(_names(units)) == 1 and not _may_split(normalise(units)):
        cells[unit_columns[0]] = units  # one name: the first column's, the other empty
        return cells, ""
    column = messages.GLUED_COLUMNS.get(unit_columns[0], unit_columns[0])
    return {"text": task}, messages.GLUED_CELL_END.format(column=column, units=units[:30])


def _may_split(name: str) -> bool:
    """Whether a name may be two glued together at a body's end (发展改革委|人力资源社会保障部)."""
    return any(
        _BODY_END.search(name[:k]) and unit_lists.unit_shaped(name[k:])
        for k in range(3, len(name) - 2)
    )


def _balanced(name: str) -> bool:
    """No bracket left open: 各乡镇(街道) is a name, 各乡镇( is not."""
    return name.count("(") == name.count(")") and name.count("〔") == name.count("〕")


def _names(text: str) -> list[str]:
    return [n.strip() for n in re.split(f"[{_SEPARATORS}]", text)]


def _glued_edges(units: str) -> list[int]:
    """Offsets in units where two unit-shaped names meet with no separator: the second
    starts with a level or a group (县发改局县人社局, 县人社局各乡镇人民政府), the first ends as
    a body does, not at a level (县人社局各乡|镇… is no edge). Two such places in one name:
    not certain ([-1, -1])."""
    edges = []
    offset = 0
    for piece in re.split(f"([{_SEPARATORS}])", units):
        if piece and piece not in _SEPARATORS:
            norm = normalise(piece)
            places = [
                k
                for k in range(2, len(norm) - 2)
                if _LEVEL.match(norm[k:])
                and not _LEVEL_END.search(norm[:k])
                and _balanced(norm[:k])
                and unit_lists.unit_shaped(norm[:k])
                and unit_lists.unit_shaped(norm[k:])
            ]
            if len(places) > 1:
                return [-1, -1]
            edges += [offset + k for k in places]
        offset += len(piece)
    return edges
