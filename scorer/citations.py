"""What a rule's `source` cites, per Outline edition, with the documents' full titles held once.

A rule's `source` in YAML takes one of three forms:

- a mapping by Outline edition, each entry a key or a list of keys::

      source:
        2015: [三项制度意见, 纲要2015 五]
        2021: [三项制度意见, 纲要2021 五（十五）]

- a list of keys, each cited under the editions its document belongs to
  (``[合法性审核意见, 纲要2015 三, 纲要2021 三（九）]``);
- a plain string: free text for a document the table does not hold (a local rule's
  本地规定), cited as written under every edition.

A key is a document of ``citations.yaml`` (its full title, number and short name live
there once) and optionally a space and the clause. ``source_problem`` checks the two
structured forms against the table and the rule's editions; ``source_text`` folds any
form into the one-line text ``Rule.source`` carries (keys joined by ；, the form JSON,
SARIF and `rules show` print); ``cite`` and ``citation_for`` read that text back for the
edition a report is judged under. Unknown items in it (free text) pass through as written.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from scorer.models import Rule
from scorer import regex_cache

TABLE_PATH = Path(__file__).resolve().with_name("citations.yaml")
EDITIONS = (2015, 2021)
# The report years each Outline edition judges (rules.editions_for_year).
EDITION_REPORTS = {2015: "2020年度及以前的报告", 2021: "2021年度及以后的报告"}
SEPARATOR = "；"
_PART_NUMERALS = regex_cache.compile(r"^([一二三四五六七八九十]{1,20})(.*)$")
_PART_ORDER = {numeral: n for n, numeral in enumerate("一二三四五六七八九十", 1)}
_KEY_SPACE = regex_cache.compile(r"[ \u3000]+")  # a key: the document, a space (either width) and the clause
_HALF_TO_FULL = str.maketrans({"(": "（", ")": "）"})


@dataclass(frozen=True)
class CitedDocument:
    key: str  # how rules cite it: 纲要2015
    title: str  # without 《》
    number: str  # 国办发〔2018〕118号; "" when it has none
    year: int | None  # shown when there is no number
    short: str  # 简称 after the first mention, without 《》
    edition: int | None  # the Outline edition it belongs to; None: every edition
    parts: bool  # clauses are Outline parts (五 → 第五部分)

    @property
    def _issue(self) -> str:
        return self.number or (f"{self.year}年" if self.year else "")

    @property
    def full(self) -> str:
        """《title》（number）"""
        return f"《{self.title}》" + (f"（{self._issue}）" if self._issue else "")

    @property
    def introduced(self) -> str:
        """The first mention in a memo: 《title》（number，以下简称《short》）."""
        if self.short == self.title:
            return self.full
        issue = f"{self._issue}，" if self._issue else ""
        return f"《{self.title}》（{issue}以下简称《{self.short}》）"

    @property
    def short_title(self) -> str:
        return f"《{self.short}》"

    def clauses_text(self, clauses: tuple[str, ...]) -> str:
        """The clauses as read: 第二十四条、第二十五条; an Outline's 第二、五部分, 第八部分（二十八）."""
        if not self.parts:
            return "、".join(clauses)
        whole = [c for c in clauses if c in _PART_ORDER]  # whole parts share one 第…部分
        texts = [f"第{'、'.join(whole)}部分"] if whole else []
        for clause in clauses:
            match = _PART_NUMERALS.match(clause)
            if clause not in whole:
                texts.append(f"第{match.group(1)}部分{match.group(2)}" if match else clause)
        return "、".join(texts)

    def applies_to(self, edition: int) -> bool:
        return self.edition is None or self.edition == edition


@dataclass(frozen=True)
class Citation:
    """One document with the clauses cited from it, or one item of free text (``document`` None)."""

    document: CitedDocument | None
    clauses: tuple[str, ...] = ()
    text: str = ""  # the free text, when the table does not hold it

    def render(self, title: str | None = None) -> str:
        """The citation with the document named as ``title`` (its full title unless told otherwise)."""
        if self.document is None:
            return self.text
        named = title if title is not None else self.document.full
        return named + self.document.clauses_text(self.clauses)


