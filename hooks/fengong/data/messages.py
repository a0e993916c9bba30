"""Every line the data side (check_data.py, the build) says to the office, in Chinese, as
named templates with `str.format` fields: the office that runs the site reads only Chinese
(see importer/messages.py for why one module and not a gettext catalog)."""

from __future__ import annotations

# -- load.py -----------------------------------------------------------------------------------

LIBRARY_NOT_ONE = (
    "这里有多份通知（{notices}/ 下：{slugs}），不是一份；请加上 --notice {first} 指明是哪一份"
    "（可选：{slugs}）"
)

# -- check_data.py -----------------------------------------------------------------------------

CHECK_DATA_HELP = "检查数据目录（不生成网站；供日常核对与持续集成使用）"
DATA_DIR_HELP = "要检查的数据目录（默认：data/）"
SITE_OK = "{data_dir}: 数据无误：{tasks} 项任务，{clauses} 条条款，{parts} 个部分，{units} 个单位"
WARNINGS_ONLY = "（另有 {warnings} 个警告，见上）"
LIBRARY_OK = "{data_dir}: 数据无误：{notices} 份通知，{units} 个单位"
LIBRARY_NOTICE = "  {slug}：{doc_number}：{tasks} 项任务，{units} 个单位"
INVALID = (
    "{data_dir}: 数据有误（{errors} 个错误，{warnings} 个警告）；请先改正最后列出的 {errors} 个错误"
    "（改完再运行 python scripts/check_data.py --data-dir {data_dir}）"
)
