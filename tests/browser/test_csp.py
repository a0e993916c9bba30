"""Every page kind loads in Chromium under its Content-Security-Policy (issue #23) with no
violation, its scripts working (the header search, the task index, a library's filters), and
a page given an inline script without its hash reports a violation and does not run it.

The session's builds (conftest.py: the real site and the library) are served as they are;
the changed page is served by Playwright's routing, so the shared build is never touched."""

from __future__ import annotations

import contextlib

import pytest

pytestmark = pytest.mark.browser

# The real site's page kinds: (name, path from the site's root).
PAGES = (
    ("home", ""),
    ("notice", "notice/"),
    ("task", "tasks/1/"),
    ("unit", "units/renshe/"),
    ("print sheet", "units/renshe/print/"),
    ("clause", "clauses/1/"),
    ("part", "parts/1/"),
    ("task index", "tasks/"),
    ("unit index", "units/"),
    ("timeline", "timeline/"),
    ("progress", "progress/"),
    ("changes", "changes/"),
    ("404", "404.html"),
)
LIBRARY_PAGES = (("library home", ""), ("library unit", "units/renshe/"))

# Collects what the page itself reports (the console line says it too).
LISTEN = """document.addEventListener("securitypolicyviolation", e => {
  (window.__violations = window.__violations || []).push(
    [e.violatedDirective, e.blockedURI || "inline", e.sourceFile + ":" + e.lineNumber].join(" "))
})"""


@contextlib.contextmanager
def watched(browser, width: int = 1280):
    """A page that records every CSP violation, from the console and from the document."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.add_init_script(LISTEN)
    said: list[str] = []
    page.on(
        "console",
        lambda msg: said.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    page.on("pageerror", lambda error: said.append(f"page error: {error}"))
    try:
        yield page, said
    finally:
        context.close()


def violations(page, said: list[str]) -> list[str]:
    return said + (page.evaluate("window.__violations || []") or [])


@pytest.mark.parametrize(("name", "path"), PAGES, ids=[n for n, _ in PAGES])
def test_each_page_kind_loads_without_a_violation(browser, server, name, path):
    with watched(browser) as (page, said):
        # 404.html names its files from the site's address (/fengong/…, as a server shows it
        # for any missing path); here they are served from the root.
        page.route(
            f"{server}fengong/**",
            lambda route: route.continue_(url=route.request.url.replace("/fengong/", "/", 1)),
        )
        response = page.goto(server + path, wait_until="networkidle")
        assert response.ok
        assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
        # Material's bundle ran (its document$ is what our scripts wait for).
        page.wait_for_function("() => window.document$ !== undefined")
        assert violations(page, said) == [], name


@pytest.mark.parametrize(("name", "path"), LIBRARY_PAGES, ids=[n for n, _ in LIBRARY_PAGES])
def test_each_library_page_kind_loads_without_a_violation(browser, library_server, name, path):
    with watched(browser) as (page, said):
        assert page.goto(library_server + path, wait_until="networkidle").ok
        if name == "library home":  # its filters (a file now, not an inline script) work
            page.select_option("select[name=year]", "2018")
            assert "共 2 份" in page.inner_text("[data-fg-library-count]")
        assert violations(page, said) == [], name


def test_search_the_task_index_and_instant_navigation_work_under_it(browser, server):
    with watched(browser) as (page, said):
        page.goto(server, wait_until="networkidle")
        page.keyboard.press("/")
        page.wait_for_function(  # the search worker (worker-src 'self') has its index
            "() => !document.querySelector('.md-search-result__meta').textContent"
            ".includes('初始化')"
        )
        page.locator("input.md-search__input").fill("失业保险")
        page.locator("input.md-search__input").press("End")
        first = page.locator(".md-search-result__item > a.md-search-result__link").first
        first.wait_for()
        first.click()  # Material's instant navigation: the next page under the first's policy
        page.wait_for_load_state("networkidle")
        page.goto(server + "tasks/?q=失业保险", wait_until="networkidle")
        page.wait_for_selector("#fg-task-search[data-ready]:not([aria-busy])")
        assert page.locator(".fg-task-results .fg-task-result").count() > 0
        # From the task index to a task page and back, by instant navigation.
        page.locator(".fg-task-result-head > a").first.click()
        page.wait_for_url("**/tasks/*/**")
        page.go_back()
        page.wait_for_selector("#fg-task-search[data-ready]:not([aria-busy])")
        assert violations(page, said) == []


def test_an_inline_script_without_its_hash_is_refused(browser, server, artifacts):
    """The about page as built, with one inline script added: the browser reports the
    violation and does not run it; the theme's own scripts still run."""
    with watched(browser) as (page, said):
        url = server + "about/"

        def with_a_script(route):
            html = route.fetch().text()
            added = html.replace("</article>", "<script>window.__ran = 1</script></article>", 1)
            assert added != html
            route.fulfill(body=added, content_type="text/html; charset=utf-8")

        page.route(url, with_a_script)
        page.goto(url, wait_until="networkidle")
        page.wait_for_function("() => (window.__violations || []).length > 0")
        assert page.evaluate("window.__ran") is None
        reported = violations(page, said)
        (artifacts / "csp-violation.txt").write_text("\n".join(reported) + "\n", "utf-8")
        assert any("Content Security Policy" in line for line in said), reported
        assert any(line.startswith("script-src") for line in reported), reported
        assert page.evaluate("typeof __md_get") == "function"  # scope.js ran


def test_the_themes_hashed_scripts_run(browser, server):
    """The three inline scripts the policy allows do their work: after a reload, the
    large type (main.html's script) and the dark palette (Material's) are restored before
    the first paint, and the anchor script leaves the page as it was."""
    with watched(browser) as (page, said):
        page.goto(server + "tasks/1/", wait_until="networkidle")
        page.locator(".fg-large-switch").first.click()
        page.locator("label[for=__palette_1]").first.click()  # to the dark scheme
        # Only the inline scripts (and scope.js, whose helpers they use) can restore them now.
        page.route("**/bundle.*.min.js", lambda route: route.abort())
        page.route("**/fengong-reader.js", lambda route: route.abort())
        page.reload(wait_until="networkidle")
        assert page.evaluate("typeof window.document$") == "undefined"  # the bundle is out
        assert page.evaluate("document.documentElement.classList.contains('fg-large')")
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        # page errors: the aborted bundle leaves later scripts without document$
        assert [v for v in violations(page, said) if not v.startswith("page error")] == []
