"""The views' own decisions: what a page shows, before any template draws it."""

from __future__ import annotations

from dataclasses import replace

from fengong.pages import paths
from fengong.pages.views.tasks import tasks_index
from fengong.pages.views.timeline import timeline_page
from fengong.pages.views.units import report_to, unit_page


def test_reports_go_to_the_office_and_the_unit_it_sits_in(site_model):
    # units.yaml: 区人力社保局 hosts the office (区就业工作领导小组办公室设在区人力社保局).
    office = site_model.reporting.to
    assert report_to(site_model, office) == "区就业工作领导小组办公室（设在区人力社保局）"
    assert report_to(site_model, "县就业工作领导小组办公室") == "县就业工作领导小组办公室"
    renshe = site_model.unit("renshe")
    without = replace(
        site_model,
        units=tuple(replace(u, hosts=()) if u == renshe else u for u in site_model.units),
    )
    assert report_to(without, office) == office


def test_timeline_names_the_years_of_the_reporting_windows(site_model):
    view = timeline_page(site_model, paths.TIMELINE)
    assert (view.this_year, view.next_year) == (2020, 2021)
    assert view.reporting_to == site_model.reporting.to
    task_entries = [e for e in view.entries if e.item.task]
    assert all(e.item.name.endswith(" · " + e.kind) for e in task_entries)
    quiet = timeline_page(replace(site_model, reporting=None), paths.TIMELINE)
    assert (quiet.this_year, quiet.next_year, quiet.reporting_to) == (None, None, "")


def test_a_unit_page_links_its_downloads_and_lists_its_dates_in_order(site_model):
    unit = site_model.unit("renshe")
    view = unit_page(site_model, paths.page_of(unit), unit)
    assert view.downloads.xlsx == "../../downloads/units/renshe.xlsx"
    assert view.downloads.sheet == "print/"
    assert view.downloads.ics  # it leads tasks, so it has reports to make
    # In date order: by first day, then last day (a period before a deadline on its last day).
    days = [(d.first, d.last) for d in view.dated]
    assert days == sorted(days)
    assert [d.item.when for d in view.dated] == [
        "2020年1月1日至12月31日",
        "2020年1月1日至12月31日",
        "2020年7月1日至7月10日",
        "2020年12月31日",
        "2021年1月1日至1月10日",
        "2021年4月30日",
    ]
    assert [d.item.task.number if d.item.task else d.kind for d in view.dated] == [
        32,
        33,
        "报送",
        1,
        "报送",
        1,
    ]
    assert {d.role for d in view.dated} <= {"牵头", "参与"}
    assert len(view.undated) == len(site_model.tasks_of(unit)) - 3  # tasks 1, 32 and 33
    assert view.no_date == "通知未写明时限"
    assert view.reporting is not None and view.reporting.to.endswith("（设在区人力社保局）")


def test_task_index_groups_cover_every_task_once_in_order(site_model):
    view = tasks_index(site_model, paths.TASKS_INDEX)
    numbers = [t.number for g in view.groups for t in g.tasks]
    assert numbers == [t.number for t in site_model.tasks]
    starts = [g.part.number for g in view.groups if g.starts_part]
    assert starts == [p.number for p in site_model.parts]


def test_a_unit_never_lists_itself_among_the_other_units(site_model):
    """Task 8: 区总工会 leads, 区人力社保局 takes part; on 区人力社保局's page the other units
    of task 8 are 区总工会 alone."""
    for unit in site_model.units:
        view = unit_page(site_model, paths.page_of(unit), unit)
        for row in view.led + view.shared:
            assert unit.id not in {a.unit.id for a in row.lead + row.others}, (unit.id, row)
    renshe = site_model.unit("renshe")
    view = unit_page(site_model, paths.page_of(renshe), renshe)
    task8 = next(row for row in view.shared if row.task.number == 8)
    assert [a.written for a in task8.lead] == ["区总工会"] and task8.others == ()


def test_a_placeholder_is_not_counted_as_a_unit(site_model):
    from fengong.pages.views.units import units_index

    view = units_index(site_model, paths.UNITS_INDEX)
    placeholder = site_model.unit("xiangguan-danwei")
    assert placeholder.is_placeholder and view.placeholders == (placeholder,)
    assert view.unit_count == len(site_model.units) - 1 == 39
