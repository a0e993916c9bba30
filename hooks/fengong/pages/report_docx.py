"""A 通报 / 汇总报告 draft for one reporting period (.docx, python-docx): the figures, the
lagging and unstarted tasks in their units' own words, and the lead units that have not
reported, for the office to check and finish. It says on its first line that it is a draft;
its title, 文号 and closing are left for the office; it words nothing the data does not
hold. Chinese official layout (GB/T 9704): A4, 方正小标宋简体 title, 黑体 headings,
仿宋_GB2312 body at 三号 (16 pt), the page number in the footer. The fonts are named, not
shipped: Word uses them where they are installed.

Deterministic bytes: the core properties are the period's latest received day, and the zip
entries carry fixed timestamps in a fixed order."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime, time

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

from .labels import cn_date
from .period_summary import COUNT_HEADERS, PeriodSummary, window
from .standing import COUNT_KEYS, NO_REPORT_KEY

DRAFT = "【草稿：根据各单位报送的台账自动生成，请核实修改后使用】"
TITLE = "（标题：由办公室填写）"
DOC_NUMBER = "（文号：由办公室填写）"
CLOSING = "（此处由办公室填写下一步工作安排。）"

BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
TITLE_FONT = "方正小标宋简体"
BODY_SIZE = Pt(16)  # 三号
TABLE_SIZE = Pt(10.5)  # 五号: a table of tasks in the units' words
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def report_docx(summary: PeriodSummary) -> bytes:
    doc = Document()
    _page(doc)
    _style(doc)
    _say(doc, DRAFT, font=HEADING_FONT, bold=True)
    _say(doc, DOC_NUMBER, align=WD_ALIGN_PARAGRAPH.CENTER)
    _say(doc, TITLE, font=TITLE_FONT, size=Pt(22), align=WD_ALIGN_PARAGRAPH.CENTER)
    _say(doc, opening(summary), indent=True)

    lagging = summary.lagging()
    _say(doc, "一、滞后和未启动的任务", font=HEADING_FONT, indent=True)
    if lagging:
        _say(
            doc,
            f"牵头单位报送为滞后或未启动的任务共{len(lagging)}项，各单位报送的情况如下：",
            indent=True,
        )
        _lagging_table(doc, summary)
    else:
        _say(doc, "本期没有牵头单位报送为滞后或未启动的任务。", indent=True)

    _say(doc, "二、未报送的牵头单位", font=HEADING_FONT, indent=True)
    if summary.owed:
        names = "、".join(f"{o.unit.name}（牵头任务{len(o.tasks)}项）" for o in summary.owed)
        _say(
            doc,
            f"截至{cn_date(summary.as_of)}，以下{len(summary.owed)}个牵头单位未报送：{names}。",
            indent=True,
        )
    else:
        _say(doc, "各牵头单位均已报送。", indent=True)

    _say(doc, "三、下一步工作", font=HEADING_FONT, indent=True)
    _say(doc, CLOSING, indent=True)
    return _fixed(doc, summary)


def opening(summary: PeriodSummary) -> str:
    """The figures, as the data has them: the returns, the tasks reported, by status."""
    notice = summary.site.notice
    total = sum(summary.counts)
    reported = summary.reported
    returned, owed = len(summary.returned), len(summary.owed)
    by_status = "，".join(
        f"{word}{n}项（占已报送任务的{_percent(n, reported)}）"
        for key, word, n in zip(COUNT_KEYS, COUNT_HEADERS, summary.counts, strict=True)
        if key != NO_REPORT_KEY
    )
    unreported = summary.counts[COUNT_KEYS.index(NO_REPORT_KEY)]
    return (
        f"按照《{notice.title}》（{notice.doc_number}）的报送要求，{summary.period.label}"
        f"报送时间为{window(summary)}。截至{cn_date(summary.as_of)}，应报送的{returned + owed}个"
        f"牵头单位中已有{returned}个报送。通知所列{total}项任务中，牵头单位已报送{reported}项"
        f"（占{_percent(reported, total)}）：{by_status}；尚未报送{unreported}项。"
    )


def _lagging_table(doc, summary: PeriodSummary) -> None:
    heads = ("序号", "任务内容", "牵头单位", "状态", "单位报送的进展情况")
    widths = (Mm(12), Mm(52), Mm(22), Mm(16), Mm(54))
    rows = summary.lagging()
    table = doc.add_table(rows=1 + len(rows), cols=len(heads))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid LibreOffice lays out by; each cell's width for Word
    for col, head in enumerate(heads):
        _cell(table.cell(0, col), head, widths[col], bold=True)
    for r, line in enumerate(rows, 1):
        several = len(line.reports) > 1
        words = "\n".join(
            (f"{s.unit.name}：" if several else "") + (s.progress or "（未填写）")
            for s in line.reports
        )
        texts = (
            str(line.task.number),
            line.task.text,
            "、".join(u.name for u in line.lead),
            line.word,
            words,
        )
        for col, text in enumerate(texts):
            _cell(table.cell(r, col), text, widths[col])
    _repeat_header(table.rows[0])


def _cell(cell, text: str, width, bold: bool = False) -> None:
    cell.width = width
    paragraph = cell.paragraphs[0]
    for i, line in enumerate(text.split("\n")):
        if i:
            paragraph = cell.add_paragraph()
        run = paragraph.add_run(line)
        _font(run, HEADING_FONT if bold else BODY_FONT, TABLE_SIZE)
        paragraph.paragraph_format.first_line_indent = 0
        paragraph.paragraph_format.line_spacing = 1.0


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _say(
    doc,
    text: str,
    *,
    font: str = BODY_FONT,
    size=BODY_SIZE,
    bold: bool = False,
    align=None,
    indent: bool = False,
) -> Paragraph:
    paragraph = doc.add_paragraph()
    run = paragraph.add_run(text)
    run.bold = bold
    _font(run, font, size)
    if align is not None:
        paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(32)  # two characters
    return paragraph


def _font(run, name: str, size) -> None:
    run.font.name = name
    run.font.size = size
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _page(doc) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # The page number is Word's own PAGE field: the one field here, and no data goes in it.
    _font(footer.add_run("— "), BODY_FONT, Pt(14))
    run = footer.add_run()
    _font(run, BODY_FONT, Pt(14))
    for kind, text in (
        ("begin", None),
        (None, " PAGE "),
        ("separate", None),
        (None, "1"),
        ("end", None),
    ):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText" if text == " PAGE " else "w:t")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._element.append(el)
    _font(footer.add_run(" —"), BODY_FONT, Pt(14))


def _style(doc) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = BODY_SIZE
    rpr = normal.element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    lang = OxmlElement("w:lang")  # Chinese, so Word breaks lines and checks words as such
    lang.set(qn("w:val"), "zh-CN")
    lang.set(qn("w:eastAsia"), "zh-CN")
    rpr.append(lang)
    normal.paragraph_format.line_spacing = Pt(28)  # 固定值28磅, as official documents set
    normal.paragraph_format.space_after = Pt(0)


def _fixed(doc, summary: PeriodSummary) -> bytes:
    """The document's bytes, the same for the same data: dated by the period's latest
    received day, its zip entries stamped 1980-01-01 in the order python-docx wrote them."""
    when = datetime.combine(datetime.fromisoformat(summary.as_of).date(), time())
    props = doc.core_properties
    props.title = f"{summary.site.notice.doc_number} {summary.period.label}落实情况（草稿）"
    props.author = props.last_modified_by = "fengong"
    props.created = props.modified = props.last_printed = when
    props.revision = 1
    props.comments = props.keywords = props.subject = props.category = ""
    out = io.BytesIO()
    doc.save(out)
    fixed = io.BytesIO()
    with zipfile.ZipFile(out) as src, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    return fixed.getvalue()


def _percent(n: int, total: int) -> str:
    return f"{n * 100 / total:.1f}%" if total else "—"
