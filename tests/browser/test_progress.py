"""/progress/ (落实情况) in the browser: the real build (no reports yet), and a build with
the SAMPLE reports (tests/fixtures/progress-sample/, invented), whose 亮灯 matrix must show
what the data says and whose cells must lead to as many tasks on /tasks/."""

from __future__ import annotations

import contextlib
import shutil
import sys
from collections import Counter

import pytest
from accessibility import serious_accessibility_violations
from chromium import serve
from fengong import load
from fengong.standing import standing
from progress_sample import SAMPLE, with_sample_reports
from sitebuild import ROOT, build_site

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
def sample_server(tmp_path_factory, monkeypatch_module):
    """The site built from a copy of data/ with the sample reports as data/progress/ (what
    `make demo` builds). Until the data side reads data/progress/, the Site it loads gets the
    same reports from tests/progress_sample.py; once it does, the wrapper leaves them be."""
    tmp = tmp_path_factory.mktemp("sample")
    data = tmp / "data"
    shutil.copytree(ROOT / "data", data)
    shutil.copytree(SAMPLE, data / "progress", ignore=shutil.ignore_patterns("*.md"))
    real_load = load.load_site

    def load_with_reports(data_dir, shown_dir=None):
        site, problems = real_load(data_dir, shown_dir)
        return (site if site.reports else with_sample_reports(site)), problems

    # MkDocs loads hooks/site.py once per process (its name is bound there) or on this build.
    monkeypatch_module.setattr(load, "load_site", load_with_reports)
    hooks = ROOT / "hooks" / "site.py"
    for module in list(sys.modules.values()):
        if getattr(module, "__file__", None) == str(hooks):
            monkeypatch_module.setattr(module, "load_site", load_with_reports)
    site_dir = build_site(tmp / "site", data_dir=data)
    with serve(site_dir) as base:
        yield base


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_the_real_progress_page(browser, server):
    with opened(browser, server + "progress/") as page:
        assert "尚未收到报送" in page.inner_text("article")
        serious = serious_accessibility_violations(page)
        assert not serious, "\n".join(serious)


def test_the_sample_matrix_is_the_data(browser, sample_server, site_model, artifacts):
    st = standing(with_sample_reports(site_model))
    with opened(browser, sample_server + "progress/") as page:
        drawn = page.eval_on_selector_all(
            "#fg-lights-part .fg-lamp",
            "cells => cells.map(c => [c.closest('[data-row]').dataset.row, c.dataset.status,"
            " Number(c.dataset.count)])",
        )
        expected = {
            (str(part.number), key): Counter(st.of(t).key for t in site_model.tasks_in(part))[key]
            for part in site_model.parts
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
