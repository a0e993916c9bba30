"""The site for a unit on a phone and for the public (issue 25), in Chromium at 390 px and at
1280 px: the unit finder filters the cards, questions find their tasks, and what the pages
say holds. Screenshots go to test-artifacts/phone-*.png for people to look at.
"""

from __future__ import annotations

import contextlib

import pytest

pytestmark = pytest.mark.browser

DESKTOP, PHONE = (1280, 900), (390, 844)
WIDTHS = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])


@contextlib.contextmanager
def opened(browser, url: str, viewport=PHONE, *, scheme="light", today: str | None = None):
    """A fresh context on url (on the day `today`, ISO, when given); page errors fail the
    test."""
    context = browser.new_context(
        viewport={"width": viewport[0], "height": viewport[1]}, color_scheme=scheme
    )
    page = context.new_page()
    if today:
        page.clock.set_fixed_time(f"{today}T10:00:00")
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    try:
        response = page.goto(url, wait_until="networkidle")
        assert response is not None and response.ok, url
        yield page
        assert not errors, errors
    finally:
        context.close()


def size_name(viewport) -> str:
    return "phone" if viewport == PHONE else "desktop"


# --- Item 1: the unit finder ----------------------------------------------------------------

VISIBLE_UNIT_ROWS = """() => [...document.querySelectorAll("h1#units ~ .fg-sortable tbody tr")]
  .filter(tr => tr.getClientRects().length > 0)
  .map(tr => tr.querySelector("a").textContent.trim())"""


@WIDTHS
def test_the_unit_finder_filters_at_every_width(browser, server, artifacts, viewport):
    """Typing 教育 keeps only 区教委 (又称 区教育委员会…): on a phone the cards go as the
    rows do on a desktop, and the count says what is shown."""
    with opened(browser, server + "units/", viewport) as page:
        page.wait_for_selector(".fg-unit-finder[data-ready]")
        every = page.evaluate(VISIBLE_UNIT_ROWS)
        assert len(every) > 30
        page.locator("#fg-unit-q").fill("教育")
        page.wait_for_function("() => document.querySelector('.fg-unit-count').textContent")
        shown = page.evaluate(VISIBLE_UNIT_ROWS)
        count = page.locator(".fg-unit-count").inner_text()
        assert shown == ["区教委"], shown
        assert count == "1 个单位"
        # The finder is on the first screen of a phone, above the charts.
        box = page.locator("#fg-unit-q").bounding_box()
        assert box["y"] + box["height"] <= viewport[1], box
        first_card = page.locator("h1#units ~ .fg-sortable tbody tr:not([hidden])").first
        assert first_card.bounding_box()["y"] < page.locator("h2#chart").bounding_box()["y"]
        page.screenshot(path=str(artifacts / f"phone-units-finder-{size_name(viewport)}.png"))
        page.locator("#fg-unit-q").fill("")
        page.wait_for_function("() => !document.querySelector('.fg-unit-count').textContent")
        assert len(page.evaluate(VISIBLE_UNIT_ROWS)) == len(every)


def test_home_find_your_unit_opens_the_finder(browser, server):
    with opened(browser, server, PHONE) as page:
        page.locator("h3#查找本单位 a:not(.headerlink)").click()
        page.wait_for_url("**/units/#list")
        page.wait_for_selector(".fg-unit-finder[data-ready]")
        assert page.evaluate("() => document.activeElement.id") == "fg-unit-q"
        box = page.locator("#fg-unit-q").bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE[1], box


# --- Item 8: questions ----------------------------------------------------------------------

UNEMPLOYMENT_INSURANCE = {1, 53, 54, 58}  # the tasks naming 失业保险 (tests/search_queries.yaml)
HEADER_HITS = """() => [...document.querySelectorAll(".md-search-result__item")].map(li => ({
  href: li.querySelector("a").href, text: li.innerText}))"""


def header_search(page, query: str) -> list[dict]:
    """Material's search box answers query: [{href, text}] of the results it lists."""
    page.evaluate(
        """() => document.querySelector(".md-search-result__list").replaceChildren(
             Object.assign(document.createElement("li"), {id: "fg-stale"}))"""
    )
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.press("End")  # Material reads the query on keyup
    page.wait_for_function("() => !document.getElementById('fg-stale')")
    return page.evaluate(HEADER_HITS)


