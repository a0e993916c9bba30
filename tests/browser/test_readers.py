"""The site for its readers (issue 15), in a real browser: pages print as documents, tables
and charts work on a phone, no text is under 14 px, the large-type switch (大字版) is
remembered, the document's facts and the footer say what they should, the 404 page helps.

Screenshots at 390 and 1280 px, light and dark, standard and large type, and the printed
PDFs (with PNGs of their pages when poppler's pdftoppm is installed) go to test-artifacts/.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import subprocess
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from accessibility import serious_accessibility_violations
from bs4 import BeautifulSoup
from chromium import serve
from fengong.pages import paths
from fengong.pages.labels import cn_date

pytestmark = pytest.mark.browser

DESKTOP, PHONE = (1280, 900), (390, 844)
LARGE_KEY = "fengong.large"
# CSS px per pt.
PT = 96 / 72


@contextlib.contextmanager
def opened(browser, url: str, viewport=DESKTOP, *, scheme="light", large=False, media=None):
    """A fresh context (its own localStorage) on url; page errors fail the test."""
    context = browser.new_context(
        viewport={"width": viewport[0], "height": viewport[1]}, color_scheme=scheme
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    if large:
        page.add_init_script(f"localStorage.setItem('{LARGE_KEY}', '1')")
    if media:
        page.emulate_media(media=media)
    try:
        response = page.goto(url, wait_until="networkidle")
        assert response is not None and response.ok, url
        yield page
        assert not errors, errors
    finally:
        context.close()


def print_pdf(page, artifacts: Path, name: str) -> tuple[bytes, str]:
    """The page printed to A4 (saved, with PNGs of its pages when pdftoppm is here) and the
    PDF's text (pdftotext), or "" when poppler is not installed."""
    pdf = page.pdf(format="A4", print_background=True)
    path = artifacts / f"{name}.pdf"
    path.write_bytes(pdf)
    text = ""
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "50", "-l", "2", str(path), str(artifacts / name)],
            check=True,
        )
    return pdf, text


def page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


# --- Print -----------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["notice/", "units/renshe/", "tasks/12/"])
def test_printed_pages_carry_no_link_addresses(browser, server, artifacts, url):
    """A link prints as its text: no address after it (Material's and our old print styles
    added one), so the notice prints as the document it is."""
    name = "readers-print-" + (url.strip("/").replace("/", "-") or "home")
    with opened(browser, server + url, media="print") as page:
        after = page.evaluate(
            """() => [...document.querySelectorAll("article a")]
                 .map(a => [a.textContent.trim(), getComputedStyle(a, "::after").content])
                 .filter(([, c]) => c !== "none" && c !== "normal")"""
        )
        assert after == [], after[:5]
        _, text = print_pdf(page, artifacts, name)
        if text:
            assert "http" not in text
            assert "127.0.0.1" not in text
            assert "../" not in text


def test_a_printed_sheet_says_its_revision_and_print_date(browser, server, artifacts, site_model):
    unit = site_model.unit("renshe")
    notice = site_model.notice
    with opened(browser, server + paths.url_of(paths.unit_print_page(unit)), media="print") as page:
        stamp = page.locator(".fg-sheet-stamp").inner_text()
        assert f"版本：{notice.revision_label}" in stamp
        assert cn_date(notice.revision_date) in stamp
        today = page.evaluate(
            "() => { const d = new Date();"
            " return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`; }"
        )
        assert f"打印日期：{today}" in stamp
        _, text = print_pdf(page, artifacts, "readers-print-sheet-renshe")
        if text:
            assert f"打印日期：{today}" in text


def test_the_built_sheet_holds_no_date_of_its_build(built_site):
    """The print date is the browser's: the page as built has a blank, so the same data
    builds the same bytes on any day."""
    html = (built_site / "units/renshe/print/index.html").read_text("utf-8")
    stamp = BeautifulSoup(html, "html.parser").select_one("[data-fg-print-date]")
    assert stamp is not None and stamp.get_text() == "____年__月__日"


