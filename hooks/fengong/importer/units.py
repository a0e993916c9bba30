"""Unit lists as notices write them → unit names as written, each with its role, and a note.

Handles （责任单位：A、B、C）, 牵头单位：A；配合单位：B、C, （A牵头，B、C配合）, （A、B负责）,
（A、B等负责。列第一位者为牵头单位，下同）, （A会同B负责）, （A、B指导）, （A、B等和各省级人民政府
负责）, A牵头，各有关部门按职责分工负责, and a note after the names (。备注：…).

A parenthesis is a unit list only when its content says so: a label (责任单位：) or a closing
role verb (负责, 牵头, 参与, 配合, 指导) after names that are all unit-shaped, a lead rule
beside the names, or (closing a task after its last sentence) unit-shaped names alone. So
（试行）, （以下简称…）, （含技工院校）, 市（地、州、盟） and （2019—2021年） never become units.

Also here, each one grammar used wherever the notice writes it: the lead rule
(LEAD_RULE_GRAMMAR: 排在第一位的部门为牵头部门，下同 in any words and script), the leaders
named before the units (责任领导：…；牵头单位：…, 分管副省长负责，…), a sentence whose subject
is its units (read_unit_first: 市规划局负责…, 由A会同B…, A、B协同C负责…), and a heading that
names the units of the tasks under it (read_group_heading: 一、县示范区管委会牵头工作).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..textnorm import normalise
from . import messages

LABEL = re.compile(
    r"^(责任单位|主责单位|负责单位|责任部门|实施单位|落实单位|承办单位|责任主体|部门分工)\s*:\s*"
)
LEAD_LABEL = re.compile(r"^(牵头责任单位|牵头单位|牵头部门|主办单位)\s*:\s*")
PARTNER_LABEL = re.compile(
    r"^(协同责任单位|配合责任单位|配合单位|参与单位|配合部门|协办单位|协同单位|协作单位|参加单位)"
    r"\s*:\s*"
)
GUIDING_LABEL = re.compile(r"^(指导单位|指导部门)\s*:\s*")
# People, never units: (责任领导:杜新国;牵头单位:区发改局) names the task's leaders first.
LEADER_LABEL = re.compile(
    r"^(牵头负责领导|牵头领导|责任领导|分管领导|分管省领导|分管市领导|分管县领导|分管区领导|"
    r"联系领导|负责领导|责任市领导|责任区领导|责任县领导|市领导|区领导|县领导)\s*:\s*"
)
NOTE = re.compile(r"[。;,]?\s*(备注|注)\s*:")
SEPARATORS = "、,;，；"

# Roles as the notice gives them (牵头 / 负责 / 配合·参与·协同 / 指导).
LEAD, RESPONSIBLE, PARTNER, GUIDING = "lead", "responsible", "partner", "guiding"
ROLES = (LEAD, RESPONSIBLE, PARTNER, GUIDING)

# Role verbs that close a list of names, longest first; each gives the names' role.
CLOSERS: tuple[tuple[str, str], ...] = (
    ("牵头负责", LEAD),
    ("按职责分工负责", RESPONSIBLE),
    ("按职责分工落实", RESPONSIBLE),
    ("按照职责分工负责", RESPONSIBLE),
    ("按职能分工负责", RESPONSIBLE),
    ("按职责负责", RESPONSIBLE),
    ("分工负责", RESPONSIBLE),
    ("共同负责", RESPONSIBLE),
    ("具体负责", RESPONSIBLE),
    ("分别负责", RESPONSIBLE),
    ("负责落实", RESPONSIBLE),
    ("负责", RESPONSIBLE),
    ("牵头", LEAD),
    ("配合", PARTNER),
    ("参与", PARTNER),
    ("协同", PARTNER),
    ("协助", PARTNER),
    ("指导", GUIDING),
)

# What a unit's name ends with (after any parenthesised qualifier such as （街道）).
_UNIT_END = re.compile(
    r"(部|委|局|厅|办|署|会|院|行|中心|政府|单位|部门|机关|处|室|队|所|站|公司|集团|区|街道|镇|乡|"
    r"团|社|联|组|科|馆|台|社区|村|校|学|关|司|府|厂|场|园|盟|州|县|市|省|岗|庭|军|旗|部队|"
    r"机构|企业|银行|海关|协会|学会|商会|总会|集团公司|工委|党委|党组|纪委|监委|宣传部|"
    r"小组|专班|指挥部|联席会议|工作组)$"
)
_GROUP_START = re.compile(r"^(各|有关|相关|其他|其它|全体|所有)")
# A fragment that is only an administrative level: 各县、市、区政府 is one group, not three.
_ADMIN_LEVEL = re.compile(
    r"^各?(省|市|县|区|乡|镇|街道|州|盟|旗|自治区|直辖市|自治州|自治县|县级市|县级区)$"
)
# The body the levels before it share: 各县、市、区政府, 各乡、镇人民政府, 各镇、街道办事处.
_LEVEL_BODY = re.compile(
    r"^(省|市|县|区|乡|镇|街道|州|盟|旗|自治区|直辖市|自治州|自治县|县级市|县级区)"
    r"(\([^()]*\))?(人民政府|政府|党委|党委政府|党委和政府|办事处|管委会)$"
)
# A group named by a level (各有关区): the levels after it (、县级市) belong to it.
_GROUP_OF_LEVEL = re.compile(r"^(各|有关|相关|其他|其它)\S{0,4}(省|市|县|区|乡|镇|州|盟|旗)$")
# 等 / 等有关部门 / 等有关部门和单位 ends an open-ended list.
_OPEN_TAIL = re.compile(r"等(有关|相关|其他|其它)?(部门|单位|部门和单位|单位和部门|机构)?$")
LEAD_RULE = re.compile(r"牵头")
# The lead rule as a grammar (on normalised text): where the first-listed unit stands,
# who it is, that it leads, and whether the rule holds for the tasks after it.
#   (列|排|排在|排名|列在|位列|居)(第一位|首位|第一个|最前|前面|第1位)(的)?(部门|单位|者)?
#   (为|是|系|作为)?牵头(部门|单位)?(，下同|，以下同)?
# 排在第一位的部门为牵头部门，下同 · 列第一位者为牵头单位 · 排名首位的单位是牵头单位 ·
# 牵头单位为排在第一位的单位 (the same rule the other way round).
_VERB = r"(?:列|排|排名|名列|位列|位居|居|位于)(?:在|于|为)?"
_PLACE = (
    r"(?:第一位|第1位|第一名|第1名|第一个|第1个|第一家|第一|首位|首个|首|最前面|最前|前面|前列)"
)
_BODY = r"(?:责任)?(?:部门|单位)"
_COPULA = r"\s*(?:均|即)?(?:为|是|系|作为|即为|视为|确定为)\s*"
_LEADS = r"(?:牵头(?:责任)?(?:部门|单位)|牵头者|牵头)"
_SAME_BELOW = r"(?:\s*[,;]?\s*(?:以下同|下同|下文同|后同|以下均同|下均同))?"
# Some word besides the place must say it is a rule (排 …, … 的/者, … 为): 第一牵头单位
# alone is a name's mark, not a rule.
LEAD_RULE_GRAMMAR = re.compile(
    rf"(?:{_VERB}{_PLACE}(?:的|者)?{_BODY}?(?:{_COPULA})?{_LEADS}"
    rf"|{_PLACE}(?:的|者){_BODY}?(?:{_COPULA})?{_LEADS}"
    rf"|{_PLACE}{_BODY}?{_COPULA}{_LEADS}"
    rf"|{_LEADS}{_COPULA}(?:{_VERB})?{_PLACE}(?:的|者)?{_BODY}?(?![\u4e00-\u9fff]))"
    rf"{_SAME_BELOW}"
)
_PROSE_START = re.compile(
    r"^(由|请|要|应|须|需|并|均|分别|主要|共同|具体|统一|会同|在|按|经|对|将|把|为)"
)
_LEAD_MARK = re.compile(r"[(〔\[]牵头(单位|部门)?[)〕\]]$|[(〔]牵头[)〕]")
_FIRST_LISTED = re.compile(r"(第一|首位|首个|排首|排名首|列首|居首|排在前)")


class UnitListError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class UnitList:
    raw: str  # the text inside the parentheses (or of the unit lines), as written
    norm: str  # the same, normalised
    start: int = 0  # offsets of the parenthesised group in the task text
    end: int = 0


@dataclass(slots=True)
class Units:
    """One task's units as the notice gives them."""

    names: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)  # one of ROLES for each name
    note: str = ""  # words after the names (备注：… or a lead rule)
    open_ended: str = ""  # 等 / 等有关部门和单位: the list is not exhaustive
    lead_rule: str = ""  # a lead rule stated here (列第一位者为牵头单位，下同)
    leaders: list[str] = field(default_factory=list)  # people (责任领导:…), never units
    # What was read otherwise than written (an empty name between two separators): the
    # importer reports each at the list's line and goes on.
    warnings: list[str] = field(default_factory=list)

    @property
    def marked_lead(self) -> list[str]:
        return [n for n, r in zip(self.names, self.roles, strict=True) if r == LEAD]

    def add(self, names: list[str], role: str) -> None:
        self.names += names
        self.roles += [role] * len(names)


