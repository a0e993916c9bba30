"""Search: the Python tokeniser (builds the index) and the JS one (reads queries) agree; the
query engine and the worker behave as Material's search box expects."""

from __future__ import annotations

import json
import random
import re
import textwrap
import unicodedata
from pathlib import Path

import pytest
from chromium import serve
from fengong.model import (
    Assignment,
    Block,
    Clause,
    Notice,
    Part,
    RemovedTask,
    Revision,
    Site,
    Task,
    Unit,
)
from fengong.pages import search

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "data" / "source" / "dazu-2020-41.txt"
THEME = ROOT / "hooks" / "fengong" / "pages" / "theme"
CORE_JS = THEME / "assets" / "javascripts" / "fengong" / "search-core.js"
LUNR_JS = THEME / "assets" / "javascripts" / "fengong" / "lunr.min.js"


# --- The Python tokeniser ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("稳就业", ["稳", "就", "业", "稳就", "就业"]),
        ("就", ["就"]),
        ("", []),
        ("。，、", []),
        ("GDP 2020", ["gdp", "2020"]),
        ("1.4万人", ["1", "4", "万", "人", "万人"]),
        ("COVID-19疫情", ["covid", "19", "疫", "情", "疫情"]),
        ("二〇二〇年", ["二", "〇", "二", "〇", "年", "二〇", "〇二", "二〇", "〇年"]),
        ("𠀀𠀁", ["𠀀", "𠀁", "𠀀𠀁"]),  # Extension B: characters, not UTF-16 halves
        ("café", ["caf"]),  # only ASCII letters make words
    ],
)
def test_tokenize(text, tokens):
    assert search.tokenize(text) == tokens


@pytest.mark.parametrize(
    ("written", "same_as"),
    [
        ("ＧＤＰ２０２０", "gdp2020"),  # full width
        ("ＡＢＣ　ｄｅｆ", "abc def"),  # ideographic space separates
        ("（一）着力稳定岗位", "(一)着力稳定岗位"),
        ("穩就業", "稳就业"),  # traditional
        ("區人力社保局", "区人力社保局"),
        ("職業技能培訓補貼", "职业技能培训补贴"),
        ("臺灣", "台湾"),
        ("豈", "岂"),  # a compatibility ideograph: NFKC, then t2s
    ],
)
def test_tokenize_normalises(written, same_as):
    assert search.tokenize(written) == search.tokenize(same_as)


def test_t2s_table_is_opencc_per_character():
    from opencc import OpenCC

    t2s = OpenCC("t2s")
    table = search.t2s_table()
    assert len(table) > 4000
    assert all(t2s.convert(k) == v for k, v in table.items())


def test_every_simplified_character_is_a_plain_ideograph():
    """What lets the index look for them character by character (search._t2s_needed): they
    are ideographs, which no normalisation composes with a neighbour."""
    ideograph = re.compile(f"[{search._CJK}]")
    odd = {s for s in search.t2s_table().values() if not ideograph.fullmatch(s)}
    odd |= {s for s in search.t2s_table().values() if unicodedata.decomposition(s)}
    assert odd == set()


# --- Python and JS give the same tokens ------------------------------------------------


def _strings() -> list[str]:
    """Every line of the real notice, awkward cases, and seeded random strings."""
    lines = SOURCE.read_text("utf-8").splitlines()
    awkward = [
        "ＡＢＣ１２３ｘｙｚ",
        "Ｈｅｌｌｏ　Ｗｏｒｌｄ",
        "進一步做好穩就業工作",
        "國務院關於進一步做好穩定和擴大就業工作的意見",
        "①②③ ⅫⅣ ㈠㈡ ㊀",
        "ﬁle ﬂow",
        "İstanbul ΣΑΣ Straße",
        "ｶﾀｶﾅ ひらがな 한국어",
        "𠀀𠀁𫝈𪚥",
        "😀👍🏽👨‍👩‍👧",
        "e\u0301 a\u0308",
        "\u3000\t\n\r\u00a0\u200b\ufeff",
        "…——《》〔〕“”‘’",
        "Ａ＿Ｂ-C_d",
        "2020年4月29日 43722483",
        "3.3% 1.26万人次 90%",
        "〇一二三四五六七八九十",
        "豈更車賈滑串句龜",
        "薴苧苎",
    ]
    rng = random.Random(20200429)
    table = list(search.t2s_table())
    pool = (
        list(set("".join(lines)))
        + rng.sample(table, 300)
        + list("abcXYZ019 -_.,;:!?%+/\\'\"<>&")
        + [chr(c) for c in range(0xFF01, 0xFF5F)]  # full-width ASCII
        + ["𠀀", "𫝈", "😀", "\u0301", "\u3000", "ｱ", "〇", "豈"]
    )
    randoms = ["".join(rng.choices(pool, k=rng.randint(1, 40))) for _ in range(200)]
    return lines + awkward + randoms


