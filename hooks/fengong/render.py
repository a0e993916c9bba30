"""The Jinja environment and filters, and render_pages(site) → {src_uri: page source}.

A page source is YAML front matter (title, hide) followed by the page's HTML. The templates
write HTML, not Markdown: Python-Markdown was nearly half of a build's time, and HTML with
Jinja's autoescape needs no Markdown escaping of the notice's text. hooks/site.py passes
the HTML through to the theme unchanged."""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from . import paths
from .labels import CHANGE_LABELS, ROLE_LABELS, cn_date, cn_number
from .model import Block, Clause, Part, Site, Task, Unit
from .workbench import Charts

TEMPLATES = Path(__file__).parent / "templates"


def front_matter_title(text: str) -> Markup:
    """A page title for YAML front matter. MkDocs and the theme insert titles into HTML
    unescaped (they may come from Markdown headings), so the text is HTML-escaped here."""
    return Markup(json.dumps(html.escape(str(text), quote=False), ensure_ascii=False))


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text, marked or linked: templates turn a list of these into HTML."""

    text: str
    href: str = ""
    mark: bool = False


def marked_segments(text: str, quotes: list[str]) -> list[Segment]:
    """The text with each quoted mention (dates, quantities) marked."""
    spans: list[tuple[int, int]] = []
    for quote in quotes:
        start = text.find(quote)
        if start >= 0 and all(start >= e or start + len(quote) <= s for s, e in spans):
            spans.append((start, start + len(quote)))
    segments, pos = [], 0
    for start, end in sorted(spans):
        if start > pos:
            segments.append(Segment(text[pos:start]))
        segments.append(Segment(text[start:end], mark=True))
        pos = end
    if pos < len(text):
        segments.append(Segment(text[pos:]))
    return segments


@dataclass(frozen=True, slots=True)
class TaskGroup:
    """A run of tasks of the same part and clause, in notice order (the /tasks/ list)."""

    part: Part | None
    clause: Clause | None
    tasks: tuple[Task, ...]
    starts_part: bool  # the first run of its part: the part's heading goes before it


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


class Renderer:
    def __init__(self, site: Site, *, site_url: str = "", qr_later: bool = False):
        self.site = site
        self.site_url = site_url
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES),
            undefined=jinja2.StrictUndefined,
            autoescape=True,  # every string from the data is text, never markup
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters.update(
            page_title=front_matter_title,
            cn=cn_number,
            cn_date=cn_date,
            role=lambda role: ROLE_LABELS[role],
        )
        self.env.globals.update(
            site=site,
            notice=site.notice,
            paths=paths,
            page_of=paths.page_of,
            kind_labels=CHANGE_LABELS,
            kind_order=tuple(CHANGE_LABELS),
        )
        # The unit's workbench (charts, timeline, print sheets).
        self.env.globals.update(charts=Charts(site, site_url=site_url, qr_later=qr_later))

    # -- helpers the templates call -----------------------------------------------------
    def link(self, from_page: str):
        def to(item: Task | Unit | Clause | Part | str, anchor: str = "") -> str:
            target = item if isinstance(item, str) else paths.page_of(item)
            return paths.href(from_page, target, anchor=anchor)

        return to

    def task_segments(self, task: Task) -> list[Segment]:
        quotes = [d.quote for d in task.dates] + [q.quote for q in task.quantities]
        return marked_segments(task.text, quotes)

    def notice_segments(self, block: Block, from_page: str) -> list[Segment]:
        """A task's entry in the full notice, with its number and unit names linked."""
        if block.kind != "task":
            return [Segment(block.text)]
        task = self.site.task(block.number)
        raw = block.text
        start = raw.find(task.text) if task.text else -1
        head_end = start if start > 0 else 0
        segments = []
        if head_end:
            segments.append(
                Segment(raw[:head_end], href=paths.href(from_page, paths.page_of(task)))
            )
        pos = head_end + (len(task.text) if start >= 0 else 0)
        segments.append(Segment(raw[head_end:pos]))
        for assignment in task.assignments:
            found = raw.find(assignment.written, pos)
            if found < 0:
                continue
            if found > pos:
                segments.append(Segment(raw[pos:found]))
            href = paths.href(from_page, paths.page_of(assignment.unit))
            segments.append(Segment(assignment.written, href=href))
            pos = found + len(assignment.written)
        if pos < len(raw):
            segments.append(Segment(raw[pos:]))
        return segments

    def task_groups(self) -> list[TaskGroup]:
        runs: list[list[Task]] = []
        for task in self.site.tasks:
            if runs and (runs[-1][0].part, runs[-1][0].clause) == (task.part, task.clause):
                runs[-1].append(task)
            else:
                runs.append([task])
        groups, previous = [], None
        for run in runs:
            part = self.site.part(run[0].part)
            groups.append(
                TaskGroup(
                    part=part,
                    clause=self.site.clause_of(run[0]),
                    tasks=tuple(run),
                    starts_part=part is not None and part != previous,
                )
            )
            previous = part
        return groups

    def has_calendar(self, unit: Unit) -> bool:
        """Whether the unit's calendar has any event: a dated task, or a report to make."""
        tasks = self.site.tasks_of(unit)
        return any(t.dates for t in tasks) or bool(
            self.site.reporting and self.site.tasks_led(unit)
        )

    def dated_items(self, tasks: tuple[Task, ...]):
        """(date, task, mention) in date order."""
        items = [(d.end or d.start or "", t, d) for t in tasks for d in t.dates]
        return sorted(items, key=lambda item: (item[0], item[1].number))

    # -- pages --------------------------------------------------------------------------
    def render(self, template: str, page: str, **context) -> str:
        return self.env.get_template(template).render(
            page=page,
            link=self.link(page),
            r=self,
            **context,
        )

    def pages(self) -> dict[str, str]:
        site = self.site
        pages = {
            paths.HOME: self.render("home.html.j2", paths.HOME),
            paths.NOTICE: self.render("notice.html.j2", paths.NOTICE),
            paths.ABOUT: self.render("about.html.j2", paths.ABOUT),
            paths.TASKS_INDEX: self.render("tasks_index.html.j2", paths.TASKS_INDEX),
            paths.UNITS_INDEX: self.render("units_index.html.j2", paths.UNITS_INDEX),
            paths.PARTS_INDEX: self.render("parts_index.html.j2", paths.PARTS_INDEX),
            paths.CHANGES: self.render("changes.html.j2", paths.CHANGES),
            paths.TIMELINE: self.render("timeline.html.j2", paths.TIMELINE),  # workbench
        }
        for i, task in enumerate(site.tasks):
            page = paths.page_of(task)
            pages[page] = self.render(
                "task.html.j2",
                page,
                task=task,
                prev=site.tasks[i - 1] if i > 0 else None,
                next=site.tasks[i + 1] if i + 1 < len(site.tasks) else None,
                block=site.block_of(task),
            )
        for removed in site.removed_tasks:
            page = paths.page_of(removed)
            pages[page] = self.render("removed_task.html.j2", page, task=removed)
        for unit in site.units:
            page = paths.page_of(unit)
            pages[page] = self.render("unit.html.j2", page, unit=unit)
            # The unit's printable assignment sheet (workbench).
            sheet = paths.unit_print_page(unit)
            pages[sheet] = self.render("unit_print.html.j2", sheet, unit=unit)
        for clause in site.clauses:
            page = paths.page_of(clause)
            pages[page] = self.render("clause.html.j2", page, clause=clause)
        for part in site.parts:
            page = paths.page_of(part)
            pages[page] = self.render("part.html.j2", page, part=part)
        return pages


def render_pages(site: Site, site_url: str = "", qr_later: bool = False) -> dict[str, str]:
    """Every generated page: src_uri → its front matter and HTML. With qr_later, the print
    sheets carry slots for their QR codes (qr.fill_slots), not the codes."""
    return Renderer(site, site_url=site_url, qr_later=qr_later).pages()
