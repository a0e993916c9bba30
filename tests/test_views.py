"""The views' own decisions: what a page shows, before any template draws it."""

from __future__ import annotations

from dataclasses import replace

from fengong import paths
from fengong.views.tasks import tasks_index
from fengong.views.timeline import timeline_page
from fengong.views.units import report_to, unit_page


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
    days = [(d.mention.end or d.mention.start, d.task.number) for d in view.dated]
    assert days == sorted(days)
    assert {d.role for d in view.dated} <= {"lead", "partner"}
    assert view.reporting is not None and view.reporting.to.endswith("（设在区人力社保局）")


def test_task_index_groups_cover_every_task_once_in_order(site_model):
    view = tasks_index(site_model, paths.TASKS_INDEX)
    numbers = [t.number for g in view.groups for t in g.tasks]
    assert numbers == [t.number for t in site_model.tasks]
    starts = [g.part.number for g in view.groups if g.starts_part]
    assert starts == [p.number for p in site_model.parts]
