"""Tasks per unit as a bar chart: one row per unit, the led and shared bars end to end."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ...model import Unit
from ..labels import NO_LEAD
from .measure import text_width


@dataclass(frozen=True, slots=True)
class Bar:
    unit: Unit
    led: int  # tasks the unit leads (牵头)
    shared: int  # tasks it shares as a partner (参与), and tasks without a lead (drawn alike)
    href: str
    y: float  # top of the row
    led_width: float
    shared_x: float
    shared_width: float
    label: str  # the counts as text, after the bar

    @property
    def total(self) -> int:
        return self.led + self.shared


@dataclass(frozen=True, slots=True)
class BarChart:
    width: float
    height: float
    bars_x: float  # where the bars start; the unit names end left of it
    top: float  # where the first row starts, under the axis
    row: float
    bar: float
    ticks: tuple[tuple[float, int], ...]  # (x, number of tasks)
    bars: tuple[Bar, ...]


def bar_chart(
    rows: Sequence[tuple[Unit, int, int, int]], href_of: Callable[[Unit], str], *, max_bar=240.0
) -> BarChart:
    """One row per (unit, led, shared, without a lead), in the order given, bars to a common
    scale. Tasks without a lead extend the shared bar; the label counts them apart."""
    most = max((sum(row[1:]) for row in rows), default=0) or 1
    scale = max_bar / most
    names = max((text_width(row[0].name) for row in rows), default=0)
    bars_x = round(names + 16)
    row, bar, top = 22.0, 14.0, 26.0
    bars = []
    label_end = 0.0
    for i, (unit, led, shared_only, unled) in enumerate(rows):
        shared = shared_only + unled
        label = f"共{led + shared}项（牵头{led}，参与{shared_only}）"
        if unled:
            label = f"共{led + shared}项（牵头{led}，参与{shared_only}，{NO_LEAD}{unled}）"
        led_width, shared_width = led * scale, shared * scale
        bars.append(
            Bar(
                unit=unit,
                led=led,
                shared=shared,
                href=href_of(unit),
                y=top + i * row,
                led_width=led_width,
                shared_x=bars_x + led_width,
                shared_width=shared_width,
                label=label,
            )
        )
        label_end = max(label_end, bars_x + led_width + shared_width + 6 + text_width(label))
    step = next(s for s in (1, 2, 5, 10, 20, 50, 100, 10**9) if most / s <= 8)
    ticks = tuple((bars_x + n * scale, n) for n in range(0, most + 1, step))
    return BarChart(
        width=round(max(label_end, bars_x + max_bar) + 8),
        height=top + len(rows) * row + 4,
        bars_x=bars_x,
        top=top,
        row=row,
        bar=bar,
        ticks=ticks,
        bars=tuple(bars),
    )
