"""The search index: documents from the model, a tokeniser for Chinese, and the files to publish.

The browser half lives in theme/assets/javascripts/fengong/search-core.js; its `tokenize` must
give exactly the tokens of this module's, and its `tokenHash` the hashes of `token_hash`
(tests/test_search_tokenize.py and tests/test_search_index.py hold them together).

The index is split so that a query loads only what it needs (index_files says how): a small
manifest, term shards (lunr postings, each index term in the shard its hash names) and blocks
of documents (what results show), each fetched by the browser when a query first needs it.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import unicodedata
from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from itertools import chain, repeat
from operator import add, floordiv, mod, sub
from typing import Literal

from lunr.builder import Builder

from ..model import Clause, Library, Part, Site, Task
from ..numerals import to_chinese
from . import paths
from .standing import standing

INDEX_FILE = "search/fengong-index.json"  # the manifest: the browser loads it first
FILES_DIR = "search/fengong"  # the shards, document blocks, facets and units it names
FORMAT = 3  # bump when a file's shape changes; the browser refuses other versions

# The sizes (bytes of JSON, before compression) the number of term shards and the documents
# per block are chosen for: about 20 KB and 45 KB gzipped. A query loads one shard per term
# (a term's postings are never split), so smaller shards waste fewer bytes; but it needs the
# block of every document its terms find, and at scale most queries find documents in most
# blocks, so larger blocks compress better and mean fewer requests (scripts/bench_search.py
# measures both; scripts/bench-search-results.md).
TERM_SHARD_BYTES = 64_000
DOC_BLOCK_BYTES = 256_000

Kind = Literal["task", "unit", "clause", "part", "notice", "page"]

# lunr field boosts. The worker ranks by which field a query word was found in first (title,
# then names, then partners, then text, then context) and by lunr's score only within that
# order, so these boosts only break ties; they follow the same order. `context` is what a
# task inherits: the titles of its clause and part (a reader looking for 高校毕业生 wants the
# tasks of （十三）稳定高校毕业生等青年就业), found after every task whose own words match.
FIELDS: dict[str, float] = {"title": 10, "names": 6, "partners": 3, "text": 1, "context": 0.5}

# Among documents where the query's words sit in the same fields: notice paragraphs repeat
# words that tasks and units own, so those pages come first; tasks a revision removed, last.
KIND_BOOST: dict[str, float] = {"notice": 0.8, "page": 0.8, "removed": 0.5}

# Notice blocks that have a page of their own (and so a document of their own), and the block
# kinds that head the paragraphs after them.
_BLOCKS_WITH_PAGES = frozenset({"task", "part", "clause", "title"})
_HEADING_BLOCKS = frozenset({"doc_number", "section", "annex_title"})

# CJK ideographs: 〇, Extension A, the URO, compatibility ideographs, and planes 2-3 (Extension B
# onwards). The JS tokeniser uses the same ranges; change both together.
_CJK = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
_RUNS = re.compile(f"([{_CJK}]+)|([a-z0-9]+)")


@cache
def t2s_table() -> dict[str, str]:
    """Traditional → simplified, one character for one, from OpenCC's own t2s dictionary.

    OpenCC('t2s') also converts phrases (longest match in TSPhrases.txt); the browser would
    need that dictionary and the same segmentation to give the same tokens. Per character, this
    table and OpenCC('t2s').convert agree on every entry; where a character has several
    simplified forms the first (OpenCC's choice) is taken.
    """
    text = resources.files("opencc").joinpath("dictionary/TSCharacters.txt").read_text("utf-8")
    table = {}
    for line in text.splitlines():
        traditional, simplified = line.split("\t")
        first = simplified.split(" ")[0]
        if first != traditional:
            table[traditional] = first
    return table


@cache
def _t2s_ord() -> dict[int, str]:
    return {ord(k): v for k, v in t2s_table().items()}


def normalize(text: str) -> str:
    """NFKC (full-width → half-width), lower case, traditional → simplified."""
    return unicodedata.normalize("NFKC", text).lower().translate(_t2s_ord())


def tokenize(text: str) -> list[str]:
    """Index terms: each run of CJK gives its characters, then its overlapping bigrams;
    each run of ASCII letters and digits is one word; everything else separates."""
    tokens: list[str] = []
    for cjk, word in _RUNS.findall(normalize(text)):
        if word:
            tokens.append(word)
        else:
            tokens.extend(cjk)
            tokens.extend(map(add, cjk, cjk[1:]))  # each character and the next
    return tokens


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchDoc:
    """One search result: a page, or a paragraph of /notice/ (location with #L<line>)."""

    location: str  # site-relative URL, as paths gives it
    title: str  # the result's heading; searched, the strongest field
    text: str  # the teaser; searched as the body
    kind: Kind
    boost: float = 1.0  # lunr document boost
    names: tuple[str, ...] = ()  # a task's lead units (牵头单位); a unit's other names
    partners: tuple[str, ...] = ()  # a task's other responsible units
    context: tuple[str, ...] = ()  # a task's part and clause, as titled: 三、促进…, （十三）稳定…
    aliases: tuple[str, ...] = ()  # query words that also search for this title (人社局)
    # (a date as people type it, the words of the text that say it): 2020年12月31日 and
    # 2020-12-31 also search for "2020年1月1日至12月31日", where the year is written once.
    dates: tuple[tuple[str, str], ...] = ()
    task: int | None = None  # the task number that 23, 任务23 or 第23项 brings first
    unit: str | None = None  # a unit's id (its URL); units.json lists them for the finder
    heading: str = ""  # shown when title is empty (a paragraph's section); not searched
    facets: TaskFacets | None = None  # a current task's filters on /tasks/ (the worker ignores)


@dataclass(frozen=True, slots=True, kw_only=True)
class TaskFacets:
    """What the task index (/tasks/, task-index.js) filters a task by: ids, not names."""

    part: int | None
    clause: str | None  # the clause's slug
    lead: tuple[str, ...]  # unit ids of the lead units (牵头单位)
    partners: tuple[str, ...]  # unit ids of the other responsible units
    tags: tuple[str, ...]  # tag ids (target groups)
    dated: bool  # the text names a date, deadline or period
    status: str = "none"  # its current status's key (落实情况, fengong.pages.standing)
    notice: str = ""  # its notice's slug, in a library (the notice facet); "" alone


@dataclass(frozen=True, slots=True, kw_only=True)
class Outline:
    """A notice's parts and clauses as the part and clause filters of /tasks/ offer them: a
    library's index of every notice loads the chosen notice's (search/fengong/n<i>.json)."""

    slug: str
    parts: tuple[tuple[int, str], ...]  # (number, 一、title)
    clauses: tuple[tuple[str, int | None, str], ...]  # (slug, part number, （一）title)


def documents(site: Site) -> list[SearchDoc]:
    """Tasks (removed ones too), units, clauses, parts and the notice's paragraphs."""
    docs: list[SearchDoc] = []
    slug = site.notice.slug  # in a library, its pages are under notices/<slug>/
    for task in site.tasks:
        names = _unique(n for a in task.lead for n in (a.written, a.unit.name))
        partners = _unique(n for a in task.partners for n in (a.written, a.unit.name))
        docs.append(
            SearchDoc(
                location=paths.item_url(task, slug),
                title=f"任务{task.number}",
                text=task.text,
                kind="task",
                names=names,
                partners=tuple(n for n in partners if n not in names),
                context=_context(site, task),
                task=task.number,
                dates=_date_forms(task),
                facets=_facets(site, task),
            )
        )
    for removed in site.removed_tasks:
        # Its page stays; its number now belongs to another task, so `task` is not set.
        docs.append(
            SearchDoc(
                location=paths.item_url(removed, slug),
                title=f"任务{removed.number}（已删除）",
                text=removed.text,
                kind="task",
                boost=KIND_BOOST["removed"],
                partners=_unique(removed.units),
            )
        )
    for unit in site.units:
        # A group's members (各镇街 → 龙水镇) find the group: the town's staff search for it.
        names = (unit.full_name, *unit.aliases, *unit.written_as, *unit.members)
        other_names = tuple(n for n in _unique(names) if n != unit.name)
        docs.append(
            SearchDoc(
                location=paths.item_url(unit),
                title=unit.name,
                text="；".join(filter(None, (unit.kind_label, unit.notes))),
                kind="unit",
                names=other_names,
                aliases=other_names,
                unit=unit.id,
            )
        )
    # Clauses and parts titled as their pages are, numbered as the notice numbers them.
    for clause in site.clauses:
        title = clause_title(clause)
        docs.append(
            SearchDoc(location=paths.item_url(clause, slug), title=title, text="", kind="clause")
        )
    for part in site.parts:
        title = part_title(part)
        docs.append(
            SearchDoc(location=paths.item_url(part, slug), title=title, text="", kind="part")
        )
    docs.extend(_notice_documents(site))
    return docs


def library_documents(library: Library) -> list[SearchDoc]:
    """One index for every notice of a library: each notice's documents at its pages
    (notices/<slug>/…), each unit once, at its one page."""
    docs: list[SearchDoc] = []
    seen: set[str] = set()
    for site in library.sites:
        # A hit says which notice it is in: the result's title names it (任务5（国发〔2018〕39号）).
        name = site.notice.doc_number or site.notice.title
        for doc in documents(site):
            if doc.kind == "unit":
                if doc.location in seen:
                    continue
                seen.add(doc.location)
                docs.append(doc)
            elif doc.title:
                docs.append(replace(doc, title=f"{doc.title}（{name}）"))
            else:
                docs.append(replace(doc, heading=f"{doc.heading}（{name}）"))
    return docs


def outline(site: Site) -> Outline:
    return Outline(
        slug=site.notice.slug,
        parts=tuple((part.number, part_title(part)) for part in site.parts),
        clauses=tuple((c.slug, c.part, clause_title(c)) for c in site.clauses),
    )


def library_index_files(library: Library) -> dict[str, bytes]:
    """The index of a library (index_files): every notice's documents, and the notice
    facet's files, each notice's outline and its place in tasks.json."""
    outlines = [outline(site) for site in library.sites]
    return index_files(library_documents(library), dict(library.synonyms), outlines=outlines)


def clause_title(clause: Clause) -> str:
    return f"（{to_chinese(clause.number)}）{clause.title}"


def part_title(part: Part) -> str:
    return f"{to_chinese(part.number)}、{part.title}"


def _context(site: Site, task: Task) -> tuple[str, ...]:
    """The titles a task sits under, its part then its clause: the words it inherits."""
    clause, part = site.clause_of(task), site.part(task.part)
    return tuple(
        title for title in (part and part_title(part), clause and clause_title(clause)) if title
    )


def _date_forms(task: Task) -> tuple[tuple[str, str], ...]:
    """Each date a task mentions, as 2020年12月31日 and 2020-12-31, → the words that say it."""
    forms = []
    for mention in task.dates:
        for iso in filter(None, (mention.start, mention.end)):
            year, month, day = (int(part) for part in iso.split("-"))
            written = f"{year}年{month}月{day}日"
            said = written if written in mention.quote else mention.quote
            forms += [(typed, said) for typed in (written, iso) if typed != said]
    return tuple(dict.fromkeys(forms))


def _facets(site: Site, task: Task) -> TaskFacets:
    lead = _unique(a.unit.id for a in task.lead)
    return TaskFacets(
        part=task.part,
        clause=clause.slug if (clause := site.clause_of(task)) else None,
        lead=lead,
        partners=tuple(u for u in _unique(a.unit.id for a in task.partners) if u not in lead),
        tags=tuple(tag.id for tag in task.tags),
        dated=bool(task.dates),
        status=standing(site).of(task).key,
        notice=site.notice.slug,
    )


def page_document(src_uri: str, title: str, text: str = "") -> SearchDoc:
    """A page the model does not describe (about.md, an index page), by its title and plain text."""
    return SearchDoc(
        location=paths.url_of(src_uri),
        title=title,
        text=text,
        kind="page",
        boost=KIND_BOOST["page"],
    )


def _notice_documents(site: Site) -> Iterable[SearchDoc]:
    """The notice page, then each block that has no page of its own, at its anchor.

    The worker groups results by page as Material does, and heads each group with the page
    itself (its location without '#'), so the notice page must be a document too.
    """
    page = paths.url_of(paths.in_notice(site.notice.slug, paths.NOTICE))
    boost = KIND_BOOST["notice"]
    yield SearchDoc(location=page, title=site.notice.title, text="", kind="notice", boost=boost)
    heading = ""
    for block in site.blocks:
        if block.kind in _BLOCKS_WITH_PAGES or not block.text.strip():
            continue
        location = f"{page}#{paths.notice_anchor(block)}"
        if block.kind in _HEADING_BLOCKS:
            heading = block.text
            yield SearchDoc(
                location=location, title=block.text, text="", kind="notice", boost=boost
            )
        else:
            yield SearchDoc(
                location=location,
                title="",
                text=block.text,
                kind="notice",
                boost=boost,
                heading=heading,
            )


def index_files(
    docs: list[SearchDoc],
    synonyms: Mapping[str, Iterable[str]] | None = None,
    *,
    shards: int | None = None,
    block: int | None = None,
    outlines: Sequence[Outline] = (),
) -> dict[str, bytes]:
    """The files to publish, by site path: the manifest (INDEX_FILE) and the files it names.

    `synonyms` maps a word people type to words the notice uses (大学生 → [高校毕业生]); a query
    word equal to a key also searches for its values. `shards` (term shards) and `block`
    (documents per block) are chosen from the data unless given (the tests give them). Same
    input, same bytes.

    - search/fengong-index.json, the manifest, loaded first: format, version (a hash of every
      other file, added to their URLs so a new build is never read from a stale cache),
      shard count and block size, the task numbers, expansions and the t2s table;
    - search/fengong/t<k>.json, term shard k: every index term t with shard_of(t) == k, and its
      postings with lunr's scores (_term_entries); for each query the browser builds a lunr
      index of the documents holding its terms from them (search-core.js, candidateIndex);
    - search/fengong/d<b>.json, documents b×block … (b+1)×block-1: what results show and what
      the containment check reads;
    - search/fengong/tasks.json, the current tasks' facets for the filters on /tasks/;
      search/fengong/units.json, every unit's names, for /tasks/ and the finder on /units/;
    - in a library (outlines, one per notice), search/fengong/n<i>.json, notice i's parts and
      clauses, and tasks.json names each task's notice (the notice facet).
    """
    # Each entry and record is encoded once: its length chooses the split, its bytes go into
    # its file.
    entries = {term: _json(entry) for term, entry in _term_entries(docs).items()}
    if shards is None:
        total = sum(map(len, entries.values()))
        shards = max(1, round(total / TERM_SHARD_BYTES))
    by_shard: list[dict[str, bytes]] = [{} for _ in range(shards)]
    for term, entry in entries.items():
        by_shard[shard_of(term, shards)][term] = entry
    records = [_json(_shown(doc)) for doc in docs]
    if block is None:
        total = sum(map(len, records))
        block = -(-len(docs) // max(1, round(total / DOC_BLOCK_BYTES))) if docs else 1
    published = {
        f"{FILES_DIR}/t{k}.json": _json_object(
            {"format": _json(FORMAT), "terms": _json_object(terms)}
        )
        for k, terms in enumerate(by_shard)
    }
    for b, start in enumerate(range(0, len(docs), block)):
        shown = _json_array(records[start : start + block])
        published[f"{FILES_DIR}/d{b}.json"] = _json_object({"docs": shown, "format": _json(FORMAT)})
    files: dict[str, object] = {}
    units = _units(docs)
    files[f"{FILES_DIR}/units.json"] = {"format": FORMAT, "units": units}
    notices = [o.slug for o in outlines]
    facets = {"format": FORMAT, "tasks": _task_facets(docs, units, notices)}
    if notices:  # only a library's: the single layout's file stays as it was
        facets["notices"] = notices
    files[f"{FILES_DIR}/tasks.json"] = facets
    for i, o in enumerate(outlines):
        files[f"{FILES_DIR}/n{i}.json"] = {
            "format": FORMAT,
            "parts": [list(p) for p in o.parts],
            "clauses": [list(c) for c in o.clauses],
        }
    published.update((path, _json(data)) for path, data in files.items())
    version = hashlib.sha256()
    for path, content in sorted(published.items()):
        version.update(f"{path}\n{len(content)}\n".encode())
        version.update(content)
    expansions = _expansions(docs, synonyms or {})
    manifest = {
        "format": FORMAT,
        "version": version.hexdigest()[:12],
        "fields": list(FIELDS),
        "shards": shards,
        "docs": len(docs),
        "block": block,
        "tasks": _task_runs(docs),
        "pages": _pages(docs),
        "expansions": expansions,
        "t2s": _t2s_needed(docs, expansions),
    }
    return {INDEX_FILE: _json(manifest), **published}


def _json(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def _json_object(members: Mapping[str, bytes]) -> bytes:
    """_json of a dict, from its values' _json: the same bytes (sort_keys, the same separators)
    without encoding the values again."""
    pairs = (_json(key) + b":" + value for key, value in sorted(members.items()))
    return b"{" + b",".join(pairs) + b"}"


def _json_array(items: Iterable[bytes]) -> bytes:
    """_json of a list, from its items' _json."""
    return b"[" + b",".join(items) + b"]"


def shard_key(token: str) -> str:
    """What decides a token's shard: a token that begins with an ASCII letter, that letter, so
    that the tokens a prefix query expands to (gd → gdp, g20) share the prefix's shard; any
    other token, itself. (ASCII words are rare in these notices: the shards stay even.)"""
    return token[0] if "a" <= token[:1] <= "z" else token


def token_hash(text: str) -> int:
    """32-bit FNV-1a over the code points (not UTF-8 bytes, not UTF-16 units), then
    MurmurHash3's finaliser so that the low bits mix well. search-core.js has the same."""
    h = 0x811C9DC5
    for ch in text:
        h = ((h ^ ord(ch)) * 0x01000193) & 0xFFFFFFFF
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & 0xFFFFFFFF
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & 0xFFFFFFFF
    return h ^ (h >> 16)


def shard_of(token: str, shards: int) -> int:
    """The term shard that holds a token (an index term or a query term)."""
    return token_hash(shard_key(token)) % shards


def _field_tokens(doc: SearchDoc) -> list[list[str]]:
    """The doc's tokens per field, in FIELDS order."""
    return [[t for value in vs for t in tokenize(value)] for vs in _field_values(doc)]


def _field_values(doc: SearchDoc) -> tuple[tuple[str, ...], ...]:
    """The doc's searched strings per field, in FIELDS order."""
    return ((doc.title,), doc.names, doc.partners, (doc.text,), doc.context)


class _FieldCounts:
    """A field's number of tokens, its terms and their counts, by the field's strings.

    The same strings recur across thousands of documents (a unit's name in every task it
    leads, a notice's stock paragraphs in every notice), so each is tokenised and counted once
    per build.
    """

    def __init__(self) -> None:
        self._tokens: dict[str, list[str]] = {}
        self._counts: dict[tuple[str, ...], tuple[int, tuple[str, ...], tuple[int, ...]]] = {}

    def __call__(self, values: tuple[str, ...]) -> tuple[int, tuple[str, ...], tuple[int, ...]]:
        counted = self._counts.get(values)
        if counted is None:
            tokens = [t for value in values for t in self._tokenize(value)]
            tfs = Counter(tokens)
            counted = self._counts[values] = (len(tokens), tuple(tfs), tuple(tfs.values()))
        return counted

    def _tokenize(self, value: str) -> list[str]:
        tokens = self._tokens.get(value)
        if tokens is None:
            tokens = self._tokens[value] = tokenize(value)
        return tokens


class _Scores(dict):
    """One term's lunr scores in one field, in thousandths, by class * stride + tf, a class
    being a (length norm, document boost) pair: the documents of one length and boost share a
    score, so most postings are looked up, not computed (by map() over this dict, without a
    Python loop per posting)."""

    __slots__ = ("_boost", "_classes", "_idf", "_k1", "_stride")

    def __init__(
        self, idf: float, k1: float, boost: float, classes: list[tuple[float, float]], stride: int
    ) -> None:
        super().__init__()
        self._idf, self._k1, self._boost = idf, k1, boost
        self._classes, self._stride = classes, stride

    def __missing__(self, key: int) -> int:
        of_class, tf = divmod(key, self._stride)
        norm, doc_boost = self._classes[of_class]
        # lunr's BM25, its operations in its order (Builder._create_field_vectors).
        score = self._idf * ((self._k1 + 1) * tf) / (norm + tf)
        score *= self._boost
        score *= doc_boost
        # round(score, 3) is lunr's; × 1000 it is within far less than 0.5 of an integer
        self[key] = thousandths = int(round(score, 3) * 1000 + 0.5)
        return thousandths


def _term_entries(docs: list[SearchDoc]) -> dict[str, list[list[int]]]:
    """term → per field (FIELDS order) [ref, score, ref, score, …]: the documents whose field
    holds the term, refs ascending and delta-coded (each ref after the first is the gap from
    the one before), scores in thousandths.

    The scores are exactly lunr's (lunr.builder.Builder._create_field_vectors, BM25 with its
    k1, b, idf and rounding, field and document boosts; tests/test_search_index.py compares
    them), computed over the whole index, so a shard holds the same vectors, cut to its terms,
    as one index would: the browser's lunr ranks a shard's documents as it ranked them in one.
    """
    lunr = Builder()  # only for its parameters
    k1, b = lunr._k1, lunr._b
    count = _FieldCounts()
    counted = [[count(values) for values in _field_values(doc)] for doc in docs]
    n = len(docs)
    # A document's class in a field: its length norm there (lunr's, its operations in its
    # order: k1 * (1 - b + b * (length / average))) and its boost, which with a term's count
    # and idf make its score.
    classes: dict[tuple[float, float], int] = {}
    class_of = []  # [field][ref] → class
    for f in range(len(FIELDS)):
        lengths = [fields[f][0] for fields in counted]
        # A field no document has (no clauses or parts: no context) holds no term; its norms
        # are never read, but must not divide by zero.
        average = sum(lengths) / n or 1
        class_of.append(
            [
                classes.setdefault((k1 * (1 - b + b * (length / average)), doc.boost), len(classes))
                for length, doc in zip(lengths, docs, strict=True)
            ]
        )
    # A posting is one int, ref * per_ref + class * stride + tf (a term's count in a field is
    # at most the field's length, so below stride), appended by map() without a Python loop
    # per posting: there are millions.
    stride = max((fields[f][0] for fields in counted for f in range(len(FIELDS))), default=0) + 1
    per_ref = len(classes) * stride
    postings: list[defaultdict[str, list[int]]] = [defaultdict(list) for _ in FIELDS]
    for ref, fields in enumerate(counted):
        for f, (by_term, (_, terms, tfs)) in enumerate(zip(postings, fields, strict=True)):
            offset = repeat(ref * per_ref + class_of[f][ref] * stride)
            appends = map(list.append, map(by_term.__getitem__, terms), map(add, tfs, offset))
            deque(appends, maxlen=0)  # runs them
    boosts = list(FIELDS.values())
    by_class = list(classes)
    # A term's idf depends only on how many documents hold it, which many terms share: they
    # share their scores too, by field.
    scored: dict[tuple[int, int], _Scores] = {}
    entries = {}
    for term in sorted(set().union(*postings)):
        posting = [by_term.get(term, []) for by_term in postings]
        with_term = sum(map(len, posting))
        entry = []
        for f, packed in enumerate(posting):
            scores = scored.get((with_term, f))
            if scores is None:
                x = (n - with_term + 0.5) / (with_term + 0.5)
                idf = math.log(1 + abs(x))
                scores = scored[with_term, f] = _Scores(idf, k1, boosts[f], by_class, stride)
            refs = list(map(floordiv, packed, repeat(per_ref)))
            coded = [0] * (2 * len(refs))
            coded[0::2] = map(sub, refs, chain((0,), refs))
            coded[1::2] = map(scores.__getitem__, map(mod, packed, repeat(per_ref)))
            entry.append(coded)
        entries[term] = entry
    return entries


def _shown(doc: SearchDoc) -> dict[str, object]:
    """What the worker needs of a document, leaving out empty fields to keep the file small."""
    shown = {
        "location": doc.location,
        "title": doc.title,
        "text": doc.text,
        "kind": doc.kind,
        "names": list(doc.names),
        "partners": list(doc.partners),
        "context": list(doc.context),
        "heading": doc.heading,
    }
    return {k: v for k, v in shown.items() if v or k in ("location", "title", "kind")}


def _task_runs(docs: list[SearchDoc]) -> list[list[int]]:
    """The documents of current tasks as [first ref, first number, count] runs of consecutive
    refs and numbers: one run for a notice whose tasks are numbered 1…N in order."""
    runs: list[list[int]] = []
    for ref, doc in enumerate(docs):
        if doc.task is None:
            continue
        last = runs[-1] if runs else None
        if last and ref == last[0] + last[2] and doc.task == last[1] + last[2]:
            last[2] += 1
        else:
            runs.append([ref, doc.task, 1])
    return runs


def _pages(docs: list[SearchDoc]) -> dict[str, int]:
    """Page location → ref, for the pages whose anchors are documents (notice/ for notice/#L7):
    results are grouped by page, and such a group is headed by the page itself."""
    refs = {doc.location: ref for ref, doc in enumerate(docs)}
    pages = {doc.location.split("#")[0] for doc in docs if "#" in doc.location}
    return {page: refs[page] for page in sorted(pages) if page in refs}


def _units(docs: list[SearchDoc]) -> list[list[object]]:
    """[id, name, location, other names] of every unit, in the documents' order."""
    return [
        [doc.unit, doc.title, doc.location, list(doc.names)]
        for doc in docs
        if doc.kind == "unit" and doc.unit
    ]


def _task_facets(
    docs: list[SearchDoc], units: list[list[object]], notices: Sequence[str] = ()
) -> list[list[object]]:
    """[ref, part, clause, lead, partners, tags, dated, status] of every current task, in the
    notice's order; units as their positions in units.json, dated as 0 or 1, status as its
    key (done, on-track, behind, not-started, none); in a library, its notice's position
    in `notices` last."""
    position = {unit[0]: i for i, unit in enumerate(units)}
    in_list = {slug: i for i, slug in enumerate(notices)}
    return [
        [
            ref,
            f.part,
            f.clause,
            [position[u] for u in f.lead],
            [position[u] for u in f.partners],
            list(f.tags),
            int(f.dated),
            f.status,
            *((in_list[f.notice],) if notices else ()),
        ]
        for ref, doc in enumerate(docs)
        if (f := doc.facets) is not None
    ]


def _expansions(docs: list[SearchDoc], synonyms: Mapping[str, Iterable[str]]) -> dict:
    """Normalised query word → the other words it also searches for."""
    pairs = [(alias, doc.title) for doc in docs for alias in doc.aliases]
    pairs += [pair for doc in docs for pair in doc.dates]
    pairs += [(word, target) for word, targets in synonyms.items() for target in targets]
    expansions: dict[str, set[str]] = {}
    for word, target in pairs:
        word, target = normalize(word), normalize(target)
        if word and target and word != target:
            expansions.setdefault(word, set()).add(target)
    return {word: sorted(targets) for word, targets in sorted(expansions.items())}


def _t2s_needed(docs: list[SearchDoc], expansions: dict[str, list[str]]) -> dict[str, str]:
    """The t2s entries whose simplified character occurs in what can be found.

    Any other traditional character cannot lead to a match, converted or not, so leaving it out
    changes no result and keeps ~4,000 entries out of the download.
    """
    searched = [
        doc.title + "".join(doc.names + doc.partners + doc.context) + doc.text for doc in docs
    ]
    searched += [word + "".join(targets) for word, targets in expansions.items()]
    # Each distinct character normalised, not the whole text (millions of characters): the same
    # ideographs. Every simplified character is an ideograph (tests/test_search_tokenize.py),
    # and an ideograph in the normalised text comes from one character, its own or one that
    # decomposes to it (㈠, ⼀, 豈); no composition makes or takes one, whatever its neighbours.
    chars = set(normalize("".join(set("".join(searched)))))
    return {t: s for t, s in sorted(t2s_table().items()) if s in chars}


def _unique(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(n for n in names if n))
