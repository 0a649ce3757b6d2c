"""The real-text corpus: excerpts of published 法治政府建设年度报告, kept out of the repository.

The texts are third-party web pages (openings of stored pages, as the `search` tool's
`pages` corpus returns them), so only the manifest is committed: for every excerpt its
query, rank, URL, the sha256 of its text, issuer, reporting year, fold and labels.
The texts live in a local folder (default ``~/.cache/fazhi/real-corpus/texts``,
or ``$FAZHI_REAL_TEXTS``).

    python tests/data/real/corpus.py verify [FILE…]    # which texts are present and intact
    python tests/data/real/corpus.py worklist OUT/     # what to look up to re-create them, in chunks
    python tests/data/real/corpus.py restore ANSWERS/  # re-create texts from saved search answers
    python tests/data/real/corpus.py build RAW/        # (once) manifest from the labellers' files
    python tests/data/real/corpus.py settle SETTLED    # a third reader's settled labels into the manifest

To re-create the folder: for each manifest entry, run the search tool with its `query`
on the `pages` corpus, save each answer (the tool's JSON, as printed) as a file in
ANSWERS/, and run `restore`: it writes every excerpt whose sha256 is an entry's, and
`verify` then lists what is still missing. Where the answers cannot be saved as they are
(the search tool answers an agent, not a shell), `worklist` splits the manifest into
chunks of about 44 texts grouped by query, the test fold's first: whoever looks a chunk
up writes each entry's excerpt into its file and checks it with `verify FILE…`. Then

    fazhi eval tests/data/real/manifest.yaml --texts ~/.cache/fazhi/real-corpus/texts --fold test
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sys
from pathlib import Path

import yaml

from scorer import safe_yaml

HERE = Path(__file__).resolve().parent
MANIFEST = HERE / "manifest.yaml"
DEFAULT_TEXTS = Path(os.environ.get("FAZHI_REAL_TEXTS", Path.home() / ".cache/fazhi/real-corpus/texts"))
# The test fold is drawn once, by this seed, before any error is looked at; never tuned on.
FOLD_SEED = 20261129
TEST_SHARE = 0.3
STATUSES = {"substantiated", "asserted", "planned", "deficient", "absent"}
ELEMENT_IDS = (
    "leadership.first_responsible", "leadership.party_deployment", "leadership.accountability",
    "leadership.annual_report", "leadership.law_study", "functions.power_list", "functions.fair_competition",
    "functions.credit", "normative_docs.legality_review", "normative_docs.filing", "normative_docs.cleanup",
    "decisions.statutory_procedure", "decisions.catalogue", "legal_adviser.use", "enforcement.publicity",
    "enforcement.full_recording", "enforcement.legal_review", "enforcement.credentials",
    "enforcement.random_inspection", "enforcement.supervision", "enforcement.lenient",
    "disputes.reconsideration_litigation", "disputes.petition_mediation", "oversight.external",
    "oversight.openness", "education.popularization", "emergency.response", "digital.platform",
)
HEADER = """\
# Real published 法治政府建设年度报告 (openings of stored web pages, found with the search
# tool's `pages` corpus), labelled for every element ID against
# ../shared/spec/requirements.md by helpers who saw only the catalogue — never the rules
# or fazhi's output. The texts are not in the repository: see corpus.py (verify/restore).
# fold: test = drawn at random (seed {seed}, {share:.0%} of each batch) before any error was
# looked at, never tuned on; dev = everything else. `evidence` quotes each non-absent label's
# decisive phrase. Labels of the doubly labelled sample are the settled ones (double/).
"""


def sha256_text(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_yaml(path: Path):
    return safe_yaml.load_own(path.read_text(encoding="utf-8"))  # (libyaml's: four times as fast on 3.4 MB)


def load(path: Path | None = None) -> list[dict]:
    return read_yaml(path or MANIFEST)["reports"]


def check_labels(entry: dict) -> list[str]:
    labels = entry.get("labels") or {}
    problems = [f"missing {i}" for i in ELEMENT_IDS if i not in labels]
    problems += [f"{i}: bad status {s!r}" for i, s in labels.items() if s not in STATUSES]
    problems += [f"unknown id {i}" for i in labels if i not in ELEMENT_IDS]
    return problems


def build(raw: Path, texts: Path) -> int:
    """Add the labellers' files (RAW/labels/*.yaml) to the manifest; drop duplicates.

    Entries already in the manifest keep their labels (settled ones included) and their
    fold. A new batch's test fold is drawn from its own excerpts only, by the same seed,
    before anyone reads its errors.
    """
    entries = load() if MANIFEST.exists() else []
    batch = max((e.get("batch", 1) for e in entries), default=0) + 1
    seen_hash = {e["sha256"] for e in entries}
    seen_url = {e["url"] for e in entries}
    seen_report = {(str(e["issuer"]), e["year"]) for e in entries}
    known = {e["file"] for e in entries}
    added = []
    for labels_file in sorted((raw / "labels").glob("*.yaml")):
        for entry in yaml.safe_load(labels_file.read_text(encoding="utf-8"))["reports"]:
            if entry.get("file") in known:
                continue
            text = texts / entry["file"]
            problems = check_labels(entry)
            if not text.is_file():
                problems.append("text missing")
            if not entry.get("url"):
                problems.append("no URL returned: it could not be fetched again")
            if problems:
                print(f"{labels_file.name}: {entry.get('file')}: skipped: {'; '.join(problems)}", file=sys.stderr)
                continue
            digest = sha256_text(text)
            report = (str(entry.get("issuer")), entry.get("year"))
            if digest in seen_hash or entry["url"] in seen_url or report in seen_report:
                print(f"{labels_file.name}: {entry['file']}: skipped: duplicate of an earlier excerpt", file=sys.stderr)
                continue
            seen_hash.add(digest)
            seen_url.add(entry["url"])
            seen_report.add(report)
            added.append({
                "file": entry["file"], "query": entry["query"], "rank": int(entry["rank"]), "url": entry["url"],
                "sha256": digest, "issuer": entry["issuer"], "year": int(entry["year"]),
                "kind": entry.get("kind"), "level": entry.get("level"), "province": entry.get("province"),
                "batch": batch, "labels": {i: entry["labels"][i] for i in ELEMENT_IDS},
                "evidence": {i: str(v) for i, v in (entry.get("evidence") or {}).items()
                             if entry["labels"].get(i, "absent") != "absent"},
            })
    order = sorted(e["file"] for e in added)
    random.Random(FOLD_SEED).shuffle(order)
    test = set(order[: round(len(order) * TEST_SHARE)])
    for e in added:
        e["fold"] = "test" if e["file"] in test else "dev"
    for e in entries:
        e.setdefault("batch", 1)
    write(entries + added)
    print(f"batch {batch}: {len(added)} excerpts added ({len(test)} in the test fold); "
          f"{len(entries) + len(added)} in all -> {MANIFEST}")
    return 0


def write(entries: list[dict], path: Path | None = None) -> None:
    body = yaml.safe_dump({"reports": entries}, allow_unicode=True, sort_keys=False, width=200)
    (path or MANIFEST).write_text(HEADER.format(seed=FOLD_SEED, share=TEST_SHARE) + body, encoding="utf-8")


def verify(texts: Path, only: list[str] | None = None) -> int:
    """Is every text (or each of ``only``, file names) present, with the manifest's sha256?"""
    entries, unknown = load(), set()
    if only:
        wanted = {Path(name).name for name in only}
        unknown = wanted - {e["file"] for e in entries}
        for name in sorted(unknown):
            print(f"unknown  {name}: not a manifest entry")
        entries = [e for e in entries if e["file"] in wanted]
    missing = changed = 0
    for entry in entries:
        path = texts / entry["file"]
        if not path.is_file():
            missing += 1
            print(f"missing  {entry['file']}: search pages {entry['query']!r}, rank {entry['rank']}, {entry['url']}")
        elif sha256_text(path) != entry["sha256"]:
            changed += 1
            print(f"changed  {entry['file']}: sha256 differs from the manifest")
    total = len(entries)
    print(f"{total - missing - changed}/{total} texts present and intact in {texts}")
    return 1 if missing or changed or unknown else 0


