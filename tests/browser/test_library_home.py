"""The library's home page (issue #13): its filters by year, issuer and target group work
in the browser, keep their state in the address, and the page is axe clean. One library
build (tests/library_sample.py's three real notices) for the module."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from accessibility import serious_accessibility_violations
from chromium import serve
from library_sample import library_data
from sitebuild import build_site

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def library_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("library-browser")
    site = build_site(folder / "site", library_data(folder))
    with serve(site) as base:
        yield base


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
