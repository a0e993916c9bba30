"""The task index (/tasks/) and the unit finder (/units/) in Chromium: the plain grouped list
without JavaScript; with it, search and filters whose state lives in the URL, on first load,
as you type, and across Material's instant navigation; data shown as text, never markup."""

from __future__ import annotations

import contextlib
import shutil
from urllib.parse import parse_qsl, urlsplit

import pytest
from accessibility import serious_accessibility_violations
from chromium import serve
from import_notice import main as import_main
from sitebuild import ROOT, build_site

pytestmark = pytest.mark.browser

RESULT_LINKS = ".fg-task-results .fg-task-result-head > a:first-child"


# --- Helpers ------------------------------------------------------------------------------


@contextlib.contextmanager
def opened(browser, url: str | None = None, **context_options):
    """A page in a fresh context; fails on page errors and on requests to other hosts."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, **context_options)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    page.on(
        "request",
        lambda r: (
            r.url.startswith(("http://127.0.0.1", "data:"))
            or problems.append(f"other host: {r.url}")
        ),
    )
    try:
        if url:
            page.goto(url)
        yield page
        assert not problems, problems
    finally:
        context.close()


def ready(page) -> None:
    """The page has loaded what it shows: the first view, or the view after the last input
    (the search runs as the index's files arrive; meanwhile the box is aria-busy)."""
    page.wait_for_selector("#fg-task-search[data-ready]:not([aria-busy])")


def shown_tasks(page, site) -> list[int]:
    """The task numbers the result list shows, in order (links are to tasks/<id>/)."""
    by_id = {t.id: t.number for t in site.tasks}
    hrefs = page.eval_on_selector_all(RESULT_LINKS, "links => links.map(a => a.href)")
    return [by_id[int(urlsplit(h).path.strip("/").split("/")[-1])] for h in hrefs]


def query_of(page) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(page.url).query)


def expected(site, unit=None, role=None, part=None, clause=None, tag=None, dated=None):
    """The tasks a filter keeps, in the notice's order, worked out from the model."""
    kept = []
    for t in site.tasks:
        if part and t.part != int(part):
            continue
        if clause and t.clause != int(clause):
            continue
        if unit and not any(
            a.unit.id == unit and (role != "lead" or a.role == "lead") for a in t.assignments
        ):
            continue
        if tag and tag not in {g.id for g in t.tags}:
            continue
        if dated and not t.dates:
            continue
        kept.append(t.number)
    return kept


# --- Without JavaScript: the plain grouped list ---------------------------------------------


def test_without_javascript_the_page_is_the_grouped_list(browser, server, site_model):
    with opened(
        browser, server + "tasks/?q=失业保险&unit=renshe", java_script_enabled=False
    ) as page:
        assert not page.locator("#fg-task-search").is_visible()
        items = page.locator(".fg-task-list li")
        assert items.count() == len(site_model.tasks)  # one list item per task, none run together
        heads = items.locator("strong > a").all_inner_texts()
        assert heads == [f"任务{t.number}" for t in site_model.tasks]
        ids = page.eval_on_selector_all(
            ".fg-task-list h2, .fg-task-list h3", "h => h.map(e => e.id)"
        )
        assert [i for i in ids if i.startswith("part-")] == [
            f"part-{p.number}" for p in site_model.parts
        ]
        clauses = [i for i in ids if i.startswith("clause-")]
        assert clauses == [f"clause-{c.number}" for c in site_model.clauses]


# --- Filters from the URL ---------------------------------------------------------------------


FILTERS = [
    {"unit": "renshe", "part": "1"},
    {"unit": "renshe", "role": "lead"},
    {"unit": "zhenjie", "role": "lead"},
    {"unit": "nongye-nongcun"},
    {"part": "3", "clause": "11"},
    {"clause": "20"},
    {"tag": "graduates"},
    {"tag": "unemployed", "unit": "renshe"},
    {"dated": "1"},
    {"unit": "caizheng", "dated": "1"},
    {"part": "1", "clause": "20"},  # a clause outside the part: nothing
]


