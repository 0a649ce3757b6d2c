"""Can a learned step fix what fazhi gets wrong on reports it has never read?

    python tests/data/real/unseen_corrector.py [--texts DIR] [--suggestions]   (needs the `learn` extra)

The rules are right on 0.89 of the dev fold's in-play labels and on 0.74 of the test fold's:
the dev reports were read while the rules were written, so a corrector trained on today's
dev output learns to trust the rules (`strength_cv.py`, and the report-level stacker of the
nineteenth session). Each batch's first run is different: its code had not seen the batch.
This script scores the dev reports of batches 10-23 with their first-run code (a worktree
per commit, as `first_runs.py` does) and asks, leaving one batch out at a time:

1. **Corrector.** For every requirement the first run called met (asserted or substantiated),
   a logistic regression learns the gold status (absent, asserted, substantiated) from what
   fazhi saw: the requirement and its status, how many sentences carry it and with which
   reasons (kind of detail, general words, detail of another requirement), signal and part,
   how many requirements share each evidence sentence, the sentence's length and place,
   how many requirements the report meets, and (optionally) the character bigrams of the
   evidence sentences. The held-out batch's status is changed where the classifier prefers
   another status by at least ``margin``; the script counts changes that made a label right
   and changes that made a right label wrong.
2. **Reliability flags.** How often each (requirement, status) is right on the other batches
   (smoothed toward the status's overall rate); a call below a threshold is flagged "check
   this". The script prints what share of the held-out in-play calls is flagged and what
   share of the errors the flags catch.
3. With ``--suggestions``: the sentence model (`scorer/learn`) trained on four fifths of the
   dev reports proposes, for each requirement today's rules call absent in the fifth, its
   most likely sentence; counted are proposals holding the labeller's phrase for a missed
   requirement and proposals for a requirement that is truly absent, per threshold.

Counts only; no text, label or phrase is printed, and the test fold is never read.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from first_runs import ALL_FIRST_RUNS, MANIFEST, ROOT, checkout, elements, scored  # noqa: E402

sys.path.insert(0, str(ROOT))
# Batches 10-23's first runs (first_runs.py names their commits): the corrector was measured on these.
BATCHES = {batch: commit for batch, commit in ALL_FIRST_RUNS.items() if batch >= 10}
MET = ("asserted", "substantiated")
TARGETS = ("absent", "asserted", "substantiated")


def reason_kind(reason: str) -> str:
    """The matcher's reason, by the phrase that tells the kinds apart (scorer/match.py). (Detail of
    another requirement first: its reason goes on to say the sentence has only general words.)"""
    if "属于其他事项" in reason:
        return "detail of another requirement"
    if "泛泛" in reason:
        return "general words"
    found = re.search(r"有可核查细节：(.*)", reason)
    if found:
        detail = found.group(1)
        if "《" in detail:
            return "title"
        if re.search(r"\d{4}年|\d+月\d+日", detail):
            return "date"
        unit = re.search(r"[\d一二三四五六七八九十百千万余多]+(\D)", detail)
        return f"count {unit.group(1)}" if unit else "other detail"
    if "标题" in reason:
        return "heading"
    if "段落" in reason:
        return "paragraph"
    return "other"


def corrector_rows(first: dict, labels: dict, files: list[str], bigrams: bool):
    """Features and gold status of every requirement the first run called met."""
    rows = []
    for name in files:
        report = first[name]
        shared = Counter(s for _, r in elements(report) for s in {e[5] for e in r["evidence"]})
        met = sum(1 for _, r in elements(report) if r["status"] in MET)
        for rule_id, r in elements(report):
            status = r["status"]
            if status not in MET:
                continue
            gold = labels[name].get(rule_id, "absent")
            by_status = Counter(e[2] for e in r["evidence"])
            f = {f"rule={rule_id}": 1, f"status={status}": 1, f"rule+status={rule_id}+{status}": 1,
                 f"substantiated sentences={min(by_status['substantiated'], 3)}": 1,
                 f"asserted sentences={min(by_status['asserted'], 3)}": 1,
                 f"rule+sentences={rule_id}+{min(len(r['evidence']), 3)}": 1, f"report met={min(met // 4, 5)}": 1}
            for text, part, _, reason, signal, index in [e for e in r["evidence"] if e[2] == status][:3]:
                kind = reason_kind(reason)
                f[f"reason={kind}"] = f.get(f"reason={kind}", 0) + 1
                f[f"signal={signal}"] = f[f"part={part}"] = 1
                f[f"shared by={min(shared[index], 5)}"] = f[f"rule+shared={rule_id}+{min(shared[index], 3)}"] = 1
                f[f"length={min(len(text) // 40, 5)}"] = 1
                f[f"place={min(5 * index // max(1, report['sentences']), 4)}"] = 1
                if bigrams:
                    folded = re.sub(r"\d+", "0", text)
                    for i in range(len(folded) - 1):
                        f["bigram=" + folded[i:i + 2]] = 1
            rows.append((f, gold if gold in TARGETS else "other", status))
    return rows


def corrector(first: dict, labels: dict, by_batch: dict[int, list[str]]) -> None:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    for bigrams in (False, True):
        for C in (0.1, 0.3, 1.0):
            changed = defaultdict(Counter)
            for held, files in by_batch.items():
                train = corrector_rows(first, labels, [f for b, fs in by_batch.items() if b != held for f in fs], bigrams)
                test = corrector_rows(first, labels, files, bigrams)
                vectorizer = DictVectorizer()
                model = LogisticRegression(C=C, max_iter=3000, random_state=0)
                model.fit(vectorizer.fit_transform([f for f, _, _ in train]), [g for _, g, _ in train])
                classes = list(model.classes_)
                for (_, gold, status), p in zip(test, model.predict_proba(vectorizer.transform([f for f, _, _ in test]))):
                    best = classes[int(p.argmax())]
                    for margin in (0.0, 0.2, 0.4, 0.6):
                        if best not in (status, "other") and p[classes.index(best)] - p[classes.index(status)] >= margin:
                            changed[margin]["made right" if best == gold else "made wrong" if status == gold else "still wrong"] += 1
            print(f"corrector, C={C}, {'with' if bigrams else 'without'} bigrams: " + "; ".join(
                f"margin {m}: +{c['made right']} / -{c['made wrong']}" for m, c in sorted(changed.items())), flush=True)


def reliability(first: dict, labels: dict, by_batch: dict[int, list[str]], prior: float = 8.0) -> None:
    def calls(files):
        for name in files:
            for rule_id, r in elements(first[name]):
                yield rule_id, r["status"], labels[name].get(rule_id, "absent")

    flagged = []
    for held, files in by_batch.items():
        cell, overall = defaultdict(lambda: [0, 0]), defaultdict(lambda: [0, 0])
        for rule_id, status, gold in calls(f for b, fs in by_batch.items() if b != held for f in fs):
            for table, key in ((cell, (rule_id, status)), (overall, status)):
                table[key][0] += status == gold
                table[key][1] += 1
        for rule_id, status, gold in calls(files):
            if status == gold == "absent":
                continue  # not in play
            right, n = cell[(rule_id, status)]
            base = overall[status][0] / overall[status][1] if overall[status][1] else 0.9
            flagged.append(((right + prior * base) / (n + prior), status == gold))
    errors = sum(1 for _, ok in flagged if not ok)
    print(f"reliability flags: {len(flagged)} in-play calls held out, {errors} wrong")
    for threshold in (0.6, 0.7, 0.75, 0.8, 0.85):
        low = [ok for r, ok in flagged if r < threshold]
        high = [ok for r, ok in flagged if r >= threshold]
        caught = sum(1 for ok in low if not ok)
        print(f"  below {threshold}: {len(low)} calls flagged ({len(low) / len(flagged):.0%}), "
              f"{caught} of the errors caught ({caught / errors:.0%}); right among flagged "
              f"{sum(low) / max(1, len(low)):.2f}, among the rest {sum(high) / max(1, len(high)):.2f}")


def suggestions(gold: list[dict], texts: Path) -> None:
    from scorer.learn.model import from_dict
    from scorer.learn.train import fit, folds, labelled_reports

    dev = [e for e in gold if e["fold"] == "dev" and (texts / e["file"]).exists()]
    reports, _ = labelled_reports(dev, texts)
    by_file = {r.file: r for r in reports}
    today = scored(ROOT, texts, list(by_file), evidence=True)
    labels = {e["file"]: e["labels"] for e in dev}
    rule_ids = sorted({r for e in dev for r in e["labels"] if not r.startswith(("structure.", "meta."))})
    proposals = []
    for held in folds(list(by_file), 5):
        model = from_dict(fit([by_file[f] for f in by_file if f not in held], rule_ids))
        for name in sorted(held):
            report = by_file[name]
            probabilities = [model.probabilities(s) for s in report.sentences]
            for rule_id, r in elements(today[name]):
                if r["status"] != "absent" or rule_id not in model.rules or not report.sentences:
                    continue
                best = max(range(len(report.sentences)), key=lambda i: probabilities[i][rule_id])
                missed = labels[name].get(rule_id, "absent") != "absent"
                kind = ("holds the phrase" if best in report.positives.get(rule_id, ()) else "another sentence") \
                    if missed else "truly absent"
                proposals.append((probabilities[best][rule_id], kind))
    print(f"suggestions: {len(by_file)} dev reports, 5 folds; requirements called absent: "
          + ", ".join(f"{k} {v}" for k, v in Counter(k for _, k in proposals).items()))
    for threshold in (0.5, 0.7, 0.8, 0.9, 0.95):
        shown = Counter(k for p, k in proposals if p >= threshold)
        print(f"  p ≥ {threshold}: missed requirement, phrase found {shown['holds the phrase']}; missed, another "
              f"sentence {shown['another sentence']}; truly absent {shown['truly absent']} "
              f"({shown['truly absent'] / len(by_file):.2f} a report)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", type=Path, default=Path(os.environ.get(
        "FAZHI_REAL_TEXTS", Path.home() / ".cache/fazhi/real-corpus/texts")))
    parser.add_argument("--suggestions", action="store_true", help="also measure the sentence model's proposals")
    args = parser.parse_args()
    from scorer.evaluate import load_gold

    gold = load_gold(str(MANIFEST))
    labels = {e["file"]: e["labels"] for e in gold}
    first, by_batch = {}, {}
    for batch, commit in sorted(BATCHES.items()):
        files = [e["file"] for e in gold if e.get("batch") == batch and e["fold"] == "dev" and (args.texts / e["file"]).exists()]
        with checkout(commit) as tree:
            first.update(scored(tree, args.texts, files, evidence=True))
        by_batch[batch] = files
    pairs = Counter((r["status"], labels[n].get(rule_id, "absent")) for n in first for rule_id, r in elements(first[n]))
    in_play = sum(v for (s, g), v in pairs.items() if not s == g == "absent")
    right = sum(v for (s, g), v in pairs.items() if s == g != "absent")
    print(f"first runs of batches {min(BATCHES)}-{max(BATCHES)}: {len(first)} dev reports, in play {right} of {in_play} right "
          f"({right / in_play:.3f}); met calls: " + ", ".join(
              f"{s} with gold {g} {v}" for (s, g), v in sorted(pairs.items()) if s in MET))
    corrector(first, labels, by_batch)
    reliability(first, labels, by_batch)
    if args.suggestions:
        suggestions(gold, args.texts)


if __name__ == "__main__":
    main()
