"""Dates, periods, quantities and reporting duties found in the notice's sentences."""

from __future__ import annotations

import calendar
import re
from datetime import date

from .model import (
    DateMention,
    Quantity,
    ReportingDeadline,
    ReportingDuty,
    ReportingPeriod,
    Site,
)
from .numerals import from_chinese
from .textnorm import normalise

_YMD = r"(\d{4})年(\d{1,2})月(\d{1,2})日"
PERIOD = re.compile(rf"{_YMD}(?:至|到|-|—|~)(?:(\d{{4}})年)?(\d{{1,2}})月(\d{{1,2}})日")
DEADLINE = re.compile(rf"(?:延长至|截至|截止至?|截止到|到|至){_YMD}|{_YMD}(?:前|以前|之前)")
DATE = re.compile(_YMD)
# A clause of a sentence: the words a mention is quoted with.
_CLAUSE_BREAK = "，。；：,;:、（）()"

QUANTITY = re.compile(
    # A bound right before the number (不少于200名), or one a few words before it: 至少 and
    # 最高 take a verb or a noun first (每月至少进行1次, 最高额度提高至20万元).
    r"(?:(?P<pre>不少于|不低于|不超过|不高于|不足|超过|达到|控制在)"
    r"|(?P<far>至少|最高|最多|最低|最少)(?P<gap>[^\d\s,.;:!?()、，。；：！？（）]{0,6}?))?"
    # Arabic digits, or Chinese numerals (两倍以内), which count only with a bound or 倍.
    r"(?P<num>\d+(?:\.\d+)?|(?P<cn>[一二两三四五六七八九十百千]+))"
    r"(?P<mult>万|千|亿)?"
    r"(?P<unit>%|人次|人|名|日|天|个月|年|次|户|家|个|元|倍)?"
    r"(?P<post>以上|以下|以内)?"
)
_MULTIPLIERS = {"万": 10_000, "千": 1_000, "亿": 100_000_000}
_MIN = {"不少于", "不低于", "至少", "超过", "达到", "以上", "最低", "最少"}
_MAX = {"不超过", "不高于", "不足", "控制在", "以下", "以内", "最高", "最多"}

REPORT_WHEN = re.compile(
    r"(?P<year>本年度|次年度|当年|次年|每年)?(?P<month>\d{1,2})月(?P<period>上旬|中旬|下旬|底|末|前)?"
    r"\((?P<covers>[^)]*)\)"
)


def _iso(year: str | int, month: str | int, day: str | int) -> str | None:
    y, m, d = int(year), int(month), int(day)
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def _quote(text: str, start: int, end: int) -> str:
    """The mention with the words of its clause that lead up to it."""
    begin = start
    while begin > 0 and text[begin - 1] not in _CLAUSE_BREAK and start - begin < 24:
        begin -= 1
    return text[begin:end]


def find_dates(text: str) -> tuple[DateMention, ...]:
    norm = normalise(text)
    found: list[tuple[int, DateMention]] = []
    taken: list[range] = []

    def free(span: tuple[int, int]) -> bool:
        return all(span[0] >= r.stop or span[1] <= r.start for r in taken)

    for m in PERIOD.finditer(norm):
        start = _iso(m[1], m[2], m[3])
        end = _iso(m[4] or m[1], m[5], m[6])
        if start and end:
            found.append(
                (
                    m.start(),
                    DateMention(kind="period", quote=_quote(text, *m.span()), start=start, end=end),
                )
            )
            taken.append(range(*m.span()))
    for m in DEADLINE.finditer(norm):
        groups = [g for g in m.groups() if g is not None]
        day = _iso(*groups[:3])
        if day and free(m.span()):
            found.append(
                (m.start(), DateMention(kind="deadline", quote=_quote(text, *m.span()), end=day))
            )
            taken.append(range(*m.span()))
    for m in DATE.finditer(norm):
        day = _iso(m[1], m[2], m[3])
        if day and free(m.span()):
            found.append(
                (
                    m.start(),
                    DateMention(kind="date", quote=_quote(text, *m.span()), start=day, end=day),
                )
            )
            taken.append(range(*m.span()))
    return tuple(mention for _, mention in sorted(found, key=lambda item: item[0]))


def find_quantities(text: str) -> tuple[Quantity, ...]:
    norm = normalise(text)
    dates = [range(*m.span()) for m in DATE.finditer(norm)]
    dates += [range(*m.span()) for m in PERIOD.finditer(norm)]
    result: list[Quantity] = []
    for m in QUANTITY.finditer(norm):
        if not (m["unit"] or m["mult"]):
            continue  # a bare number (5G, 两无) is not a quantity
        qualifier = m["pre"] or m["far"] or m["post"] or ""
        if m["cn"] and not (qualifier or m["unit"] == "倍"):
            continue  # 一次性, 一个: words, not counts
        if any(m.start("num") in r for r in dates) or (m["unit"] == "年" and len(m["num"]) == 4):
            continue
        if m.start() > 0 and norm[m.start() - 1].isascii() and norm[m.start() - 1].isalnum():
            continue
        number = from_chinese(m["cn"].replace("两", "二")) if m["cn"] else float(m["num"])
        value = float(number) * _MULTIPLIERS.get(m["mult"] or "", 1)
        bound = "min" if qualifier in _MIN else "max" if qualifier in _MAX else "exact"
        unit = m["unit"] or ""
        result.append(Quantity(quote=_quote(text, *m.span()), value=value, unit=unit, bound=bound))
    return tuple(result)


