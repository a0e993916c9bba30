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
def opened(browser, url: str, viewport=PHONE, *, scheme="light"):
    """A fresh context on url; page errors fail the test."""
    context = browser.new_context(
        viewport={"width": viewport[0], "height": viewport[1]}, color_scheme=scheme
    )
    page = context.new_page()
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
