"""Word's automatic numbering, rendered back into the text.

When a department numbers its headings with Word's list feature, "一、" and
"（一）" live in numbering.xml, not in the paragraph: reading the runs alone
loses every heading marker the segmenter needs. This renders the common
formats (一二三, 1 2 3, ①, 甲乙丙, A B C, i ii iii) the way Word shows them.
"""

from __future__ import annotations

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

_DIGITS = "零一二三四五六七八九"
_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def chinese(n: int, digits: str = _DIGITS, ten: str = "十", hundred: str = "百") -> str:
    """1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五 (as Word's chineseCounting shows them)."""
    if n <= 0:
        return str(n)
    if n >= 1000:
        return str(n)
    h, rest = divmod(n, 100)
    t, u = divmod(rest, 10)
    out = ""
    if h:
        out += digits[h] + hundred
        if rest and t == 0:
            out += digits[0]
    if t:
        out += ("" if t == 1 and not h else digits[t]) + ten
    if u:
        out += digits[u]
    return out


def _letters(n: int) -> str:
    # Word repeats the letter: a … z, aa … zz.
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    out = ""
    for value, sym in _ROMAN:
        while n >= value:
            out += sym
            n -= value
    return out


def format_number(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "ideographDigital", "taiwaneseCountingThousand"):
        return chinese(n)
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional"):
        return chinese(n, _LEGAL, "拾", "佰")
    if fmt in ("ideographTraditional",):
        return _TIANGAN[(n - 1) % 10]
    if fmt in ("ideographZodiac",):
        return _DIZHI[(n - 1) % 12]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalFullWidth":
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


class Numbering:
    """Counters for every list in one document, advanced paragraph by paragraph."""

    def __init__(self, numbering_xml: bytes | None, styles_xml: bytes | None, parser: etree.XMLParser):
        self._levels: dict[str, dict[int, tuple[int, str, str]]] = {}  # numId → ilvl → (start, fmt, lvlText)
        self._counters: dict[str, dict[int, int]] = {}
        self._style_num: dict[str, tuple[str, int]] = {}
        if numbering_xml:
            self._read_numbering(etree.fromstring(numbering_xml, parser))
        if styles_xml:
            self._read_styles(etree.fromstring(styles_xml, parser))

    def _read_numbering(self, root) -> None:
        abstract = {}
        for a in root.iter(W + "abstractNum"):
            abstract[a.get(W + "abstractNumId")] = _read_levels(a)
        for num in root.iter(W + "num"):
            ref = num.find(W + "abstractNumId")
            levels = dict(abstract.get(ref.get(W + "val") if ref is not None else None, {}))
            for override in num.iter(W + "lvlOverride"):
                ilvl = int(override.get(W + "ilvl", "0"))
                start = override.find(W + "startOverride")
                lvl = override.find(W + "lvl")
                if lvl is not None:
                    levels.update(_read_levels(override))
                elif start is not None and ilvl in levels:
                    _, fmt, text = levels[ilvl]
                    levels[ilvl] = (int(start.get(W + "val", "1")), fmt, text)
            self._levels[num.get(W + "numId")] = levels

    def _read_styles(self, root) -> None:
        based: dict[str, str] = {}
        direct: dict[str, tuple[str | None, int]] = {}
        for style in root.iter(W + "style"):
            sid = style.get(W + "styleId")
            parent = style.find(W + "basedOn")
            if parent is not None:
                based[sid] = parent.get(W + "val")
            num = style.find(f"{W}pPr/{W}numPr")
            if num is not None:
                direct[sid] = _num_pr(num)
        for sid in set(direct) | set(based):
            seen, cur = 0, sid
            while cur and cur not in direct and seen < 10:  # follow basedOn, guarding against loops
                cur, seen = based.get(cur), seen + 1
            if cur in direct and direct[cur][0]:
                self._style_num[sid] = direct[cur]  # type: ignore[assignment]

    def label(self, p) -> str:
        """The number Word would show before paragraph ``p`` ('' for none), advancing the counters."""
        num_pr = p.find(f"{W}pPr/{W}numPr")
        num_id, ilvl = _num_pr(num_pr) if num_pr is not None else (None, 0)
        if num_pr is not None and num_pr.find(W + "numId") is not None and num_id is None:
            return ""  # numId 0: numbering switched off on this paragraph, even if its style has some
        if num_id is None:
            style = p.find(f"{W}pPr/{W}pStyle")
            sid = style.get(W + "val") if style is not None else None
            if sid in self._style_num:
                num_id, ilvl = self._style_num[sid]
                if num_pr is not None and num_pr.find(W + "ilvl") is not None:
                    ilvl = _num_pr(num_pr)[1]
        levels = self._levels.get(num_id or "")
        if not levels or ilvl not in levels:
            return ""
        counters = self._counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl][0] - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]  # a new (一) after 二、 starts again at one
        _, fmt, text = levels[ilvl]
        if fmt == "bullet":
            return ""
        out = text
        for k in range(ilvl, -1, -1):  # %10 before %1
            if f"%{k + 1}" in out:
                start, kfmt, _ = levels.get(k, (1, "decimal", ""))
                out = out.replace(f"%{k + 1}", format_number(counters.get(k, start), kfmt))
        return out


def _read_levels(parent) -> dict[int, tuple[int, str, str]]:
    levels = {}
    for lvl in parent.findall(W + "lvl"):
        def val(tag: str, default: str) -> str:
            el = lvl.find(W + tag)
            return el.get(W + "val", default) if el is not None else default
        levels[int(lvl.get(W + "ilvl", "0"))] = (int(val("start", "1")), val("numFmt", "decimal"), val("lvlText", ""))
    return levels


def _num_pr(num_pr) -> tuple[str | None, int]:
    num_id = num_pr.find(W + "numId")
    ilvl = num_pr.find(W + "ilvl")
    nid = num_id.get(W + "val") if num_id is not None else None
    if nid == "0":  # numId 0 means "numbering removed" on this paragraph
        nid = None
    return nid, int(ilvl.get(W + "val", "0")) if ilvl is not None else 0
