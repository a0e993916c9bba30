"""The real site moved into a library with one command (issue #21, "Done when"): every
address of the single-notice build leads to a page with the same heading, every calendar
event id of each unit's .ics is unchanged, a ledger downloaded before the move imports after
it, anchors survive the redirect in a browser, and the library's 404 page links the old
path's new address. Two builds for the module: the single site (conftest's built_site) and
the library the move and one import made of a copy of data/."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import icalendar
import import_notice  # scripts/ is on the tests' path (pyproject.toml)
import import_progress
import pytest
from bs4 import BeautifulSoup
from fengong.data.load import load_library
from library_sample import DAZU, IMPORTED
from openpyxl import load_workbook
from sitebuild import PUBLISHED_AT, ROOT, build_site

pytestmark = pytest.mark.slow
OTHER = "gf-2018-39"
SAMPLE = ROOT / "tests" / "fixtures" / "progress-sample"


@pytest.fixture(scope="module")
def moved(tmp_path_factory) -> tuple[Path, Path]:
    """(data, site): data/ copied, then `import_notice.py 39号 --notice gf-2018-39`, which
    moves the Dazu notice into notices/dzfbf-2020-41/ first; built as published."""
    folder = tmp_path_factory.mktemp("moved-library")
    data = folder / "data"
    shutil.copytree(ROOT / "data", data)
    # The office has received reports (the demo's invented samples): they move too.
    shutil.copytree(SAMPLE, data / "progress", ignore=shutil.ignore_patterns("*.md"))
    code = import_notice.main([str(IMPORTED[OTHER]), "--data-dir", str(data), "--notice", OTHER])
    assert code == 0
    settings = data / "library.yaml"
    assert settings.read_text("utf-8").endswith(f"moved_from_single: {DAZU}\n")
    with settings.open("a", encoding="utf-8") as more:
        more.write(f"site_name: {SITE_NAME}\nowner: {OWNER}\n")
    return data, build_site(folder / "site", data)


SITE_NAME, OWNER = "大足区重点任务分工<库>", "重庆市大足区人民政府办公室"


def test_the_name_and_owner_are_the_datas(moved):
    """library.yaml's site_name and owner: in every page's header and footer, escaped."""
    _, site = moved
    for rel in ("index.html", f"notices/{DAZU}/index.html", "units/renshe/index.html"):
        soup = BeautifulSoup((site / rel).read_text("utf-8"), "html.parser")
        assert soup.select_one(".md-header__topic .md-ellipsis").get_text(strip=True) == SITE_NAME
        assert f"主办单位：{OWNER}" in soup.select_one("footer").get_text()
        assert soup.title.get_text().endswith(f" - {SITE_NAME}")
        assert "<库>" not in (site / rel).read_text("utf-8")


NOTICE_PAGES = ("notice", "tasks", "units", "parts", "timeline", "progress", "changes", "about")


@pytest.mark.parametrize("slug", [DAZU, OTHER])
def test_every_page_of_a_notice_is_reached_from_its_home(moved, slug):
    """The header's tabs are the library's: a notice's home links each of its own pages."""
    _, site = moved
    home = site / "notices" / slug / "index.html"
    soup = BeautifulSoup(home.read_text("utf-8"), "html.parser")
    links = [a["href"] for a in soup.select("nav.fg-notice-pages a")]
    assert links == [f"{name}/" for name in NOTICE_PAGES]
    assert all((home.parent / link / "index.html").is_file() for link in links)


def heading(path: Path) -> str | None:
    h1 = BeautifulSoup(path.read_text("utf-8"), "html.parser").find("h1")
    return h1.get_text(" ", strip=True) if h1 else None


REFRESH = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)">')


def followed(site: Path, rel: str) -> Path:
    """The file an address of the library leads to, through its redirect page if it is one."""
    path = site / rel
    found = REFRESH.search(path.read_text("utf-8"))
    if found is None:
        return path
    return (path.parent / found.group(1) / "index.html").resolve()


