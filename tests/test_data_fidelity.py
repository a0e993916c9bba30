"""data/ held against the source text, line by line: nothing lost, nothing misattributed."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from fengong.importer.read import read_lines
from sitebuild import ROOT

DATA = ROOT / "data"
SOURCE = DATA / "source" / "dazu-2020-41.txt"


@pytest.fixture(scope="module")
def document() -> dict:
    return yaml.safe_load((DATA / "notice.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def lines() -> list[str]:
    return read_lines(SOURCE, str(SOURCE))


def test_the_source_is_the_shared_notice_unchanged():
    shared = ROOT.parent / "shared" / "notice" / "dazu-2020-41.txt"
    if shared.exists():  # beside the repository on developer machines and CI
        assert SOURCE.read_bytes() == shared.read_bytes()
    current = DATA / "revisions" / "v1" / "source.txt"
    assert current.read_bytes() == SOURCE.read_bytes()


def test_every_line_of_the_source_is_in_exactly_one_block(document, lines):
    owner: dict[int, dict] = {}
    for block in document["blocks"]:
        for n in range(block["line"], block["end_line"] + 1):
            assert n not in owner, f"line {n} in two blocks"
            owner[n] = block
    for n, line in enumerate(lines, start=1):
        if line.strip():
            assert n in owner, f"line {n} is in no block: {line!r}"
            assert line.strip() in owner[n]["text"], f"line {n} not as written"
    # And no block holds text that is not in the source.
    joined = "".join(line.strip() for line in lines)
    for block in document["blocks"]:
        assert block["text"] in joined, block["line"]


def test_each_task_is_its_source_entry_split_without_loss(document):
    entries = {b["number"]: b["text"] for b in document["blocks"] if b["kind"] == "task"}
    assert sorted(entries) == list(range(1, 64))
    for task in document["tasks"]:
        raw = entries[task["number"]]
        note = task.get("unit_note", "")
        units = "、".join(task["units"]) + (f"。{note}" if note else "")
        assert raw == f"{task['number']}．{task['text']}（责任单位：{units}）", task["number"]


def test_the_first_unit_listed_leads_every_task(document):
    # The notice's own rule, in the note to task 1: 列第一责任单位的为牵头单位，下同。
    assert document["notice"]["lead_rule"] == "列第一责任单位的为牵头单位，下同。"
    for task in document["tasks"]:
        assert task["lead"] == task["units"][:1], task["number"]


def test_structure_counts(document):
    assert len(document["parts"]) == 7
    assert len(document["clauses"]) == 26
    assert len(document["tasks"]) == 63
    written = {name for task in document["tasks"] for name in task["units"]}
    assert len(written) == 41
    kinds = [b["kind"] for b in document["blocks"]]
    assert kinds.count("section") == 3 and kinds.count("item") == 4


def test_header_signature_contact_and_cc(document):
    notice = document["notice"]
    assert notice["doc_number"] == "大足府办发〔2020〕41号"
    assert notice["title"] == (
        "重庆市大足区人民政府办公室关于贯彻落实国务院关于进一步做好稳就业工作的意见重点任务分工的通知"
    )
    assert notice["issuer"] == notice["signature"] == "重庆市大足区人民政府办公室"
    assert notice["date"] == "2020-04-29"
    assert notice["addressees"] == ["各镇街人民政府（办事处）", "区政府有关部门", "有关单位"]
    assert notice["contact"]["person"] == "张高" and notice["contact"]["phone"] == "43722483"
    assert notice["cc"] == [
        "区委办公室", "区人大常委会办公室", "区政协办公室", "经开区办公室",
        "区人武部", "区法院", "区检察院", "群团各部门",
    ]  # fmt: skip
    assert notice["annex_title"] == "大足区进一步做好稳就业工作重点任务分工"


def test_reporting_duty(document):
    duty = document["reporting"]
    assert duty["who"] == "各项任务牵头单位"
    assert duty["to"] == "区就业工作领导小组办公室"
    assert duty["items"] == ["联络人", "工作情况"]
    when = [(d["when"], d["covers"], d["month"], d["year_offset"]) for d in duty["deadlines"]]
    assert when == [("本年度7月上旬", "上半年", 7, 0), ("次年度1月上旬", "上年度", 1, 1)]


def test_targets_are_the_notices_numbers(site_model):
    figures = {t.label: (t.value, t.unit, t.bound) for t in site_model.targets}
    assert figures == {
        "城镇新增就业": (14000, "人", "min"),
        "城镇登记失业率": (3.3, "%", "max"),
        "高校毕业生年底就业率": (90, "%", "min"),
        "引导农民工回足就业创业": (10000, "人", "exact"),
        "帮扶贫困劳动力就业": (1000, "名", "exact"),
        "补贴性培训": (12600, "人次", "exact"),
        "公开招聘乡村教师、医生": (200, "名", "min"),
    }
    assert next(t for t in site_model.targets if t.value == 200).task == 36


def test_dates_and_quantities_in_task_texts(site_model):
    def dates(n):
        return [(d.kind, d.start, d.end) for d in site_model.task(n).dates]

    assert dates(1) == [("deadline", None, "2021-04-30"), ("deadline", None, "2020-12-31")]
    assert dates(32) == [("period", "2020-01-01", "2020-12-31")]
    assert dates(33) == [("period", "2020-01-01", "2020-12-31")]
    quantities = {q.quote: (q.value, q.unit) for q in site_model.task(9).quantities}
    assert quantities == {"提前30日": (30, "日")}
    assert any(q.value == 20 and q.unit == "%" for q in site_model.task(23).quantities)
    assert any(q.value == 200 and q.bound == "min" for q in site_model.task(36).quantities)


def test_units_resolve_to_one_canonical_unit_each(site_model):
    task28 = site_model.task(28)
    written = {a.written: a.unit.id for a in task28.assignments}
    assert written["区农业农村委〔区扶贫办〕"] == "nongye-nongcun"
    assert len(site_model.units) == 40
    renshe = site_model.unit("renshe")
    assert len(site_model.tasks_of(renshe)) == 40 and len(site_model.tasks_led(renshe)) == 29
    assert site_model.unit("zhenjie").kind == "town_group"


@pytest.mark.parametrize("path", sorted(Path(DATA).glob("*.yaml")))
def test_data_files_are_utf8_yaml(path):
    assert yaml.safe_load(path.read_text(encoding="utf-8")) is not None
