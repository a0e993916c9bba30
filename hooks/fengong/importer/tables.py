"""Tables of a 分工 annex → header and rows, columns found by their header in any order.

A table reaches the importer as text in one of two forms: one row a line with its cells
separated by tabs or '|' (a Word table, read by read.py, or a table pasted as text), or one
cell a line (an HTML table flattened by a web page's text export). A row with a single cell
(a cell merged across the row) is a part or group heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..textnorm import normalise
from . import glued, messages
from . import units as unit_lists

# Column → the headers that name it (compared without spaces, after normalising).
COLUMNS: dict[str, tuple[str, ...]] = {
    "number": ("序号", "编号", "序"),
    "text": (
        "任务",
        "工作任务",
        "重点任务",
        "主要任务",
        "具体任务",
        "任务内容",
        "任务分工",
        "改革举措",
        "改革任务",
        "事项",
        "工作事项",
        "重点事项",
        "工作内容",
        "主要内容",
        "重点工作",
        "工作措施",
        "具体措施",
        "主要措施",
        "政策措施",
        "目标任务",
        "主要目标",
        "工作目标",
        "主要工作任务",
        "重点工作任务",
        "具体工作任务",
        "工作任务内容",
        "任务名称",
        "任务事项",
        "重点工作事项",
    ),
    "lead": (
        "牵头单位",
        "牵头部门",
        "牵头责任单位",
        "牵头责任部门",
        "主办单位",
        "牵头负责部门",
        "牵头负责单位",
        "牵头处室",
        "牵头科室",
    ),
    "partner": (
        "配合单位",
        "配合部门",
        "协同单位",
        "协同部门",
        "协同责任单位",
        "参与单位",
        "参与部门",
        "协办单位",
        "配合责任单位",
        "配合处室",
        "配合科室",
        "协同处室",
        "协助单位",
        "协办部门",
    ),
    "responsible": (
        "责任单位",
        "责任部门",
        "主责单位",
        "承办单位",
        "落实单位",
        "实施单位",
        "责任处室",
        "责任科室",
        "责任主体",
        "负责单位",
        "负责部门",
    ),
    "guiding": ("指导部门", "指导单位", "业务指导部门"),
    "leaders": ("责任领导", "牵头领导", "分管领导", "牵头负责领导", "联系领导", "责任人"),
    "deadline": ("完成时限", "时间节点", "完成时间", "时限要求", "完成期限", "时限"),
    "group": ("分类", "类别", "领域", "板块", "方面", "项目类别"),
    # Columns the importer keeps as the task's notes (header and text), not interpreted.
    "note": (
        "备注",
        "推广范围",
        "分值",
        "考核标准",
        "评分标准",
        "考核内容",
        "考核办法",
        "考核方式",
        "完成标准",
        "工作标准",
        "预期成效",
        "预期目标",
        "工作要求",
        "具体要求",
        "目标要求",
        "推进措施",
        "进度安排",
        "成果形式",
        "政策依据",
        "支持政策",
        "资金来源",
        "实施范围",
        "适用范围",
    ),
}
UNIT_COLUMNS = ("lead", "responsible", "partner", "guiding")
NOTE = "note:"  # a note column's key: "note:" and its header (note:推广范围)
MARK = "mark:"  # a matrix's unit column: "mark:" and the unit (mark:区发改局), its cells marks
# What a matrix's cell says of its unit: a role's word, or a tick for "takes part".
_MARK_ROLES = (("牵头", "lead"), ("主办", "lead"), ("配合", "partner"), ("参与", "partner"))
_MARK_ROLES += (
    ("协同", "partner"),
    ("协助", "partner"),
    ("协办", "partner"),
    ("负责", "responsible"),
)
_MARK = re.compile(r"^[√✓✔●○◎★☆▲△■□◆◇※]?\(?(牵头|主办|配合|参与|协同|协助|协办|负责)?\)?$")
_BY_HEADER = {name: column for column, names in COLUMNS.items() for name in names}
_CELL_SEPARATOR = re.compile(r"\t|\s*\|\s*")
_RULE_ROW = re.compile(r"^[\s|:\-+]+$")  # a Markdown table's |---|---| line


_BRACKETED = re.compile(r"([^()〔〕]{1,12})[(〔][^()〔〕]*[)〕]")
_LONGEST_HEADER = max(len(name) for names in COLUMNS.values() for name in names)
# A header cell the importer does not know, in a row whose cells are clearly separated:
# a few characters, no sentence punctuation, not a number or a numbered heading.
_UNKNOWN_HEADER = re.compile(r"^[^\d\s。，,；;：:、()（）〔〕|]{2,12}$")


def column_of(cell: str) -> str | None:
    """The column a header cell names, if it names one; a note in brackets after the name
    does not change it (责任单位（排在第一位的为牵头单位）: the lead rule is read as prose)."""
    key = re.sub(r"\s+", "", cell).strip("|")
    if len(key) > _LONGEST_HEADER and (len(key) > 40 or not re.search(r"[(（〔]", key)):
        return None  # most lines: a header cell is a few characters
    key = normalise(key)
    if key in _BY_HEADER:
        return _BY_HEADER[key]
    m = _BRACKETED.fullmatch(key)
    return _BY_HEADER.get(m[1]) if m else None


@dataclass(slots=True)
class Row:
    line: int  # the first line of the row
    end_line: int
    cells: dict[str, str]  # column → the cell's text as written


@dataclass(slots=True)
class Repeat:
    """The table's header written again (at the top of each page): not a row."""

    line: int
    end_line: int


