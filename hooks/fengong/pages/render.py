"""The Jinja environment and filters, and render_pages(site) → {src_uri: page source}.

A page source is YAML front matter (title, hide) followed by the page's HTML. The templates
write HTML, not Markdown: Python-Markdown was nearly half of a build's time, and HTML with
Jinja's autoescape needs no Markdown escaping of the notice's text. hooks/site.py passes
the HTML through to the theme unchanged."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from dataclasses import fields
from functools import partial
from pathlib import Path

import jinja2
from markupsafe import Markup

from ..model import Clause, Library, Part, Site, Task, Unit
from . import paths
from .charts.measure import px
from .labels import (
    NO_DATE,
    NO_LEAD,
    ROLE_LABELS,
    clause_label,
    cn_date,
    cn_number,
    part_label,
    role_label,
)
from .qr import Codes
from .views.common import lead_facts
from .views.library import (
    PLAIN_STATUSES,
    NoticeLinks,
    library_home,
    library_unit_page,
    library_unit_sheet,
    library_units_index,
    moved_unit_page,
    notice_links,
)
from .views.library_tasks import library_tasks_index
from .views.notice import about, changes, full_notice, home
from .views.progress import progress_page
from .views.structure import clause_page, part_page, parts_index
from .views.tasks import removed_task_page, task_page, tasks_index
from .views.timeline import timeline_page
from .views.units import unit_page, unit_sheet, units_index

TEMPLATES = Path(__file__).parent / "templates"


def front_matter_title(text: str) -> Markup:
    """A page title for YAML front matter. MkDocs and the theme insert titles into HTML
    unescaped (they may come from Markdown headings), so the text is HTML-escaped here."""
    return Markup(json.dumps(html.escape(str(text), quote=False), ensure_ascii=False))


def drop_blank_lines(markup: Markup) -> Markup:
    """Markup without its blank lines (the line break ending a macro's body among them), as
    the charts of templates/charts/ have always been drawn: a blank line once ended
    Markdown's raw HTML block early. Pages now bypass Markdown; the bytes stay the same."""
    # Split as plain text: Markup's own splitlines and strip wrap every line in Markup.
    lines = str(markup).splitlines()
    return Markup("\n".join(line for line in lines if line.strip()))


# Templates write every heading on one line as <hN id="…">…</hN>.
_HEADING = re.compile(r'<h([1-6]) id="([^"]+)">(.*?)</h\1>')
_ID = re.compile(r' id="([^"]+)"')
_TAG = re.compile(r"<[^>]+>")


def headings(page_html: str) -> list[dict]:
    """The page's headings, flat, as Python-Markdown's toc extension lists them: level, id,
    and name (the heading's text, still HTML-escaped)."""
    return [
        {"level": int(level), "id": anchor, "name": _TAG.sub("", inner)}
        for level, anchor, inner in _HEADING.findall(page_html)
    ]


def anchor_ids(page_html: str) -> set[str]:
    return set(_ID.findall(page_html))


def bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept between builds (Jinja's per-user folder in the temp dir, made
    private to the user): compiling ours and the theme's took a third of the real notice's
    build. Keyed by each template's source, so an edited template compiles again; the pages
    are the same bytes either way. None where that folder cannot be made."""
    try:
        return jinja2.FileSystemBytecodeCache()
    except OSError:
        return None


def environment() -> jinja2.Environment:
    """The one Jinja environment, for the pages and the charts they draw."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        autoescape=True,  # every string from the data is text, never markup
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=bytecode_cache(),
    )
    env.filters.update(
        page_title=front_matter_title,
        cn=cn_number,
        cn_date=cn_date,
        role=lambda role: ROLE_LABELS[role],
        role_label=role_label,
        part_label=part_label,  # 二、稳定就业
        clause_label=clause_label,  # （一）支持企业稳定岗位
        px=px,
        drop_blank_lines=drop_blank_lines,
    )
    env.globals["NO_LEAD"] = NO_LEAD  # where a task's lead would be, when it has none
    env.globals["PLAIN_STATUSES"] = PLAIN_STATUSES  # a notice's 效力 shown without emphasis
    env.globals["NO_DATE"] = NO_DATE  # said once under a print sheet's table of tasks
    return env


def link_from(page: str) -> Callable[[Task | Unit | Clause | Part], str]:
    """The templates' link(item): the href from the page to an item's own page."""

    def link(item: Task | Unit | Clause | Part) -> str:
        return paths.href(page, paths.page_of(item))

    return link


