"""The one place that maps an item of the notice to its page (src_uri) and URL."""

from __future__ import annotations

import posixpath

from .model import Block, Clause, Part, RemovedTask, Task, Unit

HOME = "index.md"
NOTICE = "notice.md"
ABOUT = "about.md"
TASKS_INDEX = "tasks/index.md"
UNITS_INDEX = "units/index.md"
PARTS_INDEX = "parts/index.md"
DOWNLOADS = "downloads"  # folder of the site's data downloads


CHANGES = "changes.md"


def page_of(item: Task | RemovedTask | Unit | Clause | Part) -> str:
    """The src_uri of an item's own page. A task's page is named by its stable id, so it
    keeps its address when a revision renumbers it (tasks/<id>/, shown as 任务<number>)."""
    if isinstance(item, Task | RemovedTask):
        return f"tasks/{item.id}.md"
    if isinstance(item, Unit):
        return f"units/{item.id}.md"
    if isinstance(item, Clause):
        return f"clauses/{item.slug}.md"
    if isinstance(item, Part):
        return f"parts/{item.number}.md"
    raise TypeError(f"no page for {type(item).__name__}")


def url_of(src_uri: str) -> str:
    """The site-relative URL MkDocs gives a page (use_directory_urls)."""
    if src_uri == HOME:
        return ""
    stem = src_uri.removesuffix(".md")
    stem = stem.removesuffix("/index") if stem.endswith("/index") else stem
    return stem + "/"


def item_url(item: Task | Unit | Clause | Part) -> str:
    return url_of(page_of(item))


def notice_anchor(block: Block) -> str:
    return block.anchor


def link(from_page: str, to_page: str, anchor: str = "") -> str:
    """A relative .md link between two pages; MkDocs rewrites and validates it."""
    target = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    return target + (f"#{anchor}" if anchor else "")


def download(filename: str) -> str:
    """The src_uri of a generated download; link() to it like to a page."""
    return f"{DOWNLOADS}/{filename}"


# The site's downloads (src_uris under downloads/).
ALL_JSON = download("tasks.json")
ALL_CSV = download("tasks.csv")
ALL_XLSX = download("tasks.xlsx")
ALL_ICS = download("notice.ics")


def unit_download(unit: Unit, ext: str) -> str:
    """A unit's own ledger or calendar: downloads/units/<id>.xlsx | .csv | .ics"""
    return download(f"units/{unit.id}.{ext}")


# -- The unit's workbench (charts, timeline, print sheets) ------------------------------
TIMELINE = "timeline.md"


def unit_print_page(unit: Unit) -> str:
    """A unit's printable assignment sheet (任务单): units/<id>/print.md → /units/<id>/print/,
    beside (not clashing with) units/<id>.md → /units/<id>/."""
    return f"units/{unit.id}/print.md"


def href(from_page: str, to_page: str, query: str = "", anchor: str = "") -> str:
    """A link for raw HTML (inline SVG), which MkDocs neither rewrites nor validates: from
    the URL of one page to the URL of another, as the browser resolves it."""
    rel = posixpath.relpath("/" + url_of(to_page), "/" + url_of(from_page))
    return (
        (rel + "/" if rel != "." else "./")
        + (f"?{query}" if query else "")
        + (f"#{anchor}" if anchor else "")
    )
