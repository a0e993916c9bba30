"""Calendars put together from serialised events (hooks/fengong/pages/calendars.py) are the
bytes icalendar writes for the same calendar: folding, escaping, CRLF and nested alarms."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
from fengong.data.load import load_site
from fengong.pages import paths
from fengong.pages.calendars import HEADER, all_day_event, task_events, vcalendar
from fengong.pages.downloads import download_files

ROOT = Path(__file__).resolve().parent.parent
STAMP = datetime(2020, 3, 2, tzinfo=UTC)


@pytest.fixture(scope="module")
def site():
    site, _warnings = load_site(ROOT / "data")
    return site


def icalendar_bytes(name: str, events: list[icalendar.Event]) -> bytes:
    """What icalendar itself writes for the calendar."""
    cal = icalendar.Calendar()
    for key, value in (*HEADER, ("x-wr-calname", name)):
        cal.add(key, value)
    for event in events:
        cal.add_component(event)
    return cal.to_ical()


def made_by_hand() -> list[icalendar.Event]:
    long = "区人力资源社会保障局、区财政局，区发展改革委；" * 6 + "\n第二段：“原文”\\"
    first = all_day_event("a@fengong", STAMP, date(2020, 7, 1), "任务1：截止", long, "")
    second = all_day_event(
        "b@fengong", STAMP, date(2020, 7, 10), "报送截止", "短", "https://example.org/" + "x" * 90
    )
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", "一周后（2020年7月10日）截止：" + "报送上半年工作情况" * 5)
    alarm.add("trigger", timedelta(days=-7, hours=9))
    second.add_component(alarm)
    return [first, second]


@pytest.mark.parametrize("name", ["区人力资源社会保障局：" * 8 + "时间节点", "短"])
def test_a_calendar_of_serialised_events_is_what_icalendar_writes(name):
    events = made_by_hand()
    made = vcalendar(name, [event.to_ical() for event in events])
    assert made == icalendar_bytes(name, events)
    assert b"\r\n " in made  # the long lines were folded, so folding is compared too
    assert b"BEGIN:VALARM" in made
    assert made.count(b"\r\n") == made.count(b"\n")  # every line ends in CRLF


def test_a_calendar_without_events_is_what_icalendar_writes():
    assert vcalendar("空", []) == icalendar_bytes("空", [])


def test_the_notices_task_events_make_the_calendar_icalendar_writes(site):
    def url_of(item) -> str:
        return "https://example.org/fengong/" + paths.item_url(item)

    events = [e for task in site.tasks for e in task_events(site, task, url_of, "", STAMP)]
    assert len(events) >= 6  # the notice's dated tasks: deadlines and a period's two days
    made = vcalendar("全部", [event.to_ical() for event in events])
    assert made == icalendar_bytes("全部", events)


def test_a_units_calendar_holds_the_notices_events_of_its_tasks(site):
    """A task's event is serialised once and shared: the unit's calendar holds the very
    lines the notice's calendar has for the unit's tasks, and its reporting deadlines."""
    files = download_files(site)
    unit = site.unit("renshe")
    notice = icalendar.Calendar.from_ical(files[paths.ALL_ICS])
    own = icalendar.Calendar.from_ical(files[paths.unit_download(unit, "ics")])
    by_uid = {str(e["UID"]): e.to_ical() for e in notice.walk("VEVENT")}
    tasks = {f"task-{t.number}-" for t in site.tasks_of(unit)}
    shared = [e for e in own.walk("VEVENT") if str(e["UID"]).startswith(tuple(tasks))]
    assert shared
    for event in shared:
        assert event.to_ical() == by_uid[str(event["UID"])]
    reports = [e for e in own.walk("VEVENT") if str(e["UID"]).startswith("report-")]
    assert reports and all(str(e["UID"]).endswith(f"-{unit.id}@fengong") for e in reports)
