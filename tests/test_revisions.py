"""Revisions of a notice: tasks matched by content, the changes reported, ids carried over."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from functools import cache
from pathlib import Path

import diff_revisions  # scripts/ is on the tests' path (pyproject.toml)
import pytest
import yaml
from fengong.data import revisions
from fengong.importer import datafiles, revision_report
from fengong.importer.parse import parse
from fengong.importer.read import read_lines
from fengong.model import TaskChange

ROOT = Path(__file__).resolve().parent.parent
ORIGINAL = ROOT / "data" / "source" / "dazu-2020-41.txt"
REAL_NOTICE = ROOT / "data" / "notice.yaml"
FIXTURES = ROOT / "tests" / "fixtures" / "revisions"
SCRIPT = ROOT / "scripts" / "diff_revisions.py"
REVISED = ("r1-renumber", "r2-units", "r3-punct")


@cache
def notice(path: Path) -> dict:
    lines = read_lines(path, str(path))
    parsed, _ = parse(lines, str(path))
    return datafiles.notice_document(parsed, str(path))


def expected(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))


def run_script(argv: list[str], capsys) -> tuple[int, str, str]:
    capsys.readouterr()
    status = diff_revisions.main(argv)
    out, err = capsys.readouterr()
    return status, out, err


# -- the fixtures: exactly the edits made, nothing else -----------------------------------


@pytest.mark.parametrize("name", REVISED)
def test_fixture_reports_exactly_the_edits(name):
    want = expected(name)
    old = notice(ORIGINAL)
    diff = revisions.diff_notices(old, notice(FIXTURES / f"{name}.txt"))

    listed = {(c["old_number"], c["new_number"]): c for c in want["changes"]}
    found = {(c.old_number, c.new_number): c for c in diff.tasks}
    for pair, change in listed.items():
        assert pair in found, f"{name}: expected {pair} {change['kinds']}, not reported"
        got = found[pair]
        assert list(got.kinds) == change["kinds"], pair
        for key in ("units_added", "units_removed", "lead_before", "lead_after"):
            if key in change:
                assert list(getattr(got, key)) == change[key], (pair, key)

    def shift(number: int) -> int:
        for run in want["renumbered"]:
            if run["old_from"] <= number <= run["old_to"]:
                return run["by"]
        return 0

    listed_old = {old for old, _ in listed if old is not None}
    for task in old["tasks"]:
        number = task["number"]
        if number in listed_old:
            continue
        by = shift(number)
        change = next(c for c in diff.tasks if c.old_number == number)
        assert change.new_number == number + by, number
        assert change.kinds == (("renumbered",) if by else ("unchanged",)), number
        assert change.old_text == change.new_text
        assert change.units_before == change.units_after

    # Every task of either revision is accounted for once, and nothing else is reported.
    assert sorted(c.old_number for c in diff.tasks if c.old_number is not None) == [
        t["number"] for t in old["tasks"]
    ]
    assert len(diff.tasks) == len(old["tasks"]) + sum(
        1 for c in want["changes"] if c["old_number"] is None
    )
    assert all(h.kinds == ("unchanged",) for h in (*diff.parts, *diff.clauses))


def test_punctuation_fixes_are_not_rewords():
    diff = revisions.diff_notices(notice(ORIGINAL), notice(FIXTURES / "r3-punct.txt"))
    assert diff.summary == {"punctuation": 3, "unchanged": 60}
    fixed = [c for c in diff.tasks if c.changed]
    assert [c.kinds for c in fixed] == [("punctuation",)] * 3
    assert fixed[0].text_diff == (
        ("equal", "推进区域医疗中心建设"),
        ("delete", "，"),
        ("insert", "；"),
        ("equal", "开展支持社会力量发展普惠托育服务专项行动。"),
    )


def test_same_notice_is_unchanged():
    old = notice(ORIGINAL)
    diff = revisions.diff_notices(old, old)
    assert diff.summary == {"unchanged": 63}
    assert "未变：63 项任务" in revision_report.to_text(diff)


def test_matching_is_deterministic():
    old, new = notice(ORIGINAL), notice(FIXTURES / "r1-renumber.txt")
    assert revisions.diff_notices(old, new) == revisions.diff_notices(old, new)


# -- one edit to a real task → the kinds of change -----------------------------------------


@cache
def real_notice() -> dict:
    return yaml.safe_load(REAL_NOTICE.read_text(encoding="utf-8"))


def real_task(number: int, /, **edits) -> dict:
    """Task `number` of the real notice, with some fields replaced; a callable edit gets
    the field's current value, so an edit names only what the revision changed."""
    task = copy.deepcopy(next(t for t in real_notice()["tasks"] if t["number"] == number))
    for key, edit in edits.items():
        value = edit(task[key]) if callable(edit) else edit
        assert value != task[key], f"task {number}: the edit to {key!r} changes nothing"
        task[key] = value
    return task