def is_lead_rule(norm: str) -> bool:
    """Words that say which listed unit leads: 列第一位者为牵头单位（，下同）."""
    return bool(LEAD_RULE.search(norm) and _FIRST_LISTED.search(norm)) or bool(
        LEAD_RULE_GRAMMAR.search(norm)
    )


def find_lead_rule(norm: str) -> tuple[int, int] | None:
    """(start, end) of the lead rule a normalised text states (LEAD_RULE_GRAMMAR), with
    the few words of its clause before it (其中, 多个部门负责的): None without one."""
    m = LEAD_RULE_GRAMMAR.search(norm)
    if m is None:
        return None
    start = m.start()
    clause = max(norm.rfind(ch, 0, start) for ch in "(,;:。")
    if start - clause - 1 <= 10 and "、" not in norm[clause + 1 : start]:
        start = clause + 1
    return start, m.end()


# What is never a unit, though it may sit in parentheses or a unit column: a person
# (张三同志), a date or a year (2021年, 6月底前), a version (试行), a short name being
# introduced (以下简称…), an amount (500万元, 3%), what a list includes (含技工院校).
_NEVER_UNIT = re.compile(
    r"同志|试行|暂行|简称|下同|^(含|包括|不含|除)|\d{4}年|\d{1,2}月|\d{1,2}日|\d+(\.\d+)?(万|亿)?元|"
    r"\d+(\.\d+)?(%|个百分点)|^(年内|年底|上半年|下半年|长期|持续|全年)"
)


