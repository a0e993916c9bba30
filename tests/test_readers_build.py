"""What the public reads on the built site (issue 25), checked in the HTML: a target group
holds the tasks of its clause as well as those naming it, and the unit finder is where the
home page says it is."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup
from fengong.data.build import _tags_of
from fengong.data.records import TaskRecord
from fengong.model import Tag


def soup(built_site, page: str) -> BeautifulSoup:
    return BeautifulSoup((built_site / page).read_text("utf-8"), "html.parser")


def test_a_group_holds_the_tasks_of_its_clause(built_site):
    """高校毕业生: 36, 37 and 40 name them; 35 (三支一扶) and 38 (就业见习) are in the clause
    （十三）稳定高校毕业生等青年就业 and serve them too."""
    heading = soup(built_site, "tasks/index.html").select_one("#tag-graduates")
    assert heading.get_text(strip=True) == "高校毕业生（5项）"
    links = [a.get_text() for a in heading.find_next_sibling("p").select("a")]
    assert links == ["任务35", "任务36", "任务37", "任务38", "任务40"]
    home = soup(built_site, "index.html").get_text()
    assert "涉及高校毕业生的任务（5项）" in home


def test_a_group_from_clause_title_or_text_only(site_model):
    """A keyword in the task's text or its clause's title tags it; elsewhere it does not (the
    part's title, another clause's)."""
    tag = Tag(id="graduates", name="高校毕业生", keywords=("高校毕业生",))
    titles = {(3, 13): "稳定高校毕业生等青年就业", (3, 12): "加强托底安置就业"}

    def task(clause: int, text: str) -> TaskRecord:
        return TaskRecord(
            number=1, id=1, part=3, clause=clause, text=text, units=("区教委",), lead=()
        )

    assert _tags_of(task(13, "实施三支一扶计划。"), [tag], titles) == (tag,)
    assert _tags_of(task(12, "扩大高校毕业生招聘。"), [tag], titles) == (tag,)
    assert _tags_of(task(12, "开发公益性岗位。"), [tag], titles) == ()
    assert _tags_of(task(14, "开发公益性岗位。"), [tag], titles) == ()  # no such clause


def test_every_task_of_the_graduates_clause_is_in_the_group(site_model):
    graduates = next(t for t in site_model.tags if t.id == "graduates")
    clause = next(c for c in site_model.clauses if "高校毕业生" in c.title)
    tagged = {t.number for t in site_model.tasks_tagged(graduates)}
    assert set(clause.task_numbers) <= tagged
    assert set(clause.task_numbers) == {35, 36, 37, 38}


def test_home_finds_a_unit_in_the_finder(built_site):
    """查找本单位 opens /units/ at the list the finder filters, which comes before the charts."""
    home = soup(built_site, "index.html")
    link = home.select_one("h3#查找本单位 a:not(.headerlink)")
    assert link.get_text(strip=True) == "查找本单位"
    assert link["href"].endswith("units/#list")
    units = str(soup(built_site, "units/index.html").select_one("article"))
    ids = re.findall(r'<h2 id="(\w+)"', units)
    assert ids.index("list") < ids.index("chart"), ids
