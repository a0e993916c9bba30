"""The 亮灯 matrix of /progress/: rows (parts or units) × statuses, each cell the number of
tasks in that status, lit in the status's colour and headed by its word (never colour alone)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..standing import COUNT_KEYS, COUNT_LABELS
from .measure import text_width


@dataclass(frozen=True, slots=True)
class LightColumn:
    key: str  # done, on-track, behind, not-started, none
    word: str  # 已完成 …
    x: float


@dataclass(frozen=True, slots=True)
class LightCell:
    key: str
    count: int
    x: float
    href: str  # the task index filtered by this status and the row; "" for 0
    label: str  # what a screen reader says


@dataclass(frozen=True, slots=True)
class LightRow:
    id: str  # the part's number or the unit's id (data-row, for tests and styles)
    label: str
    href: str
    y: float
    total: int
    cells: tuple[LightCell, ...]


@dataclass(frozen=True, slots=True)
class LightsChart:
    id: str  # the figure's id: fg-lights-part, fg-lights-unit
    title: str
    row_noun: str  # what a row is: 部分, 牵头单位
    width: float
    height: float
    label_x: float
    cells_x: float
    top: float
    cell_width: float
    cell_height: float
    columns: tuple[LightColumn, ...]
    rows: tuple[LightRow, ...]


@dataclass(frozen=True, slots=True)
class RowSpec:
    """What the view gives for one row: its label, page, counts and how a cell links."""

    id: str
    label: str
    href: str
    counts: tuple[int, ...]  # in COUNT_KEYS order
    href_of: Callable[[str], str]  # status key → the filtered task index


def lights(chart_id: str, title: str, row_noun: str, rows: Sequence[RowSpec]) -> LightsChart:
    label_width = max((text_width(r.label) for r in rows), default=0)
    cells_x = round(label_width + 16)
    cell_width = max(text_width(w) for w in COUNT_LABELS.values()) + 12
    cell_height, top = 26.0, 30.0
    columns = tuple(
        LightColumn(key=key, word=COUNT_LABELS[key], x=cells_x + i * cell_width)
        for i, key in enumerate(COUNT_KEYS)
    )
    laid = []
    for i, row in enumerate(rows):
        cells = tuple(
            LightCell(
                key=column.key,
                count=n,
                x=column.x,
                href=row.href_of(column.key) if n else "",
                label=f"{row.label}：{column.word} {n}项",
            )
            for column, n in zip(columns, row.counts, strict=True)
        )
        laid.append(
            LightRow(
                id=row.id,
                label=row.label,
                href=row.href,
                y=top + i * cell_height,
                total=sum(row.counts),
                cells=cells,
            )
        )
    return LightsChart(
        id=chart_id,
        title=title,
        row_noun=row_noun,
        width=cells_x + len(columns) * cell_width + 4,
        height=top + len(rows) * cell_height + 4,
        label_x=cells_x - 8,
        cells_x=cells_x,
        top=top,
        cell_width=cell_width,
        cell_height=cell_height,
        columns=columns,
        rows=tuple(laid),
    )
