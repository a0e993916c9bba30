"""A notice's default folder name (slug) in data/notices/, made from its 文号.

The rule: the pinyin initials of the issuer's abbreviation (the words before the year's
brackets), the year and the number, joined by '-': 大足府办发〔2020〕41号 → dzfbf-2020-41,
国发〔2018〕39号 → gf-2018-39, 国办函〔2016〕38号 → gbh-2016-38. Latin letters and digits
in the abbreviation are kept, lower-cased; any other character is dropped."""

from __future__ import annotations

import re

from ..textnorm import normalise

# 大足府办发〔2020〕41号, 国发[2018]39号, 粤府〔2021〕第22号 (after normalise: half-width).
_DOC_NUMBER = re.compile(
    r"^(?P<issuer>.+?)[〔\[(（［]\s*(?P<year>\d{4})\s*[〕\])）］]\s*第?(?P<number>\d+)\s*号$"
)


def notice_slug(doc_number: str) -> str | None:
    """The slug the rule above gives, or None when the 文号 does not have that form."""
    found = _DOC_NUMBER.match(normalise(doc_number or "").strip())
    if found is None:
        return None
    # Imported here, as in datafiles.unit_id: pypinyin loads its phrase dictionary on import
    # (about 0.5 s of CPU), which an import into a named notice folder never needs.
    from pypinyin import Style, lazy_pinyin

    initials = lazy_pinyin(found["issuer"], style=Style.FIRST_LETTER)
    issuer = re.sub(r"[^a-z0-9]", "", "".join(initials).lower())
    if not issuer:
        return None
    return f"{issuer}-{found['year']}-{int(found['number'])}"
