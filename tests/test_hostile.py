"""Hostile text (issue #23): what a notice or a returned ledger says never runs in a reader's
browser or an office's spreadsheet, and never writes outside the site folder.

PAYLOADS is the one table of what the hostile notice carries; add a row and every check
below covers it. The notice is written from the table (tests/fixtures/evil/hostile.txt is its
frame), imported with scripts/import_notice.py, its ledgers filled with the same text and
imported back with scripts/import_progress.py, and built.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from fengong.pages.cells import FORMULA_STARTS, from_spreadsheet, spreadsheet_safe
from sitebuild import ROOT

FRAME = ROOT / "tests" / "fixtures" / "evil" / "hostile.txt"

# (name, task text as the notice writes it, its unit list). Each row is one task.
PAYLOADS = (
    ("formula =", '=HYPERLINK("http://evil.example/","点击")查看详情。', "区财政局、../x"),
    (
        "formula +",
        "+cmd|' /C calc'!A0加号开头的任务。",
        "区<img src=x onerror=alert(1)>局、区财政局",
    ),
    (
        "formula - and markup",
        "-2+3+cmd|' /C calc'!A0减号开头，含</textarea><svg onload=alert(2)>与"
        "<script>alert('x')</script>。",
        "=cmd局、区财政局",
    ),
    (
        "formula @ and templates",
        "@SUM(1+1)*cmd|' /C calc'!A0，{{ 7*7 }}与{% raw %}模板语法。",
        "区财政局",
    ),
    (
        "full-width ＝, bidi, javascript link",
        "＝全角等号开头，含双向控制字符\u202eexe.txt\u202c，以及[点击](javascript:alert(3))。",
        "@区税务局、区财政局",
    ),
    ("a unit's own quote", "'=已带单引号的公式开头。", "区财政局"),
    ("very long line", "很长的一行" * 2000, "区财政局"),
)
# The units the lists above name, and the id each gets (a path becomes a plain id).
UNIT_IDS = {
    "区财政局": "qu-cai-zheng-ju",
    "../x": "x",
    "区<img src=x onerror=alert(1)>局": "qu-imgsrcxonerroralert1-ju",
    "=cmd局": "cmd-ju",
    "@区税务局": "qu-shui-wu-ju",
}
# What a unit writes back in its ledger: formulas, markup, a quote of its own.
RETURNED = (
    '=HYPERLINK("http://evil.example/","进展")',
    "+1 已完成<script>alert(4)</script>",
    "'@我们自己加的单引号",
    "-",
    "\u202e倒序显示",
)


def hostile_notice() -> str:
    tasks = "\n".join(
        f"{n}．{text}（责任单位：{units}）" for n, (_, text, units) in enumerate(PAYLOADS, 1)
    )
    return FRAME.read_text(encoding="utf-8").replace("{TASKS}\n", tasks + "\n")


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory) -> Path:
    from import_notice import main as import_main

    base = tmp_path_factory.mktemp("hostile")
    source = base / "hostile.txt"
    source.write_text(hostile_notice(), encoding="utf-8")
    data = base / "data"
    data.mkdir()
    assert import_main([str(source), "--data-dir", str(data)]) == 0
    return data


@pytest.fixture(scope="module")
def hostile_site(hostile_data):
    from fengong.data.load import load_site

    site, _ = load_site(hostile_data)
    return site


@pytest.fixture(scope="module")
def downloads(hostile_site) -> dict[str, bytes]:
    from fengong.pages import paths
    from fengong.pages.downloads import download_files

    return download_files(hostile_site, lambda item: "https://example.org/" + paths.item_url(item))


def csv_fields(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def xlsx_formulas(data: bytes) -> list[str]:
    """Every formula element in the workbook's XML (none may come from data)."""
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        return [
            f"{name}: {m.group(0)[:80]}"
            for name in book.namelist()
            if name.endswith(".xml")
            for m in re.finditer(r"<f[ >].*?</f>|<f/>", book.read(name).decode("utf-8"))
        ]


