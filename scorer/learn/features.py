"""Sentence features: character 1–3-grams of the normalised sentence, digits folded.

Character n-grams need no word segmenter and catch the short words real writers use
(全程留痕, 案件评查, 权责清单) as well as jieba's words would, at a fraction of the cost:
the model runs on every sentence of every report. Digits are folded to one symbol so
“12件” and “365件” look alike; what a count says is the matcher's business, not the
model's. Features are binary and scaled by 1/√(number of distinct n-grams), so a long
sentence does not win on length alone — computable without the vocabulary, which the
model file then need not carry.
"""

from __future__ import annotations

import math
import re

NGRAM_SIZES = (1, 2, 3)
_DIGITS = re.compile(r"\d+(\.\d+)?")
_SPACE = re.compile(r"\s+")
DESCRIPTION = "binary character 1-3-grams of the normalised sentence, digits folded to '0', scaled by 1/sqrt(distinct n-grams)"


def ngrams(norm: str) -> set[str]:
    """The distinct character n-grams of one normalised sentence."""
    text = _SPACE.sub(" ", _DIGITS.sub("0", norm)).strip()
    return {text[i:i + n] for n in NGRAM_SIZES for i in range(len(text) - n + 1)}


def scale(grams: set[str]) -> float:
    return 1.0 / math.sqrt(len(grams)) if grams else 0.0
