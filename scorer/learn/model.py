"""The shipped sentence model: per requirement, a sparse linear classifier over n-grams.

Stored as plain JSON (weights, bias, threshold, and how the weights were made: the
training data's hash, the features, the cross-validated scores), scored in pure Python:
loading takes a few milliseconds and needs no scikit-learn.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from scorer.errors import FazhiError
from scorer.learn.features import ngrams, scale

MODEL_FILE = Path(__file__).with_name("model.json")
SCHEMA = "fazhi.model/1"


@dataclass(frozen=True)
class RuleWeights:
    bias: float
    threshold: float  # probability a sentence needs to be proposed as evidence the patterns missed
    veto: float  # below this, a sentence the patterns matched is not this requirement's evidence
    weights: dict[str, float]


@dataclass(frozen=True)
class SentenceModel:
    rules: dict[str, RuleWeights]
    info: dict  # training data hash, features, cross-validated scores: for `rules show` and eval
    # n-gram → [(rule id, weight)]: one lookup per n-gram of a sentence serves every rule.
    index: dict[str, tuple[tuple[str, float], ...]]

    def probabilities(self, norm: str) -> dict[str, float]:
        """Probability, per requirement the model knows, that this sentence is its evidence."""
        grams = ngrams(norm)
        k = scale(grams)
        sums = {rule_id: w.bias for rule_id, w in self.rules.items()}
        for g in grams:
            for rule_id, weight in self.index.get(g, ()):
                sums[rule_id] += weight * k
        return {rule_id: 1.0 / (1.0 + math.exp(-s)) for rule_id, s in sums.items()}

    def top_features(self, rule_id: str, n: int = 12) -> list[tuple[str, float]]:
        weights = self.rules[rule_id].weights
        return sorted(weights.items(), key=lambda kv: -kv[1])[:n]


def from_dict(data: dict) -> SentenceModel:
    if data.get("schema") != SCHEMA:
        raise ValueError(f"not a {SCHEMA} file")
    rules = {rule_id: RuleWeights(float(r["bias"]), float(r["threshold"]), float(r.get("veto", 0.0)), dict(r["weights"]))
             for rule_id, r in data["rules"].items()}
    index: dict[str, list[tuple[str, float]]] = {}
    for rule_id, r in rules.items():
        for gram, weight in r.weights.items():
            index.setdefault(gram, []).append((rule_id, weight))
    return SentenceModel(rules, data.get("info", {}), {g: tuple(v) for g, v in index.items()})


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> SentenceModel:
    """The model at ``path`` (default: the one shipped in the package)."""
    where = Path(path) if path else MODEL_FILE
    try:
        return from_dict(json.loads(where.read_text(encoding="utf-8")))
    except FileNotFoundError:
        raise FazhiError(str(where), "model file not found (train it with `fazhi learn train`)") from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise FazhiError(str(where), f"not a usable model file ({exc})") from None
