"""The unit's workbench, drawn at build time: tasks per unit, the unit × part matrix, the
timeline of dated items (inline SVG), the targets panel's figures, and the print sheets'
task tables with a QR code of each task's address (fengong.qr makes them).

Python lays out (every coordinate, label and link is decided here); the templates in
templates/charts/ only draw, in a Jinja environment of their own that escapes every
string. Generated pages bypass Markdown, so MkDocs neither rewrites nor validates their
links: they are computed with paths.href() as the browser resolves them.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

import jinja2
from markupsafe import Markup

from . import paths, qr
from .labels import BOUND_WORDS, KIND_LABELS, cn_date, cn_number, figure_text, span_text
from .mentions import PERIOD_DAYS, PERIOD_LABELS, mention_span, notice_year
from .model import Part, Site, Tag, Target, Task, Unit

TEMPLATES = Path(__file__).parent / "templates" / "charts"

FONT = 13  # px in SVG user units; the SVG's width is its natural size, scaled down on phones
SMALL = 11

# Count → shade of the matrix cells: 1, 2, 3–4, 5–7, 8 and more.
LEVELS = (1, 2, 3, 5, 8)


CHART_UNITS = 50  # units drawn in the /units/ charts, most tasks first


def text_width(text: str, size: float = FONT) -> float:
    """An estimate of the rendered width: Han characters and full-width punctuation take
    one em, everything else about 0.6 em. Used to size label columns, never to clip."""
    return sum(size if ord(c) >= 0x2E80 else size * 0.6 for c in text)


def _svg_env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        autoescape=True,  # every string from the data is escaped
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _px(value: float) -> str:
    """A coordinate as short, stable text: 12.0 → 12, 12.3456 → 12.35."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


# -- tasks per unit ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Bar:
    unit: Unit
    led: int  # tasks the unit leads (牵头)
    shared: int  # tasks it shares as a partner (参与)
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
    rows: Sequence[tuple[Unit, int, int]], href_of: Callable[[Unit], str], *, max_bar=240.0
) -> BarChart:
    """One row per (unit, led, shared), in the order given, bars to a common scale."""
    most = max((led + shared for _, led, shared in rows), default=0) or 1
    scale = max_bar / most
    names = max((text_width(u.name) for u, _, _ in rows), default=0)
    bars_x = round(names + 16)
    row, bar, top = 22.0, 14.0, 26.0
    bars = []
    label_end = 0.0
    for i, (unit, led, shared) in enumerate(rows):
        label = f"共{led + shared}项（牵头{led}，参与{shared}）"
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


# -- unit × part matrix ------------------------------------------------------------------


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


# -- dated items and the timeline --------------------------------------------------------

DatedKind = Literal["issued", "deadline", "date", "period", "reporting"]


@dataclass(frozen=True, slots=True)
class Dated:
    """One dated item: a task's deadline, date or period; a reporting window (本年度7月上旬,
    resolved against the notice's year); or the day the notice was issued."""

    kind: DatedKind
    first: date
    last: date
    name: str  # 任务32 · 实施期 / 报送上半年工作情况 / 通知印发
    when: str  # 2020年1月1日至12月31日 / 2020年7月上旬（1日至10日）
    quote: str  # the notice's words
    task: Task | None
    page: str  # src_uri of the page it links to
    anchor: str = ""


def reporting_items(site: Site) -> list[Dated]:
    """The reporting deadlines as windows of days: 本年度7月上旬 → the notice's year, 1–10 July."""
    duty, year = site.reporting, notice_year(site)
    if duty is None or year is None:
        return []
    block = next((b for b in site.blocks if duty.text and duty.text in b.text), None)
    items = []
    for d in duty.deadlines:
        y = year + d.year_offset
        first_day, last_day = PERIOD_DAYS[d.period]
        last_day = min(last_day, calendar.monthrange(y, d.month)[1])
        first, last = date(y, d.month, first_day), date(y, d.month, last_day)
        items.append(
            Dated(
                kind="reporting",
                first=first,
                last=last,
                name=f"报送{d.covers}工作情况",
                when=f"{y}年{d.month}月{PERIOD_LABELS[d.period]}（{first_day}日至{last_day}日）",
                quote=d.when,
                task=None,
                page=paths.NOTICE,
                anchor=block.anchor if block else "",
            )
        )
    return items


def dated_items(site: Site) -> list[Dated]:
    """Every dated item of the notice, in date order."""
    items = []
    if site.notice.date:
        issued = date.fromisoformat(site.notice.date)
        items.append(
            Dated(
                kind="issued",
                first=issued,
                last=issued,
                name="通知印发",
                when=cn_date(site.notice.date),
                quote=site.notice.doc_number,
                task=None,
                page=paths.NOTICE,
            )
        )
    for task in site.tasks:
        for mention in task.dates:
            first, last = mention_span(mention)
            if first is None or last is None:
                continue
            items.append(
                Dated(
                    kind=mention.kind,
                    first=first,
                    last=last,
                    name=f"任务{task.number} · {KIND_LABELS[mention.kind]}",
                    when=span_text(first, last),
                    quote=mention.quote,
                    task=task,
                    page=paths.page_of(task),
                )
            )
    items += reporting_items(site)
    order = {"issued": 0, "period": 1, "date": 2, "deadline": 3, "reporting": 4}
    return sorted(
        items,
        key=lambda i: (i.first, i.last, order[i.kind], i.task.number if i.task else 0),
    )


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
    )


