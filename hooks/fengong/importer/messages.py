"""Every line the importer's tools say to the office, in Chinese, as named templates.

The people who run the site (a 领导小组办公室, a 政务公开 office) read only Chinese, so the
messages are written here in Chinese rather than kept in an English gettext catalog: one place
to read and reword them, `str.format` fields for the values. Each error ends with the next step
(a command to run or an edit to make), with the actual values; never a Python name. Messages
use the notices' terms: 牵头单位, 责任单位, 文号, 台账, 报送期, 任务.
"""

from __future__ import annotations

# -- import_notice.py and import_progress.py: their closing lines -----------------------------

IMPORT_FAILED = (
    "导入失败：{errors} 个错误，{data_dir} 未作任何改动；请按上面列出的错误修改后重新导入"
)
REPORT_WRITTEN = "核对页面：{path}（用浏览器打开，逐条核对任务与原文）"
NO_REPORT_FOLDER = "--report：文件夹 {folder} 不存在；请先创建它（mkdir -p {folder}）"
REVISION_NEEDS_DATE = "--revision 与 --date 须一起使用，例如 --revision 2021-03 --date 2021-03-15"

# -- import_progress.py: the run ---------------------------------------------------------------

BAD_DATE = "日期 {date!r} 格式不对；请写成 年-月-日，例如 --date 2020-07-05"
FIX_DATA_FIRST = (
    "数据有错误，本次未导入任何台账；请先按上面的错误修改数据"
    "（可运行 .venv/bin/python scripts/check_data.py --data-dir {data_dir} 检查）"
)
UNKNOWN_PERIOD = "没有报送期 {period!r}；现有报送期：{periods}；请用 --period 指明其中之一"
PERIOD_LISTED = "{id} {covers}，报送 {window}"
NO_PERIODS = "（本通知没有报送期）"
DATE_IN_NO_WINDOW = "{date} 不在任何报送期的报送时间内"
DATE_IN_SEVERAL_WINDOWS = "{date} 同时在几个报送期的报送时间内"
NAME_THE_PERIOD = "{why}；请用 --period 指明报送期（现有：{periods}），本次未导入任何台账"
UNKNOWN_UNIT = "没有单位 {unit!r}；请用 units.yaml 里的单位 id，例如 --unit {example}"
UNKNOWN_UNIT_NEAR = "没有单位 {unit!r}；是不是 {name}（--unit {example}）？单位 id 见 units.yaml"
UNKNOWN_NOTICE = (
    "{data_dir}/{notices}/ 里没有通知 {notice!r}；请改为 --notice 加上其中之一：{slugs}"
)
SECOND_RETURN = "本次导入中 {unit}（{unit_id}）的第二份台账（第一份：{first}）；请只导入其中一份"
PERIOD_FOUND = "报送期 {period}（{covers}）：其报送时间 {window} 包含收到日期 {date}"

# -- import_progress.py: checking one returned ledger against the notice -----------------------

