"""The print sheets' QR codes: segno's symbols (qr_symbol) drawn as segno draws them (qr)."""

from __future__ import annotations

import re

import pytest
import segno
from fengong.pages import qr
from fengong.pages.qr_symbol import modules

SITE = "https://example.org/fengong/"
# Addresses as the sheets show them, and longer, shorter and non-ASCII ones: versions 1 to
# 11 and each level segno raises M to.
ADDRESSES = (
    [f"{SITE}units/qu-{'x' * (i % 17)}-ju/" for i in range(60)]
    + [f"{SITE}notices/n{i}/tasks/{i * 7}/" for i in range(100)]
    + [f"{SITE}{'p' * n}/" for n in range(0, 220, 5)]
    + [f"https://例子.中国/通知/{i}/" for i in range(10)]
    + ["q" * n for n in range(1, 30)]
)


def drawn(path: str, side: int, border: int) -> tuple[bytes, ...]:
    """The modules a dark_path draws: each h draws a line through the middle of a row."""
    grid = [bytearray(side) for _ in range(side)]
    x = y = 0.0
    for move, dx, dy, length in re.findall(r"([Mm])(-?\d+) (-?\d+(?:\.5)?)h(\d+)", path):
        x, y = (float(dx), float(dy)) if move == "M" else (x + float(dx), y + float(dy))
        row, column = int(y - 0.5) - border, int(x) - border
        assert y % 1 == 0.5 and row in range(side) and column >= 0
        grid[row][column : column + int(length)] = b"\x01" * int(length)
        x += int(length)
    assert all(len(row) == side for row in grid)  # no line past the right edge
    return tuple(map(bytes, grid))


def segno_svg(url: str) -> str:
    """What the sheets showed before: segno's own writer."""
    code = segno.make_qr(url, error="m", mask=0)
    return code.svg_inline(scale=1, border=2, omitsize=True, svgclass="fg-qr", light="#fff")


def test_the_sample_spans_versions_and_levels():
    codes = [segno.make_qr(url, error="m", mask=0) for url in ADDRESSES]
    assert len(ADDRESSES) >= 200
    assert {code.version for code in codes} >= set(range(1, 12))
    assert {code.error for code in codes} >= {"M", "Q", "H"}


@pytest.mark.parametrize("url", ADDRESSES)
def test_modules_are_segnos_symbol(url):
    assert modules(url) == tuple(map(bytes, segno.make_qr(url, error="m", mask=0).matrix))


@pytest.mark.parametrize("url", ADDRESSES)
def test_the_path_draws_the_symbols_modules(url):
    rows = modules(url)
    assert drawn(qr.dark_path(rows, 2), len(rows), 2) == rows


@pytest.mark.parametrize("url", ADDRESSES)
def test_a_code_is_segnos_svg_byte_for_byte(url):
    assert qr.svg(url) == segno_svg(url)


@pytest.mark.parametrize(
    ("rows", "border", "path"),
    [
        # one line; the first move is absolute, through the middle of the row
        ([b"\1"], 0, "M0 0.5h1"),
        ([b"\0\1\1"] * 3, 1, "M2 1.5h2m-2 1h2m-2 1h2"),
        # two lines in a row: the move is from the end of the last one
        ([b"\1\0\0\1\1"] + [b"\0" * 5] * 4, 2, "M2 2.5h1m2 0h2"),
        # a row without a dark module: the next line is two rows down
        ([b"\1\0\0", b"\0\0\0", b"\0\1\0"], 2, "M2 2.5h1m0 2h1"),
        # a line to the right edge, then one at the left edge of the next row
        ([b"\0\1\1", b"\1\0\1", b"\0\0\0"], 1, "M2 1.5h2m-3 1h1m1 0h1"),
        # the first rows without a dark module: the first line starts lower
        ([b"\0\0\0", b"\0\0\0", b"\0\0\1"], 2, "M4 4.5h1"),
        # a whole row dark
        ([b"\1\1\1", b"\1\1\1", b"\0\1\0"], 4, "M4 4.5h3m-3 1h3m-2 1h1"),
        # nothing dark: nothing drawn
        ([b"\0\0", b"\0\0"], 2, ""),
    ],
)
def test_dark_path(rows, border, path):
    assert qr.dark_path(rows, border) == path
    assert drawn(path, len(rows), border) == tuple(rows)


def test_the_svg_keeps_the_pages_markup():
    code = str(qr.svg(SITE + "units/renshe/"))
    side = len(modules(SITE + "units/renshe/")) + 2 * qr.BORDER
    light = f'<path fill="#fff" d="M0 0h{side}v{side}h-{side}z"/>'
    assert code.startswith(f'<svg viewBox="0 0 {side} {side}" class="fg-qr">{light}')
    assert code.endswith('"/></svg>') and '<path class="qrline" stroke="#000" d="M' in code
