"""A notice that gives roles builds into a site that shows them as the notice does: here a
Word table with a 指导部门 column and a 责任单位 column, no 序号 and no lead (made by
tests/fixtures/tables/make_tables.py from the layout of county 责任分解 tables)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from fengong.data import load
from fengong.pages import render
from import_notice import main as import_main
from sitebuild import ROOT, build_site

pytestmark = pytest.mark.slow

TABLES = ROOT / "tests" / "fixtures" / "tables"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("roles")
    data = base / "data"
    assert import_main([str(TABLES / "guiding_no_number.docx"), "--data-dir", str(data)]) == 0
    return build_site(base / "site", data)


def article(site: Path, url: str) -> BeautifulSoup:
    html = (site / url / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser").select_one("article")


def test_the_task_page_shows_each_role_as_the_notice_gives_it(site):
    page = article(site, "tasks/1/")
    rows = [[td.get_text() for td in tr.select("td")] for tr in page.select("#units ~ table tr")]
    assert [row[1:] for row in rows if row] == [
        ["县农业农村局", "负责单位"],
        ["各乡镇人民政府", "负责单位"],
        ["市农业农村局", "指导单位"],
    ]
    assert "牵头单位：未明确牵头单位。" in page.get_text()


def test_the_unit_page_says_the_units_own_role(site):
    page = article(site, "units/")
    href = next(a["href"] for a in page.select("td a") if a.get_text() == "市农业农村局")
    unit = article(site, f"units/{href.strip('/').split('/')[-1]}/")
    # It guides task 1 only (task 2's guiding unit is 市住建局).
    cells = [td.get_text() for td in unit.select("#unled ~ div td.fg-stack-head")]
    assert cells == ["任务1（本单位指导）"]


def test_downloads_give_the_roles(site):
    tasks = json.loads((site / "downloads" / "tasks.json").read_text(encoding="utf-8"))["tasks"]
    assert tasks[0]["roles"] == ["responsible", "responsible", "guiding"]
    rows = (site / "downloads" / "tasks.csv").read_text(encoding="utf-8-sig").splitlines()
    assert any(",市农业农村局," in r and ",指导," in r for r in rows)


def test_leaders_are_people_on_the_task_page_never_units(tmp_path):
    # 责任领导 column: 王明, 李华 are people (group_column_leaders.docx); pages render in memory.
    data = tmp_path / "data"
    assert import_main([str(TABLES / "group_column_leaders.docx"), "--data-dir", str(data)]) == 0
    model, _ = load.check(data)
    pages = render.render_pages(model)
    task = BeautifulSoup(pages["tasks/1.md"], "html.parser")
    assert "牵头负责领导：王明" in task.get_text()
    assert all(u.name not in ("王明", "李华") for u in model.units)


def test_a_deadline_cell_shows_as_written(tmp_path):
    """A 完成时限 cell that is not a date (全年, in a real county list: fixture 30, its source
    in the .source.yaml) is notice text: the task page, tasks.json and the unit's ledger
    say it as written, not 通知未写明时限."""
    from fengong.pages.downloads import download_files
    from fengong.pages.export import notice_json

    source = ROOT / "tests/fixtures/notices-real/30_huoshan2025_kaifaqu-zeren-qingdan-table.txt"
    data = tmp_path / "data"
    assert import_main([str(source), "--data-dir", str(data)]) == 0
    model, _ = load.check(data)
    task = BeautifulSoup(render.render_pages(model)["tasks/1.md"], "html.parser")
    assert "完成时限：全年" in task.get_text()
    assert notice_json(model)["tasks"][0]["deadline"] == "全年"
    unit = model.tasks[0].assignments[0].unit
    ledger = download_files(model)[f"downloads/units/{unit.id}.csv"].decode("utf-8-sig")
    assert "完成时限：全年" in ledger and "通知未写明时限" not in ledger


def test_a_notice_naming_no_issuer_gives_no_empty_footer_line(site):
    """A table with no heading names no issuer and no date: the footer leaves out 主办单位
    and 内容更新 instead of printing them empty."""
    footer = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    text = footer.select_one("footer").get_text(" ", strip=True)
    assert "主办单位" not in text and "内容更新" not in text
    assert "本站内容以正式文件为准" in text