@pytest.fixture(scope="module")
def js(browser):
    """evaluate(expression, arg) in a blank page with lunr.js and search-core.js: no fetches."""
    page = browser.new_page()
    page.add_script_tag(content=LUNR_JS.read_text("utf-8"))
    page.add_script_tag(content=CORE_JS.read_text("utf-8"))
    yield lambda expression, arg=None: page.evaluate(expression, arg)
    page.close()


@pytest.mark.browser
def test_js_tokenize_matches_python(js):
    strings = _strings()
    assert len(strings) > 400
    tokens = js(
        """([strings, table]) => {
            const t2s = new Map(Object.entries(table))
            return strings.map(s => fengong.tokenize(s, t2s))
        }""",
        [strings, search.t2s_table()],
    )
    mismatches = [
        (s, py, got)
        for s, py, got in zip(strings, map(search.tokenize, strings), tokens, strict=True)
        if py != got
    ]
    assert mismatches == []


@pytest.mark.browser
def test_js_tokenize_with_shipped_table(js):
    """The index ships only the t2s entries its text needs; those still convert queries."""
    data = json.loads(_index_files(_fixture_site())[search.INDEX_FILE])
    assert "業" in data["t2s"] and "臺" not in data["t2s"]
    tokens = js(
        "([s, table]) => fengong.tokenize(s, new Map(Object.entries(table)))",
        ["就業培訓", data["t2s"]],
    )
    assert tokens == search.tokenize("就业培训")


# --- The query engine, on a small site built by hand ----------------------------------


def _unit(id: str, name: str, **kwargs) -> Unit:
    return Unit(id=id, name=name, kind="government_department", **kwargs)


def _task(number: int, text: str, *units: Unit, clause: int = 1) -> Task:
    assignments = tuple(
        Assignment(unit=u, written=u.name, role="lead" if i == 1 else "partner", position=i)
        for i, u in enumerate(units, 1)
    )
    return Task(
        number=number,
        id=number,
        part=1,
        clause=clause,
        text=text,
        raw=text,
        assignments=assignments,
    )


def _fixture_site() -> Site:
    renshe = _unit(
        "renshe", "区人力社保局", full_name="重庆市大足区人力资源和社会保障局", aliases=("人社局",)
    )
    caizheng = _unit("caizheng", "区财政局")
    jiaowei = _unit("jiaowei", "区教委")
    tasks = (
        _task(1, "加强高校毕业生就业服务。", renshe, jiaowei),
        _task(2, "落实职业培训补贴政策。", caizheng, renshe),
        _task(3, "完成23个项目，支持创业就。就创业者<b>优先</b>。", caizheng),
        _task(4, "推进ＧＤＰ统计。", jiaowei),
        _task(23, "做好就业统计。", jiaowei),
    )
    notice = Notice(
        doc_number="大足府办发〔2020〕41号",
        title="关于稳就业的通知",
        issuer="区政府办公室",
        date="2020-04-29",
        addressees=(),
        signature="",
        contact=None,
        cc=(),
        annex_title="",
        lead_rule="",
        source_file="source/test.txt",
    )
    blocks = (
        Block(kind="doc_number", line=1, end_line=1, text=notice.doc_number),
        Block(kind="section", line=5, end_line=5, text="一、压实各方责任"),
        Block(kind="paragraph", line=7, end_line=7, text="区人力社保局要牵头抓总。"),
        Block(kind="task", line=20, end_line=20, text="1．加强高校毕业生就业服务。"),
    )
    return Site(
        notice=notice,
        blocks=blocks,
        parts=(
            Part(number=1, title="支持就业", clause_numbers=(1,), task_numbers=(1, 2, 3, 4, 23)),
        ),
        clauses=(
            Clause(
                number=1, part=1, title="加大援企稳岗力度", slug="1", task_numbers=(1, 2, 3, 4, 23)
            ),
        ),
        tasks=tasks,
        units=(renshe, caizheng, jiaowei),
        tags=(),
        targets=(),
        reporting=None,
        removed_tasks=(
            RemovedTask(
                id=99,
                number=5,
                text="开展就业见习。",
                units=("区人力社保局",),
                last_revision=Revision(label="v1", date="2020-04-29", task_count=5),
                removed_in=Revision(label="v2", date="2020-06-01", task_count=5),
            ),
        ),
    )


