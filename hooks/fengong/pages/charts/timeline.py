"""The dated items on a common month axis: periods as bars, single days as diamonds."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from ..dated import Dated
from .measure import SMALL, text_width


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    label: str  # 7月
    year: str  # 2021年, on each January and on the first tick


@dataclass(frozen=True, slots=True)
class TimelineRow:
    item: Dated
    y: float  # centre line of the row
    x1: float
    x2: float  # x1 == x2 for a single day
    href: str
    text_x: float
    text_anchor: Literal["start", "middle", "end"]
    aria_label: str
    first: str  # the item's first and last day, ISO (data attributes for scripts and tests)
    last: str


@dataclass(frozen=True, slots=True)
class Timeline:
    width: float
    height: float
    axis_x: float
    axis_width: float
    top: float
    row: float
    ticks: tuple[Tick, ...]
    rows: tuple[TimelineRow, ...]
    issued_x: float | None  # a rule down the chart on the day the notice was issued
    # The axis as days (ISO; "" without items), so a script can draw today on it (today.js).
    start: str = ""
    end: str = ""


def timeline(items: Sequence[Dated], href_of: Callable[[Dated], str], *, width=680.0) -> Timeline:
    """Rows in the given order on a common month axis from the first item's month to the
    month after the last item."""
    if not items:
        return Timeline(
            width=width, height=0, axis_x=0, axis_width=0, top=0, row=0, ticks=(), rows=(),
            issued_x=None,
        )  # fmt: skip
    start = min(i.first for i in items).replace(day=1)
    last = max(i.last for i in items)
    end = date(last.year + (last.month == 12), last.month % 12 + 1, 1)
    axis_x = round(max(text_width(i.name) for i in items) + 16)
    axis_width = width - axis_x - 12
    days = (end - start).days

    def x_of(day: date, end_of_day: bool = False) -> float:
        return axis_x + axis_width * ((day - start).days + end_of_day) / days

    ticks = []
    month = start
    while month <= end:
        year = f"{month.year}年" if month.month == 1 or month == start else ""
        ticks.append(Tick(x=x_of(month), label=f"{month.month}月", year=year))
        month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)

    top, row = 44.0, 28.0
    rows = []
    for i, item in enumerate(items):
        x1, x2 = x_of(item.first), x_of(item.last, end_of_day=item.first != item.last)
        # The date goes right of the mark, else inside a bar long enough, else left of it.
        needed = text_width(item.when, SMALL)
        if axis_x + axis_width - x2 - 10 >= needed:
            text_x, anchor = x2 + 10, "start"
        elif x2 - x1 >= needed + 12:
            text_x, anchor = (x1 + x2) / 2, "middle"
        elif x1 - axis_x - 10 >= needed:
            text_x, anchor = x1 - 10, "end"
        else:
            text_x, anchor = x2 + 10, "start"
        rows.append(
            TimelineRow(
                item=item,
                y=top + i * row + row / 2,
                x1=x1,
                x2=x2,
                href=href_of(item),
                text_x=text_x,
                text_anchor=anchor,
                aria_label=f"{item.name}：{item.when}（{item.quote}）",
                first=item.first.isoformat(),
                last=item.last.isoformat(),
            )
        )
    issued = next((i for i in items if i.kind == "issued"), None)
    return Timeline(
        width=width,
        height=top + len(items) * row + 6,
        axis_x=axis_x,
        axis_width=axis_width,
        top=top,
        row=row,
        ticks=tuple(ticks),
        rows=tuple(rows),
        issued_x=x_of(issued.first) if issued else None,
        start=start.isoformat(),
        end=end.isoformat(),
    )
