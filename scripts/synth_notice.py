"""Write a synthetic 任务分工 notice, K times the size of the real one, in exactly its layout.

The header, body, signature, date, contact, 附件 line, annex title and 抄送 are copied from the
real notice (data/source/dazu-2020-41.txt); the annex is generated: about K×63 tasks in K×26
clauses (（一）…) in 7×ceil(√K) parts (一、…), each task written as
``N．text（责任单位：A、B、C）`` with the lead unit (牵头单位) first.  Task texts recombine the
phrases of the real tasks; units are the real 41 unit strings plus K×5 generated ones
(区枫溪局 ...), drawn with a skewed (Zipf) distribution and each used at least once.
The output depends only on (scale, seed).

    python scripts/synth_notice.py --scale 10 --seed 0 --out /tmp/notice-10x.txt
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import math
import random
import re
import sys
from bisect import bisect_left
from dataclasses import dataclass
from pathlib import Path

from fengong.numerals import to_chinese as chinese_numeral

REAL_NOTICE = Path(__file__).resolve().parents[1] / "data" / "source" / "dazu-2020-41.txt"

# The real notice's shape, per unit of scale.
TASKS_PER_SCALE = 63
CLAUSES_PER_SCALE = 26
PARTS_PER_SQRT_SCALE = 7
MAX_PARTS = 140  # a notice with more parts than this stops being a notice; 300× gives 126
EXTRA_UNITS_PER_SCALE = 5
MAX_UNITS_PER_TASK = 9
ZIPF_EXPONENT = 1.1

# Characters with pairwise distinct toneless pinyin and a consonant (or y) onset, so generated
# unit names never collide with each other or with real ones when an importer derives ASCII ids
# from pinyin (tests/test_synth.py checks this).
NAME_SYLLABLES = "柏滨沧辰丹枫甘禾恒湖嘉锦康澜黎林麓茂梅楠宁鹏青瑞桑石松泰桐溪祥杨瑶悦云樟峥竹佐"
UNIT_SUFFIXES = ("局", "委", "办", "中心", "管委会")

# Where the real notice leaves out the blank line between two lines (a typing accident the
# importer has to tolerate), as probabilities of keeping it.
BLANK_AFTER_CLAUSE = 0.85
BLANK_BETWEEN_TASKS = 0.93
BLANK_BEFORE_CLAUSE = 0.95


@dataclass(frozen=True, slots=True)
class RealNotice:
    """What the generator borrows from the real notice."""

    head: str  # everything up to and including the annex title line
    tail: str  # from 抄送 to the end
    part_titles: tuple[str, ...]
    clause_titles: tuple[str, ...]  # without number and final 。
    task_texts: tuple[str, ...]
    unit_lists: tuple[tuple[str, ...], ...]  # per task, as written
    first_unit_note: str  # 。备注：… inside task 1's parentheses


_PART = re.compile(r"^[一二三四五六七八九十]+、(.+)$")
_CLAUSE = re.compile(r"^（[一二三四五六七八九十]+）(.+)。$")
_TASK = re.compile(r"^\d+．(.+)（责任单位：(.+)）$")


def read_real_notice(path: Path = REAL_NOTICE) -> RealNotice:
    text = path.read_text(encoding="utf-8")
    annex_at = text.index("\n附件\n")
    title_end = text.index("\n", annex_at + len("\n附件\n\n")) + 1
    cc_at = text.index("抄送：")
    parts, clauses, tasks, units = [], [], [], []
    note = ""
    for line in text[title_end:cc_at].splitlines():
        if m := _TASK.match(line):
            listed, _, rest = m[2].partition("。")
            if rest and not note:
                note = "。" + rest
            tasks.append(m[1])
            units.append(tuple(listed.split("、")))
        elif m := _CLAUSE.match(line):
            clauses.append(m[1])
        elif m := _PART.match(line):
            parts.append(m[1])
    return RealNotice(
        head=text[:title_end],
        tail=text[cc_at:],
        part_titles=tuple(parts),
        clause_titles=tuple(clauses),
        task_texts=tuple(tasks),
        unit_lists=tuple(units),
        first_unit_note=note,
    )


def generate(scale: int, seed: int = 0) -> str:
    """Return the text of a synthetic notice about `scale` times the real one."""
    if scale < 1:
        raise ValueError(f"scale must be at least 1, got {scale}")
    real = read_real_notice()
    rng = random.Random(seed * 1_000_003 + scale)
    n_tasks = TASKS_PER_SCALE * scale
    n_clauses = CLAUSES_PER_SCALE * scale
    n_parts = min(PARTS_PER_SQRT_SCALE * math.ceil(math.sqrt(scale)), MAX_PARTS, n_clauses)

    clauses_per_part = _spread(n_clauses, n_parts, rng)
    tasks_per_clause = _spread(n_tasks, n_clauses, rng)
    texts = _TextMaker(real, rng)
    units = _UnitPicker(real, scale, rng)
    unit_lists = [units.pick() for _ in range(n_tasks)]
    units.cover_unused(unit_lists)

    out = [real.head]
    task_no = clause_no = 0
    for part_no, n_part_clauses in enumerate(clauses_per_part, start=1):
        if part_no > 1:
            out.append("\n")
        out.append(f"{chinese_numeral(part_no)}、{_title(real.part_titles, rng)}\n\n")
        for i in range(n_part_clauses):
            clause_no += 1
            if i and rng.random() < BLANK_BEFORE_CLAUSE:
                out.append("\n")
            title = _title(real.clause_titles, rng)
            out.append(f"（{chinese_numeral(clause_no)}）{title}。\n")
            if rng.random() < BLANK_AFTER_CLAUSE:
                out.append("\n")
            for j in range(tasks_per_clause[clause_no - 1]):
                task_no += 1
                if j and rng.random() < BLANK_BETWEEN_TASKS:
                    out.append("\n")
                note = real.first_unit_note if task_no == 1 else ""
                listed = "、".join(unit_lists[task_no - 1])
                out.append(f"{task_no}．{texts.make()}（责任单位：{listed}{note}）\n")
    out.append("\n")
    out.append(real.tail)
    return "".join(out)


def _spread(total: int, buckets: int, rng: random.Random) -> list[int]:
    """Split total into buckets of at least one each, the rest spread at random."""
    counts = [1] * buckets
    for i in rng.choices(range(buckets), k=total - buckets):
        counts[i] += 1
    return counts


def _title(real_titles: tuple[str, ...], rng: random.Random) -> str:
    """A part or clause title: the verb of one real title and the object of another."""
    verb = rng.choice(real_titles)[:2]
    obj = rng.choice(real_titles)[2:]
    return verb + obj


class _TextMaker:
    """Task texts of realistic length made from the real tasks' phrases (split at ，；。)."""

    def __init__(self, real: RealNotice, rng: random.Random) -> None:
        self.rng = rng
        self.lengths = [len(t) for t in real.task_texts]
        self.phrases = [
            p for text in real.task_texts for p in re.split(r"[，；。]", text) if len(p) >= 4
        ]
        # No real task starts with a digit, and `N．2020年…` reads like the number N.2020.
        self.openers = [p for p in self.phrases if not p[0].isdigit()]

    def make(self) -> str:
        rng = self.rng
        target = rng.choice(self.lengths)
        sentences: list[str] = []
        length = 0
        while length < target or not sentences:
            phrases = [rng.choice(self.phrases) for _ in range(rng.randint(1, 4))]
            if not sentences:
                phrases[0] = rng.choice(self.openers)
            sentence = ""
            for k, phrase in enumerate(phrases):
                if k:
                    sentence += "；" if rng.random() < 0.1 else "，"
                sentence += phrase
            sentences.append(sentence + "。")
            length += len(sentences[-1])
        roll = rng.random()
        if roll < 0.08:
            sentences.append(f"实施期限延长至{_date_text(self._date())}。")
        elif roll < 0.13:
            start = self._date()
            end = start + dt.timedelta(days=rng.randint(30, 700))
            # 2020年1月1日至12月31日: the year is not repeated when it stays the same.
            end_text = _date_text(end) if end.year != start.year else f"{end.month}月{end.day}日"
            sentences.append(f"实施期限为{_date_text(start)}至{end_text}。")
        return "".join(sentences)

    def _date(self) -> dt.date:
        return dt.date(2020, 1, 1) + dt.timedelta(days=self.rng.randint(0, 3 * 365))


