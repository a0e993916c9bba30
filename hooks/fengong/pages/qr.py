"""The print sheets' QR codes: the addresses they show, the codes (made by a build worker
while the pages render), and the slots that stand in the pages for codes not made yet.

A print sheet shows, as a QR code, its unit's page and each of its tasks' pages. So that
the codes are made on another core while the pages render, hooks/site.py starts a worker
on them (start; start_library for a library's sheets), the sheets are rendered with slots
(Codes.of(..., later=True); Codes.of_library), and the slots are filled (fill_slots) as
MkDocs writes each sheet: the same bytes as codes made inline.

A code's modules come from qr_symbol (segno's encoder, its shared work done once a
version); the SVG is drawn here: segno's writer took as long as its encoder.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path

import jinja2
from markupsafe import Markup

from ..model import Library, Site
from . import paths
from .background import Background
from .qr_symbol import modules

BORDER = 2  # the light margin (quiet zone) around a code, in modules


def address(site_url: str, page: str) -> str:
    """The full address of a page: site_url + its URL ("" without a site_url)."""
    if not site_url:
        return ""
    return site_url.rstrip("/") + "/" + paths.url_of(page)


def addresses(site: Site, site_url: str) -> list[str]:
    """Every address a print sheet shows as a QR code: each unit's page, and each task's
    (every task is on its lead unit's sheet). None without a site_url."""
    if not site_url:
        return []
    pages = [paths.page_of(unit) for unit in site.units]
    pages += [paths.page_of(task) for task in site.tasks]
    return [address(site_url, page) for page in pages]


def library_addresses(library: Library, site_url: str) -> list[str]:
    """Every address a library's print sheets show: each unit's page, and each task's of
    the notices in force (the sheets list those). None without a site_url."""
    if not site_url:
        return []
    pages = [paths.page_of(unit) for unit in paths.library_units(library)]
    pages += [
        paths.in_notice(site.notice.slug, paths.page_of(task))
        for site in library.sites
        if site.notice.in_force
        for task in site.tasks
    ]
    return [address(site_url, page) for page in pages]


def make_codes(urls: Sequence[str]) -> list[str]:
    """The QR codes of many addresses, in their order (the worker's work)."""
    return [str(svg(url)) for url in urls]


def start(site: Site, site_url: str) -> Background[list[str]] | None:
    """A worker making every code the print sheets show; None when they show none."""
    return _start(addresses(site, site_url))


def start_library(library: Library, site_url: str) -> Background[list[str]] | None:
    return _start(library_addresses(library, site_url))


def _start(urls: list[str]) -> Background[list[str]] | None:
    return Background(partial(make_codes, urls)) if urls else None


# Cached without bound (a few KB per task): a task's code appears on the sheet of every unit
# it names, and an evicted code would be made again for each of them.
@cache
def svg(url: str) -> Markup:
    """The address as a QR code, inline SVG sized by CSS; the same URL gives the same bytes."""
    rows = modules(url)
    return Markup(_template().render(side=len(rows) + 2 * BORDER, path=dark_path(rows, BORDER)))


# A stretch of the symbol, its rows joined by _ROW_END: the light modules after a line (to
# the row's end and through any rows without a dark module) and the dark ones of the next.
_ROW_END = b"\x02"
_STRETCH = re.compile(rb"[\x00\x02]*\x01+")


def dark_path(rows: Sequence[bytes], border: int) -> str:
    """SVG path data drawing the dark modules (1) of rows as segno's writer
    does: a line one module wide through the middle of each run of dark modules in a row,
    each move relative to the end of the last line; border modules of quiet zone around.
    A stretch decides its move alone, so each is spelled once (_moves): a symbol's ~300
    lines cost one regex and one join."""
    stretches = _STRETCH.findall(_ROW_END.join(rows))
    if not stretches:
        return ""
    column, rows_down, dark = _shape(stretches[0])
    first = f"M{border + column} {border + rows_down}.5h{dark}"
    return first + "".join(map(_moves(len(rows[0])).__getitem__, stretches[1:]))


def _shape(stretch: bytes) -> tuple[int, int, int]:
    """A stretch's line: the light modules before it in its row (all the stretch's, when
    it stays in one row), how many rows down it is, and how many dark modules long."""
    light = stretch.rstrip(b"\x01")
    return len(light) - light.rfind(_ROW_END) - 1, light.count(_ROW_END), len(stretch) - len(light)


class _Moves(dict[bytes, str]):
    """Each stretch's step in a symbol side modules wide: from the end of the last line
    (the stretch's start) to its line, then the line; made when first met."""

    def __init__(self, side: int) -> None:
        super().__init__()
        self.side = side

    def __missing__(self, stretch: bytes) -> str:
        column, rows_down, dark = _shape(stretch)
        last_end = self.side - stretch.find(_ROW_END) if rows_down else 0
        move = self[stretch] = f"m{column - last_end} {rows_down}h{dark}"
        return move


@cache
def _moves(side: int) -> _Moves:
    return _Moves(side)


@cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
    )
    return env.get_template("qr.svg.j2")


# A slot names its code's place in addresses(). No text from the data can form one: it is
# all escaped.
_SLOT = re.compile(r"<!--fengong-qr:(\d+)-->")


def fill_slots(page_html: str, codes: Sequence[str]) -> str:
    """The page with each slot replaced by its code (codes in the order of addresses())."""
    return _SLOT.sub(lambda slot: codes[int(slot.group(1))], page_html)


@dataclass(frozen=True, slots=True)
class Codes:
    """The QR codes as the pages show them: inline SVG, or with later, slots that
    fill_slots replaces with the worker's codes."""

    site_url: str
    slots: Mapping[str, int] | None = None  # address → place in addresses()

    @classmethod
    def of(cls, site: Site, site_url: str, *, later: bool = False) -> Codes:
        slots = {url: i for i, url in enumerate(addresses(site, site_url))} if later else None
        return cls(site_url=site_url, slots=slots)

    @classmethod
    def of_library(cls, library: Library, site_url: str, *, later: bool = False) -> Codes:
        urls = library_addresses(library, site_url) if later else ()
        slots = {url: i for i, url in enumerate(urls)} if later else None
        return cls(site_url=site_url, slots=slots)

    def address(self, page: str) -> str:
        return address(self.site_url, page)

    def code(self, url: str) -> Markup:
        """The code of an address ("" for no address)."""
        if not url:
            return Markup("")
        if self.slots is not None:
            return Markup(f"<!--fengong-qr:{self.slots[url]}-->")
        return svg(url)
