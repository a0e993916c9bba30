"""The views of the site-wide pages: home, the full notice, about, and the revision history."""

from __future__ import annotations

from dataclasses import dataclass

from ...model import Notice, Part, ReportingDuty, Site, Unit
from .. import paths
from ..labels import CHANGE_LABELS
from ..targets import TargetFigure, target_figures
from .common import (
    DocumentInfo,
    DownloadLinks,
    TagLink,
    document_info,
    download_links,
    tag_link,
)
from .progress import HomeProgress, home_progress
from .segments import Segment, notice_segments

# -- home --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TargetCard:
    """A year's target on the home page, with the tasks that work towards it."""

    figure: TargetFigure
    tags: tuple[TagLink, ...]
    notice_href: str  # its paragraph in the notice, when no task holds it; else ""


@dataclass(frozen=True, slots=True)
class PartRow:
    part: Part
    clauses: int
    tasks: int
    top_unit: Unit | None  # the unit with most tasks in the part


@dataclass(frozen=True, slots=True)
class Home:
    notice: Notice
    part_count: int
    clause_count: int
    task_count: int
    unit_count: int
    targets: tuple[TargetCard, ...]
    parts: tuple[PartRow, ...]
    reporting: ReportingDuty | None
    changes_href: str
    units_href: str
    tasks_href: str
    notice_href: str
    about_href: str
    downloads: DownloadLinks
    progress: HomeProgress  # the next report due, the reports in


def home(site: Site, page: str) -> Home:
    targets = []
    for figure in target_figures(site):
        line = figure.target.block_line
        notice_href = ""
        if figure.task is None and line:
            notice_href = paths.href(page, paths.NOTICE, anchor=paths.block_anchor(line))
        tags = tuple(tag_link(site, tag, page) for tag in figure.tags)
        targets.append(TargetCard(figure=figure, tags=tags, notice_href=notice_href))
    parts = []
    for part in site.parts:
        involved = site.involvement(site.tasks_in(part))
        top = involved[0][0] if involved else None
        parts.append(
            PartRow(
                part=part,
                clauses=len(part.clause_numbers),
                tasks=len(part.task_numbers),
                top_unit=top,
            )
        )
    return Home(
        notice=site.notice,
        part_count=len(site.parts),
        clause_count=len(site.clauses),
        task_count=len(site.tasks),
        unit_count=sum(not u.is_placeholder for u in site.units),
        targets=tuple(targets),
        parts=tuple(parts),
        reporting=site.reporting,
        changes_href=paths.href(page, paths.CHANGES),
        units_href=paths.href(page, paths.UNITS_INDEX, anchor="list"),  # the unit finder
        tasks_href=paths.href(page, paths.TASKS_INDEX),
        notice_href=paths.href(page, paths.NOTICE),
        about_href=paths.href(page, paths.ABOUT),
        downloads=download_links(page),
        progress=home_progress(site, page),
    )


# -- the full notice ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NoticeBlock:
    """One block of the source, with the anchor it is cited by (#L<line>)."""

    kind: str
    text: str
    anchor: str
    href: str = ""  # a part's or clause's heading: its page
    segments: tuple[Segment, ...] = ()  # a task's entry: its number and units linked
    css_class: str = ""  # fg-<kind>, for the blocks shown as plain paragraphs


@dataclass(frozen=True, slots=True)
class FullNotice:
    blocks: tuple[NoticeBlock, ...]
    document: DocumentInfo  # shown under the title


def full_notice(site: Site, page: str) -> FullNotice:
    blocks, part = [], None
    for b in site.blocks:
        href, segments = "", ()
        if b.kind == "part":
            part = b.number
            href = paths.href(page, paths.page_of(site.part(b.number)))
        elif b.kind == "clause":
            href = paths.href(page, paths.page_of(site.clause(part, b.number)))
        elif b.kind == "task":
            segments = tuple(notice_segments(site, b, page))
        blocks.append(
            NoticeBlock(
                kind=b.kind,
                text=b.text,
                anchor=paths.notice_anchor(b),
                href=href,
                segments=segments,
                css_class="fg-" + b.kind.replace("_", "-"),
            )
        )
    return FullNotice(blocks=tuple(blocks), document=document_info(site.notice))


# -- about -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class About:
    notice: Notice
    notice_href: str
    downloads: DownloadLinks


def about(site: Site, page: str) -> About:
    return About(
        notice=site.notice,
        notice_href=paths.href(page, paths.NOTICE),
        downloads=download_links(page),
    )


# -- the revision history ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HistoryRow:
    label: str
    date: str  # ISO
    task_count: int
    href: str  # to its changes below; "" for the first version, which has none


@dataclass(frozen=True, slots=True)
class ChangedTask:
    old_number: int | None
    new_number: int | None
    href: str  # the task's page (a removed task keeps one)
    text: str  # its new text, or its old one if it was removed


@dataclass(frozen=True, slots=True)
class KindGroup:
    kind: str
    label: str  # 文字修改
    anchor: str
    tasks: tuple[ChangedTask, ...]


@dataclass(frozen=True, slots=True)
class RevisionSection:
    label: str
    date: str  # ISO
    previous: str  # the label of the revision before it
    anchor: str
    groups: tuple[KindGroup, ...]  # in CHANGE_LABELS order
    unchanged: int


@dataclass(frozen=True, slots=True)
class Changes:
    current: str  # the current revision's label
    history: tuple[HistoryRow, ...]  # oldest first
    sections: tuple[RevisionSection, ...]  # newest first


def changes(site: Site, page: str) -> Changes:
    history = tuple(
        HistoryRow(
            label=rev.label,
            date=rev.date,
            task_count=rev.task_count,
            href="#" + paths.revision_anchor(rev.label) if i else "",
        )
        for i, rev in enumerate(site.history)
    )
    sections = []
    for ch in reversed(site.changes):
        grouped = ch.by_kind()
        groups = []
        for kind, label in CHANGE_LABELS.items():
            if kind not in grouped:
                continue
            tasks = []
            for c in grouped[kind]:
                task_id = ch.new_ids[c.new_number] if c.new_number else ch.old_ids[c.old_number]
                tasks.append(
                    ChangedTask(
                        old_number=c.old_number,
                        new_number=c.new_number,
                        href=paths.href(page, paths.task_page(task_id)),
                        text=c.new_text or c.old_text,
                    )
                )
            anchor = paths.revision_anchor(ch.revision.label, kind)
            groups.append(KindGroup(kind=kind, label=label, anchor=anchor, tasks=tuple(tasks)))
        sections.append(
            RevisionSection(
                label=ch.revision.label,
                date=ch.revision.date,
                previous=ch.previous.label,
                anchor=paths.revision_anchor(ch.revision.label),
                groups=tuple(groups),
                unchanged=ch.diff.summary.get("unchanged", 0),
            )
        )
    current = site.history[-1].label if site.history else ""
    return Changes(current=current, history=history, sections=tuple(sections))
