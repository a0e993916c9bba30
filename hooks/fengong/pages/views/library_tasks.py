"""The view of a library's task index (tasks/ at its top): every notice's tasks, searched
and filtered in the browser (task-index.js) with the notice facet besides the others.
Without JavaScript it lists the notices, each with its tasks counted and linked to its own
task index: every task listed here would make the page grow with the library."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ...model import Clause, Library, Notice, Part, Tag, Unit
from .. import paths
from ..paths import library_units
from .library import PLAIN_STATUSES, notice_name, status_of
from .progress import LEGEND, Light


@dataclass(frozen=True, slots=True)
class NoticeTasks:
    notice: Notice
    href: str  # the notice's home
    tasks_href: str  # its own task index
    status: str  # 有效, 已废止 or 已失效
    task_count: int


@dataclass(frozen=True, slots=True)
class LibraryTasksIndex:
    """The fields _task_search.html.j2 reads, as views.tasks.TasksIndex has them, and the
    notices listed without JavaScript."""

    task_count: int
    rows: tuple[NoticeTasks, ...]  # newest first
    notices: tuple[tuple[str, str], ...]  # the notice facet: (slug, 文号), newest first
    notice: str  # no notice fixed: the facet chooses
    parts: tuple[Part, ...]  # none here: the chosen notice's come from the index
    clauses: tuple[Clause, ...]
    units: tuple[Unit, ...]  # every unit with a page
    also: Mapping[str, str]  # unit id → the ids of the units it replaced, space-separated
    tags: tuple[Tag, ...]  # the groups some task names
    statuses: tuple[Light, ...]  # the status filter's choices; none before any report


def _choice(notice: Notice) -> str:
    status = status_of(notice)
    name = notice_name(notice)
    return name if status in PLAIN_STATUSES else f"{name}（{status}）"


def library_tasks_index(library: Library, page: str) -> LibraryTasksIndex:
    newest = sorted(library.sites, key=lambda s: (s.notice.date, s.notice.slug), reverse=True)
    units = library_units(library)
    used = {tag.id for site in library.sites for task in site.tasks for tag in task.tags}
    also = {}
    for unit in units:
        if replaced := library.predecessors(unit):
            also[unit.id] = " ".join(u.id for u in replaced)
    return LibraryTasksIndex(
        task_count=sum(len(site.tasks) for site in library.sites),
        rows=tuple(
            NoticeTasks(
                notice=site.notice,
                href=paths.href(page, paths.notice_home(site.notice.slug)),
                tasks_href=paths.href(page, paths.in_notice(site.notice.slug, paths.TASKS_INDEX)),
                status=status_of(site.notice),
                task_count=len(site.tasks),
            )
            for site in newest
        ),
        notices=tuple((site.notice.slug, _choice(site.notice)) for site in newest),
        notice="",
        parts=(),
        clauses=(),
        units=units,
        also=also,
        tags=tuple(tag for tag in library.tags if tag.id in used),
        statuses=LEGEND if any(site.reports for site in library.sites) else (),
    )
