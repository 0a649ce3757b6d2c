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
from scorer.learn.model import SCHEMA, from_dict
from scorer.readers.pinyin import PINYIN_AFTER_HAN
from scorer.textnorm import has_traditional, normalize, to_simplified

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


def _squash(text: str, simplified: bool = False) -> str:
    """The phrase as the matcher's sentences read: normalised, without spaces and pinyin, and
    folded to simplified characters when its report was (a labeller quotes a traditional-
    character page as printed, 強化…執法, which a phrase alone may not show to be traditional)."""
    text = PINYIN_AFTER_HAN.sub("", normalize(text))
    if simplified:
        text = to_simplified(text)
    return "".join(text.split()).strip("“”\"'。，,；;")


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
        folded = has_traditional(seg.document.text)
        positives: dict[str, frozenset[int]] = {}
        for rule_id, phrase in (entry.get("evidence") or {}).items():
            if entry["labels"].get(rule_id, "absent") == "absent":
                continue
            needle = _squash(str(phrase), folded)
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


def _l1_logistic():
    """Sparse logistic regression; scikit-learn 1.8 spells the L1 penalty l1_ratio=1."""
    import sklearn
    from sklearn.linear_model import LogisticRegression

    major, minor = (int(x) for x in sklearn.__version__.split(".")[:2])
    penalty = {"l1_ratio": 1.0} if (major, minor) >= (1, 8) else {"penalty": "l1"}
    return LogisticRegression(C=C, solver="liblinear", class_weight="balanced", random_state=SEED,
                              max_iter=1000, **penalty)


def fit(reports: list[LabelledReport], rule_ids: list[str], threshold: float = DEFAULT_THRESHOLD,
        veto: float = 0.0) -> dict:
    """Fit one sparse logistic regression per requirement; return the model file's content."""
    from scipy.sparse import csr_matrix

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
        clf = _l1_logistic()
        clf.fit(X[picked], y)
        weights = {names[j]: round(float(w), 4) for j, w in enumerate(clf.coef_[0]) if abs(w) >= 1e-4}
        out_rules[rule_id] = {"bias": round(float(clf.intercept_[0]), 4), "threshold": threshold, "veto": veto,
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


# (threshold, veto) pairs cross-validation chooses from; (1.01, 0) is the rules alone.
GRID = tuple((t, v) for t in (0.7, 0.8, 0.9, 0.95, 1.01) for v in (0.0, 0.02, 0.05, 0.1))


def cross_validate(gold: list[dict], texts: Path, ruleset, k: int = 5, grid=GRID):
    """The dev reports scored by rules + a model trained without them, for each (threshold,
    veto) of the grid, on each held-out group in turn. Returns {(threshold, veto): EvalReport}."""
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
    predicted: dict[tuple[float, float], dict[str, dict[str, str]]] = {g: {} for g in grid}
    for held_out in folds(list(docs), k):
        data = fit([by_file[f] for f in by_file if f not in held_out], rule_ids)
        for threshold, veto in grid:
            for rule in data["rules"].values():
                rule["threshold"], rule["veto"] = threshold, veto
            model = from_dict(data)
            for f in held_out:
                result = score_document(docs[f], ruleset, options=MatchOptions(model=True), sentence_model=model)
                predicted[(threshold, veto)][f] = statuses_of(result)
    labelled = [e for e in gold if e["file"] in docs]
    return {g: tally(_name(*g), labelled, predicted[g]) for g in grid}


def _name(threshold: float, veto: float) -> str:
    if threshold > 1 and veto == 0:
        return "rules alone"
    adds = "no additions" if threshold > 1 else f"adds at p ≥ {threshold}"
    drops = f"drops at p < {veto}" if veto else "no vetoes"
    return f"rules + model: {adds}, {drops}"


def train(gold: list[dict], texts: Path, ruleset, k: int = 5) -> tuple[dict, dict, list[str]]:
    """(model file content, cross-validation reports, quoted phrases not found) from the dev fold."""
    from scorer.learn import require_learn_extra

    require_learn_extra("fazhi learn train", "sklearn", "scipy")
    dev = [e for e in gold if e.get("fold", "dev") == "dev"]
    cv = cross_validate(dev, texts, ruleset, k)
    # The model's best setting (F1 + in-play accuracy; ties go to the more cautious one),
    # which `+ learned model` then shows; whether it beats the rules alone is recorded, and
    # decides whether fazhi turns it on by default (MatchOptions.model).
    plain = (1.01, 0.0)
    merit = lambda g: round(cv[g].overall.f1 + cv[g].overall.in_play_accuracy, 4)  # noqa: E731
    best = max((g for g in cv if g != plain), key=lambda g: (merit(g), g[0], -g[1]))
    reports, unfound = labelled_reports(dev, texts)
    data = fit(reports, [r.id for r in ruleset.rules if r.kind == "element"], threshold=best[0], veto=best[1])
    summary = lambda c: {"f1": round(c.f1, 4), "in_play_accuracy": round(c.in_play_accuracy, 4),  # noqa: E731
                         "accuracy": round(c.accuracy, 4)}
    data["info"].update({
        # (the batches whose dev reports it learned from: a batch collected since is not in it)
        "trained_on": data_hash(dev), "batches": max(e.get("batch", 1) for e in dev),
        "threshold": best[0], "veto": best[1],
        "beats_rules_alone": merit(best) > merit(plain) if plain in cv else None,
        "cross_validation": {"folds": k, **{cv[g].name: summary(cv[g].overall) for g in cv}},
    })
    return data, cv, unfound