def task_of(href: str, site_model) -> int | None:
    """The task number of a task page's address (pages are named by id), else None."""
    parts = href.split("#")[0].split("?")[0].rstrip("/").split("/")
    by_id = {t.id: t.number for t in site_model.tasks}
    if len(parts) >= 2 and parts[-2] == "tasks" and parts[-1].isdigit():
        return by_id.get(int(parts[-1]))
    return None


@pytest.fixture
def header(browser, server):
    with opened(browser, server, DESKTOP) as page:
        page.keyboard.press("/")
        page.wait_for_function(
            "() => !document.querySelector('.md-search-result__meta').textContent"
            ".includes('初始化')"
        )
        yield page


@pytest.mark.parametrize("query", ["谁负责失业保险", "失业保险 牵头", "失业保险由哪个单位负责？"])
def test_a_question_finds_its_tasks_in_the_header(header, site_model, artifacts, query):
    """The 失业保险 tasks are the first five task results (four of them), each naming its
    lead unit: who is responsible, without opening each hit."""
    hits = header_search(header, query)
    tasks = [(task_of(h["href"], site_model), h["text"]) for h in hits]
    tasks = [(n, text) for n, text in tasks if n is not None]
    assert {n for n, _ in tasks[:5]} >= UNEMPLOYMENT_INSURANCE, tasks
    for number, text in tasks[:5]:
        lead = site_model.task(number).lead
        assert lead, number
        assert f"牵头单位：{'、'.join(a.unit.name for a in lead)}" in text, (number, text)
    header.screenshot(path=str(artifacts / "phone-question-header-desktop.png"))


def test_every_task_hit_in_the_header_names_its_lead(header, site_model):
    """创业担保贷款 names no unit, yet its hit says who leads it."""
    hits = header_search(header, "创业担保贷款")
    tasks = [h for h in hits if task_of(h["href"], site_model) == 23]
    assert tasks, hits
    assert "牵头单位：区人力社保局" in tasks[0]["text"]


def test_an_empty_header_result_says_what_to_try(header):
    header_search(header, "婚姻登记")
    meta = header.locator(".md-search-result__meta").inner_text()
    assert meta.startswith("没有找到符合条件的结果")
    assert "人社局" in meta and "高校毕业生" in meta


@pytest.mark.parametrize("viewport", [PHONE])
def test_a_question_finds_its_tasks_in_the_task_index(browser, server, site_model, viewport):
    with opened(browser, server + "tasks/?q=谁负责失业保险", viewport) as page:
        page.wait_for_selector("#fg-task-search[data-ready]")
        hrefs = page.eval_on_selector_all(
            ".fg-task-results .fg-task-result-head > a:first-child", "a => a.map(x => x.href)"
        )
        found = [task_of(h, site_model) for h in hrefs]
        assert set(found[:5]) >= UNEMPLOYMENT_INSURANCE, found
        assert page.locator(".fg-task-count").inner_text() == f"找到 {len(found)} 项任务"


@pytest.mark.parametrize(
    ("query", "hint"),
    [
        ("q=婚姻登记", ["人社局", "高校毕业生"]),
        ("q=失业保险&tag=veterans", ["可取消筛选：群体"]),
        ("part=1&clause=20", ["可取消筛选：部分、条款"]),
    ],
)
def test_an_empty_task_index_says_what_to_drop(browser, server, query, hint):
    with opened(browser, server + "tasks/?" + query, PHONE) as page:
        page.wait_for_selector("#fg-task-search[data-ready]")
        count = page.locator(".fg-task-count").inner_text()
        assert count.startswith("没有找到符合条件的任务。"), count
        assert all(h in count for h in hint), count


# --- Item 13: every page kind axe-clean, both palettes, both widths --------------------------