def worklist(out: Path, size: int = 44) -> int:
    """The manifest as chunks to look up (``query<TAB>rank<TAB>url<TAB>file`` lines, one
    file per chunk): all the entries of a query in one chunk, so that it is looked up once,
    and the test fold's queries first, so that a restore cut short still measures the fold
    that counts."""
    entries = load()
    by_query: dict[str, list[dict]] = {}
    for fold in ("test", "dev"):
        for e in entries:
            if e["fold"] == fold:
                by_query.setdefault(e["query"], [])
    for e in entries:
        by_query[e["query"]].append(e)
    chunks: list[list[dict]] = [[]]
    for group in by_query.values():
        if len(chunks[-1]) >= size:
            chunks.append([])
        chunks[-1] += group
    out.mkdir(parents=True, exist_ok=True)
    for n, chunk in enumerate(chunks):
        lines = "".join(f"{e['query']}\t{e['rank']}\t{e['url']}\t{e['file']}\n" for e in chunk)
        (out / f"{n:02d}.tsv").write_text(lines, encoding="utf-8")
    print(f"{len(entries)} texts in {len(chunks)} chunks, {len(by_query)} queries -> {out}")
    return 0


def restore(answers: Path, texts: Path) -> int:
    """Write the excerpts of saved search answers whose sha256 is a manifest entry's.

    The digest alone identifies the excerpt: a stored page's URL may be missing from an
    answer, or one URL may come back twice with two different openings."""
    wanted = {e["sha256"]: e for e in load()}
    texts.mkdir(parents=True, exist_ok=True)
    written = 0
    for answer in sorted(answers.glob("*")):
        try:
            results = json.loads(answer.read_text(encoding="utf-8")).get("results", [])
        except (OSError, ValueError):
            print(f"{answer}: not a saved search answer", file=sys.stderr)
            continue
        for result in results:
            data = str(result.get("excerpt", "")).encode("utf-8")
            entry = wanted.get(hashlib.sha256(data).hexdigest())
            if entry:
                (texts / entry["file"]).write_bytes(data)
                written += 1
    print(f"{written} texts written to {texts}")
    return verify(texts)


