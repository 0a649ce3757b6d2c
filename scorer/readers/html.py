"""Saved web pages (.html/.htm, and .mht archives): the article text only.

A government article page is mostly not the article: menus, banners, related
links, footers. We drop what is never content (scripts, navigation elements,
hidden copies), pick the element holding most of the page's non-link Chinese
text, and turn its block elements into lines. The furniture left inside it
(date/source lines, share buttons) goes through the same line filter as plain
text, in ``scorer.ingest``.

The charset comes from the page itself (BOM, <meta charset>, http-equiv): GBK
pages are common on older sites, and some pages lie about their charset, so a
declared charset that does not decode falls back to detection.
"""

from __future__ import annotations

import email
import email.policy
import re

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

from ..errors import InputError
from . import Extracted
from .furniture import iso_date
from .sniff import looks_like_html, looks_like_mhtml  # noqa: F401  (moved to .sniff; still importable here)
from .txt import decode

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""", re.IGNORECASE
)

# Elements that never hold report text.
_JUNK = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
         "nav", "aside", "footer", "form", "select", "button", "input", "textarea", "head")
# class/id words that name navigation and footer blocks on 政府网站 templates.
_JUNK_WORDS = {"nav", "navbar", "menu", "breadcrumb", "crumb", "crumbs", "footer", "sidebar", "share",
               "bdsharebuttonbox", "copyright", "toolbar", "topbar", "fenxiang", "dayin"}
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_BLOCK = {"address", "article", "aside", "blockquote", "caption", "center", "dd", "div", "dl", "dt",
          "fieldset", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header",
          "hr", "li", "main", "ol", "p", "pre", "section", "table", "tbody", "tfoot", "thead", "tr", "ul", "title"}
_CELLS = {"td", "th"}
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_NEWLINE_BETWEEN_CJK = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])[ \t\r\f]*\n\s*(?=[\u3000-\u9fff\uff00-\uffef])")
_SPACES = re.compile(r"[ \t\r\n\f\v]+")
_CELL_SEP = "\x00"  # stands for a table-cell break until spaces are collapsed

# The content element holds at least this share of the page's text; climbing back
# up from it stops when a parent would add more than this share of other text.
_MAIN_SHARE = 0.6
_CLIMB_EXTRA = 0.1

# A node budget: a real article page has a few thousand elements; a million nested <div>s
# took 27 s and 740 MB to parse and walk. Past this the page is refused before parsing.
MAX_ELEMENTS = 200_000
_START_TAG = re.compile(r"<[A-Za-z]")

# <meta> names used by the national 政府网站 template, and common alternatives.
_META_KEYS = {
    "articletitle": "title",
    "pubdate": "published",
    "article:published_time": "published",
    "contentsource": "issuer",
}


def read_html(data: bytes, subject: str) -> Extracted:
    declared = None
    notes: list[str] = []
    if looks_like_mhtml(data[:1024]):
        data, declared = _html_part(data, subject)
        notes.append("从 MHT 网页存档中读取网页正文")
    if not declared:
        m = _META_CHARSET.search(data[:8192])
        if m:
            declared = (m.group(1) or m.group(2)).decode("ascii", "ignore")
    text, encoding, decode_notes = decode(data, subject, declared=declared)
    elements = len(_START_TAG.findall(text))
    if elements > MAX_ELEMENTS:
        raise InputError(subject, f"HTML page has {elements:,} elements, over the {MAX_ELEMENTS:,} limit: "
                                  "save the report's own page, or copy its text into a .txt file")
    soup = BeautifulSoup(text, "lxml")
    metadata = _metadata(soup)
    _drop_junk(soup)
    root = soup.body or soup
    main = _main_element(root)
    lines, links = _lines(main)
    return Extracted(lines=lines, source_format="html", encoding=encoding, metadata=metadata,
                     notes=notes + decode_notes, furniture=links)


def _html_part(data: bytes, subject: str) -> tuple[bytes, str | None]:
    msg = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in msg.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                return payload, part.get_content_charset()
    raise InputError(subject, "MHT web archive has no HTML page inside")


def _metadata(soup: BeautifulSoup) -> dict[str, str]:
    meta: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        key = _META_KEYS.get(str(tag.get("name") or tag.get("property") or "").lower())
        value = str(tag.get("content") or "").strip()
        if key and value and key not in meta:
            if key == "published":
                value = iso_date(value) or ""
            if value:
                meta[key] = value
    if "title" not in meta and soup.title and soup.title.get_text(strip=True):
        meta["title"] = soup.title.get_text(strip=True)
    return meta


def _drop_junk(soup: BeautifulSoup) -> None:
    # One pass that does not descend into what it removes: saved pages can nest
    # thousands of elements deep, so nothing here may be quadratic in depth.
    doomed: list[Tag] = []
    stack: list[tuple[Tag, bool]] = [(soup, False)]
    while stack:
        tag, in_article = stack.pop()
        if tag is not soup and _is_junk(tag, in_article):
            doomed.append(tag)
            continue
        in_article = in_article or tag.name in ("article", "main")
        stack.extend((child, in_article) for child in tag.contents if isinstance(child, Tag))
    for tag in doomed:
        tag.decompose()


def _is_junk(tag: Tag, in_article: bool) -> bool:
    if tag.name in _JUNK:
        return True
    if tag.name == "header" and not in_article:
        return True  # an <article>'s own <header> holds its title and date; a page header does not
    if tag.has_attr("hidden") or _HIDDEN.search(str(tag.get("style") or "")):
        return True
    words: set[str] = set()
    for attr in ("class", "id"):
        value = tag.get(attr) or ""
        for word in value if isinstance(value, list) else [value]:
            words.update(re.split(r"[-_\s]+", str(word).lower()))
    return bool(words & _JUNK_WORDS)


def _is_text(node) -> bool:
    return isinstance(node, NavigableString) and not isinstance(
        node, (Comment, Declaration, Doctype, ProcessingInstruction)
    )


def _weights(root: Tag) -> dict[int, float]:
    """Non-link text weight of every element (CJK characters count fully, other text a fifth)."""
    own: dict[int, float] = {}
    order: list[Tag] = []
    stack: list[tuple[Tag, bool]] = [(root, False)]
    while stack:
        tag, in_link = stack.pop()
        order.append(tag)
        for child in tag.contents:
            if isinstance(child, Tag):
                stack.append((child, in_link or child.name == "a"))
            elif _is_text(child) and not in_link:
                # Menus and link lists are all links; article prose is not.
                text = str(child)
                cjk = len(_CJK.findall(text))
                own[id(tag)] = own.get(id(tag), 0.0) + cjk + 0.2 * (len("".join(text.split())) - cjk)
    weight: dict[int, float] = {}
    for tag in reversed(order):  # children before their parents
        weight[id(tag)] = own.get(id(tag), 0.0) + sum(
            weight[id(child)] for child in tag.contents if isinstance(child, Tag)
        )
    return weight


def _main_element(root: Tag) -> Tag:
    """The element holding most of the page's non-link text, widened to take in its title."""
    weight = _weights(root)
    total = weight.get(id(root), 0.0)
    if not total:
        return root
    node = root
    while True:
        kids = [k for k in node.children if isinstance(k, Tag)]
        best = max(kids, key=lambda k: weight[id(k)], default=None)
        if best is None or weight[id(best)] < _MAIN_SHARE * total:
            break
        node = best
    while node is not root and node.parent is not None:
        extra = weight[id(node.parent)] - weight[id(node)]
        if extra > _CLIMB_EXTRA * weight[id(node)]:
            break
        node = node.parent
    return node


