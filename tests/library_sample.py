"""A library of three real notices (data/notices/<slug>/), built into a given folder: the
Dazu notice of data/ (its files moved into notices/dzfbf-2020-41/, as an office moves to the
library layout) and two State Council notices of the importer's real fixtures, imported
with scripts/import_notice.py --notice:

- gf-2018-39: 国发〔2018〕39号, 国务院关于做好当前和今后一个时期促进就业工作的若干意见
  (tests/fixtures/notices-real/02_guofa2018-39_cujin-jiuye.source.yaml says where from);
- gf-2018-42: 国发〔2018〕42号, 国务院关于加快推进农业机械化和农机装备产业转型升级的指导意见
  (16_guofa2018-42_nongye-jixiehua.source.yaml).

The two are of one issuer, so the ministries they both name (财政部, 教育部, 科技部 …) are
the same units: the units shared across notices. The registries at the top are data/'s,
as they are: data/units.yaml has 发展改革委 and 国资委 as informal aliases of the district's
区发展改革委 and 区国资委, while 国发〔2018〕42号 means the national bodies; the import makes
them units of their own (place 全国) with a warning, and never stops."""

from __future__ import annotations

import shutil
from pathlib import Path

import import_notice  # scripts/ is on the tests' path (pyproject.toml)
from fengong.importer import lock, move
from sitebuild import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "notices-real"
DAZU = "dzfbf-2020-41"
IMPORTED = {
    "gf-2018-39": FIXTURES / "02_guofa2018-39_cujin-jiuye.txt",
    "gf-2018-42": FIXTURES / "16_guofa2018-42_nongye-jixiehua.txt",
}
SLUGS = (DAZU, *IMPORTED)
REGISTRIES = ("units.yaml", "tags.yaml", "synonyms.yaml")

__all__ = ["DAZU", "IMPORTED", "SLUGS", "library_data", "move_to_library"]


def move_to_library(data: Path, slug: str) -> None:
    """Turn a single-layout data directory into a library of one, as an office does
    (scripts/move_to_library.py): the notice's own files move into data/notices/<slug>/,
    the registries stay at the top, library.yaml records the move; and the library is
    named (library.yaml's site_name: mkdocs.yml's is the one notice's)."""
    with lock.held(data):
        moved, problems = move.move_to_library(data, slug)
    assert moved is not None, [str(p) for p in problems]
    with (data / "library.yaml").open("a", encoding="utf-8") as settings:
        settings.write("site_name: 任务分工文件\n")


def library_data(folder: Path) -> Path:
    """folder/data: the three-notice library; asserts every import succeeded."""
    data = folder / "data"
    shutil.copytree(ROOT / "data", data)
    move_to_library(data, DAZU)
    for slug, source in IMPORTED.items():
        status = import_notice.main([str(source), "--data-dir", str(data), "--notice", slug])
        assert status == 0, f"import of {source.name} failed"
    return data
