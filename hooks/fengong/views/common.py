"""Pieces several views share: links to the site's downloads and to a target group's tasks."""

from __future__ import annotations

from dataclasses import dataclass

from .. import paths
from ..model import Site, Tag


@dataclass(frozen=True, slots=True)
class DownloadLinks:
    """The site's data downloads, as linked from one page."""

    json: str
    csv: str
    xlsx: str
    ics: str


def download_links(page: str) -> DownloadLinks:
    return DownloadLinks(
        json=paths.href(page, paths.ALL_JSON),
        csv=paths.href(page, paths.ALL_CSV),
        xlsx=paths.href(page, paths.ALL_XLSX),
        ics=paths.href(page, paths.ALL_ICS),
    )


@dataclass(frozen=True, slots=True)
class TagLink:
    """A target group, linked to its tasks on the task index."""

    tag: Tag
    href: str
    count: int  # its tasks


def tag_link(site: Site, tag: Tag, page: str) -> TagLink:
    href = paths.href(page, paths.TASKS_INDEX, anchor=paths.tag_anchor(tag.id))
    return TagLink(tag=tag, href=href, count=len(site.tasks_tagged(tag)))