def unit_shaped(name: str) -> bool:
    """Whether a (normalised) name has the shape of a Chinese government body or of a group
    of them: the one recognizer for parentheses, labelled lines, table cells and unit-first
    sentences. A body ends in what bodies are (…局, …委员会, …办公室, …管委会, …街道, …
    海关, …银行, …集团; _UNIT_END), a group starts with 各/有关/相关/其他 or ends in 等部门;
    a person, a date, an amount or a word like 试行 never is one (_NEVER_UNIT)."""
    core = re.sub(r"(\([^()]*\)|〔[^〔〕]*〕)+$", "", name.strip())
    if (m := _OPEN_TAIL.search(core)) and m.start() > 0:
        core = core[: m.start()]  # 区财政局等, 区财政局等有关部门
    if len(core) < 2 or len(core) > 30 or re.search(r"[。,;:!?，；：]", core):
        return False
    if _NEVER_UNIT.search(core):
        return False
    return bool(_UNIT_END.search(core) or (_GROUP_START.match(core) and len(core) <= 20))


def find_unit_list(norm: str) -> UnitList | None:
    """The parenthesised unit list that ends a normalised task text, if there is one."""
    text = norm.rstrip()
    closed = False
    if text.endswith(("。", ".", ";", "；")) and text[:-1].rstrip().endswith((")", "〕", "]")):
        text = text[:-1].rstrip()
        closed = True
    # A parenthesis of unit names that the task's closing 。 follows (…增长11%(市发改委,
    # 荆州开发区)。) ends the task as its unit list, as one after its last sentence does.
    return unit_list_ending_at(text, len(text), bare=True, closed=closed)