def test_sheet_text_is_at_least_10pt(browser, server, site_model):
    unit = site_model.unit("renshe")
    with opened(browser, server + paths.url_of(paths.unit_print_page(unit)), media="print") as page:
        small = page.evaluate(
            """(limit) => [...document.querySelectorAll("article *")]
                 .filter(el => [...el.childNodes].some(n => n.nodeType === 3 && n.data.trim()))
                 .filter(el => el.checkVisibility())
                 .map(el => [el.tagName + "." + el.className,
                             parseFloat(getComputedStyle(el).fontSize)])
                 .filter(([, size]) => size < limit - 0.01)""",
            10 * PT,
        )
        assert small == [], small[:10]


# Pages each unit's sheet took when it was printed at 8 pt (all other units: one page).
PAGES_AT_8PT = {
    "caizheng": 2,
    "fagai": 2,
    "jingkaiqu-jingfa": 2,
    "jingxin": 2,
    "renshe": 4,
    "zhenjie": 3,
}


def test_sheets_at_10pt_take_no_more_paper_than_at_8pt(browser, server, artifacts, site_model):
    report = []
    with opened(browser, server, media="print") as page:
        for unit_id, before in PAGES_AT_8PT.items():
            unit = site_model.unit(unit_id)
            page.goto(server + paths.url_of(paths.unit_print_page(unit)), wait_until="load")
            now = page_count(page.pdf(format="A4"))
            report.append((unit_id, before, now))
    (artifacts / "readers-sheet-pages.txt").write_text(
        "".join(f"{u}\t8pt: {b}\t10pt: {n}\n" for u, b, n in report), "utf-8"
    )
    assert [r for r in report if r[2] > r[1]] == []


# --- Phones ----------------------------------------------------------------------------------

STACKED = ["units/renshe/", "units/zhenjie/", "units/", "", "parts/1/", "clauses/1/"]


@pytest.mark.parametrize("url", STACKED)
def test_on_a_phone_task_lists_fit_and_dates_never_break(browser, server, artifacts, url):
    with opened(browser, server + url, PHONE) as page:
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE[0], f"the page scrolls sideways: {width}px"
        too_wide = page.evaluate(
            """(limit) => [...document.querySelectorAll(".fg-stack, .fg-stack *")]
                 .filter(el => el.checkVisibility())
                 // Column heads hidden for the eye (kept for screen readers) take no room.
                 .filter(el => getComputedStyle(el.closest("thead") || el).clipPath === "none")
                 .map(el => [el.tagName + "." + el.className, el.getBoundingClientRect(),
                             el.scrollWidth - el.clientWidth])
                 .filter(([, box, over]) => box.right > limit + 0.5 || box.left < -0.5 || over > 1)
                 .map(([name, box]) => `${name}: ${box.left}–${box.right}`)""",
            PHONE[0],
        )
        assert too_wide == [], too_wide[:5]
        assert page.locator(".fg-stack").count() >= 1
        # Every cell is shown, headed by its column's name where it has one.
        hidden = page.evaluate(
            """() => [...document.querySelectorAll(".fg-stack td")]
                 .filter(td => td.textContent.trim() && !td.checkVisibility()).length"""
        )
        assert hidden == 0
        wrapped = page.evaluate(
            """() => [...document.querySelectorAll(".fg-nowrap")]
                 .filter(el => el.checkVisibility() && el.getClientRects().length > 1)
                 .map(el => el.textContent)"""
        )
        assert wrapped == []
        name = "readers-phone-" + (url.strip("/").replace("/", "-") or "home")
        page.screenshot(path=str(artifacts / f"{name}.png"), full_page=True)


