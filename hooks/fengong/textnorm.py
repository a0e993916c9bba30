"""Normalisation for matching, one character for one: offsets in the normalised text
are offsets in the text as written, so parsers can match on one and slice the other."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from opencc import OpenCC

_T2S = OpenCC("t2s")


@lru_cache(maxsize=8192)
def _char(ch: str) -> str:
    folded = unicodedata.normalize("NFKC", ch)
    if len(folded) != 1:  # e.g. '…' → '...': keep the character as written
        folded = ch
    simplified = _T2S.convert(folded)
    return simplified if len(simplified) == 1 else folded


def normalise(text: str) -> str:
    """Full-width → half-width, traditional → simplified; same length as the input."""
    return "".join(_char(ch) for ch in text)
