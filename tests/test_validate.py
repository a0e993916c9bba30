"""Validation of data/: each kind of bad data gives exactly one `file:line: message`, in
`make check` (scripts/check_data.py) and in the build alike, and never a traceback.

Two tables: hand-written edits of the real data with the exact message each must give, and
one generated from the shapes themselves (hooks/fengong/data/shapes.py): every required key of
every kind of entry dropped, every key given a value of the wrong type, an unknown key added
to every kind of entry, and a duplicate id in every file that has ids."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from check_data import main as check_main
from fengong.data import shapes, validate
from fengong.data.load import check
from fengong.data.validate import NO_LEAD_WARNING, NO_UNIT_WARNING, NUMBERING_GAP
from fengong.data.yamlio import read_yaml
from sitebuild import ROOT


@pytest.fixture
def data(tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target


def edit(path: Path, old: str, new: str, count: int = 1) -> int:
    """Replace text in a data file; return the 1-based line of the first replacement."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return line


def errors(data: Path) -> list[str]:
    site, problems = check(data, shown_dir="data")
    found = [str(p) for p in problems if p.severity == "error"]
    assert site is None if found else site is not None
    return found


def line_of(path: Path, fragment: str, occurrence: int = 1) -> int:
    hits = [n for n, text in enumerate(path.read_text("utf-8").splitlines(), 1) if fragment in text]
    return hits[occurrence - 1]


def task_line(path: Path, number: int) -> int:
    """The line where task `number` starts, as the loader records it."""
    doc, _ = read_yaml(path, str(path))
    return next(t.line for t in doc["tasks"] if t["number"] == number)


def task_lines(path: Path, number: int) -> list[int]:
    """The lines of every task numbered `number`."""
    doc, _ = read_yaml(path, str(path))
    return [t.line for t in doc["tasks"] if t["number"] == number]


def tasks_line(path: Path) -> int:
    doc, _ = read_yaml(path, str(path))
    return doc["tasks"].line


def test_the_real_data_is_valid(data):
    assert errors(data) == []


# -- hand-written edits → exact messages ------------------------------------------------


@dataclass(frozen=True)
class Edit:
    file: str
    old: str
    new: str
    # The message(s) expected, with {line} (and {first}) filled in by `where(data_dir)`.
    expected: tuple[str, ...]
    where: Callable[[Path], dict] = lambda d: {}


def _task(number: int) -> Callable[[Path], dict]:
    return lambda d: {"line": task_line(d / "notice.yaml", number)}


def _fragment(file: str, fragment: str, occurrence: int = 1, offset: int = 0):
    return lambda d: {"line": line_of(d / file, fragment, occurrence) + offset}


