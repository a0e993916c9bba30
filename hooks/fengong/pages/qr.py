"""The print sheets' QR codes: the addresses they show, the codes (made by a build worker
while the pages render), and the slots that stand in the pages for codes not made yet.

A print sheet shows, as a QR code, its unit's page and each of its tasks' pages. So that
the codes are made on another core while the pages render, hooks/site.py starts a worker
on them (start; start_library for a library's sheets), the sheets are rendered with slots
(Codes.of(..., later=True); Codes.of_library), and the slots are filled (fill_slots) as
MkDocs writes each sheet: the same bytes as codes made inline.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, partial

import segno
from markupsafe import Markup

from ..model import Library, Site
from . import paths
from .background import Background


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
    """The address as a QR code, inline SVG sized by CSS; the same URL gives the same bytes.
    The mask is fixed (any mask is valid): choosing the best of eight took 90% of the time
    and saves little."""
    code = segno.make_qr(url, error="m", mask=0)
    return Markup(code.svg_inline(scale=1, border=2, omitsize=True, svgclass="fg-qr", light="#fff"))


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
