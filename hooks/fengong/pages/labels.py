"""The site's shared wording: labels of roles, changes and dated kinds, and how dates,
spans of days, numbers and target figures are written in Chinese.

Pages, charts and downloads all import it; it imports nothing of the render side."""

from __future__ import annotations

from datetime import date

from ..model import Clause, Part
from ..numerals import to_chinese as cn_number

__all__ = [
    "BOUND_WORDS",
    "CHANGE_LABELS",
    "DUTY_LABELS",
    "KIND_LABELS",
    "NO_DATE",
    "NO_LEAD",
    "ROLE_LABELS",
    "clause_label",
    "cn_date",
    "cn_number",
    "figure_text",
    "part_label",
    "role_label",
    "span_text",
]

ROLE_LABELS = {"lead": "牵头", "partner": "参与"}
# A unit's role as the notice gives it (model.TASK_ROLES): 配合, 参与 and 协同 are all 参与.
DUTY_LABELS = {"lead": "牵头", "responsible": "负责", "partner": "参与", "guiding": "指导"}
# What stands where a task's lead would be when the notice names none.
NO_LEAD = "未明确牵头单位"
# How a task changed between revisions (fengong.data.revisions kinds), in the order shown.
CHANGE_LABELS = {
    "added": "新增",
    "removed": "删除",
    "moved": "调整所属条款",
    "renumbered": "序号变化",
    "reworded": "文字修改",
    "punctuation": "标点修改",
    "units_changed": "责任单位变化",
    "lead_changed": "牵头单位变化",
}
# A dated item's kind (fengong.pages.dated): the notice's issue date, a task's date mentions,
# a reporting window.
KIND_LABELS = {
    "issued": "印发",
    "deadline": "截止",
    "date": "日期",
    "period": "实施期",
    "reporting": "报送",
}
# What a task whose text names no date says in its place (unit page, print sheet, ledger).
NO_DATE = "通知未写明时限"
# A target's bound, after its figure: 1.4万人以上.
BOUND_WORDS = {"min": "以上", "max": "以下", "exact": ""}


def role_label(assignment) -> str:
    """An assignment's role in words: as the notice gives it, else 牵头 or 参与."""
    if assignment.duty:
        return DUTY_LABELS[assignment.duty]
    return ROLE_LABELS[assignment.role]


def cn_date(iso: str) -> str:
    """2020-04-29 → 2020年4月29日"""
    if not iso:
        return ""
    y, m, d = iso.split("-")
    return f"{int(y)}年{int(m)}月{int(d)}日"


def part_label(part: Part) -> str:
    """A part as headings, links and breadcrumbs name it: 二、稳定就业."""
    return f"{cn_number(part.number)}、{part.title}"


def clause_label(clause: Clause) -> str:
    """A clause as they name it: （一）支持企业稳定岗位."""
    return f"（{cn_number(clause.number)}）{clause.title}"


def span_text(first: date, last: date) -> str:
    """A span of days: 2020年1月1日至12月31日 (the year once when it does not change)."""
    if first == last:
        return cn_date(first.isoformat())
    end = f"{last.month}月{last.day}日" if last.year == first.year else cn_date(last.isoformat())
    return f"{cn_date(first.isoformat())}至{end}"


def figure_text(value: float) -> str:
    """14000 → 1.4万, 12600 → 1.26万, 3.3 → 3.3, 1000 → 1000 (as the notice writes them)."""
    if value >= 10000:
        return f"{value / 10000:g}万"
    return f"{value:g}"
