"""Search quality in Chromium: recall@10 and precision@10 of the task results for the queries
of tests/search_queries.yaml, through the header search box and through /tasks/?q=.

Of each result list only the task pages count (a unit page or a notice paragraph is neither a
hit nor a miss); of those, the first ten. For a query with relevant set R and those results T:

    recall@10    = |R ∩ T| / min(|R|, 10)         (1 when R is empty)
    precision@10 = |R ∩ T| / |T|                  (1 when T is empty and R is too, else 0)

so a query with 2 relevant tasks that finds exactly those 2 scores 1 on both. Figures per
kind of query and overall go to test-artifacts/search-quality.txt and the terminal.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml

pytestmark = pytest.mark.browser

QUERIES = Path(__file__).resolve().parents[1] / "search_queries.yaml"
MIN_RECALL, MIN_PRECISION = 0.98, 0.95
TOP = 10
TASK_URL = re.compile(r"/tasks/(\d+)/(?:[?#].*)?$")


def load_queries() -> list[dict]:
    return yaml.safe_load(QUERIES.read_text("utf-8"))


def scores(relevant: set[int], found: list[int]) -> tuple[float, float]:
    top = found[:TOP]
    hits = len(relevant & set(top))
    recall = hits / min(len(relevant), TOP) if relevant else 1.0
    precision = hits / len(top) if top else float(not relevant)
    return recall, precision


def test_scores():
    assert scores({1, 2}, [1, 2]) == (1, 1)
    assert scores({1, 2}, [1, 3]) == (0.5, 0.5)
    assert scores(set(range(20)), list(range(10))) == (1, 1)
    assert scores(set(), []) == (1, 1)
    assert scores(set(), [5]) == (1, 0)
    assert scores({5}, []) == (0, 0)


def test_queries_file_is_well_formed(site_model):
    queries = load_queries()
    assert len(queries) >= 60
    numbers = {t.number for t in site_model.tasks}
    for query in queries:
        assert set(query) <= {"q", "kind", "tasks", "first"}, query
        assert isinstance(query["q"], str) and query["q"].strip(), query
        assert set(query["tasks"]) <= numbers, query
    assert len({q["q"] for q in queries}) == len(queries), "duplicate queries"


# --- Reading results from the two surfaces --------------------------------------------------


def task_numbers(urls: list[str], site_model) -> list[int]:
    """The task numbers of the task pages among urls, in order (task pages are named by id)."""
    by_id = {t.id: t.number for t in site_model.tasks}
    found = []
    for url in urls:
        match = TASK_URL.search(url)
        if match and int(match.group(1)) in by_id:
            found.append(by_id[int(match.group(1))])
    return found


# Material renders the first 10 result pages at once and 4 more each time the list is scrolled
# to its end; its header reads e.g. "找到 23 个符合条件的结果" (or none, or one).
READ_HEADER_RESULTS = """() => Array.from(
    document.querySelectorAll(".md-search-result__item > a.md-search-result__link"),
    a => a.href)"""


def header_search(page, query: str, site_model) -> tuple[list[int], str | None]:
    """Type query into Material's search box; the task numbers listed, and the first page."""
    # Material empties the list before it renders a result: a stale marker tells them apart.
    page.evaluate(
        """() => {
            const list = document.querySelector(".md-search-result__list")
            list.replaceChildren(Object.assign(document.createElement("li"), {id: "fg-stale"}))
        }"""
    )
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.press("End")  # Material reads the query on keyup
    page.wait_for_function("() => !document.getElementById('fg-stale')")
    urls = page.evaluate(READ_HEADER_RESULTS)
    total = int(
        (re.findall(r"\d+", page.locator(".md-search-result__meta").inner_text()) or [0])[0]
    )
    while len(task_numbers(urls, site_model)) < TOP and len(urls) < total:
        page.locator(".md-search__scrollwrap").evaluate("el => el.scrollTo(0, el.scrollHeight)")
        page.wait_for_function(
            "n => document.querySelectorAll('.md-search-result__item').length > n", arg=len(urls)
        )
        urls = page.evaluate(READ_HEADER_RESULTS)
    return task_numbers(urls, site_model), urls[0] if urls else None


def task_index_search(page, base: str, query: str, site_model) -> list[int]:
    page.goto(f"{base}tasks/?q={quote(query)}")
    page.wait_for_selector("#fg-task-search[data-ready]")
    urls = page.eval_on_selector_all(
        ".fg-task-results .fg-task-result-head > a:first-child", "links => links.map(a => a.href)"
    )
    return task_numbers(urls, site_model)