def unit_list_ending_at(
    text: str, end: int, bare: bool = False, closed: bool = False
) -> UnitList | None:
    """The unit list in parentheses (（…）, 〔…〕 or […]) that closes at text[end - 1].
    bare: a parenthesis of unit names alone, with no label or role word, is the list too
    where it closes a task after its last sentence (…增长12%。（市发改委）)."""
    if end <= 0 or text[end - 1] not in ")〕]":
        return None
    close = text[end - 1]
    open_ = {")": "(", "〕": "〔", "]": "["}[close]
    depth = 0
    for i in range(end - 1, -1, -1):
        if text[i] == close:
            depth += 1
        elif text[i] == open_:
            depth -= 1
            if depth == 0:
                inner = text[i + 1 : end - 1]
                after_sentence = bare and (
                    closed or text[:i].rstrip().endswith(("。", ";", "；", "."))
                )
                if _is_unit_list(inner) or (after_sentence and _is_bare_unit_list(inner)):
                    return UnitList(inner, inner, i, end)
                return None
    return None


def find_all_unit_lists(norm: str) -> list[UnitList]:
    """Every unit list in a normalised paragraph that closes a sentence or the paragraph:
    the boundaries of tasks that share one paragraph."""
    found = []
    for m in re.finditer(r"[)〕\]]", norm):
        end = m.end()
        rest = norm[end:].lstrip()
        if rest and rest[0] not in "。.;；" and not _starts_sentence(norm, end):
            continue
        unit_list = unit_list_ending_at(norm, end)
        if unit_list is not None:
            found.append(unit_list)
    return found


def _starts_sentence(norm: str, end: int) -> bool:
    """A unit list closes a sentence when the text before it ends one (。…（A负责）next)."""
    before = norm[: norm.rfind("(", 0, end)].rstrip()
    return before.endswith(("。", ";", "；"))


def _is_unit_list(inner: str) -> bool:
    inner = inner.strip()
    if LABEL.match(inner) or LEAD_LABEL.match(inner) or PARTNER_LABEL.match(inner):
        return True
    if GUIDING_LABEL.match(inner):
        return True
    if LEADER_LABEL.match(inner):
        # (责任领导:杜新国;牵头单位:区发改局): the leaders, then the units' own label.
        return bool(_ANY_LABEL.search(inner))
    note, head, _ = _split_note(inner, inner)
    head = head.rstrip("。. ")
    if not head:
        return False
    try:
        units = _read(head, head)
    except UnitListError:
        return False
    if not units.names or not all(unit_shaped(n) for n in units.names):
        return False
    # A clause of prose (由县政府负责, 要各部门配合) starts with a verb or preposition.
    if any(_PROSE_START.match(n) for n in units.names):
        return False
    # Names with no role verb at all are a plain list (（区财政局、区教委）) only when
    # some name is unmistakably a unit; a role verb, or a lead rule beside the names
    # (区财政局、区教委，排在第一位的为牵头单位，下同), makes the list explicit.
    return (
        _closes_with_role(head)
        or bool(re.search(r"牵头[,;、]", head))
        or bool(note and find_lead_rule(note))
    )


def _is_bare_unit_list(inner: str) -> bool:
    """（市发改委）, （市经委、环保局）: unit names alone, every one unit-shaped."""
    inner = inner.strip()
    if not inner or re.search(r"[。:]", inner):
        return False
    try:
        units = _read(inner, inner)
    except UnitListError:
        return False
    return bool(units.names) and all(
        unit_shaped(n) and not _PROSE_START.match(n) for n in units.names
    )