def find_reporting_duty(text: str) -> ReportingDuty | None:
    """请各项任务牵头单位将联络人以及…工作情况报送区就业工作领导小组办公室。"""
    norm = normalise(text)
    m = re.search(r"(?:请)?(?P<who>[^,。;]*?单位)将(?P<what>.+?)报送(?P<to>[^,。;]+)", norm)
    if not m:
        return None
    deadlines = []
    for d in REPORT_WHEN.finditer(norm, m.start("what"), m.end("what")):
        year = d["year"] or ""
        period = {"上旬": "early", "中旬": "mid", "下旬": "late"}.get(d["period"] or "", "month")
        deadlines.append(
            ReportingDeadline(
                when=text[d.start() : d.start("covers") - 1],
                covers=text[d.start("covers") : d.end("covers")],
                month=int(d["month"]),
                year_offset=1 if year.startswith("次") else 0,
                period=period,
            )
        )
    what = REPORT_WHEN.sub("", norm[m.start("what") : m.end("what")])
    items = [w for w in re.split(r"以及|和|、|及", what) if w]
    return ReportingDuty(
        text=text,
        who=text[m.start("who") : m.end("who")],
        to=text[m.start("to") : m.end("to")],
        items=tuple(items),
        deadlines=tuple(deadlines),
    )


# What a mention means on the calendar (for the timeline, the print sheets and the .ics).

# 上旬/中旬/下旬 as days of the month; "month" is the whole month.
PERIOD_DAYS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31), "month": (1, 31)}
PERIOD_LABELS = {"early": "上旬", "mid": "中旬", "late": "下旬", "month": ""}


def mention_span(mention: DateMention) -> tuple[date | None, date | None]:
    """First and last day of a date mention: a deadline or date is one day."""
    first = mention.start if mention.kind == "period" else (mention.end or mention.start)
    last = mention.end if mention.kind == "period" else first
    if not first:
        return None, None
    return date.fromisoformat(first), date.fromisoformat(last or first)


def notice_year(site: Site) -> int | None:
    """The year 本年度 refers to."""
    return int(site.notice.date[:4]) if site.notice.date else None


_MONTH_END = re.compile(r"(\d{4})年(?:(\d{1,2})月)?(?:份)?(?:底|末)?(?:前|以前|之前)?$")


def find_deadline(text: str) -> tuple[DateMention, ...]:
    """A 完成时限 as written (a column or a 完成时限： line) → its deadline: a full date as in
    the text (2021年4月30日前), or a month or year's end (2022年6月底前, 2022年底)."""
    found = find_dates(text)
    if found:
        return found
    norm = normalise(text).strip().rstrip("。.")
    m = _MONTH_END.search(norm)
    if not m:
        return ()
    year, month = int(m[1]), int(m[2] or 12)
    if not 1 <= month <= 12:
        return ()
    last = (date(year + (month == 12), month % 12 + 1, 1) - date.resolution).day
    return (
        DateMention(kind="deadline", quote=text.strip(), end=f"{year:04d}-{month:02d}-{last:02d}"),
    )


def reporting_window(deadline: ReportingDeadline, year: int) -> tuple[date, date]:
    """The days of a reporting deadline (本年度7月上旬) in a notice of that year: 1–10 July."""
    y = year + deadline.year_offset
    first_day, last_day = PERIOD_DAYS[deadline.period]
    last_day = min(last_day, calendar.monthrange(y, deadline.month)[1])
    return date(y, deadline.month, first_day), date(y, deadline.month, last_day)


# What a deadline's report covers (the notice's words) → the period's id suffix and label;
# the covered year is the deadline's year, or the year before for 上年度 / 上半年 reported in
# January. Words not listed get the deadline's own month as their id.
_COVERS = {
    "上半年": ("-H1", "上半年"),
    "下半年": ("-H2", "下半年"),
    "上年度": ("", "年度"),
    "全年": ("", "年度"),
    "本年度": ("", "年度"),
    "一季度": ("-Q1", "第一季度"),
    "第一季度": ("-Q1", "第一季度"),
    "二季度": ("-Q2", "第二季度"),
    "第二季度": ("-Q2", "第二季度"),
    "三季度": ("-Q3", "第三季度"),
    "第三季度": ("-Q3", "第三季度"),
    "四季度": ("-Q4", "第四季度"),
    "第四季度": ("-Q4", "第四季度"),
}


def reporting_periods(duty: ReportingDuty | None, year: int | None) -> tuple[ReportingPeriod, ...]:
    """The periods the reporting duty asks reports for, in date order: 2020-H1 (上半年, due
    2020-07-10) and 2020 (上年度, due 2021-01-10) for the Dazu notice."""
    if duty is None or year is None:
        return ()
    periods = []
    for deadline in duty.deadlines:
        opens, due = reporting_window(deadline, year)
        suffix, label = _COVERS.get(deadline.covers, (f"-{deadline.month:02d}", deadline.covers))
        # A report due in the first months of a year covers the year before.
        looks_back = opens.month <= 3 and suffix in ("", "-H2", "-Q4")
        covered = opens.year - 1 if looks_back else opens.year
        periods.append(
            ReportingPeriod(
                id=f"{covered}{suffix}",
                label=f"{covered}年度" if suffix == "" else f"{covered}年{label}",
                covers=deadline.covers,
                opens=opens.isoformat(),
                due=due.isoformat(),
            )
        )
    return tuple(sorted(periods, key=lambda p: p.due))