PAGE_KINDS = {
    "home": "",
    "notice": "notice/",
    "task": "tasks/33/",  # its quantities are <mark>ed
    "unit": "units/renshe/",
    "unit-sheet": "units/renshe/print/",
    "units": "units/",
    "tasks": "tasks/",
    "timeline": "timeline/",
    "part": "parts/3/",
    "clause": "clauses/13/",
    "progress": "progress/",
    "changes": "changes/",
    "about": "about/",
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", sorted(PAGE_KINDS))
def test_every_page_kind_is_axe_clean(browser, demo_server, kind, scheme):
    """On the demo (reports shown), at 390 and 1280 px: no serious or critical finding."""
    from accessibility import serious_accessibility_violations

    found = []
    for viewport in (PHONE, DESKTOP):
        with opened(browser, demo_server + PAGE_KINDS[kind], viewport, scheme=scheme) as page:
            found += [f"{viewport[0]} px: {v}" for v in serious_accessibility_violations(page)]
    assert found == [], "\n".join(found)


@pytest.mark.parametrize("kind", ["unit", "task"])
def test_an_empty_sidebar_is_never_a_scroll_region(browser, demo_server, kind):
    """Pages outside the nav leave the primary sidebar empty at 1280 px. CI once caught
    Material sizing it shorter than the empty list's padding, which made it a scroll region
    with nothing to focus; here it is made 4 px high on purpose, and axe finds nothing."""
    from accessibility import serious_accessibility_violations

    with opened(browser, demo_server + PAGE_KINDS[kind], DESKTOP) as page:
        wrap = page.locator(".md-sidebar--primary .md-sidebar__scrollwrap")
        assert wrap.evaluate("w => w.querySelectorAll('.md-nav__item--active').length") == 0
        wrap.evaluate("w => { w.style.height = '4px'; }")
        assert serious_accessibility_violations(page) == []


def test_dark_marks_are_legible(browser, demo_server):
    """The highlighted words of task 33 (政策享受期限可延长1年) against their background:
    at least 4.5:1 in the dark palette (they were 4.22)."""
    with opened(browser, demo_server + "tasks/33/", DESKTOP, scheme="dark") as page:
        pairs = page.eval_on_selector_all(
            "article mark",
            "ms => ms.map(m => [getComputedStyle(m).color, getComputedStyle(m).backgroundColor])",
        )
    assert pairs
    for color, background in pairs:
        assert contrast(color, background) >= 4.5, (color, background)


def contrast(color: str, background: str) -> float:
    """WCAG contrast of two opaque CSS rgb() colours."""

    def luminance(css: str) -> float:
        r, g, b = (int(float(x)) / 255 for x in css[css.index("(") + 1 : -1].split(",")[:3])
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    light, dark = sorted((luminance(color), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


# --- Items 2 and 5: what is due next, against the reader's today ----------------------------

SHOWN_NEXT = """box => ({
  label: box.querySelector("[data-fg-next-label]").textContent,
  shown: [...box.querySelectorAll("[data-fg-next-item]")].filter(i => !i.hidden)
    .map(i => i.textContent.trim()),
  bottom: box.getBoundingClientRect().bottom})"""


@pytest.mark.parametrize(
    ("today", "label", "window"),
    [
        ("2020-06-15", "下一次报送", "2020年7月1日至7月10日"),
        ("2020-07-05", "下一次报送", "2020年7月1日至7月10日"),  # open now
        ("2020-08-01", "下一次报送", "2021年1月1日至1月10日"),
        ("2021-03-01", "报送时间均已过，最后一次", "2021年1月1日至1月10日"),
    ],
)
def test_home_names_the_next_reporting_window(browser, demo_server, today, label, window):
    """The build cannot know today (same data, same bytes): the page carries every window and
    the browser shows the next, or says all have passed."""
    with opened(browser, demo_server, PHONE, today=today) as page:
        got = page.locator(".fg-home-progress [data-fg-next]").evaluate(SHOWN_NEXT)
    assert got["label"] == label
    assert len(got["shown"]) == 1 and window in got["shown"][0], got


@pytest.mark.parametrize(
    ("today", "label", "due"),
    [
        # The report due 7月10日 ends before task 32's and 33's year (实施中 since January).
        ("2020-06-15", "下一个时间节点：", "2020年7月1日至7月10日"),
        ("2020-11-01", "下一个时间节点：", "2020年1月1日至12月31日"),
        ("2021-02-01", "下一个时间节点：", "2021年4月30日"),
        ("2021-06-01", "时间节点均已过，最后一个：", "2021年4月30日"),
    ],
)
def test_a_units_first_screen_says_what_is_due_next(
    browser, demo_server, artifacts, today, label, due
):
    with opened(browser, demo_server + "units/renshe/", PHONE, today=today) as page:
        got = page.locator(".fg-unit-next").evaluate(SHOWN_NEXT)
        assert got["label"] == label
        assert len(got["shown"]) == 1 and due in got["shown"][0], got
        assert got["bottom"] <= PHONE[1], "not on the first screen of a phone"
        jumps = page.locator("nav.fg-jump")
        assert jumps.bounding_box()["y"] + jumps.bounding_box()["height"] <= PHONE[1]
        targets = jumps.locator("a").evaluate_all(
            "as => as.map(a => a.pathname === location.pathname ? a.hash : a.pathname)"
        )
        for anchor in (t for t in targets if t.startswith("#")):
            assert page.locator(anchor).count() == 1, anchor
        page.screenshot(path=str(artifacts / f"phone-unit-next-{today}.png"))
    assert targets == [
        "#led",
        "#shared",
        "#dates",
        "#progress",
        "#reporting",
        "#downloads",
    ], targets


def test_a_led_task_shows_its_status_beside_it(browser, demo_server, tmp_path_factory):
    """Once reports exist, each task the unit leads says its 落实情况 in its own row."""
    from fengong.pages.standing import standing
    from fengong.pages.views.progress import light
    from progress_sample import sample_site

    site = sample_site(tmp_path_factory.mktemp("led-status"))
    unit = site.unit("renshe")
    st = standing(site)
    want = {f"任务{t.number}": light(st.of(t).status).word for t in site.tasks_led(unit)}
    with opened(browser, demo_server + "units/renshe/", PHONE) as page:
        rows = (
            page.locator("h2#led ~ .fg-stack")
            .first.locator("tbody tr")
            .evaluate_all(
                """rows => rows.map(r => [r.querySelector("a").textContent.trim(),
                 r.querySelector("td[data-label=落实情况]").innerText.trim()])"""
            )
        )
    assert dict(rows) == want
    assert len(set(want.values())) > 1  # the sample has several statuses


# --- Item 3: /progress/ on a phone ----------------------------------------------------------

PHONE_LIGHTS = """figure => {
  const table = figure.querySelector("table.fg-lights-phone")
  const heads = [...table.tHead.rows[0].cells].map(th => ({
    word: th.textContent.trim(), right: th.getBoundingClientRect().right}))
  const rows = [...table.tBodies[0].rows].map(tr => [
    tr.cells[0].textContent.trim(), ...[...tr.cells].slice(1).map(td => td.textContent.trim())])
  const svgShown = getComputedStyle(figure.querySelector("svg")).display !== "none"
  return {heads, rows, svgShown, scroll: figure.scrollWidth - figure.clientWidth}
}"""


@pytest.mark.parametrize("chart", ["fg-lights-part", "fg-lights-unit"])
def test_progress_on_a_phone_shows_every_status(browser, demo_server, artifacts, chart):
    """At 390 px each 亮灯 chart is a table with all five status columns on the screen, its
    row labels beside their numbers, nothing scrolled sideways; the numbers are the chart's."""
    from fengong.pages.standing import COUNT_LABELS

    with opened(browser, demo_server + "progress/", PHONE) as page:
        got = page.locator(f"#{chart}").evaluate(PHONE_LIGHTS)
        drawn = page.locator(f"#{chart} g.fg-lights-row").evaluate_all(
            """gs => gs.map(g => [g.querySelector("text").textContent.trim(),
                 ...[...g.querySelectorAll(".fg-lamp")].map(l => l.dataset.count)])"""
        )
        width = page.evaluate("() => document.documentElement.scrollWidth")
        page.locator(f"#{chart}").screenshot(path=str(artifacts / f"phone-progress-{chart}.png"))
    words = [h["word"] for h in got["heads"][1:]]
    assert words == list(COUNT_LABELS.values())
    assert all(h["right"] <= PHONE[0] for h in got["heads"]), got["heads"]
    assert got["scroll"] <= 0 and width <= PHONE[0]
    assert not got["svgShown"]
    assert got["rows"] == drawn


def test_progress_says_why_headline_and_period_differ(browser, demo_server):
    """The headline counts each task's latest return; a period's row only that period's.
    A lead unit that returned an earlier period has no task counted 未报送: it is listed
    as not having returned the latest period, marked 此前已报送."""
    with opened(browser, demo_server + "progress/", DESKTOP) as page:
        totals = page.locator(".fg-light-totals").inner_text()
        assert "按每项任务最近一次的报送计" in totals
        trend = page.locator("h2#trend + p").inner_text()
        assert "每行只计该期收到的报送" in trend
        none = page.locator("#fg-lights-unit g.fg-lights-row").evaluate_all(
            """gs => Object.fromEntries(gs.map(g => [g.querySelector("text").textContent.trim(),
                 g.querySelector('[data-status="none"]').dataset.count]))"""
        )
        listed = page.locator("h2#missing ~ p").nth(1).inner_text()
    names = [n for n in listed.replace("（此前已报送）", "|").replace("、", " ").split()]
    marked = {n.rstrip("|") for n in names if n.endswith("|")}
    assert marked, listed  # the sample has one: 区经济信息委
    for name in {n.rstrip("|") for n in names}:
        assert (name in marked) == (none[name] == "0"), (name, none[name], listed)


# --- Item 4: printing a unit's sheet --------------------------------------------------------


def test_every_printed_page_names_the_unit_and_its_number(browser, server, artifacts, site_model):
    """The sheet printed to A4 (Chromium's PDF): each page names the unit and the notice at
    its head and says 第 n 页，共 N 页; 通知未写明时限 is said once per table, not in every
    row; there is a 联络人 line to fill."""
    import shutil
    import subprocess

    if not shutil.which("pdftotext"):
        pytest.fail("poppler-utils' pdftotext is needed to read the printed sheet")
    unit = site_model.unit("renshe")
    notice = site_model.notice
    with opened(browser, server + "units/renshe/print/", PHONE) as page:
        page.emulate_media(media="print")
        pdf = artifacts / "phone-sheet-renshe.pdf"
        pdf.write_bytes(page.pdf(format="A4", print_background=True))
    pages = int(
        next(
            line.split()[-1]
            for line in subprocess.run(
                ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True
            ).stdout.splitlines()
            if line.startswith("Pages:")
        )
    )
    assert pages >= 2
    for n in range(1, pages + 1):
        text = subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), "-layout", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert f"{unit.name}任务单 · {notice.doc_number}" in text, (n, text[:300])
        assert f"第 {n} 页，共 {pages} 页" in text, (n, text[-300:])
    whole = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert 1 <= whole.count("通知未写明时限") <= 3  # once under each table that has such a task
    assert "本单位联络人：" in whole and "联系电话：" in whole
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "50", str(pdf), str(artifacts / "phone-sheet-renshe")],
            check=True,
        )


