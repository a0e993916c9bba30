"""The site's downloads (hooks/fengong/pages/downloads.py) on the real notice: every file opens,
holds what the data says, and comes out byte-identical on every build."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path

import icalendar
import openpyxl
import pytest
from fengong.data.load import load_site
from fengong.pages import paths
from fengong.pages.downloads import (
    ALL_COLUMNS,
    LEDGER_COLUMNS,
    download_files,
)
from fengong.pages.export import notice_json
from openpyxl.utils import get_column_letter

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


HEADER = tuple(h for h, _ in LEDGER_COLUMNS)


def ledger(files, site, unit_id: str) -> list[tuple]:
    """The ledger's table rows, below its title, what it states once and its header row."""
    rows = sheet_rows(files[paths.unit_download(site.unit(unit_id), "xlsx")], "任务台账")
    return rows[rows.index(HEADER) + 1 :]


def above_table(files, site, unit_id: str) -> list[str]:
    """The ledger's rows above its header, first cells: the title and what it states once."""
    rows = sheet_rows(files[paths.unit_download(site.unit(unit_id), "xlsx")], "任务台账")
    return [row[0] for row in rows[: rows.index(HEADER)]]


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
            # XlsxWriter stamps every entry with zip's epoch, whatever the clock says.
            assert {info.date_time for info in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}, name
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
    loaded = json.loads(data)
    # Beside the export, each task's status (落实情况) and its period: none before any report.
    for task in loaded["tasks"]:
        assert (task.pop("status"), task.pop("status_period")) == (None, None)
    assert loaded == notice_json(site, url_of)


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
    assert [(r[0], r[4], r[5], r[6], r[7], r[-1]) for r in body] == expected_assignment_rows(site)
    assert {r[8:10] for r in body} == {("", "")}  # 落实情况, 报送期: no report yet
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
    # A period is its first and its last day (the first keeps the UID the period had).
    for n in (32, 33):
        assert span(found[f"task-{n}-period-2020-01-01@fengong"]) == (
            date(2020, 1, 1),
            date(2020, 1, 2),
        )
        assert span(found[f"task-{n}-period-2020-01-01-end@fengong"]) == (
            date(2020, 12, 31),
            date(2021, 1, 1),
        )
        assert "实施期开始" in str(found[f"task-{n}-period-2020-01-01@fengong"]["SUMMARY"])
        assert "实施期结束" in str(found[f"task-{n}-period-2020-01-01-end@fengong"]["SUMMARY"])
    # A reporting window (本年度7月上旬) is its deadline, the window's last day.
    assert span(found["report-2020-07@fengong"]) == (date(2020, 7, 10), date(2020, 7, 11))
    assert span(found["report-2021-01@fengong"]) == (date(2021, 1, 10), date(2021, 1, 11))
    assert "2020年7月1日至7月10日" in str(found["report-2020-07@fengong"]["SUMMARY"])
    periods = sum(d.kind == "period" for t in site.tasks for d in t.dates)
    assert len(found) == sum(len(t.dates) for t in site.tasks) + periods + 2
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
    # In date order, each with the notice's words.
    assert first[6] == (
        "截止：2020年12月31日（原文：实施期限均延长至2020年12月31日）；"
        "截止：2021年4月30日（原文：实施期限延长至2021年4月30日）"
    )
    assert (first[7], first[8]) == (datetime(2020, 12, 31), datetime(2021, 4, 30))
    assert first[9:12] == ("", "", "")  # 状态, 进展情况, 佐证材料: the unit fills them
    assert first[12] == SITE_URL + "tasks/1/"
    assert first[13:] == (site.task(1).id, "renshe", "v1")  # what the return is read by
    assert "报送要求" not in HEADER  # stated once, above the table
    title, duty, *windows, filling = above_table(files, site, "renshe")
    assert title.startswith("区人力社保局任务台账")
    assert site.reporting.text in duty
    assert [w.strip() for w in windows] == [
        "2020年7月1日至7月10日：报送上半年工作情况（通知原文：“本年度7月上旬”）",
        "2021年1月1日至1月10日：报送上年度工作情况（通知原文：“次年度1月上旬”）",
    ]
    assert filling.startswith("填报：本单位牵头的29项任务")


