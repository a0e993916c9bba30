"""The iCalendar downloads: a notice's events, each built and serialised once, and the
calendars put together from those serialised events, byte for byte what icalendar writes.

A task's events are the same in the notice's calendar, in each of its units' and, in a
library, in each unit's calendar across notices; building and serialising them once for all
of these is most of what the calendars cost.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from itertools import chain

import icalendar

from ..model import Site, Task, Unit
from .dated import reporting_items, task_items
from .labels import KIND_LABELS, cn_date

UrlOf = Callable[[Task | Unit], str]  # an item's full address ("" in a build without one)

HEADER = (
    ("prodid", "-//fengong//任务分工//ZH"),
    ("version", "2.0"),
    ("calscale", "GREGORIAN"),
    ("method", "PUBLISH"),
)
_BEGIN, _END = b"BEGIN:VCALENDAR\r\n", b"END:VCALENDAR\r\n"

# Reminders before each reporting deadline: at 9:00 a week before, and the day before.
# An all-day event starts at midnight; the triggers count back from there.
REMINDERS = (
    (timedelta(days=-7) + timedelta(hours=9), "一周后"),
    (timedelta(days=-1) + timedelta(hours=9), "明天"),
)


def vcalendar(name: str, events: Iterable[bytes]) -> bytes:
    """A calendar named `name` (X-WR-CALNAME, after HEADER) holding events already
    serialised by icalendar.Event.to_ical(): the bytes icalendar.Calendar.to_ical() writes
    for the same calendar. Those are the calendar's own properties, each event's lines in
    turn, and END:VCALENDAR: icalendar folds and ends (CRLF) every line on its own, and
    writes VERSION, PRODID, CALSCALE and METHOD first (Calendar.canonical_order), then the
    other properties by name, so the name's line comes after HEADER's."""
    return _head() + _lines((("x-wr-calname", name),)) + b"".join(events) + _END


@cache
def _head() -> bytes:
    """The start every calendar shares: written once, not once a calendar."""
    return _BEGIN + _lines(HEADER)


def _lines(properties: Iterable[tuple[str, str]]) -> bytes:
    """The content lines icalendar writes for these properties of a calendar."""
    cal = icalendar.Calendar()
    for key, value in properties:
        cal.add(key, value)
    return cal.to_ical().removeprefix(_BEGIN).removesuffix(_END)


def calendar_uid(notice_id: str, uid: str) -> str:
    """An event's UID, carrying its notice where two notices' events can meet (a library:
    every notice's 任务1 has a deadline): dzfbf-2020-41-task-3-deadline-2020-07-01@fengong.
    A single-notice site's notice, and the notice a library moved from it, keep the ids they
    always had (notice_id ""), so a calendar app re-importing after the move updates the
    events instead of adding them again. A prefixed id holds its own "task-…@fengong" or
    "report-…@fengong" whole after the slug, so it is longer than, and never equal to, any
    unprefixed id of the same event kind and date."""
    return f"{notice_id}-{uid}" if notice_id else uid


@dataclass(frozen=True, slots=True, kw_only=True)
class NoticeEvents:
    """A notice's calendar events, serialised. Made afresh by each call of
    notice_events (once a build), so nothing outlives a `mkdocs serve` rebuild."""

    site: Site
    url_of: UrlOf
    notice_id: str  # what the event ids start with (calendar_uid)
    stamp: datetime  # every event's DTSTAMP: the notice's day, never the clock
    tasks: Mapping[int, tuple[bytes, ...]]  # task id → its events, each serialised once

    def of(self, unit: Unit | None = None) -> tuple[bytes, ...]:
        """The dated items of the tasks (of one unit, or all), then the reporting deadlines
        (for a unit only if it leads a task)."""
        tasks = self.site.tasks_of(unit) if unit else self.site.tasks
        return (*chain.from_iterable(self.tasks[t.id] for t in tasks), *self._reporting(unit))

    def name(self, unit: Unit | None = None) -> str:
        """The notice's calendar's name (X-WR-CALNAME), or a unit's."""
        name = f"{self.site.notice.doc_number}时间节点"
        return f"{unit.name}：{name}" if unit else name

    def _reporting(self, unit: Unit | None) -> tuple[bytes, ...]:
        """Each reporting window is one event on its last day, the deadline, with reminders
        before it. A unit's own lists what it reports on, so it gets its own UID."""
        site, n = self.site, self.site.notice
        led = site.tasks_led(unit) if unit else ()
        duty = site.reporting
        if not duty or (unit is not None and not led):
            return ()
        made = []
        for item in reporting_items(site):
            description = (
                f"{item.when}：{item.name}，报送{duty.to}。\n\n"
                f"通知原文：“{duty.text}”\n\n{n.doc_number}"
            )
            uid = calendar_uid(
                self.notice_id, f"report-{item.first.year}-{item.first.month:02d}@fengong"
            )
            url = ""
            if unit:
                numbers = "、".join(str(t.number) for t in led)
                url = self.url_of(unit)
                description += f"\n\n本单位牵头的任务（{len(led)}项）：任务{numbers}\n{url}"
                description = description.rstrip()
                uid = uid.replace("@", f"-{unit.id}@")
            summary = f"报送截止：{item.name}（{item.when}报送{duty.to}）"
            event = all_day_event(uid, self.stamp, item.last, summary, description, url)
            for trigger, when in REMINDERS:
                alarm = icalendar.Alarm()
                alarm.add("action", "DISPLAY")
                alarm.add(
                    "description", f"{when}（{cn_date(item.last.isoformat())}）截止：{item.name}"
                )
                alarm.add("trigger", trigger)
                event.add_component(alarm)
            made.append(event.to_ical())
        return tuple(made)


def notice_events(site: Site, url_of: UrlOf, notice_id: str, day: date) -> NoticeEvents:
    """Every task's events, serialised once; day is the notice's (downloads.notice_day)."""
    stamp = datetime.combine(day, time(), UTC)
    tasks = {
        task.id: tuple(
            event.to_ical() for event in task_events(site, task, url_of, notice_id, stamp)
        )
        for task in site.tasks
    }
    return NoticeEvents(site=site, url_of=url_of, notice_id=notice_id, stamp=stamp, tasks=tasks)


def task_events(
    site: Site, task: Task, url_of: UrlOf, notice_id: str, stamp: datetime
) -> list[icalendar.Event]:
    """A task's dated items as all-day events.

    A period (实施期限为2020年1月1日至12月31日) is two events, its first and its last day:
    one event spanning it would fill the all-day strip of every day for a year.
    UIDs stay what they were: a period's first day keeps the UID the period had, so a
    calendar that imported the old file replaces that event."""
    n = site.notice
    events = []
    seen: set[str] = set()
    for item in task_items((task,)):
        uid = calendar_uid(
            notice_id, f"task-{task.number}-{item.kind}-{item.first.isoformat()}@fengong"
        )
        if uid in seen:
            continue
        seen.add(uid)
        units = "、".join(
            a.written + ("（牵头）" if a.role == "lead" else "") for a in task.assignments
        )
        url = url_of(task)
        description = "\n\n".join(
            filter(
                None,
                (
                    f"{KIND_LABELS[item.kind]}：{item.when}",
                    f"通知原文：“{item.quote}”",
                    f"任务{task.number}：{task.text}",
                    f"责任单位：{units}",
                    f"{n.doc_number}\n{url}".strip(),
                ),
            )
        )
        if item.kind == "period" and item.first != item.last:
            days = (
                (uid, item.first, f"任务{task.number}：实施期开始（{item.when}）"),
                (
                    uid.replace("@", "-end@"),
                    item.last,
                    f"任务{task.number}：实施期结束（{item.when}）",
                ),
            )
        else:
            days = ((uid, item.first, f"任务{task.number}：{item.quote}"),)
        for day_uid, day, summary in days:
            events.append(all_day_event(day_uid, stamp, day, summary, description, url))
    return events


def all_day_event(
    uid: str, stamp: datetime, day: date, summary: str, description: str, url: str
) -> icalendar.Event:
    """An event on one whole day."""
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))  # DTEND of an all-day event is exclusive
    event.add("summary", summary)
    event.add("description", description)
    event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
    if url:
        event.add("url", url)
    return event