def with_tasks(*tasks: dict) -> dict:
    """The real notice, its parts and clauses, holding only the given tasks."""
    return {**real_notice(), "tasks": list(tasks)}


# Task 3 of 大足府办发〔2020〕41号, clause （二） of part 一: "发挥中小企业工作领导小组的协调作用，
# 支持中小企业发展，增加就业。" (区经济信息委 leads, with 经开区经发局).
CHANGE_KINDS = [
    pytest.param(lambda: [real_task(3)], lambda: [real_task(3)], ("unchanged",), id="same"),
    pytest.param(
        lambda: [real_task(3)],
        lambda: [real_task(3, text=lambda t: t.replace("增加就业", "稳定和扩大就业"))],
        ("reworded",),
        id="reword",
    ),
    pytest.param(
        lambda: [real_task(3)],
        lambda: [real_task(3, text=lambda t: t.replace("，", "；", 1))],
        ("punctuation",),
        id="punctuation-only",
    ),
    pytest.param(
        lambda: [real_task(3)],
        lambda: [real_task(3, text=lambda t: t.replace("，", ",").replace("。", "."))],
        ("punctuation",),
        id="half-width-punctuation",
    ),
    pytest.param(
        lambda: [real_task(3)],
        lambda: [real_task(3, units=lambda u: [*u, "区财政局"])],
        ("units_changed",),
        id="unit-added",
    ),
    pytest.param(
        lambda: [real_task(3)],
        lambda: [real_task(3, units=lambda u: u[:1])],
        ("units_changed",),
        id="unit-removed",
    ),
    pytest.param(
        lambda: [real_task(3)],
        lambda: [real_task(3, units=lambda u: u[::-1], lead=["经开区经发局"])],
        ("units_changed", "lead_changed"),
        id="lead-changed-by-reordering",
    ),
    pytest.param(
        lambda: [real_task(3)],
        lambda: [real_task(3, lead=["区经济信息委", "经开区经发局"])],
        ("lead_changed",),
        id="second-lead",
    ),
    pytest.param(
        lambda: [real_task(3)],
        lambda: [real_task(3, clause=3)],
        ("moved",),
        id="moved-to-another-clause",
    ),
    pytest.param(
        lambda: [real_task(3)],
        lambda: [real_task(3, number=4)],
        ("renumbered",),
        id="renumbered",
    ),
    pytest.param(
        lambda: [real_task(3)],
        lambda: [real_task(3, number=2, clause=3, text=lambda t: t.replace("增加", "扩大"))],
        ("moved", "renumbered", "reworded"),
        id="moved-renumbered-reworded",
    ),
    pytest.param(lambda: [real_task(3)], lambda: [], ("removed",), id="removed"),
    pytest.param(lambda: [], lambda: [real_task(3)], ("added",), id="added"),
]


@pytest.mark.parametrize(("old_tasks", "new_tasks", "kinds"), CHANGE_KINDS)
def test_one_edit_to_a_real_task_is_one_change(old_tasks, new_tasks, kinds):
    old, new = with_tasks(*old_tasks()), with_tasks(*new_tasks())
    [change] = list(revisions.diff_notices(old, new).tasks)
    assert change.kinds == kinds
    assert isinstance(change, TaskChange)
    diff = revisions.diff_notices(old, new)
    assert diff.tasks == (change,)
    assert diff.summary == {kind: 1 for kind in kinds}
    assert all(h.kinds == ("unchanged",) for h in (*diff.parts, *diff.clauses))


# -- small documents: one behaviour each --------------------------------------------------


