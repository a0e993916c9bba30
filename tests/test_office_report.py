"""The office's files per reporting period (issue #22): the 汇总表 (.xlsx) and the 通报 draft
(.docx), made by the build of the demo (the real data with the SAMPLE returns of
tests/fixtures/progress-sample/), opened as the office would (openpyxl, python-docx) and held
against the model (pages/standing.py): every reported task, its status and its words; the
counts; the units not reported; byte-identical on a second build."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest
from bs4 import BeautifulSoup
from demo import main as build_demo
from fengong.model import Site
from fengong.pages import paths
from fengong.pages.labels import cn_date
from fengong.pages.report_docx import CLOSING, DOC_NUMBER, DRAFT, TITLE
from fengong.pages.standing import COUNT_KEYS, COUNT_LABELS, standing
from fengong.pages.summary_xlsx import CONTRIBUTION
from progress_sample import sample_site

PERIODS = ("2020-H1", "2020")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Site:
    return sample_site(tmp_path_factory.mktemp("sample"))


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> tuple[Path, Path]:
    """The demo site built twice, each by its own `mkdocs build` process."""
    sites = []
    for name in ("first", "second"):
        target = tmp_path_factory.mktemp(name) / "site-demo"
        assert build_demo(["--site-dir", str(target)]) == 0
        sites.append(target)
    return sites[0], sites[1]


def office_file(site_dir: Path, period: str, ext: str) -> Path:
    return site_dir / paths.period_download(period, ext)


def period_of(site: Site, period_id: str):
    return next(p for p in site.periods if p.id == period_id)


def history(site: Site, task, period_id: str):
    return next((h for h in standing(site).of(task).history if h.period.id == period_id), None)


def unreported(site: Site, period_id: str) -> list[str]:
    """The lead units with no ledger for the period, from the model."""
    return [
        r.unit.name for r in standing(site).returns if r.period.id == period_id and not r.report
    ]


@pytest.mark.parametrize("period", PERIODS)
def test_a_second_build_makes_the_same_bytes(builds, period):
    first, second = builds
    for ext in ("xlsx", "docx"):
        a, b = office_file(first, period, ext), office_file(second, period, ext)
        assert a.read_bytes() == b.read_bytes(), f"{a.name} differs between two builds"


def test_progress_page_links_them_and_names_the_periods(builds):
    site_dir = builds[0]
    page = BeautifulSoup((site_dir / "progress" / "index.html").read_text("utf-8"), "html.parser")
    periods = [c.get_text() for c in page.select("#periods ~ ul li code")]
    assert periods == ["2020-H1", "2020"]
    links = [a["href"] for a in page.select("#office ~ ul a")]
    assert links == [
        f"../{paths.period_download(period, ext)}" for period in PERIODS for ext in ("xlsx", "docx")
    ]
    for href in links:
        assert (site_dir / "progress" / href).resolve().is_file(), href
    assert "2020年7月1日至7月10日" in page.select_one("#periods ~ ul").get_text()


def summary_rows(path: Path) -> list[tuple]:
    ws = openpyxl.load_workbook(path)["汇总表"]
    header = [c.value for c in ws[3]]
    assert header == [
        "序号",
        "任务内容",
        "牵头单位",
        "其他责任单位",
        "状态",
        "进展情况",
        "佐证材料",
        "收到日期",
    ]
    return [tuple(c.value or "" for c in row) for row in ws.iter_rows(min_row=4)]


@pytest.mark.parametrize("period", PERIODS)
def test_the_summary_holds_every_task_as_reported(builds, site, period):
    rows = summary_rows(office_file(builds[0], period, "xlsx"))
    tasks = [r for r in rows if r[0]]  # a part's row has its title in the first cell only
    by_number = {r[0]: r for r in tasks if r[1]}
    assert list(by_number) == [str(t.number) for t in site.tasks]
    for task in site.tasks:
        row = by_number[str(task.number)]
        h = history(site, task, period)
        status = h.status if h and h.status else "未报送"
        assert row[1] == task.text
        assert row[2] == "、".join(a.unit.name for a in task.lead)
        assert row[4] == status
        leads = [e for e in (h.entries if h else ()) if e.role == "lead"]
        for e in leads:
            assert e.entry.progress in row[5]
            assert e.entry.evidence in row[6]
            assert cn_date(e.report.received) in row[7]
    # Each partner's words beneath its task, never setting the status.
    contributions = []
    current = None
    for r in rows:
        if r[0] and r[1]:
            current = int(r[0])
        elif r[1] == CONTRIBUTION:
            contributions.append((current, r[3], r[5], r[6]))
    expected = []
    for task in site.tasks:
        h = history(site, task, period)
        if h is None:
            continue
        expected += [
            (task.number, e.unit.name, e.entry.progress, e.entry.evidence)
            for e in h.entries
            if e.role != "lead"
        ]
        expected += [
            (task.number, c.unit.name, c.contribution.progress, c.contribution.evidence)
            for c in h.contributions
        ]
    assert contributions == expected
    if period == "2020-H1":  # the sample's partner row and its contribution
        assert (16, "区财政局", "（示例）已预拨项目前期经费，配合推进。", "预拨通知") in expected
        assert (1, "区财政局", "（示例）配合做好降费资金保障。", "") in expected


HEADINGS = ("任务状态", "按部分", "按牵头单位", "任务写明的时限已过", "未报送的牵头单位")


def overview(path: Path) -> dict[str, list[tuple]]:
    """The first sheet's tables, by heading (the cells below each, to the next heading)."""
    ws = openpyxl.load_workbook(path).worksheets[0]
    assert ws.title == "概况"
    tables: dict[str, list[tuple]] = {}
    heading = None
    for row in ws.iter_rows(min_row=4, values_only=True):
        first = row[0]
        if isinstance(first, str) and first[2:].startswith(HEADINGS) and first[1] == "、":
            heading = first
            tables[heading] = []
        elif heading and any(v is not None for v in row):
            tables[heading].append(row)
    return tables


