"""The one place that maps an item of the notice to its page (src_uri) and URL."""

from __future__ import annotations

from functools import lru_cache

from ..model import Block, Clause, Library, Part, RemovedTask, Site, Task, Unit

HOME = "index.md"
NOTICE = "notice.md"
ABOUT = "about.md"
TASKS_INDEX = "tasks/index.md"
UNITS_INDEX = "units/index.md"
PARTS_INDEX = "parts/index.md"
DOWNLOADS = "downloads"  # folder of the site's data downloads


CHANGES = "changes.md"
PROGRESS = "progress.md"  # how the tasks stand (落实情况)


def task_page(task_id: int) -> str:
    """A task's page by its stable id, so it keeps its address when a revision renumbers it
    (tasks/<id>/, shown as 任务<number>); a removed task's page keeps it too."""
    return f"tasks/{task_id}.md"


def page_of(item: Task | RemovedTask | Unit | Clause | Part) -> str:
    """The src_uri of an item's own page."""
    if isinstance(item, Task | RemovedTask):
        return task_page(item.id)
    if isinstance(item, Unit):
        return f"units/{item.id}.md"
    if isinstance(item, Clause):
        return f"clauses/{item.slug}.md"
    if isinstance(item, Part):
        return f"parts/{item.number}.md"
    raise TypeError(f"no page for {type(item).__name__}")


# -- Many notices: each notice's pages under notices/<slug>/, the units' pages shared -------
# One mechanism for every page, chart, download and search entry: a notice's items keep
# the src_uris above, and in_notice() places them under their notice's folder. href()
# places a link's target in the notice of the page it is written on, so a view renders
# the same for one notice alone (slug "": nothing moves) and for a notice of a library.
NOTICES = "notices"
LIBRARY_UNITS = "units/index.md"  # a library's list of every unit, across notices
LIBRARY_TASKS = "tasks/index.md"  # a library's index of every notice's tasks (?notice=<slug>)
LIBRARY_HOME = "/" + HOME  # the library's home from a notice's page: "/" keeps it at the top


def notice_root(slug: str) -> str:
    """The folder of a notice's pages: notices/<slug>/; "" for the single layout."""
    return f"{NOTICES}/{slug}/" if slug else ""


def notice_home(slug: str) -> str:
    return notice_root(slug) + HOME


def is_shared(src_uri: str) -> bool:
    """Pages one per unit across notices (units/<id>/, its print sheet) and the library's
    own pages (anything under notices/ already placed): never moved into a notice."""
    if src_uri.startswith(NOTICES + "/"):
        return True
    return src_uri.startswith("units/") and src_uri != UNITS_INDEX


def in_notice(slug: str, src_uri: str) -> str:
    """src_uri of a notice's page or download, placed in that notice's folder."""
    if src_uri.startswith("/"):
        return src_uri[1:]
    if not slug or is_shared(src_uri):
        return src_uri
    return notice_root(slug) + src_uri


def notice_of(src_uri: str) -> str:
    """The slug of the notice a page belongs to; "" for a shared or single-layout page."""
    if not src_uri.startswith(NOTICES + "/"):
        return ""
    return src_uri.split("/", 2)[1]


def url_of(src_uri: str) -> str:
    """The site-relative URL MkDocs gives a page (use_directory_urls) or another file."""
    if not src_uri.endswith(".md"):
        return src_uri  # a download: served as it is
    if src_uri == HOME:
        return ""
    stem = src_uri.removesuffix(".md")
    stem = stem.removesuffix("/index") if stem.endswith("/index") else stem
    return stem + "/"


def item_url(item: Task | Unit | Clause | Part, slug: str = "") -> str:
    """An item's site-relative URL; slug: the notice it belongs to, in a library."""
    return url_of(in_notice(slug, page_of(item)))


# -- Anchors: the ids pages give their sections, written and linked to from here only ------


def block_anchor(line: int) -> str:
    """The anchor of the notice's paragraph starting at a source line: notice/#L32."""
    return f"L{line}"


def notice_anchor(block: Block) -> str:
    return block_anchor(block.line)


def part_anchor(number: int) -> str:
    """A part's heading on a page listing parts: parts/#part-2, tasks/#part-2."""
    return f"part-{number}"


def clause_anchor(key: int | str) -> str:
    """A clause's heading on a page listing clauses, by its number within the part
    (parts/2/#clause-1) or its slug (tasks/#clause-2-1)."""
    return f"clause-{key}"


def tag_anchor(tag_id: str) -> str:
    """A target group's tasks on the task index: tasks/#tag-graduates."""
    return f"tag-{tag_id}"


def revision_anchor(label: str, kind: str = "") -> str:
    """A revision's changes on changes/ (#rev-v2), or one kind of them (#rev-v2-reworded)."""
    return f"rev-{label}-{kind}" if kind else f"rev-{label}"


def download(filename: str) -> str:
    """The src_uri of a generated download; href() to it like to a page."""
    return f"{DOWNLOADS}/{filename}"


# The site's downloads (src_uris under downloads/).
ALL_JSON = download("tasks.json")
ALL_CSV = download("tasks.csv")
ALL_XLSX = download("tasks.xlsx")
ALL_ICS = download("notice.ics")


