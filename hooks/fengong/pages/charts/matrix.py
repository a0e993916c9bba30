"""Units × parts as a matrix: the number of tasks in each cell, shaded by count."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ...model import Part, Unit
from ..labels import cn_number
from .measure import text_width

# Count → shade of the matrix cells: 1, 2, 3–4, 5–7, 8 and more.
LEVELS = (1, 2, 3, 5, 8)


@dataclass(frozen=True, slots=True)
class Column:
    part: Part
    x: float  # left edge
    label: str  # 一
    title: str  # 一、支持企业稳定岗位（9项任务）
    href: str


@dataclass(frozen=True, slots=True)
class Cell:
    part: Part
    count: int
    x: float
    level: int  # 0 (no task) … len(LEVELS)
    href: str  # the task index filtered by unit and part; "" when there is no task
    label: str  # what a screen reader says


@dataclass(frozen=True, slots=True)
class MatrixRow:
    unit: Unit
    y: float
    href: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True, slots=True)
class Matrix:
    width: float
    height: float
    cells_x: float
    top: float
    cell_width: float
    cell_height: float
    columns: tuple[Column, ...]
    rows: tuple[MatrixRow, ...]


def level_of(count: int) -> int:
    return sum(1 for threshold in LEVELS if count >= threshold)


def level_legend() -> list[tuple[int, str]]:
    """(level, the counts it stands for): (1, "1"), (3, "3–4") … (5, "8项及以上")."""
    legend = []
    for i, low in enumerate(LEVELS, 1):
        high = LEVELS[i] - 1 if i < len(LEVELS) else None
        label = f"{low}项及以上" if high is None else str(low) if high == low else f"{low}–{high}"
        legend.append((i, label))
    return legend


def matrix(
    units: Sequence[Unit],
    parts: Sequence[Part],
    count: Callable[[Unit, Part], int],
    href_of_unit: Callable[[Unit], str],
    href_of_part: Callable[[Part], str],
    href_of_cell: Callable[[Unit, Part], str],
) -> Matrix:
    names = max((text_width(u.name) for u in units), default=0)
    cells_x = round(names + 16)
    cell_width, cell_height, top = 40.0, 22.0, 28.0
    columns = tuple(
        Column(
            part=p,
            x=cells_x + i * cell_width,
            label=cn_number(p.number),
            title=f"{cn_number(p.number)}、{p.title}（{len(p.task_numbers)}项任务）",
            href=href_of_part(p),
        )
        for i, p in enumerate(parts)
    )
    rows = []
    for i, unit in enumerate(units):
        cells = []
        for column in columns:
            n = count(unit, column.part)
            cells.append(
                Cell(
                    part=column.part,
                    count=n,
                    x=column.x,
                    level=level_of(n),
                    href=href_of_cell(unit, column.part) if n else "",
                    label=f"{unit.name}，{column.label}、{column.part.title}：{n}项任务",
                )
            )
        rows.append(
            MatrixRow(
                unit=unit, y=top + i * cell_height, href=href_of_unit(unit), cells=tuple(cells)
            )
        )
    return Matrix(
        width=cells_x + len(columns) * cell_width + 4,
        height=top + len(units) * cell_height + 4,
        cells_x=cells_x,
        top=top,
        cell_width=cell_width,
        cell_height=cell_height,
        columns=columns,
        rows=tuple(rows),
    )
