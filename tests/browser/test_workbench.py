"""The unit's workbench in a real browser: the charts on /units/, the timeline, the targets on
the home page and a unit's print sheet, measured as Chromium lays them out (the pure tests
check the markup; these check that nothing overlaps, is cut off or runs off the page)."""

from __future__ import annotations

import re

import pytest
from accessibility import serious_accessibility_violations
from fengong.pages import paths

pytestmark = pytest.mark.browser

DESKTOP, MOBILE = (1280, 900), (390, 844)
# A4 less the @page margins of fengong.css (14 mm each side), in CSS pixels (96 per inch).
A4_CONTENT_WIDTH = round((210 - 2 * 14) / 25.4 * 96)


def open_page(browser, url: str, viewport=DESKTOP, media: str | None = None):
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    # The search index is another part's business; every other request must succeed.
    page.on(
        "requestfailed",
        lambda r: "/search/" in r.url or errors.append(f"failed: {r.url} {r.failure}"),
    )
    if media:
        page.emulate_media(media=media)
    response = page.goto(url, wait_until="networkidle")
    assert response is not None and response.ok, url
    return context, page, errors


def boxes(page, root: str, selector: str) -> list[dict]:
    """The elements matching selector under root as laid out: data attributes, text, box."""
    return page.locator(root).evaluate(
        """(root, selector) => [...root.querySelectorAll(selector)].map(el => {
          const box = el.getBoundingClientRect();
          return {data: {...el.dataset}, text: el.textContent.trim(),
                  left: box.left, right: box.right, top: box.top, bottom: box.bottom};
        })""",
        selector,
    )


def test_bar_chart_shows_each_units_counts(browser, server, artifacts, site_model):
    context, page, errors = open_page(browser, server + "units/")
    try:
        chart = page.locator("#fg-bars")
        assert chart.locator("svg").get_attribute("role") == "group"
        assert chart.locator("title").first.text_content() == "各单位的任务数"
        bars = page.locator("#fg-bars a.fg-bar")
        # 相关单位 is a word for whoever it concerns, not a unit: not drawn among them.
        assert bars.count() == len([u for u in site_model.units if not u.is_placeholder])
        svg_box = chart.locator("svg").bounding_box()
        per_task = set()
        for i in range(bars.count()):
            bar = bars.nth(i)
            unit = site_model.unit(bar.get_attribute("data-unit"))
            led, shared = len(site_model.tasks_led(unit)), len(site_model.tasks_shared(unit))
            count = bar.locator(".fg-bar-count")
            assert count.text_content() == f"共{led + shared}项（牵头{led}，参与{shared}）"
            assert bar.locator(".fg-bar-name").text_content() == unit.name
            name_box = bar.locator(".fg-bar-name").bounding_box()
            count_box = count.bounding_box()
            assert name_box["x"] >= svg_box["x"] - 0.5, f"{unit.name} is cut off on the left"
            assert count_box["x"] + count_box["width"] <= svg_box["x"] + svg_box["width"] + 0.5
            bar_start = svg_box["x"] + svg_box["width"]
            for cls, n in (("fg-led", led), ("fg-shared", shared)):
                rect = bar.locator(f"rect.{cls}")
                assert rect.count() == (1 if n else 0)
                if n:
                    # getBBox: the geometry as drawn, without the outline's stroke.
                    per_task.add(round(rect.evaluate("r => r.getBBox().width") / n, 2))
                    bar_start = min(bar_start, rect.bounding_box()["x"])
            assert name_box["x"] + name_box["width"] <= bar_start, f"{unit.name} overlaps its bar"
        assert len(per_task) == 1, per_task
        chart.screenshot(path=str(artifacts / "workbench-bars-desktop.png"))
        assert not errors, errors
    finally:
        context.close()


def test_a_bar_leads_to_its_unit(browser, server):
    context, page, _ = open_page(browser, server + "units/")
    try:
        page.locator('#fg-bars a.fg-bar[data-unit="renshe"] .fg-bar-name').click()
        page.wait_for_url("**/units/renshe/")
        assert page.locator("article h1").text_content().strip() == "区人力社保局"
    finally:
        context.close()


@pytest.mark.parametrize("url", ["units/", "timeline/"])
def test_every_chart_link_resolves(browser, server, url):
    """MkDocs does not check links inside raw HTML: follow each one."""
    import urllib.request

    context, page, errors = open_page(browser, server + url)
    try:
        targets = page.evaluate(
            """() => [...new Set([...document.querySelectorAll("svg a")].map(
                 a => new URL(a.href.baseVal, location.href).href.split("#")[0]))]"""
        )
        assert targets
        for target in targets:
            assert target.startswith(server), target
            with urllib.request.urlopen(target, timeout=5) as response:
                assert response.status == 200, target
        assert not errors, errors
    finally:
        context.close()