LEDGER_OF_UNKNOWN_UNIT = (
    "这是单位 '{unit}' 的台账，units.yaml 里没有这个单位；请核对报送单位，或在 units.yaml 中补上它"
)
LEDGER_OF_OTHER_UNIT = (
    "这是 {unit}（{unit_id}）的台账，不是 {expected}（{expected_id}）的；请核对是哪个单位报送的"
)
LEDGER_OF_OTHER_NOTICE = (
    "这是 {other} 的台账，不是 {doc_number} 的；请核对文号，或用 --notice 指明它所属的通知"
)
ANOTHER_NOTICE = "另一份通知"
ROW_WITHOUT_TASK = "这一行没有任务编号；请只在下载的台账原有的行中填写进展"
TASK_LABEL = "任务编号 {task_id}"
TASK_LABEL_NUMBERED = "任务编号 {task_id}（任务{number}）"
SECOND_ROW = "{label}：同一任务的第二行（第一行在第 {first} 行）；请只保留一行"
NOT_ASSIGNED = (
    "{label}：这项任务没有分工给 {unit}（{unit_id}）；请删去这一行，或核对台账是哪个单位的"
)
BAD_STATUS = "{label}：状态 '{status}' 不在可选项中（{statuses}）；请从下拉列表中选一项"
SHARED_TASK = (
    "{label}：{unit} 是这项任务的责任单位（非牵头单位），这一行作为它的配合情况导入；"
    "任务状态仍由牵头单位报送"
)
TEXT_EDITED = "{label}：台账中的任务内容被改动过；以通知原文为准（按任务编号导入）"
NO_STATUS = "{label}：填了进展情况，但没有选状态；这一行未导入，请选一个状态"
LEADS_NOTHING = "{unit}（{unit_id}）没有牵头的任务，在配合的任务行中也没有填写：没有可导入的内容"
NOT_REPORTED = "未报送：{numbers}（{unit} 牵头的 {led} 项任务中有 {count} 项没有填状态）"
TASK_REMOVED = (
    "任务编号 {task_id}（修订版 '{last}' 的任务{number}）已在修订版 '{removed_in}' 中删除；"
    "这份台账是{made}的：请下载现行台账，把进展抄过去"
)
MADE_OF_REVISION = "修订版 '{revision}'"
MADE_OF_NO_REVISION = "没有修订版标记"
TASK_OF_OLD_REVISION = (
    "未知任务编号 {task_id}；这份台账是{made}的，通知现为修订版 '{current}'："
    "请下载现行台账，把进展抄过去"
)
TASK_ID_CHANGED = "未知任务编号 {task_id}；隐藏的任务编号列被改动过：请从下载的台账恢复这一行"

# -- import_progress.py: what the run did ------------------------------------------------------

WROTE = "写入 {rel}"
REPLACED = "替换 {rel}（{count} 处变化）"
STATUS_COUNT = "{status} {count}"
NO_STATUS_COUNT = "无"
CONTRIBUTIONS = "，配合任务填写 {count} 项"
SUMMARY = (
    "{shown}: {unit}（{unit_id}），{period}：牵头的 {led} 项任务报送了 {reported} 项"
    "（{statuses}）{contributions}；{verb}"
)
RECEIVED_CHANGED = "收到日期：{before} → {after}"
CHANGE_NAME = "任务{number}（任务编号 {task_id}）"
CHANGE_CONTRIBUTION = "{name}：配合情况"
NEWLY_REPORTED = "{name}：新报送"
NO_LONGER_REPORTED = "{name}：不再报送"
WAS_STATUS = "（原为 {status}）"
STATUS_CHANGED = "{name}：状态 {before} → {after}"
PROGRESS_CHANGED = "{name}：进展情况有改动"
EVIDENCE_CHANGED = "{name}：佐证材料有改动"

# -- reading a returned ledger (importer/ledgers.py) -------------------------------------------

NOT_OURS = "不是本站下载的台账（{why}）；请从单位页面下载该单位的任务台账，在那份文件中填写后报送"
NOT_OURS_NO_META = "没有“标识”工作表"
NOT_OURS_NO_UNIT = "没有写明单位"
NOT_OURS_NO_COLUMN = "没有“{column}”列"
CANNOT_READ_SUFFIX = "无法读取 '{suffix}' 文件；请把台账存为 .xlsx、.xls、.ods 或 .csv 后报送"
LEDGER_FORMAT = "台账格式为 {found}，本工具读取格式 {expected}；请下载该单位的现行台账"
UNKNOWN_FORMAT = "未知"
CANNOT_OPEN = "无法打开（{why}）；请存为 Excel 工作簿（.xlsx）"
NO_HEADER_SHEET = "没有哪个工作表有台账的表头行（{headers}）；请按下载时的列报送台账"
CANNOT_READ = "无法读取：{why}"
NOT_TEXT = "既不是 UTF-8 也不是 GB18030 文本；请另存为“CSV UTF-8”"
BAD_CSV = "CSV 格式有误：{why}；请用 Excel 另存为“CSV UTF-8”"
SEVERAL_UNITS = "包含几个单位的行（{units}）；请一个单位报送一份台账"
MISSING_COLUMNS = "表头行没有 {headers} 列；请恢复下载时的列（只可添加自己的列）"
TASK_ID_NOT_NUMBER = "任务编号 {raw!r} 不是数字；请从下载的台账恢复这一行"

