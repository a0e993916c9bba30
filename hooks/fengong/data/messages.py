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
    "（改完再运行 .venv/bin/python scripts/check_data.py --data-dir {data_dir}）"
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

# -- readers/corrections.py: corrections.yaml as written -------------------------------------

CORR_LABEL = "任务{task}的更正"
CORR_LABEL_NO_TASK = "更正"
CORR_PROBLEM = "{label}：{message}"
CORR_TWO_ACTIONS = "同时写了 {actions}；请每样写成一条更正"
CORR_AND = " 和 "
CORR_NO_TASK = (
    "缺少 'task'（通知公布的任务序号）；程序没当成任务的一行，用 'starts' 加 'is_task: true' 指明"
)
CORR_NOT_A_TASK_UNITS = "不是任务的一行没有责任单位；请删去 'units'、'lead' 和 'roles'"
CORR_NOTHING = (
    "没有写要更正什么；请写 'units'、'lead' 或 'roles'，"
    "或 'not_a_task'、'is_task'、'split_at'、'join_next' 之一"
)
CORR_SECOND = "'second' 只能与 'split_at' 一起用（拆分后的第二项任务）"
CORR_UNITS_TWICE = "'units' 中 {names} 写了两次"
CORR_LEAD_NOT_IN_UNITS = "牵头单位 {missing} 不在 'units' 中；请把它加进 'units'"
CORR_UNKNOWN_ROLE = "未知的角色 {roles}；请用 {known} 之一"
CORR_ROLES_NEED_UNITS = "'roles' 旁边须有 'units'（按顺序每个单位一个角色）"
CORR_ROLES_COUNT = "'roles' 有 {roles} 项，'units' 有 {units} 个单位；请一一对应"
CORR_LEAD_ROLES_DIFFER = "'lead' 与角色为 lead 的单位不一致；请改为一致"

# -- shapes.py: a data file against its declared shape -----------------------------------------


def quoted(words) -> str:
    """Keys and values as the office types them into a file, each quoted where it is ASCII
    (a key, an id, a kind), so no one reads them as words of the message: 'lead'、'partner'."""
    return "、".join(f"'{w}'" if str(w).isascii() else str(w) for w in words)


SHAPE_NOT_MAPPING = "应是含有 {keys} 的映射（键: 值）"
SHAPE_SAY = "{label}：{message}"
SHAPE_UNKNOWN_KEY = "未知的键 '{key}'；可用的键：{known}"
SHAPE_MISSING = "缺少 '{key}'{hint}"
SHAPE_HINT = "（{hint}）"
SHAPE_NULL = "'{key}' 是空的；请写{what}"
SHAPE_WRONG_TYPE = "'{key}' 应是{what}，现为 {value!r}{hint}"
SHAPE_EMPTY_LIST = "'{key}' 是空列表{hint}"
SHAPE_ITEM_NOT_MAPPING = "'{key}' 的每一项都应是映射（键: 值）"
SHAPE_WRONG_ITEM = "'{key}' 应是{items}的列表，其中有 {item!r}"
SHAPE_NOT_A_CHOICE = "'{key}' 应是 {choices} 之一"
SHAPE_EMPTY_TEXT = "'{key}' 是空的{hint}"
SHAPE_UNKNOWN_CHOICE = "未知的 '{key}' 值 '{value}'；请用 {choices} 之一"
SHAPE_PATTERN = "'{key}' {hint}"
SHAPE_BAD_DATE = "日期 {value!r} 有误；请写成 年-月-日，例如 2020-07-08"
SHAPE_LIST_OF = "{items}的列表"
SHAPE_DATE = "日期（年-月-日）"
SHAPE_KINDS = {
    "text": "文字",
    "an integer": "整数",
    "a number": "数字",
    "a mapping": "映射（键: 值）",
    "a list": "列表",
    "true or false": "true 或 false",
}

# -- readers/: each data file ------------------------------------------------------------------

