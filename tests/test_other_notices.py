"""Other notices of this kind build into a site too: here one whose clause numbers start
again in each part, so clause pages are keyed by part and number."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from import_notice import main as import_main
from sitebuild import ROOT, build_site

pytestmark = pytest.mark.slow

NOTICE = ROOT / "tests" / "fixtures" / "notices" / "restart_clauses.txt"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("restart")
    data = base / "data"
    assert import_main([str(NOTICE), "--data-dir", str(data)]) == 0
    return build_site(base / "site", data)


def article(site: Path, url: str) -> BeautifulSoup:
    html = (site / url / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser").select_one("article")


def test_each_part_has_its_own_clause_pages(site):
    assert article(site, "clauses/1-1/").h1.get_text(strip=True) == "（一）加大援企稳岗力度"
    assert article(site, "clauses/2-1/").h1.get_text(strip=True) == "（一）鼓励返乡创业"
    # Clause 1 of part 2 lists task 3 only, not task 1 of part 1.
    tasks = [a.get_text() for a in article(site, "clauses/2-1/").select("td a[href*='tasks/']")]
    assert tasks == ["任务3"]


def test_task_breadcrumbs_and_notice_links_point_to_the_right_clause(site):
    crumbs = [a["href"] for a in article(site, "tasks/3/").select(".fg-breadcrumb a")]
    assert crumbs == ["../../parts/2/", "../../clauses/2-1/"]
    notice_links = {
        a.get_text(strip=True): a["href"] for a in article(site, "notice/").select("h4 a")
    }
    assert notice_links["（一）鼓励返乡创业。"] == "../clauses/2-1/"
    assert notice_links["（一）加大援企稳岗力度。"] == "../clauses/1-1/"


def test_every_clause_page_exists(site):
    for slug in ("1-1", "1-2", "2-1", "2-2"):
        assert (site / "clauses" / slug / "index.html").is_file()


# This notice states no lead rule and marks no lead: every task is 未明确牵头单位, and
# no page, chart or download invents one.


def test_a_task_without_a_lead_says_so(site):
    text = article(site, "tasks/1/").get_text()
    assert "牵头单位：未明确牵头单位。" in text
    roles = [
        td.get_text() for td in article(site, "tasks/1/").select("#units ~ table td:nth-child(3)")
    ]
    assert roles == ["负责单位", "负责单位"]


def test_units_and_home_count_tasks_without_a_lead(site):
    assert "4 项任务未明确牵头单位" in article(site, "").get_text()
    units = article(site, "units/")
    assert "4 项任务未明确牵头单位" in units.get_text()
    assert "共3项（牵头0，参与0，未明确牵头单位3）" in units.get_text()
    unit = article(site, "units/xian-ren-she-ju/")
    assert "未明确牵头单位 3 项，共 3 项任务" in unit.get_text()
    assert unit.select_one("#unled") is not None and unit.select_one("#led") is None


def test_downloads_give_no_lead(site):
    import json

    tasks = json.loads((site / "downloads" / "tasks.json").read_text(encoding="utf-8"))["tasks"]
    assert [t["lead"] for t in tasks] == [[], [], [], []]
    assert tasks[0]["roles"] == ["responsible", "responsible"]
    csv = (site / "downloads" / "tasks.csv").read_text(encoding="utf-8-sig")
    assert "牵头" not in csv.split("\n", 1)[1]