def test_dates_are_marked_never_to_break(built_site, site_model):
    """Each date in a unit's time table is one .fg-nowrap span (the check above measures
    them): 2020年12月31日 never splits across lines."""
    html = (built_site / "units/renshe/index.html").read_text("utf-8")
    soup = BeautifulSoup(html, "html.parser")
    cells = soup.select("#dates ~ .fg-stack tbody td.fg-stack-head")
    assert len(cells) == len(soup.select("#dates ~ .fg-stack tbody tr")) > 0
    day = r"(\d{4}年)?\d+月\d+日"
    for cell in cells:
        spans = cell.select(".fg-nowrap")
        # A day, or a span of days (2020年7月1日至7月10日), each kept on one line.
        assert spans and all(re.fullmatch(f"{day}(至{day})?", s.get_text()) for s in spans)


@pytest.mark.parametrize(
    ("url", "chart", "labels"),
    [
        ("timeline/", "#fg-timeline", "text"),
        ("units/", "#fg-bars", "text"),
        ("units/", "#fg-matrix", "a.fg-matrix-col text"),
    ],
)
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_every_chart_label_is_reachable(browser, server, artifacts, url, chart, labels, viewport):
    """A chart wider than the screen scrolls inside its figure, which says so and takes the
    keyboard: scrolled across, every label of the chart comes wholly into view."""
    with opened(browser, server + url, viewport) as page:
        figure = page.locator(chart)
        assert figure.get_attribute("tabindex") == "0"
        box = figure.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= viewport[0] + 0.5
        overflows = figure.evaluate("f => f.scrollWidth > f.clientWidth + 1")
        if overflows:
            assert figure.evaluate("f => getComputedStyle(f).overflowX") in ("auto", "scroll")
            assert figure.locator(".fg-scroll-hint").is_visible()
        unseen = figure.evaluate(
            """(f, selector) => {
              const out = [];
              const step = Math.max(20, f.clientWidth / 4);
              for (let left = 0; left < f.scrollWidth + step; left += step) {
                f.scrollLeft = left;
                const view = f.getBoundingClientRect();
                for (const t of f.querySelectorAll(selector)) {
                  const b = t.getBoundingClientRect();
                  if (b.width && b.left >= view.left - 0.5 && b.right <= view.right + 0.5) {
                    t.dataset.seen = "1";
                  }
                }
              }
              f.scrollLeft = 0;
              return [...f.querySelectorAll(selector)]
                .filter(t => t.getBoundingClientRect().width && !t.dataset.seen)
                .map(t => t.textContent);
            }""",
            labels,
        )
        assert unseen == []
        if chart == "#fg-matrix":
            columns = figure.locator("a.fg-matrix-col text").all_text_contents()
            assert columns[-2:] == ["六", "七"]
        width = "phone" if viewport == PHONE else "desktop"
        figure.screenshot(path=str(artifacts / f"readers-chart-{chart[4:]}-{width}.png"))


def test_filters_are_tap_targets(browser, server, artifacts):
    with opened(browser, server + "tasks/", PHONE) as page:
        page.wait_for_selector("#fg-task-search:not([hidden])")
        controls = page.locator(
            "#fg-task-search select, #fg-task-search input, #fg-task-search button,"
            " #fg-task-search label.fg-task-dated"
        )
        assert controls.count() >= 6
        small = [
            (controls.nth(i).evaluate("el => el.name || el.className"), b["height"])
            for i in range(controls.count())
            if (b := controls.nth(i).bounding_box())
            and b["height"] < 44
            and controls.nth(i).get_attribute("type") != "checkbox"
        ]
        assert small == []
        page.locator("#fg-task-search").screenshot(path=str(artifacts / "readers-filters.png"))


# --- Type sizes and large type ---------------------------------------------------------------

PAGES = {
    "home": "",
    "notice": "notice/",
    "task": "tasks/12/",
    "unit": "units/zhenjie/",
    "units": "units/",
    "tasks": "tasks/",
    "timeline": "timeline/",
    "changes": "changes/",
}

SMALLEST_TEXT = """(limit) => [...document.querySelectorAll("body *")]
  .filter(el => [...el.childNodes].some(n => n.nodeType === 3 && n.data.trim()))
  .filter(el => el.checkVisibility({visibilityProperty: true, opacityProperty: true}))
  .filter(el => { const b = el.getBoundingClientRect(); return b.width > 0 && b.height > 0; })
  .map(el => [el.tagName + "." + (el.className.baseVal ?? el.className),
              el.textContent.trim().slice(0, 20), parseFloat(getComputedStyle(el).fontSize)])
  .filter(([, , size]) => size < limit - 0.01)"""