@dataclass(slots=True)
class Heading:
    line: int
    text: str


@dataclass(slots=True)
class Table:
    header_line: int
    header_end: int
    columns: list[str]  # in the table's order
    headers: list[str]  # the header cells as written
    items: list[Row | Heading | Repeat] = field(default_factory=list)
    end: int = 0  # the line after the table
    spaced: bool = False  # cells separated by spaces only (序号 工 作 任 务 牵头负责部门)
    closed: bool = False  # one cell a line, each closed by '|' (序号 |)
    line_rows: bool = False  # a row a line, its cells separated by tabs or '|'
    transposed: bool = False  # a matrix with the units as rows, the tasks as columns: unread
    glued: str | None = None  # cells with no separator: the text after the header words
    unread: list[tuple[int, str]] = field(default_factory=list)  # (line, why) rows not read


def split_cells(line: str) -> list[str] | None:
    """A row written on one line: its cells, or None when the line is not one. Tabs at
    either end are empty cells (a row whose 序号 is blank), so only spaces are trimmed."""
    if "\t" not in line and "|" not in line:
        return None
    text = line.strip(" \u3000\r\n")
    if "|" in text and "\t" not in text:
        text = text.strip().strip("|")
    return [c.strip() for c in _CELL_SEPARATOR.split(text)]


def find_table(lines: list[str], start: int = 1) -> Table | None:
    """The first table header in lines (1-based line numbers from `start`): a row of known
    column headers with a unit column among them."""
    n = start
    count = len(lines)
    while n <= count:
        line = lines[n - 1].strip()
        cells = split_cells(lines[n - 1]) if line else None
        if cells and (columns := _header_columns(cells, unknown=True)):
            table = Table(n, n, columns, cells, line_rows=True)
            return _second_header_row(table, lines)
        if cells and _transposed(cells, lines, n):
            return Table(n, n, [], cells, line_rows=True, transposed=True)
        if cells is None and (headers := _spaced_header(line)):
            return Table(n, n, _header_columns(headers) or [], headers, spaced=True)
        if cells is None and line[:1] in _HEADER_STARTS and (found := _glued_header(line)):
            columns, headers, rest = found
            return Table(n, n, columns, headers, glued=rest)
        if line and column_of(line):
            # One cell a line: the header is the run of header cells starting here.
            run, m = [], n
            while m <= count:
                text = lines[m - 1].strip()
                if not text:
                    m += 1
                    continue
                if not column_of(text):
                    break
                run.append((m, text))
                m += 1
            if columns := _header_columns([t for _, t in run]):
                headers = [t for _, t in run]
                # A page's text export may close every cell with its separator (序号 |).
                closed = all(t.endswith("|") for t in headers)
                headers = [_unclose(t) if closed else t for t in headers]
                return Table(n, run[-1][0], columns, headers, closed=closed)
            n = max(n + 1, run[-1][0] + 1 if run else n + 1)
            continue
        n += 1
    return None


