"""Can a learned classifier correct the rules' strength (substantiated vs asserted)?

    python tests/data/real/strength_cv.py [TEXTS]      (needs the `learn` extra)

For every (report, requirement) of the dev fold where both the gold label and fazhi say
the requirement is met, a logistic regression learns the gold strength from what fazhi
saw: the requirement, fazhi's status, how many sentences carry it, why each was judged
as it was (detail in scope, detail of another requirement, general words, a list of
titles), and the character 2–3-grams of those sentences (digits folded). Under 5-fold
cross-validation grouped by report, fazhi's status is flipped where the classifier is
confident (asserted → substantiated above ``hi``, substantiated → asserted below ``lo``);
the script prints, per setting, how many labels were right before and after and which
flips were right or wrong. It never reads the test fold.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from scorer.pipeline import score_file  # noqa: E402
from scorer.rules import load_rules  # noqa: E402

MET = ("asserted", "substantiated")
# The matcher's reasons, by the phrase that tells them apart (scorer/match.py _judge).
REASONS = ("有可核查细节", "属于其他事项", "仅有泛泛表述", "文件名中提及")
SETTINGS = [(C, lo, hi) for C in (0.1, 0.3, 1.0, 3.0) for lo, hi in ((0.2, 0.8), (0.3, 0.7), (0.5, 0.5), (0.0, 0.7))]


def pairs(manifest: Path, texts: Path) -> list[dict]:
    """The dev fold's (report, requirement) pairs that the gold and fazhi both call met."""
    ruleset = load_rules()
    out = []
    for entry in yaml.safe_load(manifest.read_text(encoding="utf-8"))["reports"]:
        if entry["fold"] != "dev":
            continue
        for match in score_file(texts / entry["file"], ruleset).results:
            gold = entry["labels"].get(match.rule.id)
            if gold in MET and match.status in MET:
                top = [e for e in match.evidence if e.status == match.status]
                out.append({"file": entry["file"], "rule": match.rule.id, "gold": gold, "status": match.status,
                            "n_evidence": len(match.evidence),
                            "top": [(e.reason, e.text) for e in top]})
    return out


def features(pair: dict) -> dict[str, int]:
    f = {f"rule={pair['rule']}": 1, f"status={pair['status']}": 1,
         f"n_top={min(len(pair['top']), 4)}": 1, f"n_evidence={min(pair['n_evidence'], 6)}": 1}
    for reason, text in pair["top"][:3]:
        kind = next((k for k in REASONS if k in reason), "other")
        f[f"reason={kind}"] = f[f"status+reason={pair['status']}+{kind}"] = 1
        folded = re.sub(r"\d+", "0", text)
        for n in (2, 3):
            for i in range(len(folded) - n + 1):
                f["g" + folded[i:i + n]] = 1
    return f


def main(texts: Path) -> None:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    data = pairs(ROOT / "tests/data/real/manifest.yaml", texts)
    groups = [p["file"] for p in data]
    right = sum(p["status"] == p["gold"] for p in data)
    print(f"{len(data)} dev pairs met by both; fazhi's strength right on {right} ({right / len(data):.3f})")
    for C in sorted({s[0] for s in SETTINGS}):
        probability = [0.0] * len(data)
        for train, held in GroupKFold(5).split(data, groups=groups):
            vectors = DictVectorizer()
            X = vectors.fit_transform([features(data[i]) for i in train])
            model = LogisticRegression(C=C, max_iter=2000).fit(X, [data[i]["gold"] == "substantiated" for i in train])
            for i, p in zip(held, model.predict_proba(vectors.transform([features(data[i]) for i in held]))[:, 1]):
                probability[i] = p
        for _, lo, hi in (s for s in SETTINGS if s[0] == C):
            flips, after = Counter(), 0
            for pair, p in zip(data, probability):
                status = pair["status"]
                if status == "asserted" and p > hi:
                    status = "substantiated"
                elif status == "substantiated" and p < lo:
                    status = "asserted"
                after += status == pair["gold"]
                if status != pair["status"]:
                    flips["right" if status == pair["gold"] else "wrong"] += 1
            print(f"C={C:<4} flip below {lo:.1f} / above {hi:.1f}: right {after} ({after - right:+d}); "
                  f"flips right {flips['right']}, wrong {flips['wrong']}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path.home() / ".cache/fazhi/real-corpus/texts")
