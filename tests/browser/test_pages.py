"""Real-browser checks of the main pages: no errors, nothing from other hosts, no serious
accessibility violation; screenshots at desktop and mobile widths for people to look at."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from accessibility import serious_accessibility_violations

pytestmark = pytest.mark.browser

PAGES = {
    "home": "",
    "task": "tasks/1/",
    "unit": "units/renshe/",
    "notice": "notice/",
    "units": "units/",
    "tasks": "tasks/",
}
VIEWPORTS = {"desktop": (1280, 900), "mobile": (390, 844)}


def visit(browser, url: str, viewport: tuple[int, int]):
    """Open url; return the page and what went wrong on the way."""
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    page = context.new_page()
    problems: list[str] = []
    host = urlsplit(url).netloc
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url} {r.failure}"))

    def check_host(request):
        if urlsplit(request.url).netloc not in (host, "") and not request.url.startswith("data:"):
            problems.append(f"other host: {request.url}")

    page.on("request", check_host)
    response = page.goto(url, wait_until="networkidle")
    assert response is not None and response.ok, f"{url}: {response and response.status}"
    return context, page, problems


@pytest.mark.parametrize("name", sorted(PAGES))
@pytest.mark.parametrize("width", sorted(VIEWPORTS))
def test_page_renders_cleanly(browser, server, artifacts, name, width):
    context, page, problems = visit(browser, server + PAGES[name], VIEWPORTS[width])
    try:
        assert page.locator("article h1").count() >= 1
        page.screenshot(path=str(artifacts / f"{name}-{width}.png"), full_page=True)
        assert not problems, problems
    finally:
        context.close()


@pytest.mark.parametrize("name", ["home", "task", "unit", "notice"])
def test_no_serious_accessibility_violation(browser, server, name):
    context, page, _ = visit(browser, server + PAGES[name], VIEWPORTS["desktop"])
    try:
        serious = serious_accessibility_violations(page)
        assert not serious, "\n".join(serious)
    finally:
        context.close()