# -- diff_revisions.py -------------------------------------------------------------------------

DIFF_NO_NOTICE_FILE = "这个目录里没有 {file}；请给出数据目录，或通知原文（.txt 或 .docx）"
DIFF_NO_SUCH_FILE = "没有这个文件或目录；请核对路径"
DIFF_UNKNOWN_KIND = (
    "无法判断 '{what}' 是什么文件；请给出通知原文（.txt 或 .docx）、数据目录或其中的 {file}"
)
DIFF_NOT_NOTICE = "不是 notice.yaml：应是含 'tasks' 列表的映射（由 scripts/import_notice.py 写出）"
DIFF_TASK_NOT_MAPPING = "第 {position} 项任务：应是一个映射（键: 值）"
DIFF_NUMBER_NOT_INTEGER = "第 {position} 项任务：'number' 应是整数，现为 {number!r}"
DIFF_DUPLICATE_NUMBER = "任务{number}：编号重复（第一次在第 {first} 行）"
DIFF_TEXT_NOT_STRING = "第 {position} 项任务：'text' 应是文字"
DIFF_NOT_NAME_LIST = "第 {position} 项任务：'{key}' 应是单位名称的列表"

# -- diff_revisions.py: the report (importer/revision_report.py) -------------------------------

DIFF_HEAD = "修订对比：{old} → {new}"
DIFF_TASKS = "任务：{old} 项 → {new} 项（{summary}）"
DIFF_KIND_COUNT = "{kind} {count}"
DIFF_PART = "部分 {line}"
DIFF_CLAUSE = "条 {line}"
DIFF_NO_HEADING_CHANGE = "部分和条：没有变化"
DIFF_NO_TASK_CHANGE = "没有任务变化"
DIFF_UNCHANGED = "未变：{count} 项任务"
DIFF_RENUMBERED = "{old} → {new}：序号变化"
DIFF_RENUMBERED_ONLY = "{old} → {new}：只有序号变化（{count} {noun}）"
DIFF_NOUNS = {"tasks": "项任务", "parts": "个部分", "clauses": "条"}
DIFF_CHANGE = "{old} → {new}：{kinds}"
DIFF_UNITS = "    责任单位：{units}"
DIFF_MOVED_PART = "  所属部分：{old} → {new}"
DIFF_MOVED_CLAUSE = "  所属条款：{old} → {new}"
DIFF_UNITS_REMOVED = "  责任单位 - {unit}"
DIFF_UNITS_ADDED = "  责任单位 + {unit}"
DIFF_UNITS_REORDERED = "  责任单位顺序：{old} → {new}"
DIFF_LEAD = "  牵头单位：{old} → {new}"
DIFF_PART_REF = "第{number}部分"
# A change's kind (data/revisions.py), as the site's /changes/ page names it (pages/labels.py).
DIFF_KINDS = {"renamed": "标题修改", "unchanged": "未变"}

# -- applying corrections.yaml (importer/corrections.py) ---------------------------------------