def _date_text(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


class _UnitPicker:
    """Unit lists with a Zipf-skewed choice of units: a few on most tasks, many on few."""

    def __init__(self, real: RealNotice, scale: int, rng: random.Random) -> None:
        self.rng = rng
        # Written forms of one unit (区农业农村委, 区农业农村委〔区扶贫办〕) are one choice, so a
        # task never lists the same unit twice; the form is then drawn as often as written.
        uses: dict[str, dict[str, int]] = {}
        for listed in real.unit_lists:
            for written in listed:
                forms = uses.setdefault(_canonical(written), {})
                forms[written] = forms.get(written, 0) + 1
        self.forms = {key: (list(f), list(f.values())) for key, f in uses.items()}
        self.sizes = [len(listed) for listed in real.unit_lists]
        by_use = sorted(uses, key=lambda key: -sum(uses[key].values()))
        generated = generated_unit_names(scale * EXTRA_UNITS_PER_SCALE)
        self.forms.update({name: ([name], [1]) for name in generated})
        # The real notice's six busiest units stay on top; the rest take random ranks.
        tail = by_use[6:] + generated
        rng.shuffle(tail)
        self.ranked = by_use[:6] + tail
        self.cum_weights = list(
            itertools.accumulate(1 / rank**ZIPF_EXPONENT for rank in range(1, len(tail) + 7))
        )

    def pick(self) -> tuple[str, ...]:
        rng = self.rng
        size = rng.choice(self.sizes)
        chosen: list[str] = []
        while len(chosen) < size:
            key = self.ranked[bisect_left(self.cum_weights, rng.random() * self.cum_weights[-1])]
            if key not in chosen:
                chosen.append(key)
        return self._write(chosen)

    def cover_unused(self, unit_lists: list[tuple[str, ...]]) -> None:
        """Add every unit no task has drawn to a random task, so each unit has a page."""
        used = {_canonical(u) for listed in unit_lists for u in listed}
        for key in self.ranked:
            if key in used:
                continue
            while True:
                i = self.rng.randrange(len(unit_lists))
                if len(unit_lists[i]) < MAX_UNITS_PER_TASK:
                    break
            unit_lists[i] = self._write([*map(_canonical, unit_lists[i]), key], forms=unit_lists[i])

    def _write(self, keys: list[str], forms: tuple[str, ...] = ()) -> tuple[str, ...]:
        # Blanket units (各镇街人民政府〔办事处〕, 相关单位) come last, as the notice writes them,
        # so they lead only a task that names nothing else.
        keys = [k for k in keys if k not in _BLANKET] + [k for k in keys if k in _BLANKET]
        kept = {_canonical(f): f for f in forms}
        return tuple(kept.get(k) or self._form(k) for k in keys)

    def _form(self, key: str) -> str:
        written, weights = self.forms[key]
        return written[0] if len(written) == 1 else self.rng.choices(written, weights)[0]


_BLANKET = ("各镇街人民政府〔办事处〕", "相关单位")


def _canonical(written: str) -> str:
    return written if written in _BLANKET else re.sub(r"〔.*?〕", "", written)


def generated_unit_names(count: int) -> list[str]:
    """count distinct unit names 区XY局 ..., the same for every seed."""
    names = [
        f"区{a}{b}{suffix}"
        for suffix in UNIT_SUFFIXES
        for a, b in itertools.permutations(NAME_SYLLABLES, 2)
    ]
    if count > len(names):
        raise ValueError(f"cannot make {count} distinct unit names, at most {len(names)}")
    # A fixed shuffle spreads the first few over all suffixes and syllables, and a bigger
    # scale only adds names: the units of 10× are among those of 100×.
    random.Random(0).shuffle(names)
    return names[:count]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, required=True, help="size as a multiple of the real")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--out", default="-", help="file to write, '-' for stdout (default)")
    args = parser.parse_args(argv)
    try:
        text = generate(args.scale, args.seed)
    except ValueError as error:
        print(f"synth_notice: {error}", file=sys.stderr)
        return 1
    if args.out == "-":
        sys.stdout.write(text)
    else:
        Path(args.out).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