def _closes_with_role(norm: str) -> bool:
    return any(norm.endswith(verb) for verb, _ in CLOSERS)


def split_names(text: str, separators: str = SEPARATORS) -> list[str]:
    """Split a list of names on the separators, not inside （）〔〕 brackets."""
    names, current, depth = [], [], 0
    for ch in text:
        if ch in "（(〔[【":
            depth += 1
        elif ch in "）)〕]】":
            depth -= 1
        if ch in separators and depth == 0:
            names.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
    names.append("".join(current).strip())
    return names


def parse_unit_list(raw: str, norm: str) -> tuple[list[str], list[str], str]:
    """(units as written, lead units as written, note): the lead as marked, or else the
    first listed unit."""
    units = read_unit_list(raw, norm)
    lead = units.marked_lead or units.names[:1]
    return units.names, lead, units.note


def read_unit_list(raw: str, norm: str) -> Units:
    """A unit list's text (inside its parentheses, or its labelled lines) → Units."""
    note, raw, norm = _split_note(raw, norm)
    raw, norm = raw.rstrip("。. "), norm.rstrip("。. ")
    units = _read(raw, norm)
    units.note = note
    if note and is_lead_rule(normalise(note)):
        units.lead_rule = re.sub(r"^(备注|注)\s*[:：]\s*", "", note)
    if not units.names:
        raise UnitListError(messages.UNITS_EMPTY)
    return units


# A time after the names closes some lists: （国务院各部门分别负责，年内持续推进）.
_TIME_TAIL = re.compile(
    r"[,;]\s*((\d{4}年)?(年内|年底前|上半年|下半年|\d{1,2}月(底|末)?前)[^,;()]*|长期坚持|持续推进)$"
)


def _split_note(raw: str, norm: str) -> tuple[str, str, str]:
    """(note, names raw, names norm): a note is 备注：… or a sentence after 。 (a lead rule),
    or a time after the last role verb (…负责，年内持续推进)."""
    if (m := _TIME_TAIL.search(norm)) and _closes_with_role(norm[: m.start()].rstrip("。. ")):
        return raw[m.start(1) :], raw[: m.start()], norm[: m.start()]
    if m := NOTE.search(norm):
        return raw[m.start() :].lstrip("。；;，, "), raw[: m.start()], norm[: m.start()]
    if rule := find_lead_rule(norm):
        # (A、B，排在第一位的部门为牵头部门，下同) or (列第一位者为牵头单位。责任单位：A、B):
        # the rule is the note; the names are on its other side.
        start, end = rule
        if "。" in norm[:start]:
            # …负责。责任单位两个以上的，列第一者为牵头单位: the rule's sentence is the note.
            start = norm.rindex("。", 0, start) + 1
        # A、B（列第一位者为牵头单位）: the rule in brackets of its own after the names.
        bracketed = norm[:start].rstrip().endswith(("(", "〔")) and norm[end:].lstrip()[:1] in (
            ")",
            "〕",
        )
        if bracketed:
            end = norm.index(norm[end:].lstrip()[0], end) + 1
        before = norm[:start].rstrip("。;,:( 〔")
        if before:
            return raw[start:end].strip("()（）〔〕 "), raw[: len(before)], before
        after = len(norm[end:]) - len(norm[end:].lstrip("。;,: "))
        return raw[start:end].strip(), raw[end + after :], norm[end + after :]
    depth = 0
    for i, ch in enumerate(norm):
        if ch in "(〔[":
            depth += 1
        elif ch in ")〕]":
            depth -= 1
        elif ch == "。" and depth == 0 and norm[i + 1 :].strip():
            return raw[i + 1 :].strip(), raw[:i], norm[:i]
    return "", raw, norm


