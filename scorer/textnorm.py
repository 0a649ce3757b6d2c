"""Text normalisation and the small vocabularies of dates and numerals shared by the stages.

Matching runs on a normalised copy of the text that has exactly the same length as the
original, so an offset found in the copy is an offset in the original.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache

from scorer import regex_cache


@lru_cache(maxsize=4096)
def _norm_char(ch: str) -> str:
    # NFKC folds full-width letters, digits and punctuation (ＡＢ１２，（） → AB12,()),
    # but a few characters expand (㈠ → (一)); those keep their original form so that
    # the copy stays aligned with the original.
    if ch in "\u3000\u00a0\t\r":
        return " "
    folded = unicodedata.normalize("NFKC", ch)
    return folded if len(folded) == 1 else ch


# The common cases as one translate table: full-width ASCII (！…～) and spaces.
_FAST = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: " ", 0xA0: " ", 0x09: " ", 0x0D: " "}
# Runs of exactly the characters _FAST maps. str.translate looks every character up in
# the table (~75 ns each on CJK text), though only a few per cent of a report's
# characters are in it; translating just these runs gives the same string 2–4× faster
# on report text (slower only on text made mostly of short full-width runs, which
# reports are not).
_FAST_RUN = regex_cache.compile("[\uff01-\uff5e\u3000\u00a0\t\r]+")
# Characters NFKC leaves alone for sure: ASCII, CJK ideographs, CJK and general punctuation.
_RARE = regex_cache.compile(r"[^\x00-\x7f\u4e00-\u9fff\u3000-\u3035\uff01-\uff5e\u2018-\u201d]")


def _translate_run(m: re.Match[str]) -> str:
    return m.group(0).translate(_FAST)


# Characters that only traditional Chinese uses, and often: a report reposted in
# traditional characters (mirror sites, Hong Kong and Taiwan pages) is folded to
# simplified so the rules, written in simplified, read it too.
_TRADITIONAL = regex_cache.compile("[們這為與國會發據設點議標當實際規劃縣區書處責審號]")


def has_traditional(text: str) -> bool:
    """Does ``text`` hold characters only traditional Chinese uses (normalize then simplifies it)?"""
    return _TRADITIONAL.search(text) is not None


@lru_cache(maxsize=1)
def _to_simplified():
    import opencc  # loaded only for a traditional-character text

    return opencc.OpenCC("t2s").convert


def to_simplified(text: str) -> str:
    """``text`` in simplified characters, same length (normalize does this for a text that
    shows itself traditional; a short phrase quoted from such a text may not)."""
    convert = _to_simplified()
    out = convert(text)
    if len(out) == len(text):
        return out
    # A phrase conversion changed the length: fold character by character instead, so
    # offsets in the copy stay offsets in the original.
    return "".join(c if len(c) == 1 else ch for ch, c in ((ch, convert(ch)) for ch in text))


def normalize(text: str) -> str:
    """Same-length normalised copy of ``text`` for matching."""
    folded = _FAST_RUN.sub(_translate_run, text)
    if _RARE.search(folded):
        folded = _RARE.sub(lambda m: _norm_char(m.group(0)), folded)
    if _TRADITIONAL.search(folded):
        folded = to_simplified(folded)
    return folded


_REGEX_META = set("()[]{}.*+?^$|\\")


def normalize_pattern(pattern: str) -> str:
    """Normalise a regular expression the way ``normalize`` folds text.

    A full-width character that folds into a regex metacharacter (（ → ( ) stays a
    literal, so rule writers can copy punctuation from reports without surprises.
    """
    if not _FAST_RUN.search(pattern) and not _RARE.search(pattern):
        return pattern  # every character is one _norm_char leaves as it is: most patterns, at every start
    out = []
    for ch in pattern:
        folded = _norm_char(ch)
        out.append(re.escape(folded) if folded != ch and folded in _REGEX_META else folded)
    return "".join(out)


_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}


def cn_number(s: str) -> int | None:
    """二十三 → 23, 十二 → 12, 九 → 9; digit strings pass through."""
    if s.isdigit():
        return int(s)
    if "十" in s:
        tens, _, ones = s.partition("十")
        t = _CN_DIGITS.get(tens, None) if tens else 1
        o = _CN_DIGITS.get(ones, None) if ones else 0
        return None if t is None or o is None else t * 10 + o
    if len(s) == 1 and s in _CN_DIGITS:
        return _CN_DIGITS[s]
    return None


def cn_year(s: str) -> int | None:
    """二〇二一 → 2021 (digit by digit, as years are written)."""
    if s.isdigit():
        return int(s)
    digits = [_CN_DIGITS.get(c) for c in s]
    if None in digits or len(digits) != 4:
        return None
    return int("".join(str(d) for d in digits))


_CN = "〇零○O一二三四五六七八九十"
DATE_PATTERNS = (
    regex_cache.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"),
    regex_cache.compile(rf"([{_CN}]{{4}})\s*年\s*([{_CN}]{{1,3}})\s*月\s*([{_CN}]{{1,3}})\s*日"),
    regex_cache.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)"),
)


def find_dates(text: str) -> list[tuple[int, int, dt.date]]:
    """Every calendar date written in ``text``: (start, end, date), in order."""
    found = []
    # the first two need 年 and 日, the third one of - / . (most sentences hold no date at
    # all; most of a report's sentences hold a 年, few a 日)
    patterns = DATE_PATTERNS if "日" in text and "年" in text else DATE_PATTERNS[2:]
    if not ("-" in text or "/" in text or "." in text):
        patterns = patterns[:-1]
    for pattern in patterns:
        for m in pattern.finditer(text):
            y, mo, d = cn_year(m.group(1)), cn_number(m.group(2)), cn_number(m.group(3))
            if y is None or mo is None or d is None:
                continue
            try:
                found.append((m.start(), m.end(), dt.date(y, mo, d)))
            except ValueError:
                continue
    return sorted(found)