EDITS = {
    "unknown unit, with a did-you-mean": Edit(
        "notice.yaml",
        "  - 区财政局\n  - 区生态环境局",
        "  - 区财政\n  - 区生态环境局",
        (
            "data/notice.yaml:{line}: 任务1：未知单位 '区财政'（是不是 '区财政局'？）；"
            "请把它加入 units.yaml（'name' 或 'written_as'），或改正这个名称",
        ),
        _task(1),
    ),
    "duplicate unit id": Edit(
        "units.yaml",
        "- id: shengtai-huanjing",
        "- id: caizheng",
        ("data/units.yaml:{line}: 单位 'caizheng'：id 重复（第一次在第 {first} 行）",),
        lambda d: {
            "line": line_of(d / "units.yaml", "- id: caizheng", 2),
            "first": line_of(d / "units.yaml", "- id: caizheng"),
        },
    ),
    "a name that points to two units": Edit(
        "units.yaml",
        'aliases: ["财政局"]',
        'aliases: ["人社局"]',
        (
            "data/units.yaml:{line}: 单位 'caizheng'：名称 '人社局' 也用于单位 'renshe'"
            "（第 {first} 行）；一个名称只能指一个单位",
        ),
        lambda d: {
            "line": line_of(d / "units.yaml", "- id: caizheng"),
            "first": line_of(d / "units.yaml", "- id: renshe"),
        },
    ),
    "unit id not usable in a URL": Edit(
        "units.yaml",
        "- id: caizheng",
        "- id: 财政",
        (
            "data/units.yaml:{line}: 单位 '财政'：'id' 须为小写英文字母、数字和“-”（用于网址），"
            "例如 qu-cai-zheng-ju",
        ),
        _fragment("units.yaml", "- id: 财政"),
    ),
    "unknown unit kind": Edit(
        "units.yaml",
        "kind: party_department",
        "kind: party",
        (
            "data/units.yaml:{line}: 单位 'quwei-zuzhibu'：未知的 'kind' 值 'party'；"
            "请用 'government_department'、'party_department'、"
            "'mass_organisation'、'development_zone'、'vertical_agency'、"
            "'public_institution'、'town_group'、'generic'、"
            "'national_ministry'、'national_agency'、'national_body'、"
            "'provincial_body'、'city_body'、'county_body'、"
            "'township_body'、'enterprise'、'government_group'、"
            "'uncurated' 之一",
        ),
        _fragment("units.yaml", "kind: party", offset=-3),
    ),
    "duplicate and missing task numbers": Edit(
        "notice.yaml",
        "- number: 3\n  id: 3\n",
        "- number: 2\n  id: 3\n",
        (
            "data/notice.yaml:{tasks}: 任务序号跳过了 3；请重新编号，或补上缺少的任务",
            "data/notice.yaml:{line}: 任务2：序号重复（第一次在第 {first} 行）；"
            "请改正其中一个的序号，或重新导入通知",
        ),
        lambda d: {
            "tasks": tasks_line(d / "notice.yaml"),
            "first": task_lines(d / "notice.yaml", 2)[0],
            "line": task_lines(d / "notice.yaml", 2)[1],
        },
    ),
    "two tasks with one id": Edit(
        "notice.yaml",
        "- number: 3\n  id: 3\n",
        "- number: 3\n  id: 2\n",
        (
            "data/notice.yaml:{line}: 任务3：编号 2 也是第 {first} 行那项任务的编号；"
            "请重新导入通知以重新编号",
        ),
        lambda d: {
            "line": task_line(d / "notice.yaml", 3),
            "first": task_line(d / "notice.yaml", 2),
        },
    ),
    "a clause outside its part": Edit(
        "notice.yaml",
        "  line: 48\n  part: 1\n",
        "  line: 48\n  part: 2\n",  # task 1 sits in clause 1 of part 1
        (
            "data/notice.yaml:{line}: 任务1：第1条属于第1部分，不属于第2部分；"
            "请改正它的 'part' 或 'clause'",
        ),
        _task(1),
    ),
    "a lead unit that is not one of the task's units": Edit(
        "notice.yaml",
        "  lead:\n  - 区金融发展服务中心\n",
        "  lead:\n  - 区财政局\n",
        (
            "data/notice.yaml:{line}: 任务2：牵头单位必须是它的责任单位之一；"
            "请把牵头单位加进 'units'，或改正 'lead'",
        ),
        _task(2),
    ),
    "a malformed date": Edit(
        "notice.yaml",
        "  end: '2021-04-30'",
        "  end: '2021-04-31'",
        (
            "data/notice.yaml:{line}: 任务1：日期 '2021-04-31' 有误；"
            "请写成 年-月-日，例如 2020-07-08",
        ),
        _fragment("notice.yaml", "2021-04-31", offset=-2),
    ),
    "an extra key under a task's dates": Edit(
        "notice.yaml",
        "  end: '2021-04-30'",
        "  end: '2021-04-30'\n    extra: 1",
        (
            "data/notice.yaml:{line}: 任务1：未知的键 'extra'；"
            "可用的键：'kind'、'quote'、'start'、'end'",
        ),
        _fragment("notice.yaml", "2021-04-30", offset=-2),
    ),
    "a tag without its name": Edit(
        "tags.yaml",
        "    name: 高校毕业生\n",
        "",
        ("data/tags.yaml:{line}: 标签 'graduates'：缺少 'name'",),
        _fragment("tags.yaml", "- id: graduates"),
    ),
    "a target without its unit": Edit(
        "targets.yaml",
        "    unit: 人\n",
        "",
        ("data/targets.yaml:{line}: 目标 '城镇新增就业'：缺少 'unit'",),
        _fragment("targets.yaml", "- label: 城镇新增就业"),
    ),
    "a target whose value is not in its quote": Edit(
        "targets.yaml",
        "value: 14000",
        "value: 15000",
        (
            "data/targets.yaml:{line}: 目标 '城镇新增就业'：数值 15000 与引文 "
            "'城镇新增就业1.4万人以上' 不符；请改正 'value' 或 'quote'",
        ),
        _fragment("targets.yaml", "- label: 城镇新增就业"),
    ),
    "a synonym that is not a list": Edit(
        "synonyms.yaml",
        "大学生: [高校毕业生]",
        "大学生: 高校毕业生",
        ("data/synonyms.yaml:{line}: '大学生' 应是文字的列表，现为 '高校毕业生'（词语的列表）",),
        _fragment("synonyms.yaml", "synonyms:", offset=1),
    ),
    "a word given synonyms twice": Edit(
        "synonyms.yaml",
        "毕业生: [高校毕业生]",
        "大学生: [高校毕业生]",
        (
            "data/synonyms.yaml:{line}: YAML 写法有误：键 '大学生' 写了两次；"
            "请改正这一行（或上一行）",
        ),
        _fragment("synonyms.yaml", "大学生", 2),
    ),
}


