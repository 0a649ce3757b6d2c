"""Old binary Word files (.doc, .wps) and RTF: converted to .docx by LibreOffice.

No Python library reads .doc reliably, and LibreOffice is a large install, so
conversion is used when ``soffice`` is on PATH and otherwise the error says how
to get a readable file. A password-protected .docx is also an OLE2 file; it is
recognised here so its error says "encrypted", not "needs LibreOffice".

Each conversion runs LibreOffice with a profile of its own in a temporary folder:
with the user's profile, a second soffice hands the job to a LibreOffice already
running (the user's, or another batch worker's) and exits without converting.
``soffice`` is a script that starts oosplash, which starts soffice.bin; a hung
conversion is ended by killing that whole process group, not only the script.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
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
            f"-env:UserInstallation={(Path(tmp) / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "docx",
            "--outdir",
            tmp,
            str(src),
        ]
        try:
            _run(cmd, CONVERT_TIMEOUT_S)
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


def _run(cmd: list[str], timeout: float) -> None:
    """Run the converter; if it overruns (or we are interrupted), kill it and all it started."""
    # Its own session makes its process group ours to kill, soffice.bin included. Output is
    # discarded: LibreOffice says nothing useful, and an unread pipe could block it.
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        proc.wait(timeout=timeout)
    except BaseException:
        _kill_group(proc)
        raise


def _kill_group(proc: subprocess.Popen) -> None:
    killpg = getattr(os, "killpg", None)  # not on Windows, where there is no process group to kill
    try:
        if killpg is not None:
            killpg(proc.pid, signal.SIGKILL)
        else:
            proc.kill()
    except (ProcessLookupError, PermissionError):
        pass  # already gone
    proc.wait()
