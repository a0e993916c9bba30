"""Text cut into runs to mark or link: a task's dates and quantities, the notice's entries."""

from __future__ import annotations

from dataclasses import dataclass

from ...model import Block, Site, Task
from .. import paths


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text, marked or linked: templates turn a list of these into HTML."""

    text: str
    href: str = ""
    mark: bool = False


def marked_segments(text: str, quotes: list[str]) -> list[Segment]:
    """The text with each quoted mention (dates, quantities) marked."""
    spans: list[tuple[int, int]] = []
    for quote in quotes:
        start = text.find(quote)
        if start >= 0 and all(start >= e or start + len(quote) <= s for s, e in spans):
            spans.append((start, start + len(quote)))
    segments, pos = [], 0
    for start, end in sorted(spans):
        if start > pos:
            segments.append(Segment(text[pos:start]))
        segments.append(Segment(text[start:end], mark=True))
        pos = end
    if pos < len(text):
        segments.append(Segment(text[pos:]))
    return segments


def task_segments(task: Task) -> list[Segment]:
    """A task's text with its dates and quantities marked."""
    quotes = [d.quote for d in task.dates] + [q.quote for q in task.quantities]
    return marked_segments(task.text, quotes)


def notice_segments(site: Site, block: Block, from_page: str) -> list[Segment]:
    """A task's entry in the full notice, with its number and unit names linked."""
    if block.kind != "task":
        return [Segment(block.text)]
    task = site.task(block.number)
    raw = block.text
    start = raw.find(task.text) if task.text else -1
    head_end = start if start > 0 else 0
    segments = []
    if head_end:
        segments.append(Segment(raw[:head_end], href=paths.href(from_page, paths.page_of(task))))
    pos = head_end + (len(task.text) if start >= 0 else 0)
    segments.append(Segment(raw[head_end:pos]))
    for assignment in task.assignments:
        found = raw.find(assignment.written, pos)
        if found < 0:
            continue
        if found > pos:
            segments.append(Segment(raw[pos:found]))
        href = paths.href(from_page, paths.page_of(assignment.unit))
        segments.append(Segment(assignment.written, href=href))
        pos = found + len(assignment.written)
    if pos < len(raw):
        segments.append(Segment(raw[pos:]))
    return segments
