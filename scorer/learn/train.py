"""Training the sentence model from the labelled real-text corpus, and measuring what it adds.

Training sentences come from the labelled reports themselves: the labellers quoted, for
every requirement a report shows, the decisive phrase (`evidence` in the manifest). The
sentence holding that phrase is a positive for the requirement; every sentence of a
report labelled `absent` for it is a negative; the other sentences of a report that does
show it are left out (they may be evidence the labeller did not quote).

Only the dev fold is ever trained on. `cross_validate` splits the dev reports into k
groups, trains on k−1 and scores the held-out group with and without the model, so the
model's contribution is measured on reports it never saw.
"""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass
from pathlib import Path

from scorer.learn.features import DESCRIPTION, ngrams, scale
from scorer.learn.model import SCHEMA, SentenceModel, from_dict
from scorer.textnorm import normalize

SEED = 0
C = 4.0  # inverse L1 strength: sparse weights keep the file small and the features readable
DEFAULT_THRESHOLD = 0.7
MIN_POSITIVES = 3  # a requirement with fewer quoted sentences gets no model


@dataclass(frozen=True)
class LabelledReport:
    file: str
    sentences: tuple[str, ...]  # normalised sentences, as the matcher sees them
    positives: dict[str, frozenset[int]]  # rule id → sentences holding its quoted phrase
    absent: frozenset[str]  # rule ids labelled absent: all their sentences are negatives


def _squash(text: str) -> str:
    return "".join(normalize(text).split()).strip("“”\"'。，,；;")


def labelled_reports(gold: list[dict], texts: Path) -> tuple[list[LabelledReport], list[str]]:
    """The training view of each labelled report, and the quoted phrases that were not found."""
    from scorer.errors import FazhiError
    from scorer.ingest import read_document
    from scorer.match import sentence_views
    from scorer.segment import segment

    reports, unfound = [], []
    for entry in gold:
        try:
            seg = segment(read_document(texts / entry["file"]))
        except FazhiError as err:
            unfound.append(f"{entry['file']}: {err}")
            continue
        sentences = tuple(v.sentence.norm for v in sentence_views(seg))
        squashed = ["".join(s.split()) for s in sentences]
        positives: dict[str, frozenset[int]] = {}
        for rule_id, phrase in (entry.get("evidence") or {}).items():
            if entry["labels"].get(rule_id, "absent") == "absent":
                continue
            needle = _squash(str(phrase))
            hits = frozenset(i for i, s in enumerate(squashed) if needle and needle in s)
            if hits:
                positives[rule_id] = hits
            else:
                unfound.append(f"{entry['file']}: {rule_id}: {phrase}")
        absent = frozenset(r for r, s in entry["labels"].items() if s == "absent")
        reports.append(LabelledReport(entry["file"], sentences, positives, absent))
    return reports, unfound


def data_hash(gold: list[dict]) -> str:
    """What the model was trained from: each report's text hash, labels and quoted phrases."""
    payload = [(e["file"], e.get("sha256"), sorted(e["labels"].items()), sorted((e.get("evidence") or {}).items()))
               for e in sorted(gold, key=lambda e: e["file"])]
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode("utf-8")).hexdigest()


