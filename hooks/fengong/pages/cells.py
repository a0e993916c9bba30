"""Text from data as a spreadsheet cell: a field a spreadsheet would evaluate is kept text.

Excel, WPS and LibreOffice read a CSV field (or a typed cell) that begins with `=`, `+`,
`-` or `@` as a formula, and a leading tab or carriage return hides such a start (CSV
injection). OWASP's guidance: prefix the field with a single quote, which the spreadsheet
shows and never evaluates. Their full-width forms (＝＋－＠) are prefixed too: WPS and
Excel with a Chinese input method turn a typed full-width `＝` into `=`, and a quote before
a rare full-width sign costs a reader nothing. JSON, pages and XLSX strings (written with
write_string, never as formulas) keep the exact text; only CSV needs this.

`from_spreadsheet` undoes exactly what `spreadsheet_safe` did, so a ledger returned as CSV
reads back the text it was written from, and a unit's own leading quote is kept.
"""

from __future__ import annotations

# What a spreadsheet evaluates at a field's start, half- and full-width.
FORMULA_STARTS = frozenset("=+-@\t\r＝＋－＠")
QUOTE = "'"


def _evaluated(text: str) -> bool:
    """Whether text starts a formula, after any number of quotes (so that a text already
    starting with a quote and a formula sign gets one more, and the quote can be undone)."""
    stripped = text.lstrip(QUOTE)
    return bool(stripped) and stripped[0] in FORMULA_STARTS


def spreadsheet_safe(value: object) -> object:
    """The value as a CSV field: a string a spreadsheet would evaluate gets a leading `'`.
    Numbers, dates and other values are returned as they are."""
    if isinstance(value, str) and _evaluated(value):
        return QUOTE + value
    return value


def from_spreadsheet(text: str) -> str:
    """The text spreadsheet_safe was given: its added quote, and only that, taken off."""
    if text.startswith(QUOTE) and _evaluated(text[1:]):
        return text[1:]
    return text
