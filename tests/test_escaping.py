"""Text from data shows as text on every page: no markup, no template syntax, no broken table."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from import_notice import main as import_main
from sitebuild import ROOT, build_site

pytestmark = pytest.mark.slow

EVIL = ROOT / "tests" / "fixtures" / "evil" / "notice.txt"
LITERALS = [
    "<script>alert(1)</script>",
    "{{ x }}",
    "[link](javascript:alert(1))",
    "|竖线|",
    "*星号*",
    "_下划线_",
    "`反引号`",
    "&amp;实体",
]


@pytest.fixture(scope="module")
def evil_site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("evil")
    data = base / "data"
    data.mkdir()
    assert import_main([str(EVIL), "--data-dir", str(data)]) == 0
    return build_site(base / "site", data)


def pages(site: Path):
    for html in sorted(site.rglob("index.html")):
        yield html, BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")


def test_no_injected_markup_anywhere(evil_site):
    for html, soup in pages(evil_site):
        for script in soup.find_all("script"):
            assert "alert(1)" not in script.get_text(), html
        assert not soup.select('a[href^="javascript:"]'), html
        article = soup.select_one("article")
        assert not article.find_all(["b", "i"]), html


def test_task_text_shows_literally(evil_site):
    from fengong.load import load_site

    site, _ = load_site(evil_site.parent / "data")
    task = site.task(1)
    soup = BeautifulSoup((evil_site / "tasks/1/index.html").read_text("utf-8"), "html.parser")
    shown = soup.select_one(".fg-task-text").get_text("").strip()
    assert shown == task.text
    for literal in LITERALS:
        assert literal in shown
    notice = BeautifulSoup((evil_site / "notice/index.html").read_text("utf-8"), "html.parser")
    notice_text = notice.select_one("article").get_text("")
    for line in EVIL.read_text(encoding="utf-8").splitlines():
        assert line.strip() in notice_text, line


def test_tables_keep_their_columns(evil_site):
    for html, soup in pages(evil_site):
        for table in soup.select("article table"):
            header = len(table.select("thead th"))
            for row in table.select("tbody tr"):
                assert len(row.find_all("td")) == header, (html, row.get_text())


def test_unit_names_with_markup_or_pipes_are_text(evil_site):
    units = BeautifulSoup((evil_site / "units/index.html").read_text("utf-8"), "html.parser")
    text = units.select_one("article").get_text("")
    assert "区<b>教委</b>" in text
    assert "区|税务局" in text
    assert re.search(r"区\|税务局", text)