def test_the_sheet_has_a_print_button(browser, server):
    """On a phone there is no Ctrl+P: the button prints."""
    with opened(browser, server + "units/renshe/print/", PHONE) as page:
        page.evaluate("() => { window.fgPrinted = 0; window.print = () => window.fgPrinted++ }")
        button = page.get_by_role("button", name="打印或存为 PDF")
        box = button.bounding_box()
        assert box["y"] + box["height"] <= PHONE[1] and box["height"] >= 44, box
        button.click()
        assert page.evaluate("() => window.fgPrinted") == 1


def test_no_date_is_not_repeated_in_every_row(built_site):
    from bs4 import BeautifulSoup

    html = (built_site / "units/renshe/print/index.html").read_text("utf-8")
    soup = BeautifulSoup(html, "html.parser")
    bold = [s.get_text() for s in soup.select(".fg-sheet-tasks strong")]
    assert "通知未写明时限" not in bold
    notes = [p.get_text() for p in soup.select(".fg-sheet-note")]
    assert notes and all(n == "未列时间的任务：通知未写明时限。" for n in notes)
    assert len(notes) <= len(soup.select("table.fg-sheet-tasks"))


# --- Item 11: large type on a phone ---------------------------------------------------------

LARGE_KEY = "fengong.large"


def test_large_type_keeps_the_title_and_the_units_table(browser, server, artifacts, site_model):
    """大字 at 390 px: the header's title is not cut to one character, and task 1's 责任单位
    table stays inside the screen with each unit's name on one line."""
    context = browser.new_context(viewport={"width": PHONE[0], "height": PHONE[1]})
    try:
        page = context.new_page()
        page.add_init_script(f"localStorage.setItem('{LARGE_KEY}', '1')")
        page.goto(server + "tasks/1/", wait_until="networkidle")
        assert page.evaluate("() => document.documentElement.classList.contains('fg-large')")
        title = page.locator(".md-header__title .md-header__topic").first
        shown = title.evaluate(
            """el => { const t = el.querySelector(".md-ellipsis") || el;
                 return t.scrollWidth <= t.clientWidth + 1 ? t.textContent.trim().length
                   : Math.floor(t.textContent.trim().length * t.clientWidth / t.scrollWidth) }"""
        )
        assert shown >= 6, shown  # was "大…"
        page.locator("#units").scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / "phone-large-task1.png"))
        table = page.locator("h2#units ~ .md-typeset__scrollwrap table, h2#units + table").first
        right = table.evaluate("t => t.getBoundingClientRect().right")
        assert right <= PHONE[0], right
        lines = table.locator("td a").evaluate_all(
            """as => as.map(a => [a.textContent, a.getClientRects().length])"""
        )
        task = site_model.task(1)
        assert [name for name, _ in lines] == [a.written for a in task.assignments]
        assert all(n == 1 for _, n in lines), lines
    finally:
        context.close()


