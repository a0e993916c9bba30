"""The views of the task pages: the task index, a task, and a task removed in a revision."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ...model import (
    Block,
    Clause,
    DateMention,
    Notice,
    Part,
    RemovedTask,
    Revision,
    Site,
    Tag,
    Task,
    Unit,
)
from .. import paths
from ..labels import CHANGE_LABELS
from .common import DocumentInfo, TagLink, document_info, tag_link
from .progress import LEGEND, Light, TaskProgress, task_progress
from .segments import Segment, task_segments

# -- the task index ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TaskGroup:
    """A run of tasks of the same part and clause, in notice order (the /tasks/ list)."""

    part: Part | None
    clause: Clause | None
    tasks: tuple[Task, ...]
    starts_part: bool  # the first run of its part: the part's heading goes before it
    part_anchor: str
    clause_anchor: str


@dataclass(frozen=True, slots=True)
class TagGroup:
    tag: Tag
    anchor: str
    tasks: tuple[Task, ...]


@dataclass(frozen=True, slots=True)
class TasksIndex:
    task_count: int
    part_count: int
    clause_count: int
    groups: tuple[TaskGroup, ...]
    tag_groups: tuple[TagGroup, ...]
    # The search box's filters.
    parts: tuple[Part, ...]
    clauses: tuple[Clause, ...]
    units: tuple[Unit, ...]
    tags: tuple[Tag, ...]
    statuses: tuple[Light, ...]  # the status filter's choices; none before any report
    # In a library, the notice's slug: its search box is fixed to it (the one index holds
    # every notice's tasks); "" for a notice alone.
    notice: str = ""
    # The notice facet's choices, (slug, 文号): only on a library's index of every notice
    # (views/library_tasks.py), whose part and clause choices come with the notice chosen.
    notices: tuple[tuple[str, str], ...] = ()
    also: Mapping[str, str] = field(default_factory=dict)  # there, unit → units it replaced


def task_groups(site: Site) -> list[TaskGroup]:
    runs: list[list[Task]] = []
    for task in site.tasks:
        if runs and (runs[-1][0].part, runs[-1][0].clause) == (task.part, task.clause):
            runs[-1].append(task)
        else:
            runs.append([task])
    groups, previous = [], None
    for run in runs:
        part = site.part(run[0].part)
        clause = site.clause_of(run[0])
        groups.append(
            TaskGroup(
                part=part,
                clause=clause,
                tasks=tuple(run),
                starts_part=part is not None and part != previous,
                part_anchor=paths.part_anchor(part.number) if part else "",
                clause_anchor=paths.clause_anchor(clause.slug) if clause else "",
            )
        )
        previous = part
    return groups


def tasks_index(site: Site, page: str) -> TasksIndex:
    # A library's tag registry is every notice's: offer and list only this notice's groups.
    tags = tuple(tag for tag in site.tags if site.tasks_tagged(tag))
    return TasksIndex(
        task_count=len(site.tasks),
        part_count=len(site.parts),
        clause_count=len(site.clauses),
        groups=tuple(task_groups(site)),
        tag_groups=tuple(
            TagGroup(tag=tag, anchor=paths.tag_anchor(tag.id), tasks=site.tasks_tagged(tag))
            for tag in tags
        ),
        parts=site.parts,
        clauses=site.clauses,
        units=site.units,
        tags=tags,
        statuses=LEGEND if site.reports else (),
        notice=site.notice.slug,
    )


# -- a task ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TaskChange:
    """What the latest revision changed in the task."""

    revision: Revision
    previous: Revision
    kinds: tuple[str, ...]  # labels: 文字修改, 责任单位变化
    renumbered_from: int | None  # its number before, when that differs
    added: bool  # a new task
    text_changed: bool
    text_diff: tuple[tuple[str, str], ...]  # ("equal" | "insert" | "delete", text)
    units_added: tuple[str, ...]
    units_removed: tuple[str, ...]
    lead_changed: bool
    lead_before: tuple[str, ...]
    lead_after: tuple[str, ...]
    href: str  # the revision's changes on the history page


@dataclass(frozen=True, slots=True)
class Sibling:
    number: int
    href: str
    text: str


@dataclass(frozen=True, slots=True)
class TaskPage:
    task: Task
    notice: Notice
    part: Part | None
    clause: Clause | None
    segments: tuple[Segment, ...]
    change: TaskChange | None
    tags: tuple[TagLink, ...]
    siblings: tuple[Sibling, ...]  # the other tasks of its clause
    notice_href: str  # its entry in the full notice; "" without one
    prev: Task | None
    next: Task | None
    document: DocumentInfo  # the notice's facts (文件信息)
    progress: TaskProgress  # how it stands (落实情况)
    # Its dates in date order (the text may name 2021年4月30日 before 2020年12月31日); a
    # mention without a day keeps its place after those with one.
    dates: tuple[DateMention, ...] = ()


def task_change(site: Site, task: Task, page: str) -> TaskChange | None:
    change, latest = site.change_of(task), site.latest_changes
    if change is None:
        return None
    added = change.old_number is None
    return TaskChange(
        revision=latest.revision,
        previous=latest.previous,
        kinds=tuple(CHANGE_LABELS[kind] for kind in change.kinds),
        renumbered_from=(
            change.old_number if change.old_number and change.old_number != task.number else None
        ),
        added=added,
        text_changed=change.old_text != change.new_text,
        text_diff=change.text_diff,
        units_added=change.units_added,
        units_removed=change.units_removed,
        lead_changed=change.lead_before != change.lead_after and not added,
        lead_before=change.lead_before,
        lead_after=change.lead_after,
        href=paths.href(page, paths.CHANGES, anchor=paths.revision_anchor(latest.revision.label)),
    )


def task_page(site: Site, page: str, index: int) -> TaskPage:
    """The view of site.tasks[index] (its neighbours are the previous and next tasks)."""
    task = site.tasks[index]
    clause = site.clause_of(task)
    block: Block | None = site.block_of(task)
    siblings = ()
    if clause and len(clause.task_numbers) > 1:
        siblings = tuple(
            Sibling(
                number=n,
                href=paths.href(page, paths.page_of(site.task(n))),
                text=site.task(n).text,
            )
            for n in clause.task_numbers
            if n != task.number
        )
    notice_href = paths.href(page, paths.NOTICE, anchor=paths.notice_anchor(block)) if block else ""
    return TaskPage(
        dates=tuple(sorted(task.dates, key=lambda d: (d.start or d.end or "9999", d.end or ""))),
        task=task,
        notice=site.notice,
        part=site.part(task.part),
        clause=clause,
        segments=tuple(task_segments(task)),
        change=task_change(site, task, page),
        tags=tuple(tag_link(site, tag, page) for tag in task.tags),
        siblings=siblings,
        notice_href=notice_href,
        prev=site.tasks[index - 1] if index > 0 else None,
        next=site.tasks[index + 1] if index + 1 < len(site.tasks) else None,
        document=document_info(site.notice),
        progress=task_progress(site, task, page),
    )


# -- a removed task ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RemovedTaskPage:
    task: RemovedTask
    changes_href: str  # the revision that removed it, on the history page


def removed_task_page(site: Site, page: str, task: RemovedTask) -> RemovedTaskPage:
    anchor = paths.revision_anchor(task.removed_in.label)
    return RemovedTaskPage(task=task, changes_href=paths.href(page, paths.CHANGES, anchor=anchor))
