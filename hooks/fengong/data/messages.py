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

# -- yamlio.py: reading a data file ------------------------------------------------------------

DUPLICATE_KEY = "键 {key!r} 写了两次"
YAML_SYNTAX = "YAML 写法有误：{what}；请改正这一行（或上一行）"
YAML_ERROR = "YAML 无法读取：{what}；请用文本编辑器检查这个文件"
NOT_UTF8 = "不是 UTF-8 文本（第 {at} 个字节起无法解码）；请另存为 UTF-8 编码"
CANNOT_READ = "无法读取：{why}；请核对路径"
# PyYAML's usual complaints, said as what to fix; any other is shown as PyYAML says it.
YAML_PROBLEMS = (
    ("mapping values are not allowed here", "这里不能写“键: 值”；文字中有“: ”时请给整段文字加引号"),
    ("could not find expected ':'", "缺少“:”（键和值之间要有冒号和空格）"),
    ("found character '\\t' that cannot start any token", "有制表符（Tab）；请改用空格缩进"),
    ("expected <block end>, but found", "缩进没有对齐"),
    ("expected <block mapping start>, but found", "缩进没有对齐"),
    ("expected ',' or ']', but got", "方括号 [ ] 没有配对"),
    ("expected ',' or '}', but got", "花括号 { } 没有配对"),
    ("found unexpected end of stream", "引号没有配对，文件在引号中结束"),
    ("did not find expected '-' indicator", "列表项没有对齐（同一列表的“- ”要对齐）"),
    ("did not find expected key", "缩进没有对齐，或缺少“键:”"),
    ("found undefined alias", "用了未定义的别名（*）"),
    ("found duplicate anchor", "锚点（&）重复"),
)
# The errors the office reads in the operating system's words.
OS_ERRORS = {
    "No such file or directory": "文件或目录不存在",
    "Permission denied": "没有读取权限",
    "Is a directory": "这是一个目录，不是文件",
}
