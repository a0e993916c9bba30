"""What a task page says of its lead unit is what the notice (or the office) said, never
more: a lead the notice marks (牵头单位：X) cites no rule; a lead made by the office's
--lead-rule first says so; with neither, the page says no unit leads. Two real notices that
state no lead rule: Guangzhou's 2012 plan (its leads marked) and Caidian's 2023 list (no
lead marked), both in tests/fixtures/notices-real/ with their sources."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from fengong.data.load import load_site
from fengong.pages.downloads import download_files
from fengong.pages.render import render_pages
from import_notice import main as import_main
from openpyxl import load_workbook
from sitebuild import ROOT

REAL = ROOT / "tests" / "fixtures" / "notices-real"
GUANGZHOU = REAL / "20_guangzhou2012_rencai-jiju.txt"  # 牵头单位：… marked, no rule
CAIDIAN = REAL / "19_caidian2023_gzbg-mubiao-renwu-zeren-fenjie.txt"  # no rule, no marks
RULE_FIRST = "本站按列第一的责任单位确定牵头单位"


def imported(tmp_path: Path, source: Path, *options: str):
    data = tmp_path / "data"
    assert import_main([str(source), "--data-dir", str(data), *options]) == 0
    site, _ = load_site(data)
    return data, site, render_pages(site, site_url="")


def lead_line(pages: dict, number: int) -> str:
    html = pages[f"tasks/{number}.md"]
    return next(
        p.get_text()
        for p in BeautifulSoup(html, "html.parser").select("p")
        if p.get_text().startswith("牵头单位：")
    )


def test_a_marked_lead_cites_no_rule(tmp_path):
    _, site, pages = imported(tmp_path, GUANGZHOU)
    assert site.notice.lead_rule == "" and site.notice.lead_policy == ""
    for task in site.tasks:
        if len(task.lead) == 1:
            line = lead_line(pages, task.number)
            assert line == f"牵头单位：{task.lead[0].written}。", line
            assert "列第一" not in line and "依据" not in line


def test_the_offices_rule_is_said_to_be_the_offices(tmp_path):
    data, site, pages = imported(tmp_path, CAIDIAN, "--lead-rule", "first")
    assert site.notice.lead_rule == "" and site.notice.lead_policy == "first"
    notice = yaml.safe_load((data / "notice.yaml").read_text("utf-8"))
    assert notice["notice"]["lead_policy"] == "first"
    led = [t for t in site.tasks if len(t.lead) == 1]
    assert led
    for task in led:
        assert task.lead[0].position == 1
        line = lead_line(pages, task.number)
        assert RULE_FIRST in line and "依据通知" not in line, line
        # The unit made lead is 牵头 in every word the site says of it, as it is counted.
        assert task.lead[0].duty in ("", "lead"), task.lead[0]


def test_without_a_rule_no_unit_is_made_lead(tmp_path):
    data, site, pages = imported(tmp_path, CAIDIAN)
    assert site.notice.lead_policy == ""
    assert "lead_policy" not in yaml.safe_load((data / "notice.yaml").read_text("utf-8"))["notice"]
    unled = [t for t in site.tasks if t.units and not t.lead]
    assert unled
    assert "未明确牵头单位" in lead_line(pages, unled[0].number)


@pytest.mark.parametrize("source", [CAIDIAN])
def test_a_lead_by_the_offices_rule_has_its_ledger_to_return(tmp_path, source):
    # The unit the office made lead reports its tasks: its ledger must not tell it that it
    # leads nothing (角色 负责, grey rows) while the site counts its tasks as led.
    _, site, _ = imported(tmp_path, source, "--lead-rule", "first")
    unit = max(site.units, key=lambda u: len(site.tasks_led(u)))
    assert site.tasks_led(unit)
    files = download_files(site, None)
    name = next(n for n in files if n.endswith(f"units/{unit.id}.xlsx"))
    sheet = load_workbook(BytesIO(files[name])).worksheets[0]
    text = "\n".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)
    assert "本单位不牵头任务" not in text
    assert f"本单位牵头的{len(site.tasks_led(unit))}项任务" in text
