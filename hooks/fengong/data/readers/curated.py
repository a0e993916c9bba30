"""tags.yaml, targets.yaml, synonyms.yaml and document.yaml: the small curated files, each
optional."""

from __future__ import annotations

from pathlib import Path

from ...model import Source, Tag
from ...problems import Problem
from .. import messages
from ..records import DocumentFacts, TargetRecord
from ..shapes import DOCUMENT, SYNONYMS, TAGS, TARGETS
from .common import duplicates, line_of, read_checked


def read_tags(path: Path, shown: str) -> tuple[tuple[Tag, ...], list[Problem]]:
    document, problems = read_checked(path, shown, TAGS)
    if document is None:
        return (), problems
    entries = document["tags"]
    problems = duplicates(
        entries,
        lambda t: t["id"],
        shown,
        lambda t, first: messages.TAG_TWICE.format(id=t["id"], first=first),
    )
    tags = tuple(
        Tag(
            id=t["id"],
            name=t["name"],
            keywords=tuple(t["keywords"]),
            source=Source(shown, line_of(t)),
        )
        for t in entries
    )
    return tags, problems


def read_targets(path: Path, shown: str) -> tuple[tuple[TargetRecord, ...], list[Problem]]:
    document, problems = read_checked(path, shown, TARGETS)
    if document is None:
        return (), problems
    entries = document["targets"]
    problems = duplicates(
        entries,
        lambda t: t["label"],
        shown,
        lambda t, first: messages.TARGET_TWICE.format(label=t["label"], first=first),
    )
    targets = tuple(
        TargetRecord(
            label=t["label"],
            quote=t["quote"],
            value=t["value"],
            unit=t["unit"],
            bound=t["bound"],
            source=Source(shown, line_of(t)),
        )
        for t in entries
    )
    return targets, problems


def read_synonyms(path: Path, shown: str) -> tuple[dict[str, tuple[str, ...]], list[Problem]]:
    """A word people type → the words the notice uses. A word written twice is a YAML error
    (duplicate key), reported by the parser."""
    document, problems = read_checked(path, shown, SYNONYMS)
    if document is None:
        return {}, problems
    return {str(word): tuple(words) for word, words in document["synonyms"].items()}, []


def read_document(path: Path, shown: str) -> tuple[DocumentFacts, list[Problem]]:
    """What the notice's text does not say about it: when it was published, where the
    official original is, whether it is still in force. An empty file says nothing."""
    document, problems = read_checked(path, shown, DOCUMENT)
    if document is None:
        return DocumentFacts(source=Source(shown)), problems
    return (
        DocumentFacts(
            published=document.get("published") or "",
            official_url=document.get("official_url") or "",
            in_force=document.get("in_force"),
            repealed_on=document.get("repealed_on") or "",
            replaced_by=document.get("replaced_by") or "",
            basis=tuple(document.get("basis") or ()),
            lines=_key_lines(path, document),
            source=Source(shown),
        ),
        [],
    )


def _key_lines(path: Path, document) -> dict[str, int]:
    """The line of each top-level key: document.yaml is one flat mapping, and YAML keeps no
    line for a scalar value, so the key is found at the start of its line."""
    lines = {}
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        key = text.split(":", 1)[0]
        if key in document and key not in lines and not text.startswith((" ", "#")):
            lines[key] = number
    return lines
