"""Chinese numerals as notices number their parts and clauses: 一 … 十二 … 一百零五."""

from __future__ import annotations

_DIGITS = "零一二三四五六七八九"
_SMALL_UNITS = ((1000, "千"), (100, "百"), (10, "十"))


def to_chinese(n: int) -> str:
    """Write n (1 ≤ n < 10⁸) as a Chinese numeral: 11 → 十一, 105 → 一百零五, 110 → 一百一十."""
    if not 0 < n < 100_000_000:
        raise ValueError(f"to_chinese: {n} is outside 1..99999999")
    high, low = divmod(n, 10_000)
    if high:
        text = _below_ten_thousand(high) + "万"
        if low:
            # 10 010 is 一万零一十: a gap in the thousands is read as 零, and 十 keeps its 一.
            text += ("零" if low < 1000 else "") + _below_ten_thousand(low, leading=False)
        return text
    return _below_ten_thousand(low)


def _below_ten_thousand(n: int, *, leading: bool = True) -> str:
    text = ""
    pending_zero = False
    for value, name in _SMALL_UNITS:
        digit, n = divmod(n, value)
        if digit:
            if pending_zero:
                text += "零"
                pending_zero = False
            # 十一 alone, but 一百一十 and 一万零一十 inside a longer number.
            text += "" if (value == 10 and digit == 1 and not text and leading) else _DIGITS[digit]
            text += name
        elif text:
            pending_zero = True
    if n:
        text += ("零" if pending_zero else "") + _DIGITS[n]
    return text


def from_chinese(text: str) -> int:
    """一 → 1, 十二 → 12, 二十六 → 26, 一百零五 → 105, 一万零一十 → 10010 (〇 reads as 零)."""
    digits = {c: i for i, c in enumerate(_DIGITS)} | {"〇": 0}
    units = {"十": 10, "百": 100, "千": 1000}
    high, _, low = text.rpartition("万")
    total, current = 0, 0
    for ch in low:
        if ch in digits:
            current = digits[ch]
        elif ch in units:
            total += (current or 1) * units[ch]
            current = 0
    return (from_chinese(high) * 10_000 if high else 0) + total + current
