"""Revisions end to end: import a revised notice over the real data, build, and check what
the staff and the units see: the change report, stable task URLs, curated data kept."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from fengong.data.load import load_site
from fengong.model import RevisionDiff, TaskChange
from import_notice import main as import_main
from sitebuild import ROOT, build_site

pytestmark = pytest.mark.slow

FIXTURES = ROOT / "tests" / "fixtures" / "revisions"


def snapshot(directory: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(directory)): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def revised(tmp: Path, fixture: str) -> tuple[Path, Path]:
    """A copy of data/ with the fixture imported as revision v2; and its built site."""
    data = tmp / "data"
    shutil.copytree(ROOT / "data", data)
    assert (
        import_main(
            [
                str(FIXTURES / fixture),
                "--data-dir",
                str(data),
                "--revision",
                "v2",
                "--date",
                "2020-09-01",
            ]
        )
        == 0
    )
    return data, build_site(tmp / "site", data)


def html(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text("utf-8"), "html.parser")


def expected(fixture: str) -> dict:
    return json.loads((FIXTURES / fixture.replace(".txt", ".expected.json")).read_text("utf-8"))


@pytest.fixture(scope="module")
def renumbered(tmp_path_factory):
    return revised(tmp_path_factory.mktemp("r1"), "r1-renumber.txt")


@pytest.fixture(scope="module")
def units_moved(tmp_path_factory):
    return revised(tmp_path_factory.mktemp("r2"), "r2-units.txt")


def test_curated_files_survive_a_revision(renumbered):
    data, _ = renumbered
    for name in ("units.yaml", "tags.yaml", "targets.yaml", "synonyms.yaml"):
        assert (data / name).read_bytes() == (ROOT / "data" / name).read_bytes(), name
    assert (data / "revisions" / "v1" / "notice.yaml").is_file()
    assert (data / "revisions" / "v2" / "source.txt").read_bytes() == (
        FIXTURES / "r1-renumber.txt"
    ).read_bytes()


def test_renumbered_tasks_keep_their_urls(renumbered):
    data, site = renumbered
    old = yaml.safe_load((ROOT / "data" / "notice.yaml").read_text("utf-8"))
    new = yaml.safe_load((data / "notice.yaml").read_text("utf-8"))
    old_by_id = {t["id"]: t for t in old["tasks"]}
    moved = 0
    for task in new["tasks"]:
        before = old_by_id.get(task["id"])
        if before is None:
            continue
        # The same stable id is the same task: same text unless the revision reworded it.
        page = html(site, f"tasks/{task['id']}/")
        assert page.select_one("article h1").get_text(strip=True) == f"任务{task['number']}"
        assert page.select_one(".fg-task-text").get_text("").strip() == task["text"]
        moved += before["number"] != task["number"]
    assert moved == 47
    # The removed task's old address says it was removed, and by which revision.
    removed = [n for n in old_by_id if n not in {t["id"] for t in new["tasks"]}]
    assert removed == [3]
    page = html(site, "tasks/3/")
    assert "已删除" in page.select_one("article h1").get_text()
    assert old_by_id[3]["text"] in page.select_one("article").get_text("")


def test_the_site_model_holds_the_matchers_changes(renumbered):
    data, _ = renumbered
    site, _ = load_site(data)
    diff = site.latest_changes.diff
    assert isinstance(diff, RevisionDiff)
    assert diff.summary == {
        "added": 1,
        "removed": 1,
        "renumbered": 47,
        "reworded": 2,
        "unchanged": 14,
    }
    change = site.change_of(site.task(10))  # old task 11: renumbered and reworded
    assert isinstance(change, TaskChange)
    assert (change.old_number, change.kinds) == (11, ("renumbered", "reworded"))
    assert site.change_of(site.task(1)) is None  # unchanged
    assert [c.new_number for c in site.latest_changes.by_kind()["added"]] == [50]


def test_changes_page_lists_exactly_the_changes(renumbered):
    _, site = renumbered
    article = html(site, "changes/").select_one("article")
    for kind, label in (("added", "新增"), ("removed", "删除"), ("reworded", "文字修改")):
        heading = article.find(id=f"rev-v2-{kind}")
        assert heading is not None and label in heading.get_text(), kind
    want = expected("r1-renumber.txt")
    reworded = [c for c in want["changes"] if "reworded" in c["kinds"]]
    section = article.find(id="rev-v2-reworded").find_next("ul")
    assert len(section.find_all("li", recursive=False)) == len(reworded)


def test_changed_task_page_marks_insertions(renumbered):
    _, site = renumbered
    page = html(site, "tasks/11/")  # old task 11, now 10: reworded
    assert page.select_one("article h1").get_text(strip=True) == "任务10"
    inserted = "".join(i.get_text() for i in page.select(".fg-diff ins"))
    assert "培育乡村旅游新业态" in inserted


def test_home_shows_the_current_revision(renumbered):
    _, site = renumbered
    text = html(site, "").select_one("article").get_text("")
    assert "v2" in text


def test_lead_change_shows_on_the_task_and_both_units(units_moved):
    _, site = units_moved
    page = html(site, "tasks/8/").select_one("article")
    assert "牵头单位：区总工会 → 区人力社保局" in page.get_text("")
    for unit in ("zonggonghui", "renshe"):
        unit_text = html(site, f"units/{unit}/").select_one("article").get_text("")
        assert "本次修订" in unit_text and "任务8" in unit_text, unit


def test_a_failed_revision_import_changes_nothing(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    before = snapshot(data)
    bad = tmp_path / "bad.txt"
    # No task at all: an import that fails (a typo such as an unclosed unit list no longer
    # does: the task is imported without units, with a warning).
    bad.write_text("关于做好稳就业工作的通知\n请各单位认真贯彻执行。\n", "utf-8")
    args = ["--data-dir", str(data), "--revision", "v2", "--date", "2020-09-01"]
    assert import_main([str(bad), *args]) == 1
    assert (
        import_main(
            [str(FIXTURES / "r3-punct.txt"), *args[:2], "--revision", "v1", "--date", "2020-09-01"]
        )
        == 1
    )  # the label is taken
    assert snapshot(data) == before