@pytest.mark.parametrize("case", EDITS.values(), ids=EDITS.keys())
def test_each_bad_edit_gives_exactly_its_message(data, case: Edit):
    edit(data / case.file, case.old, case.new)
    where = case.where(data)
    assert errors(data) == [message.format(**where) for message in case.expected]


def test_yaml_syntax_error_names_the_line(data):
    tags = data / "tags.yaml"
    line = edit(tags, "keywords: [残疾人]", "keywords: [残疾人")
    found = errors(data)
    assert len(found) == 1
    assert found[0].startswith("data/tags.yaml:")
    assert "YAML 写法有误：" in found[0] and found[0].endswith("请改正这一行（或上一行）")
    assert int(found[0].split(":")[1]) >= line


def test_target_quote_not_in_text_is_a_warning(data):
    targets = data / "targets.yaml"
    line = edit(targets, "quote: 补贴性培训1.26万人次", "quote: 补贴性培训1.5万人次") - 1
    site, problems = check(data, shown_dir="data")
    assert site is not None and "补贴性培训" not in [t.label for t in site.targets]
    assert [str(p) for p in problems] == [
        f"data/targets.yaml:{line}: 警告：目标 '补贴性培训'：引文 '补贴性培训1.5万人次' "
        "不在通知原文中，因此不在网站上显示；请从通知中原样复制引文"
    ]


# -- every key of every shape, generated from shapes.py --------------------------------

# Each kind of entry: its file, the path to one entry of that kind in the real data (an
# int is a list index; None: the first item that has the next key), and its shape.
ENTRIES = {
    "unit": ("units.yaml", ("units", 0), shapes.UNIT),
    "tag": ("tags.yaml", ("tags", 0), shapes.TAG),
    "target": ("targets.yaml", ("targets", 0), shapes.TARGET),
    "synonyms.yaml": ("synonyms.yaml", (), shapes.SYNONYMS),
    "document.yaml": ("document.yaml", (), shapes.DOCUMENT),
    "units.yaml": ("units.yaml", (), shapes.UNITS),
    "tags.yaml": ("tags.yaml", (), shapes.TAGS),
    "targets.yaml": ("targets.yaml", (), shapes.TARGETS),
    "notice.yaml": ("notice.yaml", (), shapes.NOTICE),
    "notice header": ("notice.yaml", ("notice",), shapes.HEADER),
    "contact": ("notice.yaml", ("notice", "contact"), shapes.CONTACT),
    "revision": ("notice.yaml", ("revision",), shapes.REVISION),
    "reporting duty": ("notice.yaml", ("reporting",), shapes.REPORTING),
    "reporting deadline": ("notice.yaml", ("reporting", "deadlines", 0), shapes.DEADLINE),
    "part": ("notice.yaml", ("parts", 0), shapes.PART),
    "clause": ("notice.yaml", ("clauses", 0), shapes.CLAUSE),
    "task": ("notice.yaml", ("tasks", 0), shapes.TASK),
    "date mention": ("notice.yaml", ("tasks", None, "dates", 0), shapes.DATE_MENTION),
    "quantity": ("notice.yaml", ("tasks", None, "quantities", 0), shapes.QUANTITY),
    "block": ("notice.yaml", ("blocks", 0), shapes.BLOCK),
}

WRONG = {  # a value of another type than each kind of value wants
    shapes.TEXT: 12,
    shapes.INTEGER: "twelve",
    shapes.NUMBER: "twelve",
    shapes.MAPPING: "twelve",
    shapes.LIST: "twelve",
    shapes.BOOLEAN: "twelve",
}


def _entry(document, path):
    """The entry at path (None picks the first list item that has the next key)."""
    node = document
    for i, step in enumerate(path):
        node = node[step] if step is not None else next(e for e in node if path[i + 1] in e)
    return node


def _rewrite(data: Path, file: str, path, change) -> int:
    """Apply change(entry) to one entry of a data file, write the file back as YAML, and
    return the line the entry now starts on."""
    target = data / file
    document = yaml.load(target.read_text("utf-8"), Loader=yaml.CSafeLoader)
    change(_entry(document, path))
    text = yaml.dump(
        document, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=1_000_000
    )
    target.write_text(text, "utf-8")
    if file == "notice.yaml":
        # The current revision's snapshot stays a copy of notice.yaml, as the importer
        # writes it: the problem is reported once, for notice.yaml.
        (data / "revisions" / "v1" / "notice.yaml").write_text(text, "utf-8")
    located, _ = read_yaml(target, file)
    return getattr(_entry(located, path), "line", 1)


