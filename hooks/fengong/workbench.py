"""The unit's workbench (charts, timeline, targets, print sheets) as the page templates call
it: a stop-gap while the pages' contexts move into views."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import jinja2
from markupsafe import Markup

from . import paths, qr
from .charts.bars import bar_chart
from .charts.matrix import level_legend, matrix
from .charts.measure import px
from .charts.timeline import timeline
from .dated import Dated, dated_items, reporting_items
from .model import Part, Site, Task, Unit
from .sheets import sheet_rows
from .targets import TargetFigure, target_figures

TEMPLATES = Path(__file__).parent / "templates" / "charts"
CHART_UNITS = 50  # units drawn in the /units/ charts, most tasks first


def _svg_env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        autoescape=True,  # every string from the data is escaped
        trim_blocks=True,
        lstrip_blocks=True,
    )


class Charts:
    """The workbench's pieces for one site, as the page templates call them."""

    def __init__(self, site: Site, *, site_url: str = "", qr_later: bool = False):
        self.site = site
        self.site_url = site_url
        # With qr_later, QR codes are left as slots for qr.fill_slots.
        self.codes = qr.Codes.of(site, site_url, later=qr_later)
        self.env = _svg_env()
        self.env.filters["px"] = px

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
        rows = sheet_rows(tasks, unit, page, self.codes)
        return self._render("sheet_tasks.html.j2", rows=rows, with_qr=bool(self.site_url))

    def qr(self, url: str) -> Markup:
        return self.codes.code(url)
