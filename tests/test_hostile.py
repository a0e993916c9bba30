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
    ("array formula", '{=HYPERLINK("http://evil.example/")}', "区财政局"),
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
    # --lead-rule first: the first unit of each list leads, so 区财政局 has ledgers to return.
    assert import_main([str(source), "--data-dir", str(data), "--lead-rule", "first"]) == 0
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


@pytest.mark.parametrize("text", ["{=1+1}", "=1+1", "@SUM(A1)"])
def test_merged_and_single_cells_hold_text_that_looks_like_a_formula(text):
    """XlsxWriter writes '{=…}' given to its generic write (merge_range's) as an array
    formula whatever the workbook's options: Book writes every text with write_string."""
    from datetime import date

    from fengong.pages import xlsx

    book = xlsx.Book("t", date(2020, 1, 1))
    ws = book.sheet("s")
    book.merge(ws, 0, 0, 3, text, "title")
    book.write(ws, 1, 0, text, "cell")
    data = book.bytes()
    assert xlsx_formulas(data) == []
    with zipfile.ZipFile(io.BytesIO(data)) as files:
        strings = files.read("xl/sharedStrings.xml").decode("utf-8")
    assert strings.count(">" + text.replace("&", "&amp;") + "<") == 1  # one shared string


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


# -- through import, the returned ledgers, the build and every download ---------------------

OFFICIAL = "https://www.example.gov.cn/zwgk/41.html?a=1&b=<x>"  # refused: '<' is not in an address
OFFICIAL_OK = "https://www.example.gov.cn/zwgk/41.html?a=1&b=2"
REFUSED_URLS = ("javascript:alert(1)", "data:text/html,<script>alert(1)</script>", OFFICIAL)


def fill_ledgers(base: Path, site, downloads) -> list[Path]:
    """区财政局's ledger returned as a workbook, each lead row's 进展情况 and 佐证材料 holding
    what RETURNED says, as Excel stores typed text (the CSV form: the test above)."""
    import openpyxl
    from fengong import ledger
    from fengong.pages import paths

    unit = site.unit("qu-cai-zheng-ju")
    returned = base / "returned"
    returned.mkdir()
    book_path = returned / "区财政局-任务台账.xlsx"
    book_path.write_bytes(downloads[paths.unit_download(unit, "xlsx")])
    book = openpyxl.load_workbook(book_path)
    sheet = book["任务台账"]
    header_row = next(r for r in range(1, 20) if sheet.cell(r, 1).value == ledger.NUMBER_HEADER)
    col = {sheet.cell(header_row, c).value: c for c in range(1, sheet.max_column + 1)}
    led = {task.id for task in site.tasks_led(unit)}
    # Three rows or more: the progress from the table's start, the evidence from its end,
    # so every RETURNED text is imported.
    assert len(led) >= (len(RETURNED) + 1) // 2
    k = 0
    for r in range(header_row + 1, sheet.max_row + 1):
        if int(sheet.cell(r, col[ledger.TASK_ID_HEADER]).value) in led:
            sheet.cell(r, col[ledger.STATUS_HEADER]).value = ledger.STATUSES[1]
            said = {
                ledger.PROGRESS_HEADER: RETURNED[k % len(RETURNED)],
                ledger.EVIDENCE_HEADER: RETURNED[(-1 - k) % len(RETURNED)],
            }
            for header, text in said.items():
                cell = sheet.cell(r, col[header])
                cell.value = text
                cell.data_type = "s"  # text, as a unit's Excel keeps a typed '=…
            k += 1
    book.save(book_path)
    return [book_path]