@pytest.mark.parametrize("state", FILTERS, ids=lambda s: "&".join(f"{k}={v}" for k, v in s.items()))
def test_filters_from_the_url(browser, server, site_model, state):
    query = "&".join(f"{k}={v}" for k, v in state.items())
    with opened(browser, f"{server}tasks/?{query}") as page:
        ready(page)
        want = expected(site_model, **state)
        assert shown_tasks(page, site_model) == want
        count = page.locator(".fg-task-count").inner_text()
        if want:
            assert count == f"找到 {len(want)} 项任务"
        else:  # and what to drop (tests/browser/test_phone.py)
            assert count.startswith("没有找到符合条件的任务。可取消筛选："), count
        assert not page.locator(".fg-task-list").is_visible()
        for name, value in state.items():  # the form shows the state
            field = page.locator(f"[name={name}]")
            if name == "dated":
                assert field.is_checked()
            else:
                assert field.input_value() == value


def test_query_and_filters_from_the_url_rank_and_filter(browser, server, site_model):
    with opened(browser, server + "tasks/?q=失业保险&part=6") as page:
        ready(page)
        assert shown_tasks(page, site_model) == [54, 53]  # 54 says 失业保险 twice, 53 thrice
        assert page.locator(".fg-task-results mark").first.inner_text() == "失业保险"
        lead = page.locator(".fg-task-result-lead a").first
        assert lead.inner_text() == "区人力社保局" and lead.get_attribute("href").endswith(
            "/units/renshe/"
        )
        # Material opens its own search for ?q= on any page; here q belongs to the page.
        assert not page.locator("#__search").is_checked()
        assert ("q", "失业保险") in query_of(page)


def test_unknown_values_are_dropped(browser, server, site_model):
    with opened(browser, server + "tasks/?unit=nowhere&part=99&tag=x") as page:
        ready(page)
        assert page.locator(".fg-task-list").is_visible()
        assert page.locator(".fg-task-count").inner_text() == f"共 {len(site_model.tasks)} 项任务"
        assert urlsplit(page.url).query == ""


def test_without_the_index_the_list_stays(browser, server):
    context = browser.new_context()
    page = context.new_page()
    try:
        page.route("**/search/fengong-index.json", lambda route: route.fulfill(status=404))
        page.goto(server + "tasks/?q=失业保险")
        page.wait_for_function(
            "() => document.querySelector('.fg-task-count').textContent.includes('暂时不可用')"
        )
        assert page.locator(".fg-task-list").is_visible()
        assert not page.locator(".fg-task-form").is_visible()
    finally:
        context.close()


def test_without_the_facets_the_list_stays(browser, server):
    context = browser.new_context()
    page = context.new_page()
    try:
        page.route("**/search/fengong/tasks.json*", lambda route: route.fulfill(status=404))
        page.goto(server + "tasks/?unit=renshe")
        page.wait_for_function(
            "() => document.querySelector('.fg-task-count').textContent.includes('暂时不可用')"
        )
        assert page.locator(".fg-task-list").is_visible()
    finally:
        context.close()


def test_each_view_loads_only_what_it_shows(browser, server, site_model):
    """The plain list needs only the manifest; filters add the facets and the blocks of the
    tasks shown; a query the shards of its terms."""
    with opened(browser) as page:
        requested: list[str] = []
        # (the manifest, search/fengong-index.json, is fetched by this page and by the header
        # search's worker; the files it names are in search/fengong/)
        page.on("request", lambda r: "/search/fengong/" in r.url and requested.append(r.url))
        page.goto(server + "tasks/")
        ready(page)
        assert requested == []
        assert page.locator(".fg-task-count").inner_text() == f"共 {len(site_model.tasks)} 项任务"
        page.select_option("[name=part]", "2")
        ready(page)
        loaded = {urlsplit(u).path.rsplit("/", 1)[-1] for u in requested}
        assert {"tasks.json", "units.json", "d0.json"} <= loaded
        assert not any(name.startswith("t") and name[1].isdigit() for name in loaded)
        page.locator("#fg-task-q").fill("培训")
        ready(page)
        loaded = {urlsplit(u).path.rsplit("/", 1)[-1] for u in requested}
        assert any(name.startswith("t") and name[1].isdigit() for name in loaded)
        # Each carries the build's version (from the manifest), so the browser may keep it.
        assert all("?v=" in u for u in requested)