@pytest.mark.parametrize("period", PERIODS)
def test_the_counts_and_the_reminders_are_the_models(builds, site, period):
    tables = overview(office_file(builds[0], period, "xlsx"))
    trend = next(t for t in standing(site).trend if t.period.id == period)
    by_status = {r[0]: r[1] for r in tables["一、任务状态"][1:]}
    assert by_status == {
        **{COUNT_LABELS[k]: n for k, n in zip(COUNT_KEYS, trend.counts, strict=True)},
        "合计": len(site.tasks),
    }
    by_part = tables["二、按部分"][1:]
    assert [r[0].split("、", 1)[1] for r in by_part] == [p.title for p in site.parts]
    assert [sum(r[1:6]) for r in by_part] == [len(p.task_numbers) for p in site.parts]
    columns = [sum(r[i] for r in by_part) for i in range(1, 6)]
    assert tuple(columns) == trend.counts
    by_unit = {r[0]: r[1:7] for r in tables["三、按牵头单位（所牵头的任务）"][1:]}
    assert list(by_unit) == [u.name for u in standing(site).lead_units]
    for unit in standing(site).lead_units:
        assert by_unit[unit.name][-1] == len(site.tasks_led(unit))
    reminders = next(v for k, v in tables.items() if k.startswith("五、未报送的牵头单位"))
    owed = unreported(site, period)
    assert owed, "the sample leaves lead units unreported in every period"
    assert [r[0] for r in reminders[1:]] == owed
    for r in reminders[1:]:
        unit = next(u for u in site.units if u.name == r[0])
        assert r[1] == len(site.tasks_led(unit))
        assert r[2] == "、".join(f"任务{t.number}" for t in site.tasks_led(unit))
    overdue = next(v for k, v in tables.items() if k.startswith("四、"))
    if period == "2020":  # task 33: 2020-12-31, reported 滞后 (the sample says so)
        assert overdue[1][:2] == ("任务33", "2020年12月31日")


@pytest.mark.parametrize("period", PERIODS)
def test_the_draft_says_what_the_returns_say(builds, site, period):
    document = docx.Document(str(office_file(builds[0], period, "docx")))
    texts = [p.text for p in document.paragraphs]
    assert texts[:3] == [DRAFT, DOC_NUMBER, TITLE]
    assert texts[-1] == CLOSING
    trend = next(t for t in standing(site).trend if t.period.id == period)
    counts = dict(zip(COUNT_KEYS, trend.counts, strict=True))
    reported = len(site.tasks) - counts["none"]
    opening = texts[3]
    assert f"通知所列{len(site.tasks)}项任务中，牵头单位已报送{reported}项" in opening
    for key in ("done", "on-track", "behind", "not-started"):
        share = f"{counts[key] * 100 / reported:.1f}%"
        assert f"{COUNT_LABELS[key]}{counts[key]}项（占已报送任务的{share}）" in opening
    assert f"尚未报送{counts['none']}项" in opening
    owed = unreported(site, period)
    assert f"以下{len(owed)}个牵头单位未报送：" in "".join(texts)
    listed = next(t for t in texts if "牵头单位未报送：" in t).split("：", 1)[1]
    assert [name.split("（")[0] for name in listed.rstrip("。").split("）、")] == owed
    # The lagging and unstarted tasks, each with its lead units' own words.
    (table,) = document.tables
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["序号", "任务内容", "牵头单位", "状态", "单位报送的进展情况"]
    expected = []
    for task in site.tasks:
        h = history(site, task, period)
        if h and h.status in ("滞后", "未启动"):
            leads = [e for e in h.entries if e.role == "lead"]
            words = "\n".join(
                (f"{e.unit.name}：" if len(leads) > 1 else "") + (e.entry.progress or "（未填写）")
                for e in leads
            )
            lead = "、".join(a.unit.name for a in task.lead)
            expected.append([str(task.number), task.text, lead, h.status, words])
    assert rows[1:] == expected
    assert len(expected) == counts["behind"] + counts["not-started"]
    # A4, the page number in the footer, the fonts named as official documents name them.
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert "PAGE" in section.footer._element.xml
    assert document.styles["Normal"].font.name == "仿宋_GB2312"