def _read(raw: str, norm: str) -> Units:
    units = Units()
    # Statements separated by ；/; or ，/, : each names a role or is a plain list.
    for seg_raw, seg_norm in _segments(raw, norm):
        role = RESPONSIBLE
        if m := LEADER_LABEL.match(seg_norm):
            names = split_names(seg_raw[m.end() :].rstrip("。. "), "、,，")
            units.leaders += [name for name in names if name]
            continue
        if m := LABEL.match(seg_norm):
            seg_raw, seg_norm = seg_raw[m.end() :], seg_norm[m.end() :]
        if m := LEAD_LABEL.match(seg_norm):
            seg_raw, seg_norm, role = seg_raw[m.end() :], seg_norm[m.end() :], LEAD
        elif m := PARTNER_LABEL.match(seg_norm):
            seg_raw, seg_norm, role = seg_raw[m.end() :], seg_norm[m.end() :], PARTNER
        elif m := GUIDING_LABEL.match(seg_norm):
            seg_raw, seg_norm, role = seg_raw[m.end() :], seg_norm[m.end() :], GUIDING
        for verb, verb_role in CLOSERS:
            if seg_norm.endswith(verb) and len(seg_norm) > len(verb):
                seg_raw, seg_norm = seg_raw[: -len(verb)], seg_norm[: -len(verb)]
                role = verb_role if role == RESPONSIBLE else role
                break
        seg_raw, seg_norm = seg_raw.rstrip("。. "), seg_norm.rstrip("。. ")
        _add_names(units, seg_raw, seg_norm, role)
    return units


# A post held by a person, named where a unit list names its leaders first
# (分管副省长、协管副秘书长负责，省国资委牵头): the task's leaders, never units.
_POST = re.compile(
    r"^(分管|协管|联系|主管|常务)?(副)?(省长|市长|县长|区长|州长|旗长|镇长|乡长|秘书长|"
    r"副秘书长|主任|书记|主席|领导|省领导|市领导|县领导|区领导)$"
)


def _add_names(units: Units, raw: str, norm: str, role: str) -> None:
    if re.search(r"[长记任席导]", norm) and all(_POST.match(n) for n in split_names(norm, "、")):
        units.leaders += [n for n in split_names(raw, "、") if n]
        return
    # A会同B: A leads the work, B takes part.
    if "会同" in norm and role in (RESPONSIBLE, LEAD):
        at = norm.index("会同")
        _add_names(units, raw[:at], norm[:at], LEAD)
        _add_names(units, raw[at + 2 :], norm[at + 2 :], PARTNER)
        return
    # A、B等和各省级人民政府: an open list, then a further group.
    for joint in ("等和", "等及", "等与"):
        if joint in norm:
            at = norm.index(joint)
            _add_names(units, raw[: at + 1], norm[: at + 1], role)
            _add_names(units, raw[at + 2 :], norm[at + 2 :], role)
            return
    if any(not name for name in split_names(raw)) and not all(
        not name for name in split_names(raw)
    ):
        units.warnings.append(messages.UNITS_EMPTY_NAME.format(raw=raw))
    names = _names(raw, norm)
    for name in names:
        name_norm = _norm_of(name, raw, norm)
        if m := _LEAD_MARK.search(name_norm):
            # 区发改局（牵头）: a lead marked on the name itself.
            units.add([name[: m.start()].rstrip()], LEAD)
            continue
        if m := _OPEN_TAIL.search(name_norm):
            units.open_ended = units.open_ended or name[m.start() :]
            name = name[: m.start()].rstrip()
            if not name:
                continue
        units.add([name], role)


def _norm_of(name: str, raw: str, norm: str) -> str:
    at = raw.find(name)
    return norm[at : at + len(name)] if at >= 0 else name


_ANY_LABEL = re.compile(
    "|".join(p.pattern.lstrip("^").replace(r"\s*:\s*", r"\s*:") for p in (LABEL, LEAD_LABEL))
    + "|"
    + "|".join(
        p.pattern.lstrip("^").replace(r"\s*:\s*", r"\s*:") for p in (PARTNER_LABEL, GUIDING_LABEL)
    )
)