# --- Item 6: downloads and dates a clerk recognises -----------------------------------------


def test_a_units_downloads_are_named_and_easy_to_tap(browser, server, site_model):
    """The files save as 区人力社保局任务台账.xlsx, not renshe.xlsx; each link is a 44 px
    target on a phone (CSV was 34 × 18 px)."""
    unit = site_model.unit("renshe")
    with opened(browser, server + "units/renshe/", PHONE) as page:
        links = page.locator(".fg-downloads a[download]")
        names = links.evaluate_all("as => as.map(a => a.getAttribute('download'))")
        boxes = [links.nth(i).bounding_box() for i in range(links.count())]
        with page.expect_download() as download:
            page.get_by_role("link", name="CSV").click()
        saved = download.value.suggested_filename
    assert names == [
        f"{unit.name}任务台账.xlsx",
        f"{unit.name}任务台账.csv",
        f"{unit.name}时间节点.ics",
    ]
    assert saved == f"{unit.name}任务台账.csv"
    assert all(b["width"] >= 44 and b["height"] >= 44 for b in boxes), boxes


def test_the_dated_filter_is_easy_to_tap(browser, server):
    with opened(browser, server + "tasks/", PHONE) as page:
        page.wait_for_selector("#fg-task-search[data-ready]")
        box = page.locator("input[name=dated]").bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24, box