def test_every_old_address_leads_to_the_same_heading(built_site, moved):
    _, site = moved
    redirected, pages, missing, changed = 0, 0, [], []
    for path in sorted(built_site.rglob("*")):
        rel = path.relative_to(built_site).as_posix()
        if path.is_dir() or rel in ("sitemap.xml", "sitemap.xml.gz"):
            continue
        if not (site / rel).is_file():
            missing.append(rel)
            continue
        if not rel.endswith("index.html") or rel == "index.html":
            continue
        pages += 1
        target = followed(site, rel)
        redirected += target != site / rel
        if heading(target) != heading(path):
            changed.append((rel, heading(path), heading(target)))
    assert missing == []
    assert changed == []
    # The notice's pages moved (its task pages among them); the units' pages, tasks/ and
    # units/ are the library's own at the same address.
    assert pages == 184 and redirected == 102, (pages, redirected)


def test_the_old_home_is_the_library_home_linking_the_notice(moved):
    _, site = moved
    soup = BeautifulSoup((site / "index.html").read_text("utf-8"), "html.parser")
    assert soup.select_one(f'a[href="notices/{DAZU}/"]') is not None


def test_an_old_task_address_is_the_same_task(built_site, moved):
    """The QR codes printed on every assignment sheet since 2020: /tasks/<id>/."""
    _, site = moved
    for task_id in (1, 23, 63):
        rel = f"tasks/{task_id}/index.html"
        assert followed(site, rel) == site / "notices" / DAZU / rel
        assert heading(followed(site, rel)) == heading(built_site / rel) != None  # noqa: E711


def test_a_redirect_page_works_without_scripts_and_runs_none_inline(moved):
    _, site = moved
    html = (site / "notice" / "index.html").read_text("utf-8")
    soup = BeautifulSoup(html, "html.parser")
    new = f"../notices/{DAZU}/notice/"
    assert soup.select_one('meta[http-equiv="refresh"]')["content"] == f"0; url={new}"
    assert soup.select_one('link[rel="canonical"]')["href"] == (
        f"{PUBLISHED_AT}notices/{DAZU}/notice/"
    )
    assert soup.select_one(f'body a[href="{new}"]') is not None  # a visible link
    scripts = soup.find_all("script")
    assert [s.get("src") for s in scripts] == ["../assets/javascripts/fengong/moved.js"]
    assert all(not s.string for s in scripts)  # the CSP allows no inline script
    assert (site / "assets/javascripts/fengong/moved.js").is_file()


def test_old_downloads_are_the_notices_own_bytes(moved):
    _, site = moved
    for name in ("tasks.json", "tasks.csv", "tasks.xlsx", "notice.ics"):
        old = (site / "downloads" / name).read_bytes()
        assert old == (site / "notices" / DAZU / "downloads" / name).read_bytes()


def event_ids(path: Path) -> set[str]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(event["UID"]) for event in calendar.walk("VEVENT")}


def test_every_calendar_event_id_is_unchanged(built_site, moved):
    """A unit's calendar at its old address keeps every event id (its events in the other
    notice come beside them, carrying that notice); the notice's own calendars too."""
    _, site = moved
    calendars = sorted(built_site.glob("downloads/**/*.ics"))
    assert len(calendars) == 41
    assert sum(len(event_ids(path)) for path in calendars) >= 50  # 76 today
    for path in calendars:
        rel = path.relative_to(built_site)
        before, after = event_ids(path), event_ids(site / rel)
        assert before <= after, rel
        assert all(uid.startswith(f"{OTHER}-") for uid in after - before), rel
        moved_copy = site / "notices" / DAZU / rel
        assert event_ids(moved_copy) == before, rel


def test_the_other_notices_event_ids_carry_it(moved):
    _, site = moved
    for path in sorted((site / "notices" / OTHER / "downloads").glob("**/*.ics")):
        ids = event_ids(path)
        assert all(uid.startswith(f"{OTHER}-") and uid.endswith("@fengong") for uid in ids)


def test_a_ledger_downloaded_before_the_move_imports_after_it(built_site, moved, tmp_path):
    data = shutil.copytree(moved[0], tmp_path / "data")  # the module's data stays as built
    ledger = tmp_path / "区人力社保局-任务台账.xlsx"
    shutil.copy(built_site / "downloads" / "units" / "renshe.xlsx", ledger)
    book = load_workbook(ledger)
    sheet = book["任务台账"]
    header = next(r for r in range(1, 20) if sheet.cell(r, 1).value == "序号")
    columns = {c.value: c.column for c in sheet[header] if c.value}
    row = header + 1
    task_id = sheet.cell(row, columns["任务ID"]).value
    sheet.cell(row, columns["状态"], "已完成")
    book.save(ledger)
    args = [str(ledger), "--period", "2020-H1", "--data-dir", str(data), "--notice", DAZU]
    assert import_progress.main([*args, "--date", "2020-07-08"]) == 0
    written = data / "notices" / DAZU / "progress" / "2020-H1" / "renshe.yaml"
    assert f"- task: {task_id}\n  status: 已完成\n" in written.read_text("utf-8")


