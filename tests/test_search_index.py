"""The split search index: its files (determinism, shards, blocks), the hash that places a term
in a shard (Python = JS), lunr's scores, and the engine over it: a query loads only the shards
of its terms and the blocks of the documents they find, gives the same results however the
index is split, and answers with what it could load when a file fails."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from fengong.pages import search
from lunr.builder import Builder
from test_search_tokenize import CORE_JS, LUNR_JS, _strings

QUERIES = Path(__file__).resolve().parent / "search_queries.yaml"

# The 121 quality queries, and what else the engine does: AND, prefixes, task numbers,
# traditional characters, dates, the split fallback, nothing found.
EXTRA_QUERIES = [
    "人社局 培训",
    "培训 不存在",
    "gd",
    "5G",
    "23",
    "任务23",
    "第23项",
    "就業 統計",
    "高校毕业生就业",
    "登记失业",
    "2020年12月31日",
    "1年",
    "区人力社保局 失业保险",
    "不存在",
    "、。",
]


@pytest.fixture(scope="module")
def real(site_model):
    """The real notice's documents and synonyms."""
    return search.documents(site_model), dict(site_model.synonyms)


def _files(real, **split) -> tuple[dict, dict]:
    """(manifest, {name in search/fengong/: parsed file})."""
    files = search.index_files(*real, **split)
    manifest = json.loads(files.pop(search.INDEX_FILE))
    prefix = search.FILES_DIR + "/"
    return manifest, {path.removeprefix(prefix): json.loads(c) for path, c in files.items()}


# --- The files ----------------------------------------------------------------------------


def test_same_data_same_bytes(real):
    first = search.index_files(*real)
    assert first == search.index_files(*real)
    for path, content in first.items():
        assert path.startswith("search/"), path
        assert json.loads(content)["format"] == search.FORMAT, path


def test_every_file_is_one_json_dumps(real):
    """The shards and blocks are joined from their entries' and records' own JSON: the bytes
    json.dumps gives the whole file (sorted keys, no spaces, characters as themselves)."""
    for split in ({}, {"shards": 7, "block": 10}):
        for path, content in search.index_files(*real, **split).items():
            as_one = json.dumps(
                json.loads(content), ensure_ascii=False, sort_keys=True, separators=(",", ":")
            )
            assert content == as_one.encode(), path


