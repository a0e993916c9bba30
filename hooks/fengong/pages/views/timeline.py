"""The view of the timeline page: every dated item of the notice, charted and listed."""

from __future__ import annotations

from dataclasses import dataclass

from ...model import Site
from .. import paths
from ..charts.timeline import Timeline, timeline
from ..dated import Dated, dated_items
from ..labels import KIND_LABELS


@dataclass(frozen=True, slots=True)
class Entry:
    item: Dated
    href: str  # its task's page, or the notice's paragraph
    kind: str  # 截止 / 实施期 / 日期 …
    first: str  # its first and last day, ISO (today.js marks what has passed)
    last: str


@dataclass(frozen=True, slots=True)
class TimelinePage:
    entries: tuple[Entry, ...]  # in date order
    chart: Timeline
    # The years 本年度 and 次年度 stand for, when the notice has reporting windows and a date.
    this_year: int | None
    next_year: int | None
    reporting_to: str  # the office reports go to ("" without reporting)


def timeline_page(site: Site, page: str) -> TimelinePage:
    items = dated_items(site)

    def href_of(item: Dated) -> str:
        return paths.href(page, item.page, anchor=item.anchor)

    year = int(site.notice.date[:4]) if site.reporting and site.notice.date else None
    return TimelinePage(
        entries=tuple(
            Entry(
                item=i,
                href=href_of(i),
                kind=KIND_LABELS[i.kind],
                first=i.first.isoformat(),
                last=i.last.isoformat(),
            )
            for i in items
        ),
        chart=timeline(items, href_of),
        this_year=year,
        next_year=year + 1 if year is not None else None,
        reporting_to=site.reporting.to if site.reporting else "",
    )