def _cases(pick) -> list:
    cases = []
    for name, (file, path, shape) in ENTRIES.items():
        for key, spec in shape.fields.items():
            if pick(spec):
                cases.append(pytest.param(file, path, key, spec, id=f"{name}.{key}"))
    return cases


def _one_error(data: Path, file: str, line: int) -> str:
    site, problems = check(data, shown_dir="data")
    assert site is None
    assert len(problems) == 1 or all(p.severity == "warning" for p in problems[1:]), problems
    found = [p for p in problems if p.severity == "error"]
    assert len(found) == 1, [str(p) for p in found]
    assert (found[0].path, found[0].line) == (f"data/{file}", line), str(found[0])
    return found[0].message


@pytest.mark.parametrize(("file", "path", "key", "spec"), _cases(lambda s: s.required))
def test_a_missing_required_key_is_one_problem(data, file, path, key, spec):
    line = _rewrite(data, file, path, lambda entry: entry.pop(key))
    message = _one_error(data, file, line)
    assert f"缺少 '{key}'" in message


@pytest.mark.parametrize(("file", "path", "key", "spec"), _cases(lambda s: s.shape is None))
def test_a_value_of_the_wrong_type_is_one_problem(data, file, path, key, spec):
    def spoil(entry):
        entry[key] = WRONG[spec.kind]

    line = _rewrite(data, file, path, spoil)
    message = _one_error(data, file, line)
    assert f"'{key}' 应是" in message and "，现为 " in message


@pytest.mark.parametrize(
    ("file", "path", "shape"),
    [
        pytest.param(file, path, shape, id=name)
        for name, (file, path, shape) in ENTRIES.items()
        if name != "synonyms.yaml"  # any word may have synonyms: it has no fixed keys
    ],
)
def test_an_unknown_key_is_one_problem(data, file, path, shape):
    def add(entry):
        entry["colour"] = "red"

    line = _rewrite(data, file, path, add)
    message = _one_error(data, file, line)
    assert "未知的键 'colour'" in message


@pytest.mark.parametrize(
    ("file", "path", "key"),
    [
        ("units.yaml", "units", "id"),
        ("tags.yaml", "tags", "id"),
        ("targets.yaml", "targets", "label"),
        ("notice.yaml", "tasks", "id"),
    ],
)
def test_a_duplicate_id_is_one_problem(data, file, path, key):
    def copy_id(entries):
        entries[1][key] = entries[0][key]

    _rewrite(data, file, (path,), copy_id)
    located, _ = read_yaml(data / file, file)
    message = _one_error(data, file, located[path][1].line)
    assert "重复" in message or "也是第" in message


# -- the command and the build report the same problems --------------------------------


