"""Old Word formats for real: .doc, .wps and .rtf converted by LibreOffice (issue 15).

The files are made from the seeds inside the test run: each seed's body is written
as .docx (make_docx), and LibreOffice's own soffice turns those into .doc and .rtf,
one call per format. An .rtf is also written by hand the way Word and WPS save
Chinese text (the GBK code page, characters as \\'xx bytes). Reading them goes
through scorer/readers/office.py for real, two conversions at a time, as a batch
with --jobs 2 runs them. LibreOffice starts slowly (about a second a file), so the
files are made and read once per module and the tests compare what came out.

`make test` installs LibreOffice (scripts/install-system-deps.sh). These tests skip
only when soffice is missing and we are not root to install it.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import socket
import stat
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from scorer.errors import InputError
from scorer.ingest import body_text, read_document
from scorer.models import Document
from scorer.pipeline import score_document
from scorer.readers import office
from test_ingest import error_of
from test_ofd import make_ofd
from test_readers import SEED_FILES, make_docx, report_lines, sentences

ISSUER = "杭州市临安区科学技术局"
HAND_RTF_SEEDS = SEED_FILES[1:2]  # one is enough to show the code page; each read costs a LibreOffice start
_CONVERTED = ("doc", "rtf")  # what soffice makes from each seed's .docx


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    if getattr(os, "geteuid", lambda: 0)() != 0:
        pytest.skip("LibreOffice (soffice) is missing and we are not root to install it: "
                    "run scripts/install-system-deps.sh as root (apt-get install libreoffice-writer-nogui)")
    pytest.fail("LibreOffice (soffice) is missing: `make test` installs it with scripts/install-system-deps.sh")


def convert_with_soffice(paths: list[Path], fmt: str, out_dir: Path) -> list[Path]:
    """Convert files with LibreOffice in one call (one start-up), with a profile of its own."""
    with tempfile.TemporaryDirectory(prefix="fazhi-test-profile-") as profile:
        subprocess.run([soffice(), f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                        "--convert-to", fmt, "--outdir", str(out_dir), *map(str, paths)],
                       capture_output=True, timeout=300, check=True)
    converted = [out_dir / f"{p.stem}.{fmt}" for p in paths]
    missing = [p.name for p in converted if not p.exists()]
    assert not missing, f"soffice did not write {missing}"
    return converted


def _rtf_escape(text: str) -> str:
    out = []
    for char in text:
        if char in "\\{}":
            out.append("\\" + char)
        elif ord(char) < 128:
            out.append(char)
        else:
            try:
                out.append("".join(f"\\'{b:02x}" for b in char.encode("gbk")))
            except UnicodeEncodeError:  # outside the code page: a Unicode escape with "?" as fallback
                code = ord(char)
                out.append(f"\\u{code if code < 32768 else code - 65536}?")
    return "".join(out)


def make_rtf(lines: list[str], path: Path) -> Path:
    """RTF as Word and WPS save a Chinese document: code page 936, a centred bold title, indented paragraphs."""
    head = (r"{\rtf1\ansi\ansicpg936\deff0\deflang1033\deflangfe2052"
            r"{\fonttbl{\f0\fnil\fcharset134 " + _rtf_escape("仿宋_GB2312") + ";}}"
            r"{\info{\title " + _rtf_escape(lines[0]) + r"}{\author " + _rtf_escape(ISSUER) + "}}\n")
    body = [r"\pard\qc\b\fs44 " + _rtf_escape(lines[0]) + r"\b0\par"]
    body += [r"\pard\fi640\fs32 " + _rtf_escape(line) + r"\par" for line in lines[1:]]
    path.write_bytes((head + "\n".join(body) + "\n}").encode("ascii"))
    return path


@dataclass
class Versions:
    files: dict[tuple[str, str], Path]  # (seed file name, format): the file
    docs: dict[tuple[str, str], Document | InputError]  # what read_document made of it


@pytest.fixture(scope="module")
def versions(tmp_path_factory) -> Versions:
    """Every seed as .docx, .doc and .rtf (by soffice), one as hand-written .rtf and one as .wps; each read once."""
    soffice()
    root = tmp_path_factory.mktemp("office")
    files: dict[tuple[str, str], Path] = {}
    docx_paths = []
    for seed in SEED_FILES:
        path = make_docx(report_lines(seed), root / f"{seed.stem}.docx")
        docx_paths.append(path)
        files[seed.name, "docx"] = path
    for fmt in _CONVERTED:
        out = root / fmt
        out.mkdir()
        for seed, path in zip(SEED_FILES, convert_with_soffice(docx_paths, fmt, out)):
            files[seed.name, fmt] = path
    (root / "hand").mkdir()
    for seed in HAND_RTF_SEEDS:
        files[seed.name, "hand.rtf"] = make_rtf(report_lines(seed), root / "hand" / f"{seed.stem}.rtf")
    (root / "wps").mkdir()
    # WPS Office's .wps is an OLE2 Word file under its own suffix; LibreOffice tells by content.
    files[SEED_FILES[0].name, "wps"] = Path(shutil.copy(files[SEED_FILES[0].name, "doc"], root / "wps" / "report.wps"))

    def read(path: Path) -> Document | InputError:
        try:
            return read_document(path)
        except InputError as exc:  # kept, so the test about that file says what went wrong
            return exc

    with ThreadPoolExecutor(max_workers=2) as pool:  # two soffice at once must not clash
        docs = dict(zip(files, pool.map(read, files.values())))
    return Versions(files, docs)


def _doc(versions: Versions, seed: Path, fmt: str) -> Document:
    found = versions.docs[seed.name, fmt]
    if isinstance(found, InputError):
        raise found
    return found


def _statuses(result, with_deadline: bool) -> dict[str, str]:
    return {r.rule.id: r.status for r in result.results if with_deadline or r.rule.id != "meta.deadline"}


# --- reading -------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", _CONVERTED)
@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name[:3])
def test_doc_and_rtf_read_like_the_txt(versions, seed, fmt):
    doc = _doc(versions, seed, fmt)
    assert doc.source_format == "docx"  # read as the .docx LibreOffice converted it to
    assert f"由 .{fmt} 经 LibreOffice 转换为 .docx 后读取" in doc.notes
    assert sentences(body_text(doc)) == sentences("\n".join(report_lines(seed)))
    assert body_text(doc) == body_text(_doc(versions, seed, "docx"))


@pytest.mark.parametrize("seed", HAND_RTF_SEEDS, ids=lambda p: p.name[:3])
def test_rtf_in_the_chinese_code_page(versions, seed):
    doc = _doc(versions, seed, "hand.rtf")
    assert body_text(doc).split("\n") == report_lines(seed)
    assert doc.metadata.get("title") == report_lines(seed)[0]
    assert doc.metadata.get("issuer") == ISSUER


def test_wps_is_read_by_content(versions):
    doc = _doc(versions, SEED_FILES[0], "wps")
    assert "由 .wps 经 LibreOffice 转换为 .docx 后读取" in doc.notes
    assert body_text(doc) == body_text(_doc(versions, SEED_FILES[0], "doc"))


# --- the same verdict whatever the format -------------------------------------------


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name[:3])
def test_same_statuses_from_txt_docx_ofd_doc_rtf(tmp_path, versions, ruleset, seed_results, seed):
    original = seed_results[seed.name]
    results = {fmt: score_document(_doc(versions, seed, fmt), ruleset) for fmt in ("docx", *_CONVERTED)}
    if seed in HAND_RTF_SEEDS:
        results["hand.rtf"] = score_document(_doc(versions, seed, "hand.rtf"), ruleset)
    results["ofd"] = score_document(read_document(make_ofd(report_lines(seed), tmp_path / "report.ofd")), ruleset)
    # The deadline compares when the date is the report's own 落款 (see test_formats.py).
    with_deadline = original.signed is not None
    expected = _statuses(original, with_deadline)
    for fmt, result in results.items():
        differs = {rule: (status, expected.get(rule)) for rule, status in _statuses(result, with_deadline).items()
                   if status != expected.get(rule)}
        assert not differs, f"{fmt}: {{rule: (status, status from .txt)}} {differs}"
        assert result.year == original.year, fmt
        assert result.score == pytest.approx(original.score, abs=0.0 if with_deadline else 10.0), fmt


# --- broken files and hung converters ---------------------------------------------------


def test_broken_doc_is_one_line(versions, tmp_path):
    # A .doc cut short, as a broken download is: LibreOffice writes nothing.
    path = tmp_path / "report.doc"
    path.write_bytes(versions.files[SEED_FILES[0].name, "doc"].read_bytes()[:5000])
    assert error_of(path) == f"{path}: LibreOffice could not convert the .doc file; open it and save it as .docx"


def test_rtf_of_binary_junk_is_refused(tmp_path):
    # LibreOffice imports these bytes as a page of mojibake; the readable-share check refuses it.
    soffice()
    path = tmp_path / "report.rtf"
    path.write_bytes(b"{\\rtf1 " + random.Random(5).randbytes(3000))
    assert error_of(path) == f"{path}: not a report: the .rtf file converts to unreadable characters (binary data?)"


def _running(pid: int) -> bool:
    """Whether the process exists and is not a zombie (a killed orphan may wait to be reaped)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except (FileNotFoundError, ProcessLookupError):
        return False