def test_a_tasks_dates_are_in_date_order(built_site):
    """Task 1 names 2021年4月30日 before 2020年12月31日: the page lists the earlier first."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((built_site / "tasks/1/index.html").read_text("utf-8"), "html.parser")
    items = [li.get_text() for li in soup.select("h2#dates + ul li") if "截止" in li.get_text()]
    assert [i.split("（")[0] for i in items] == ["截止：2020年12月31日", "截止：2021年4月30日"]


# --- Item 9: /tasks/ on a phone -------------------------------------------------------------


def test_task_results_are_on_a_phones_first_screen(browser, server, artifacts):
    """The filters fold under 筛选 on a phone, so what the box finds shows under it; the
    summary says how many filters are set, and a filter in the address opens them."""
    with opened(browser, server + "tasks/?q=失业保险", PHONE) as page:
        page.wait_for_selector("#fg-task-search[data-ready]")
        assert not page.locator(".fg-task-filter-box").evaluate("d => d.open")
        first = page.locator(".fg-task-results > li").first.bounding_box()
        assert first["y"] < PHONE[1] - 100, first
        page.screenshot(path=str(artifacts / "phone-tasks-folded.png"))
        # Results name their lead once, in their head (the header search adds the line).
        texts = page.locator(".fg-task-results > li").first.inner_text()
        assert texts.count("牵头单位：") == 0, texts
    with opened(browser, server + "tasks/?q=培训&unit=renshe", PHONE) as page:
        page.wait_for_selector("#fg-task-search[data-ready]")
        assert page.locator(".fg-task-filter-box").evaluate("d => d.open")
        assert page.locator(".fg-task-filter-count").inner_text() == "（已选 1 项）"
    with opened(browser, server + "tasks/", DESKTOP) as page:
        page.wait_for_selector("#fg-task-search[data-ready]")
        assert page.locator(".fg-task-filter-box").evaluate("d => d.open")


# --- Item 12: the paragraph a hit opens, and words for the public ---------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_paragraph_a_link_opens_is_marked(browser, server, scheme):
    with opened(browser, server + "notice/#L20", PHONE, scheme=scheme) as page:
        cited = page.locator("#L20")
        assert "fg-cited" in cited.get_attribute("class")
        box = cited.bounding_box()
        assert 0 <= box["y"] < PHONE[1], box
        color, background = cited.evaluate(
            "p => [getComputedStyle(p).color, getComputedStyle(p).backgroundColor]"
        )
        assert contrast(color, background) >= 4.5, (color, background)
        assert page.locator(".fg-cited").count() == 1


def test_a_search_hit_in_the_notice_marks_its_paragraph(header):
    """回足就业创业 is only in the notice's body (L20): its hit opens and marks it."""
    hits = header_search(header, "回足就业创业")
    notice = [h for h in hits if "/notice/" in h["href"]]
    assert notice, hits
    header.locator(".md-search-result__item > a", has_text="回足").first.click()
    header.wait_for_url("**/notice/**#L20")
    header.wait_for_selector("#L20.fg-cited")
    assert header.locator(".fg-cited").count() == 1