CORR_HINT = "请对照通知原文核对这项任务，再修改或删去这条更正"
CORR_APPLIED = "应用了 {shown} 中的更正：{applied} 条（共 {count} 条）"
CORR_APPLIED_TASK = "任务{task}：{says}"
CORR_LABEL_TASK = "任务{number}“{starts}”的更正"
CORR_SEVERAL_TASKS = (
    "{label}：有 {count} 项序号为 {number} 的任务都以这几个字开头；未应用：请在 'starts' "
    "中多写几个字"
)
CORR_RENUMBERED = "以这几个字开头的任务现在序号为 {now}（重新编号了？）"
CORR_REWORDED = "任务{number}现在的开头是 {now}（文字改了？）"
CORR_NO_TASK = "通知中现在没有任务{number}"
CORR_NO_LONGER = "{label}对不上了，未应用：{why}；{hint}"
CORR_LABEL_LINE = "更正“{starts}”（is_task）"
CORR_SEVERAL_LINES = "{label}：第 {lines} 行都以这几个字开头；未应用：请在 'starts' 中多写几个字"
CORR_LINE_IS_TASK = "{label}：这一行已经是任务；请删去这条更正"
CORR_NO_LINE = "{label}对不上了，未应用：任务以外没有以这几个字开头的行；{hint}"
CORR_TWICE = "任务{number}已在第 {first} 行更正过；请把两处写在同一条更正中"
CORR_LINE_TWICE = (
    "更正“{starts}”（is_task）：通知的第 {line} 行已由第 {first} 行的更正设为任务；只写一次"
)
CORR_NOT_NEXT = "任务{task}的更正：任务{next}不紧接在它后面，未合并；{hint}"
CORR_SPLIT_MISSING = (
    "任务{task}的更正：“{split_at}”（split_at）不在它开头几个字之后的文字中，未拆分；{hint}"
)
CORR_NOT_A_TASK = "“{text}”：不是任务"
CORR_SPLIT_FIRST = "拆成两项：第一项"
CORR_SPLIT_SECOND = "拆成两项：第二项，从“{split_at}”起"
CORR_JOINED = "与下一项任务（通知中的任务{next}，“{starts}”）合并"
CORR_LINE_MADE_TASK = "一行设为任务"
CORR_SAYS = "“{text}”：{says}"
CORR_UNITS = "责任单位 {units}"
CORR_LEAD = "牵头单位 {lead}"
CORR_ROLES = "角色 {roles}"
CORR_NONE = "无"
# A unit's role in a correction (model.TASK_ROLES), as the site names it (pages/labels.py).
CORR_ROLE_WORDS = {"lead": "牵头", "responsible": "负责", "partner": "配合", "guiding": "指导"}

# -- reading a notice's text (importer/parse.py, importer/units.py) ---------------------------

