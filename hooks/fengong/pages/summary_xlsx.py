"""The office's 汇总表 for one reporting period (.xlsx): a first sheet of counts (by status,
part and lead unit), the overdue tasks and the lead units to remind (催报); then every task
by part with its lead unit's report and the partners' contributions beneath, printable on A4
landscape. Laid out from period_summary.PeriodSummary; every text cell is written with
write_string, so no unit's words are ever read as a formula or a link."""

from __future__ import annotations

from datetime import date

from xlsxwriter.worksheet import Worksheet

from . import xlsx
from .labels import cn_date
from .period_summary import COUNT_HEADERS, PeriodSummary, Said, TaskLine, window
from .standing import COUNT_KEYS

# Each status's light, as the site draws it (docs/assets/fengong.css, light scheme).
LIGHTS = {
    "done": ("#DFF2E3", "#1B5E20"),
    "on-track": ("#E0ECFA", "#0D47A1"),
    "behind": ("#FFF0CC", "#7A4100"),
    "not-started": ("#FDE2DF", "#A31515"),
    "none": ("#EEEEEE", "#4A4A4A"),
}
_CELL = {"border": 1, "border_color": "#999999", "text_wrap": True, "valign": "top"}
STYLES = {
    "part": {**_CELL, "bold": True, "bg_color": "#F2F2F2"},
    "number": {**_CELL, "align": "center"},
    "contribution": {**_CELL, "font_color": "#404040", "italic": True},
    "heading": {"bold": True, "font_size": 12},
    **{
        f"light {key}": {**_CELL, "bg_color": bg, "font_color": fg}
        for key, (bg, fg) in LIGHTS.items()
    },
}

COLUMNS = (
    ("序号", 6),
    ("任务内容", 42),
    ("牵头单位", 14),
    ("其他责任单位", 18),
    ("状态", 9),
    ("进展情况", 42),
    ("佐证材料", 20),
    ("收到日期", 12),
)
HEADER_ROW = 2  # below the title and the note
CONTRIBUTION = "参与单位报送（不决定任务状态）"


def summary_xlsx(summary: PeriodSummary) -> bytes:
    period = summary.period
    notice = summary.site.notice
    title = f"{notice.doc_number}任务落实情况汇总表（{period.label}）"
    book = xlsx.Book(title, date.fromisoformat(summary.as_of), styles=STYLES)
    formats = book.formats
    _overview(book, formats, summary, title)
    _tasks(book, formats, summary, title)
    return book.bytes()


def about(summary: PeriodSummary) -> str:
    returned, owed = len(summary.returned), len(summary.owed)
    return (
        f"根据各单位报送的任务台账汇总：{summary.period.label}，报送时间{window(summary)}；"
        f"应报送的牵头单位{returned + owed}个，已收到{returned}个，最后收到于"
        f"{cn_date(summary.as_of)}。任务状态以牵头单位报送为准；参与单位报送的情况列在任务之下，"
        "不决定任务状态。"
    )


