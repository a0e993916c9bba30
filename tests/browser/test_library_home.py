"""The library's home page (issue #13): its filters by year, issuer and target group work
in the browser, keep their state in the address, and the page is axe clean; and its task
indexes: tasks/ with the notice facet, and each notice's own, hold to their notice. One
library build (tests/library_sample.py's three real notices) for the session (conftest.py)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from accessibility import serious_accessibility_violations
from fengong.data.load import load_library

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def library_model(library_folder):
    library, _ = load_library(library_folder / "data", shown_dir="data")
    return library


def shown(page) -> list[str]:
    """The 文号 of the rows the filters leave visible."""
    return page.eval_on_selector_all(
        "[data-fg-library] tbody tr:not([hidden])", "rows => rows.map(r => r.cells[0].innerText)"
    )


def test_the_filters_follow_the_address_and_write_it(browser, library_server):
    page = browser.new_page()
    try:
        page.goto(library_server)
        assert len(shown(page)) == 3  # every notice
        page.goto(library_server + "?year=2018")
        assert sorted(shown(page)) == ["国发〔2018〕39号", "国发〔2018〕42号"]
        assert "共 2 份" in page.inner_text("[data-fg-library-count]")
        page.select_option("select[name=year]", "")
        page.select_option("select[name=issuer]", "重庆市大足区人民政府办公室")
        assert shown(page) == ["大足府办发〔2020〕41号"]
        query = parse_qs(urlsplit(page.url).query)
        assert query == {"issuer": ["重庆市大足区人民政府办公室"]}
        page.goto(library_server + "?year=1999")  # a value no option offers is dropped
        assert len(shown(page)) == 3
        assert serious_accessibility_violations(page, context="article") == []
    finally:
        page.close()


def task_view(page, url: str) -> tuple[str, list[str]]:
    """The task index at url once task-index.js shows it: its count line, the results' links."""
    page.goto(url)
    page.wait_for_selector("#fg-task-search[data-ready]:not([aria-busy])")
    links = page.eval_on_selector_all(".fg-task-result-head > a", "as => as.map(a => a.href)")
    return page.inner_text(".fg-task-count"), links


def test_the_task_indexes_hold_to_their_notice(browser, library_server, library_model):
    """tasks/?notice=<slug> shows exactly that notice's tasks; a notice's own tasks/ counts
    its own, and its filters find only its own (the index holds every notice's)."""
    page = browser.new_page()
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"page: {e}"))
    try:
        for site in library_model.sites:
            slug, count = site.notice.slug, len(site.tasks)
            own = f"/notices/{slug}/tasks/"
            said, links = task_view(page, f"{library_server}tasks/?notice={slug}")
            assert said == f"找到 {count} 项任务" and len(links) == count
            assert all(own in link for link in links)
            said, _ = task_view(page, f"{library_server}notices/{slug}/tasks/")
            assert said == f"共 {count} 项任务"
            _, links = task_view(page, f"{library_server}notices/{slug}/tasks/?dated=1")
            assert len(links) == sum(bool(t.dates) for t in site.tasks)
            assert all(own in link for link in links)
        # A notice chosen offers its parts; the address keeps both.
        site = library_model.notice("gf-2018-42")
        part = site.parts[1].number
        said, links = task_view(page, f"{library_server}tasks/?notice=gf-2018-42&part={part}")
        assert page.input_value("select[name=part]") == str(part)
        assert len(links) == sum(t.part == part for t in site.tasks)
        assert parse_qs(urlsplit(page.url).query) == {"notice": ["gf-2018-42"], "part": [str(part)]}
        assert serious_accessibility_violations(page, context="article") == []
        page.select_option("select[name=notice]", "")  # no notice: no parts to choose from
        page.wait_for_selector("select[name=part][disabled]", state="attached")
        assert urlsplit(page.url).query == ""
    finally:
        page.close()
    assert problems == []


def test_a_task_number_in_the_header_search_finds_it_in_every_notice(browser, library_server):
    """第1项 names a task of every notice (numbers restart per notice): the header search
    lists each notice's task 1, not only the last notice indexed."""
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(library_server)
        box = page.locator("input.md-search__input")
        box.fill("第1项")
        box.press("End")  # Material reads the query on keyup
        # The list is emptied before the results come: wait for them, not for the emptying.
        page.wait_for_function(
            "() => document.querySelectorAll('.md-search-result__item').length >= 3"
        )
        urls = page.eval_on_selector_all(
            ".md-search-result__item > a.md-search-result__link", "as => as.map(a => a.href)"
        )
        first_three = {urlsplit(u).path for u in urls[:3]}
        assert first_three == {
            f"/notices/{slug}/tasks/1/" for slug in ("dzfbf-2020-41", "gf-2018-39", "gf-2018-42")
        }, urls[:5]
        assert errors == []
    finally:
        page.close()


def test_results_come_a_page_at_a_time(browser, library_server):
    """A filter over a library can match thousands of tasks: the results are shown a page at
    a time (100, or the box's data-page-size, set smaller here), each page loading its own
    documents, with a button for the next that says how many are left."""
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        url = library_server + "tasks/?notice=dzfbf-2020-41"
        page.goto(url)
        page.wait_for_selector("#fg-task-search[data-ready]:not([aria-busy])")
        assert page.locator(".fg-task-result").count() == 63  # under one page of 100
        page.evaluate("""() => {
            document.querySelector("#fg-task-search").dataset.pageSize = "20"
            document.querySelector("#fg-task-search form").dispatchEvent(new Event("input"))
        }""")
        page.wait_for_function("() => document.querySelectorAll('.fg-task-result').length == 20")
        assert page.inner_text(".fg-task-count") == "找到 63 项任务"
        for shown, left in ((20, 43), (40, 23), (60, 3)):
            assert page.locator(".fg-task-result").count() == shown
            button = page.locator(".fg-task-more button")
            assert button.inner_text() == f"显示更多（还有 {left} 项）"
            button.click()
            page.wait_for_function(
                "n => document.querySelectorAll('.fg-task-result').length > n", arg=shown
            )
            # the keyboard goes on from the first result just shown
            focused = page.evaluate("() => document.activeElement.closest('.fg-task-result')")
            assert focused is not None
        assert page.locator(".fg-task-result").count() == 63
        assert page.locator(".fg-task-more").count() == 0
        links = page.eval_on_selector_all(".fg-task-result-head > a", "as => as.map(a => a.href)")
        assert len(set(links)) == 63
        assert all("/notices/dzfbf-2020-41/tasks/" in link for link in links)
        assert serious_accessibility_violations(page, context="article") == []
        assert errors == []
    finally:
        page.close()