def test_hung_conversion_is_killed_and_reported(tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    child_pid = tmp_path / "child.pid"
    fake = bin_dir / "soffice"
    # Like the real soffice, a script whose child process does the work; here it hangs.
    fake.write_text(f'#!/bin/sh\nsleep 300 &\necho $! > "{child_pid}"\nwait\n', encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(office, "CONVERT_TIMEOUT_S", 1)
    path = tmp_path / "report.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4000))
    started = time.monotonic()
    assert error_of(path) == f"{path}: LibreOffice did not convert the .doc file within 1 s"
    assert time.monotonic() - started < 10
    # The script and what it started are killed, not left running behind the error.
    pid = int(child_pid.read_text())
    deadline = time.monotonic() + 5
    while _running(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _running(pid)


def _office_pipe_up(since: float) -> bool:
    """Whether a LibreOffice started after ``since`` is listening on its single-instance pipe."""
    for pipe in Path("/tmp").glob("OSL_PIPE_*SingleOfficeIPC*"):
        try:
            if pipe.stat().st_mtime < since:
                continue
            with socket.socket(socket.AF_UNIX) as sock:
                sock.connect(str(pipe))
                return True
        except OSError:
            continue
    return False


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX") or not Path("/proc").exists(), reason="Linux only")
@pytest.mark.timeout(300)  # LibreOffice's first start takes a minute or more on a loaded machine
def test_a_hung_libreoffice_of_the_user_does_not_block_conversion(versions, tmp_path, monkeypatch):
    # The user's LibreOffice is running, and frozen. A soffice sharing its profile would
    # hand the conversion to it and wait for ever; ours runs with a profile of its own.
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setattr(office, "CONVERT_TIMEOUT_S", 30)  # a regression fails here, not at pytest's timeout
    started = time.time() - 1
    user = subprocess.Popen([soffice(), "--headless", "--norestore", "--nologo"], stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 150
        while not _office_pipe_up(started) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _office_pipe_up(started), "the user's LibreOffice did not start"
        os.killpg(user.pid, signal.SIGSTOP)
        doc = read_document(versions.files[SEED_FILES[0].name, "doc"])
        assert body_text(doc) == body_text(_doc(versions, SEED_FILES[0], "docx"))
    finally:
        os.killpg(user.pid, signal.SIGKILL)
        user.wait()
