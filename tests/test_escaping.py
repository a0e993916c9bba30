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
    from fengong.data.load import load_site

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
        # A print sheet's frame (role=presentation) only lays out the sheet; a row's label
        # cell (th scope=row) is one of its columns.
        for table in soup.select("article table:not([role=presentation])"):
            header = len(table.select(":scope > thead > tr > th"))
            for row in table.select(":scope > tbody > tr"):
                cells = row.find_all(["td", "th"], recursive=False)
                assert len(cells) == header, (html, row.get_text())


def test_unit_names_with_markup_or_pipes_are_text(evil_site):
    units = BeautifulSoup((evil_site / "units/index.html").read_text("utf-8"), "html.parser")
    text = units.select_one("article").get_text("")
    assert "区<b>教委</b>" in text
    assert "区|税务局" in text
    assert re.search(r"区\|税务局", text)


def test_a_library_shows_a_hostile_notice_as_text(tmp_path):
    """The pages only a library has (its home listing the notices, the task index over
    every notice, the unit pages and print sheets across notices) show the same hostile
    notice's text as text: rendered in memory, beside the three real notices."""
    from fengong.data.load import load_library
    from fengong.pages.render import render_library
    from library_sample import library_data

    data = library_data(tmp_path)
    assert import_main([str(EVIL), "--data-dir", str(data), "--notice", "evil"]) == 0
    library, _ = load_library(data)
    pages = render_library(library)
    own = [page for page in pages if not page.startswith("notices/")]  # the library's own
    assert {"index.md", "tasks/index.md", "units/index.md"} <= set(own)
    for page in own:
        soup = BeautifulSoup(pages[page], "html.parser")
        assert not soup.find_all("script", string=re.compile("alert")), page
        assert not soup.select('a[href^="javascript:"]'), page
        assert not soup.find_all(["b", "i"]), page
    home = BeautifulSoup(pages["index.md"], "html.parser").get_text()
    assert "测试区人民政府办公室关于<b>转义</b>测试任务分工的通知" in home
    unit = next(u for u in library.units if u.name == "区<b>教委</b>")
    sheet = BeautifulSoup(pages[f"units/{unit.id}.md"], "html.parser").get_text()
    assert "任务文字含<script>alert(1)</script>与{{ x }}" in sheet
