"""Pinyin a site writes into the report's own lines.

Some mirror sites repost reports with the pinyin of a character in brackets after it:
法治政府建設(shè), 主要領(lǐng)導(dǎo). Left in, every word with an annotated character
falls apart for the rules (領(lǐng)導 is not 领导), and the evidence quotes read badly.
Pinyin with a tone mark straight after a Chinese character is never report prose, so
it is taken out wherever it stands.

(Furniture, in ``furniture``, is whole lines around the report; this is inside its lines.)
"""

from __future__ import annotations

from .. import regex_cache

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# One syllable, with at least one tone-marked vowel (so "(a)" or "(ok)" after a character stays).
PINYIN_AFTER_HAN = regex_cache.compile(
    rf"(?<=[\u4e00-\u9fff])[(（][a-zü{_TONED}]{{0,5}}[{_TONED}][a-zü{_TONED}]{{0,5}}[)）]"
)


def strip_pinyin(lines: list[str]) -> tuple[list[str], int]:
    """The lines without pinyin annotations, and how many were taken out."""
    removed = 0
    out = []
    for line in lines:
        if "(" in line or "（" in line:
            line, n = PINYIN_AFTER_HAN.subn("", line)
            removed += n
        out.append(line)
    return out, removed