# --- Measuring ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def measured(browser, server, site_model, artifacts):
    """{surface: [(query, found task numbers, recall, precision)]}, and the unit-first misses."""
    queries = load_queries()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    # The worker logs a file it cannot load or a query that fails, and still answers.
    page.on("console", lambda m: m.type in ("warning", "error") and errors.append(m.text))
    results: dict[str, list] = {"header": [], "tasks": []}
    not_first: list[str] = []
    try:
        page.goto(server)
        page.keyboard.press("/")
        # On READY Material queries the box's value (empty here), clears the result list and
        # stops saying it is initialising (正在初始化搜索引擎), which it may have done already:
        # a first query typed before that would read the empty answer as its own.
        page.wait_for_function(
            "() => !document.querySelector('.md-search-result__meta').textContent"
            ".includes('初始化')"
        )
        for query in queries:
            found, first = header_search(page, query["q"], site_model)
            results["header"].append((query, found, *scores(set(query["tasks"]), found)))
            if query.get("first") and not (first and any(f in first for f in query["first"])):
                not_first.append(f"{query['q']}: first result {first}, expected {query['first']}")
        for query in queries:
            found = task_index_search(page, server, query["q"], site_model)
            results["tasks"].append((query, found, *scores(set(query["tasks"]), found)))
    finally:
        context.close()
    assert not errors, errors
    report = render_report(results, not_first)
    (artifacts / "search-quality.txt").write_text(report, "utf-8")
    print("\n" + report)
    return results, not_first


def render_report(results: dict[str, list], not_first: list[str]) -> str:
    lines = [
        f"Search quality: {len(results['header'])} queries (tests/search_queries.yaml), "
        f"recall@{TOP} and precision@{TOP} of task results, mean per query",
        "",
    ]
    for surface, label in (("header", "header search box"), ("tasks", "/tasks/?q=")):
        rows = results[surface]
        by_kind: dict[str, list] = defaultdict(list)
        for row in rows:
            by_kind[row[0]["kind"]].append(row)
        lines += [f"## {label}", "", "| kind | queries | recall@10 | precision@10 |"]
        lines.append("| --- | ---: | ---: | ---: |")
        for kind, kind_rows in [*by_kind.items(), ("all", rows)]:
            recall, precision = mean(kind_rows, 2), mean(kind_rows, 3)
            name = f"**{kind}**" if kind == "all" else kind
            lines.append(f"| {name} | {len(kind_rows)} | {recall:.3f} | {precision:.3f} |")
        misses = [
            f"- {q['q']} ({q['kind']}): recall {r:.2f}, precision {p:.2f}; "
            f"found {found[:TOP]}, expected {sorted(q['tasks'])}"
            for q, found, r, p in rows
            if r < 1 or p < 1
        ]
        lines += ["", "Queries below 1:" if misses else "Every query scores 1.", *misses, ""]
    lines += ["Unit queries whose unit page is not the header's first result:"]
    lines += [f"- {miss}" for miss in not_first] or ["- none"]
    return "\n".join(lines) + "\n"


def mean(rows: list, column: int) -> float:
    return sum(row[column] for row in rows) / len(rows)


@pytest.mark.parametrize("surface", ["header", "tasks"])
def test_recall_and_precision_at_10(measured, surface):
    results, _ = measured
    rows = results[surface]
    recall, precision = mean(rows, 2), mean(rows, 3)
    assert recall >= MIN_RECALL and precision >= MIN_PRECISION, (
        f"{surface}: recall@10 {recall:.3f} (≥ {MIN_RECALL}), "
        f"precision@10 {precision:.3f} (≥ {MIN_PRECISION}); see test-artifacts/search-quality.txt"
    )


def test_header_search_brings_the_unit_first(measured):
    _, not_first = measured
    assert not_first == []


def test_both_surfaces_find_the_same_tasks(measured):
    """/tasks/ runs the header's engine: the same tasks in the same order."""
    results, _ = measured
    differ = [
        (h[0]["q"], h[1][:TOP], t[1][:TOP])
        for h, t in zip(results["header"], results["tasks"], strict=True)
        if h[1][:TOP] != t[1][:TOP]
    ]
    assert differ == []


# --- Normalisation of curated names: Python (index) and JS (queries) agree ------------------


def test_js_normalises_curated_words_as_python(browser, site_model):
    """Aliases, synonyms and tag keywords become expansion keys normalised by Python and are
    looked up with queries normalised by JS; tokenisation agreement is tested elsewhere, this
    checks the whole normalised string (punctuation included, as in 各镇街人民政府（办事处）)."""
    from fengong.pages.search import normalize, t2s_table

    words = sorted(
        {
            name
            for unit in site_model.units
            for name in (unit.name, unit.full_name, *unit.aliases, *unit.written_as)
        }
        | {w for key, values in site_model.synonyms.items() for w in (key, *values)}
        | {w for tag in site_model.tags for w in (tag.name, *tag.keywords)}
    )
    theme = Path(__file__).resolve().parents[2] / "hooks" / "fengong" / "pages" / "theme"
    core = theme / "assets" / "javascripts" / "fengong" / "search-core.js"
    page = browser.new_page()
    try:
        page.add_script_tag(content=core.read_text("utf-8"))
        got = page.evaluate(
            "([words, table]) => { const t2s = new Map(Object.entries(table));"
            " return words.map(w => fengong.normalize(w, t2s)) }",
            [words, t2s_table()],
        )
    finally:
        page.close()
    assert [(w, normalize(w)) for w in words] == list(zip(words, got, strict=True))
