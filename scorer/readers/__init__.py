"""One reader per file format; each turns bytes into lines of text.

Readers know about their format only (encodings, zip parts, page layout, HTML
markup). What they return is the same small structure, so ``scorer.ingest`` can
apply one set of clean-up steps (web furniture, repeated copies) to every format
and hand the segmenter a ``Document`` that does not say where it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import regex_cache


@dataclass
class Extracted:
    """What a reader found. ``"\\n".join(lines)`` becomes ``Document.text``."""

    lines: list[str]  # one paragraph (or table row, or text line) each; no '\n' inside
    source_format: str  # txt | docx | pdf | html | ofd | image (OCR'd)
    encoding: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    # Lines the reader already knows are not report body, e.g. a web page's
    # link-only lines (menus, "related articles"). Indexes into ``lines``.
    furniture: set[int] = field(default_factory=set)
    ocr: bool = False  # some or all of the text was read from page images by OCR
    # Text OCR read with low confidence: (index into ``lines``, start, end) within that line.
    low_confidence: list[tuple[int, int, int]] = field(default_factory=list)


# Limits that keep a hostile or mistaken file from hanging the run. A yearly
# report is 3–60 pages; these leave a wide margin and still finish in seconds.
MAX_PDF_PAGES = 500
PDF_TIME_BUDGET_S = 120.0
# Uncompressed size of the .docx XML parts we parse, as a multiple of the file
# size limit: real reports are a few MB of XML, a zip bomb declares gigabytes.
DOCX_XML_FACTOR = 5


def split_lines(text: str) -> list[str]:
    """Lines of extracted text, with every newline convention folded to '\\n'."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


# A document's author/company property names the issuer only when it reads like
# a body of government; usually it is a person, "Administrator" or "微软用户".
_ORG = regex_cache.compile(r"^[\u4e00-\u9fff（）()]{2,30}(局|厅|委|委员会|办公室|办|政府|部|院|中心|处|署|会|站|队|所|司|馆|室)$")
# Titles that are only the template's or the converter's leftovers.
_JUNK_TITLE = regex_cache.compile(r"^microsoft word - |\.(docx?|wps|pdf)$", re.IGNORECASE)


def looks_like_org(name: str) -> bool:
    return bool(_ORG.match(name))


def usable_title(title: str) -> bool:
    return bool(title) and not _JUNK_TITLE.search(title)
