"""Real published notices (the development set, one per layout family) import to the tasks,
units, roles and leads checked by hand. Where each came from: NAME.source.yaml beside it."""

from __future__ import annotations

import json
from pathlib import Path

import import_notice  # scripts/ is on the tests' path (pyproject.toml)
import pytest
import yaml

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "notices-real"
NAMES = sorted(p.stem for p in FIXTURES.glob("*.txt"))
TASK_FIELDS = (
    "number",
    "part",
    "clause",
    "text",
    "units",
    "lead",
    "roles",
    "leaders",
    "numbered",
    "open_ended",
    "deadline",
)


def run_json(source: Path, capsys) -> dict:
    capsys.readouterr()
    status = import_notice.main(["--json", "-", str(source)])
    out, err = capsys.readouterr()
    assert status == 0, f"exit status {status}, stderr:\n{err}"
    assert "Traceback" not in err
    return json.loads(out)


@pytest.mark.parametrize("name", NAMES)
def test_real_notice_matches_expected(name, capsys):
    expected = json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))
    actual = run_json(FIXTURES / f"{name}.txt", capsys)
    assert actual["parts"] == expected["parts"]
    assert actual["clauses"] == expected["clauses"]
    got = [{k: t[k] for k in TASK_FIELDS if k in t} for t in actual["tasks"]]
    assert [t["number"] for t in got] == [t["number"] for t in expected["tasks"]]
    for got_task, want in zip(got, expected["tasks"], strict=True):
        assert got_task == want, f"task {want['number']}"


def test_every_real_notice_says_where_it_came_from():
    assert NAMES
    for name in NAMES:
        source = yaml.safe_load((FIXTURES / f"{name}.source.yaml").read_text("utf-8"))
        # The published page, or (where that is not known) the stored public copy it came from.
        url = str(source.get("source_url", ""))
        assert url.startswith("http") or source.get("stored_copy"), name
        assert isinstance(source.get("complete"), bool), name


@pytest.mark.parametrize(
    ("name", "tasks", "parts", "clauses"),
    [
        # The hand-checked counts of the complete notices (ground truth of the dev set).
        ("02_guofa2018-39_cujin-jiuye", 15, 5, 15),
        ("16_guofa2018-42_nongye-jixiehua", 18, 8, 20),
    ],
)
def test_complete_notice_counts(name, tasks, parts, clauses, capsys):
    result = run_json(FIXTURES / f"{name}.txt", capsys)
    assert (len(result["tasks"]), len(result["parts"]), len(result["clauses"])) == (
        tasks,
        parts,
        clauses,
    )


def test_the_import_says_what_it_understood(tmp_path, capsys):
    data = tmp_path / "data"
    source = FIXTURES / "02_guofa2018-39_cujin-jiuye.txt"
    capsys.readouterr()
    assert import_notice.main([str(source), "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "  版式：条款一级的任务（（一）…），每项以责任单位的括号结束" in out
    assert f"  牵头规则：“列第一位者为牵头单位，下同”（{source}:9）" in out
    assert "  计数：5 个部分，15 条条款，15 项任务" in out
    assert "  没有责任单位的任务：无" in out
    assert f"  未能归位的行：2 行（{source}:28，{source}:31）" in out
    assert any(line.startswith("14 个新单位已作为待整理条目加入") for line in out)


def test_a_tables_header_is_placed(tmp_path, capsys):
    """A table's header row is the table's column names, not a line the importer could not
    place: the summary of a table notice lists no such line."""
    source = FIXTURES / "30_huoshan2025_kaifaqu-zeren-qingdan-table.txt"
    capsys.readouterr()
    assert import_notice.main([str(source), "--data-dir", str(tmp_path / "data")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "  版式：表格，按表头找到各列" in out
    assert "  未能归位的行：无" in out
