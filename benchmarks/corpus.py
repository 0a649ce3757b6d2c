"""Synthetic reports for the benchmark, recombined from the seeds' sentences.

Five seed reports are too few to time anything, and real reports cannot be
published in the repository, so the benchmark writes its own: each synthetic
report has a plausible title (某局20XX年度法治政府建设情况报告), numbered part
headings in 公文 style, paragraphs made of seed sentences of the same role
(achievements, shortcomings, plans…) shuffled and recombined, and a 落款 with a
date. Everything comes from one ``random.Random`` per report, seeded from
``SEED`` and the report's number, so the corpus is the same on every machine
and a report does not change when others are added.

Sentences are recombined rather than paragraphs repeated: ingest drops a body
that appears twice on a page, and a repeated run of paragraphs would look like
one to it.

    python benchmarks/corpus.py [OUT_DIR]    # default: benchmarks/corpus
"""

from __future__ import annotations

import random
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

SEED = 20240607
ROOT = Path(__file__).resolve().parents[1]
SEEDS_DIR = ROOT / "seeds"
DEFAULT_OUT = Path(__file__).resolve().parent / "corpus"

# What the benchmark runs on: a batch of reports of about 5,000 characters, the
# subsets the memory and --jobs comparisons use, and one report per rung of the ladder.
BATCH_SIZE = 300
BATCH_CHARS = (4_500, 5_500)
SUBSETS = {"batch50": 50, "batch200": 200}
LADDER = (2_000, 5_000, 20_000, 50_000, 100_000, 200_000)

ROLES = ("preamble", "achievements", "first_responsible", "shortcomings", "next_year")
# A leading 公文 number or 一是/二是: removed, the report numbers its own headings.
_LEADING_NUMBER = re.compile(
    r"^\s*([(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}\s*[、.．]"
    r"|\d{1,2}\s*[、.．](?!\d)|[一二三四五六七八九十]是)[,，:：、]?\s*"
)
MAX_SENTENCE_CHARS = 300  # longer "sentences" are run-on paragraphs; they make sizes jumpy

CITIES = ("合肥市", "阳江市", "昆明市", "秦安县", "临安区", "南湖区", "东城区", "青山县", "江北新区", "龙泉市")
DEPARTMENTS = ("科学技术局", "司法局", "生态环境局", "市场监督管理局", "交通运输局", "自然资源局", "教育局", "卫生健康委员会")
ACHIEVEMENT_HEADINGS = (
    "推进法治政府建设的主要举措和成效", "依法全面履行政府职能工作情况", "完善依法行政制度体系的举措",
    "推进依法科学民主决策工作情况", "严格规范公正文明执法的主要做法", "强化行政权力制约和监督的落实情况",
    "依法有效化解社会矛盾纠纷的成效", "提高工作人员依法行政能力的举措",
)


@dataclass(frozen=True)
class Pools:
    """Seed sentences by the role of the part they stood in, and sub-heading texts."""

    sentences: dict[str, list[str]]
    subheadings: dict[str, list[str]]


def load_pools(seeds_dir: Path = SEEDS_DIR) -> Pools:
    """Read the seeds with fazhi's own ingest and segmenter, and sort their sentences by role."""
    from scorer.ingest import read_document
    from scorer.segment import NEXT_YEAR_OPENER, SHORTCOMINGS_OPENER, YEAR_AT_START, segment

    def opens_another_part(text: str) -> bool:
        # Such a sentence at the start of a paragraph would open the shortcomings or the
        # plans (the segmenter reads paragraph openers), so an achievements paragraph
        # drawn from the pool could turn the rest of the report into "shortcomings".
        return bool(SHORTCOMINGS_OPENER.search(text) or NEXT_YEAR_OPENER.match(text) or YEAR_AT_START.match(text))

    sentences: dict[str, list[str]] = {r: [] for r in ROLES}
    subheadings: dict[str, list[str]] = {r: [] for r in ROLES}
    seen: set[str] = set()
    for path in sorted(seeds_dir.glob("*.txt")):
        seg = segment(read_document(path))
        for s in seg.sentences:
            role = seg.parts[s.part].role
            text = _LEADING_NUMBER.sub("", s.text).strip()
            if role not in sentences or len(text) < 8 or text in seen or "http" in text:
                continue
            seen.add(text)
            if s.is_heading:
                # A year in a sub-heading would date it against the synthetic report's own year.
                if len(text) <= 40 and not re.search(r"20\d\d", text):
                    subheadings[role].append(text.rstrip("。"))
            elif len(text) <= MAX_SENTENCE_CHARS and not (role == "achievements" and opens_another_part(text)):
                sentences[role].append(text)
    # Every role needs something to draw from; achievements has the most.
    for role in ROLES:
        sentences[role] = sentences[role] or sentences["achievements"]
        subheadings[role] = subheadings[role] or subheadings["achievements"]
    return Pools(sentences, subheadings)


_CN_DIGITS = "零一二三四五六七八九"


