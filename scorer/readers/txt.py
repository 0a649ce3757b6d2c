"""Plain text: find the encoding from the bytes, never assume it.

Reports copied off government sites arrive as UTF-8 (with or without a BOM),
GBK/GB18030 (older Windows tools), or UTF-16 (Notepad's "Unicode"). A wrong
guess gives mojibake that silently scores as "absent" everywhere, so every
guess is checked: the decoded text must look like Chinese prose, or we stop
with an error instead.
"""

from __future__ import annotations

import codecs
from typing import Iterator

from .. import regex_cache
from ..errors import InputError
from . import Extracted, split_lines

_BOMS = (  # longest first: the UTF-32-LE BOM starts with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# The GB family nests (gb2312 ⊂ gbk ⊂ gb18030); decoding with the superset
# never loses a character a detector's narrower label would have rejected.
_GB_FAMILY = {"gb2312", "gbk", "cp936", "ms936", "euc_cn", "euccn", "hz", "gb18030", "x-gbk"}

# C0 control bytes that never occur in text (tab, LF, VT, FF, CR, ESC, SUB are tolerated).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\x0b\x0c\r\x1a\x1b")
_SAMPLE = 65536

# Characters a Chinese report is made of: ASCII, CJK ideographs and radicals,
# CJK/full-width/general punctuation, circled numbers, common symbols. A wrong
# codec produces Latin-1 accents, Cyrillic, private-use or replacement chars.
_PLAUSIBLE = regex_cache.compile(
    "[\t\n\r\x0b\x0c\x20-\x7e\u00a0\u00b7\u00d7\u00f7\u2000-\u206f\u2100-\u27bf"
    "\u2e80-\u2fdf\u3000-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\ufe30-\ufe4f\ufeff\uff00-\uffef\U00020000-\U0003134f]+"
)
_MAX_IMPLAUSIBLE = 0.02  # share of characters outside _PLAUSIBLE
_MAX_REPLACED = 0.001  # share of undecodable bytes tolerated when salvaging

UNDECODABLE = "cannot decode text (tried utf-8, utf-16, gb18030)"
BINARY = "not a text report: binary content"


def read_txt(data: bytes, subject: str) -> Extracted:
    text, encoding, notes = decode(data, subject)
    return Extracted(lines=split_lines(text), source_format="txt", encoding=encoding, notes=notes)


def decode(data: bytes, subject: str, declared: str | None = None) -> tuple[str, str, list[str]]:
    """Return (text, encoding, notes). ``declared`` is a charset the file names itself (HTML meta)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec, []
            except UnicodeDecodeError:
                raise InputError(subject, f"cannot decode text: it starts with a {codec} BOM but is not {codec}")

    sample = data[:_SAMPLE]
    if b"\x00" in sample:
        # UTF-16 without a BOM: every ASCII character (newlines, digits) carries a
        # NUL byte on the same side. Anything else with NULs is not text.
        codec = _utf16_by_nuls(sample)
        text = _strict(data, codec) if codec else None
        if text is None or not _plausible(text):
            raise InputError(subject, BINARY)
        return text, codec, []
    if len(sample.translate(None, _CONTROL_BYTES)) < len(sample) * 0.99:
        raise InputError(subject, BINARY)

    for codec in _candidates(data, declared):
        text = _strict(data, codec)
        if text is not None and _plausible(text, latin=codec == "utf-8"):
            return text, codec, []

    # A few stray bytes (a truncated download, one bad character pasted in)
    # should not reject a whole report; more than a handful means a wrong guess.
    for codec in (declared and _canonical(declared), "utf-8", "gb18030"):
        if not codec:
            continue
        text = data.decode(codec, errors="replace")
        bad = text.count("\ufffd")
        if bad <= max(1, len(text) * _MAX_REPLACED) and _plausible(text):
            return text, codec, [f"有 {bad} 处字节无法按 {codec} 解码，已替换为 �"]
    raise InputError(subject, UNDECODABLE)


def _candidates(data: bytes, declared: str | None) -> Iterator[str]:
    """Codecs to try, most likely first, without duplicates.

    A generator: charset detection (and its import) only runs when the declared charset
    and a strict UTF-8 decode have both failed, which most reports never need.
    """
    seen: set[str] = set()

    def fresh(codecs_: list[str]) -> Iterator[str]:
        for codec in codecs_:
            if codec not in seen:
                seen.add(codec)
                yield codec

    yield from fresh(([_canonical(declared)] if declared else []) + ["utf-8"])  # UTF-8: common, rarely passes by accident
    from charset_normalizer import from_bytes

    detected = from_bytes(data[: 4 * _SAMPLE] if len(data) > 4 * _SAMPLE else data)
    yield from fresh([_canonical(match.encoding) for match in detected])
    yield from fresh(["gb18030", "big5"])  # detectors misjudge short texts; these are the Chinese fallbacks


def _canonical(label: str) -> str:
    name = label.strip().lower().replace("_", "-")
    if name in _GB_FAMILY or name.replace("-", "") in _GB_FAMILY:
        return "gb18030"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return "utf-8"  # an unknown label in a page's meta: fall back to detection order


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


# Pinyin with tone marks (常态(tài)化) and other Latin letters. They are what a wrong
# single-byte guess produces, so they count only for a strict UTF-8 decode, which mojibake
# does not survive.
_LATIN_LETTERS = regex_cache.compile("[\u00c0-\u024f]+")


def _plausible(text: str, latin: bool = False) -> bool:
    total = len(text)
    if not total:
        return True
    good = sum(len(m) for m in _PLAUSIBLE.findall(text))
    if latin:
        good += sum(len(m) for m in _LATIN_LETTERS.findall(text))
    return (total - good) <= total * _MAX_IMPLAUSIBLE


def _utf16_by_nuls(sample: bytes) -> str | None:
    sample = sample[: len(sample) // 2 * 2]
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if odd >= 4 * max(even, 1):
        return "utf-16-le"
    if even >= 4 * max(odd, 1):
        return "utf-16-be"
    return None
