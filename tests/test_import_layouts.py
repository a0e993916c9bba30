"""scripts/import_notice.py reads every supported layout of a 任务分工 notice into the same JSON."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import docx
import import_notice  # scripts/ is on pytest's pythonpath (pyproject.toml)
import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "notices"
REAL_NOTICE = ROOT / "data" / "source" / "dazu-2020-41.txt"

# The fields the JSON schema promises; the importer may add more, which we ignore.
NOTICE_FIELDS = ("doc_number", "title", "issuer", "date")
PART_FIELDS = ("number", "title")
CLAUSE_FIELDS = ("number", "part", "title")
TASK_FIELDS = ("number", "part", "clause", "text", "units", "lead")

MISSING = "<missing>"

FIXTURE_NAMES = sorted(p.stem for p in FIXTURES.glob("*.txt"))


def run_json(source: Path, capsys) -> dict:
    """Import `source` with `--json -` and return the parsed stdout."""
    capsys.readouterr()  # drop anything printed before this run
    status = import_notice.main(["--json", "-", str(source)])
    out, err = capsys.readouterr()
    assert status == 0, f"exit status {status}, stderr:\n{err}"
    assert "Traceback" not in err
    return json.loads(out)


def pick(item: dict, fields: tuple[str, ...]) -> dict:
    return {name: item.get(name, MISSING) for name in fields}


def schema_view(result: dict) -> dict:
    """Only what the schema promises, so extra fields never break a comparison."""
    return {
        "notice": pick(result.get("notice") or {}, NOTICE_FIELDS),
        "parts": [pick(p, PART_FIELDS) for p in result.get("parts", [])],
        "clauses": [pick(c, CLAUSE_FIELDS) for c in result.get("clauses", [])],
        "tasks": [pick(t, TASK_FIELDS) for t in result.get("tasks", [])],
    }


@pytest.fixture(scope="module")
def real_notice_json() -> dict:
    # pytest's capsys is function-scoped, so this module-wide run captures by hand.
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = import_notice.main(["--json", "-", str(REAL_NOTICE)])
    assert status == 0, f"exit status {status}, stderr:\n{err.getvalue()}"
    return json.loads(out.getvalue())


# --- fixture notices, one per layout ---------------------------------------


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_fixture_notice_matches_expected(name, capsys):
    expected = json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))
    actual = schema_view(run_json(FIXTURES / f"{name}.txt", capsys))

    assert actual["notice"] == expected["notice"]
    assert actual["parts"] == expected["parts"]
    assert actual["clauses"] == expected["clauses"]
    assert [t["number"] for t in actual["tasks"]] == [t["number"] for t in expected["tasks"]]
    for got, want in zip(actual["tasks"], expected["tasks"], strict=True):
        assert got == want, f"task {want['number']}"


def test_every_fixture_has_an_expected_file():
    assert FIXTURE_NAMES, f"no fixture notices in {FIXTURES}"
    for name in FIXTURE_NAMES:
        assert (FIXTURES / f"{name}.expected.json").is_file(), name


# --- the real notice ---------------------------------------------------------


def test_real_notice_counts(real_notice_json):
    assert len(real_notice_json["parts"]) == 7
    assert len(real_notice_json["clauses"]) == 26
    assert len(real_notice_json["tasks"]) == 63
    assert [t["number"] for t in real_notice_json["tasks"]] == list(range(1, 64))
    assert [p["number"] for p in real_notice_json["parts"]] == list(range(1, 8))
    assert [c["number"] for c in real_notice_json["clauses"]] == list(range(1, 27))


def test_real_notice_header(real_notice_json):
    assert pick(real_notice_json["notice"], NOTICE_FIELDS) == {
        "doc_number": "大足府办发〔2020〕41号",
        "title": "重庆市大足区人民政府办公室关于贯彻落实国务院关于进一步做好稳就业工作的"
        "意见重点任务分工的通知",
        "issuer": "重庆市大足区人民政府办公室",
        "date": "2020-04-29",
    }


def test_real_notice_structure_comes_from_the_annex(real_notice_json):
    # The body has its own 一、 and （一） paragraphs; the parts and clauses are the annex's.
    parts = real_notice_json["parts"]
    clauses = real_notice_json["clauses"]
    assert pick(parts[0], PART_FIELDS) == {"number": 1, "title": "支持企业稳定岗位"}
    assert pick(parts[-1], PART_FIELDS) == {"number": 7, "title": "加强组织保障"}
    assert pick(clauses[0], CLAUSE_FIELDS) == {
        "number": 1,
        "part": 1,
        "title": "加大援企稳岗力度",
    }
    assert pick(clauses[-1], CLAUSE_FIELDS) == {
        "number": 26,
        "part": 7,
        "title": "完善舆论宣传引导机制",
    }
    last = real_notice_json["tasks"][-1]
    assert (last["part"], last["clause"]) == (7, 26)


def test_real_notice_task_1(real_notice_json):
    task = real_notice_json["tasks"][0]
    assert task["number"] == 1
    assert (task["part"], task["clause"]) == (1, 1)
    assert task["units"] == [
        "区人力社保局",
        "区发展改革委",
        "区经济信息委",
        "区财政局",
        "区生态环境局",
        "区国资委",
        "经开区经发局",
        "区税务局",
    ]
    assert task["lead"] == ["区人力社保局"]
    assert task["text"].startswith("阶段性降低失业保险费率")
    assert task["text"].endswith("实施期限均延长至2020年12月31日。")
    assert "备注" not in task["text"]


def test_real_notice_task_28_keeps_unit_as_written(real_notice_json):
    task = real_notice_json["tasks"][27]
    assert task["number"] == 28
    assert "区农业农村委〔区扶贫办〕" in task["units"]


def test_real_notice_distinct_units(real_notice_json):
    written = {name for task in real_notice_json["tasks"] for name in task["units"]}
    assert len(written) == 41
    # Every name a task uses is known to the unit list: its name, a written form or an alias.
    known = set()
    for unit in real_notice_json["units"]:
        known.add(unit["name"])
        known.update(unit.get("written_as") or ())
        known.update(unit.get("aliases") or ())
    assert written <= known, sorted(written - known)


def test_real_notice_in_gb18030_gives_identical_json(tmp_path, capsys):
    # Same file name in both runs, so a recorded source name cannot differ.
    utf8 = tmp_path / "utf8" / REAL_NOTICE.name
    gb18030 = tmp_path / "gb18030" / REAL_NOTICE.name
    text = REAL_NOTICE.read_text(encoding="utf-8")
    utf8.parent.mkdir()
    gb18030.parent.mkdir()
    utf8.write_text(text, encoding="utf-8")
    gb18030.write_bytes(text.encode("gb18030"))
    assert gb18030.read_bytes() != utf8.read_bytes()

    assert run_json(gb18030, capsys) == run_json(utf8, capsys)


def test_real_notice_as_docx_gives_same_tasks(tmp_path, capsys, real_notice_json):
    document = docx.Document()
    for line in REAL_NOTICE.read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    source = tmp_path / "dazu-2020-41.docx"
    document.save(source)

    from_docx = schema_view(run_json(source, capsys))
    from_text = schema_view(real_notice_json)
    assert from_docx["parts"] == from_text["parts"]
    assert from_docx["clauses"] == from_text["clauses"]
    assert len(from_docx["tasks"]) == 63
    for got, want in zip(from_docx["tasks"], from_text["tasks"], strict=True):
        assert got == want, f"task {want['number']}"


def test_a_task_text_may_start_with_a_number(tmp_path, capsys):
    # '5．2021年底前…' is task 5; '2.5万人…' is a decimal, not task 2.
    source = tmp_path / "notice.txt"
    source.write_text(
        "1．2021年底前完成。（责任单位：区财政局）\n"
        "2、2020年计划。（责任单位：区教委）\n"
        "3. 1.4万人以上。（责任单位：区教委）\n",
        encoding="utf-8",
    )
    data = run_json(source, capsys)
    assert [(t["number"], t["text"]) for t in data["tasks"]] == [
        (1, "2021年底前完成。"),
        (2, "2020年计划。"),
        (3, "1.4万人以上。"),
    ]