IMPORT_FIRST = (
    "请先导入一份通知：.venv/bin/python scripts/import_notice.py 通知文件{notice}"
    "（.txt、.docx、.pdf 或分工表）"
)
NOTICE_OPTION = " --notice {slug}"
MISSING_FILE = "缺少数据文件；{hint}"
UNITS_BY_IMPORT = "导入一份通知就会生成它"
NO_NOTICE_FOLDER = "没有通知文件夹 '{slug}'；{hint}"
MOVED_NOT_A_NOTICE = (
    "moved_from_single: '{moved}' 不是本库的通知（没有 {notice}）：请写单份通知迁入的文件夹名，"
    "或删去这一行"
)
NOTICE_OWN_AT_TOP = (
    "一份通知自己的{kind}放在了库的顶层（{shown}/ 中才是各份通知）：它属于 {where}，与该通知的 "
    "notice.yaml 放在一起；请把它移到那里，或删去它"
)
NO_NOTICE_FOLDERS = (
    "库中没有通知文件夹；请导入一份："
    ".venv/bin/python scripts/import_notice.py 通知文件 --notice <slug>"
)
BAD_FOLDER_NAME = (
    "文件夹名 '{name}' 不能作通知编号；请改用小写英文字母、数字和“-”（用于网址），"
    "例如 dzfbf-2020-41"
)
EMPTY_NOTICE = "文件是空的；请重新导入通知"
EMPTY_LEDGER = "文件是空的；请重新导入这份台账"
TASK_ID_TWICE = "任务{number}：编号 {id} 也是第 {first} 行那项任务的编号；请重新导入通知以重新编号"
REPORTED_TWICE = "任务编号 {task}：报送了两次（第一次在第 {first} 行）"
CONTRIBUTED_TWICE = "任务编号 {task} 的配合情况：写了两次（第一次在第 {first} 行）"
TAG_TWICE = "标签 '{id}'：id 重复（第一次在第 {first} 行）"
TARGET_TWICE = "目标 '{label}'：label 重复（第一次在第 {first} 行）"
UNITS_NOT_MAPPING = "应是含有 'units:' 的映射"
UNIT_TWICE = "单位 '{id}'：id 重复（第一次在第 {first} 行）"
UNIT_UNCURATED = "单位 '{id}'（{name}）：尚未完善；请补上 kind、full_name 和 aliases"
NAME_OF_TWO_UNITS = (
    "单位 '{id}'：名称 '{name}' 也用于单位 '{other}'（第 {line} 行）；一个名称只能指一个单位"
)
REPLACED_BY_UNKNOWN = (
    "单位 '{id}'：replaced_by '{target}' 不是本文件中的单位 id；请写承接其职能的单位的 id"
)
REPLACED_BY_CIRCLE = "单位 '{id}'：replaced_by 绕了一圈（{circle}）；请删去现行单位的 replaced_by"

# -- validate.py: checks between records ------------------------------------------------------