def document(tasks, clauses=(("一", 1, 1, "甲条"), ("一", 2, 1, "乙条"))) -> dict:
    """A notice document with one part, the given clauses and (number, clause, text, units)."""
    return {
        "parts": [{"number": 1, "title": "第一部分"}],
        "clauses": [{"number": n, "part": p, "title": t} for _, n, p, t in clauses],
        "tasks": [
            {"number": n, "part": 1, "clause": c, "text": text, "units": list(u), "lead": [u[0]]}
            for n, c, text, u in tasks
        ],
    }


TEXT_A = "加强公共实训基地和产教融合实训基地建设，提升培训能力。"
TEXT_B = "扩大就业见习规模，支持企业开发更多见习岗位。"


def test_task_moved_to_another_clause():
    old = document([(1, 1, TEXT_A, ["区教委"]), (2, 2, TEXT_B, ["区人力社保局"])])
    new = document([(1, 2, TEXT_A, ["区教委"]), (2, 2, TEXT_B, ["区人力社保局"])])
    changes = list(revisions.diff_notices(old, new).tasks)
    assert [(c.old_number, c.new_number, c.kinds) for c in changes] == [
        (1, 1, ("moved",)),
        (2, 2, ("unchanged",)),
    ]


def test_renamed_clause_does_not_move_its_tasks():
    old = document([(1, 1, TEXT_A, ["区教委"]), (2, 2, TEXT_B, ["区人力社保局"])])
    renamed = (("一", 1, 1, "完全不同的标题"), ("一", 2, 1, "乙条"))
    new = document([(1, 1, TEXT_A, ["区教委"]), (2, 2, TEXT_B, ["区人力社保局"])], renamed)
    diff = revisions.diff_notices(old, new)
    assert [c.kinds for c in diff.tasks] == [("unchanged",), ("unchanged",)]
    assert [(c.old_number, c.new_number, c.kinds) for c in diff.clauses] == [
        (1, 1, ("renamed",)),
        (2, 2, ("unchanged",)),
    ]


def test_clause_inserted_renumbers_the_clauses_below_without_moving_their_tasks():
    old = document([(1, 1, TEXT_A, ["区教委"]), (2, 2, TEXT_B, ["区人力社保局"])])
    inserted = (("一", 1, 1, "甲条"), ("一", 2, 1, "新条"), ("一", 3, 1, "乙条"))
    new = document([(1, 1, TEXT_A, ["区教委"]), (2, 3, TEXT_B, ["区人力社保局"])], inserted)
    diff = revisions.diff_notices(old, new)
    assert [c.kinds for c in diff.tasks] == [("unchanged",), ("unchanged",)]
    assert [(c.old_number, c.new_number, c.kinds) for c in diff.clauses] == [
        (1, 1, ("unchanged",)),
        (None, 2, ("added",)),
        (2, 3, ("renumbered",)),
    ]
    assert "条 — → （二）：新增" in revision_report.to_text(diff)


def test_rewritten_task_is_removed_and_added():
    old = document([(1, 1, TEXT_A, ["区教委"])])
    new = document([(1, 1, TEXT_B, ["区人力社保局"])])
    changes = list(revisions.diff_notices(old, new).tasks)
    assert [(c.old_number, c.new_number, c.kinds) for c in changes] == [
        (1, None, ("removed",)),  # a removed task is listed before what replaced it
        (None, 1, ("added",)),
    ]


def test_duplicate_tasks_pair_by_position():
    old = document([(1, 1, TEXT_A, ["区教委"]), (2, 1, TEXT_A, ["区教委"])])
    new = document([(1, 1, TEXT_B, ["区人力社保局"]), (2, 1, TEXT_A, ["区教委"])])
    changes = list(revisions.diff_notices(old, new).tasks)
    assert [(c.old_number, c.new_number, c.kinds) for c in changes] == [
        (1, None, ("removed",)),
        (None, 1, ("added",)),
        (2, 2, ("unchanged",)),
    ]


def test_text_diff_rebuilds_both_texts():
    old, new = (
        "落实促进平台经济发展的意见，促进新业态。",
        "落实《促进平台经济健康发展的意见》，促进新产业新业态。",
    )
    runs = revisions.text_diff(old, new)
    assert "".join(t for op, t in runs if op != "insert") == old
    assert "".join(t for op, t in runs if op != "delete") == new
    assert {op for op, _ in runs} == {"equal", "insert"}