# --- Typing and choosing ----------------------------------------------------------------------


def test_typing_and_choosing_update_results_count_and_url(browser, server, site_model, artifacts):
    renshe = site_model.unit("renshe")
    with opened(browser, server + "tasks/") as page:
        ready(page)
        count = page.locator(".fg-task-count")
        assert count.get_attribute("aria-live") == "polite"
        assert count.inner_text() == f"共 {len(site_model.tasks)} 项任务"
        history = page.evaluate("history.length")

        page.locator("#fg-task-q").fill("人社局")
        ready(page)
        assert count.inner_text() == f"找到 {len(site_model.tasks_of(renshe))} 项任务"
        assert query_of(page) == [("q", "人社局")]
        assert page.locator(".fg-task-results").is_visible()

        page.locator("#fg-task-q").press_sequentially(" 培训")  # a second word narrows
        ready(page)

        def own_words(n: int) -> bool:
            return "培训" in site_model.task(n).text

        def inherited(n: int) -> bool:  # from its clause or part title (43: part 四)
            task = site_model.task(n)
            titles = (site_model.clause_of(task).title, site_model.part(task.part).title)
            return not own_words(n) and any("培训" in title for title in titles)

        shown = shown_tasks(page, site_model)
        assert [n for n in shown if own_words(n)] == shown[:10]
        assert [n for n in shown if inherited(n)] == shown[10:] == [43]

        page.select_option("[name=unit]", "renshe")
        page.select_option("[name=role]", "lead")
        page.check("[name=dated]")
        ready(page)
        assert query_of(page) == [
            ("q", "人社局 培训"),
            ("unit", "renshe"),
            ("role", "lead"),
            ("dated", "1"),
        ]
        assert shown_tasks(page, site_model) == [1]
        page.screenshot(path=str(artifacts / "tasks-search-desktop.png"), full_page=True)

        page.click(".fg-task-form button[type=reset]")
        page.wait_for_function("() => location.search === ''")
        assert page.locator(".fg-task-list").is_visible()
        assert page.evaluate("history.length") == history  # replaceState, never a new entry