PARSE_NO_TASKS = (
    "没有读到任务；附件中应有带编号的任务，例如 '1．…（责任单位：…）'：请核对源文件中任务的编号"
    "和责任单位的括号，或把附件录入分工表后导入"
)
PARSE_NO_TASKS_IN_TABLE = (
    "这个表头下的表格中没有读到任务；请核对表格的序号列和任务列，或把附件录入分工表后导入"
)
PARSE_RUN_ON = (
    "没有读到任务：这一行有 {count} 个连在一起的编号项（1、… 2、… 3、…），像是复制时丢了分段；"
    "请让每项任务各占一行，或把附件录入分工表后导入"
)
# The start of PARSE_CANNOT_PLACE and PARSE_CANNOT_PLACE_ROW: a correction settles them.
PARSE_CANNOT_PLACE_START = "无法归类 "
PARSE_CANNOT_PLACE = (
    PARSE_CANNOT_PLACE_START + "'{text}'（不是部分、条款、任务或单位列表），作为附件的一段文字"
    "保留；如它是任务，请在 corrections.yaml 中用 'starts' 和 'is_task: true' 指明"
)
PARSE_CANNOT_PLACE_ROW = (
    PARSE_CANNOT_PLACE_START + "'{text}'（不是表格行、部分或条款），作为附件的一段文字保留；"
    "如它是任务，请在 corrections.yaml 中用 'starts' 和 'is_task: true' 指明"
)
PARSE_TASK = "任务{number}：{message}"
PARSE_UNCLOSED = (
    "任务{number}：单位列表 '{units}' 缺少右括号 '）'，这项任务导入时没有责任单位；请在源文件中"
    "补上 '）' 后重新导入，或在 corrections.yaml 中写明它的 'units'"
)
# The words of PARSE_NO_UNIT a correction settles (a task's units given in corrections.yaml).
PARSE_NO_UNIT_FOUND = "没有找到责任单位"
PARSE_NO_UNIT = (
    "任务{number}：" + PARSE_NO_UNIT_FOUND + "，这项任务发布时不列单位；如通知写了单位，"
    "请在 corrections.yaml 中写明它的 'units'"
)
PARSE_UNIT_LIST_BAD = (
    "任务{number}：{why}；这项任务导入时没有责任单位：请改正源文件后重新导入，或在 "
    "corrections.yaml 中写明它的 'units'"
)
PARSE_CELL_BAD = (
    "任务{number}：{why}；这一格未读：请改正源表格后重新导入，"
    "或在 corrections.yaml 中写明它的 'units'"
)
PARSE_GLUED = (
    "表格的几格粘在一起，{why}；这一行的其余部分已导入：请核对这一行，或把表格录入分工表后导入"
)
PARSE_MATRIX = (
    "以单位为行、任务为列的矩阵表无法读取；请把它录入分工表：一项任务一行，带“牵头单位”和"
    "“配合单位”列（见 README.zh-CN.md 中的分工表），再导入分工表"
)
PARSE_NO_TASK_COLUMN = (
    "表头没有任务列（任务、工作任务、重点任务、改革举措或事项），现有 {found}：请把存放任务的那一列"
    "的表头改为“任务”后重新导入"
)
PARSE_COLUMN_NOT_UNITS = (
    "表格的 '{header}' 列中没有单位名称（例如 '{example}'）；请核对表格的列和表头后重新导入"
)
PARSE_TASK_CELL_EMPTY = (
    "任务{number}：任务一格是空的，这一行没有导入；如它是任务，请在源表格中补上任务内容后重新导入"
)
PARSE_DUPLICATE_NUMBER = (
    "任务{number}：序号重复（第一次在第 {first} 行）；两项都保留，按顺序编号并记下原序号："
    "请核对源文件中是否有一项编错了序号"
)
PARSE_NUMBERS = "通知中的任务序号{what}；任务按顺序编为 1–{count}，每项保留原序号"
PARSE_NUMBERS_RESTART = "从 1 重新开始（第 {lines} 行）"
PARSE_NUMBERS_SKIP = "跳过了 {numbers}"
PARSE_NUMBERS_DISORDER = "顺序不对"
PARSE_PART_RESTART = (
    "通知中的部分序号重新开始（第二个第{number}部分）；各部分按顺序编为 1–{count}：请核对源文件"
    "是否把两份文件放在了一起，或某个标题编错了序号"
)
PARSE_CLAUSE_RESTART = (
    "通知中{where}的条款序号重新开始（第二个第{number}条）；{where}的条款按顺序编为 1–{count}："
    "请核对源文件中是否有一个标题编错了序号"
)
PARSE_IN_PART = "第{part}部分"
PARSE_IN_NOTICE = "附件"
PARSE_PART_GAP = (
    "通知中的部分序号跳过了 {shown}（这一部分之前没有找到这样的标题）；各部分保持原编号："
    "请核对源文件中是否丢了标题"
)
PARSE_CLAUSE_GAP = (
    "通知中{where}的条款序号跳过了 {shown}（这一条之前没有找到这样的标题）；条款保持原编号："
    "请核对源文件中是否丢了标题"
)
UNITS_EMPTY = "单位列表是空的"
UNITS_EMPTY_NAME = (
    "'{raw}' 中有空的单位名称（多了一个分隔符），按它两边的名称读取；请核对源文件，如漏了名称，"
    "请在 corrections.yaml 中更正"
)

# -- a spreadsheet 分工表 as a source (importer/spreadsheet.py) --------------------------------

SHEET_EMPTY = "表格是空的；分工表应有表头行（序号、任务、牵头单位、责任单位 …）"
CSV_UNDECODABLE = (
    "CSV 既不是 UTF-8 也不是 GB18030 编码（第 {at} 个字节）；请在 Excel 中另存为“CSV UTF-8”或 .xlsx"
)
CSV_BINARY = "这是二进制文件，不是 CSV（含空字节）；请把表格另存为 .xlsx 或 CSV"
CSV_UNREADABLE = "CSV 无法读取（{why}）；请把表格另存为 .xlsx"
SHEET_UNREADABLE = "表格文件无法读取（文件已损坏，或不是表格）；请另存为 .xlsx 或 CSV"
SHEET_UNREADABLE_SHEET = "工作表 {name!r} 无法读取（已损坏）；请另存为 .xlsx 或 CSV"

