"""A QR symbol's modules for an address: segno's symbol (level M, raised as far as the
version allows, mask 0), with the work every symbol of a version shares done once.

segno places each symbol's bits by walking its matrix and masks it module by module: two
thirds of its time, the same for every symbol of a version. Both depend only on the
version, level and mask, and the mask is an XOR, so a symbol is its layout's blank (every
data bit 0, masked, with its format and version information) with the modules of its 1
bits flipped. The bits themselves (segments, padding, Reed-Solomon) are segno's, by the
steps segno.encoder._encode takes; tests/test_qr.py compares the modules with
segno.make_qr's.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from operator import itemgetter

from segno import consts
from segno import encoder as segno_encoder

ERROR = consts.ERROR_LEVEL_M
MASK = 0  # any mask is valid; choosing the best of eight took 90% of segno's time


@dataclass(frozen=True, slots=True)
class Layout:
    """Where a version's bits go: its blank symbol and each bit's module."""

    size: int  # modules a side, without the quiet zone
    blank: bytes  # the symbol with every bit 0, row after row (1 = dark)
    # The bit each module shows, row after row: the final message's bits with one 0 after
    # them → the modules' (a function pattern's module shows that 0: it stays blank's).
    scatter: itemgetter


def modules(url: str) -> tuple[bytes, ...]:
    """The symbol of an address as rows of modules (1 = dark), equal to
    segno.make_qr(url, error="m", mask=0).matrix."""
    segments = segno_encoder.prepare_data(url, None, None)
    version = segno_encoder.find_version(segments, ERROR, eci=False, micro=False)
    error = segno_encoder.boost_error_level(version, ERROR, segments, eci=False)
    layout = layout_of(version, error)
    bits = layout.scatter(_message(segments, version, error) + b"\0")
    symbol = _xor(layout.blank, bytes(bits))
    size = layout.size
    return tuple(bytes(symbol[i : i + size]) for i in range(0, size * size, size))


def _message(segments, version: int, error: int) -> bytearray:
    """The final message's bits: data, terminator, padding, then the interleaved data and
    error correction codewords and the remainder bits (ISO/IEC 18004 7.4 to 7.6)."""
    buff = segno_encoder.Buffer()
    ver_range = segno_encoder.version_range(version)
    for segment in segments:
        segno_encoder.write_segment(buff, segment, None, ver_range, eci=False)
    capacity = consts.SYMBOL_CAPACITY[version][error]
    segno_encoder.write_terminator(buff, capacity, None, len(buff))
    segno_encoder.write_padding_bits(buff, version, len(buff))
    segno_encoder.write_pad_codewords(buff, version, capacity, len(buff))
    return segno_encoder.make_final_message(version, error, buff).getbits()


@cache
def layout_of(version: int, error: int) -> Layout:
    """A version's layout, by segno's own placement, mask and format information."""
    size = segno_encoder.calc_matrix_size(version)

    def function_patterns() -> tuple[bytearray, ...]:
        matrix = segno_encoder.make_matrix(size, size)  # free modules hold 0x2
        segno_encoder.add_finder_patterns(matrix, size, size)
        segno_encoder.add_alignment_patterns(matrix, size, size)
        return matrix

    # Placing bit numbers instead of bits tells where each bit goes: segno fills each free
    # module (0x2) once, in its order, and never reads back what it wrote.
    probe = [list(row) for row in function_patterns()]
    free = sum(row.count(0x2) for row in probe)
    segno_encoder.add_codewords(probe, [(k,) for k in range(free)], version)
    shown = [cell[0] if isinstance(cell, tuple) else free for row in probe for cell in row]

    blank = function_patterns()
    segno_encoder.add_codewords(blank, bytes(free), version)
    mask, blank = segno_encoder.find_and_apply_best_mask(blank, size, size, MASK)
    segno_encoder.add_format_info(blank, version, error, mask)
    segno_encoder.add_version_info(blank, version)
    return Layout(size=size, blank=b"".join(blank), scatter=itemgetter(*shown))


def _xor(a: bytes, b: bytes) -> bytes:
    """Two module strings XORed module by module (as two big integers: one C loop)."""
    return (int.from_bytes(a) ^ int.from_bytes(b)).to_bytes(len(a))