@functools.cache
def table() -> dict[str, CitedDocument]:
    """The citations table, read once (our own file, shipped beside this module)."""
    from scorer import safe_yaml  # (yaml only when a citation is looked up: scoring with the cached rules needs none)

    raw = safe_yaml.load_own(TABLE_PATH.read_text(encoding="utf-8"))
    documents = {}
    for key, entry in raw["documents"].items():
        if entry.get("edition") not in (None, *EDITIONS) or not entry.get("title") or not entry.get("short"):
            # our own file: a broken entry is a bug to fix here, not a user error
            raise ValueError(f"{TABLE_PATH.name}: {key}: needs title and short, and edition one of {EDITIONS}")
        documents[key] = CitedDocument(
            key=key,
            title=entry["title"],
            number=entry.get("number", ""),
            year=entry.get("year"),
            short=entry["short"],
            edition=entry.get("edition"),
            parts=bool(entry.get("parts", False)),
        )
    return documents


def split_key(key: str) -> tuple[str, str]:
    """``纲要2021 五(十五)`` → ("纲要2021", "五（十五）"): the document and the clause (folded to full-width brackets)."""
    document, _, clause = _KEY_SPACE.sub(" ", key.strip()).partition(" ")
    return document, clause.translate(_HALF_TO_FULL)


def _keys(entry) -> list[str]:
    """A mapping entry or list item as keys: a string may join several with ；."""
    items = [entry] if isinstance(entry, str) else list(entry)
    return [key.strip() for item in items for key in item.split(SEPARATOR) if key.strip()]


def _edition(key) -> int | None:
    """A mapping key as an edition: 2015 as YAML reads it, or the string "2015"."""
    if isinstance(key, bool):
        return None
    if isinstance(key, int) or (isinstance(key, str) and key.isdigit()):
        return int(key) if int(key) in EDITIONS else None
    return None


def source_problem(source, editions) -> str | None:
    """What is wrong with a schema-valid `source` given the rule's editions, in a rule writer's words; None if nothing.

    A plain string is free text and never wrong. In the structured forms every key must
    name a document of the table, a document tied to one Outline edition may only be cited
    for that edition, and every edition the rule is scored under needs a citation.
    """
    if isinstance(source, str):
        return None
    known = table()
    editions = tuple(editions)
    shown = ", ".join(str(e) for e in editions)
    if isinstance(source, dict):
        by_edition: dict[int, list[str]] = {}
        for raw_edition, entry in source.items():
            edition = _edition(raw_edition)
            if edition is None:
                return f"{raw_edition!r} is not an Outline edition (allowed: {', '.join(map(str, EDITIONS))})"
            if edition not in editions:
                return f"cites edition {edition}, but the rule is scored under {shown} only"
            by_edition[edition] = _keys(entry)
        keys = [key for entry in by_edition.values() for key in entry]
    else:
        keys = _keys(source)
    for key in keys:
        name, _ = split_key(key)
        if name not in known:
            return (f"unknown citation {key!r}: {name!r} is not in the citations table "
                    f"(scorer/{TABLE_PATH.name}; known: {', '.join(known)}); a key is a document, a space and the clause")
        if known[name].edition is not None and known[name].edition not in editions:
            return f"{key!r} belongs to the {known[name].edition} Outline edition, but the rule is scored under {shown} only"
    if isinstance(source, dict):
        for edition, entry in by_edition.items():
            for key in entry:
                document = known[split_key(key)[0]]
                if not document.applies_to(edition):
                    return f"{key!r} belongs to the {document.edition} Outline edition, not {edition}"
                # A document of every edition listed under one only would be cited for both
                # once folded into one line: say so rather than cite what the writer did not mean.
                elsewhere = [e for e in by_edition if document.key not in {split_key(k)[0] for k in by_edition[e]}]
                if document.edition is None and elsewhere:
                    return f"{document.key!r} holds under every edition: cite it under each of {shown}, or give source as a list"
    else:
        by_edition = {e: [k for k in keys if known[split_key(k)[0]].applies_to(e)] for e in editions}
    for edition in editions:
        if not by_edition.get(edition):
            return f"no citation for edition {edition} (the rule is scored under {shown})"
    return None