def unit_download(unit: Unit, ext: str) -> str:
    """A unit's own ledger or calendar: downloads/units/<id>.xlsx | .csv | .ics"""
    return download(f"units/{unit.id}.{ext}")


UNIT_DOWNLOADS = ("xlsx", "csv", "ics")  # a unit's ledger, as Excel and CSV, and calendar


def period_download(period_id: str, ext: str) -> str:
    """A reporting period's files for the office (office.py makes them):
    downloads/progress/<period>-summary.xlsx (汇总表) | <period>-report.docx (通报 draft)"""
    kind = {"xlsx": "summary", "docx": "report"}[ext]
    return download(f"progress/{period_id}-{kind}.{ext}")


PERIOD_DOWNLOADS = ("xlsx", "docx")


def download_names(site: Site) -> list[str]:
    """The src_uri of every download, known before any is made (downloads.py makes them)."""
    names = [ALL_JSON, ALL_CSV, ALL_XLSX, ALL_ICS]
    for unit in site.units:
        names += [unit_download(unit, ext) for ext in UNIT_DOWNLOADS]
    reported = {r.period for r in site.reports}
    for period in (p for p in site.periods if p.id in reported):
        names += [period_download(period.id, ext) for ext in PERIOD_DOWNLOADS]
    return names


# -- A library's unit pages and downloads (views/library.py, library_downloads.py)


def library_units(library: Library) -> tuple[Unit, ...]:
    """The units with a page: each named by a notice, or replacing one that is; registry
    order. A unit replaced by another has no page of its own (moved_units says where)."""
    named = {u.id for site in library.sites for u in site.units}
    return tuple(
        u
        for u in library.units
        if not u.replaced_by and ({u.id, *(p.id for p in library.predecessors(u))} & named)
    )


def moved_units(library: Library) -> tuple[Unit, ...]:
    """Units a notice names that were renamed or merged (replaced_by): their old address
    points to the page of the unit doing their work today."""
    named = {u.id for site in library.sites for u in site.units}
    return tuple(u for u in library.units if u.replaced_by and u.id in named)


# A library's Atom feeds (feeds.py): the library's, and each unit's.
LIBRARY_FEED = "feeds/library.xml"


def unit_feed(unit: Unit) -> str:
    return f"feeds/units/{unit.id}.xml"


def library_download_names(library: Library) -> list[str]:
    names = []
    for site in library.sites:
        names += [in_notice(site.notice.slug, n) for n in download_names(site)]
    for unit in library_units(library):
        names += [unit_download(unit, ext) for ext in UNIT_DOWNLOADS]
    names.append(LIBRARY_FEED)
    names += [unit_feed(unit) for unit in library_units(library)]
    return names


# -- The unit's workbench (charts, timeline, print sheets) ------------------------------
TIMELINE = "timeline.md"


def unit_print_page(unit: Unit) -> str:
    """A unit's printable assignment sheet (任务单): units/<id>/print.md → /units/<id>/print/,
    beside (not clashing with) units/<id>.md → /units/<id>/."""
    return f"units/{unit.id}/print.md"


def _parts(url: str) -> tuple[str, ...]:
    return tuple(p for p in url.split("/") if p)


def _relative_parts(to: tuple[str, ...], at: tuple[str, ...]) -> str:
    common = 0
    for mine, theirs in zip(to, at, strict=False):  # up to the shorter one
        if mine != theirs:
            break
        common += 1
    return "/".join((*[".."] * (len(at) - common), *to[common:])) or "."


def _relative(target: str, base: str) -> str:
    """posixpath.relpath("/" + target, "/" + base) for the clean URLs url_of gives (no "."
    or ".." parts), without its abspath calls: a library links hundreds of thousands of
    times."""
    return _relative_parts(_parts(target), _parts(base))


# A library's pages make some 1.2 million links, a page a hundred, most to a few thousand
# targets: what each page and each target resolves to is worked out once. Both are pure
# functions of the src_uris, whatever the data.
@lru_cache(maxsize=4096)
def _page_base(from_page: str) -> tuple[str, tuple[str, ...]]:
    """The notice a page is in, and its URL's parts."""
    return notice_of(from_page), _parts(url_of(from_page))


@lru_cache(maxsize=65536)
def _target(slug: str, to: str) -> tuple[tuple[str, ...], bool]:
    """A link's target seen from a page of notice slug: its URL's parts, and whether that
    URL is a folder (a page, or the site's root)."""
    target = url_of(in_notice(slug, to))
    return _parts(target), target.endswith("/") or not target


@lru_cache(maxsize=65536)
def href(from_page: str, to: str, query: str = "", anchor: str = "") -> str:
    """The link from one page to a page or file (src_uris), relative to the page's URL as
    the browser resolves it. Pages bypass Markdown (see hooks/site.py), so MkDocs neither
    rewrites nor validates these links; tests/test_site.py follows every one."""
    slug, at = _page_base(from_page)
    to_parts, folder = _target(slug, to)
    rel = _relative_parts(to_parts, at)
    if rel == ".":
        rel = "./"
    elif folder:
        rel += "/"
    if query:
        rel += "?" + query
    if anchor:
        rel += "#" + anchor
    return rel
