"""import_notice.py --report FILE.html: one self-contained page with every task beside its
source line, marked where the importer was unsure; text from the notice escaped."""

from __future__ import annotations

import json
from pathlib import Path

import import_notice  # scripts/ is on the tests' path (pyproject.toml)
import pytest
from bs4 import BeautifulSoup

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "notices-real"
GUANGZHOU = FIXTURES / "20_guangzhou2012_rencai-jiju.txt"  # leads marked (牵头单位：)
JIUYE = FIXTURES / "02_guofa2018-39_cujin-jiuye.txt"  # a lead rule; two lines not placed
CAIDIAN = FIXTURES / "19_caidian2023_gzbg-mubiao-renwu-zeren-fenjie.txt"  # no rule, no mark


def run(argv: list, capsys) -> tuple[int, str, str]:
    capsys.readouterr()
    status = import_notice.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, out, err


def report_of(tmp_path: Path, source: Path, capsys, *extra) -> tuple[BeautifulSoup, dict, str]:
    """The report and the JSON of a preview import (nothing written to the data)."""
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    page = tmp_path / "report.html"
    status, out, err = run(
        [source, "--data-dir", data, "--json", "-", "--report", page, *extra], capsys
    )
    assert status == 0, err
    assert f"核对页面：{page}（用浏览器打开，逐条核对任务与原文）" in err
    html = page.read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser"), json.loads(out), html


def rows(soup: BeautifulSoup) -> list:
    return soup.select("table#tasks tbody tr.task")


def test_a_row_for_each_task_beside_its_source_line(tmp_path, capsys):
    soup, notice, _ = report_of(tmp_path, GUANGZHOU, capsys)
    found = rows(soup)
    assert len(found) == len(notice["tasks"]) == 45
    lines = GUANGZHOU.read_text(encoding="utf-8").splitlines()
    for row, task in zip(found, notice["tasks"], strict=True):
        assert row["id"] == f"task-{task['number']}"
        cells = row.find_all("td", recursive=False)
        units = [li.contents[0].get_text() for li in cells[3].select("ul.units > li")]
        assert units == task["units"]
        assert cells[2].get_text() == task["text"]
        source = cells[1].select("p")
        first = source[0].select_one(".where").get_text()
        number = int(first.removeprefix("行"))
        assert source[0].get_text() == first + lines[number - 1]
        lead = cells[4].get_text()
        assert lead.startswith("、".join(task["lead"]) or "—")
    # 目标 (task 1) has no unit: marked, and the row is among those to check.
    assert rows(soup)[0].select(".mark-no-units")
    assert "unsure" in rows(soup)[0]["class"]
    assert all(r["data-lead"] == "marked" for r in rows(soup)[1:])
    assert soup.select_one("#status").get_text().startswith("已读出 45 项任务")


def test_leads_by_rule_new_units_and_lines_not_placed_are_marked(tmp_path, capsys):
    soup, notice, _ = report_of(tmp_path, JIUYE, capsys)
    assert len(rows(soup)) == len(notice["tasks"]) == 15
    assert {r["data-lead"] for r in rows(soup)} == {"rule"}
    assert all("unsure" in r["class"] for r in rows(soup))
    # An empty data directory: every unit name is new to the registry.
    names = {n for t in notice["tasks"] for n in t["units"]}
    assert {m.get_text() for m in soup.select("#new-units .new-unit")} == names
    assert {m.get_text() for m in soup.select("tr.task .new-unit")} == names
    unplaced = soup.select_one("#unplaced + p + ul").get_text()
    assert "行28" in unplaced and "从工业企业结构调整专项奖补资金" in unplaced
    assert "行31" in unplaced and "（此件公开发布）" in unplaced
    assert "列第一位者为牵头单位，下同" in soup.select_one("dl.summary").get_text()


@pytest.mark.parametrize(("policy", "kind"), [("stated", "none"), ("first", "first")])
def test_a_lead_the_notice_does_not_give_is_marked(tmp_path, capsys, policy, kind):
    soup, _, _ = report_of(tmp_path, CAIDIAN, capsys, "--lead-rule", policy)
    assert [r["data-lead"] for r in rows(soup)] == [kind] * 3
    assert all(r.select(f".lead-{kind}") for r in rows(soup))


def test_corrections_applied_are_shown_on_their_tasks(tmp_path, capsys):
    data = tmp_path / "data"
    data.mkdir()
    (data / "corrections.yaml").write_text(
        "corrections:\n  - task: 1\n    starts: 目标\n    not_a_task: true\n"
        "  - task: 2\n    starts: 战略性主导产业\n    lead: [市发展改革委, 市委组织部]\n"
        "    why: 市委组织部 co-leads (the office's decision of 2013-01-05)\n",
        encoding="utf-8",
    )
    soup, notice, _ = report_of(tmp_path, GUANGZHOU, capsys)
    assert len(rows(soup)) == len(notice["tasks"]) == 44
    first = rows(soup)[0]
    assert first["data-lead"] == "corrected"
    assert first.select_one(".num").get_text().startswith("1原文 2")
    marks = first.select(".mark-corrected")
    assert len(marks) == 1
    assert "corrections.yaml:5: “战略性主导产业紧缺人才开发项目。" in first.get_text()
    said = marks[0].find_next_sibling().get_text()
    assert said.endswith(
        "牵头单位 市发展改革委、市委组织部"
        "（说明：市委组织部 co-leads (the office's decision of 2013-01-05)）"
    )
    applied = soup.select_one("#corrections-applied").get_text()
    assert "corrections.yaml:2: “目标。2012年起5年内" in applied and "不是任务" in applied
    assert not any(r.select(".mark-corrected") for r in rows(soup)[1:])