@pytest.mark.parametrize("url", ["", "units/", "timeline/", "units/renshe/print/"])
def test_no_serious_accessibility_violation(browser, server, url):
    context, page, _ = open_page(browser, server + url)
    try:
        if url == "units/":
            page.locator("#fg-matrix details summary").click()  # check the table too
        serious = serious_accessibility_violations(page)
        assert not serious, "\n".join(serious)
    finally:
        context.close()


def test_matrix_cells_equal_the_data(browser, server, artifacts, site_model):
    context, page, errors = open_page(browser, server + "units/")
    try:
        rows = page.locator("#fg-matrix g.fg-matrix-row")
        assert rows.count() == len([u for u in site_model.units if not u.is_placeholder])
        fills = {}
        for i in range(rows.count()):
            row = rows.nth(i)
            unit = site_model.unit(row.get_attribute("data-unit"))
            for cell in boxes(page, f"#fg-matrix g.fg-matrix-row >> nth={i}", "a.fg-cell"):
                part = int(cell["data"]["part"])
                n = sum(1 for t in site_model.tasks_of(unit) if t.part == part)
                assert cell["text"] == str(n) == cell["data"]["count"], (unit.name, part)
            for cell in row.locator("a.fg-cell").all():
                classes = cell.get_attribute("class").split()
                level = next(c for c in classes if re.fullmatch(r"fg-l\d", c))
                fill = cell.locator("rect").evaluate("r => getComputedStyle(r).fill")
                fills.setdefault(level, set()).add(fill)
            href = row.locator("a.fg-cell").first.get_attribute("xlink:href")
            assert re.fullmatch(rf"\.\./tasks/\?unit={unit.id}&part=\d", href)
        # One colour per shade, and a different colour for each shade.
        assert all(len(f) == 1 for f in fills.values()), fills
        assert len({next(iter(f)) for f in fills.values()}) == len(fills)
        page.locator("#fg-matrix details summary").click()
        assert page.locator("#fg-matrix details table tbody tr").count() == rows.count()
        page.locator("#fg-matrix").screenshot(path=str(artifacts / "workbench-matrix-desktop.png"))
        assert not errors, errors
    finally:
        context.close()


def test_charts_on_a_phone_scroll_sideways_at_full_size(browser, server, artifacts):
    context, page, errors = open_page(browser, server + "units/", MOBILE)
    try:
        # The page itself does not scroll sideways; the charts do, inside their figures.
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= MOBILE[0], width
        for chart in ("#fg-bars", "#fg-matrix"):
            svg = page.locator(f"{chart} svg")
            assert svg.bounding_box()["width"] == pytest.approx(float(svg.get_attribute("width")))
        page.locator("#fg-bars").screenshot(path=str(artifacts / "workbench-bars-mobile.png"))
        assert not errors, errors
    finally:
        context.close()


def test_timeline_rows_and_list(browser, server, artifacts, site_model):
    context, page, errors = open_page(browser, server + "timeline/")
    try:
        events = page.locator("#fg-timeline a.fg-event")
        task_dates = sum(len(t.dates) for t in site_model.tasks)
        reporting = len(site_model.reporting.deadlines) if site_model.reporting else 0
        assert events.count() == task_dates + reporting + 1  # + the day the notice was issued
        assert page.locator("#list + ul > li").count() == events.count()
        chart = "#fg-timeline svg:not(.fg-timeline-names)"  # not the sticky column of names
        svg_box = page.locator(chart).bounding_box()
        labels = boxes(page, chart, "a.fg-event text")
        for label in labels:
            assert label["left"] >= svg_box["x"] - 0.5 and label["right"] <= (
                svg_box["x"] + svg_box["width"] + 0.5
            ), label["text"]
        # In each row, the date does not run into the row's name.
        for i in range(events.count()):
            name, when = boxes(page, f"#fg-timeline a.fg-event >> nth={i}", "text")
            assert when["left"] >= name["right"], (name["text"], when["text"])
        for i in range(events.count()):
            number = events.nth(i).get_attribute("data-task")
            if number:
                task_url = paths.item_url(site_model.task(int(number)))
                assert events.nth(i).get_attribute("xlink:href") == "../" + task_url
        page.locator("article").screenshot(path=str(artifacts / "workbench-timeline.png"))
        assert not errors, errors
    finally:
        context.close()


