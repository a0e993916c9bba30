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