SYNONYMS = {"大学生": ["高校毕业生"]}


def _index_files(site: Site, **split) -> dict[str, bytes]:
    about = search.page_document("about.md", "关于本站", "本站整理通知的任务分工。")
    return search.index_files([*search.documents(site), about], SYNONYMS, **split)


def test_index_is_deterministic_and_readable():
    site = _fixture_site()
    first = _index_files(site)
    assert first == _index_files(site)
    assert all(path.startswith("search/") for path in first)
    text = b"".join(first.values()).decode("utf-8")
    assert "区人力社保局" in text and "\\u" not in text  # ensure_ascii=False
    data = json.loads(first[search.INDEX_FILE])
    assert data["format"] == search.FORMAT
    assert data["expansions"]["人社局"] == ["区人力社保局"]
    assert data["expansions"]["重庆市大足区人力资源和社会保障局"] == ["区人力社保局"]
    assert data["expansions"]["大学生"] == ["高校毕业生"]
    # Blocks with pages of their own are not repeated as notice paragraphs.
    docs = [doc for b in range(-(-data["docs"] // data["block"])) for doc in _block(first, b)]
    assert len(docs) == data["docs"]
    notice = [d["location"] for d in docs if d["kind"] == "notice"]
    assert notice == ["notice/", "notice/#L1", "notice/#L5", "notice/#L7"]
    assert data["pages"] == {"notice/": [d["location"] for d in docs].index("notice/")}


def _block(files: dict[str, bytes], b: int) -> list[dict]:
    return json.loads(files[f"{search.FILES_DIR}/d{b}.json"])["docs"]


# The engine tests run on the index as the fixture site gets it (one shard, one block), and
# split finely: the results must not change.
SPLITS = [{}, {"shards": 5, "block": 2}]


@pytest.fixture(scope="module", params=SPLITS, ids=["whole", "split"])
def engine(js, request):
    files = _index_files(_fixture_site(), **request.param)
    manifest = json.loads(files.pop(search.INDEX_FILE))
    files = {path.removeprefix(search.FILES_DIR + "/"): json.loads(c) for path, c in files.items()}
    js(
        """([manifest, files]) => {
            window.engine = new fengong.Engine(manifest, name => files[name])
        }""",
        [manifest, files],
    )
    return js


def _search(engine, query: str) -> list[list[dict]]:
    return engine("q => engine.search(q).then(result => result.items)", query)


def _locations(engine, query: str) -> list[str]:
    """The result's items in the order Material shows their pages."""
    return [item["location"] for group in _search(engine, query) for item in group]


@pytest.mark.browser
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # An alias finds the unit first, then the tasks it leads, then those it shares (a removed
        # task among them, last), then mentions in the text.
        (
            "人社局",
            ["units/renshe/", "tasks/1/", "tasks/2/", "tasks/99/", "notice/#L7", "notice/#L7"],
        ),
        (
            "区人力社保局",
            ["units/renshe/", "tasks/1/", "tasks/2/", "tasks/99/", "notice/#L7", "notice/#L7"],
        ),
        (
            "區人力社保局",
            ["units/renshe/", "tasks/1/", "tasks/2/", "tasks/99/", "notice/#L7", "notice/#L7"],
        ),
        (
            "重庆市大足区人力资源和社会保障局",
            ["units/renshe/", "tasks/1/", "tasks/2/", "tasks/99/", "notice/#L7", "notice/#L7"],
        ),
        # AND of words, in any field.
        ("培训 人社局", ["tasks/2/"]),
        ("培训 不存在", []),
        # Full width, case and traditional forms are the same word.
        ("gdp", ["tasks/4/"]),
        ("ＧＤＰ", ["tasks/4/"]),
        ("Gd", ["tasks/4/"]),  # letters match while being typed
        # (task 4 holds 统计, and 就业 in its part's title 支持就业: it comes after 23, which
        # holds both in its own text)
        ("就業 統計", ["tasks/23/", "tasks/4/"]),
        # A task number brings that task first; the number as a word still matches text.
        ("23", ["tasks/23/", "tasks/3/"]),
        ("任务23", ["tasks/23/"]),
        ("第23项", ["tasks/23/"]),
        ("任务99", []),
        # A task a revision removed: found by its words, last, and not by its old number.
        ("就业见习", ["tasks/99/"]),
        ("第5项", []),
        # Synonyms: a word people type → the notice's word.
        ("大学生", ["tasks/1/"]),
        # No text holds 创业就创 as written, so it is tried as two words typed together:
        # task 3 holds both 创业 and 就创.
        ("创业就创", ["tasks/3/"]),
        ("创业就", ["tasks/3/"]),
        # The notice page heads the group of its paragraphs, and opens the best of them.
        ("41号", ["notice/#L1", "notice/#L1"]),
        # A task inherits the words of its clause and part, found after the clause itself.
        ("援企稳岗", ["clauses/1/", "tasks/1/", "tasks/2/", "tasks/3/", "tasks/4/", "tasks/23/"]),
        ("（一）", ["clauses/1/", "tasks/1/", "tasks/2/", "tasks/3/", "tasks/4/", "tasks/23/"]),
        ("本站", ["about/"]),
        ("", []),
        ("、。", []),
    ],
)
def test_engine_results(engine, query, expected):
    assert _locations(engine, query) == expected


@pytest.mark.browser
def test_engine_items_are_materials(engine):
    [[unit], [lead], [partner], [removed], notice] = _search(engine, "人社局")
    assert removed["title"] == "任务5（已删除）"
    assert unit["title"] == "<mark>区人力社保局</mark>"
    assert unit["terms"] == {"人社局": True, "区人力社保局": True}
    assert unit["tags"] == ["单位"]
    assert "<p>牵头单位：<mark>区人力社保局</mark></p>" in lead["text"]
    assert "<p>参与单位：<mark>区人力社保局</mark></p>" in partner["text"]
    assert lead["score"] > partner["score"]
    # A paragraph of the notice: its section as the heading, grouped with the notice page.
    paragraph, page = notice
    assert paragraph["title"] == "一、压实各方责任"
    assert paragraph["text"] == "<p><mark>区人力社保局</mark>要牵头抓总。</p>"
    # The page heads the group (Material's link for the result): it opens the paragraph.
    assert paragraph["location"].startswith("notice/#L")
    assert (page["location"], page["score"], page["terms"]) == (paragraph["location"], 0, {})
    assert page["title"] == "关于稳就业的通知"


@pytest.mark.browser
def test_engine_escapes_text(engine):
    [[task]] = _search(engine, "优先")
    assert "&#60;b&#62;<mark>优先</mark>&#60;/b&#62;" in task["text"]


# --- Material keeps its search box; main.html only swaps the worker ---------------------


def _config_block(template: Path) -> list[str]:
    text = template.read_text("utf-8")
    block = re.search(r"\{% block config %\}.*?\{% endblock %\}", text, re.S)
    assert block, f"{template}: no config block"
    return [line.strip() for line in block.group(0).splitlines()]


def test_main_html_config_block_is_materials_but_the_worker():
    import material

    base = Path(material.__file__).parent / "templates" / "base.html"
    ours, theirs = _config_block(THEME / "main.html"), _config_block(base)
    worker = '"search": "assets/javascripts/fengong/search-worker.js" | url,'
    assert worker in ours
    differ = [(a, b) for a, b in zip(ours, theirs, strict=True) if a != b]
    assert len(differ) == 1 and differ[0][0] == worker
    assert re.fullmatch(
        r'"search": "assets/javascripts/workers/search\.\w+\.min\.js" \| url,', differ[0][1]
    )


HOOK = """
    from mkdocs.structure.files import File

    def on_page_markdown(markdown, page, **kwargs):
        page.meta["search"] = {{"exclude": True}}
        return markdown

    def on_files(files, config):
        for uri, content in {files!r}.items():
            files.append(File.generated(config, uri, content=content))
        return files
"""


@pytest.fixture(scope="module")
def served_site(tmp_path_factory):
    """The fixture site built with our theme, served on a free port."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site = _fixture_site()
    files = {"index.md": "# 首页\n", "notice.md": "# 通知\n"}
    files.update(search.index_files(search.documents(site), SYNONYMS))
    for doc in search.documents(site):
        page = doc.location.split("#")[0]
        uri = "index.md" if not page else page.rstrip("/") + ".md"
        files.setdefault(uri, f"# {doc.title}\n\n{doc.text}\n")
    root = tmp_path_factory.mktemp("search-site")
    (root / "docs").mkdir()
    (root / "hook.py").write_text(textwrap.dedent(HOOK.format(files=files)), "utf-8")
    (root / "mkdocs.yml").write_text(
        textwrap.dedent(f"""
            site_name: test
            theme: {{name: material, language: zh, font: false, custom_dir: {THEME}}}
            plugins: [search]
            hooks: [hook.py]
            nav: [index.md]
        """),
        "utf-8",
    )
    build(load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site")))
    with serve(root / "site") as base:
        yield base


@pytest.mark.browser
@pytest.mark.slow
def test_header_search_uses_our_worker(browser, served_site):
    _search_from_the_header(browser, served_site)


def _search_from_the_header(browser, base: str) -> None:
    page = browser.new_page()
    other_hosts = []

    def only_ours(route):
        if route.request.url.startswith(base):
            route.continue_()
        else:
            other_hosts.append(route.request.url)
            route.abort()

    page.route("**/*", only_ours)
    try:
        page.goto(base)
        config = json.loads(page.locator("#__config").inner_text())
        assert config["search"].endswith("assets/javascripts/fengong/search-worker.js")
        page.keyboard.press("/")
        query = page.locator("input.md-search__input")
        query.fill("人社局")
        query.press("End")  # Material reads the query on keyup, as after an IME commit
        first = page.locator(".md-search-result__item a").first
        first.wait_for()
        assert first.get_attribute("href").startswith(base + "units/renshe/")
        assert first.locator("mark").first.inner_text() == "区人力社保局"
        query.press("Enter")  # Material's keyboard handling: go to the best result
        page.wait_for_url(base + "units/renshe/**")
        assert other_hosts == []
    finally:
        page.close()


@pytest.mark.browser
@pytest.mark.slow
def test_header_search_answers_when_index_files_fail(browser, served_site):
    """READY comes with the manifest alone; a query whose shards or blocks cannot be loaded is
    still answered (with what could be loaded: here nothing), and the failure is logged."""
    _search_without_files(browser, served_site)


def _search_without_files(browser, base: str) -> None:
    page = browser.new_page()
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.route("**/search/fengong/*", lambda route: route.abort())
    try:
        page.goto(base)
        page.keyboard.press("/")
        meta = page.locator(".md-search-result__meta")
        page.wait_for_function(  # READY: Material stops saying it is initialising
            "el => !el.textContent.includes('初始化')", arg=meta.element_handle()
        )
        query = page.locator("input.md-search__input")
        query.fill("人社局")
        query.press("End")
        page.wait_for_function(
            "el => el.textContent.includes('没有')", arg=meta.element_handle(), timeout=10_000
        )
        assert any("cannot load t0.json" in e for e in errors), errors
        page.unroute("**/search/fengong/*")  # a failed file is fetched again next time
        query.fill("人社局 培训")
        query.press("End")
        first = page.locator(".md-search-result__item a").first
        first.wait_for()
        assert first.get_attribute("href").startswith(base + "tasks/2/")
    finally:
        page.close()
