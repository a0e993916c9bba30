"""How the tasks stand (落实情况): the arithmetic of fengong.pages.standing on the SAMPLE reports
(tests/fixtures/progress-sample/, invented), what the pages show of it, and what the real
site, which has no reports, says."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace

import pytest
import yaml
from bs4 import BeautifulSoup
from fengong.model import ProgressEntry, ProgressReport
from fengong.pages import paths, search
from fengong.pages.downloads import ALL_COLUMNS, assignment_rows, notice_json_bytes
from fengong.pages.render import render_pages
from fengong.pages.standing import STATUS_KEYS, least_advanced, standing
from progress_sample import SAMPLE, sample_site


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return sample_site(tmp_path_factory.mktemp("sample"))


@pytest.fixture(scope="module")
def sample_pages(sample):
    return render_pages(sample)


def expected_statuses(site) -> dict[int, str]:
    """Task id → the status its lead unit gave in the latest period it reported the task,
    read straight from the sample files (each sample task has one lead unit)."""
    due = {p.id: p.due for p in site.periods}
    found: dict[int, tuple[str, str]] = {}
    for path in SAMPLE.glob("*/*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for row in data["reports"]:
            task = next(t for t in site.tasks if t.id == row["task"])
            if task.role_of(site.unit(data["unit"])) != "lead":
                continue
            when = due[str(data["period"])]
            if row["task"] not in found or found[row["task"]][0] < when:
                found[row["task"]] = (when, row["status"])
    return {task_id: status for task_id, (_, status) in found.items()}


def test_counts_per_part_and_unit_equal_the_data(sample, sample_pages):
    statuses = expected_statuses(sample)
    key = {t.id: STATUS_KEYS[statuses[t.id]] if t.id in statuses else "none" for t in sample.tasks}
    html = BeautifulSoup(sample_pages[paths.PROGRESS], "html.parser")
    drawn = {
        (chart, row["data-row"], lamp["data-status"]): int(lamp["data-count"])
        for chart in ("fg-lights-part", "fg-lights-unit")
        for row in html.find(id=chart).select("g.fg-lights-row")
        for lamp in row.select(".fg-lamp")
    }
    for part in sample.parts:
        got = Counter(key[t.id] for t in sample.tasks_in(part))
        for status in (*STATUS_KEYS.values(), "none"):
            assert drawn["fg-lights-part", str(part.number), status] == got[status]
    renshe = sample.unit("renshe")
    got = Counter(key[t.id] for t in sample.tasks_led(renshe))
    assert drawn["fg-lights-unit", "renshe", "behind"] == got["behind"] == 1  # task 33
    assert sum(v for (c, r, _), v in drawn.items() if (c, r) == ("fg-lights-unit", "renshe")) == 29
    # A lit cell links to the task index filtered by the same status and row.
    cell = html.find(id="fg-lights-unit").select_one('[data-row="renshe"] [data-status="behind"]')
    assert cell["xlink:href"] == "../tasks/?status=behind&unit=renshe&role=lead"


def test_late_missing_overdue_and_what_is_due(sample, site_model):
    st = standing(sample)
    assert st.as_of == "2021-01-12"  # the latest day received: 区发展改革委, 2020 (late)
    assert st.latest.id == "2020"
    state = {(r.unit.id, r.period.id): r.state for r in st.returns}
    assert state["jingxin", "2020-H1"] == "late"  # received 2020-07-14, due 07-10
    assert state["fagai", "2020"] == "late"
    assert state["renshe", "2020-H1"] == state["caizheng", "2020"] == "received"
    assert state["jiaowei", "2020-H1"] == state["jingxin", "2020"] == "missing"
    reported = {"renshe", "fagai", "caizheng", "jiaowei"}
    assert {u.id for u in st.missing(st.latest)} == {u.id for u in st.lead_units} - reported
    # Task 33's period ended 2020-12-31 and it is 滞后; task 32 (same day) is 已完成; task 1
    # runs to 2021-04-30.
    assert [s.task.number for s in st.overdue()] == [33]
    assert st.next_due() is None  # both windows passed by the data's date
    real = standing(site_model)
    assert (real.as_of, real.latest, real.overdue(), real.next_due().id) == (
        "",
        None,
        (),
        "2020-H1",
    )
    assert all(r.state == "not-open" for r in real.returns)


def test_a_partner_row_and_several_leads(sample):
    assert least_advanced(["已完成", "滞后", "序时推进"]) == "滞后"
    assert least_advanced([]) is None
    # 区财政局 is a partner in task 1: its 已完成 is shown, the lead's 序时推进 stands.
    task = sample.task(1)
    extra = ProgressReport(
        unit=sample.unit("caizheng"),
        period="2020",
        received="2021-01-06",
        revision="v1",
        file="x.xlsx",
        entries=(ProgressEntry(task_id=task.id, status="已完成"),),
    )
    site = replace(sample, reports=(*sample.reports, extra))
    s = standing(site).of(task)
    assert s.status == "序时推进"
    assert [(e.unit.id, e.role) for e in s.current.entries] == [
        ("renshe", "lead"),
        ("caizheng", "partner"),
    ]


def test_the_units_words_are_escaped(sample):
    evil = "<script>alert(1)</script>{{ 7*7 }}&amp;"
    reports = tuple(
        replace(r, entries=tuple(replace(e, progress=evil, evidence=evil) for e in r.entries))
        if r.unit.id == "renshe"
        else r
        for r in sample.reports
    )
    pages = render_pages(replace(sample, reports=reports))
    page = pages[paths.page_of(sample.task(33))]
    assert "<script>alert" not in page
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;{{ 7*7 }}&amp;amp;") == 4  # 2 periods
    cell = BeautifulSoup(page, "html.parser").select_one(
        '#progress-2020 ~ div td[data-label="进展情况"]'
    )
    assert cell.get_text() == evil


def test_the_downloads_and_the_task_filter_carry_the_status(sample):
    data = json.loads(notice_json_bytes(sample, None))
    entry = next(t for t in data["tasks"] if t["number"] == 33)
    assert (entry["status"], entry["status_period"]) == ("滞后", "2020")
    headers = [h for h, _ in ALL_COLUMNS]
    row = next(r for r in assignment_rows(sample, lambda item: "") if r[0] == 33)
    assert row[headers.index("落实情况")] == "滞后" and row[headers.index("报送期")] == "2020年度"
    files = search.index_files(search.documents(sample))
    facets = json.loads(files[f"{search.FILES_DIR}/tasks.json"])["tasks"]
    statuses = Counter(f[7] for f in facets)
    assert statuses["behind"] == 2 and sum(statuses.values()) == len(sample.tasks)


def test_the_real_site_says_no_report_is_in(built_site, site_model):
    """The real data has no reports: a task page, a lead unit's page and /progress/ say so,
    and /progress/ lists the periods with their due dates."""
    for page in ("tasks/33/index.html", "units/renshe/index.html", "progress/index.html"):
        html = BeautifulSoup((built_site / page).read_text(encoding="utf-8"), "html.parser")
        note = html.select_one("article .fg-no-report")
        assert note is not None and "尚未收到报送" in note.get_text(), page
        assert not html.select(".fg-lights"), page
    progress = (built_site / "progress/index.html").read_text(encoding="utf-8")
    for period in site_model.periods:
        assert f'data-fg-last="{period.due}"' in progress
    nav = BeautifulSoup((built_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "落实情况" in [a.get_text(strip=True) for a in nav.select(".md-tabs a")]
    assert "尚未收到报送" in nav.select_one(".fg-home-progress").get_text()
    data = json.loads((built_site / "downloads/tasks.json").read_text(encoding="utf-8"))
    assert {t["status"] for t in data["tasks"]} == {None}