# -- stable ids ---------------------------------------------------------------------------


def test_task_identities_follow_tasks_across_a_revision():
    old = notice(ORIGINAL)
    changes = list(revisions.diff_notices(old, notice(FIXTURES / "r1-renumber.txt")).tasks)
    old_ids = {t["number"]: 1000 + t["number"] for t in old["tasks"]}  # ids ≠ numbers
    new_ids = revisions.task_identities(old_ids, changes)
    assert sorted(new_ids) == list(range(1, 64))
    assert new_ids[2] == 1002  # before the removed task: same number, same id
    assert new_ids[3] == 1004  # renumbered 4 → 3 keeps its id
    assert new_ids[10] == 1011  # renumbered and reworded
    assert new_ids[49] == 1050
    assert new_ids[50] == 1064  # added: above every id used, never the removed 1003
    assert new_ids[51] == 1051
    assert 1003 not in new_ids.values()
    assert len(set(new_ids.values())) == 63


def test_task_identities_never_reuse_an_id_dropped_earlier():
    old = document([(1, 1, TEXT_A, ["区教委"])])
    new = document([(1, 1, TEXT_A, ["区教委"]), (2, 1, TEXT_B, ["区人力社保局"])])
    changes = list(revisions.diff_notices(old, new).tasks)
    assert revisions.task_identities({1: 1}, changes) == {1: 1, 2: 2}
    assert revisions.task_identities({1: 1}, changes, ids_ever_used=[1, 2, 3]) == {1: 1, 2: 4}
    with pytest.raises(ValueError, match="no id for old task"):
        revisions.task_identities({}, changes)


# -- the report ---------------------------------------------------------------------------


def test_text_report_for_r1():
    diff = revisions.diff_notices(
        notice(ORIGINAL), notice(FIXTURES / "r1-renumber.txt"), old_label="A", new_label="B"
    )
    text = revision_report.to_text(diff)
    assert text.splitlines()[:3] == [
        "修订对比：A → B",
        "任务：63 项 → 63 项（新增 1，删除 1，序号变化 47，文字修改 2，未变 14）",
        "部分和条：没有变化",
    ]
    assert "任务3 → —：删除" in text
    assert "任务4–10 → 任务3–9：只有序号变化（7 项任务）" in text
    assert "任务11 → 任务10：序号变化、文字修改" in text
    assert "  + 加强旅游公共设施建设{+，培育乡村旅游新业态+}，营造良好的旅游文化氛围。" in text
    assert "— → 任务50：新增" in text
    assert text.endswith("未变：14 项任务\n")


def test_json_is_plain_data():
    diff = revisions.diff_notices(notice(ORIGINAL), notice(FIXTURES / "r2-units.txt"))
    data = revision_report.to_json(diff)
    assert json.loads(json.dumps(data)) == data
    [lead] = [t for t in data["tasks"] if "lead_changed" in t["kinds"]]
    assert lead["lead_before"] == ["区总工会"] and lead["lead_after"] == ["区人力社保局"]


# -- the script ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "options", "golden"),
    [
        ("r1-renumber", [], "r1-renumber.txt"),
        ("r2-units", [], "r2-units.txt"),
        ("r3-punct", [], "r3-punct.txt"),
        ("r1-renumber", ["--json"], "r1-renumber.json"),
    ],
)
def test_script_report_is_the_golden_one(name, options, golden, capsys, monkeypatch):
    """The whole report, text or JSON, as diff_revisions.py prints it. After a deliberate
    change to the report, regenerate the golden from the repository root with
    `python scripts/diff_revisions.py data/source/dazu-2020-41.txt
    tests/fixtures/revisions/NAME.txt [--json] > tests/fixtures/revisions/golden/GOLDEN`."""
    monkeypatch.chdir(ROOT)  # the report names its inputs as given: relative paths
    original, revised = ORIGINAL.relative_to(ROOT), (FIXTURES / f"{name}.txt").relative_to(ROOT)
    status, out, err = run_script([str(original), str(revised), *options], capsys)
    assert status == 0, err
    assert err == ""
    assert out == (FIXTURES / "golden" / golden).read_text(encoding="utf-8")