def _overview(book: xlsx.Book, f, summary: PeriodSummary, title: str) -> None:
    ws = book.sheet("概况")
    widths = (30, 10, 10, 10, 10, 10, 10, 40)
    for col, width in enumerate(widths):
        ws.set_column(col, col, width)
    ws.write_string(0, 0, title, f["title"])
    ws.merge_range(1, 0, 1, len(widths) - 1, "", f["note"])
    ws.write_string(1, 0, about(summary), f["note"])
    ws.set_row(1, 48)
    row = 3

    ws.write_string(row, 0, "一、任务状态", f["heading"])
    row += 1
    for col, head in enumerate(("状态", "任务数", "占全部任务")):
        ws.write_string(row, col, head, f["header"])
    total = sum(summary.counts)
    for key, word, n in zip(COUNT_KEYS, COUNT_HEADERS, summary.counts, strict=True):
        row += 1
        ws.write_string(row, 0, word, f[f"light {key}"])
        # Centred, both: a right-aligned count beside a left-aligned share read as one
        # number on paper (4 and 6.3% as "46.3%").
        ws.write_number(row, 1, n, f["number"])
        ws.write_string(row, 2, _percent(n, total), f["number"])
    row += 1
    ws.write_string(row, 0, "合计", f["label"])
    ws.write_number(row, 1, total, f["number"])
    row += 2

    heads = (*COUNT_HEADERS, "合计")
    if len(summary.groups) > 1:
        ws.write_string(row, 0, "二、按部分", f["heading"])
        row = _count_table(
            ws, f, row + 1, "部分", heads, [(g.label, g.counts) for g in summary.groups]
        )
    ws.write_string(
        row,
        0,
        "三、按牵头单位（所牵头的任务）"
        if len(summary.groups) > 1
        else "二、按牵头单位（所牵头的任务）",
        f["heading"],
    )
    row = _count_table(ws, f, row + 1, "牵头单位", heads, [(u.name, c) for u, c in summary.by_unit])

    n = 4 if len(summary.groups) > 1 else 3
    overdue = summary.overdue()
    ws.write_string(
        row,
        0,
        f"{_cn(n)}、任务写明的时限已过、本期未报已完成的任务（{len(overdue)}项）",
        f["heading"],
    )
    row += 1
    if overdue:
        _spans(
            ws,
            row,
            [
                ("任务", f["header"]),
                ("截止日期", f["header"]),
                ("本期状态", f["header"]),
                ("牵头单位", f["header"]),
            ],
        )
        for line in overdue:
            row += 1
            _spans(
                ws,
                row,
                [
                    (f"任务{line.task.number}", f["cell"]),
                    (cn_date(line.last_day), f["cell"]),
                    (line.word, f[f"light {line.key}"]),
                    ("、".join(u.name for u in line.lead), f["cell"]),
                ],
            )
    else:
        ws.write_string(row, 0, "无", f["wrap"])
    row += 2

    owed = summary.owed
    ws.write_string(row, 0, f"{_cn(n + 1)}、未报送的牵头单位（催报，{len(owed)}个）", f["heading"])
    row += 1
    if owed:
        ws.write_string(row, 0, "牵头单位", f["header"])
        ws.write_string(row, 1, "应报任务数", f["header"])
        ws.merge_range(row, 2, row, 7, "", f["header"])
        ws.write_string(row, 2, "应报送的任务", f["header"])
        for o in owed:
            row += 1
            ws.write_string(row, 0, o.unit.name, f["cell"])
            ws.write_number(row, 1, len(o.tasks), f["cell"])
            owes = "、".join(f"任务{t.number}" for t in o.tasks)
            ws.merge_range(row, 2, row, 7, "", f["cell"])
            ws.write_string(row, 2, owes, f["cell"])
            # A merged cell is never sized to its text: as wide as columns C to H together.
            ws.set_row(row, LINE_HEIGHT * wrapped_lines(owes, sum(widths[2:])))
    else:
        ws.write_string(row, 0, "无：各牵头单位均已报送", f["wrap"])
    _print(ws)


# The overdue table's cells over the overview's columns: 任务 | 截止日期 | 本期状态 | 牵头单位.
SPANS = ((0, 0), (1, 2), (3, 4), (5, 7))


def _spans(ws: Worksheet, row: int, cells) -> None:
    for (first, last), (text, style) in zip(SPANS, cells, strict=True):
        if first != last:
            ws.merge_range(row, first, row, last, "", style)
        ws.write_string(row, first, text, style)


def _count_table(ws: Worksheet, f, row: int, first: str, heads, rows) -> int:
    ws.write_string(row, 0, first, f["header"])
    for col, head in enumerate(heads, 1):
        key = COUNT_KEYS[col - 1] if col <= len(COUNT_KEYS) else None
        ws.write_string(row, col, head, f[f"light {key}"] if key else f["header"])
    for label, counts in rows:
        row += 1
        ws.write_string(row, 0, label, f["cell"])
        for col, n in enumerate((*counts, sum(counts)), 1):
            ws.write_number(row, col, n, f["cell"])
    return row + 2