@pytest.fixture(scope="module")
def hostile_build(hostile_data, hostile_site, downloads):
    """The hostile notice, its ledger returned and imported, built; with what the folder
    around the data held before, to find any file written outside the site."""
    from import_progress import main as import_progress
    from sitebuild import build_site

    base = hostile_data.parent
    (hostile_data / "document.yaml").write_text(f"official_url: {OFFICIAL_OK}\n", "utf-8")
    ledgers = fill_ledgers(base, hostile_site, downloads)
    options = ["--period", "2021-H1", "--data-dir", str(hostile_data), "--date", "2021-07-05"]
    code = import_progress([*map(str, ledgers), *options])
    assert code == 0
    before = sorted(p.relative_to(base).as_posix() for p in base.rglob("*"))
    site_dir = build_site(base / "site", hostile_data)
    after = sorted(
        p.relative_to(base).as_posix()
        for p in base.rglob("*")
        if not p.relative_to(base).as_posix().startswith("site")
    )
    return site_dir, before, after


def site_files(site_dir: Path, suffix: str) -> list[Path]:
    return sorted(p for p in site_dir.rglob(f"*{suffix}") if p.is_file())


def test_the_returned_text_is_imported_as_text(hostile_build, hostile_data):
    import yaml

    (report,) = (hostile_data / "progress" / "2021-H1").glob("*.yaml")
    entries = yaml.safe_load(report.read_text("utf-8"))["reports"]
    said = {e["progress"] for e in entries} | {e.get("evidence") for e in entries}
    assert {r.strip() for r in RETURNED} <= said


def test_nothing_is_written_outside_the_site_folder(hostile_build):
    site_dir, before, after = hostile_build
    assert after == before
    for path in site_dir.rglob("*"):
        assert path.resolve().is_relative_to(site_dir.resolve()), path
    assert (site_dir / "units" / "x" / "index.html").is_file()  # '../x' is the unit 'x'


def test_no_page_carries_executable_markup_from_the_data(hostile_build):
    from bs4 import BeautifulSoup
    from fengong.pages import csp

    site_dir, _, _ = hostile_build
    pages = site_files(site_dir, ".html")
    assert len(pages) > 20
    theme_scripts: set[str] = set()
    for path in pages:
        soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        for element in soup.find_all(True):
            handlers = [a for a in element.attrs if a.lower().startswith("on")]
            assert not handlers, (path, element.name, handlers)
            for attr in ("href", "src", "action", "formaction", "xlink:href"):
                value = str(element.get(attr, "")).strip().lower()
                assert not value.startswith(("javascript:", "data:text", "vbscript:")), path
        assert not soup.find_all(["textarea", "iframe", "object", "embed", "svg"], onload=True)
        assert not soup.select("img[src=x]"), path
        theme_scripts |= set(csp.inline_scripts(str(soup)))
        for script in soup.find_all("script"):
            assert "alert(" not in (script.string or ""), path
    assert len(theme_scripts) == 3  # the theme's own, the same on every page
    task = BeautifulSoup(
        (site_dir / "tasks" / "4" / "index.html").read_text("utf-8"), "html.parser"
    )
    shown = task.select_one(".fg-task-text").get_text("")
    assert "{{ 7*7 }}" in shown and "{% raw %}" in shown  # template syntax stays text
    task = BeautifulSoup(
        (site_dir / "tasks" / "5" / "index.html").read_text("utf-8"), "html.parser"
    )
    assert "\u202eexe.txt\u202c" in task.select_one(".fg-task-text").get_text("")  # as written


def test_the_official_link_opens_nothing_of_ours(hostile_build):
    from bs4 import BeautifulSoup

    site_dir, _, _ = hostile_build
    soup = BeautifulSoup((site_dir / "notice" / "index.html").read_text("utf-8"), "html.parser")
    links = soup.find_all("a", href=OFFICIAL_OK)
    assert links
    for link in links:
        assert link["rel"] == ["noopener", "noreferrer"]


@pytest.mark.parametrize("url", REFUSED_URLS)
def test_an_official_url_that_is_not_a_web_address_is_refused(tmp_path, hostile_data, url):
    import shutil

    from fengong.data.load import check

    data = tmp_path / "data"
    shutil.copytree(hostile_data, data)
    (data / "document.yaml").write_text(f"official_url: '{url}'\n", "utf-8")
    site, problems = check(data, shown_dir="data")
    assert site is None
    assert [str(p) for p in problems if ": 警告：" not in str(p)] == [
        "data/document.yaml:1: 'official_url' 须为正式文件原文的网址，以 https:// 开头"
    ]