@pytest.mark.parametrize("name", sorted(PAGES))
def test_no_text_under_14px(browser, server, name):
    with opened(browser, server + PAGES[name]) as page:
        if name == "units":
            page.locator("#fg-matrix details summary").click()
        small = page.evaluate(SMALLEST_TEXT, 14)
        assert small == [], small[:10]


@pytest.mark.parametrize("name", ["home", "unit", "units", "task"])
def test_large_type_is_large(browser, server, artifacts, name):
    with opened(browser, server + PAGES[name], large=True) as page:
        assert page.evaluate("document.documentElement.classList.contains('fg-large')")
        small = page.evaluate(
            """(limit) => [...document.querySelectorAll(
                   "article p, article li, article td, article th, article dd")]
                 .filter(el => el.checkVisibility())
                 .map(el => [el.tagName, el.textContent.trim().slice(0, 20),
                             parseFloat(getComputedStyle(el).fontSize)])
                 .filter(([, , size]) => size < 20 - 0.01)""",
        )
        assert small == [], small[:10]
        assert page.evaluate(SMALLEST_TEXT, 14) == []


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_large_type_keeps_pages_usable(browser, server, viewport):
    for url in ("", "units/renshe/", "tasks/", "notice/"):
        with opened(browser, server + url, viewport, large=True) as page:
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= viewport[0], f"{url}: the page scrolls sideways ({width}px)"
            content = page.locator("article").bounding_box()
            assert content["width"] >= min(viewport[0] - 40, 500), url


def test_the_large_type_switch_is_remembered(browser, server, artifacts):
    with opened(browser, server + "units/renshe/", PHONE) as page:
        switch = page.locator("button.fg-large-switch")
        assert switch.get_attribute("aria-pressed") == "false"
        before = page.evaluate(
            "parseFloat(getComputedStyle(document.querySelector('article p')).fontSize)"
        )
        switch.click()
        assert switch.get_attribute("aria-pressed") == "true"
        after = page.evaluate(
            "parseFloat(getComputedStyle(document.querySelector('article p')).fontSize)"
        )
        assert before < 20 <= after
        assert page.evaluate(f"localStorage.getItem('{LARGE_KEY}')") == "1"
        page.screenshot(path=str(artifacts / "readers-large-unit-phone.png"))

        # Another page, a click away: still large.
        page.locator(".fg-stack a[href*='tasks/']").first.click()
        page.wait_for_url("**/tasks/*/")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.classList.contains('fg-large')")
        assert page.locator("button.fg-large-switch").get_attribute("aria-pressed") == "true"

        # Reloaded: large from the first paint. The class is on <html> before <body> is
        # parsed, so before any of the page's own scripts (and before anything is drawn).
        page.add_init_script(
            """new MutationObserver((_, observer) => {
                 if (document.body) {
                   window.fgLargeAtBody = document.documentElement.classList.contains('fg-large');
                   observer.disconnect();
                 }
               }).observe(document, {childList: true, subtree: true});"""
        )
        page.reload(wait_until="networkidle")
        assert page.evaluate("window.fgLargeAtBody") is True

        # Switched off, it stays off.
        page.locator("button.fg-large-switch").click()
        page.goto(server + "units/", wait_until="networkidle")
        assert not page.evaluate("document.documentElement.classList.contains('fg-large')")
        assert page.evaluate(f"localStorage.getItem('{LARGE_KEY}')") == "0"


# In standard type, test_pages.py, test_workbench.py and test_task_index.py run axe on
# these pages; here, the same pages in large type (a task page is a unit page's kin).
@pytest.mark.parametrize("name", ["home", "notice", "unit", "units", "timeline", "tasks"])
def test_no_serious_accessibility_violation_in_large_type(browser, server, name):
    with opened(browser, server + PAGES[name], large=True) as page:
        serious = serious_accessibility_violations(page)
        assert not serious, "\n".join(serious)