def cn_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 28 → 二十八 (1–99, as 公文 number parts)."""
    if not 1 <= n <= 99:
        raise ValueError(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _CN_DIGITS[tens] + "十")
    return head + (_CN_DIGITS[ones] if ones else "")


class _Writer:
    """Draws sentences without repeating one before the pool is used up."""

    def __init__(self, pools: Pools, rng: random.Random):
        self.pools, self.rng = pools, rng
        self.decks: dict[str, list[str]] = {}

    def sentence(self, role: str) -> str:
        deck = self.decks.get(role)
        if not deck:
            deck = list(self.pools.sentences[role])
            self.rng.shuffle(deck)
            self.decks[role] = deck
        return deck.pop()

    def paragraph(self, role: str, budget: int | None = None, sentences: tuple[int, int] = (3, 6)) -> str:
        """A few sentences; with a budget, stop once the paragraph reaches it."""
        out: list[str] = []
        for _ in range(self.rng.randint(*sentences)):
            out.append(self.sentence(role))
            if budget is not None and sum(map(len, out)) >= budget:
                break
        return "".join(out)

    def subheading(self, role: str) -> str:
        return self.rng.choice(self.pools.subheadings[role])


def build_report(pools: Pools, target_chars: int, number: int) -> str:
    """One synthetic report of about ``target_chars`` characters (at least that many)."""
    rng = random.Random(SEED * 1_000_003 + number)
    w = _Writer(pools, rng)
    issuer = rng.choice(CITIES) + rng.choice(DEPARTMENTS)
    year = rng.randint(2019, 2023)
    signed = f"{year + 1}年{rng.randint(1, 3)}月{rng.randint(1, 28)}日"

    head = [f"{issuer}{year}年度法治政府建设情况报告", w.paragraph("preamble", budget=200, sentences=(1, 2))]
    # The parts after the achievements grow with the report, but slowly: a long report
    # is long because of its achievements, as real ones are.
    scale = max(1, target_chars // 20_000)
    tail_parts = [
        ("存在的不足和原因", "shortcomings", scale),
        ("党政主要负责人履行推进法治建设第一责任人职责情况", "first_responsible", scale),
        (f"{year + 1}年工作打算", "next_year", scale),
    ]
    tail_blocks: list[tuple[str, list[str]]] = []
    for heading, role, paragraphs in tail_parts:
        budget = 150 if target_chars < 10_000 else None
        tail_blocks.append((heading, [w.paragraph(role, budget) for _ in range(paragraphs)]))
    signature = [issuer, signed]

    def length(achievement_lines: list[str]) -> int:
        lines = head + achievement_lines + [h for h, ps in tail_blocks for h in [h, *ps]] + signature
        numbers = sum(len(cn_numeral(part_no + k)) + 1 for k in range(1, len(tail_blocks) + 1))  # "四、"
        return sum(len(x) + 1 for x in lines) + numbers

    # Achievements: numbered parts of up to nine sub-sections (（一）heading + paragraph),
    # added sentence by sentence until the report reaches its size.
    achievements: list[str] = []
    part_no, sub_no = 0, 9
    while length(achievements) < target_chars:
        if sub_no == 9:
            part_no += 1
            sub_no = 0
            achievements.append(f"{cn_numeral(part_no)}、{rng.choice(ACHIEVEMENT_HEADINGS)}")
        sub_no += 1
        achievements.append(f"（{cn_numeral(sub_no)}）{w.subheading('achievements')}。")
        achievements.append("")
        remaining = target_chars - length(achievements)
        while achievements[-1] == "" or (len(achievements[-1]) < 400 and remaining > 0):
            achievements[-1] += w.sentence("achievements")
            remaining = target_chars - length(achievements)
    lines = head + achievements
    for i, (heading, paragraphs) in enumerate(tail_blocks, start=part_no + 1):
        lines += [f"{cn_numeral(i)}、{heading}", *paragraphs]
    lines += signature
    return "\n".join(lines) + "\n"


def build_corpus(out: Path = DEFAULT_OUT, seeds_dir: Path = SEEDS_DIR) -> dict[str, list[Path]]:
    """Write the corpus under ``out`` (replacing what was there); returns the files by set."""
    pools = load_pools(seeds_dir)
    if out.exists():
        shutil.rmtree(out)
    sets: dict[str, list[Path]] = {}
    rng = random.Random(SEED)
    batch = []
    for i in range(BATCH_SIZE):
        batch.append(_write(out / "batch300" / f"report_{i:03d}.txt", build_report(pools, rng.randint(*BATCH_CHARS), i)))
    sets["batch300"] = batch
    for name, n in SUBSETS.items():  # copies, not links: each is a folder `fazhi batch` can take
        sets[name] = [_write(out / name / p.name, p.read_text(encoding="utf-8")) for p in batch[:n]]
    sets["ladder"] = [
        _write(out / "ladder" / f"size_{size:06d}.txt", build_report(pools, size, 10_000 + size))
        for size in LADDER
    ]
    return sets


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT
    built = build_corpus(target)
    for name, files in built.items():
        sizes = [len(p.read_text(encoding="utf-8")) for p in files]
        print(f"{name}: {len(files)} reports, {min(sizes):,}–{max(sizes):,} characters")