# The words the importer finds its own warnings by (importer/run.py sums them up instead).
NO_UNIT_WARNING = "没有责任单位"
NUMBERING_GAP = "序号跳过了"
NO_LEAD_WARNING = (
    "没有牵头单位（通知没有规定谁牵头，也没有标明牵头单位：未明确牵头单位）；如要以列第一位的单位"
    "为牵头单位，请加上 --lead-rule first 重新导入通知"
)
V_TASK = "任务{number}"
V_PART = "第{number}部分"
V_CLAUSE = "第{number}条"
V_WHAT = {"task": "任务", "part": "部分", "clause": "条款"}
V_PART_CLAUSE = "第{part}部分的条款"
V_SAY = "{label}：{message}"
V_SOURCE_MISSING = "数据目录中没有源文件 '{file}'；请把通知原文放回数据目录，或重新导入通知"
V_NO_TASKS = (
    "没有任务；请导入一份有编号任务的通知：.venv/bin/python scripts/import_notice.py 通知文件"
)
V_BLOCKS_ORDER = "'blocks'：行号必须递增；请重新导入通知原文"
V_NOT_POSITIVE = "{what}：序号应是正整数，现为 {number!r}；请改为正整数，或重新导入通知"
V_DUPLICATE = "{label}：序号重复（第一次在第 {first} 行）；请改正其中一个的序号，或重新导入通知"
V_GAP = "{what}" + NUMBERING_GAP + " {shown}；请重新编号，或补上缺少的{noun}"
V_CLAUSE_NO_PART = "第{part}部分不存在；请改正它的 'part'，或补上这一部分"
V_CLAUSE_ELSEWHERE = (
    "第{clause}条属于第{parts}部分，不属于第{part}部分；请改正它的 'part' 或 'clause'"
)
V_CLAUSE_MISSING = "第{clause}条不存在；请改正它的 'clause'，或补上这一条"
V_DID_YOU_MEAN = "（是不是 '{name}'？）"
V_UNKNOWN_UNIT = (
    "未知单位 '{name}'{hint}；请把它加入 units.yaml（'name' 或 'written_as'），或改正这个名称"
)
V_LEAD_NOT_UNIT = "牵头单位必须是它的责任单位之一；请把牵头单位加进 'units'，或改正 'lead'"
V_NO_LEAD = (
    "没有牵头单位，而通知规定列第一位的单位牵头；请在 'lead' 中写上列第一位的单位，或重新导入通知"
)
V_ROLES_COUNT = "'roles' 有 {roles} 项，却有 {units} 个单位；请每个单位写一个角色"
V_UNKNOWN_ROLE = "未知的角色 '{role}'；请用 {known} 之一"
V_SNAPSHOT_LABEL = "修订版快照应写明 'label: {label}'；请在这个文件中改为 'label: {label}'"
V_REVISION_NO_TASKS = "修订版 '{label}'：没有任务；请用 --revision {label} 重新导入这一修订版"
V_NO_SNAPSHOT = (
    "现行修订版 '{label}' 没有快照 revisions/{label}/notice.yaml；"
    "请用 --revision {label} 重新导入这一修订版"
)
V_TARGET = "目标 '{label}'"
V_QUOTE_NOT_IN_NOTICE = "引文 '{quote}' 不在通知原文中，因此不在网站上显示；请从通知中原样复制引文"
V_VALUE_NOT_IN_QUOTE = "数值 {value!r} 与引文 '{quote}' 不符；请改正 'value' 或 'quote'"
V_REPORT_UNKNOWN_UNIT = "未知单位 '{unit}'{hint}；请用 units.yaml 中的单位 id"
V_UNKNOWN_PERIOD = "未知报送期 '{period}'；现有报送期：{valid}；请把 'period' 改为其中之一"
V_NO_PERIODS = "无（通知没有规定报送）"
V_PERIOD_FOLDER = "报送期 {period} 的台账放在了文件夹 '{folder}' 中；请把它移到 progress/{period}/"
V_UNIT_FILE = "单位 '{unit}' 的台账放在了文件 '{stem}.yaml' 中；请把它改名为 {unit}.yaml"
V_ENTRY_TASK = "任务编号 {id}"
V_ENTRY_CONTRIBUTION = "配合任务编号 {id}"
V_ENTRY_NO_TASK = "{what}：没有这个编号的任务；请删去这一条，或重新导入这份台账"
V_ENTRY_NOT_ASSIGNED = (
    "{what}（任务{number}）：这项任务没有分工给单位 '{unit}'；"
    "请删去这一条，或核对这是哪个单位的台账"
)
V_TWO_PLACES = (
    "任务{number}：这里的 '{name}' 是{place}的，但单位 '{unit}'（{unit_name}）在通知 "
    "'{seen_slug}' 中是{seen_place}的，而一个单位只属于一个地方；请重新导入不属于它的那份通知"
    "（它会得到自己的单位），或在 units.yaml 中给这个单位加上 'place:'"
)
V_SAME_DOC_NUMBER = (
    "通知 {doc_number}：与 {other} 的文号相同，一份通知只导入一次；请删去其中一个文件夹"
    "（或用 --notice {slug} --revision 修订那份通知）"
)
V_LINK_SELF = "'{key}'：'{slug}' 就是这份通知本身；请写另一份通知的文件夹名"
V_LINK_MISSING = (
    "'{key}'：notices/ 中没有通知 '{slug}'{hint}；只能链接到本站上的通知"
    "（请放回它的文件夹，或删去这个链接）"
)
V_ALIAS_ONLY = (
    "任务{number}：'{name}' 在 units.yaml 中只是单位 '{unit}'（{unit_name}）的俗称；如果通知说的"
    "就是那个单位，请把这个名称加进它的 'written_as'；如果不是，请重新导入通知（这个名称会成为一个"
    "单独的单位）"
)

# -- the build (hooks/site.py): its closing line, for the hook to use -------------------------

BUILD_INVALID = (
    "{data_dir} 中有 {errors} 个错误、{warnings} 个警告；请改正最后列出的错误后重新生成"
    "（make check 只检查数据，不生成网站）"
)

# The build's own lines (hooks/site.py), read by whoever runs make build or make serve.
NO_PUBLIC_ADDRESS = (
    "没有公开网址（site_url 为 {site_url}）：二维码、规范链接和下载文件里的"
    "链接都不写入；正式发布时请这样生成：FENGONG_SITE_URL=https://…/ make build"
)
SERVE_WITHOUT_CSP = (
    "mkdocs serve 预览的页面不带内容安全策略（自动刷新是页内脚本）；make build 生成的页面带有"
)
WORKER_FAILED = "{doing}失败（原因见上）"
DOCS_SHADOWED = "docs/{src_uri} 会被生成的页面替换；请给手写的文件改名或删去它"