FORMULA = '=HYPERLINK("http://example.invalid","点此")'


def test_a_units_words_stay_text_in_both_files(tmp_path):
    """Words that look like a formula, a link or markup are written as the unit wrote them:
    a string cell in the 汇总表, a plain run in the draft (its only field is the page number)."""
    import zipfile

    from fengong.data.load import load_site
    from fengong.pages.office import office_files
    from progress_sample import sample_data

    data = sample_data(tmp_path)
    report = data / "progress" / "2020-H1" / "fagai.yaml"
    text = report.read_text("utf-8")
    assert "（示例）部分项目审批进度慢于计划。" in text  # task 16, 滞后
    words = FORMULA + " <b>&amp;</b>"
    report.write_text(text.replace("'（示例）部分项目审批进度慢于计划。'", f"'{words}'"), "utf-8")
    site, problems = load_site(data)
    assert not [p for p in problems if p.severity == "error"]
    files = office_files(site)
    summary = tmp_path / "summary.xlsx"
    summary.write_bytes(files[paths.period_download("2020-H1", "xlsx")])
    ws = openpyxl.load_workbook(summary)["汇总表"]
    cell = next(c for row in ws.iter_rows() for c in row if c.value and FORMULA in str(c.value))
    assert (cell.value, cell.data_type) == (words, "s")
    draft = tmp_path / "draft.docx"
    draft.write_bytes(files[paths.period_download("2020-H1", "docx")])
    (table,) = docx.Document(str(draft)).tables
    assert any(c.text == words for row in table.rows for c in row.cells)
    with zipfile.ZipFile(draft) as z:
        body = z.read("word/document.xml").decode("utf-8")
        footers = [z.read(n).decode("utf-8") for n in z.namelist() if "footer" in n]
    assert "instrText" not in body and "fldSimple" not in body and "fldChar" not in body
    assert [f.count("<w:instrText") for f in footers if "<w:instrText" in f] == [1]
    assert any("> PAGE <" in f for f in footers)


def test_a_notice_without_parts_is_summed_up_as_one_group(site):
    from dataclasses import replace

    from fengong.pages.office import office_files
    from fengong.pages.period_summary import period_summary

    flat = replace(site, parts=())
    summary = period_summary(flat, period_of(flat, "2020-H1"))
    assert [g.label for g in summary.groups] == ["全部任务"]
    assert [line.task.number for line in summary.lines] == [t.number for t in site.tasks]
    assert (
        summary.counts == next(t for t in standing(flat).trend if t.period.id == "2020-H1").counts
    )
    data = office_files(flat)[paths.period_download("2020-H1", "xlsx")]
    import io

    ws = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    headings = [
        r[0] for r in ws.iter_rows(min_row=4, values_only=True) if r[0] and r[0][1:2] == "、"
    ]
    assert [h.split("（")[0] for h in headings] == [
        "一、任务状态",
        "二、按牵头单位",
        "三、任务写明的时限已过、本期未报已完成的任务",
        "四、未报送的牵头单位",
    ]


def test_the_office_files_are_named_before_they_are_made(site):
    """MkDocs lists every download before the worker makes it: the names, in the same order,
    are the files made, the office's among them."""
    from fengong.pages.downloads import download_files

    files = download_files(site)
    assert paths.download_names(site) == list(files)
    office = [name for name in files if name.startswith("downloads/progress/")]
    assert office == [paths.period_download(p, ext) for p in PERIODS for ext in ("xlsx", "docx")]