def published(page, site: Path) -> str:
    """The page's requests to the published address (PUBLISHED_AT) answered from site/ as
    a web server would: a file, a folder's index.html, else 404.html with status 404."""

    def answer(route):
        rel = route.request.url.removeprefix(PUBLISHED_AT).split("#")[0].split("?")[0]
        path = site / rel
        if path.is_dir():
            path = path / "index.html"
        if path.is_file():
            route.fulfill(status=200, path=str(path))
        else:
            route.fulfill(status=404, path=str(site / "404.html"))

    page.route(PUBLISHED_AT + "**", answer)
    return PUBLISHED_AT


@pytest.mark.browser
def test_an_anchor_survives_the_redirect(browser, moved):
    _, site = moved
    page = browser.new_page()
    try:
        base = published(page, site)
        page.goto(base + "notice/?from=qr#L12")
        page.wait_for_url(f"**/notices/{DAZU}/notice/**")
        assert page.url == f"{base}notices/{DAZU}/notice/?from=qr#L12"
        page.goto(base + "tasks/9/")
        page.wait_for_url(f"**/notices/{DAZU}/tasks/9/")
        assert page.inner_text("h1") == heading(site / "notices" / DAZU / "tasks/9/index.html")
    finally:
        page.close()


@pytest.mark.browser
def test_the_404_page_links_an_old_paths_new_address(browser, moved):
    """An old path no redirect page answers (a link into a page's folder that never was):
    the 404 page offers the same path under the moved notice's folder."""
    _, site = moved
    page = browser.new_page()
    try:
        base = published(page, site)
        page.goto(base + "clauses/9-9/?x=1#top")
        assert page.inner_text("h1") == "页面不存在"
        link = page.locator("#fg-moved a")
        assert link.is_visible()
        assert link.get_attribute("href") == f"{base}notices/{DAZU}/clauses/9-9/?x=1#top"
        page.goto(base + f"notices/{DAZU}/nothing/")
        assert not page.locator("#fg-moved").is_visible()  # already a library address
    finally:
        page.close()


# -- a unit's page across notices: at least the single one ----------------------------------


def unit_soup(site: Path, unit_id: str) -> BeautifulSoup:
    return BeautifulSoup(
        (site / "units" / unit_id / "index.html").read_text("utf-8"), "html.parser"
    )


def test_a_units_page_has_each_notices_dates_duty_and_how_its_led_tasks_stand(moved):
    data, site = moved
    library, _ = load_library(data, shown_dir="data")
    dazu = library.notice(DAZU)
    renshe = dazu.unit("renshe")
    soup = unit_soup(site, "renshe")
    for part in ("led", "shared", "dates", "reporting", "progress"):
        assert soup.find(id=f"notice-1-{part}") is not None, part
    # Lead and shared tasks apart, each linked into the notice's folder.
    led = soup.find(id="notice-1-led").find_next("table")
    shared = soup.find(id="notice-1-shared").find_next("table")
    led_links = [tr.select_one("td a")["href"] for tr in led.select("tbody tr")]
    assert led_links == [f"../../notices/{DAZU}/tasks/{t.id}/" for t in dazu.tasks_led(renshe)]
    shared_links = [tr.select_one("td a")["href"] for tr in shared.select("tbody tr")]
    assert shared_links == [
        f"../../notices/{DAZU}/tasks/{t.id}/" for t in dazu.tasks_shared(renshe) if t.lead
    ]
    # Beside each led task, the unit's latest reported status, as its reports say.
    latest = {}
    for report in sorted(dazu.reports, key=lambda r: r.received):
        if report.unit.id == "renshe":
            latest |= {e.task_id: e.status for e in report.entries}
    assert latest  # the sample reports are renshe's too
    cells = {
        int(tr.select_one("td a").get_text().removeprefix("任务")): tr.select("td")[-1]
        for tr in led.select("tbody tr")
    }
    for task in dazu.tasks_led(renshe):
        light = cells[task.number].select_one(".fg-light")
        if task.id in latest:
            assert light.get_text() == latest[task.id], task.number
        else:
            assert light is None and cells[task.number].get_text() == "未填报"
    # The duty, with the returnable ledger of this notice.
    duty = soup.find(id="notice-1-reporting").find_next("ul")
    assert "报送对象：区就业工作领导小组办公室" in duty.get_text()
    assert duty.select_one("a")["href"] == f"../../notices/{DAZU}/downloads/units/renshe.xlsx"


