"""The site for its readers, in Chromium: a unit sees its own role, dates are marked against
the reader's today (the build writes no today), and search finds tasks by the words of their
clause and part, opening the notice at the paragraph it found."""

from __future__ import annotations

import contextlib
import re

import pytest
from fengong.pages import paths

pytestmark = pytest.mark.browser


@contextlib.contextmanager
def opened(browser, url: str, width: int = 1280, today: str | None = None):
    """A page in a fresh context, its clock at `today` (local time) if given; fails on page
    errors and console errors."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    try:
        if today:
            page.clock.set_fixed_time(f"{today}T10:00:00")
        page.goto(url)
        yield page
        assert not problems, problems
    finally:
        context.close()


# --- Who am I ---------------------------------------------------------------------------


def test_the_task_index_says_the_chosen_units_role(browser, server, site_model, artifacts):
    """/tasks/?unit=renshe: task 8 is 区总工会's, 区人力社保局 takes part; the result says so,
    and lists the other units, never the chosen one."""
    with opened(browser, server + "tasks/?unit=renshe") as page:
        page.wait_for_selector("#fg-task-search[data-ready]:not([aria-busy])")
        results = page.locator(".fg-task-result")
        assert results.count() == len(site_model.tasks_of(site_model.unit("renshe")))
        head = page.locator(".fg-task-result-head", has=page.locator('a[href$="/tasks/8/"]'))
        assert head.locator(".fg-task-result-role").inner_text() == "本单位：参与"
        assert head.locator(".fg-task-result-lead").inner_text() == "牵头：区总工会"
        head1 = page.locator(".fg-task-result-head", has=page.locator('a[href$="/tasks/1/"]'))
        assert head1.locator(".fg-task-result-role").inner_text() == "本单位：牵头"
        assert head1.locator(".fg-task-result-lead").count() == 0
        others = head1.locator(".fg-task-result-partners").inner_text()
        assert others.startswith("其他参与：区发展改革委、")
        unit_links = page.eval_on_selector_all(
            ".fg-task-result-head a[href*='/units/']", "links => links.map(a => a.href)"
        )
        assert unit_links and not [h for h in unit_links if h.endswith("/units/renshe/")]
        page.locator(".fg-task-results").screenshot(path=str(artifacts / "readers-role.png"))
    # Without a unit chosen, every result lists its lead and its partners.
    with opened(browser, server + "tasks/?q=" + "集体协商") as page:
        page.wait_for_selector("#fg-task-search[data-ready]:not([aria-busy])")
        head = page.locator(".fg-task-result-head").first
        assert head.locator(".fg-task-result-role").count() == 0
        assert head.locator(".fg-task-result-lead").inner_text() == "牵头：区总工会"
        assert head.locator(".fg-task-result-partners").inner_text() == "参与：区人力社保局"


# --- Today --------------------------------------------------------------------------------


def statuses(page, selector: str) -> list[tuple[str, str, str]]:
    """(kind, first day, status shown) of each dated element."""
    return page.eval_on_selector_all(
        selector,
        """els => els.map(el => [el.dataset.fgKind, el.dataset.fgFirst,
                                  el.querySelector('.fg-status').textContent.trim()])""",
    )


def test_the_built_pages_carry_days_not_today(built_site):
    """Two builds give the same bytes: no page says what has passed; the script does."""
    for url in ("units/renshe/", "timeline/"):
        html = (built_site / url / "index.html").read_text("utf-8")
        assert 'data-fg-first="2020-01-01"' in html
        assert "fg-status" not in html and "今天是" not in html


@pytest.mark.parametrize("width", [390, 1280])
def test_a_unit_page_marks_its_dates_against_today(browser, server, artifacts, width):
    with opened(browser, server + "units/renshe/", width, today="2020-07-05") as page:
        page.wait_for_selector(".fg-dated .fg-status")
        assert statuses(page, ".fg-dated tbody tr") == [
            ["period", "2020-01-01", "实施中"],
            ["period", "2020-01-01", "实施中"],
            ["reporting", "2020-07-01", "正在报送期内"],
            ["deadline", "2020-12-31", "还有179天"],
            ["reporting", "2021-01-01", "未到报送时间（还有180天）"],
            ["deadline", "2021-04-30", "还有299天"],
        ]
        table = page.locator(".fg-dated table")
        table.scroll_into_view_if_needed()
        table.screenshot(path=str(artifacts / f"readers-unit-dates-{width}.png"))
    with opened(browser, server + "units/renshe/", width, today="2026-12-01") as page:
        page.wait_for_selector(".fg-dated .fg-status")
        shown = [s for _, _, s in statuses(page, ".fg-dated tbody tr")]
        assert shown == ["已结束", "已结束", "报送时间已过", "已截止", "报送时间已过", "已截止"]
        assert statuses(page, "#reporting ~ ul li[data-fg-kind]")[0][2] == "报送时间已过"


@pytest.mark.parametrize("width", [390, 1280])
def test_the_timeline_shows_today(browser, server, artifacts, width):
    with opened(browser, server + "timeline/", width, today="2020-07-05") as page:
        note = page.locator("[data-fg-today]")
        note.wait_for()
        assert note.inner_text() == "今天是2020年7月5日：1项已过，3项正在进行，3项未到。"
        figure = page.locator("#fg-timeline")
        assert figure.get_attribute("data-today") == "on"
        line = figure.locator("line.fg-today")
        assert line.count() == 1
        # The rule stands between the reporting window of July 1-10, drawn from its first day.
        report = figure.locator('a.fg-event-reporting[data-first="2020-07-01"] .fg-mark')
        x = float(line.get_attribute("x1"))
        start = float(report.get_attribute("x"))
        assert start < x < start + float(report.get_attribute("width"))
        assert figure.locator("a.fg-past").count() == 1  # the notice's issue date
        page.locator("article").screenshot(path=str(artifacts / f"readers-timeline-{width}.png"))
    with opened(browser, server + "timeline/", width, today="2026-12-01") as page:
        page.locator("[data-fg-today]").wait_for()
        figure = page.locator("#fg-timeline")
        assert figure.get_attribute("data-today") == "after"
        assert figure.locator("line.fg-today").count() == 0
        assert figure.locator("a.fg-event").count() == figure.locator("a.fg-past").count()
        assert "7项已过" in page.locator("[data-fg-today]").inner_text()


# --- Search -------------------------------------------------------------------------------


def shown_tasks(page, site_model) -> list[int]:
    by_id = {t.id: t.number for t in site_model.tasks}
    hrefs = page.eval_on_selector_all(
        ".fg-task-results .fg-task-result-head > a:first-child", "links => links.map(a => a.href)"
    )
    return [by_id[int(h.rstrip("/").split("/")[-1])] for h in hrefs]


def test_a_task_found_by_its_clause_comes_after_tasks_found_by_their_text(
    browser, server, site_model
):
    """高校毕业生 is in the text of tasks 36, 37 and 40, and in the title of clause 13
    (稳定高校毕业生等青年就业), which holds 35-38."""
    with opened(browser, server + "tasks/?q=高校毕业生") as page:
        page.wait_for_selector("#fg-task-search[data-ready]:not([aria-busy])")
        found = shown_tasks(page, site_model)
        assert set(found[:3]) == {36, 37, 40} and set(found[3:]) == {35, 38}
        context = page.locator(".fg-task-result", has=page.locator('a[href$="/tasks/35/"]'))
        assert "所属：" in context.inner_text() and context.locator("mark").count() >= 1
    with opened(browser, server + "tasks/?q=" + "高校毕业生 见习") as page:
        page.wait_for_selector("#fg-task-search[data-ready]:not([aria-busy])")
        assert shown_tasks(page, site_model) == [38]


def test_a_notice_result_opens_the_paragraph_it_found(browser, server, site_model):
    """贫困劳动力 is only in a paragraph of the notice's body: the result's link (the notice,
    heading its paragraphs) opens that paragraph, not the top of the notice."""
    block = next(b for b in site_model.blocks if "贫困劳动力" in b.text)
    with opened(browser, server) as page:
        page.keyboard.press("/")
        page.wait_for_function(
            "() => !document.querySelector('.md-search-result__meta').textContent"
            ".includes('初始化')"
        )
        page.locator("input.md-search__input").fill("贫困劳动力")
        page.locator("input.md-search__input").press("End")
        link = page.locator(".md-search-result__item > a.md-search-result__link").first
        link.wait_for()
        href = link.get_attribute("href")
        # Material adds ?h=<terms> for highlighting, before the anchor.
        anchor = paths.notice_anchor(block)
        assert re.search(rf"/notice/(\?[^#]*)?#{anchor}$", href), href
        link.click()
        page.wait_for_url(lambda url: url.endswith(f"#{anchor}") and "/notice/" in url)