class _LineBuilder:
    """Collects inline text into lines; remembers which lines were links only."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.link_only: set[int] = set()
        self._parts: list[str] = []
        self._chars = 0
        self._link_chars = 0

    def add(self, text: str, in_link: bool) -> None:
        self._parts.append(text)
        n = len("".join(text.split()))
        self._chars += n
        if in_link:
            self._link_chars += n

    def cell_break(self) -> None:
        self._parts.append(_CELL_SEP)

    def flush(self) -> None:
        raw = "".join(self._parts)
        raw = _NEWLINE_BETWEEN_CJK.sub("", raw)
        cells = [_SPACES.sub(" ", c).strip() for c in raw.split(_CELL_SEP)]
        line = "\t".join(c for c in cells if c)
        if line:
            if self._chars and self._link_chars == self._chars:
                self.link_only.add(len(self.lines))
            self.lines.append(line)
        self._parts, self._chars, self._link_chars = [], 0, 0


def _lines(root: Tag) -> tuple[list[str], set[int]]:
    out = _LineBuilder()
    links = pre = 0
    # An explicit stack: saved pages can nest thousands of elements deep.
    stack: list[tuple[object, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        if isinstance(node, NavigableString):
            if not _is_text(node):
                continue
            if pre:
                first, *rest = str(node).split("\n")
                out.add(first, links > 0)
                for piece in rest:
                    out.flush()
                    out.add(piece, links > 0)
            else:
                out.add(str(node), links > 0)
            continue
        assert isinstance(node, Tag)
        name = node.name
        if leaving:
            links -= name == "a"
            pre -= name == "pre"
            if name in _CELLS:
                out.cell_break()
            elif name in _BLOCK:
                out.flush()
            continue
        if name == "br":
            out.flush()
            continue
        if name in _BLOCK:
            out.flush()
        links += name == "a"
        pre += name == "pre"
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node.contents))
    out.flush()
    return out.lines, out.link_only
