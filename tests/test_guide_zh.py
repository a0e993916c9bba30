"""README.zh-CN.md, the office's guide (issue #24): every ```sh block it holds is run, in
order, as the office would from the repository's root, on copies of data/ under a temporary
folder (the guide's /tmp/fengong-… paths are moved there), and must succeed. The blocks that
build or serve the whole site, run every test, or check a server on the Internet are not run
here; NOT_RUN names each, so a new command cannot be skipped by accident."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "README.zh-CN.md"
BLOCK = re.compile(r"^```sh\n(.*?)^```$", re.MULTILINE | re.DOTALL)
# Commands not run by this test, each by its first words: what `make test` runs as a whole
# (and the lead runs it), a long-running server, a full build, and a deployed server's checks
# (tests/test_nginx.py serves a build through the documented configuration instead).
NOT_RUN = ("make serve", "make test", "FENGONG_SITE_URL=", "SITE=", "curl ")


def blocks() -> list[str]:
    return BLOCK.findall(GUIDE.read_text(encoding="utf-8"))


def commands(block: str) -> list[str]:
    return [line for line in block.splitlines() if line.strip() and not line.startswith("#")]


def test_the_guide_is_linked_from_the_top_of_the_readme():
    head = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()[:5]
    assert any("README.zh-CN.md" in line for line in head), head


def test_every_block_is_run_or_named_as_not_run():
    found = blocks()
    assert len(found) >= 10
    for block in found:
        skipped = [c for c in commands(block) if c.startswith(NOT_RUN)]
        # A block is run whole or not at all: never half of it.
        assert skipped in ([], commands(block)), block


def test_the_guide_commands_work_on_a_copy_of_the_data(tmp_path):
    before = {p: p.read_bytes() for p in sorted((ROOT / "data").rglob("*")) if p.is_file()}
    env = os.environ | {"NO_MKDOCS_2_WARNING": "true"}
    ran = 0
    for block in blocks():
        if commands(block)[0].startswith(NOT_RUN):
            continue
        script = block.replace("/tmp/fengong-", f"{tmp_path}/fengong-")
        done = subprocess.run(
            ["bash", "-euo", "pipefail", "-c", script],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, (
            f"{block}\n--- stdout:\n{done.stdout}\n--- stderr:\n{done.stderr}"
        )
        assert "Traceback" not in done.stderr
        ran += 1
    assert ran >= 9
    # What the guide says each step leaves behind.
    data = tmp_path / "fengong-data"
    assert (tmp_path / "fengong-check" / "report.html").is_file()
    assert (data / "revisions" / "2021-03" / "notice.yaml").is_file()
    assert (data / "progress" / "2020-H1" / "renshe.yaml").is_file()
    library = tmp_path / "fengong-library" / "notices"
    assert sorted(p.name for p in library.iterdir()) == ["dzfbf-2020-41", "gf-2018-39"]
    assert (library / "dzfbf-2020-41" / "progress" / "2020-H1" / "renshe.yaml").is_file()
    # The real data/ is never touched.
    after = {p: p.read_bytes() for p in sorted((ROOT / "data").rglob("*")) if p.is_file()}
    assert after == before