def test_every_term_is_in_its_shard_and_every_document_in_its_block(real):
    docs, _ = real
    for split in ({}, {"shards": 7, "block": 10}, {"shards": 1, "block": 1000}):
        manifest, files = _files(real, **split)
        shards, block = manifest["shards"], manifest["block"]
        assert manifest["docs"] == len(docs)
        blocks = -(-len(docs) // block)
        names = {f"t{k}.json" for k in range(shards)} | {f"d{b}.json" for b in range(blocks)}
        assert set(files) == names | {"tasks.json", "units.json"}
        terms = set()
        for k in range(shards):
            shard_terms = files[f"t{k}.json"]["terms"]
            assert all(search.shard_of(t, shards) == k for t in shard_terms)
            terms |= set(shard_terms)
        assert terms == {t for doc in docs for ts in search._field_tokens(doc) for t in ts}
        shown = [d for b in range(blocks) for d in files[f"d{b}.json"]["docs"]]
        assert [d["location"] for d in shown] == [doc.location for doc in docs]


def test_sizes_are_chosen_from_the_data(real):
    manifest, files = _files(real)
    sizes = [len(json.dumps(f, ensure_ascii=False)) for f in files.values()]
    # The real notice: a couple of small shards and one block; nothing much over the targets.
    assert manifest["shards"] <= 4 and manifest["block"] == manifest["docs"]
    assert max(sizes) < 2 * search.DOC_BLOCK_BYTES


def test_task_numbers_and_facets(real, site_model):
    manifest, files = _files(real)
    numbers = {
        number + i: ref + i for ref, number, count in manifest["tasks"] for i in range(count)
    }
    docs, _ = real
    assert numbers == {doc.task: ref for ref, doc in enumerate(docs) if doc.task is not None}
    assert len(manifest["tasks"]) == 1  # 1…63 in order: one run
    units = files["units.json"]["units"]
    assert [u[0] for u in units] == [u.id for u in site_model.units]
    tasks = files["tasks.json"]["tasks"]
    assert len(tasks) == len(site_model.tasks)
    ref, part, clause, lead, partners, tags, dated, status = tasks[0]
    assert set(lead).isdisjoint(partners)
    task = site_model.tasks[0]
    assert (docs[ref].title, part, clause) == (f"任务{task.number}", task.part, "1")
    assert [units[i][0] for i in lead] == [a.unit.id for a in task.lead]
    assert dated in (0, 1) and isinstance(tags, list)
    assert status == "none"  # 落实情况: no report yet


def test_scores_are_lunrs(real):
    """The shards carry the field vectors lunr's own builder computes, to the last digit."""
    docs, _ = real
    builder = Builder()
    builder.ref("id")
    for name, boost in search.FIELDS.items():
        builder.field(name, boost=boost)
    for ref, doc in enumerate(docs):
        fields = dict(zip(search.FIELDS, search._field_tokens(doc), strict=True))
        builder.add({"id": str(ref), **fields}, {"boost": doc.boost})
    index = builder.build().serialize()
    term_of = {posting["_index"]: term for term, posting in index["invertedIndex"]}
    lunr_scores = {}
    for field_ref, vector in index["fieldVectors"]:
        field, ref = field_ref.split("/")
        for i in range(0, len(vector), 2):
            lunr_scores[term_of[vector[i]], field, int(ref)] = vector[i + 1]
    ours = {}
    for term, entry in search._term_entries(docs).items():
        for field, coded in zip(search.FIELDS, entry, strict=True):
            ref = 0
            for i in range(0, len(coded), 2):
                ref += coded[i]
                ours[term, field, ref] = coded[i + 1] / 1000
    assert ours == lunr_scores


def test_token_hash_is_fixed():
    """FNV-1a + fmix32 over code points: changing it changes every published shard."""
    assert search.token_hash("") == 2872998923
    assert search.token_hash("就业") == 2995640256
    assert search.token_hash("𠀀𠀁") == 4061484355
    assert search.shard_key("gdp") == "g" and search.shard_key("2020") == "2020"


# --- The browser's half --------------------------------------------------------------------


@pytest.fixture(scope="module")
def js(browser):
    logged: list[str] = []
    page = browser.new_page()
    page.add_script_tag(content=LUNR_JS.read_text("utf-8"))
    page.add_script_tag(content=CORE_JS.read_text("utf-8"))
    page.on("console", lambda m: m.type == "error" and logged.append(m.text))

    def evaluate(expression, arg=None):
        return page.evaluate(expression, arg)

    evaluate.logged = logged
    yield evaluate
    page.close()


@pytest.mark.browser
def test_js_hash_matches_python(js):
    tokens = sorted({t for s in _strings() for t in search.tokenize(s)} | set(_strings()[:50]))
    assert len(tokens) > 2000
    shards = [1, 2, 7, 83, 250, 1000]
    got = js(
        """([tokens, shards]) => tokens.map(t =>
            [fengong.tokenHash(t), ...shards.map(k => fengong.shardOf(t, k))])""",
        [tokens, shards],
    )
    want = [[search.token_hash(t), *(search.shard_of(t, k) for k in shards)] for t in tokens]
    assert [(t, g) for t, g, w in zip(tokens, got, want, strict=True) if g != w] == []


LOAD = """([manifest, files, failing]) => {
    window.loaded = []
    window.failing = failing
    window.engine = new fengong.Engine(manifest, name => {
        loaded.push(name)
        return window.failing.includes(name) ? Promise.reject(new Error(`no ${name}`)) : files[name]
    })
}"""

SEARCH_ALL = """async queries => {
    const out = []
    for (const q of queries) {
        loaded.length = 0
        out.push({items: (await engine.search(q)).items, loaded: [...loaded]})
    }
    return out
}"""


def _queries() -> list[str]:
    return [q["q"] for q in yaml.safe_load(QUERIES.read_text("utf-8"))] + EXTRA_QUERIES


def _run(js, real, queries, failing=(), fresh=True, **split) -> list[dict]:
    """Each query's items and the files it loaded, on an engine that loaded nothing before
    (fresh) or one shared by the queries."""
    manifest, files = _files(real, **split)
    if not fresh:
        js(LOAD, [manifest, files, list(failing)])
        return js(SEARCH_ALL, queries)
    out = []
    for query in queries:
        js(LOAD, [manifest, files, list(failing)])
        out += js(SEARCH_ALL, [query])
    return out


@pytest.mark.browser
def test_results_do_not_depend_on_the_split(js, real):
    queries = _queries()
    whole = _run(js, real, queries, fresh=False, shards=1, block=100_000)
    assert sum(bool(r["items"]) for r in whole) > 100
    for split in ({"shards": 13, "block": 7}, {"shards": 50, "block": 2}):
        parts = _run(js, real, queries, fresh=False, **split)
        differ = [
            q for q, a, b in zip(queries, whole, parts, strict=True) if a["items"] != b["items"]
        ]
        assert differ == [], split


def _query_terms(norm: str) -> set[str]:
    """search-core.js's queryTerms: bigrams of a CJK run (its character if alone), ASCII runs."""
    terms = set()
    for cjk, word in re.findall(search._RUNS, norm):
        if word:
            terms.add(word)
        elif len(cjk) == 1:
            terms.add(cjk)
        else:
            terms |= {cjk[i : i + 2] for i in range(len(cjk) - 1)}
    return terms


@pytest.mark.browser
def test_a_query_loads_only_what_it_needs(js, real):
    """The shards of its words' terms (their expansions' too), and the blocks of the documents
    those terms find; nothing else, not even tasks.json or units.json."""
    docs, _ = real
    split = {"shards": 13, "block": 7}
    manifest, files = _files(real, **split)
    expansions = manifest["expansions"]
    holding: dict[str, set[int]] = {}  # term → the refs of the documents that hold it
    for ref, doc in enumerate(docs):
        for tokens in search._field_tokens(doc):
            for t in tokens:
                holding.setdefault(t, set()).add(ref)
    queries = ["失业保险", "人社局", "大学生", "就業 統計", "23", "培训 人社局"]
    for query, result in zip(queries, _run(js, real, queries, **split), strict=True):
        shards, blocks = set(), set()
        for word in search.normalize(query).split():
            for form in [word, *expansions.get(word, [])]:
                terms = _query_terms(form)
                shards |= {f"t{search.shard_of(t, 13)}.json" for t in terms}
                found = set.intersection(*(holding.get(t, set()) for t in terms))
                blocks |= {f"d{ref // 7}.json" for ref in found}
        loaded = set(result["loaded"])
        assert {n for n in loaded if n.startswith("t")} == shards, query
        shown = {item["location"] for group in result["items"] for item in group}
        refs = {ref for ref, doc in enumerate(docs) if doc.location in shown}
        assert {f"d{ref // 7}.json" for ref in refs} <= loaded, query
        assert {n for n in loaded if n.startswith("d")} <= blocks | {
            f"d{manifest['pages']['notice/'] // 7}.json"
        }, query
        assert not loaded & {"tasks.json", "units.json"}
    # Typing on: what is loaded stays loaded.
    js(LOAD, [manifest, files, []])
    first, again = js(SEARCH_ALL, ["失业保险", "失业保险 补贴"])
    assert first["loaded"] and not set(again["loaded"]) & set(first["loaded"])


@pytest.mark.browser
def test_a_file_that_fails_is_logged_and_the_query_answered(js, real):
    split = {"shards": 13, "block": 7}
    query = "失业保险"
    [whole] = _run(js, real, [query], **split)
    found = sorted(item["location"] for group in whole["items"] for item in group)
    # A shard: its term no longer narrows the candidates, but the words are still checked as
    # written in each document, so the same documents are found.
    shard = f"t{search.shard_of('业保', 13)}.json"
    logged = len(js.logged)
    [without] = _run(js, real, [query], failing=[shard], **split)
    assert sorted(i["location"] for g in without["items"] for i in g) == found
    assert any(f"cannot load {shard}" in line for line in js.logged[logged:])
    # A block: its documents are left out.
    block = next(n for n in whole["loaded"] if n.startswith("d"))
    [partial] = _run(js, real, [query], failing=[block], **split)
    shown = [i["location"] for g in partial["items"] for i in g]
    assert shown and set(shown) < set(found)
    # Every file failing: an empty answer, not an exception, and not a hang.
    manifest, files = _files(real, **split)
    [nothing] = _run(js, real, [query], failing=list(files), **split)
    assert nothing["items"] == []
    # A failed file is asked for again by the next query.
    js(LOAD, [manifest, files, [shard]])
    [failed] = js(SEARCH_ALL, [query])
    js("() => { window.failing = [] }")
    [retried] = js(SEARCH_ALL, [query])
    assert shard in failed["loaded"] and retried["loaded"] == [shard]
    assert retried["items"] == whole["items"]