_HEADER_STARTS = {name[0] for names in COLUMNS.values() for name in names}


def _glued_header(line: str) -> tuple[list[str], list[str], str] | None:
    """序号工作任务牵头单位配合单位, perhaps with the first row glued on: (columns, header
    words, the text after them), where the columns are 序号, the task, then the rest."""
    found = glued.header(line, column_of, _LONGEST_HEADER)
    if found is None:
        return None
    names, rest = found
    columns = _header_columns(names)
    if not columns or columns[:2] != ["number", "text"]:
        return None
    return columns, names, rest


def _second_header_row(table: Table, lines: list[str]) -> Table:
    """A header on two rows (责任单位 merged over 牵头单位 | 配合单位, 序号 and 工作任务
    spanning both): the lower row's words where it has them, the upper row's elsewhere."""
    n = table.header_line + 1
    lower = split_cells(lines[n - 1]) if n <= len(lines) else None
    if not lower or not all(column_of(c) for c in lower if c) or all(lower):
        return table
    width = max(len(table.headers), len(lower))
    upper = table.headers + [""] * (width - len(table.headers))
    lower = lower + [""] * (width - len(lower))
    merged = [low or up for up, low in zip(upper, lower, strict=True)]
    columns = _header_columns(merged, unknown=True)
    if columns is None or "text" not in columns:
        return table
    return Table(table.header_line, n, columns, merged, line_rows=True)


def _is_header(cells: list[str]) -> bool:
    return _header_columns([c for c in cells if c]) is not None


def _header_columns(cells: list[str], unknown: bool = False) -> list[str] | None:
    """The columns a header row names, in order ("" for an empty cell, NOTE + header for a
    column kept as notes), or None when the row is not a table header: it names a unit
    column, and each cell is a known header or (`unknown`, where cells are clearly
    separated) a short header-shaped word kept as notes."""
    filled = [c for c in cells if c.strip()]
    if len(filled) < 2:
        return None
    found: list[str | None] = []
    for cell in cells:
        column = column_of(cell) if cell.strip() else ""
        label = _label(cell)
        if column == "note" or (column is None and unknown and _UNKNOWN_HEADER.match(label)):
            column = NOTE + label
        found.append(column)
    known = [c for c in found if c and not c.startswith(NOTE)]
    if unknown and "text" in known and not any(c in UNIT_COLUMNS for c in known):
        # A matrix: the units are the columns (区发改局 | 区财政局 …), a mark in each cell.
        units = [i for i, c in enumerate(found) if c and c.startswith(NOTE) and _unit_like(c)]
        if len(units) >= 2:
            for i in units:
                found[i] = MARK + found[i].removeprefix(NOTE)
            return _header_columns_checked(cells, found)
    if None in found or not any(c in UNIT_COLUMNS for c in known) or len(known) < 2:
        return None
    return _header_columns_checked(cells, found)


_UNITS_HEADER = re.compile(r"^(责任)?(单位|部门)(名称)?$|^(单位|部门)[\\/／]?(任务|事项)$")


def _transposed(cells: list[str], lines: list[str], n: int) -> bool:
    """A matrix with the units as rows and the tasks as columns: a header 单位 | 任务一 |
    任务二 …, and under it rows of a unit's name and marks (√ 牵头 …)."""
    filled = [c for c in cells if c.strip()]
    if len(filled) < 3 or not _UNITS_HEADER.match(normalise(_label(filled[0]))):
        return False
    following = next((m for m in range(n + 1, len(lines) + 1) if lines[m - 1].strip()), None)
    row = split_cells(lines[following - 1]) if following else None
    marks = [c for c in (row or [])[1:] if c]
    return bool(
        row
        and unit_lists.unit_shaped(normalise(row[0]))
        and marks
        and all(_MARK.match(normalise(re.sub(r"\s+", "", c))) for c in marks)
    )