def test_check_script_exits_1_with_one_line_per_problem(data, capsys):
    edit(data / "units.yaml", "kind: party_department", "kind: party")
    assert check_main(["--data-dir", str(data)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"{data}/units.yaml:") and "未知的 'kind' 值 'party'" in err[0]
    assert err[-1] == (
        f"{data}: 数据有误（1 个错误，0 个警告）；请先改正最后列出的 1 个错误"
        f"（改完再运行 .venv/bin/python scripts/check_data.py --data-dir {data}）"
    )
    assert "Traceback" not in "\n".join(err)


def test_check_script_ends_with_the_errors_and_counts_them_apart(data, capsys):
    # Two warnings (target quotes no longer in the text) sort before the error by file name
    # (notice.yaml < targets.yaml): the error must still come last, above the counts.
    edit(data / "targets.yaml", "quote: 补贴性培训1.26万人次", "quote: 补贴性培训1.5万人次")
    edit(data / "targets.yaml", "quote: 城镇新增就业1.4万人以上", "quote: 城镇新增就业9万人以上")
    edit(data / "notice.yaml", "  - 区财政局\n  - 区生态环境局", "  - 区财政\n  - 区生态环境局")
    assert check_main(["--data-dir", str(data)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert [": 警告：" in e for e in err[:-1]] == [True, True, False]
    assert err[-2].startswith(f"{data}/notice.yaml:") and "未知单位 '区财政'" in err[-2]
    assert err[-1] == (
        f"{data}: 数据有误（1 个错误，2 个警告）；请先改正最后列出的 1 个错误"
        f"（改完再运行 .venv/bin/python scripts/check_data.py --data-dir {data}）"
    )


BUILD_CASES = {
    name: EDITS[name]
    for name in (
        "unknown unit, with a did-you-mean",
        "a tag without its name",
        "a target without its unit",
        "an extra key under a task's dates",
    )
}


@pytest.mark.parametrize("case", BUILD_CASES.values(), ids=BUILD_CASES.keys())
def test_a_build_with_bad_data_fails_cleanly_and_keeps_the_last_site(data, tmp_path, case):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("last good site", encoding="utf-8")
    edit(data / case.file, case.old, case.new)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"),
         "-d", str(site)],
        env={"FENGONG_DATA_DIR": str(data), "NO_MKDOCS_2_WARNING": "true", "PATH": ""},
        capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    (expected,) = case.expected
    # The build names the data directory as it was given; the message after it is the same.
    assert expected.format(**case.where(data)).split(": ", 1)[1] in result.stderr
    # The closing line counts errors and warnings apart, in Chinese (data/messages.py).
    assert re.search(r" 中有 1 个错误、\d+ 个警告；请改正最后列出的错误后重新生成", result.stderr)
    assert (site / "index.html").read_text(encoding="utf-8") == "last good site"


# -- document.yaml: the facts the text does not give ------------------------------------


def test_document_facts_reach_the_notice(data):
    (data / "document.yaml").write_text(
        "published: 2020-05-06\nofficial_url: https://www.dazu.gov.cn/zwgk/41.html\n"
        "in_force: false\n",
        encoding="utf-8",
    )
    site, problems = check(data, shown_dir="data")
    assert site is not None, problems
    notice = site.notice
    assert (notice.published, notice.official_url, notice.in_force, notice.in_force_stated) == (
        "2020-05-06",
        "https://www.dazu.gov.cn/zwgk/41.html",
        False,
        True,
    )


def test_the_real_document_file_says_nothing_yet(data):
    # Every key empty: no fact is given until the office fills one in from its publication.
    site, problems = check(data, shown_dir="data")
    assert site is not None, problems
    notice = site.notice
    assert (notice.published, notice.official_url, notice.in_force) == ("", "", True)
    # Taken as in force for counting, but not stated: no page may say 有效 (issue 25, item 10).
    assert notice.in_force_stated is False


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [
        ("published: 2020-13-01\n", 1, "日期 '2020-13-01' 有误；请写成 年-月-日"),
        ("official_url: javascript:alert(1)\n", 1, "'official_url' 须为"),
        ("official_url: www.dazu.gov.cn\n", 1, "https://"),
        ("in_force: 有效\n", 1, "'in_force' 应是true 或 false"),
        ("\nrepealed: 2021-01-01\n", 2, "未知的键 'repealed'"),
    ],
)
def test_a_bad_document_fact_is_one_problem(data, text, line, expected):
    (data / "document.yaml").write_text(text, encoding="utf-8")
    site, problems = check(data, shown_dir="data")
    assert site is None
    (problem,) = problems
    assert (problem.path, problem.line) == ("data/document.yaml", line), str(problem)
    assert expected in problem.message, str(problem)


def test_the_warnings_the_importer_sums_up_carry_the_words_it_finds_them_by(data):
    """importer/run.py leaves out of its listing the warnings its summary counts (tasks
    without a lead, without units, gaps in part numbers), finding them by these words."""
    notice = data / "notice.yaml"
    edit(notice, "  lead_rule: 列第一责任单位的为牵头单位，下同。\n", "")
    edit(notice, "  lead:\n  - 区金融发展服务中心\n", "  lead: []\n")  # task 2
    edit(
        notice,
        "  units:\n  - 区经济信息委\n  - 经开区经发局\n  lead:\n  - 区经济信息委\n",
        "  units: []\n  lead: []\n",
    )
    site, problems = check(data, shown_dir="data")
    assert site is not None, [str(p) for p in problems]
    said = [(p.severity, p.message) for p in problems if p.path == "data/notice.yaml"]
    assert said == [
        ("warning", f"任务2：{NO_LEAD_WARNING}"),
        ("warning", f"任务3：{NO_UNIT_WARNING}"),
    ]
    assert said[1][1].endswith(NO_UNIT_WARNING)  # as run.py matches it
    gap = list(validate._check_sequence("data/notice.yaml", 57, "part", {1: 0, 3: 0}, "warning"))
    assert [str(p) for p in gap] == [
        "data/notice.yaml:57: 警告：部分序号跳过了 2；请重新编号，或补上缺少的部分"
    ]
    assert NUMBERING_GAP in gap[0].message
