"""The import report (import_notice.py --report) in a real browser, at 1280 and 390 px: it
loads nothing from anywhere, fits the phone's width, and shows each task as a row (a card on
the phone). Screenshots go to test-artifacts/ for people to look at."""

from __future__ import annotations

from pathlib import Path

import import_notice  # scripts/ is on the tests' path (pyproject.toml)
import pytest

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "notices-real"
GUANGZHOU = FIXTURES / "20_guangzhou2012_rencai-jiju.txt"


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("report")
    data = tmp / "data"
    data.mkdir()
    (data / "corrections.yaml").write_text(
        "corrections:\n  - task: 1\n    starts: 目标\n    not_a_task: true\n"
        "  - task: 2\n    starts: 战略性主导产业\n    lead: [市发展改革委, 市委组织部]\n",
        encoding="utf-8",
    )
    page = tmp / "report.html"
    argv = [str(GUANGZHOU), "--data-dir", str(data), "--json", str(tmp / "n.json")]
    assert import_notice.main([*argv, "--report", str(page)]) == 0
    return page


@pytest.mark.parametrize("width", [1280, 390])
def test_the_report_fits_loads_nothing_and_shows_every_task(browser, artifacts, report, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    requested, errors = [], []
    page.on("request", lambda r: requested.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(report.as_uri())
        assert requested == [report.as_uri()] and not errors
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert page.locator("tr.task").count() == 44
        first = page.locator("#task-1")
        assert first.is_visible()
        box = first.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
        page.screenshot(path=str(artifacts / f"import-report-{width}.png"))
    finally:
        context.close()