def _unit_like(column: str) -> bool:
    label = normalise(column.removeprefix(NOTE))
    return unit_lists.unit_shaped(label) and column_of(label) is None


def _header_columns_checked(cells: list[str], found: list[str | None]) -> list[str] | None:
    if None in found:
        return None
    texts = [i for i, c in enumerate(found) if c == "text"]
    if len(texts) > 1:
        # 主要任务 beside 工作目标: the task is the column named by the likelier word, the
        # other is kept as notes.
        order = COLUMNS["text"]
        keep = min(texts, key=lambda i: order.index(normalise(_label(cells[i]))))
        for i in texts:
            if i != keep:
                found[i] = NOTE + _label(cells[i])
    columns = [c for c in found if c is not None]
    named = [c for c in columns if c]
    if len(set(named)) != len(named):
        return None  # a column named twice: not a header this importer can read
    return columns


def _label(cell: str) -> str:
    """A header cell as a label: without its letter-spacing and closing '|'."""
    return re.sub(r"\s+", "", cell).strip("|")


def _spaced_header(line: str) -> list[str] | None:
    """A header row whose cells are separated by spaces, the names themselves perhaps
    letter-spaced (序号 工 作 任 务 牵头负责部门): the names it is made of, or None."""
    key = re.sub(r"\s+", "", line)
    if key == line or len(key) > 4 * _LONGEST_HEADER:
        return None
    names: list[str] = []
    while key:
        name = next(
            (key[:k] for k in range(min(len(key), _LONGEST_HEADER), 1, -1) if column_of(key[:k])),
            None,
        )
        if name is None:
            return None
        names.append(name)
        key = key[len(name) :]
    return names if _is_header(names) else None


def _read_spaced_rows(table: Table, lines: list[str], stop: int) -> None:
    """Rows of a space-separated table: the number first, one word for each column after
    the task column, the task (which may hold spaces) between them."""
    columns = table.columns
    at = columns.index("text")
    before, after = columns[:at], columns[at + 1 :]
    n = table.header_end + 1
    while n < stop:
        line = lines[n - 1].strip()
        if not line:
            n += 1
            continue
        if (headers := _spaced_header(line)) is not None:
            if headers != [_label(h) for h in table.headers]:
                break  # another table's header
            table.items.append(Repeat(n, n))  # the header again, at the top of a page
            n += 1
            continue
        if not _spaced_row(line, columns):
            following = next((m for m in range(n + 1, stop) if lines[m - 1].strip()), None)
            heading = len(line) <= 40 and not re.search(r"[。；;]", line)
            if heading and following and _spaced_row(lines[following - 1].strip(), columns):
                table.items.append(Heading(n, line))  # a part or clause between rows
                n += 1
                continue
            break
        words = list(re.finditer(r"\S+", line))
        head, tail = words[: len(before)], words[len(words) - len(after) :] if after else []
        text_end = tail[0].start() if tail else len(line)
        cells = [w[0] for w in head] + [line[head[-1].end() if head else 0 : text_end].strip()]
        table.items.append(Row(n, n, _by_column(columns, cells + [w[0] for w in tail])))
        n += 1
    table.end = n


def _spaced_row(line: str, columns: list[str]) -> bool:
    """Whether a line is a row of a space-separated table: enough words, the number where
    the 序号 column is."""
    words = line.split()
    before = columns[: columns.index("text")]
    if len(words) < len(columns):
        return False
    return "number" not in before or normalise(words[before.index("number")]).isdigit()