# -- the head of a written progress file (data/progress/<period>/<unit>.yaml) ------------------

PROGRESS_FILE_HEAD = (
    "# {unit}，{period}：由 scripts/import_progress.py 根据交回的台账写出。\n"
    "# 要改动，请重新导入台账，不要直接修改本文件。\n"
)

# -- table cells glued together (importer/glued.py): why a row's cells are not certain --------

GLUED_TASK_NOT_FIRST = "任务不是序号后的第一列"
GLUED_NO_TASK_END = "无法判断任务在哪里结束、单位从哪里开始"
GLUED_NOT_UNITS = "单位未读出：'{units}' 不是单位名称的列表"
GLUED_CELL_END = "无法判断{column}一格在 '{units}' 中的哪里结束"
GLUED_ROW = "第 {number} 行：{problem}"
# A table column (tables.COLUMNS) as its usual header names it.
GLUED_COLUMNS = {
    "lead": "牵头单位",
    "partner": "配合单位",
    "responsible": "责任单位",
    "guiding": "指导部门",
    "leaders": "责任领导",
}

# The move of a single notice into a library (import_notice.py --notice, move_to_library.py).
MOVE_FAILED = "迁移未完成；{data_dir} 没有改动"
MOVE_UNDONE = "导入失败，迁入 notices/{slug}/ 的迁移已撤销"
ALREADY_LIBRARY = "已经是多份通知的库，无需迁移"
NOTHING_TO_MOVE = (
    "没有可迁移的通知；请先导入一份：.venv/bin/python scripts/import_notice.py 通知文件"
)
NO_SLUG_FROM_DOC_NUMBER = (
    "无法由文号生成通知标识；请用 --notice <slug> 指定一个（例如 dzfbf-2020-41）"
)
BAD_SLUG = (
    "通知标识 '{slug}' 不可用：只能用小写英文字母、数字和 '-'（它是通知的文件夹名和网址），"
    "例如 dzfbf-2020-41"
)
MOVED = (
    "已把通知迁入 {folder}（{names}）；单位名录等留在顶层；{settings} 记下 moved_from_single: "
    "{slug}，网站原来的地址会转到新地址，日历的事件标识不变"
)
LOCK_BUSY = (
    "另一个导入或迁移正在写入这个数据目录（已等待 {wait} 秒）；本次没有改动任何文件；"
    "请等它完成后再运行一次"
)

# Units new to the registry, made beside another unit of the same name or alias.
ISSUER_UNKNOWN = (
    "读不出这份通知的发文机关（没有读到发文机关或文号），因而不知道它属于哪个地方：它的简称"
    "（{names}）会并入同名的单位，不论是哪个地方的；如果这份通知是另一个地方的，请在源文件里"
    "补上发文机关一行后重新导入"
)
STUB_MADE = "'{name}' 成为一个单独的单位{where}，id 为 '{stub_id}'：{why}"
STUB_ALIAS_ONLY = (
    "'{name}' 只是单位 '{other_id}'（{other_name}）的俗称；如果通知说的就是那个单位，请从 "
    "{units} 中删去 '{stub_id}'，并在单位 '{other_id}' 下加上 `written_as: [{name}]`"
)
STUB_OTHER_PLACE = (
    "按写到它的通知，单位 '{other_id}'（{other_name}）属于{places}；两个地方的单位分开记"
    "（地方取自通知的发文机关和文号）；如果发文机关读错了，请在源文件中改正后重新导入"
)

# The import's own checks of its options and folder (importer/run.py).
NO_SLUG_FROM = (
    "无法由文号 '{doc_number}' 生成通知标识；请用 --notice <slug> 指定一个（例如 dzfbf-2020-41）"
)
FOLDER_OF_ANOTHER = (
    "这个文件夹里是另一份通知（{number}），不是 {new}；请用 --notice <slug> 给这份通知另起一个标识"
)
BAD_REVISION_LABEL = (
    "修订版本标签 '{label}' 不可用：只能用英文字母、数字、'.'、'_' 或 '-'（它会出现在网址里），"
    "例如 2021-03"
)
REVISION_EXISTS = "修订版本 '{label}' 已经有了；请另起一个标签"
BAD_REVISION_DATE = "日期 '{date}' 写法不对；请写成 YYYY-MM-DD，例如 2021-03-15"

