"""The workbench's charts, timeline and print sheets as the data says, escaped, without a build."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest
from bs4 import BeautifulSoup
from fengong.pages import paths, qr
from fengong.pages.charts.matrix import level_legend, level_of
from fengong.pages.charts.measure import SMALL, text_width
from fengong.pages.dated import dated_items
from fengong.pages.labels import figure_text
from fengong.pages.render import drop_blank_lines, environment, render_pages
from fengong.pages.sheets import sheet_rows
from fengong.pages.targets import target_figures
from fengong.pages.views.timeline import timeline_page
from fengong.pages.views.units import units_index

EVIL = "<script>alert(1)</script> & <b>局</b>"
UNITS_PAGE = "units/index.md"


def soup(markup: str) -> BeautifulSoup:
    return BeautifulSoup(str(markup), "html.parser")


def renamed(site, unit_id: str, name: str):
    """The site with one unit renamed everywhere it is referenced."""
    new = replace(site.unit(unit_id), name=name)

    def swap(unit):
        return new if unit.id == unit_id else unit

    tasks = tuple(
        replace(t, assignments=tuple(replace(a, unit=swap(a.unit)) for a in t.assignments))
        for t in site.tasks
    )
    return replace(site, units=tuple(swap(u) for u in site.units), tasks=tasks)


class Charts:
    """The workbench's pieces for one site, each drawn alone as its page draws it: from the
    page's view, by the macro of templates/charts/ the page calls."""

    def __init__(self, site, *, site_url: str = ""):
        self.site = site
        self.codes = qr.Codes.of(site, site_url)
        self.env = environment()

    def _draw(self, template: str, macro: str, *args):
        return drop_blank_lines(getattr(self.env.get_template(template).module, macro)(*args))

    def unit_bars(self, page: str):
        view = units_index(self.site, page)
        return self._draw("charts/bars.svg.j2", "draw", view.bars, view.task_count)

    def unit_part_matrix(self, page: str):
        view = units_index(self.site, page)
        return self._draw("charts/matrix.svg.j2", "draw", view.matrix, view.legend)

    def timeline(self, page: str):
        return self._draw("charts/timeline.svg.j2", "draw", timeline_page(self.site, page).chart)

    def sheet_tasks(self, tasks, unit, page: str):
        rows = sheet_rows(tasks, unit, page, self.codes)
        return self._draw("charts/sheet_tasks.html.j2", "table", rows, bool(self.codes.site_url))

    def dated(self):
        return dated_items(self.site)

    def targets(self):
        return target_figures(self.site)


@pytest.fixture(scope="module")
def charts(site_model) -> Charts:
    return Charts(site_model, site_url="https://example.org/fengong/")


# -- tasks per unit ----------------------------------------------------------------------


def test_one_bar_per_unit_with_its_counts(charts, site_model):
    bars = soup(charts.unit_bars(UNITS_PAGE)).select("a.fg-bar")
    # 相关单位 is a word for whoever it concerns, not a unit: not drawn among them.
    units = [u.id for u in site_model.units if not u.is_placeholder]
    assert len(units) == len(site_model.units) - 1
    assert sorted(b["data-unit"] for b in bars) == sorted(units)
    for bar in bars:
        unit = site_model.unit(bar["data-unit"])
        led, shared = len(site_model.tasks_led(unit)), len(site_model.tasks_shared(unit))
        assert (int(bar["data-led"]), int(bar["data-shared"])) == (led, shared), unit.name
        assert bar.select_one(".fg-bar-name").get_text() == unit.name
        assert (
            bar.select_one(".fg-bar-count").get_text()
            == f"共{led + shared}项（牵头{led}，参与{shared}）"
        )
        assert bar["xlink:href"] == f"{unit.id}/"
        assert unit.name in bar["aria-label"]


def test_bars_are_sorted_by_total_and_drawn_to_one_scale(charts):
    bars = soup(charts.unit_bars(UNITS_PAGE)).select("a.fg-bar")
    totals = [int(b["data-led"]) + int(b["data-shared"]) for b in bars]
    assert totals == sorted(totals, reverse=True)
    per_task = set()
    for bar in bars:
        for cls, count in (("fg-led", bar["data-led"]), ("fg-shared", bar["data-shared"])):
            rect = bar.select_one(f"rect.{cls}")
            assert (rect is None) == (int(count) == 0)
            if rect is not None:
                per_task.add(round(float(rect["width"]) / int(count), 1))
    assert len(per_task) == 1