def read_rows(table: Table, lines: list[str], stop: int) -> None:
    """Fill table.items from the lines after its header, up to `stop` (exclusive)."""
    if table.glued is not None:
        _read_glued_rows(table, lines, stop)
    elif table.spaced:
        _read_spaced_rows(table, lines, stop)
    elif table.line_rows:
        _read_line_rows(table, lines, stop)
    else:
        _read_cell_lines(table, lines, stop)
    if any(c.startswith(MARK) for c in table.columns):
        _read_marks(table)


def _read_marks(table: Table) -> None:
    """A matrix's marks → each row's unit cells, the units in the columns' order: 牵头 leads,
    配合 / 参与 … partners, 负责 or a tick (√ ● ★ …) is responsible; a tick never leads. A
    column whose cells are not all marks is not a unit's: it is kept as notes."""
    rows = [item for item in table.items if isinstance(item, Row)]
    for column in [c for c in table.columns if c.startswith(MARK)]:
        cells = [row.cells[column] for row in rows if row.cells.get(column)]
        if not cells or not all(_MARK.match(normalise(re.sub(r"\s+", "", c))) for c in cells):
            for row in rows:
                if column in row.cells:
                    row.cells[NOTE + column.removeprefix(MARK)] = row.cells.pop(column)
            continue
        for row in rows:
            mark = normalise(re.sub(r"\s+", "", row.cells.pop(column, "")))
            if not mark:
                continue
            role = next((r for word, r in _MARK_ROLES if word in mark), "responsible")
            names = row.cells.get(role, "")
            row.cells[role] = f"{names}、{column.removeprefix(MARK)}" if names else column[5:]


def _read_glued_rows(table: Table, lines: list[str], stop: int) -> None:
    """Rows whose cells were glued with no separator (glued.py): what is certain is read,
    the rows that are not are listed in table.unread."""
    pieces = [(table.header_line, table.glued)] if table.glued else []
    pieces += [(n, lines[n - 1].strip()) for n in range(table.header_end + 1, stop)]
    pieces = [(n, text) for n, text in pieces if text]
    found, used = glued.rows(table.columns, pieces)
    for item in found:
        if isinstance(item, glued.GluedRow):
            if item.problem:
                row = messages.GLUED_ROW.format(number=item.cells["number"], problem=item.problem)
                table.unread.append((item.line, row))
            if item.cells.get("text"):
                table.items.append(Row(item.line, item.end_line, item.cells))
        else:
            table.items.append(Heading(*item))
    last = pieces[used - 1][0] if used else table.header_end
    table.end = max(last + 1, table.header_end + 1)


def _read_line_rows(table: Table, lines: list[str], stop: int) -> None:
    width = len(table.columns)
    n = table.header_end + 1
    while n < stop:
        line = lines[n - 1].strip()
        if not line or _RULE_ROW.match(line):
            n += 1
            continue
        cells = split_cells(lines[n - 1])
        filled = [line] if cells is None else [c for c in cells if c]
        if cells is None or len(filled) == 1:
            # A cell merged across the row: a part or group heading. A line with no
            # separators after the table has ended is not the table's.
            if cells is None and not _continues(lines, n, stop):
                break
            table.items.append(Heading(n, filled[0] if filled else ""))
            n += 1
            continue
        if _repeats_header(table, filled):
            table.items.append(Repeat(n, n))
            n += 1
            continue
        if _header_columns(cells) is not None:
            break  # another table's header: this table ends here
        cells = _fit(cells, width)
        table.items.append(Row(n, n, _by_column(table.columns, cells)))
        n += 1
    table.end = n


def _repeats_header(table: Table, cells: list[str]) -> bool:
    """Whether a row is the table's header written again (a page's first row)."""
    headers = [_label(h) for h in table.headers if h.strip()]
    return [_label(c) for c in cells] == headers