def test_home_targets_show_figures_and_tasks(browser, server, artifacts, site_model):
    context, page, errors = open_page(browser, server)
    try:
        cards = page.locator(".fg-targets .fg-target")
        assert cards.count() == len(site_model.targets)
        for i, target in enumerate(site_model.targets):
            card = cards.nth(i)
            assert card.locator(".fg-target-name").text_content().strip() == target.label
            assert target.quote in card.text_content()
            if target.task:
                task_url = paths.item_url(site_model.task(target.task))
                assert card.locator(f'a[href$="{task_url}"]').count() >= 1
        page.locator(".fg-targets").screenshot(path=str(artifacts / "workbench-targets.png"))
        assert not errors, errors
    finally:
        context.close()


def test_unit_page_links_to_its_print_sheet(browser, server):
    context, page, _ = open_page(browser, server + "units/renshe/")
    try:
        page.get_by_role("link", name="打印任务单").click()
        page.wait_for_url("**/units/renshe/print/")
        assert page.locator("article h1").text_content().strip() == "区人力社保局任务单"
    finally:
        context.close()


def test_renshe_print_sheet_fits_a4(browser, server, artifacts, site_model):
    """Laid out for print at the width of an A4 page's content, nothing runs past the right
    edge; then Chromium's own A4 PDF, whose page count is reported."""
    unit = site_model.unit("renshe")
    url = server + paths.url_of(paths.unit_print_page(unit))
    context, page, errors = open_page(browser, url, (A4_CONTENT_WIDTH, 1100), media="print")
    try:
        assert page.locator(".md-header").is_hidden()
        rows = page.locator("table.fg-sheet-tasks tbody tr")
        assert rows.count() == len(site_model.tasks_of(unit))
        overflow = page.evaluate(
            """(limit) => {
              const out = [];
              if (document.documentElement.scrollWidth > limit) {
                out.push(`page is ${document.documentElement.scrollWidth}px wide`);
              }
              for (const el of document.querySelectorAll("article *")) {
                const box = el.getBoundingClientRect();
                if (box.width && (box.right > limit + 0.5 || box.left < -0.5)) {
                  out.push(`${el.tagName}.${el.className}: ${box.left}–${box.right}`);
                }
                if (el.matches("td, th, p, li, h1, h2") && el.scrollWidth > el.clientWidth + 1) {
                  out.push(`${el.tagName}.${el.className} overflows its box`);
                }
              }
              return out.slice(0, 20);
            }""",
            A4_CONTENT_WIDTH,
        )
        assert not overflow, overflow
        qr = page.locator(".fg-sheet-qr svg").first.bounding_box()
        assert qr["width"] >= 60, "QR code too small to scan"  # 60 px ≈ 16 mm
        page.screenshot(path=str(artifacts / "workbench-print-renshe.png"), full_page=True)

        pdf = page.pdf(format="A4", print_background=True)
        (artifacts / "workbench-print-renshe.pdf").write_bytes(pdf)
        pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
        (artifacts / "workbench-print-renshe.txt").write_text(
            f"{unit.name} ({len(site_model.tasks_of(unit))} tasks): {pages} A4 pages\n",
            encoding="utf-8",
        )
        print(f"\n{unit.name} print sheet: {pages} A4 pages")
        assert 1 <= pages <= 6, pages
        assert not errors, errors
    finally:
        context.close()


def test_sheets_of_units_with_few_tasks_fit_one_page(browser, server, artifacts, site_model):
    """The issue asks for a one-page sheet: every unit with up to 5 tasks gets one."""
    context, page, _ = open_page(browser, server, (A4_CONTENT_WIDTH, 1100), media="print")
    try:
        counts = {}
        for unit in site_model.units:
            page.goto(server + paths.url_of(paths.unit_print_page(unit)), wait_until="load")
            counts[unit] = len(re.findall(rb"/Type\s*/Page\b", page.pdf(format="A4")))
        report = [
            f"{u.id}\t{len(site_model.tasks_of(u))} tasks\t{n} pages" for u, n in counts.items()
        ]
        (artifacts / "workbench-print-pages.txt").write_text("\n".join(report) + "\n", "utf-8")
        too_long = [u.name for u, n in counts.items() if len(site_model.tasks_of(u)) <= 5 and n > 1]
        assert not too_long, too_long
    finally:
        context.close()