# What the importer understood (importer/run.py), one line each, for a person to check.
SUMMARY_IMPORTED = (
    "已导入 {source}：{tasks} 项任务，{clauses} 条条款，{parts} 个部分，{names} 个单位名称"
)
SUMMARY_LAYOUT = "  版式：{layout}"
SUMMARY_LEAD_RULE = "  牵头规则：“{rule}”{where}"
SUMMARY_NO_LEAD_RULE = "  牵头规则：通知未写明{rule}；{marked} 项任务标明了牵头单位"
SUMMARY_RULE_FIRST = "；未标明牵头的任务由列第一的责任单位牵头（--lead-rule first）"
SUMMARY_RULE_NONE = "；未标明牵头的任务不指定牵头单位（未明确牵头单位）"
SUMMARY_COUNTED = "  计数：{parts} 个部分，{clauses} 条条款，{tasks} 项任务"
SUMMARY_UNNUMBERED = "（其中 {unnumbered} 项通知未编号，按顺序编号）"
SUMMARY_NO_UNITS = "  没有责任单位的任务：{count} 项（{places}）"
SUMMARY_NO_UNITS_NONE = "  没有责任单位的任务：无"
SUMMARY_NOT_PLACED = "  未能归位的行：{count} 行（{places}）"
SUMMARY_NOT_PLACED_NONE = "  未能归位的行：无"
SUMMARY_NEW_UNITS = (
    "{count} 个新单位已作为待整理条目加入 {units}；请补上它们的 'kind'、'full_name' 和 'aliases'："
    "{names}"
)
SUMMARY_STUB_IDS = (
    "  这些单位标识会成为单位页面的固定地址（units/<标识>/）：{ids}；如要改，请在发布前改"
)
UNRUN = "一行里连排的段落：已按编号重新分行，多出 {lines} 行（按读到的行保存为源文件）"
PDF_JOINED = "PDF 折行已接回：{joined} 行（按页宽折断的行接回原段落）；略去页码：{page_numbers} 个"
COMPARED_WITH_PREVIOUS = "与原有数据逐项对比：{counts}"

# Reading a notice's source file (importer/read.py).
READ_CANNOT = "读不了这个文件：{reason}；请检查文件名和路径"
READ_TOO_LARGE = "文件太大（{size} MB）；一份通知最多 {most} MB：请确认这是不是要导入的文件"
READ_EMPTY = "文件是空的；应是通知的文字（.txt 或 .docx）"
READ_BLANK = "文件里只有空行；应是通知的文字"
READ_UNREADABLE = "{kind}读不了；请打开它，另存为 .docx 或纯文本（.txt）后再导入"
READ_OLE = (
    "这是 Word 97–2003（.doc）或 WPS 文档，不是纯文本；请打开它，另存为 .docx 或纯文本（.txt）"
    "后再导入"
)
READ_BINARY = (
    "这是二进制文件，不是文本文件（第 {offset} 个字节是 NUL）；应是 UTF-8 或 GB18030 编码的"
    "文本，或 .docx"
)
READ_UNDECODABLE = (
    "不是文本文件：按 UTF-8 和 GB18030 都解不开（第 {byte} 个字节）；请另存为 UTF-8 编码的文本"
)
READ_NOT_DOCX = "不是 Word .docx 文件（无法作为 .docx 打开）；请在 Word 或 WPS 中另存为 .docx"
READ_NO_TEXT = "文档里没有文字；应是通知的文字"
READ_BAD_PDF = "读不了这个 PDF；请另存为 .docx 或纯文本（.txt）后再导入"
READ_NO_TEXT_LAYER = (
    "这个 PDF 没有文字层（是扫描的图片？）；请把通知另存为 .docx 或纯文本（扫描件请先做文字识别）"
)
REPORT_IS_FOLDER = (
    "--report: {report} 是一个文件夹；请给出报告的文件名，例如 {report}/导入报告.html"
)