def test_bar_chart_has_a_name_and_a_description(charts):
    svg = soup(charts.unit_bars(UNITS_PAGE)).select_one("svg")
    ids = svg["aria-labelledby"].split()
    assert [svg.find(id=i).name for i in ids] == ["title", "desc"]
    assert all(svg.find(id=i).get_text().strip() for i in ids)


# -- unit × part matrix ------------------------------------------------------------------


def test_matrix_cells_equal_the_data(charts, site_model):
    figure = soup(charts.unit_part_matrix(UNITS_PAGE))
    rows = figure.select("g.fg-matrix-row")
    units = [u.id for u in site_model.units if not u.is_placeholder]
    assert sorted(r["data-unit"] for r in rows) == sorted(units)
    table_rows = figure.select("details table tbody tr")
    assert len(table_rows) == len(rows)
    for row, table_row in zip(rows, table_rows, strict=True):
        unit = site_model.unit(row["data-unit"])
        cells = row.select(".fg-cell")
        assert [int(c["data-part"]) for c in cells] == [p.number for p in site_model.parts]
        expected = [
            sum(1 for t in site_model.tasks_of(unit) if t.part == p.number)
            for p in site_model.parts
        ]
        assert [int(c["data-count"]) for c in cells] == expected, unit.name
        for cell, n, part in zip(cells, expected, site_model.parts, strict=True):
            if n:
                assert cell.name == "a"
                assert cell["xlink:href"] == f"../tasks/?unit={unit.id}&part={part.number}"
                assert cell.select_one("text").get_text() == str(n)
                assert f"fg-l{level_of(n)}" in cell["class"]
            else:
                assert cell.name == "rect" and "fg-l0" in cell["class"]
        shown = [td.get_text() for td in table_row.select("td")]
        assert shown == [unit.name] + [str(n) for n in expected]
    assert sum(int(c["data-count"]) for c in figure.select(".fg-cell")) == sum(
        len([u for u in t.units if not u.is_placeholder]) for t in site_model.tasks if t.part
    )


def test_matrix_columns_link_to_the_parts(charts, site_model):
    columns = soup(charts.unit_part_matrix(UNITS_PAGE)).select("a.fg-matrix-col")
    assert [c["xlink:href"] for c in columns] == [f"../parts/{p.number}/" for p in site_model.parts]


def test_shades_stand_for_counts():
    assert [level_of(n) for n in (0, 1, 2, 3, 4, 5, 7, 8, 40)] == [0, 1, 2, 3, 3, 4, 4, 5, 5]
    assert level_legend() == [(1, "1"), (2, "2"), (3, "3–4"), (4, "5–7"), (5, "8项及以上")]


# -- escaping ----------------------------------------------------------------------------


@pytest.mark.parametrize("piece", ["bars", "matrix", "sheet", "timeline"])
def test_unit_names_are_escaped(site_model, piece):
    site = renamed(site_model, "renshe", EVIL)
    # The timeline names tasks and quotes their dates: give task 1's first date the name.
    first, *rest = site.task(1).dates
    task_1 = replace(site.task(1), dates=(replace(first, quote=EVIL), *rest))
    site = replace(site, tasks=tuple(task_1 if t.number == 1 else t for t in site.tasks))
    charts = Charts(site, site_url="https://example.org/fengong/")
    partner = site.unit("caizheng")  # shares tasks that renshe leads
    markup = {
        "bars": lambda: charts.unit_bars(UNITS_PAGE),
        "matrix": lambda: charts.unit_part_matrix(UNITS_PAGE),
        "sheet": lambda: charts.sheet_tasks(site.tasks_shared(partner), partner, "x.md"),
        "timeline": lambda: charts.timeline(paths.TIMELINE),
    }[piece]()
    parsed = soup(markup)
    assert "<script>" not in markup and "<b>" not in markup
    assert not parsed.find_all(["script", "b"])
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;局&lt;/b&gt;" in markup
    if piece != "timeline":  # there the quote is in an aria-label, not in the text
        assert EVIL in parsed.get_text()
    else:
        assert any(EVIL in a["aria-label"] for a in parsed.select("a.fg-event"))


# -- the timeline ------------------------------------------------------------------------