@pytest.mark.parametrize(
    ("viewport", "scheme", "large"),
    [
        (PHONE, "light", False),
        (PHONE, "dark", True),
        (DESKTOP, "dark", False),
        (DESKTOP, "light", True),
    ],
    ids=["phone-light", "phone-dark-large", "desktop-dark", "desktop-light-large"],
)
def test_screenshots(browser, server, artifacts, viewport, scheme, large):
    """For people to look at: the unit page, the notice's head and the home page, at both
    widths, in both palettes and both type sizes."""
    size = "phone" if viewport == PHONE else "desktop"
    mode = "large" if large else "standard"
    for name in ("unit", "notice", "home"):
        with opened(browser, server + PAGES[name], viewport, scheme=scheme, large=large) as page:
            page.screenshot(path=str(artifacts / f"readers-{name}-{size}-{scheme}-{mode}.png"))


# --- The document and its owner -------------------------------------------------------------


def document_facts(html: str) -> dict[str, str]:
    block = BeautifulSoup(html, "html.parser").select_one(".fg-docinfo")
    assert block is not None
    return {
        dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(strip=True)
        for dt in block.select("dt")
    }


@pytest.mark.parametrize("page", ["notice/index.html", "tasks/1/index.html", "tasks/63/index.html"])
def test_document_facts(built_site, site_model, page):
    notice = site_model.notice
    html = (built_site / page).read_text("utf-8")
    # Only what the data holds: 发布日期 and 有效性 when document.yaml gives them (issue 25,
    # item 10); the real document.yaml leaves both empty, so neither is shown.
    want = {"发文机关": notice.issuer, "文号": notice.doc_number, "成文日期": cn_date(notice.date)}
    if notice.published:
        want["发布日期"] = cn_date(notice.published)
    if notice.in_force_stated:
        want["有效性"] = "有效" if notice.in_force else "失效"
    assert document_facts(html) == want
    if not notice.in_force_stated:
        assert "有效" not in BeautifulSoup(html, "html.parser").select_one(".fg-docinfo").get_text()
    block = BeautifulSoup(html, "html.parser").select_one(".fg-docinfo")
    assert "以正式文件为准" in block.get_text()
    links = [a["href"] for a in block.select("a")]
    assert links == ([notice.official_url] if notice.official_url else [])


def test_every_page_has_the_footer(built_site, site_model):
    notice = site_model.notice
    want = [
        f"主办单位：{notice.issuer}",
        f"联系人：{notice.contact.person}，联系电话：{notice.contact.phone}",
        f"内容更新：{cn_date(notice.revision_date or notice.date)}",
    ]
    pages = sorted(built_site.glob("**/*.html"))
    assert len(pages) > 100
    for page in pages:
        footer = BeautifulSoup(page.read_text("utf-8"), "html.parser").select_one("footer")
        text = re.sub(r"\s+", "", footer.get_text()) if footer else ""
        assert all(w in text for w in want), (page, text)


@pytest.fixture(scope="module")
def rooted_server(built_site, tmp_path_factory):
    """The site served at the path its site_url names (/fengong/): a 404 page's links and
    assets start at the site's root, as it is served at any depth."""
    sitemap = (built_site / "sitemap.xml").read_text("utf-8")
    home = min((loc.split("</loc>", 1)[0] for loc in sitemap.split("<loc>")[1:]), key=len)
    root = urlsplit(home).path.strip("/")
    if not root:  # the site lives at the host's root
        with serve(built_site) as base:
            yield base
        return
    top = tmp_path_factory.mktemp("rooted")
    (top / root).parent.mkdir(parents=True, exist_ok=True)
    (top / root).symlink_to(built_site, target_is_directory=True)
    with serve(top) as base:
        yield base + root + "/"


