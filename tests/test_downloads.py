"""The site's downloads (hooks/fengong/downloads.py) on the real notice: every file opens,
holds what the data says, and comes out byte-identical on every build."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date
from pathlib import Path

import icalendar
import openpyxl
import pytest
from fengong import paths
from fengong.downloads import (
    ALL_COLUMNS,
    LEDGER_COLUMNS,
    download_files,
)
from fengong.export import notice_json
from fengong.load import load_site

ROOT = Path(__file__).resolve().parent.parent
SITE_URL = "https://example.org/fengong/"
BOM = "\ufeff".encode()


def url_of(item) -> str:
    return SITE_URL + paths.item_url(item)


@pytest.fixture(scope="module")
def site():
    site, _warnings = load_site(ROOT / "data")
    return site


@pytest.fixture(scope="module")
def files(site) -> dict[str, bytes]:
    return download_files(site, url_of)


def sheet_rows(data: bytes, sheet: str) -> list[tuple]:
    ws = openpyxl.load_workbook(io.BytesIO(data))[sheet]
    return [tuple("" if v is None else v for v in row) for row in ws.iter_rows(values_only=True)]


def csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(BOM)
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def events(data: bytes) -> dict[str, icalendar.Event]:
    cal = icalendar.Calendar.from_ical(data)
    found = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    assert len(found) == len(cal.walk("VEVENT")), "duplicate UIDs"
    return found


def span(event: icalendar.Event) -> tuple[date, date]:
    """First day and exclusive end of an all-day event."""
    return event.decoded("DTSTART"), event.decoded("DTEND")


def ledger(files, site, unit_id: str) -> list[tuple]:
    rows = sheet_rows(files[paths.unit_download(site.unit(unit_id), "xlsx")], "任务台账")
    assert rows[1] == tuple(h for h, _ in LEDGER_COLUMNS)  # row 1 is the title
    return rows[2:]


# Every file, every time the same.


def test_every_download_is_there(site, files):
    expected = {paths.ALL_JSON, paths.ALL_CSV, paths.ALL_XLSX, paths.ALL_ICS}
    for unit in site.units:
        expected |= {paths.unit_download(unit, ext) for ext in ("xlsx", "csv", "ics")}
    assert set(files) == expected
    assert len(site.units) == 40 and len(files) == 4 + 3 * 40


def test_download_names_are_known_before_the_files_are_made(site, files):
    # The build lists these with the site's files before a worker has made them.
    assert paths.download_names(site) == list(files)


def test_two_calls_give_identical_bytes(site, files):
    again = download_files(site, url_of)
    assert [name for name in files if files[name] != again[name]] == []


def test_xlsx_carries_no_clock_time(files):
    # Byte equality within one run cannot see the clock move; check the stamps themselves.
    for name, data in files.items():
        if not name.endswith(".xlsx"):
            continue
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            assert {info.date_time for info in zf.infolist()} == {(2020, 4, 29, 0, 0, 0)}, name
            core = zf.read("docProps/core.xml").decode()
        assert core.count("2020-04-29T00:00:00Z") == 2, name  # created and modified


def test_ics_stamped_with_notice_date(files):
    for name, data in files.items():
        if name.endswith(".ics"):
            for event in icalendar.Calendar.from_ical(data).walk("VEVENT"):
                assert event["DTSTAMP"].to_ical() == b"20200429T000000Z", name


# The whole notice.


def test_json_is_the_export(site, files):
    data = files[paths.ALL_JSON]
    assert "区人力社保局".encode() in data  # not \u-escaped
    assert json.loads(data) == notice_json(site, url_of)


def expected_assignment_rows(site) -> list[tuple]:
    roles = {"lead": "牵头", "partner": "参与"}
    return [
        (t.number, a.written, a.unit.id, roles[a.role], a.position, url_of(t))
        for t in site.tasks
        for a in t.assignments
    ]


def test_all_xlsx_rows_match_data(site, files):
    rows = sheet_rows(files[paths.ALL_XLSX], "任务分工")
    assert rows[0] == tuple(h for h, _ in ALL_COLUMNS)
    body = rows[1:]
    assert [(r[0], r[4], r[5], r[6], r[7], r[8]) for r in body] == expected_assignment_rows(site)
    assert body[0][1:4] == ("一、支持企业稳定岗位", "（一）加大援企稳岗力度", site.task(1).text)
    # Every task has exactly one lead, listed first.
    leads = [(r[0], r[7]) for r in body if r[6] == "牵头"]
    assert leads == [(t.number, 1) for t in site.tasks]


def test_all_xlsx_explains_itself(site, files):
    about = dict(sheet_rows(files[paths.ALL_XLSX], "说明"))
    assert about["文号"] == "大足府办发〔2020〕41号"
    assert about["成文日期"] == "2020年4月29日"
    assert "牵头单位" in about["角色"] and "参与" in about["角色"]
    assert site.reporting.text in about["报送要求"]


def test_all_csv_matches_xlsx(files):
    from_csv = csv_rows(files[paths.ALL_CSV])
    from_xlsx = sheet_rows(files[paths.ALL_XLSX], "任务分工")
    assert from_csv == [[str(v) for v in row] for row in from_xlsx]


def test_notice_calendar(site, files):
    found = events(files[paths.ALL_ICS])
    assert span(found["task-1-deadline-2021-04-30@fengong"]) == (
        date(2021, 4, 30),
        date(2021, 5, 1),
    )
    assert span(found["task-1-deadline-2020-12-31@fengong"]) == (
        date(2020, 12, 31),
        date(2021, 1, 1),
    )
    assert span(found["task-32-period-2020-01-01@fengong"]) == (date(2020, 1, 1), date(2021, 1, 1))
    assert span(found["task-33-period-2020-01-01@fengong"]) == (date(2020, 1, 1), date(2021, 1, 1))
    assert span(found["report-2020-07@fengong"]) == (date(2020, 7, 1), date(2020, 7, 11))
    assert span(found["report-2021-01@fengong"]) == (date(2021, 1, 1), date(2021, 1, 11))
    assert len(found) == sum(len(t.dates) for t in site.tasks) + 2
    task1 = found["task-1-deadline-2021-04-30@fengong"]
    assert "实施期限延长至2021年4月30日" in str(task1["DESCRIPTION"])
    assert site.task(1).text in str(task1["DESCRIPTION"])
    assert str(task1["URL"]) == SITE_URL + "tasks/1/"
    assert site.reporting.text in str(found["report-2020-07@fengong"]["DESCRIPTION"])


# Each unit.


def test_renshe_ledger(site, files):
    rows = ledger(files, site, "renshe")
    assert len(rows) == 40
    assert sum(r[4] == "牵头" for r in rows) == 29
    first = rows[0]
    assert first[0] == 1 and first[4] == "牵头"
    assert (
        first[5]
        == "区发展改革委、区经济信息委、区财政局、区生态环境局、区国资委、经开区经发局、区税务局"
    )
    assert first[6] == "实施期限延长至2021年4月30日；实施期限均延长至2020年12月31日"
    assert site.reporting.text in first[7] and "2020年7月上旬" in first[7]
    assert "2021年1月上旬" in first[7]
    assert first[8] == "" and first[9] == SITE_URL + "tasks/1/"


@pytest.mark.parametrize("unit_id", ["renshe", "zhenjie", "fagai", "xinfang"])
def test_ledger_rows_match_data(site, files, unit_id):
    unit = site.unit(unit_id)
    rows = ledger(files, site, unit_id)
    assert [r[0] for r in rows] == [t.number for t in site.tasks_of(unit)]
    for row, task in zip(rows, site.tasks_of(unit), strict=True):
        role = task.role_of(unit)
        assert row[4] == {"lead": "牵头", "partner": "参与"}[role]
        others = [
            a.written + ("（牵头）" if a.role == "lead" else "")
            for a in task.assignments
            if a.unit.id != unit.id
        ]
        assert row[5] == "、".join(others)  # the notice's order, lead marked
        assert bool(row[7]) == (role == "lead")
    assert csv_rows(files[paths.unit_download(unit, "csv")])[1:] == [
        [str(v) for v in row] for row in rows
    ]


def test_group_unit_has_a_ledger(site, files):
    rows = ledger(files, site, "zhenjie")
    assert len(rows) == 29 and sum(r[4] == "牵头" for r in rows) == 1
    row32 = next(r for r in rows if r[0] == 32)
    assert row32[4] == "参与" and row32[5] == "区人力社保局（牵头）、区财政局"


def test_ledger_prints_on_a4_landscape(site, files):
    wb = openpyxl.load_workbook(io.BytesIO(files[paths.unit_download(site.unit("renshe"), "xlsx")]))
    ws = wb["任务台账"]
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.paperSize == 9  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows == "$2:$2"
    assert ws.freeze_panes == "A3"
    assert ws["J3"].hyperlink.target == SITE_URL + "tasks/1/"
    assert ws["D3"].alignment.wrap_text


@pytest.mark.parametrize("unit_id", ["renshe", "zhenjie", "fagai", "xinfang", "caizheng"])
def test_unit_calendar(site, files, unit_id):
    unit = site.unit(unit_id)
    found = events(files[paths.unit_download(unit, "ics")])
    tasks = site.tasks_of(unit)
    task_uids = {uid for uid in found if uid.startswith("task-")}
    assert {int(uid.split("-")[1]) for uid in task_uids} == {t.number for t in tasks if t.dates}
    assert len(task_uids) == sum(len(t.dates) for t in tasks)
    reports = sorted(uid for uid in found if uid.startswith("report-"))
    if site.tasks_led(unit):
        assert reports == [f"report-2020-07-{unit_id}@fengong", f"report-2021-01-{unit_id}@fengong"]
        assert span(found[reports[0]]) == (date(2020, 7, 1), date(2020, 7, 11))
        assert str(found[reports[0]]["URL"]) == SITE_URL + f"units/{unit_id}/"
    else:
        assert reports == []


def test_every_unit_calendar_parses(site, files):
    for unit in site.units:
        found = events(files[paths.unit_download(unit, "ics")])
        has_reports = any(uid.startswith("report-") for uid in found)
        assert has_reports == bool(site.tasks_led(unit)), unit.id


def test_renshe_calendar_dates(site, files):
    found = events(files[paths.unit_download(site.unit("renshe"), "ics")])
    assert span(found["task-1-deadline-2021-04-30@fengong"])[0] == date(2021, 4, 30)
    assert span(found["task-1-deadline-2020-12-31@fengong"])[0] == date(2020, 12, 31)
    assert span(found["task-32-period-2020-01-01@fengong"]) == (date(2020, 1, 1), date(2021, 1, 1))