def _tasks(book: xlsx.Book, f, summary: PeriodSummary, title: str) -> None:
    ws = book.sheet("汇总表")
    ws.write_string(0, 0, title, f["title"])
    ws.merge_range(1, 0, 1, len(COLUMNS) - 1, "", f["note"])
    ws.write_string(1, 0, about(summary), f["note"])
    ws.set_row(1, 32)
    for col, (head, width) in enumerate(COLUMNS):
        ws.write_string(HEADER_ROW, col, head, f["header"])
        ws.set_column(col, col, width)
    row = HEADER_ROW
    for group in summary.groups:
        row += 1
        ws.merge_range(row, 0, row, len(COLUMNS) - 1, "", f["part"])
        ws.write_string(row, 0, group.label, f["part"])
        for line in group.lines:
            row += 1
            _task_row(ws, f, row, line)
            for said in line.contributions:
                row += 1
                _contribution_row(ws, f, row, said)
    ws.freeze_panes(HEADER_ROW + 1, 0)
    _print(ws, HEADER_ROW)


def fit_height(ws: Worksheet, row: int, texts) -> None:
    """A row tall enough for its wrapped text in COLUMNS' widths: neither Excel nor
    LibreOffice sizes a row written without a height when it opens the file."""
    lines = 1
    for text, (_, width) in zip(texts, COLUMNS, strict=True):
        lines = max(lines, wrapped_lines(text, width))
    ws.set_row(row, LINE_HEIGHT * lines)


LINE_HEIGHT = 15  # points, of a line of 11-point text


def wrapped_lines(text: str, width: int) -> int:
    """How many lines text takes in a column `width` characters wide (a Han character is
    two), roughly: a little more, rather than a cut word."""
    room = max(width - 1, 1)
    count = 0
    for line in text.split("\n"):
        size = sum(2 if ord(ch) > 0x2E7F else 1 for ch in line)
        count += max(1, -(-size // room))
    return count


def _task_row(ws: Worksheet, f, row: int, line: TaskLine) -> None:
    several = len(line.reports) > 1
    words = [(s, f"{s.unit.name}：" if several else "") for s in line.reports]
    cells = (
        str(line.task.number),
        line.task.text,
        "、".join(u.name for u in line.lead),
        "、".join(u.name for u in line.others),
    )
    ws.write_string(row, 0, cells[0], f["number"])
    for col, text in enumerate(cells[1:], 1):
        ws.write_string(row, col, text, f["cell"])
    ws.write_string(row, 4, line.word, f[f"light {line.key}"])
    status_of = "\n".join(f"{p}{s.status}" for s, p in words) if several else ""
    progress = "\n".join(f"{p}{s.progress}" for s, p in words if s.progress)
    if status_of:  # several lead units: each one's own status before its words
        progress = f"{status_of}\n{progress}" if progress else status_of
    evidence = "\n".join(f"{p}{s.evidence}" for s, p in words if s.evidence)
    received = "、".join(sorted({cn_date(s.received) for s in line.reports}))
    ws.write_string(row, 5, progress, f["cell"])
    ws.write_string(row, 6, evidence, f["cell"])
    ws.write_string(row, 7, received, f["cell"])
    fit_height(ws, row, (*cells, line.word, progress, evidence, received))


def _contribution_row(ws: Worksheet, f, row: int, said: Said) -> None:
    style = f["contribution"]
    ws.write_string(row, 0, "", style)
    ws.write_string(row, 1, CONTRIBUTION, style)
    ws.write_string(row, 2, "", style)
    ws.write_string(row, 3, said.unit.name, style)
    ws.write_string(row, 4, f"自评：{said.status}" if said.status else "", style)
    ws.write_string(row, 5, said.progress, style)
    ws.write_string(row, 6, said.evidence, style)
    ws.write_string(row, 7, cn_date(said.received), style)
    fit_height(
        ws,
        row,
        (
            "",
            CONTRIBUTION,
            "",
            said.unit.name,
            "自评：" + said.status,
            said.progress,
            said.evidence,
            cn_date(said.received),
        ),
    )


def _print(ws: Worksheet, header_row: int | None = None) -> None:
    if header_row is not None:
        xlsx.print_setup(ws, header_row)
        return
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.4, right=0.4)
    ws.set_footer("&C第 &P 页，共 &N 页")


def _percent(n: int, total: int) -> str:
    return f"{n * 100 / total:.1f}%" if total else "—"


def _cn(n: int) -> str:
    return "一二三四五六七八九十"[n - 1]