def test_the_summary_workbook_cannot_be_mistaken_for_a_returnable_one(moved):
    """The unit's workbook across notices has nothing to fill in, and says where each
    notice's returnable ledger is (the address exists)."""
    _, site = moved
    sheet = load_workbook(site / "downloads" / "units" / "renshe.xlsx").active
    header = next(r for r in range(1, 10) if sheet.cell(r, 1).value == "文件")
    headers = [c.value for c in sheet[header] if c.value]
    assert not {"状态", "进展情况", "佐证材料", "任务ID", "单位ID"} & set(headers)
    notes = [sheet.cell(r, 1).value for r in range(2, header)]
    assert "仅供查阅，不能填写后导入" in notes[0]
    where = f"{PUBLISHED_AT}notices/{DAZU}/downloads/units/renshe.xlsx"
    assert notes[1] == f"大足府办发〔2020〕41号：{where}"
    assert (site / where.removeprefix(PUBLISHED_AT)).is_file()


# -- subscriptions: Atom feeds ----------------------------------------------------------------


def test_the_feeds_are_atom_with_ids_from_the_data(moved):
    import feedparser
    from fengong.pages.feeds import library_feeds

    data, site = moved
    library, _ = load_library(data, shown_dir="data")
    library_feed = feedparser.parse((site / "feeds" / "library.xml").read_bytes())
    assert library_feed.bozo == 0 and library_feed.version == "atom10"
    # Each notice and each of its revisions after the first, newest first.
    expected = {f"urn:fengong:notice:{s.notice.slug}" for s in library.sites}
    for lib_site in library.sites:
        slug = lib_site.notice.slug
        expected |= {f"urn:fengong:notice:{slug}:revision:{r.label}" for r in lib_site.history[1:]}
    assert {e.id for e in library_feed.entries} == expected
    assert [e.id for e in library_feed.entries][-1] == f"urn:fengong:notice:{OTHER}"  # 2018
    days = [e.updated for e in library_feed.entries]
    assert days == sorted(days, reverse=True)
    renshe = feedparser.parse((site / "feeds" / "units" / "renshe.xml").read_bytes())
    assert renshe.bozo == 0 and renshe.version == "atom10"
    ids = {e.id for e in renshe.entries}
    assert f"urn:fengong:notice:{DAZU}:unit:renshe" in ids
    reports = sorted(i for i in ids if ":report:" in i)
    sent = sorted(r.period for r in library.notice(DAZU).reports if r.unit.id == "renshe")
    assert reports == sorted(f"urn:fengong:notice:{DAZU}:report:{p}:renshe" for p in sent)
    assert len(reports) == 2  # the sample's 2020-H1 and 2020
    for entry in renshe.entries:
        assert entry.link.startswith(f"{PUBLISHED_AT}notices/{DAZU}/")
        assert (site / entry.link.removeprefix(PUBLISHED_AT) / "index.html").is_file()
    # Made again from the same data: the same bytes, so the same ids and dates.
    again = library_feeds(library, PUBLISHED_AT)
    assert again["feeds/units/renshe.xml"] == (site / "feeds/units/renshe.xml").read_bytes()
    assert again["feeds/library.xml"] == (site / "feeds/library.xml").read_bytes()
    unit_page = unit_soup(site, "renshe")
    assert unit_page.select_one('a[type="application/atom+xml"]')["href"] == (
        "../../feeds/units/renshe.xml"
    )


def test_a_units_print_sheet_carries_each_notices_duty(moved, built_site):
    """The sheet across notices says what the single sheet says of reporting."""
    _, site = moved
    sheet = BeautifulSoup(
        (site / "units/renshe/print/index.html").read_text("utf-8"), "html.parser"
    )
    single = BeautifulSoup(
        (built_site / "units/renshe/print/index.html").read_text("utf-8"), "html.parser"
    )
    duty = sheet.find(id="notice-1-reporting").find_next("ul")
    assert duty.get_text() == single.find(id="reporting").find_next("ul").get_text()