def source_text(source) -> str:
    """Any form of `source` as the one line ``Rule.source`` carries: its keys joined by ；, each once, clauses folded."""
    if isinstance(source, str):
        return source
    if isinstance(source, dict):
        entries = [source[k] for k in sorted(source, key=lambda k: _edition(k) or 0)]
        keys = [key for entry in entries for key in _keys(entry)]
    else:
        keys = _keys(source)
    known = table()
    folded = []
    for key in keys:
        name, clause = split_key(key)
        key = f"{name} {clause}".strip() if name in known else key
        if key not in folded:
            folded.append(key)
    return SEPARATOR.join(folded)


@functools.lru_cache(maxsize=512)
def cite(text: str, edition: int) -> tuple[Citation, ...]:
    """What ``Rule.source`` text cites for reports judged under ``edition``: one Citation per document, in order."""
    known = table()
    grouped: dict[str, list[str]] = {}
    order: list[str | Citation] = []
    for item in (part.strip() for part in text.split(SEPARATOR)):
        if not item:
            continue
        name, clause = split_key(item)
        document = known.get(name)
        if document is None:
            order.append(Citation(None, text=item))
            continue
        if not document.applies_to(edition):
            continue
        if name not in grouped:
            grouped[name] = []
            order.append(name)
        grouped[name].append(clause)
    return tuple(entry if isinstance(entry, Citation) else Citation(known[entry], _clauses(known[entry], grouped[entry]))
                 for entry in order)


def _part_number(clause: str) -> int:
    match = _PART_NUMERALS.match(clause)
    return _PART_ORDER.get(match.group(1), 99) if match else 99


def _clauses(document: CitedDocument, clauses) -> tuple[str, ...]:
    """The clauses cited from one document, each once: ``第二十四条、第二十五条`` as two, a clause
    dropped when a broader one that it refines is cited too (第二十四条（三） beside 第二十四条),
    an Outline's parts in their own order."""
    items: list[str] = []
    for clause in (c.strip() for joined in clauses for c in joined.split("、")):
        if clause and clause not in items:
            items.append(clause)
    items = [c for c in items if not any(c.startswith(other + "（") for other in items)]
    if document.parts:
        items.sort(key=_part_number)
    return tuple(items)


def merge(cited) -> tuple[Citation, ...]:
    """Several rules' citations as one: each document once, with the union of its clauses, in order of first mention."""
    merged: dict[str, Citation] = {}
    for citation in (c for group in cited for c in group):
        key = citation.document.key if citation.document else citation.text
        if key not in merged:
            merged[key] = citation
        elif citation.document:
            merged[key] = Citation(citation.document, _clauses(citation.document, merged[key].clauses + citation.clauses))
    return tuple(merged.values())


def outline(edition: int) -> CitedDocument:
    """The Outline that judges reports of this edition (the table's part-cited document of that edition)."""
    return next(d for d in table().values() if d.parts and d.edition == edition)


def citation_for(rule: Rule, edition: int) -> str:
    """The rule's basis for a report judged under ``edition``, documents by full title and number.

    For a rule that edition does not score (包容审慎 for a 2020 report) it is the basis
    under the rule's own edition, saying which reports it applies to.
    """
    return _citation_text(rule.source, rule.editions, edition)


@functools.lru_cache(maxsize=4096)
def _citation_text(source: str, editions: tuple[int, ...], edition: int) -> str:
    """citation_for's text, made once per rule and edition: every gap report of a batch
    shows each requirement's basis (the citations table is read once, so the text cannot change)."""
    if edition in editions or not editions:
        return SEPARATOR.join(c.render() for c in cite(source, edition))
    own = min(editions, key=lambda e: abs(e - edition))
    return SEPARATOR.join(c.render() for c in cite(source, own)) + f"（适用于{EDITION_REPORTS[own]}）"
