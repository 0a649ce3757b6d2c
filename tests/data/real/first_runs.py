"""How much of the rules' later work reaches reports no one read: batches scored with the code
of their first run and with the code checked out now, fold by fold.

    python tests/data/real/first_runs.py [--texts DIR] [BATCH=COMMIT ...]
    python tests/data/real/first_runs.py --worklist OUT.tsv [--texts DIR] [BATCH=COMMIT ...]

Each batch was run first with the code of its moment, before anything of it was read (the
`eval_first_run_batch*` logs). Since then its dev reports of half A were read in every round,
those of half B in some, and its test reports never. Scoring the batch again per fold, with
that first-run code and with today's, against today's settled labels, shows what the reading
did: how far the read folds moved, and how far the unread one did.

The default pairs are batches 18-25 with their first runs' commits. For each commit a detached
worktree is made in a temporary folder and a child process scores the texts with that
worktree's scorer; the labels, folds and tally are always this checkout's. Counts only: no
text, label or phrase is printed.

With ``--worklist`` it writes instead, for the dev reports of the batches given (default: every
batch whose first-run commit is known, 6-23), each requirement the first run got wrong and
today's code gets right: file, dev half, batch, requirement, gold status, the first run's and
today's, the labeller's phrase and the first run's evidence sentences with their reasons. Each
line is a family of error that fazhi made on a report it had not seen and that a fix made
right for one wording; the thirty-first session's rounds 13-15 gave such lists to readers, who
wrote the same thing in other units' words and broadened the fix where those came out wrong
(test fold +13 / −1, dev unchanged). Dev texts only: the test fold is never listed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
MANIFEST = Path(__file__).with_name("manifest.yaml")
FIRST_RUNS = {18: "e00624a", 19: "732d4bd", 20: "8300ec9", 21: "164849f", 22: "c6b9739", 23: "1c878f0", 24: "96ed10a", 25: "a2083cc", 26: "18b4f9d", 27: "28e8d9c", 28: "928dacc", 29: "672733c"}
# Every batch whose first-run code is known. Batches 10-17's commits are named in this folder's
# README; 8's is 461f8ee (README); 6's, 7's and 9's are the parents of the commits that added them
# (the rules read off each batch came after it).
ALL_FIRST_RUNS = {6: "309edbe^", 7: "c4849b2^", 8: "461f8ee", 9: "74b3fd9^", 10: "820222d", 11: "93fae23",
                  12: "31d4209", 13: "6226215", 14: "8ab2889", 15: "1ee24cc", 16: "0060b4f", 17: "4fa476f",
                  **FIRST_RUNS}
FOLDS = ("dev-a", "dev-b", "test")


def _child(code: str, texts: str, evidence: bool) -> None:
    """In the child: score the files named on stdin with the scorer at ``code``; print statuses,
    or with ``evidence`` each requirement's status, whether it applies and its evidence
    (text, part, status, reason, signal, sentence index) with the report's sentence count.
    Only the oldest API is used (read_document, score_document, builtin_rules, and the
    Evidence fields every commit since batch 10's first run has), so any such commit serves."""
    sys.path.insert(0, code)
    from scorer.ingest import read_document
    from scorer.pipeline import score_document
    from scorer.rules import builtin_rules

    ruleset = builtin_rules()
    out = {}
    for name in json.load(sys.stdin):
        result = score_document(read_document(Path(texts) / name), ruleset)
        if not evidence:
            out[name] = {r.rule.id: r.status for r in result.results}
            continue
        out[name] = {"sentences": len(result.segmented.sentences), "rules": {
            r.rule.id: {"status": r.status, "applies": r.applies,
                        "evidence": [[e.text, e.part_role, e.status, e.reason, e.signal, e.sentence] for e in r.evidence]}
            for r in result.results}}
    json.dump(out, sys.stdout, ensure_ascii=False)


def scored(code: Path, texts: Path, files: list[str], evidence: bool = False) -> dict:
    """The files scored by the scorer checked out at ``code``, in a child process (see _child)."""
    done = subprocess.run([sys.executable, __file__, "--child" + ("-evidence" if evidence else ""), str(code), str(texts)],
                          input=json.dumps(files), capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONWARNINGS": "ignore"})
    return json.loads(done.stdout)


@contextmanager
def checkout(commit: str):
    """A detached worktree of ``commit`` in a temporary folder, removed afterwards."""
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "code"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--quiet", "--detach", str(tree), commit], check=True)
        try:
            yield tree
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=True)


def _tally(entries: list[dict], statuses: dict[str, dict[str, str]]) -> Counter:
    """In-play right and in play, per fold: `fazhi eval`'s own fold selection and tally."""
    from scorer.evaluate import select_fold, tally

    count: Counter = Counter()
    for fold in FOLDS:
        overall = tally(fold, select_fold(entries, fold), statuses).overall
        count[(fold, "right")], count[(fold, "in play")] = overall.in_play_exact, overall.in_play
    return count


def elements(report: dict):
    """(rule id, its entry) of every element requirement that applies, in a report ``scored`` with
    ``evidence``: the requirements a status is judged for (not the parts, not the deadline)."""
    for rule_id, entry in report["rules"].items():
        if not rule_id.startswith(("structure.", "meta.")) and entry["applies"]:
            yield rule_id, entry


def worklist(gold: list[dict], texts: Path, pairs: dict[int, str], out: Path) -> None:
    """The first runs' errors on dev reports that today's code gets right, one line each (see above)."""
    from scorer.evaluate import select_fold

    half = {e["file"]: fold for fold in ("dev-a", "dev-b") for e in select_fold(gold, fold)}
    rows = []
    for batch, commit in sorted(pairs.items()):
        entries = {e["file"]: e for e in gold if e.get("batch") == batch and e["fold"] == "dev"
                   and (texts / e["file"]).exists()}
        with checkout(commit) as tree:
            first = scored(tree, texts, list(entries), evidence=True)
        today = scored(ROOT, texts, list(entries), evidence=True)
        for name, entry in entries.items():
            for rule_id, then in elements(first[name]):
                want, now = entry["labels"].get(rule_id, "absent"), today[name]["rules"][rule_id]["status"]
                if then["status"] == want or now != want:
                    continue
                shown = [e for e in then["evidence"] if e[2] == then["status"]][:2]
                rows.append([name, half[name], str(batch), rule_id, want, then["status"], now,
                             str((entry.get("evidence") or {}).get(rule_id, "")),
                             " ‖ ".join(f"{e[0]} 〔{e[3]}〕" for e in shown)])
    rows.sort(key=lambda r: (r[3], r[0]))
    header = ["file", "half", "batch", "rule", "gold", "first_run_status", "today_status", "labeller_phrase",
              "first_run_evidence〔reason〕"]
    out.write_text("\n".join("\t".join(" ".join(cell.split()) for cell in row) for row in [header, *rows]) + "\n",
                   encoding="utf-8")
    print(f"{len(rows)} first-run errors now right, from {len(pairs)} batches: {out}")


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] in ("--child", "--child-evidence"):
        return _child(sys.argv[2], sys.argv[3], evidence=sys.argv[1] == "--child-evidence")
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", type=Path, default=Path(os.environ.get(
        "FAZHI_REAL_TEXTS", Path.home() / ".cache/fazhi/real-corpus/texts")))
    parser.add_argument("--worklist", type=Path, metavar="OUT.tsv",
                        help="write the first runs' dev errors that today's code gets right (see above)")
    parser.add_argument("pairs", nargs="*", help="BATCH=COMMIT (default: batches 18-25 and their first runs' "
                        "commits; with --worklist, batches 6-23)")
    args = parser.parse_args()
    pairs = {int(b): c for b, c in (p.split("=") for p in args.pairs)} if args.pairs else (
        ALL_FIRST_RUNS if args.worklist else FIRST_RUNS)
    sys.path.insert(0, str(ROOT))
    from scorer.evaluate import load_gold

    gold = load_gold(str(MANIFEST))
    if args.worklist:
        return worklist(gold, args.texts, pairs, args.worklist)
    then, now = Counter(), Counter()
    for batch, commit in sorted(pairs.items()):
        entries = [e for e in gold if e.get("batch") == batch and (args.texts / e["file"]).exists()]
        files = [e["file"] for e in entries]
        with checkout(commit) as tree:
            first = _tally(entries, scored(tree, args.texts, files))
        today = _tally(entries, scored(ROOT, args.texts, files))
        then += first
        now += today
        print(f"batch {batch} ({len(files)} reports, first run {commit}): " + ", ".join(
            f"{f} {first[(f, 'right')]}/{first[(f, 'in play')]} → {today[(f, 'right')]}/{today[(f, 'in play')]}"
            for f in FOLDS), flush=True)
    print("all: " + ", ".join(
        f"{f} {then[(f, 'right')] / max(1, then[(f, 'in play')]):.3f} → {now[(f, 'right')] / max(1, now[(f, 'in play')]):.3f}"
        for f in FOLDS))


if __name__ == "__main__":
    main()
