"""Real sentences from other pages: how real units word the work, sentence by sentence.

The report corpus (manifest.yaml) holds openings of reports; its test fold says how fazhi reads
a report nobody has read, but a report meets most requirements through several sentences and
hides what fazhi cannot read. This set asks the narrower question on more varied text: single
sentences copied from real government pages of every kind (news items, work summaries, other
units' reports, 政府信息公开 pages), found with the `search` tool's `pages` corpus in batches
(thirty-second session: four, by six collectors and then four each; thirty-third: a fifth, by four) by collectors who saw only
the catalogue, each reporting the work of a requirement or looking like it (a plan, a gap, a
meeting's demands, a cited rule), and labelled for all 28 element IDs as if it stood alone in a
report's 主要举措和成效 part. Every sentence was labelled again, blind, by a second reader, and
the disagreements settled by a third from the catalogue. A hash of each page's URL put about half
of each batch in a held-out fold before any of it was read; a batch's first run, logged before it
was read, measures the scorer of its moment (sentences_first_run.log).

The sentences are third-party text: only the manifest (sentences.yaml: batch, query, rank, URL,
sha256 of the sentence, fold, the two labellings and the settled labels) is committed. The
texts live in ``~/.cache/fazhi/real-corpus/sentences.json`` (or ``$FAZHI_REAL_SENTENCES``), a
map from sha256 to sentence.

    python tests/data/real/sentences.py build N COLLECTED/ SECOND/ SETTLED/  # (once a batch) manifest + texts
    python tests/data/real/sentences.py verify                               # which texts are present
    python tests/data/real/sentences.py eval [--fold dev|test|all] [--batch N]  # fazhi and each reader vs settled

``eval`` scores each sentence alone, under a report's heading and its achievements part, and
counts over every (sentence, element ID): met-vs-not F1 and the status accuracy on the labels
where the settled label or the scorer is not `absent` (in play), for fazhi and for each reader
against the settled labels (the human ceiling). Counts only: no sentence is printed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))  # this checkout's scorer, whichever is installed

from scorer.evaluate import Counts, statuses_of  # noqa: E402
from scorer.models import STATUSES  # noqa: E402
MANIFEST = HERE / "sentences.yaml"
TEXTS = Path(os.environ.get("FAZHI_REAL_SENTENCES", Path.home() / ".cache/fazhi/real-corpus/sentences.json"))
# The heading a sentence is scored under: a 2023 report (every element applies) and its
# achievements part, as the probe sets are scored.
FRAME = "某局2023年度法治政府建设情况报告\n一、2023年推进法治政府建设的主要举措和成效\n{}\n"
FOLD_SALT = "s32:"


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def fold_of(url: str, text: str) -> str:
    """Half the pages held out, by a hash of the URL (the text when there is none), so two
    sentences of one page fall in one fold."""
    return "test" if hashlib.sha256((FOLD_SALT + (url or text)).encode()).digest()[0] % 2 else "dev"


def load() -> list[dict]:
    return yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))["sentences"]


def element_ids() -> list[str]:
    from scorer.rules import builtin_rules

    return [r.id for r in builtin_rules().rules if r.id.split(".")[0] not in ("structure", "meta")]


def build(batch: int, collected: Path, second: Path, settled: Path) -> int:
    """One batch of the manifest, and its local texts, from the collectors' files
    (COLLECTED/*.yaml: url, query, rank, text, labels), the second readers' (SECOND/out_*.yaml:
    n, text, labels, n counting the batch's kept sentences in order) and the third readers'
    (SETTLED/settle_out_*.yaml: n, disputed: id, settled). A sentence on a page of the report
    corpus or of an earlier batch, inside one of the corpus's texts, or already taken is dropped.
    The other batches' entries are kept as they are."""
    others = [e for e in load() if e["batch"] != batch] if MANIFEST.exists() else []
    taken = {e["url"] for e in yaml.safe_load((HERE / "manifest.yaml").read_text(encoding="utf-8"))["reports"] if e.get("url")}
    taken |= {e["url"] for e in others if e["url"]}
    corpus_dir = Path(os.environ.get("FAZHI_REAL_TEXTS", Path.home() / ".cache/fazhi/real-corpus/texts"))
    corpus = "\n".join(p.read_text(encoding="utf-8") for p in sorted(corpus_dir.glob("*.txt")))
    texts = json.loads(TEXTS.read_text(encoding="utf-8")) if TEXTS.exists() else {}
    seen = {e["sha256"] for e in others}
    kept = []
    for path in sorted(collected.glob("*.yaml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            text = str(item.get("text", "")).strip()
            labels = item.get("labels") or {}
            if (not text or item.get("url") in taken or sha256(text) in seen
                    or text[:25] in corpus or text[-25:] in corpus or any(v not in STATUSES or v == "absent" for v in labels.values())):
                continue
            seen.add(sha256(text))
            kept.append({"batch": batch, "collector": path.stem, "query": item.get("query", ""), "rank": item.get("rank"),
                         "url": item.get("url") or "", "sha256": sha256(text), "fold": fold_of(item.get("url"), text),
                         "first": dict(sorted(labels.items()))})
            texts[kept[-1]["sha256"]] = text
    seconds = {}
    for path in sorted(second.glob("out_*.yaml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")):
            seconds[item["n"]] = (item["text"], item.get("labels") or {})
    for n, entry in enumerate(kept):
        text, labels = seconds[n]
        assert sha256(text) == entry["sha256"], f"second reading {n} is not of sentence {n}"
        entry["second"] = dict(sorted(labels.items()))
        entry["settled"] = dict(entry["first"])
    for path in sorted(settled.glob("settle_out_*.yaml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")):
            entry = kept[item["n"]]
            for d in item["disputed"]:
                entry["settled"].pop(d["id"], None)
                if d["settled"] != "absent":
                    entry["settled"][d["id"]] = d["settled"]
            entry["settled"] = dict(sorted(entry["settled"].items()))
    header = ("# Real sentences from other pages (thirty-second session): see sentences.py. One entry a\n"
              "# sentence: query, rank and URL of the search answer it was copied from, sha256 of the\n"
              "# sentence (the text is kept out of the repository), fold, the collector's labels (first),\n"
              "# the blind second reader's (second) and the settled ones; every ID not listed is absent.\n")
    entries = sorted(others + kept, key=lambda e: e["batch"])
    MANIFEST.write_text(header + yaml.safe_dump({"sentences": entries}, allow_unicode=True, sort_keys=False, width=200),
                        encoding="utf-8")
    TEXTS.parent.mkdir(parents=True, exist_ok=True)
    TEXTS.write_text(json.dumps(texts, ensure_ascii=False, indent=0), encoding="utf-8")
    print(f"batch {batch}: {len(kept)} sentences ({sum(e['fold'] == 'dev' for e in kept)} dev) → {MANIFEST.name}, texts → {TEXTS}")
    return 0


def present() -> dict[str, str]:
    """sha256 → sentence, for the manifest's sentences whose text is here and intact."""
    if not TEXTS.exists():
        return {}
    texts = json.loads(TEXTS.read_text(encoding="utf-8"))
    return {h: t for h, t in texts.items() if sha256(t) == h}


def verify() -> int:
    entries, texts = load(), present()
    have = sum(e["sha256"] in texts for e in entries)
    print(f"{have}/{len(entries)} sentences present and intact in {TEXTS}")
    return 0 if have == len(entries) else 1


def tally(pairs) -> tuple[float, int, int]:
    """(met-vs-not F1, in play right, in play) over (gold, predicted) status pairs, counted as
    `fazhi eval` counts them (scorer.evaluate.Counts); F1 0 where nothing is met on either side."""
    counts = Counts()
    for gold, predicted in pairs:
        counts.add(gold, predicted)
    return (counts.f1 if counts.tp else 0.0), counts.in_play_exact, counts.in_play


def scored(sentences: list[str]) -> list[dict[str, str]]:
    """Each sentence's status for every requirement, scored alone in FRAME."""
    from scorer.models import Document
    from scorer.pipeline import score_document
    from scorer.rules import builtin_rules

    ruleset = builtin_rules()
    out = []
    for sentence in sentences:
        text = FRAME.format(sentence)
        out.append(statuses_of(score_document(Document(path="sentence.txt", text=text, keep=((0, len(text)),),
                                                       source_format="txt"), ruleset)))
    return out


def evaluate(entries: list[dict], texts: dict[str, str], ids: list[str]) -> dict[str, tuple[float, int, int]]:
    """fazhi's and each reader's tally against the settled labels over the entries present."""
    entries = [e for e in entries if e["sha256"] in texts]
    predicted = scored([texts[e["sha256"]] for e in entries])
    rows = {}
    for name, labels_of in (("fazhi", lambda e, p: p), ("first reader", lambda e, p: e["first"]),
                            ("second reader", lambda e, p: e["second"])):
        rows[name] = tally((e["settled"].get(i, "absent"), labels_of(e, p).get(i, "absent"))
                           for e, p in zip(entries, predicted) for i in ids)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("build", help="(once a batch) the manifest and the local texts from the readers' files")
    p.add_argument("batch", type=int)
    p.add_argument("collected", type=Path)
    p.add_argument("second", type=Path)
    p.add_argument("settled", type=Path)
    sub.add_parser("verify", help="which sentences are present and intact")
    p = sub.add_parser("eval", help="fazhi and each reader against the settled labels (counts only)")
    p.add_argument("--fold", choices=("dev", "test", "all"), default="all")
    p.add_argument("--batch", type=int, help="one batch only (default: all)")
    args = parser.parse_args(argv)
    if args.command == "build":
        return build(args.batch, args.collected, args.second, args.settled)
    if args.command == "verify":
        return verify()
    entries = [e for e in load() if args.fold in ("all", e["fold"]) and args.batch in (None, e["batch"])]
    texts = present()
    if not texts:
        print(f"no sentences at {TEXTS}: nothing to score", file=sys.stderr)
        return 1
    ids = element_ids()
    n = sum(e["sha256"] in texts for e in entries)
    print(f"fold {args.fold}{'' if args.batch is None else f', batch {args.batch}'}: {n} of {len(entries)} sentences present, "
          f"{len(ids)} element IDs each")
    for name, (f1, right, in_play) in evaluate(entries, texts, ids).items():
        print(f"{name:14s} met-vs-not F1 {f1:.3f}   in play {right}/{in_play} = {right / in_play:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