def test_mobile_layout(browser, server, artifacts):
    with opened(browser, server + "tasks/?q=创业&unit=renshe") as page:
        page.set_viewport_size({"width": 390, "height": 844})
        ready(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"the page scrolls sideways: {width}px"
        page.screenshot(path=str(artifacts / "tasks-search-mobile.png"), full_page=True)


def test_no_serious_accessibility_violation(browser, server):
    with opened(browser, server + "tasks/?q=培训&unit=renshe") as page:
        ready(page)
        assert serious_accessibility_violations(page, context="#fg-task-search") == []


# --- Material's instant navigation ------------------------------------------------------------


@pytest.fixture(scope="module")
def instant_server(built_site, tmp_path_factory):
    """The site served where its sitemap says it lives: Material navigates instantly only to
    pages its sitemap lists, and site_url (example.org) is not where the tests serve it."""
    site = tmp_path_factory.mktemp("instant") / "site"
    shutil.copytree(built_site, site)
    with serve(site) as base:  # the port is known once the server runs: rewrite it then
        sitemap = site / "sitemap.xml"
        text = sitemap.read_text("utf-8")
        sitemap.write_text(text.replace(_site_root(text), base), "utf-8")
        yield base


def _site_root(sitemap: str) -> str:
    """The site_url the site was built for: the shortest <loc>, the home page's."""
    return min((part.split("</loc>", 1)[0] for part in sitemap.split("<loc>")[1:]), key=len)


def test_matrix_links_show_the_filtered_view_across_instant_navigation(
    browser, instant_server, site_model
):
    base = instant_server
    with opened(browser, base + "units/") as page:
        page.evaluate("window.fgMarker = 1")  # survives only instant navigation
        page.locator(".fg-chart-table summary").first.click()  # the matrix as a table
        page.locator('.fg-chart-table a[href*="unit=renshe&part=3"]').first.click()
        page.wait_for_url("**/tasks/?unit=renshe&part=3")
        ready(page)
        assert page.evaluate("window.fgMarker") == 1, "not an instant navigation"
        assert shown_tasks(page, site_model) == expected(site_model, unit="renshe", part="3")

        # Typing keeps the state in the URL, so back and forward come back to it.
        page.locator("#fg-task-q").fill("创业")
        page.locator(".md-tabs__link", has_text="责任单位").click()
        page.wait_for_url(base + "units/")
        page.go_back()
        page.wait_for_url("**/tasks/?q=*")
        ready(page)
        page.wait_for_function("() => document.getElementById('fg-task-q').value === '创业'")
        # 创业 is in part 三's title (促进劳动者多渠道就业创业): each of its tasks inherits it,
        # found after the tasks whose own text holds it.
        want = expected(site_model, unit="renshe", part="3")
        own = [n for n in want if "创业" in site_model.task(n).text]
        shown = shown_tasks(page, site_model)
        assert sorted(shown) == sorted(want) and sorted(shown[: len(own)]) == sorted(own)
        assert page.evaluate("window.fgMarker") == 1

        # The chart's own links (SVG) load the page afresh: the same view.
        page.goto(base + "units/")
        page.locator('g[data-unit="zhenjie"] a[data-part="7"]').click()
        page.wait_for_url("**/tasks/?unit=zhenjie&part=7")
        ready(page)
        assert shown_tasks(page, site_model) == expected(site_model, unit="zhenjie", part="7")


# --- The unit finder on /units/ --------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "units"),
    [
        ("人社局", ["renshe"]),
        ("区人社局", ["renshe"]),
        ("人力资源和社会保障局", ["renshe"]),
        ("區人力社保局", ["renshe"]),  # traditional
        ("扶贫办", ["nongye-nongcun"]),
        ("镇街", ["zhenjie"]),
        ("各镇街人民政府（办事处）", ["zhenjie"]),  # full-width brackets, written 〔〕
        ("龙水镇", ["zhenjie"]),  # a town: one of the group's members
        ("棠香街道", ["zhenjie"]),
        ("经开区", ["jingkaiqu-jingfa", "jingkaiqu-jianshe"]),
        ("不存在的单位", []),
    ],
)
def test_unit_finder(browser, server, site_model, typed, units):
    with opened(browser, server + "units/") as page:
        page.wait_for_selector(".fg-unit-finder[data-ready]")
        box = page.locator("#fg-unit-q")
        assert page.locator("label[for=fg-unit-q]").inner_text().strip() == "查找单位"
        box.fill(typed)
        rows = page.locator(".fg-sortable tbody tr:not([hidden]) td:first-child a")
        shown = [
            h.rstrip("/").split("/")[-1] for h in rows.evaluate_all("as => as.map(a => a.href)")
        ]
        assert sorted(shown) == sorted(units)
        assert page.locator(".fg-unit-count").inner_text() == f"{len(units)} 个单位"
        if units:
            box.press("Enter")  # to the first unit's page
            page.wait_for_url(f"**/units/{shown[0]}/")
        else:
            box.fill("")
            assert rows.count() == len(site_model.units)


# --- Data is shown as text ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def evil_server(tmp_path_factory):
    """The fixture notice full of markup (tests/fixtures/evil), built and served."""
    base = tmp_path_factory.mktemp("evil-index")
    data = base / "data"
    data.mkdir()
    assert import_main([str(ROOT / "tests/fixtures/evil/notice.txt"), "--data-dir", str(data)]) == 0
    with serve(build_site(base / "site", data)) as url:
        yield url


@pytest.mark.slow
def test_markup_in_the_data_shows_as_text(browser, evil_server):
    with opened(browser, evil_server + "tasks/?q=script") as page:
        ready(page)
        result = page.locator(".fg-task-result").first
        assert "<script>alert(1)</script>" in result.inner_text()
        assert result.locator("mark").first.inner_text() == "script"
        assert (
            page.locator(".fg-task-results script, .fg-task-results b, .fg-task-results i").count()
            == 0
        )
        page.select_option("[name=part]", "1")  # option labels are text too
        assert "<script>" in page.locator("[name=part] option:checked").inner_text()