def test_text_from_the_notice_is_escaped(tmp_path, capsys):
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>&amp;'
    text = GUANGZHOU.read_text(encoding="utf-8").replace("羊城学者", hostile, 1)
    source = tmp_path / "hostile.txt"
    source.write_text(text, encoding="utf-8")
    soup, notice, html = report_of(tmp_path, source, capsys)
    assert not soup.find("script") and not soup.find("img")
    assert hostile not in html
    task = next(t for t in notice["tasks"] if hostile in t["text"])
    row = soup.select_one(f"#task-{task['number']}")
    assert hostile in row.find_all("td")[2].get_text()
    assert hostile in row.find_all("td")[1].get_text()


def test_the_report_is_self_contained_and_deterministic(tmp_path, capsys):
    _, _, html = report_of(tmp_path, JIUYE, capsys)
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.select("link, script, img, iframe, object, embed")
    assert "url(" not in html and "@import" not in html and "http" not in html
    _, _, again = report_of(tmp_path, JIUYE, capsys)
    assert again == html


def test_a_failed_import_writes_the_report_and_nothing_else(tmp_path, capsys):
    data = tmp_path / "data"
    data.mkdir()
    (data / "corrections.yaml").write_text(
        "corrections:\n  - task: 2\n    starts: 战略性\n    lead: [市科协]\n    units: []\n",
        encoding="utf-8",
    )
    page = tmp_path / "report.html"
    status, _, _ = run([GUANGZHOU, "--data-dir", data, "--report", page], capsys)
    assert status == 1
    assert sorted(p.name for p in data.iterdir()) == ["corrections.yaml"]
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    assert "failed" in soup.select_one("#status")["class"]
    problems = soup.select("ul.problems li.error")
    assert [p.get_text() for p in problems] == [
        f"{data}/corrections.yaml:2 错误：任务2的更正：牵头单位 市科协 不在 'units' 中；"
        "请把它加进 'units'"
    ]
    assert len(rows(soup)) == 45  # what was read, before any correction


def test_a_report_into_a_missing_folder_is_refused_before_the_import(tmp_path, capsys):
    data = tmp_path / "data"
    data.mkdir()
    status, _, err = run(
        [GUANGZHOU, "--data-dir", data, "--report", tmp_path / "no/r.html"], capsys
    )
    assert status == 1
    folder = tmp_path / "no"
    assert err == f"--report：文件夹 {folder} 不存在；请先创建它（mkdir -p {folder}）\n"
    assert not any(data.iterdir())


@pytest.mark.parametrize(
    ("notes", "shown"),
    [
        ("试点先行", ["备注：试点先行"]),
        ({"推广范围": "全市", "分值": "5"}, ["备注：推广范围：全市", "备注：分值：5"]),
        (None, []),
    ],
)
def test_notes_kept_from_unknown_columns_are_shown_where_a_task_has_them(notes, shown):
    # A task's notes (备注, 分值 … columns the importer keeps) come from the table reader;
    # the report shows them in whatever form, and a task without the field shows none.
    from types import SimpleNamespace

    from fengong.importer.corrections import Corrections
    from fengong.importer.parse import ParsedNotice, RawTask
    from fengong.importer.report import render_report, report_context

    class NotedTask(RawTask):  # no __slots__: it may carry notes, as the new field will
        pass

    task = NotedTask(
        number=1,
        line=1,
        part=None,
        clause=None,
        text="推进<试点>",
        units=["市教育局"],
        lead=["市教育局"],
        unit_note="",
        raw="",
        roles=["lead"],
        marked_lead=True,
    )
    if notes is not None:
        task.notes = notes
    parsed = ParsedNotice(tasks=[task], layout="table")
    result = SimpleNamespace(
        parsed=parsed,
        lines=["1 推进<试点> 市教育局"],
        new_units=[],
        failed=False,
        corrections=Corrections(shown="data/corrections.yaml"),
        problems=[],
    )
    soup = BeautifulSoup(render_report(report_context(result, "a.txt")), "html.parser")
    assert [n.get_text() for n in soup.select("tr.task .note")] == shown
    assert soup.select_one("tr.task td.text").get_text() == "推进<试点>"


def test_with_the_registry_only_the_tasks_to_check_are_barred(tmp_path, capsys):
    # The real notice against the real registry (a preview: nothing written): every unit is
    # known and its rule (列第一责任单位的为牵头单位) gives every lead, so no row is barred;
    # a unit name the registry lacks bars its task alone.
    root = Path(__file__).resolve().parent.parent
    source = root / "data" / "source" / "dazu-2020-41.txt"
    page = tmp_path / "dazu.html"
    argv = [source, "--data-dir", root / "data", "--json", tmp_path / "d.json", "--report", page]
    status, _, err = run(argv, capsys)
    assert status == 0, err
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    assert len(rows(soup)) == 63
    assert {r["data-lead"] for r in rows(soup)} == {"rule"}
    assert not soup.select("tr.unsure") and not soup.select(".new-unit")

    text = source.read_text(encoding="utf-8").replace("区金融发展服务中心）", "区金融办）", 1)
    edited = tmp_path / "edited.txt"
    edited.write_text(text, encoding="utf-8")
    argv[0] = edited
    status, _, err = run(argv, capsys)
    assert status == 0, err
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    barred = soup.select("tr.unsure")
    assert [r["id"] for r in barred] == ["task-2"]
    assert [m.get_text() for m in barred[0].select(".new-unit")] == ["区金融办"]