def test_a_refused_build_leaves_the_last_site_as_it_was(tmp_path, hostile_build, hostile_data):
    import shutil

    from mkdocs.exceptions import Abort, PluginError
    from sitebuild import build_site

    site_dir, _, _ = hostile_build
    data = tmp_path / "data"
    shutil.copytree(hostile_data, data)
    kept = tmp_path / "site"
    shutil.copytree(site_dir, kept)
    before = {p: p.read_bytes() for p in kept.rglob("*") if p.is_file()}
    (data / "document.yaml").write_text("official_url: javascript:alert(1)\n", "utf-8")
    with pytest.raises((PluginError, Abort)):
        build_site(kept, data)
    assert {p: p.read_bytes() for p in kept.rglob("*") if p.is_file()} == before


def test_every_download_of_the_built_site_is_inert(hostile_build):
    import icalendar

    site_dir, _, _ = hostile_build
    downloads = site_dir / "downloads"
    for path in site_files(downloads, ".csv"):
        for row in csv_fields(path.read_bytes()):
            for field in row:
                assert not field or field[0] not in FORMULA_STARTS, (path, field[:40])
    for path in site_files(downloads, ".xlsx"):
        assert xlsx_formulas(path.read_bytes()) == [], path
    for path in site_files(site_dir, ".docx"):  # the office's report, when the site has one
        with zipfile.ZipFile(path) as doc:
            xml = "".join(doc.read(n).decode("utf-8") for n in doc.namelist() if n.endswith(".xml"))
        # The one field allowed is the footer's page number (Word's PAGE, no data in it):
        # a payload of the data must never become a field's instruction.
        assert "<w:fldSimple" not in xml, path
        instructions = re.findall(r"<w:instrText[^>]*>([^<]*)</w:instrText>", xml)
        assert [i.strip() for i in instructions] in ([], ["PAGE"]), (path, instructions)
    for path in site_files(site_dir, ".json"):
        json.loads(path.read_bytes())  # each parses: data, never markup run by a page
    texts = [text for _, text, _ in PAYLOADS]
    for path in site_files(downloads, ".ics"):
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        kinds = {component.name for component in calendar.walk()}
        assert kinds <= {"VCALENDAR", "VEVENT", "VALARM"}, path
        for event in calendar.walk("VEVENT"):
            description = str(event.get("description", ""))
            assert any(text in description for text in texts) or "报送" in description


def test_a_librarys_ledgers_across_notices_are_inert(tmp_path, hostile_data):
    """A library's own downloads (each unit's ledger across its notices, library_downloads.py)
    go through the same writers: no field a spreadsheet evaluates, no formula."""
    import shutil

    from fengong.data.load import load_library
    from fengong.pages.library_downloads import library_download_files
    from library_sample import move_to_library

    data = tmp_path / "data"
    shutil.copytree(hostile_data, data)
    move_to_library(data, "csfbf-2021-2")
    library, _ = load_library(data, shown_dir="data")
    files = library_download_files(library)
    own = [name for name in files if not name.startswith("notices/")]
    assert {name.rsplit(".", 1)[1] for name in own} == {"csv", "xlsx", "ics"}
    for name in own:
        if name.endswith(".csv"):
            for row in csv_fields(files[name]):
                for field in row:
                    assert not field or field[0] not in FORMULA_STARTS, (name, field[:40])
        elif name.endswith(".xlsx"):
            assert xlsx_formulas(files[name]) == [], name
    ledger = csv_fields(files["downloads/units/qu-cai-zheng-ju.csv"])
    column = ledger[0].index("任务内容")
    assert ledger[1][column] == spreadsheet_safe(PAYLOADS[0][1])