# -- the year's targets ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TargetFigure:
    target: Target
    figure: str  # 1.4万
    unit: str  # 人
    bound: str  # 以上 / 以下 / ""
    task: Task | None
    tags: tuple[Tag, ...]  # target groups the target names: their tasks work towards it


def target_figures(site: Site) -> list[TargetFigure]:
    return [
        TargetFigure(
            target=t,
            figure=figure_text(t.value),
            unit=t.unit,
            bound=BOUND_WORDS[t.bound],
            task=site.task(t.task) if t.task else None,
            tags=tuple(tag for tag in site.tags if tag.name in t.label or tag.name in t.quote),
        )
        for t in site.targets
    ]


# -- print sheets ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class UnitLink:
    unit: Unit
    href: str


@dataclass(frozen=True, slots=True)
class SheetRow:
    task: Task
    href: str
    lead: tuple[UnitLink, ...]  # the lead unit, unless it is the sheet's unit
    others: tuple[UnitLink, ...]  # the other partners, without the sheet's unit
    dates: tuple[str, ...]  # 截止：2021年4月30日
    url: str  # the task's full address ("" without a site_url)
    qr: Markup  # the address as a QR code (inline SVG)


# -- what the templates call -------------------------------------------------------------


class Charts:
    """The workbench's pieces for one site, as the page templates call them."""

    def __init__(self, site: Site, *, site_url: str = "", qr_later: bool = False):
        self.site = site
        self.site_url = site_url
        # With qr_later, QR codes are left as slots for qr.fill_slots.
        self.codes = qr.Codes.of(site, site_url, later=qr_later)
        self.env = _svg_env()
        self.env.filters["px"] = _px

    def _render(self, template: str, **context) -> Markup:
        # No blank line may end the raw HTML block early inside Markdown.
        svg = self.env.get_template(template).render(**context)
        return Markup("\n".join(line for line in svg.splitlines() if line.strip()))

    def address(self, page: str) -> str:
        return self.codes.address(page)

    def unit_rows(self) -> list[tuple[Unit, int, int]]:
        """(unit, tasks led, tasks shared) for every unit, most tasks first."""
        return self.site.involvement(self.site.tasks)

    def charted_rows(self) -> list[tuple[Unit, int, int]]:
        """The units the charts draw: the CHART_UNITS with most tasks. A chart of hundreds
        of units reads as noise, and would make /units/ grow with the square of the notice;
        the table below the charts lists every unit."""
        return self.unit_rows()[:CHART_UNITS]

    def unit_bars(self, page: str) -> Markup:
        chart = bar_chart(self.charted_rows(), lambda u: paths.href(page, paths.page_of(u)))
        return self._render("bars.svg.j2", chart=chart, total=len(self.site.tasks))

    def unit_part_matrix(self, page: str) -> Markup:
        site = self.site
        units = [u for u, _, _ in self.charted_rows()]

        def count(unit: Unit, part: Part) -> int:
            return sum(1 for t in site.tasks_of(unit) if t.part == part.number)

        chart = matrix(
            units,
            site.parts,
            count,
            href_of_unit=lambda u: paths.href(page, paths.page_of(u)),
            href_of_part=lambda p: paths.href(page, paths.page_of(p)),
            href_of_cell=lambda u, p: paths.href(
                page, paths.TASKS_INDEX, query=f"unit={u.id}&part={p.number}"
            ),
        )
        return self._render("matrix.svg.j2", chart=chart, legend=level_legend())

    def dated(self) -> list[Dated]:
        return dated_items(self.site)

    def timeline(self, page: str) -> Markup:
        items = self.dated()

        def href_of(item: Dated) -> str:
            return paths.href(page, item.page, anchor=item.anchor)

        return self._render("timeline.svg.j2", chart=timeline(items, href_of))

    def reporting(self) -> list[Dated]:
        return reporting_items(self.site)

    def targets(self) -> list[TargetFigure]:
        return target_figures(self.site)

    def sheet_tasks(self, tasks: Sequence[Task], unit: Unit, page: str) -> Markup:
        """A print sheet's table of tasks: text, dates, partners, address and QR code."""
        rows = []
        for task in tasks:
            url = self.address(paths.page_of(task))

            def links(units: Sequence[Unit]) -> tuple[UnitLink, ...]:
                return tuple(UnitLink(u, paths.href(page, paths.page_of(u))) for u in units)

            lead = [a.unit for a in task.lead if a.unit.id != unit.id]
            others = [a.unit for a in task.partners if a.unit.id != unit.id]
            rows.append(
                SheetRow(
                    task=task,
                    href=paths.href(page, paths.page_of(task)),
                    lead=links(list(dict.fromkeys(lead))),
                    others=links(list(dict.fromkeys(others))),
                    dates=tuple(
                        f"{KIND_LABELS[d.kind]}：{span_text(*mention_span(d))}"
                        for d in task.dates
                        if mention_span(d)[0] is not None
                    ),
                    url=url,
                    qr=self.qr(url),
                )
            )
        return self._render("sheet_tasks.html.j2", rows=rows, with_qr=bool(self.site_url))

    def qr(self, url: str) -> Markup:
        return self.codes.code(url)