def _fit(cells: list[str], width: int) -> list[str]:
    """A row's cells to the header's width. A merged cell can leave an extra separator
    (1 | 任务 || 区财政局): empty cells go first where two are side by side, then from the
    right; a short row is padded."""
    cells = list(cells)
    while len(cells) > width:
        pair = next((i for i in range(len(cells) - 1) if not cells[i] and not cells[i + 1]), None)
        empty = [i for i, c in enumerate(cells) if not c]
        if pair is not None:
            del cells[pair]
        elif empty:
            del cells[empty[-1]]
        else:
            break
    return (cells + [""] * width)[:width]


def _continues(lines: list[str], n: int, stop: int) -> bool:
    """Whether a row written on one line follows line n, after at most a few more short
    lines (so line n is a heading inside the table, not text after it)."""
    seen = 0
    for m in range(n + 1, stop):
        text = lines[m - 1].strip()
        if not text:
            continue
        cells = split_cells(text)
        if cells is not None and len([c for c in cells if c]) > 1:
            return True
        seen += 1
        if seen > 3 or len(text) > 60:
            return False
    return False


def _read_cell_lines(table: Table, lines: list[str], stop: int) -> None:
    """One cell a line. With a 序号 column a row starts at its number, and cells before
    the number column appear only on a group's first row (a cell spanning rows); without
    one, rows are the header's width."""
    cells = [(n, lines[n - 1].strip()) for n in range(table.header_end + 1, stop)]
    if table.closed:
        cells = [(n, _unclose(text)) for n, text in cells]
    cells = [(n, text) for n, text in cells if text]
    columns = table.columns
    if "number" in columns:
        at = columns.index("number")
        before, after = columns[:at], columns[at + 1 :]
        i = 0
        pending: list[tuple[int, str]] = []
        headers = [_label(h) for h in table.headers if h.strip()]
        while i < len(cells):
            n, text = cells[i]
            if [_label(t) for _, t in cells[i : i + len(headers)]] == headers:
                last = cells[i + len(headers) - 1][0]
                table.items.append(Repeat(n, last))
                i += len(headers)
                continue
            if re.fullmatch(r"\d{1,4}", normalise(text)):
                row_cells = cells[i + 1 : i + 1 + len(after)]
                # An empty cell leaves no line: the next row's number ends this row.
                following = str(int(normalise(text)) + 1)
                for k, (_, cell) in enumerate(row_cells):
                    if k > 0 and normalise(cell) == following:
                        row_cells = row_cells[:k]
                        break
                for m, heading in pending:
                    table.items.append(Heading(m, heading))
                pending = []
                values = dict(zip(after, [t for _, t in row_cells], strict=False))
                values["number"] = text
                last = row_cells[-1][0] if row_cells else n
                table.items.append(Row(n, last, values))
                i += 1 + len(row_cells)
            else:
                if len(pending) >= len(before) and not _heads_rows(cells, i):
                    break  # more than a row's leading cells: the table has ended
                pending.append((n, text))
                i += 1
        table.end = cells[i][0] if i < len(cells) else stop
        return
    width = len(columns)
    i = 0
    while i + width <= len(cells):
        chunk = cells[i : i + width]
        values = _by_column(columns, [t for _, t in chunk])
        table.items.append(Row(chunk[0][0], chunk[-1][0], values))
        i += width
    table.end = cells[i][0] if i < len(cells) else stop


def _heads_rows(cells: list[tuple[int, str]], i: int) -> bool:
    """Whether cell i is a heading inside a table written a cell a line (一、稳定就业, a
    merged row): short, not a sentence, and a row's number follows within a few cells."""
    for _, text in cells[i : i + 3]:
        if re.fullmatch(r"\d{1,4}", normalise(text)):
            return True
        if len(text) > 40 or re.search(r"[。；;]", text):
            return False
    return False


def _unclose(cell: str) -> str:
    """A cell without the '|' that closes it (1 | → 1)."""
    return cell[:-1].rstrip() if cell.endswith("|") else cell


def _by_column(columns: list[str], cells: list[str]) -> dict[str, str]:
    values: dict[str, str] = {}
    for column, cell in zip(columns, cells, strict=False):
        if column and cell:
            values[column] = cell
    return values