def test_the_public_is_told_what_version_and_citing_mean(built_site):
    from bs4 import BeautifulSoup

    home = BeautifulSoup((built_site / "index.html").read_text("utf-8"), "html.parser")
    hero = home.select_one(".fg-hero").get_text()
    assert "本站数据版本" in hero and "修订记录（通知的分工调整后，本站据以更新的记录）" in hero
    notice = BeautifulSoup((built_site / "notice/index.html").read_text("utf-8"), "html.parser")
    assert "每段有自己的网址" in notice.select_one(".fg-cite-note").get_text()


def test_timeline_labels_stay_legible_over_the_today_line(browser, server):
    """The today line is drawn under the rows, and each row's date label has a halo of the
    page's background where it crosses a line (item 6)."""
    with opened(browser, server + "timeline/", DESKTOP, today="2020-06-01") as page:
        order = page.evaluate(
            """() => { const svg = document.querySelector("#fg-timeline svg");
                 const kids = [...svg.children];
                 const line = kids.findIndex(n => n.tagName === "line" &&
                   n.classList.contains("fg-today"));
                 const first = kids.findIndex(n => n.matches("a.fg-event"));
                 return [line, first] }"""
        )
        halo = page.locator("#fg-timeline .fg-when-label").first.evaluate(
            "t => [getComputedStyle(t).paintOrder, getComputedStyle(t).strokeWidth]"
        )
    assert 0 <= order[0] < order[1], order
    assert halo[0].startswith("stroke") and halo[1] == "4px", halo


def test_timeline_row_names_stay_in_view_when_it_scrolls(browser, server):
    """On a phone the timeline scrolls sideways: its rows' names stay at the left edge (a
    sticky column) instead of scrolling away with the chart (item 6)."""
    with opened(browser, server + "timeline/", PHONE) as page:
        figure = page.locator("#fg-timeline")
        widths = figure.evaluate("f => [f.scrollWidth, f.clientWidth]")
        assert widths[0] > widths[1] + 100, widths  # the chart is wider than the phone
        figure.evaluate("f => { f.scrollLeft = f.scrollWidth }")
        page.wait_for_timeout(100)
        box = figure.bounding_box()
        names = page.locator("#fg-timeline .fg-timeline-names text")
        assert names.count() == page.locator("#fg-timeline a.fg-event").count() > 0
        first = names.first.bounding_box()
        # In view, at the figure's left edge, though the chart has scrolled to its end.
        assert box["x"] <= first["x"] and first["x"] + first["width"] <= box["x"] + box["width"]
        chart_name = page.locator("#fg-timeline a.fg-event .fg-event-name").first.bounding_box()
        assert chart_name["x"] + chart_name["width"] < box["x"], "the chart did not scroll"
