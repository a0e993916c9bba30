"""The office's files for each reporting period with returns: the 汇总表 (.xlsx) and the
通报 draft (.docx), as downloads (src_uri → bytes, under paths.period_download)."""

from __future__ import annotations

from ..model import Site
from . import paths
from .period_summary import period_summary, periods_with_reports
from .report_docx import report_docx
from .summary_xlsx import summary_xlsx


def office_files(site: Site) -> dict[str, bytes]:
    files = {}
    for period in periods_with_reports(site):
        summary = period_summary(site, period)
        files[paths.period_download(period.id, "xlsx")] = summary_xlsx(summary)
        files[paths.period_download(period.id, "docx")] = report_docx(summary)
    return files
