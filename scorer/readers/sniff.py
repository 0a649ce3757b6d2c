"""Content sniffing that needs no parser: is this HTML, or an MHT web archive?

Kept apart from ``readers.html`` so that ``scorer.ingest`` can tell formats apart
without importing BeautifulSoup (and pdfplumber, python-docx…) for a plain .txt:
those imports are most of the cold start of `fazhi score` on one report.
"""

from __future__ import annotations

import re

_HTML_SNIFF = re.compile(rb"<(!doctype\s+html|html|head|body|meta|title)\b", re.IGNORECASE)
_MHTML_SNIFF = re.compile(rb"^\s*[\w-]+:[^\n]*\n", re.IGNORECASE)  # starts with a mail-style header line


def looks_like_html(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="ignore").encode("ascii", errors="ignore")
    return bool(_HTML_SNIFF.search(head[:1024]))


def looks_like_mhtml(head: bytes) -> bool:
    lower = head.lower()
    return bool(_MHTML_SNIFF.match(head)) and b"mime-version:" in lower and b"multipart/related" in lower
