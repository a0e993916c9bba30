"""/progress/ (落实情况) in the browser: the real build (no reports yet), and a build with
the SAMPLE reports (tests/fixtures/progress-sample/, invented), whose 亮灯 matrix must show
what the data says and whose cells must lead to as many tasks on /tasks/."""

from __future__ import annotations

import contextlib
from collections import Counter

import pytest
from accessibility import serious_accessibility_violations
from chromium import serve
from fengong.pages.standing import standing
from progress_sample import sample_data, sample_site
from sitebuild import build_site

pytestmark = pytest.mark.browser


@contextlib.contextmanager
def opened(browser, url: str, viewport=(1280, 900), scheme="light"):
    """A fresh page on url; page errors and console errors fail the test."""
    context = browser.new_context(
        viewport={"width": viewport[0], "height": viewport[1]}, color_scheme=scheme
    )
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    try:
        response = page.goto(url, wait_until="networkidle")
        assert response is not None and response.ok, url
        yield page
        assert not problems, problems
    finally:
        context.close()


@pytest.fixture(scope="module")
def sample_server(tmp_path_factory):
    """The site built from a copy of data/ with the sample reports as data/progress/ (what
    `make demo` builds)."""
    tmp = tmp_path_factory.mktemp("sample")
    site_dir = build_site(tmp / "site", data_dir=sample_data(tmp))
    with serve(site_dir) as base:
        yield base


def test_the_real_progress_page(browser, server):
    with opened(browser, server + "progress/") as page:
        assert "尚未收到报送" in page.inner_text("article")
        serious = serious_accessibility_violations(page)
        assert not serious, "\n".join(serious)


def test_the_sample_matrix_is_the_data(browser, sample_server, tmp_path, artifacts):
    site = sample_site(tmp_path)
    st = standing(site)
    with opened(browser, sample_server + "progress/") as page:
        drawn = page.eval_on_selector_all(
            "#fg-lights-part .fg-lamp",
            "cells => cells.map(c => [c.closest('[data-row]').dataset.row, c.dataset.status,"
            " Number(c.dataset.count)])",
        )
        expected = {
            (str(part.number), key): Counter(st.of(t).key for t in site.tasks_in(part))[key]
            for part in site.parts
            for key in ("done", "on-track", "behind", "not-started", "none")
        }
        assert {(row, key): n for row, key, n in drawn} == expected
        serious = serious_accessibility_violations(page)
        assert not serious, "\n".join(serious)
        # A lit cell leads to the task index, filtered to as many tasks.
        cell = page.locator('#fg-lights-part [data-row="3"] a[data-status="behind"]')
        count = int(cell.get_attribute("data-count"))
        cell.click()
        page.wait_for_url("**/tasks/?status=behind&part=3")
        page.wait_for_selector("#fg-task-search[data-ready]", state="attached")
        assert page.locator(".fg-task-results > li").count() == count
        assert page.input_value("select[name=status]") == "behind"
    with opened(browser, sample_server + "tasks/33/", viewport=(390, 844)) as page:
        assert page.inner_text("#progress ~ .fg-light-now .fg-light") == "滞后"
        serious = serious_accessibility_violations(page)
        assert not serious, "\n".join(serious)
