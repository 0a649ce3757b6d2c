"""The similarity signal: report sentences that read like a rule's positive examples.

Patterns miss paraphrases; this proposes sentences whose TF-IDF vector (jieba words,
with every rule term added to jieba's dictionary so terms stay whole) is close to one
of a rule's positive example sentences. It is off by default; `fazhi eval` measures
what it adds, and `--similarity` turns it on.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache

from scorer.models import Ruleset, Sentence
from scorer.textnorm import normalize

THRESHOLD = 0.55  # cosine similarity a sentence needs to be proposed


@lru_cache(maxsize=1)
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


def user_dictionary(ruleset: Ruleset) -> list[str]:
    """Every literal term of every rule: jieba must not split 第一责任人 or 双随机."""
    return sorted({normalize(t) for rule in ruleset.rules for t in rule.terms if len(t) > 1})


def tokenize(text: str) -> list[str]:
    # Single characters and punctuation carry no meaning here; digits would make every
    # "N件" sentence look alike.
    return [w for w in _jieba().lcut(text) if len(w) > 1 and not w.isdigit() and not w.isascii()]


@dataclass(frozen=True)
class _ExampleIndex:
    vectorizer: object
    matrix: object
    owners: tuple[str, ...]  # rule id of each example row
    texts: tuple[str, ...]


@lru_cache(maxsize=4)
def _index(ruleset: Ruleset) -> _ExampleIndex:
    from sklearn.feature_extraction.text import TfidfVectorizer

    jieba = _jieba()
    for word in user_dictionary(ruleset):
        jieba.add_word(word, freq=2000)
    owners, texts = [], []
    for rule in ruleset.rules:
        for text, _status in rule.positive:
            if rule.kind == "element":
                owners.append(rule.id)
                texts.append(normalize(text))
    vectorizer = TfidfVectorizer(tokenizer=tokenize, lowercase=False, token_pattern=None, sublinear_tf=True)
    matrix = vectorizer.fit_transform(texts)
    return _ExampleIndex(vectorizer, matrix, tuple(owners), tuple(texts))


def similar_sentences(ruleset: Ruleset, sentences: list[Sentence]) -> dict[str, dict[int, tuple[float, str]]]:
    """rule id → {sentence index: (similarity, the example it resembles)} above THRESHOLD."""
    if not sentences:
        return {}
    index = _index(ruleset)
    vectors = index.vectorizer.transform([s.norm for s in sentences])
    sims = (vectors @ index.matrix.T).toarray()  # rows are L2-normalised: this is the cosine
    out: dict[str, dict[int, tuple[float, str]]] = {}
    for row, sentence in enumerate(sentences):
        for col in sims[row].nonzero()[0]:
            sim = float(sims[row, col])
            if sim < THRESHOLD:
                continue
            rule_id = index.owners[col]
            best = out.setdefault(rule_id, {}).get(sentence.index)
            if best is None or sim > best[0]:
                out[rule_id][sentence.index] = (sim, index.texts[col])
    return out