def _segments(raw: str, norm: str):
    """Split on ；/; always, and on ，/, only where a role word ends the part."""
    pieces: list[tuple[str, str]] = []
    start = 0
    depth = 0
    # A second label with no separator before it (牵头单位：A 配合单位：B) starts a part too.
    labels = {m.start() for m in _ANY_LABEL.finditer(norm) if m.start() > 0}
    for i, ch in enumerate(norm):
        if ch in "(〔[":
            depth += 1
        elif ch in ")〕]":
            depth -= 1
        elif depth == 0 and i in labels and norm[start:i].strip(SEPARATORS + " "):
            # (牵头单位：A，配合单位：B: the separator before the label ends the part.)
            end = len(norm[start:i].rstrip(SEPARATORS + " ")) + start
            pieces.append((raw[start:end], norm[start:end]))
            start = i
        elif depth == 0 and (ch == ";" or (ch == "," and _ends_role(norm[start:i]))):
            pieces.append((raw[start:i], norm[start:i]))
            start = i + 1
    pieces.append((raw[start:], norm[start:]))
    return [(r.strip(), n.strip()) for r, n in pieces if n.strip()]


def _ends_role(norm: str) -> bool:
    return _closes_with_role(norm.rstrip("。. "))


def _names(raw: str, norm: str) -> list[str]:
    # Levels join only within a run of 、 (各县、市、区政府): a comma separates whole
    # items (各街道,税务局), and a joined name must be written so in the text. An empty
    # name (an extra separator, 区统计局、、区人社局) is no name: _add_names says so.
    return [
        joined
        for run in split_names(raw, SEPARATORS.replace("、", ""))
        if run
        for joined in _join_admin_levels([name for name in split_names(run, "、") if name])
    ]


def _join_admin_levels(names: list[str]) -> list[str]:
    """各县、市、区政府 → one group: a fragment that is only an administrative level (市)
    is not a unit; it belongs with the names around it."""
    out: list[str] = []
    pending: list[str] = []
    for name in names:
        if _ADMIN_LEVEL.match(normalise(name)):
            pending.append(name)
            continue
        if pending and _LEVEL_BODY.match(normalise(name)):
            if out and _GROUP_START.match(normalise(out[-1])) and len(out[-1]) <= 3:
                pending.insert(0, out.pop())
            out.append("、".join([*pending, name]))
        else:
            # 各街道、区直各部门: a whole group, then a unit that is not the level's body.
            out += ["、".join(pending)] if len(pending) > 1 else pending
            out.append(name)
        pending = []
    if pending and out and _GROUP_OF_LEVEL.match(normalise(out[-1])):
        # 各有关区、县级市: a level after a group name ends that group.
        out[-1] = "、".join([out[-1], *pending])
    elif len(pending) > 1:
        out.append("、".join(pending))  # 各区、县级市 at the end of the list
    else:
        out += pending
    return out


# -- unit-first sentences ------------------------------------------------------------------
# A task whose subject is its units: 市城乡规划局负责…, 由A牵头，B、C配合…, A会同B…,
# A、B协同C负责… (C leads, A and B take part). The names before the verb must all be
# unit-shaped (unit_shaped), so a sentence whose subject is a thing or a person is no unit.
_SUBJECT_VERB = re.compile(
    r"(?:牵头负责|牵头|按职责分工负责|按照职责分工负责|按职责负责|分工负责|共同负责|分别负责|具体负责|"
    r"主要负责|负责|会同|协同|联合|配合|参与|协助)(?!同志|人|领导)"  # 负责同志, 负责人: people
)
_WITH = {"会同": "after", "联合": "after", "协同": "before"}  # who leads: the names after 会同
_NAMES_END = re.compile(
    r"负责|牵头|共同|做好|开展|推进|落实|组织|加强|建立|完善|制定|实施|抓好|研究|按照|按|对|[,;:。]"
)
_NAME_JOIN = re.compile(r"、|和|及|与|以及")


_CLAUSE_WORD = re.compile(r"[的由是将把]")  # 对, 在 are in names: 对外贸易局, 中央在湘单位