def test_timeline_holds_every_task_date_and_the_reporting_windows(charts, site_model):
    events = soup(charts.timeline(paths.TIMELINE)).select("a.fg-event")
    task_dates = sorted(
        (int(e["data-task"]), e["data-first"], e["data-last"]) for e in events if e.get("data-task")
    )
    expected = sorted(
        (t.number, d.start if d.kind == "period" else d.end, d.end)
        for t in site_model.tasks
        for d in t.dates
    )
    assert task_dates == expected
    for e in events:
        if e.get("data-task"):
            task = site_model.task(int(e["data-task"]))
            assert e["xlink:href"] == paths.href(paths.TIMELINE, paths.page_of(task))
    reporting = [
        (e["data-first"], e["data-last"]) for e in events if "fg-event-reporting" in e["class"]
    ]
    # 本年度7月上旬 and 次年度1月上旬, against the notice's year (2020).
    assert reporting == [("2020-07-01", "2020-07-10"), ("2021-01-01", "2021-01-10")]
    assert all(
        e["xlink:href"] == "../notice/#L32" for e in events if "fg-event-reporting" in e["class"]
    )
    firsts = [e["data-first"] for e in events]
    assert firsts == sorted(firsts)


def test_timeline_text_stays_inside_the_chart(charts):
    svg = soup(charts.timeline(paths.TIMELINE)).select_one("svg")
    width = float(svg["width"])
    for text in svg.select("a.fg-event text.fg-small"):
        x, anchor = float(text["x"]), text["text-anchor"]
        w = text_width(text.get_text(), SMALL)
        left = {"start": x, "middle": x - w / 2, "end": x - w}[anchor]
        assert left >= 0 and left + w <= width, text.get_text()


def test_dated_items_are_in_date_order(charts):
    items = charts.dated()
    assert [i.first for i in items] == sorted(i.first for i in items)
    assert items[0].first == date(2020, 1, 1)
    assert any(i.kind == "issued" and i.first == date(2020, 4, 29) for i in items)


# -- targets and print sheets ------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [(14000, "1.4万"), (12600, "1.26万"), (10000, "1万"), (3.3, "3.3"), (90, "90"), (1000, "1000")],
)
def test_figures_are_written_as_the_notice_writes_them(value, text):
    assert figure_text(value) == text


def test_targets_name_their_task_or_target_groups(charts):
    figures = {f.target.label: f for f in charts.targets()}
    assert figures["公开招聘乡村教师、医生"].task.number == 36
    assert [t.name for t in figures["高校毕业生年底就业率"].tags] == ["高校毕业生"]
    assert figures["城镇新增就业"].figure + figures["城镇新增就业"].bound == "1.4万以上"


def test_print_sheet_lists_tasks_partners_dates_and_addresses(charts, site_model):
    unit = site_model.unit("renshe")
    page = paths.unit_print_page(unit)
    assert paths.url_of(page) == "units/renshe/print/" != paths.item_url(unit)
    table = soup(charts.sheet_tasks(site_model.tasks_led(unit), unit, page))
    rows = table.select("tbody tr")
    assert [int(r["data-task"]) for r in rows] == [t.number for t in site_model.tasks_led(unit)]
    for row in rows:
        task = site_model.task(int(row["data-task"]))
        assert row.select_one(".fg-sheet-num a")["href"] == "../../../" + paths.item_url(task)
        text = row.select_one(".fg-sheet-text").get_text()
        assert text.startswith(task.text)
        assert "https://example.org/fengong/" + paths.item_url(task) in text
        partners = [a.get_text() for a in row.select(".fg-sheet-units a")]
        assert partners == [a.unit.name for a in task.partners]
        assert row.select_one(".fg-sheet-qr svg") is not None
    dated = table.select_one('tr[data-task="1"] .fg-sheet-text').get_text()
    assert "截止：2021年4月30日" in dated and "截止：2020年12月31日" in dated


def test_print_sheet_of_a_partner_names_the_lead(charts, site_model):
    unit = site_model.unit("caizheng")
    table = soup(charts.sheet_tasks(site_model.tasks_shared(unit), unit, "x.md"))
    for row in table.select("tbody tr"):
        task = site_model.task(int(row["data-task"]))
        cell = row.select_one(".fg-sheet-units").get_text()
        assert cell.startswith("牵头：" + task.lead[0].unit.name)
        assert unit.name not in cell