def test_the_404_page_is_chinese_and_leads_somewhere(browser, rooted_server, artifacts):
    with opened(browser, rooted_server + "404.html", PHONE) as page:
        article = page.locator("article")
        assert article.locator("h1").inner_text().strip() == "页面不存在"
        hrefs = article.locator("a").evaluate_all("links => links.map(a => a.href)")
        for target in ("", "notice/", "tasks/", "units/", "timeline/"):
            assert rooted_server + target in hrefs, target
        for href in hrefs:
            with urllib.request.urlopen(href, timeout=5) as response:
                assert response.status == 200, href
        page.screenshot(path=str(artifacts / "readers-404-phone.png"), full_page=True)
        # Its search box leads to the task search, the words in the address.
        page.locator("#fg-404-q").fill("创业")
        page.locator("#fg-404-q").press("Enter")
        page.wait_for_url("**/tasks/?q=*")
        page.wait_for_selector("#fg-task-search:not([hidden])")
        assert page.locator("#fg-task-q").input_value() == "创业"


# Latin words that belong to the content: file formats, the sheet's key, revision labels.
ALLOWED_LATIN = {"JSON", "CSV", "Excel", "ics", "Ctrl", "PDF", "UTF", "xlsx", "csv", "json", "A4"}
ALLOWED_LATIN |= {"APP"}  # in the notice's own text (task 50)


@pytest.mark.parametrize("name", ["home", "task", "unit", "tasks", "units", "notice"])
def test_no_english_in_the_interface(browser, server, name):
    with opened(browser, server + PAGES[name], PHONE) as page:
        page.locator("label.md-header__button[for=__drawer]").click()  # the drawer's navigation too
        text = page.evaluate(
            """() => {
              const out = [document.body.innerText];
              for (const el of document.querySelectorAll("[aria-label], [title], [placeholder]")) {
                out.push(el.getAttribute("aria-label") || "", el.getAttribute("title") || "",
                         el.getAttribute("placeholder") || "");
              }
              return out.join("\\n");
            }"""
        )
    words = set(re.findall(r"[A-Za-z]{2,}", text)) - ALLOWED_LATIN
    # Addresses shown as text (the sheet's) and revision labels are data, not wording.
    words = {w for w in words if not re.fullmatch(r"v\d+", w)}
    assert words == set(), sorted(words)


@pytest.mark.parametrize(
    ("given", "linked"),
    [
        ("https://www.dazu.gov.cn/zwgk/41.html", "https://www.dazu.gov.cn/zwgk/41.html"),
        ("javascript:alert(1)", None),
        ("", None),
    ],
)
def test_the_official_original_is_linked_when_the_data_gives_it(site_model, given, linked):
    from dataclasses import replace

    from fengong.pages.render import environment
    from fengong.pages.views.common import document_info

    notice = replace(site_model.notice, official_url=given, published="2020-05-06")
    macros = environment().get_template("_macros.html.j2").module
    html = str(macros.document_info(document_info(notice)))
    block = BeautifulSoup(html, "html.parser")
    assert [a["href"] for a in block.select("a")] == ([linked] if linked else [])
    assert "2020年5月6日" in block.get_text()  # 发布日期 from the data when it has one


@pytest.mark.parametrize(
    ("published", "in_force", "stated", "want"),
    [
        ("", True, False, {}),  # the data says nothing: nothing is claimed
        ("2020-05-06", True, True, {"发布日期": "2020年5月6日", "有效性": "有效"}),
        ("", False, True, {"有效性": "失效"}),
    ],
)
def test_the_document_block_claims_only_what_the_data_holds(
    site_model, published, in_force, stated, want
):
    from dataclasses import replace

    from fengong.pages.render import environment
    from fengong.pages.views.common import document_info

    notice = replace(
        site_model.notice, published=published, in_force=in_force, in_force_stated=stated
    )
    macros = environment().get_template("_macros.html.j2").module
    facts = document_facts(str(macros.document_info(document_info(notice))))
    assert {k: v for k, v in facts.items() if k in ("发布日期", "有效性")} == want
    assert facts["成文日期"] == cn_date(notice.date)