def settle(settled: Path) -> int:
    """Put a third reader's decisions (``[{file, id, label, phrase, why}]``, made from the
    catalogue alone where two independent labellings disagreed) into the manifest: the
    label, and its decisive phrase as the evidence (none for ``absent``)."""
    entries = load(MANIFEST)
    by_file = {e["file"]: e for e in entries}
    decisions = yaml.safe_load(settled.read_text(encoding="utf-8"))
    changed = 0
    for d in decisions:
        entry = by_file.get(d["file"])
        if entry is None or d["id"] not in ELEMENT_IDS or d["label"] not in STATUSES:
            print(f"{settled.name}: {d.get('file')} {d.get('id')}: not a manifest entry, ID or status", file=sys.stderr)
            return 1
        changed += entry["labels"][d["id"]] != d["label"]
        entry["labels"][d["id"]] = d["label"]
        entry["evidence"].pop(d["id"], None)
        if d["label"] != "absent" and d.get("phrase"):
            entry["evidence"][d["id"]] = str(d["phrase"])
    write(entries, MANIFEST)
    print(f"{len(decisions)} decisions from {settled.name}; {changed} labels changed in {MANIFEST}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--texts", type=Path, default=DEFAULT_TEXTS, help=f"texts folder (default {DEFAULT_TEXTS})")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("verify", help="check that every text (or each FILE) is present with its sha256")
    p.add_argument("files", nargs="*", metavar="FILE")
    p = sub.add_parser("worklist", help="the manifest as chunks of look-ups, the test fold first")
    p.add_argument("out", type=Path)
    p.add_argument("--size", type=int, default=44, help="texts per chunk (default 44)")
    p = sub.add_parser("restore", help="re-create texts from saved search answers")
    p.add_argument("answers", type=Path)
    p = sub.add_parser("build", help="merge the labellers' files into the manifest")
    p.add_argument("raw", type=Path)
    p = sub.add_parser("settle", help="apply settled disagreements (double/*settled.yaml) to the manifest")
    p.add_argument("settled", type=Path)
    args = parser.parse_args(argv)
    if args.command == "verify":
        return verify(args.texts, args.files)
    if args.command == "worklist":
        return worklist(args.out, args.size)
    if args.command == "restore":
        return restore(args.answers, args.texts)
    if args.command == "settle":
        return settle(args.settled)
    return build(args.raw, args.texts)


if __name__ == "__main__":
    sys.exit(main())
