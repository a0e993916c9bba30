"""Where a notice's issuer sits, and so where a unit name it writes belongs: 区财政局 in a
notice of 重庆市大足区人民政府办公室 is 大足区's, 市人社局 重庆市's, 发展改革委 in a notice of
国务院 the national commission's. Both the importer (stubs) and the data side (resolving a
name) ask it, so the two can never disagree."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

# Administrative levels, from the top. A notice's level is its issuer's.
LEVELS = ("national", "provincial", "city", "county", "township")
NATIONAL = "全国"  # the place of national bodies

# 国发, 国办发, 国办函, 国函: the State Council's 文号 prefixes.
_NATIONAL_NUMBER = re.compile(r"^国(办)?[发函]")
_NATIONAL_ISSUER = re.compile(r"^(国务院|中共中央|中央|全国)")
# The office words an issuer ends with (重庆市大足区人民政府办公室 → 重庆市大足区).
_OFFICE = re.compile(r"(人民政府|政府)?(办公厅|办公室)?(文件)?$")
# One division of a place name, with its level: 重庆市大足区 → 重庆市, 大足区.
_DIVISION = re.compile(r"(.+?)(自治区|自治州|自治县|特别行政区|省|市|州|盟|区|县|旗|街道|镇|乡)")
_LEVEL_OF_SUFFIX = {
    "省": "provincial",
    "自治区": "provincial",
    "特别行政区": "provincial",
    "市": "city",
    "州": "city",
    "自治州": "city",
    "盟": "city",
    "区": "county",
    "县": "county",
    "自治县": "county",
    "旗": "county",
    "街道": "township",
    "镇": "township",
    "乡": "township",
}
# The prefix a short name writes for a level of its issuer's places (区财政局, 市人社局).
_RELATIVE_PREFIX = (
    ("省", "provincial"),
    ("市", "city"),
    ("州", "city"),
    ("区", "county"),
    ("县", "county"),
)
_PREFIXES = tuple(prefix for prefix, _ in _RELATIVE_PREFIX)
_ABOVE = {"provincial": "省", "city": "市", "county": "区县"}
# Words that begin with one of those prefixes without meaning the place (市场监管局).
_NOT_A_PREFIX = ("市场", "市政", "区域", "县域")
# Names only a national body has, whoever writes them: 国家统计局, 财政部, 市场监管总局 (but
# not 区委宣传部 or 区人武部: a party committee's or a place's department).
_NATIONAL_NAME = re.compile(r"^(国务院|国家|中央|中国|全国)")
_NATIONAL_SHAPE = re.compile(r"部$|总局$|^(人民银行|审计署)$")


@dataclass(frozen=True, slots=True)
class Jurisdiction:
    """The places an issuer's notice speaks from, from the top: 重庆市大足区人民政府办公室 →
    (("city", "重庆市"), ("county", "大足区")); national → (("national", "全国"),); nothing
    known → () (a notice the importer could not place: its names stay place-less)."""

    places: tuple[tuple[str, str], ...] = ()

    @property
    def level(self) -> str:
        return self.places[-1][0] if self.places else ""

    @property
    def place(self) -> str:
        return self.places[-1][1] if self.places else ""

    def place_of(self, name: str) -> str:
        """The place a unit name belongs to as this issuer writes it: 区财政局 → the issuer's
        district; 市人社局 → its city; 财政部 → 全国; a bare 发展改革委 → the issuer's own place.
        "" when the issuer is not known (then names resolve as they always did)."""
        return self.locate(name)[0]

    def level_of(self, name: str) -> str:
        """The level of the place a unit name belongs to (LEVELS), "" when not known."""
        return self.locate(name)[1]

    def locate(self, name: str) -> tuple[str, str]:
        """(place, level) of a unit name as this issuer writes it."""
        return _locate(self.places, name)


# A library's notices write the same names again and again, and every name is located by
# the build, the checks and the importer: worth remembering (pure: same input, same output).
@functools.lru_cache(maxsize=8192)
def _locate(places: tuple[tuple[str, str], ...], name: str) -> tuple[str, str]:
    if not places:
        return "", ""
    own_level, own_place = places[-1]
    relative = not name.startswith(_NOT_A_PREFIX) and name.startswith(_PREFIXES)
    national_shape = _NATIONAL_SHAPE.search(name) and not relative and "委" not in name
    if _NATIONAL_NAME.match(name) or national_shape or own_level == LEVELS[0]:
        return NATIONAL, LEVELS[0]
    if relative:
        level = next(level for prefix, level in _RELATIVE_PREFIX if name.startswith(prefix))
        for place_level, place in places:
            if place_level == level:
                return place, level
        # The issuer does not name that place (立山区人民政府 writing 市人社局): say which
        # one it is, never guess its name.
        return f"{own_place}所在{_ABOVE[level]}", level
    return own_place, own_level


def jurisdiction(issuer: str, doc_number: str = "") -> Jurisdiction:
    """The issuer's places, from its name and 文号: 国发/国办发 or 国务院 → national; else the
    divisions its name spells (省/自治区 → provincial, 市 → city, 区/县 → county, 镇/乡/街道 →
    township)."""
    issuer = (issuer or "").strip()
    if _NATIONAL_NUMBER.match(doc_number or "") or _NATIONAL_ISSUER.match(issuer):
        return Jurisdiction(((LEVELS[0], NATIONAL),))
    rest = _OFFICE.sub("", issuer)
    places = []
    while rest:
        found = _DIVISION.match(rest)
        if found is None:
            break
        level = _LEVEL_OF_SUFFIX[found.group(2)]
        # Each division is below the one before; what follows is an office's own name
        # (大足区城市管理局: 城市 is no city).
        if places and LEVELS.index(level) <= LEVELS.index(places[-1][0]):
            break
        places.append((level, found.group(0)))
        rest = rest[found.end() :]
    return Jurisdiction(tuple(places))