def render_pages(
    site: Site,
    site_url: str = "",
    qr_later: bool = False,
    with_units: bool = True,
    links: NoticeLinks | None = None,
    env: jinja2.Environment | None = None,
) -> dict[str, str]:
    """Every generated page: src_uri → its front matter and HTML. With qr_later, the print
    sheets carry slots for their QR codes (qr.fill_slots), not the codes. A notice of a
    library is placed under notices/<slug>/ (paths.in_notice), without the unit pages and
    print sheets (with_units=False): the library renders one per unit, across notices;
    links: what its home says of the library's other notices (None: a notice alone); env:
    the environment to render with (a library's notices share one: templates compile once)."""
    env = env or environment()
    at = partial(paths.in_notice, site.notice.slug)
    codes = Codes.of(site, site_url, later=qr_later)
    leads = lead_facts(site)  # the explanation of who leads, on several pages

    def render(template: str, page: str, view) -> str:
        context = {f.name: getattr(view, f.name) for f in fields(view)}
        return env.get_template(template).render(
            link=link_from(page), leads=leads, links=links, **context
        )

    pages = {}
    for page, template, view in (
        (paths.HOME, "home.html.j2", home),
        (paths.NOTICE, "notice.html.j2", full_notice),
        (paths.ABOUT, "about.html.j2", about),
        (paths.TASKS_INDEX, "tasks_index.html.j2", tasks_index),
        (paths.UNITS_INDEX, "units_index.html.j2", units_index),
        (paths.PARTS_INDEX, "parts_index.html.j2", parts_index),
        (paths.CHANGES, "changes.html.j2", changes),
        (paths.TIMELINE, "timeline.html.j2", timeline_page),  # workbench
        (paths.PROGRESS, "progress.html.j2", progress_page),  # 落实情况
    ):
        page = at(page)
        pages[page] = render(template, page, view(site, page))
    for i, task in enumerate(site.tasks):
        page = at(paths.page_of(task))
        pages[page] = render("task.html.j2", page, task_page(site, page, i))
    for removed in site.removed_tasks:
        page = at(paths.page_of(removed))
        pages[page] = render("removed_task.html.j2", page, removed_task_page(site, page, removed))
    for unit in site.units if with_units else ():
        page = paths.page_of(unit)
        pages[page] = render("unit.html.j2", page, unit_page(site, page, unit))
        # The unit's printable assignment sheet (workbench).
        sheet = paths.unit_print_page(unit)
        pages[sheet] = render("unit_print.html.j2", sheet, unit_sheet(site, sheet, unit, codes))
    for clause in site.clauses:
        page = at(paths.page_of(clause))
        pages[page] = render("clause.html.j2", page, clause_page(site, page, clause))
    for part in site.parts:
        page = at(paths.page_of(part))
        pages[page] = render("part.html.j2", page, part_page(site, page, part))
    return pages


def render_library(
    library: Library, site_url: str = "", qr_later: bool = False, share: tuple[int, int] = (0, 1)
) -> dict[str, str]:
    """Every page of a library: each notice's pages under notices/<slug>/, and the shared
    ones: the home page listing the notices, the task index of every notice, the units,
    one page and sheet per unit. site_url and qr_later: the sheets' QR codes, as for
    render_pages. share (k, n): only the k-th of n shares (every n-th notice and unit from
    the k-th; the home and the indexes in share 0), so that n processes render a library
    together."""
    k, n = share
    env = environment()
    codes = Codes.of_library(library, site_url, later=qr_later)
    pages: dict[str, str] = {}
    for site in library.sites[k::n]:
        links = notice_links(library, site, paths.notice_home(site.notice.slug))
        pages |= render_pages(site, with_units=False, links=links, env=env)

    def render(template: str, page: str, view) -> str:
        context = {f.name: getattr(view, f.name) for f in fields(view)}
        return env.get_template(template).render(link=link_from(page), **context)

    if k == 0:
        home, units, tasks = paths.HOME, paths.LIBRARY_UNITS, paths.LIBRARY_TASKS
        pages[home] = render("library_home.html.j2", home, library_home(library, home))
        pages[units] = render("library_units.html.j2", units, library_units_index(library, units))
        pages[tasks] = render("library_tasks.html.j2", tasks, library_tasks_index(library, tasks))
    for unit in paths.library_units(library)[k::n]:
        page, sheet = paths.page_of(unit), paths.unit_print_page(unit)
        pages[page] = render("library_unit.html.j2", page, library_unit_page(library, page, unit))
        view = library_unit_sheet(library, sheet, unit, codes)
        pages[sheet] = render("library_unit_print.html.j2", sheet, view)
    for unit in paths.moved_units(library)[k::n]:
        page = paths.page_of(unit)
        pages[page] = render("moved_unit.html.j2", page, moved_unit_page(library, page, unit))
    return pages
