"""Old binary Word files (.doc, .wps) and RTF: converted to .docx by LibreOffice.

No Python library reads .doc reliably, and LibreOffice is a large install, so
conversion is used when ``soffice`` is on PATH and otherwise the error says how
to get a readable file. A password-protected .docx is also an OLE2 file; it is
recognised here so its error says "encrypted", not "needs LibreOffice".
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Callable

from ..errors import InputError
from . import Extracted

CONVERT_TIMEOUT_S = 120
# What share of a converted document's characters must be CJK, ASCII letters and digits,
# punctuation or spaces. A real report is nearly all of them; converted noise is not.
MIN_READABLE_SHARE = 0.8
_READABLE = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef\u2000-\u206f A-Za-z0-9\s!-/:-@\[-`{-~]")


def readable_share(text: str) -> float:
    if not text:
        return 1.0
    return sum(1 for _ in _READABLE.finditer(text)) / len(text)
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")  # OLE2 stream of an encrypted OOXML file


def convert_and_read(data: bytes, ext: str, subject: str, read_docx: Callable[[bytes], Extracted]) -> Extracted:
    kind = ".rtf" if data.startswith(b"{\\rtf") else (ext if ext in (".doc", ".wps") else ".doc")
    if _ENCRYPTED_PACKAGE in data:
        raise InputError(subject, "encrypted Word document: cannot read without the password")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise InputError(subject, f"{kind} needs LibreOffice (soffice) to convert; save it as .docx or install libreoffice")
    with tempfile.TemporaryDirectory(prefix="fazhi-convert-") as tmp:
        src = Path(tmp) / f"input{kind}"
        src.write_bytes(data)
        cmd = [
            soffice,
            f"-env:UserInstallation=file://{tmp}/profile",  # a private profile: no clash with a running LibreOffice
            "--headless",
            "--convert-to",
            "docx",
            "--outdir",
            tmp,
            str(src),
        ]
        try:
            subprocess.run(cmd, capture_output=True, timeout=CONVERT_TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired:
            raise InputError(subject, f"LibreOffice did not convert the {kind} file within {CONVERT_TIMEOUT_S} s")
        except OSError as exc:
            raise InputError(subject, f"cannot run LibreOffice to convert the {kind} file: {exc}")
        out = Path(tmp) / "input.docx"
        if not out.exists():
            raise InputError(subject, f"LibreOffice could not convert the {kind} file; open it and save it as .docx")
        extracted = read_docx(out.read_bytes())
    if readable_share("".join(extracted.lines)) < MIN_READABLE_SHARE:
        # LibreOffice imports anything, random bytes included, as a page of mojibake
        raise InputError(subject, f"not a report: the {kind} file converts to unreadable characters (binary data?)")
    extracted.notes.append(f"由 {kind} 经 LibreOffice 转换为 .docx 后读取")
    return extracted
