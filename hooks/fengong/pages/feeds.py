"""A library's Atom feeds, so a unit learns of work without visiting: one for the library
(new notices, revisions) and one per unit (the notices naming it, the revisions that changed
its tasks, the reports the office received from it). Written with feedgen.

Every entry's id is made from the data (urn:fengong:notice:<slug>:…), never from the build,
and every date is the data's (the notice's, the revision's, the day a report was received,
at 00:00 in China): the same data gives the same bytes, and a feed reader that saw an
entry once never sees it again as new."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from feedgen.feed import FeedGenerator

from ..model import Library, Site, Unit
from . import paths

CHINA = timezone(timedelta(hours=8), "CST")
EPOCH = "2000-01-01"  # a feed with no entry is dated by nothing in the data: a fixed day


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    day: str  # ISO date
    title: str
    summary: str
    page: str  # src_uri of the page it links to


def _notice_id(site: Site) -> str:
    return f"urn:fengong:notice:{site.notice.slug}"


def _name(site: Site) -> str:
    return site.notice.doc_number or site.notice.title


def notice_entry(site: Site) -> Entry:
    n = site.notice
    return Entry(
        id=_notice_id(site),
        day=n.date,
        title=f"新文件：{_name(site)} {n.title}" if n.doc_number else f"新文件：{n.title}",
        summary=f"{n.issuer}{n.date}印发，{len(site.tasks)} 项任务，"
        f"分到 {len(site.units)} 个单位。",
        page=paths.notice_home(n.slug),
    )


def revision_entries(site: Site) -> list[Entry]:
    """Each revision after the first: the notice's text changed."""
    return [
        Entry(
            id=f"{_notice_id(site)}:revision:{revision.label}",
            day=revision.date,
            title=f"{_name(site)} 修订：版本 {revision.label}",
            summary=f"{revision.date}修订，现有 {revision.task_count} 项任务。",
            page=paths.in_notice(site.notice.slug, paths.CHANGES),
        )
        for revision in site.history[1:]
    ]


def unit_entries(library: Library, unit: Unit) -> list[Entry]:
    ids = {unit.id, *(u.id for u in library.predecessors(unit))}
    entries = []
    for work in library.work_of(unit):
        site, slug = work.site, work.site.notice.slug
        notice = notice_entry(site)
        entries.append(
            Entry(
                id=f"{notice.id}:unit:{unit.id}",
                day=notice.day,
                title=notice.title,
                summary=f"本单位牵头 {len(work.led)} 项，参与 {len(work.shared)} 项。",
                page=notice.page,
            )
        )
        changed = [c for u in site.units if u.id in ids for c in site.unit_changes(u)]
        latest = site.latest_changes
        if changed and latest is not None:
            words = {"gained": "新增", "lost": "不再承担", "role": "牵头单位变化"}
            counts = "，".join(
                f"{word} {sum(1 for what, _ in changed if what == key)} 项"
                for key, word in words.items()
                if any(what == key for what, _ in changed)
            )
            entries.append(
                Entry(
                    id=f"{_notice_id(site)}:revision:{latest.revision.label}:unit:{unit.id}",
                    day=latest.revision.date,
                    title=f"{_name(site)} 修订（版本 {latest.revision.label}）：本单位的任务有变化",
                    summary=f"{counts}。",
                    page=paths.in_notice(slug, paths.CHANGES),
                )
            )
        for report in site.reports:
            if report.unit.id in ids:
                entries.append(
                    Entry(
                        id=f"{_notice_id(site)}:report:{report.period}:{report.unit.id}",
                        day=report.received,
                        title=f"{_name(site)}：已收到本单位 {report.period} 的报送",
                        summary=f"{report.received}收到，填报 {len(report.entries)} 项任务。",
                        page=paths.in_notice(slug, paths.PROGRESS),
                    )
                )
    return entries


def _instant(day: str) -> datetime:
    return datetime.combine(date.fromisoformat(day), time(), CHINA)


def _href(site_url: str, feed: str, page: str) -> str:
    """A link from the feed to a page: absolute with a public address, else relative to the
    feed's own place (an Atom reader resolves it against the feed's address)."""
    url = paths.url_of(page)
    if site_url:
        return site_url + url
    return posixpath.relpath("/" + url, posixpath.dirname("/" + feed)) + ("/" if url else "")


def atom(
    feed: str,
    feed_id: str,
    title: str,
    subtitle: str,
    entries: list[Entry],
    site_url: str,
    page: str = paths.HOME,
) -> bytes:
    """The feed at src_uri `feed`, its alternate the page (src_uri) it follows."""
    fg = FeedGenerator()
    fg.id(feed_id)
    fg.title(title)
    fg.subtitle(subtitle)
    fg.language("zh-CN")
    fg.link(href=site_url + feed if site_url else posixpath.basename(feed), rel="self")
    fg.link(href=_href(site_url, feed, page), rel="alternate")
    fg.generator("fengong")
    ordered = sorted(entries, key=lambda e: (e.day, e.id), reverse=True)
    fg.updated(_instant(max((e.day for e in ordered), default=EPOCH)))
    # feedgen puts each new entry first: added oldest first, they read newest first.
    for entry in reversed(ordered):
        item = fg.add_entry()
        item.id(entry.id)
        item.title(entry.title)
        item.summary(entry.summary)
        item.updated(_instant(entry.day))
        item.link(href=_href(site_url, feed, entry.page), rel="alternate")
    return fg.atom_str(pretty=True)


def library_feeds(library: Library, site_url: str = "") -> dict[str, bytes]:
    """feeds/library.xml and feeds/units/<id>.xml → their bytes."""
    entries = []
    for site in library.sites:
        entries += [notice_entry(site), *revision_entries(site)]
    files = {
        paths.LIBRARY_FEED: atom(
            paths.LIBRARY_FEED,
            "urn:fengong:library",
            "分工文件：新文件和修订",
            "本站收录的分工文件：新收录的文件和文件的修订。",
            entries,
            site_url,
        )
    }
    for unit in paths.library_units(library):
        feed = paths.unit_feed(unit)
        files[feed] = atom(
            feed,
            f"urn:fengong:unit:{unit.id}",
            f"{unit.name}：分工任务动态",
            f"{unit.name}在各分工文件中的任务：新文件、修订带来的变化、已收到的报送。",
            unit_entries(library, unit),
            site_url,
            page=paths.page_of(unit),
        )
    return files