def test_qr_codes_are_deterministic_svg():
    a, b = (
        qr.svg("https://example.org/fengong/tasks/1/"),
        qr.svg("https://example.org/fengong/tasks/1/"),
    )
    assert a == b and a.startswith("<svg") and re.search(r'viewBox="0 0 \d+ \d+"', a)
    assert a != qr.svg("https://example.org/fengong/tasks/2/")


def test_sheets_with_qr_slots_filled_are_the_sheets_with_codes(site_model):
    """The build renders the sheets with slots, makes qr.addresses' codes in another process
    and fills the slots as MkDocs writes each sheet: the same bytes as codes made inline."""
    site_url = "https://example.org/fengong/"
    addresses = qr.addresses(site_model, site_url)
    assert len(addresses) == len(site_model.units) + len(site_model.tasks)
    inline = render_pages(site_model, site_url=site_url)
    slotted = render_pages(site_model, site_url=site_url, qr_later=True)
    assert "<svg" not in "".join(slotted[paths.unit_print_page(u)] for u in site_model.units)
    codes = qr.make_codes(addresses)
    assert {uri: qr.fill_slots(page, codes) for uri, page in slotted.items()} == inline
    sheets = [inline[paths.unit_print_page(u)] for u in site_model.units]
    shown = sum(page.count('class="fg-qr"') for page in sheets)
    assert shown >= len(site_model.units) + len(site_model.tasks)


def test_no_text_from_the_data_can_pass_for_a_qr_slot(site_model):
    slot_like = "<!--fengong-qr:0-->"
    site = renamed(site_model, "renshe", slot_like)
    pages = render_pages(site, site_url="https://example.org/fengong/", qr_later=True)
    sheet = pages[paths.unit_print_page(site.unit("renshe"))]
    assert "&lt;!--fengong-qr:0--&gt;" in sheet
    assert qr.fill_slots(sheet, ["CODE"] * 1000).count("CODE") == sheet.count("<!--fengong-qr:")


def test_no_qr_codes_without_a_site_url(site_model):
    unit = site_model.unit("renshe")
    table = soup(Charts(site_model).sheet_tasks(site_model.tasks_led(unit), unit, "x.md"))
    assert not table.select("svg") and not table.select(".fg-sheet-qr")


@pytest.mark.parametrize(
    ("from_page", "to_page", "query", "expected"),
    [
        ("units/index.md", "units/renshe.md", "", "renshe/"),
        ("units/index.md", "tasks/index.md", "unit=renshe&part=3", "../tasks/?unit=renshe&part=3"),
        ("index.md", "tasks/1.md", "", "tasks/1/"),
        ("timeline.md", "index.md", "", "../"),
        ("units/renshe/print.md", "units/renshe.md", "", "../"),
        ("index.md", "index.md", "", "./"),
    ],
)
def test_browser_links_between_pages(from_page, to_page, query, expected):
    assert paths.href(from_page, to_page, query) == expected


def test_links_inside_svg_use_xlink_href(charts):
    # Material's instant navigation assigns el.href on every [href] element at load, which
    # throws on an SVG <a> ("has only a getter") and stops its script.
    for markup in (
        charts.unit_bars(UNITS_PAGE),
        charts.unit_part_matrix(UNITS_PAGE),
        charts.timeline(paths.TIMELINE),
    ):
        # (The timeline's sticky column of names is a second, link-free SVG.)
        svgs = soup(markup).select("svg:not(.fg-timeline-names)")
        for svg in svgs:
            links = svg.select("a")
            assert links and all(a.get("xlink:href") and not a.get("href") for a in links)
        assert all(not svg.select("a") for svg in soup(markup).select("svg.fg-timeline-names"))


def test_the_pieces_drawn_alone_are_the_pages_pieces(charts, site_model):
    # The Charts helper above draws each piece as its page does: the same bytes.
    site_url = "https://example.org/fengong/"
    pages = render_pages(site_model, site_url=site_url)
    units = pages[UNITS_PAGE]
    assert str(charts.unit_bars(UNITS_PAGE)) in units
    assert str(charts.unit_part_matrix(UNITS_PAGE)) in units
    assert str(charts.timeline(paths.TIMELINE)) in pages[paths.TIMELINE]
    unit = site_model.unit("renshe")
    sheet = paths.unit_print_page(unit)
    assert str(charts.sheet_tasks(site_model.tasks_led(unit), unit, sheet)) in pages[sheet]