def test_ledger_dates_are_excel_dates(site, files):
    ws = openpyxl.load_workbook(
        io.BytesIO(files[paths.unit_download(site.unit("renshe"), "xlsx")])
    )["任务台账"]
    header = [c.value for c in next(r for r in ws.iter_rows() if r[0].value == "序号")]
    row = next(r for r in ws.iter_rows() if r[0].value == 32)
    first, last = (row[header.index(name)] for name in ("开始日期", "截止日期"))
    assert (first.value, last.value) == (datetime(2020, 1, 1), datetime(2020, 12, 31))
    assert first.is_date and first.number_format == "yyyy-mm-dd"
    undated = next(r for r in ws.iter_rows() if r[0].value == 8)
    assert undated[header.index("时间节点")].value == "通知未写明时限"
    assert undated[header.index("开始日期")].value is None


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
        dates = [d.end or d.start for d in task.dates]
        assert row[8] == (datetime.fromisoformat(max(dates)) if dates else "")
    # The duty is stated above the table for a unit that leads, and only for one; every
    # ledger then says what the unit fills in.
    assert len(above_table(files, site, unit_id)) == (5 if site.tasks_led(unit) else 2)
    as_csv = csv_rows(files[paths.unit_download(unit, "csv")])
    assert as_csv[0] == list(HEADER)
    assert as_csv[1:] == [
        [v.date().isoformat() if isinstance(v, datetime) else str(v) for v in row] for row in rows
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
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    # one page wide (1, the format's default, is left out of the file), as many tall as needed
    assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0
    # the title, the duty in three lines, what to fill in, then the header
    assert ws.print_title_rows == "$6:$6"
    assert ws.freeze_panes == "A7"
    assert ws["M7"].hyperlink.target == SITE_URL + "tasks/1/"
    assert ws["D7"].alignment.wrap_text


@pytest.mark.parametrize("unit_id", ["renshe", "zhenjie", "fagai", "xinfang", "caizheng"])
def test_unit_calendar(site, files, unit_id):
    unit = site.unit(unit_id)
    found = events(files[paths.unit_download(unit, "ics")])
    tasks = site.tasks_of(unit)
    task_uids = {uid for uid in found if uid.startswith("task-")}
    assert {int(uid.split("-")[1]) for uid in task_uids} == {t.number for t in tasks if t.dates}
    # a period is two events, its first and last day
    assert len(task_uids) == sum(1 + (d.kind == "period") for t in tasks for d in t.dates)
    reports = sorted(uid for uid in found if uid.startswith("report-"))
    if site.tasks_led(unit):
        assert reports == [f"report-2020-07-{unit_id}@fengong", f"report-2021-01-{unit_id}@fengong"]
        assert span(found[reports[0]]) == (date(2020, 7, 10), date(2020, 7, 11))
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
    assert span(found["task-32-period-2020-01-01@fengong"]) == (date(2020, 1, 1), date(2020, 1, 2))
    assert span(found["task-32-period-2020-01-01-end@fengong"])[0] == date(2020, 12, 31)


def test_no_calendar_event_fills_more_than_a_day(files):
    """A year-long event fills the all-day strip of every day of that year."""
    for name, data in files.items():
        if name.endswith(".ics"):
            for uid, event in events(data).items():
                first, end = span(event)
                assert (end - first).days == 1, (name, uid)


def test_reminders_before_each_reporting_deadline(site, files):
    for name in (paths.ALL_ICS, paths.unit_download(site.unit("renshe"), "ics")):
        reports = [e for uid, e in events(files[name]).items() if uid.startswith("report-")]
        assert len(reports) == 2
        for event in reports:
            triggers = [a.decoded("TRIGGER") for a in event.walk("VALARM")]
            assert triggers == [timedelta(days=-7, hours=9), timedelta(days=-1, hours=9)]
            assert all(t < timedelta(0) for t in triggers)  # before the deadline's day
            assert all(a["ACTION"] == "DISPLAY" for a in event.walk("VALARM"))
    tasks_only = events(files[paths.unit_download(site.unit("xinfang"), "ics")])
    assert not [e for e in tasks_only.values() if e.walk("VALARM")]


# Without a public address (hooks/fengong/pages/address.py), no file names one.


def test_no_address_without_url_of(site):
    files = download_files(site)
    assert set(files) == set(paths.download_names(site))
    for name, data in files.items():
        if name.endswith(".xlsx"):
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                data = b"".join(zf.read(n) for n in zf.namelist() if "sheet" in n)
            assert b"hyperlink" not in data, name
        assert b"https://" not in data and b"http://" not in data.replace(b"http://schemas", b""), (
            name
        )
    assert "url" not in json.loads(files[paths.ALL_JSON])["tasks"][0]
    assert csv_rows(files[paths.ALL_CSV])[0] == [h for h, _ in ALL_COLUMNS if h != "任务网址"]
    renshe = csv_rows(files[paths.unit_download(site.unit("renshe"), "csv")])
    assert renshe[0] == [h for h in HEADER if h != "任务网址"]
    assert all("URL" not in e for e in events(files[paths.ALL_ICS]).values())


def test_ledger_comes_back(site, files):
    """What makes the ledger returnable (scripts/import_progress.py reads it): a very hidden
    sheet naming unit, notice, revision and format; hidden task ids the unit cannot unhide; a
    drop-down of the statuses; the table's cells unlocked, since Excel sorts and deletes rows
    on a protected sheet only where no cell is locked; the header locked; the rows of tasks
    the unit only shares grey."""
    from fengong import ledger as words

    unit = site.unit("renshe")
    wb = openpyxl.load_workbook(io.BytesIO(files[paths.unit_download(unit, "xlsx")]))
    meta = wb[words.META_SHEET]
    assert meta.sheet_state == "veryHidden"
    assert dict(meta.iter_rows(values_only=True)) == {
        "format": words.FORMAT_VERSION,
        "unit": "renshe",
        "doc_number": "大足府办发〔2020〕41号",
        "revision": "v1",
    }
    ws = wb[words.LEDGER_SHEET]
    assert ws.protection.sheet
    p = ws.protection
    allowed = (p.sort, p.autoFilter, p.insertRows, p.insertColumns, p.deleteRows, p.formatRows)
    assert allowed == (False,) * 6
    assert (p.formatColumns, p.deleteColumns) == (True, True)  # unhiding the ids: forbidden
    header = [c.value for c in ws[6]]
    col = {h: i for i, h in enumerate(header)}
    assert all(c.protection.locked for c in ws[6])
    for h in words.ID_HEADERS:
        assert ws.column_dimensions[get_column_letter(col[h] + 1)].hidden, h
    (choices,) = ws.data_validations.dataValidation
    assert choices.formula1 == '"已完成,序时推进,滞后,未启动"'
    assert str(choices.sqref) == "J7:J46"
    open_cells = set()
    for row in ws.iter_rows(min_row=7):
        assert not any(c.protection.locked for c in row)
        grey = row[col[words.STATUS_HEADER]].fill.fgColor.rgb != "00000000"
        if not grey:
            for h in (words.STATUS_HEADER, words.PROGRESS_HEADER, words.EVIDENCE_HEADER):
                open_cells.add((row[col[words.TASK_ID_HEADER]].value, h))
    led = {t.id for t in site.tasks_led(unit)}
    assert open_cells == {(i, h) for i in led for h in ("状态", "进展情况", "佐证材料")}
