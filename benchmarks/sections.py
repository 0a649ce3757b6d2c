"""Sections of benchmarks/results.md that scripts other than run.py write (hostile inputs,
OCR, serve under load): each between its own markers, replaced in place by its script and
carried over unchanged when run.py writes the rest of the file."""

from __future__ import annotations

from pathlib import Path

# (begin, end) markers of each script's section, in the order they stand in the file
MARKERS = {
    "hostile-inputs": ("<!-- hostile-inputs:begin -->", "<!-- hostile-inputs:end -->"),
    "ocr": ("<!-- ocr:begin -->", "<!-- ocr:end -->"),
    "serve-load": ("<!-- serve-load:begin -->", "<!-- serve-load:end -->"),
}


def write_section(name: str, section: str, path: Path) -> None:
    """Replace the named section of ``path`` (or append it), leaving the rest as it is."""
    begin, end = MARKERS[name]
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if begin in text and end in text:
        head, rest = text.split(begin, 1)
        text = head + section + rest.split(end, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text, encoding="utf-8")


def keep_sections(new_text: str, old_text: str) -> str:
    """``new_text`` with every marked section of ``old_text`` appended, as it was."""
    for begin, end in MARKERS.values():
        if begin in old_text and end in old_text:
            new_text = new_text.rstrip("\n") + "\n\n" + begin + old_text.split(begin, 1)[1].split(end, 1)[0] + end + "\n"
    return new_text
