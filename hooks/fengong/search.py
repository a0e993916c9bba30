"""The search index: documents from the model, a tokeniser for Chinese, and the files to publish.

The browser half lives in theme/assets/javascripts/fengong/search-core.js; its `tokenize` must
give exactly the tokens this module's does (tests/test_search_tokenize.py holds them together).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from functools import cache
from importlib import resources
from typing import Literal

from lunr.builder import Builder

from . import paths
from .model import Site, Task
from .numerals import to_chinese

INDEX_FILE = "search/fengong-index.json"
FORMAT = 1  # bump when the JSON's shape changes; the worker refuses other versions

Kind = Literal["task", "unit", "clause", "part", "notice", "page"]

# lunr field boosts. The worker ranks by which field a query word was found in first (title,
# then names, then partners, then text) and by lunr's score only within that order, so these
# boosts only break ties; they follow the same order.
FIELDS: dict[str, int] = {"title": 10, "names": 6, "partners": 3, "text": 1}

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
            tokens.extend(cjk[i : i + 2] for i in range(len(cjk) - 1))
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
    aliases: tuple[str, ...] = ()  # query words that also search for this title (人社局)
    # (a date as people type it, the words of the text that say it): 2020年12月31日 and
    # 2020-12-31 also search for "2020年1月1日至12月31日", where the year is written once.
    dates: tuple[tuple[str, str], ...] = ()
    task: int | None = None  # the task number that 23, 任务23 or 第23项 brings first
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


def documents(site: Site) -> list[SearchDoc]:
    """Tasks (removed ones too), units, clauses, parts and the notice's paragraphs."""
    docs: list[SearchDoc] = []
    for task in site.tasks:
        names = _unique(n for a in task.lead for n in (a.written, a.unit.name))
        partners = _unique(n for a in task.partners for n in (a.written, a.unit.name))
        docs.append(
            SearchDoc(
                location=paths.item_url(task),
                title=f"任务{task.number}",
                text=task.text,
                kind="task",
                names=names,
                partners=tuple(n for n in partners if n not in names),
                task=task.number,
                dates=_date_forms(task),
                facets=_facets(site, task),
            )
        )
    for removed in site.removed_tasks:
        # Its page stays; its number now belongs to another task, so `task` is not set.
        docs.append(
            SearchDoc(
                location=paths.item_url(removed),
                title=f"任务{removed.number}（已删除）",
                text=removed.text,
                kind="task",
                boost=KIND_BOOST["removed"],
                partners=_unique(removed.units),
            )
        )
    for unit in site.units:
        other_names = tuple(
            n for n in _unique((unit.full_name, *unit.aliases, *unit.written_as)) if n != unit.name
        )
        docs.append(
            SearchDoc(
                location=paths.item_url(unit),
                title=unit.name,
                text="；".join(filter(None, (unit.kind_label, unit.notes))),
                kind="unit",
                names=other_names,
                aliases=other_names,
            )
        )
    # Clauses and parts titled as their pages are, numbered as the notice numbers them.
    for clause in site.clauses:
        title = f"（{to_chinese(clause.number)}）{clause.title}"
        docs.append(SearchDoc(location=paths.item_url(clause), title=title, text="", kind="clause"))
    for part in site.parts:
        title = f"{to_chinese(part.number)}、{part.title}"
        docs.append(SearchDoc(location=paths.item_url(part), title=title, text="", kind="part"))
    docs.extend(_notice_documents(site))
    return docs


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
    page = paths.url_of(paths.NOTICE)
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
    docs: list[SearchDoc], synonyms: Mapping[str, Iterable[str]] | None = None
) -> dict[str, bytes]:
    """The files to publish, by site path: the lunr index with what the worker shows and checks.

    `synonyms` maps a word people type to words the notice uses (大学生 → [高校毕业生]); a query
    word equal to a key also searches for its values. Same input, same bytes.
    """
    builder = Builder()  # no pipeline: tokens are final, and lunr.js's trimmer strips Han
    builder.ref("id")
    for name, boost in FIELDS.items():
        builder.field(name, boost=boost)
    for i, doc in enumerate(docs):
        fields = {
            "title": [doc.title],
            "names": doc.names,
            "partners": doc.partners,
            "text": [doc.text],
        }
        builder.add(
            {"id": str(i)} | {k: [t for v in vs for t in tokenize(v)] for k, vs in fields.items()},
            {"boost": doc.boost},
        )
    expansions = _expansions(docs, synonyms or {})
    data = {
        "format": FORMAT,
        "index": builder.build().serialize(),
        "docs": [_shown(doc) for doc in docs],
        "expansions": expansions,
        "t2s": _t2s_needed(docs, expansions),
    }
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return {INDEX_FILE: text.encode("utf-8")}


def _shown(doc: SearchDoc) -> dict[str, object]:
    """What the worker needs of a document, leaving out empty fields to keep the file small."""
    shown = {
        "location": doc.location,
        "title": doc.title,
        "text": doc.text,
        "kind": doc.kind,
        "names": list(doc.names),
        "partners": list(doc.partners),
        "task": doc.task,
        "heading": doc.heading,
        "facets": doc.facets and {k: v for k, v in asdict(doc.facets).items() if v},
    }
    return {k: v for k, v in shown.items() if v or k in ("location", "title", "kind")}


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
    searched = [doc.title + "".join(doc.names + doc.partners) + doc.text for doc in docs]
    searched += [word + "".join(targets) for word, targets in expansions.items()]
    chars = set(normalize("".join(searched)))
    return {t: s for t, s in sorted(t2s_table().items()) if s in chars}


def _unique(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(n for n in names if n))
