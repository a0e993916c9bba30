"""Chinese numerals as notices number their parts and clauses: 一 … 十二 … 一百零五."""

from __future__ import annotations

DIGITS = "零一二三四五六七八九"


def to_chinese(n: int) -> str:
    """1 → 一, 12 → 十二, 26 → 二十六, 105 → 一百零五, 110 → 一百一十 (n < 10000)."""
    if n < 10:
        return DIGITS[n]
    if n < 20:
        return "十" + (DIGITS[n % 10] if n % 10 else "")
    out = ""
    for value, name in ((1000, "千"), (100, "百"), (10, "十")):
        digit, n = divmod(n, value)
        if digit:
            out += DIGITS[digit] + name
        elif out and n:
            out += "零" if not out.endswith("零") else ""
    return out + (DIGITS[n] if n else "")


def from_chinese(text: str) -> int:
    """一 → 1, 十二 → 12, 二十六 → 26, 一百零五 → 105 (〇 reads as 零)."""
    digits = {c: i for i, c in enumerate(DIGITS)} | {"〇": 0}
    units = {"十": 10, "百": 100, "千": 1000}
    total, current = 0, 0
    for ch in text:
        if ch in digits:
            current = digits[ch]
        elif ch in units:
            total += (current or 1) * units[ch]
            current = 0
    return total + current
