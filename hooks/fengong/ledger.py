"""The words a unit's returned ledger (任务台账) is read by: sheet names, headers, the hidden
identifiers and the format version. The writer (downloads.py, the pages side) and the reader
(importer/progress.py, the data side) both take them from here, so the two cannot drift."""

from __future__ import annotations

from .model import PROGRESS_STATUSES

# Bump when a returned ledger can no longer be read the way this version reads it.
FORMAT_VERSION = 1

LEDGER_SHEET = "任务台账"
# A very hidden sheet (not listed by Excel's 取消隐藏) of key → value rows.
META_SHEET = "_fengong"
META_FORMAT = "format"
META_UNIT = "unit"
META_DOC_NUMBER = "doc_number"
META_REVISION = "revision"

NUMBER_HEADER = "序号"
TEXT_HEADER = "任务内容"
ROLE_HEADER = "本单位角色"
STATUS_HEADER = "状态"  # one of STATUSES, from a drop-down
PROGRESS_HEADER = "进展情况"
EVIDENCE_HEADER = "佐证材料"  # optional
URL_HEADER = "任务网址"
# Hidden and locked in the workbook; plain columns in the CSV form, which has no hidden sheet.
TASK_ID_HEADER = "任务ID"  # the task's stable id: rows are matched by it, never by position
UNIT_ID_HEADER = "单位ID"
REVISION_HEADER = "修订版本"
ID_HEADERS = (TASK_ID_HEADER, UNIT_ID_HEADER, REVISION_HEADER)

STATUSES = PROGRESS_STATUSES