def fit(reports: list[LabelledReport], rule_ids: list[str], threshold: float = DEFAULT_THRESHOLD) -> dict:
    """Fit one sparse logistic regression per requirement; return the model file's content."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    vocab: dict[str, int] = {}
    rows: list[dict[int, float]] = []
    where: dict[tuple[int, int], int] = {}  # (report, sentence) → row
    for r_i, rep in enumerate(reports):
        for s_i, sentence in enumerate(rep.sentences):
            grams = ngrams(sentence)
            k = scale(grams)
            where[(r_i, s_i)] = len(rows)
            rows.append({vocab.setdefault(g, len(vocab)): k for g in sorted(grams)})
    indptr, indices, values = [0], [], []
    for row in rows:
        for col in sorted(row):
            indices.append(col)
            values.append(row[col])
        indptr.append(len(indices))
    X = csr_matrix((values, indices, indptr), shape=(len(rows), len(vocab)))
    names = sorted(vocab, key=vocab.get)
    out_rules: dict[str, dict] = {}
    counts: dict[str, list[int]] = {}
    for rule_id in rule_ids:
        picked, y = [], []
        for r_i, rep in enumerate(reports):
            pos = rep.positives.get(rule_id)
            if pos:
                picked += [where[(r_i, s)] for s in sorted(pos)]
                y += [1] * len(pos)
            elif rule_id in rep.absent:
                picked += [where[(r_i, s)] for s in range(len(rep.sentences))]
                y += [0] * len(rep.sentences)
        n_pos = sum(y)
        counts[rule_id] = [n_pos, len(y) - n_pos]
        if n_pos < MIN_POSITIVES:
            continue
        clf = LogisticRegression(penalty="l1", C=C, solver="liblinear", class_weight="balanced",
                                 random_state=SEED, max_iter=1000)
        clf.fit(X[picked], y)
        weights = {names[j]: round(float(w), 4) for j, w in enumerate(clf.coef_[0]) if abs(w) >= 1e-4}
        out_rules[rule_id] = {"bias": round(float(clf.intercept_[0]), 4), "threshold": threshold,
                              "weights": dict(sorted(weights.items()))}
    return {"schema": SCHEMA, "rules": out_rules,
            "info": {"features": DESCRIPTION, "classifier": f"logistic regression, L1, C={C}, balanced classes, "
                     f"liblinear, random_state={SEED}", "reports": len(reports),
                     "sentences": len(rows), "training_sentences": counts}}


def folds(files: list[str], k: int) -> list[set[str]]:
    order = sorted(files)
    random.Random(SEED).shuffle(order)
    return [set(order[i::k]) for i in range(k)]


def save(model: dict, path: Path) -> None:
    path.write_text(json.dumps(model, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n",
                    encoding="utf-8")


def as_model(data: dict) -> SentenceModel:
    return from_dict(data)


THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)


def cross_validate(gold: list[dict], texts: Path, ruleset, k: int = 5, thresholds: tuple[float, ...] = THRESHOLDS):
    """Rules alone, and rules + a model trained without them, on each held-out group of dev reports.

    Returns ``{"rules": EvalReport, threshold: EvalReport, …}`` over all dev reports.
    """
    from scorer.errors import FazhiError
    from scorer.evaluate import statuses_of, tally
    from scorer.ingest import read_document
    from scorer.match import MatchOptions
    from scorer.pipeline import score_document

    reports, _ = labelled_reports(gold, texts)
    by_file = {r.file: r for r in reports}
    docs = {}
    for entry in gold:
        try:
            docs[entry["file"]] = read_document(texts / entry["file"])
        except FazhiError:
            pass
    rule_ids = [r.id for r in ruleset.rules if r.kind == "element"]
    plain = {f: statuses_of(score_document(doc, ruleset)) for f, doc in docs.items()}
    with_model: dict[float, dict[str, dict[str, str]]] = {t: {} for t in thresholds}
    for held_out in folds(list(docs), k):
        data = fit([by_file[f] for f in by_file if f not in held_out], rule_ids)
        for t in thresholds:
            for rule in data["rules"].values():
                rule["threshold"] = t
            model = from_dict(data)
            for f in held_out:
                result = score_document(docs[f], ruleset, options=MatchOptions(model=True), sentence_model=model)
                with_model[t][f] = statuses_of(result)
    labelled = [e for e in gold if e["file"] in docs]
    out = {"rules": tally("rules alone", labelled, plain)}
    for t in thresholds:
        out[t] = tally(f"rules + model ≥ {t}", labelled, with_model[t])
    return out


def train(gold: list[dict], texts: Path, ruleset, k: int = 5) -> tuple[dict, dict, list[str]]:
    """(model file content, cross-validation reports, quoted phrases not found) from the dev fold."""
    dev = [e for e in gold if e.get("fold", "dev") == "dev"]
    cv = cross_validate(dev, texts, ruleset, k)
    best = max((t for t in cv if t != "rules"), key=lambda t: (cv[t].overall.f1 + cv[t].overall.in_play_accuracy, -t))
    reports, unfound = labelled_reports(dev, texts)
    data = fit(reports, [r.id for r in ruleset.rules if r.kind == "element"], threshold=best)
    summary = lambda c: {"f1": round(c.f1, 4), "in_play_accuracy": round(c.in_play_accuracy, 4),  # noqa: E731
                         "accuracy": round(c.accuracy, 4)}
    data["info"].update({
        "trained_on": data_hash(dev), "threshold": best, "cross_validation": {
            "folds": k, "rules_alone": summary(cv["rules"].overall),
            **{f"with_model_{t}": summary(cv[t].overall) for t in cv if t != "rules"}},
    })
    return data, cv, unfound