def _subject_names(norm: str) -> list[tuple[int, int]] | None:
    """(start, end) of each name in a run of names joined by 、/和/及, when every one is
    unit-shaped; None otherwise."""
    spans, start = [], 0
    for m in _NAME_JOIN.finditer(norm):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(norm)))
    names = [norm[a:b].strip() for a, b in spans]
    if _CLAUSE_WORD.search(norm):
        return None  # 此产生的费用由企业: a clause of prose, not a run of names
    if not names or not all(name and unit_shaped(name) for name in names):
        # 和/及 inside a name (发展和改革委员会): try the run split on 、 alone.
        spans, start = [], 0
        for m in re.finditer("、", norm):
            spans.append((start, m.start()))
            start = m.end()
        spans.append((start, len(norm)))
        if not all(unit_shaped(norm[a:b].strip()) for a, b in spans):
            return None
    return spans


def read_unit_first(raw: str, norm: str) -> Units | None:
    """The units of a task whose sentence opens with them, or whose clause does after 由
    (关于“…”的问题，由发展改革委会同农业部等部门负责落实), or None when it does not."""
    found = _read_unit_first(raw, norm)
    if found is not None:
        return found
    for m in re.finditer(r"(?<=[,;:。])\s*由", norm[:200]):
        found = _read_unit_first(raw[m.end() - 1 :], norm[m.end() - 1 :])
        if found is not None:
            return found
    return None


def _read_unit_first(raw: str, norm: str) -> Units | None:
    head = norm[:80]
    offset = 1 if head.startswith("由") else 0
    verb = _SUBJECT_VERB.search(head, offset)
    if verb is None or verb.start() == offset:
        return None
    first = _subject_names(head[offset : verb.start()])
    if first is None:
        return None
    units = Units()

    def add(spans, base: int, role: str) -> None:
        for a, b in spans:
            name, name_norm = raw[base + a : base + b].strip(), head[base + a : base + b].strip()
            if (tail := _OPEN_TAIL.search(name_norm)) and tail.start() > 0:
                # 农业部等部门: the list is open-ended; 等部门 is no unit.
                units.open_ended = units.open_ended or name[tail.start() :]
                name = name[: tail.start()]
            units.add([name], role)

    word, rest = verb.group(), verb.end()
    if word in _WITH:
        end = _NAMES_END.search(head, rest)
        second = _subject_names(head[rest : end.start()]) if end else None
        if second is None:
            return None
        if _WITH[word] == "after":  # A会同B: A leads, B takes part
            add(first, offset, LEAD)
            add(second, rest, PARTNER)
        else:  # A、B协同C负责: C leads, A and B take part
            add(first, offset, PARTNER)
            add(second, rest, LEAD)
        return units
    role = {"牵头负责": LEAD, "牵头": LEAD, "配合": PARTNER, "参与": PARTNER, "协助": PARTNER}
    add(first, offset, role.get(word, RESPONSIBLE))
    # 由A牵头，B、C配合: the partners after the comma.
    if m := re.match(r"[,;、]\s*", head[rest:]):
        after = rest + m.end()
        partner = re.compile(r"配合|参与|协助|协同").search(head, after)
        if partner and (names := _subject_names(head[after : partner.start()])):
            add(names, after, PARTNER)
    return units


# A heading that names the units of every task under it: 一、县示范区管委会牵头工作（8项）,
# （二）区财政局负责的任务, 市发改委牵头事项.
_GROUP_HEADING = re.compile(
    r"^(?P<names>.+?)(?P<verb>牵头负责|牵头|负责|承担)(的)?"
    r"(工作|任务|事项|重点工作|重点任务|项目|工作任务|具体任务)?\s*(\(\s*\d+\s*项\s*\))?[。.]?$"
)


def read_group_heading(raw: str, norm: str) -> Units | None:
    """The units a heading gives every task under it, or None when it names none."""
    m = _GROUP_HEADING.match(norm.strip())
    if m is None or (spans := _subject_names(m["names"])) is None:
        return None
    units = Units()
    role = LEAD if m["verb"].startswith("牵头") else RESPONSIBLE
    units.add([raw[a:b].strip() for a, b in spans], role)
    return units