def test_script_reports_moves_of_a_task_and_a_clause(tmp_path, capsys):
    """Real tasks written as two data directories: task 3 moved from clause （二） to （三）,
    clause （四） and its tasks moved from part 一 to part 二."""
    numbers = range(2, 11)
    moved_clause = 4

    def revised(number: int) -> dict:
        if number == 3:
            return real_task(3, clause=3)
        if real_task(number)["clause"] == moved_clause:
            return real_task(number, part=2)
        return real_task(number)

    old = with_tasks(*(real_task(n) for n in numbers))
    new = with_tasks(*(revised(n) for n in numbers))
    new["clauses"] = [
        {**c, "part": 2} if c["number"] == moved_clause else c for c in new["clauses"]
    ]
    for name, document in (("old", old), ("new", new)):
        (tmp_path / name).mkdir()
        (tmp_path / name / "notice.yaml").write_text(
            datafiles.dump_notice(document), encoding="utf-8"
        )

    status, out, err = run_script([str(tmp_path / "old"), str(tmp_path / "new")], capsys)
    assert status == 0, err
    assert out.splitlines() == [
        f"修订对比：{tmp_path / 'old' / 'notice.yaml'} → {tmp_path / 'new' / 'notice.yaml'}",
        "任务：9 项 → 9 项（调整所属条款 1，未变 8）",
        "",
        "条 （四） → （四）：调整所属条款",
        "  所属部分：一、 → 二、",
        "",
        "任务3 → 任务3：调整所属条款",
        "  所属条款：（二）加强对企业金融支持 → （三）引导企业开拓国内市场",
        "未变：8 项任务",
    ]


def test_script_json(capsys):
    status, out, _ = run_script(
        [str(ORIGINAL), str(FIXTURES / "r1-renumber.txt"), "--json"], capsys
    )
    assert status == 0
    assert "培育乡村旅游新业态" in out  # ensure_ascii=False
    assert json.loads(out)["summary"]["added"] == 1


def test_script_reads_a_data_directory_and_a_docx(tmp_path, capsys):
    import docx

    data_dir = tmp_path / "data"
    data_dir.mkdir()
    text = datafiles.dump_notice(notice(ORIGINAL))
    (data_dir / "notice.yaml").write_text(text, encoding="utf-8")
    word = docx.Document()
    for line in read_lines(FIXTURES / "r1-renumber.txt", "r1"):
        word.add_paragraph(line)
    word.save(tmp_path / "r1.docx")

    status, from_docx, err = run_script([str(data_dir), str(tmp_path / "r1.docx")], capsys)
    assert status == 0, err
    _, from_text, _ = run_script([str(ORIGINAL), str(FIXTURES / "r1-renumber.txt")], capsys)
    assert from_docx.splitlines()[1:] == from_text.splitlines()[1:]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.txt", "missing.txt:1: 读不了这个文件：文件不存在"),
        (lambda d: d, "{dir}: 这个目录里没有 notice.yaml"),
        (lambda d: _write(d / "a.yaml", "tasks: [\n"), "a.yaml:2: YAML 写法有误"),
        (
            lambda d: _write(d / "a.yaml", "tasks:\n- number: one\n"),
            "a.yaml:2: 第 1 项任务：'number' 应是整数，现为 'one'",
        ),
        (lambda d: _write(d / "a.txt", "没有任务的文字。\n"), "a.txt:1: 没有读到任务"),
        (lambda d: _write(d / "a.csv", "x\n"), "a.csv: 无法判断 '.csv' 是什么文件"),
    ],
)
def test_script_refuses_bad_input(tmp_path, capsys, make, message):
    bad = make(tmp_path)
    status, out, err = run_script([str(bad), str(ORIGINAL)], capsys)
    assert status == 1
    assert out == ""
    first = err.splitlines()[0]
    assert first.startswith(str(tmp_path)), first
    assert message.format(dir=tmp_path) in first


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_script_run_from_the_shell_fails_without_a_traceback(tmp_path):
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(tmp_path / "nope.txt"), str(ORIGINAL)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{tmp_path / 'nope.txt'}:1: 读不了这个文件：文件不存在")