# -- the neutralising function ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "as_csv"),
    [
        ("=1+1", "'=1+1"),
        ("+86 23 1234", "'+86 23 1234"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("＝1+1", "'＝1+1"),
        ("＋1", "'＋1"),
        ("－1", "'－1"),
        ("＠x", "'＠x"),
        ("'=1", "''=1"),  # a unit's own quote before a formula: one more, so it comes back
        ("'abc", "'abc"),  # a quote before ordinary text is left as it is
        ("区财政局", "区财政局"),
        ("a=1", "a=1"),
        ("", ""),
        ("'", "'"),
    ],
)
def test_spreadsheet_safe(text, as_csv):
    assert spreadsheet_safe(text) == as_csv
    assert from_spreadsheet(as_csv) == text


def test_values_that_are_not_text_pass_unchanged():
    from datetime import date

    assert spreadsheet_safe(-3) == -3
    assert spreadsheet_safe(date(2020, 7, 1)) == date(2020, 7, 1)
    assert spreadsheet_safe(None) is None


def test_every_csv_field_is_inert_and_says_what_it_was(hostile_site, downloads):
    csvs = {name: data for name, data in downloads.items() if name.endswith(".csv")}
    assert len(csvs) == 1 + len(UNIT_IDS)  # tasks.csv and each unit's ledger
    quoted = 0
    for name, data in csvs.items():
        for row in csv_fields(data):
            for field in row:
                assert not field or field[0] not in FORMULA_STARTS, (name, field[:40])
                quoted += field.startswith("'") and from_spreadsheet(field) != field
    texts = [task.text for task in hostile_site.tasks]
    tasks_csv = csv_fields(downloads["downloads/tasks.csv"])
    column = tasks_csv[0].index("任务内容")
    assert [spreadsheet_safe(t) for t in texts] == list(
        dict.fromkeys(row[column] for row in tasks_csv[1:])
    )
    written = tasks_csv[0].index("单位（原文）")
    assert {"'=cmd局", "'@区税务局"} <= {row[written] for row in tasks_csv[1:]}
    assert quoted >= 5


def test_json_keeps_the_exact_text(hostile_site, downloads):
    data = json.loads(downloads["downloads/tasks.json"])
    assert [t["text"] for t in data["tasks"]] == [t.text for t in hostile_site.tasks]
    assert [t["text"] for t in data["tasks"]] == [text for _, text, _ in PAYLOADS]


def test_workbooks_hold_strings_never_formulas(hostile_site, downloads):
    import openpyxl

    books = {name: data for name, data in downloads.items() if name.endswith(".xlsx")}
    assert len(books) == 1 + len(UNIT_IDS)
    for name, data in books.items():
        assert xlsx_formulas(data) == [], name
    sheet = openpyxl.load_workbook(io.BytesIO(downloads["downloads/tasks.xlsx"]))["任务分工"]
    header = [c.value for c in sheet[1]]
    texts = [row[header.index("任务内容")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert list(dict.fromkeys(texts)) == [t.text for t in hostile_site.tasks]  # no quote added
    for row in sheet.iter_rows(min_row=2):
        assert row[header.index("任务内容")].data_type == "s"


def test_a_returned_csv_ledger_reads_back_as_written(tmp_path, hostile_site, downloads):
    """The site's quote is taken off the task text again (no 'edited' warning); what the
    unit wrote comes back exactly as its file holds it, its own quotes kept."""
    from fengong.importer.ledgers import read_ledger
    from fengong.pages import paths

    unit = hostile_site.unit("qu-cai-zheng-ju")
    rows = csv_fields(downloads[paths.unit_download(unit, "csv")])
    header = rows[0]
    col = {h: i for i, h in enumerate(header)}
    for row, said in zip(rows[1:], RETURNED * 2, strict=False):
        row[col["进展情况"]] = said  # as a spreadsheet saves a cell: its text, unquoted
        row[col["佐证材料"]] = spreadsheet_safe(said)  # as a text editor may leave it
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    path = tmp_path / "returned.csv"
    path.write_bytes(out.getvalue().encode("utf-8-sig"))
    returned, problems = read_ledger(path)
    assert problems == []
    by_id = {task.id: task for task in hostile_site.tasks}
    for row in returned.rows:
        assert row.text == by_id[row.task_id].text
    got = [(r.progress, r.evidence) for r in returned.rows]
    expected = [(s.strip(), str(spreadsheet_safe(s)).strip()) for s in RETURNED * 2]
    assert got == expected[: len(got)]
    assert len(got) == len(PAYLOADS)
