"""Sizes and coordinates shared by the charts: text widths and the text of a coordinate."""

from __future__ import annotations

# px in SVG user units, as fengong.css sets them: the SVG keeps its natural size (a phone
# scrolls it sideways), and no text on the site is under 14 px.
FONT = 14
SMALL = 14


def text_width(text: str, size: float = FONT) -> float:
    """An estimate of the rendered width: Han characters and full-width punctuation take
    one em, everything else about 0.6 em. Used to size label columns, never to clip."""
    return sum(size if ord(c) >= 0x2E80 else size * 0.6 for c in text)


def px(value: float) -> str:
    """A coordinate as short, stable text: 12.0 → 12, 12.3456 → 12.35."""
    return f"{value:.2f}".rstrip("0").rstrip(".")
