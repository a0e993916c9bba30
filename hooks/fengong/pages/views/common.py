"""Pieces several views share: links to the site's downloads and to a target group's tasks,
the document's facts (文件信息) and the footer's."""

from __future__ import annotations

from dataclasses import dataclass

from ...model import Library, Notice, Site, Tag
from .. import paths
from ..labels import cn_date


@dataclass(frozen=True, slots=True)
class LeadFacts:
    """How the notice says who leads, for the pages that explain it."""

    rule: str  # the notice's own words, if it states a lead rule
    first_listed: bool  # every task that has a lead has its first listed unit as its lead
    led: int  # tasks that have a lead
    unled: int  # tasks with units and no lead (未明确牵头单位)


def lead_facts(site: Site) -> LeadFacts:
    led = [t for t in site.tasks if t.lead]
    return LeadFacts(
        rule=site.notice.lead_rule,
        first_listed=all(t.lead == t.assignments[:1] for t in led),
        led=len(led),
        unled=len(site.tasks_without_lead),
    )


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


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """The document's facts, as government policy pages list them above a document."""

    issuer: str  # 发文机关
    doc_number: str  # 文号
    written: str  # 成文日期, ISO
    published: str  # 发布日期, ISO: only when the data gives it ("" when not known)
    validity: str  # 有效性: 有效 or 失效 as the data says it; "" when the data does not say
    official_url: str  # the official original (以正式文件为准); "" when not known


def document_info(notice: Notice) -> DocumentInfo:
    return DocumentInfo(
        issuer=notice.issuer,
        doc_number=notice.doc_number,
        written=notice.date,
        published=notice.published,
        validity=("有效" if notice.in_force else "失效") if notice.in_force_stated else "",
        official_url=official_url(notice),
    )


def official_url(notice: Notice) -> str:
    """The official original's address, when the data gives a web address (a link from the
    data is never a javascript: or other scheme)."""
    url = notice.official_url.strip()
    return url if url.startswith(("https://", "http://")) else ""


@dataclass(frozen=True, slots=True)
class Footer:
    """What every page's footer says: who runs the site, whom to ask, how current it is.
    The theme's Jinja has no filters of ours: every value here is display text."""

    owner: str  # the notice's issuer (主办单位), or a library's issuers (发文机关)
    contact: str  # 联系人：张高，联系电话：43722483
    updated: str  # 2020年4月29日: the current revision's date (the data's, never the build's)
    revision: str  # v1
    official_url: str
    # A one-notice site is its issuer's: 主办单位. A library gathers other issuers' notices
    # (the State Council's beside the district's): they issued them, they do not run the site.
    owner_label: str = "主办单位"


def site_footer(site: Site) -> Footer:
    notice = site.notice
    contact = ""
    if notice.contact is not None:
        contact = f"联系人：{notice.contact.person}，联系电话：{notice.contact.phone}"
    return Footer(
        owner=notice.issuer,
        contact=contact,
        updated=cn_date(notice.revision_date or notice.date),
        revision=notice.revision_label,
        official_url=official_url(notice),
    )


def library_footer(library: Library) -> Footer:
    """A library's footer: its issuers, the date of its latest notice or revision."""
    notices = [s.notice for s in library.sites]
    return Footer(
        owner="、".join(dict.fromkeys(n.issuer for n in notices)),
        contact="",
        updated=cn_date(max(n.revision_date or n.date for n in notices)),
        revision="",
        official_url="",
        owner_label="收录文件的发文机关",
    )
