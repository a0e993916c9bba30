"""The thirteen real notices of tests/fixtures/notices-new/ (sources in each NAME.yaml),
imported and held to their hand-checked answers task by task: every checked task found by
the start of its text, its units in the notice's order and its lead exact. They were
gathered as evidence for the importer's grammar (issue #26), in the format of
../shared/tools/score_import.py, which scores them the same way."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
import yaml
from import_notice import main as import_main
from sitebuild import ROOT

NEW = ROOT / "tests" / "fixtures" / "notices-new"
NOTICES = sorted(NEW.glob("*.yaml"))

# Where the importer reads a task otherwise than its answer, and why: each is asserted as
# the importer reads it, so a change either way is seen.
READ_OTHERWISE = {
    # 各乡镇、街道: the answer splits the run at 、 (街道 standing for 各街道); the importer
    # keeps a run of levels that share their 各 as one group, as it keeps 各区、县级市.
    ("36_maojian2023_yingshang-clause-lead-paren", 1): [
        "区行政审批局",
        "区直相关各单位",
        "各乡镇、街道",
        "赛武当管理局",
        "东城开发区",
    ],
}


def norm(text) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text or "")))


def names(value) -> list[str]:
    return [norm(v) for v in (value if isinstance(value, list) else [value] if value else [])]


@pytest.mark.parametrize("meta", NOTICES, ids=[m.stem for m in NOTICES])
def test_each_checked_task_is_read_as_its_answer(meta: Path, tmp_path, capsys):
    answer = yaml.safe_load(meta.read_text("utf-8"))["ground_truth"]
    out = tmp_path / "notice.json"
    assert import_main([str(meta.with_suffix(".txt")), "--json", str(out)]) == 0, meta.stem
    tasks = json.loads(out.read_text("utf-8"))["tasks"]
    for checked in answer["tasks_checked"]:
        start = norm(checked["text_start"])[:10]
        task = next((t for t in tasks if start in norm(t["text"])[:40]), None)
        assert task is not None, (meta.stem, checked["no"], "not found")
        units = READ_OTHERWISE.get((meta.stem, checked["no"]), checked["units"])
        read = names(task["units"])
        want = names(units)
        # A trailing open-ended group (…等有关部门) may follow the checked units.
        assert read[: len(want)] == want, (meta.stem, checked["no"], task["units"])
        assert all(re.search("有关|相关|各部门|其他", u) for u in read[len(want) :])
        lead = names(checked.get("lead"))
        if not lead and checked.get("lead_if_first_listed"):
            assert names(task["lead"]) in ([], names(checked["lead_if_first_listed"]))
        else:
            assert names(task["lead"]) == lead, (meta.stem, checked["no"], task["lead"])
