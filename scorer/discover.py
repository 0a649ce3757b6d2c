"""Which files a batch reads: the reports under the input folders, each with a safe output name.

Hostile folders are expected. Only regular files are opened (a FIFO would block, a device
might never end), and never blocking; a symlink that leads out of the input folder is
skipped and listed unless asked for, and a symlink loop is walked once.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from dataclasses import dataclass
from typing import Iterable

from scorer.errors import FazhiError, InputError

# Every format ingest reads (it sniffs the content; the extension only picks the files).
REPORT_SUFFIXES = (".txt", ".docx", ".doc", ".wps", ".rtf", ".pdf", ".ofd", ".html", ".htm", ".xhtml", ".shtml", ".mht", ".mhtml",
                   ".png", ".jpg", ".jpeg", ".tif", ".tiff")
REPORTS_DIR = "reports"  # per-report outputs, inside OUT


@dataclass(frozen=True, slots=True)  # slots: the batch holds one per file to the end
class BatchItem:
    path: str  # as the user would write it (the input argument joined with rel): shown in outputs
    rel: str  # relative to the batch root, "/"-separated: the file column of the summary
    name: str  # output base name, unique in the batch, safe for any file system

    def outputs(self, memo: bool) -> dict[str, str]:
        """Output paths relative to OUT, by kind."""
        base = f"{REPORTS_DIR}/{self.name}"
        kinds = {"html": f"{base}.html", "json": f"{base}.json"}
        if memo:
            kinds["docx"] = f"{base}.docx"
        return kinds


@dataclass(frozen=True)
class Skipped:
    """A path under an input folder that was deliberately not read, and why."""

    path: str  # as the user would write it
    reason: str


@dataclass(frozen=True)
class Discovery:
    items: list[BatchItem]
    skipped: list[Skipped]


_UNSAFE = re.compile(r"[^\w.\-]")  # \w keeps Chinese file names readable
_MAX_NAME_BYTES = 180  # leaves room for ".html" and the temp-file decoration under 255 bytes


def output_name(rel: str) -> str:
    """``a/b.txt`` → ``a__b.txt``. Names that needed more than that get ``~`` + a hash of ``rel``.

    Unsuffixed names are reversible (no ``__`` in ``rel``, no unsafe characters) and never
    contain ``~``; suffixed ones differ by hash — so names are unique within a batch.
    """
    joined = rel.replace("/", "__")
    safe = _UNSAFE.sub("_", joined)
    lossy = safe != joined or "__" in rel or safe.startswith(".") or len(safe.encode()) > _MAX_NAME_BYTES
    if not lossy:
        return safe
    digest = hashlib.sha1(rel.encode("utf-8", "surrogateescape")).hexdigest()[:8]  # any bytes a name may hold
    safe = safe.lstrip(".")
    while len(safe.encode()) > _MAX_NAME_BYTES:
        safe = safe[:-1]
    return f"{safe}~{digest}"


def _is_report(name: str) -> bool:
    return not name.startswith(".") and os.path.splitext(name)[1].lower() in REPORT_SUFFIXES


def discover(inputs: Iterable[str | os.PathLike], out_dir: str | os.PathLike) -> list[BatchItem]:
    """The report files of :func:`find_reports` (symlinks that leave an input folder are not among them)."""
    return find_reports(inputs, out_dir).items


def find_reports(
    inputs: Iterable[str | os.PathLike], out_dir: str | os.PathLike, follow_symlinks: bool = False
) -> Discovery:
    """Every report under the given directories (recursively) plus the given files, sorted.

    Hidden directories and files are skipped, and so is the output directory itself.
    Files named explicitly are taken whatever their extension. A symlink inside a folder
    whose target lies outside that folder is skipped and listed, unless
    ``follow_symlinks``: a folder of reports must not read ``/etc/passwd`` into its evidence.
    """
    out_abs = os.path.abspath(out_dir)
    found: dict[str, str] = {}  # absolute path → path as the user would write it
    skipped: list[Skipped] = []
    roots = []
    for arg in map(str, inputs):
        if os.path.isdir(arg):
            roots.append(os.path.abspath(arg))
            _walk(arg, out_abs, follow_symlinks, found, skipped)
        elif os.path.exists(arg):
            roots.append(os.path.dirname(os.path.abspath(arg)))
            found.setdefault(os.path.abspath(arg), arg)
        else:
            raise FazhiError(arg, "no such file or directory")
    if not found:
        where = ", ".join(map(str, inputs))
        raise FazhiError(where, f"no report files found (looked for {' '.join(REPORT_SUFFIXES)})")
    base = os.path.commonpath(roots)
    items = []
    for abs_path, shown in found.items():
        rel = os.path.relpath(abs_path, base).replace(os.sep, "/")
        items.append(BatchItem(path=shown, rel=rel, name=output_name(rel)))
    return Discovery(sorted(items, key=lambda i: i.rel), sorted(skipped, key=lambda s: s.path))


def _inside(path: str, folder: str) -> bool:
    return os.path.commonpath([path, folder]) == folder


def _walk(top: str, out_abs: str, follow_symlinks: bool, found: dict[str, str], skipped: list[Skipped]) -> None:
    """Add the report files under ``top`` to ``found``; symlinks leaving ``top`` to ``skipped``.

    A symlink to a folder inside ``top`` is not walked: its files are found under their
    own path. One leading out is walked only when following symlinks, and each real
    folder once, so a link to an ancestor cannot loop.
    """
    top_real = os.path.realpath(top)
    walked: set[tuple[int, int]] = set()  # (device, inode) of every folder walked
    stack = [top]
    while stack:
        folder = stack.pop()
        if os.path.abspath(folder) == out_abs:
            continue
        try:
            st = os.stat(folder)
            if (st.st_dev, st.st_ino) in walked:
                continue
            walked.add((st.st_dev, st.st_ino))
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            skipped.append(Skipped(folder, f"cannot read the folder: {exc.strerror or exc}"))
            continue
        subfolders = []
        for entry in entries:
            path = os.path.join(folder, entry.name)
            if entry.name.startswith(".") or os.path.abspath(path) == out_abs:
                continue
            if entry.is_symlink():
                is_dir = entry.is_dir()
                if not is_dir and not _is_report(entry.name):
                    continue
                leaves = not _inside(os.path.realpath(path), top_real)
                if leaves and not follow_symlinks:
                    skipped.append(Skipped(path, "symlink leaves the input folder; --follow-symlinks reads it"))
                elif is_dir and leaves:
                    subfolders.append(path)
                elif not is_dir:
                    found.setdefault(os.path.abspath(path), path)
            elif entry.is_dir(follow_symlinks=False):
                subfolders.append(path)
            elif _is_report(entry.name):  # FIFOs and devices too: they fail, listed, when read
                found.setdefault(os.path.abspath(path), path)
        stack.extend(reversed(subfolders))


_FILE_KINDS = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a directory"),
)


def _not_regular(path: str, mode: int) -> InputError:
    kind = next((name for test, name in _FILE_KINDS if test(mode)), "a special file")
    return InputError(path, f"not a regular file ({kind})")


def content_hash(path: str | os.PathLike) -> str:
    """SHA-256 of a regular file's bytes; anything else is an InputError, found before it is opened.

    Opening a FIFO blocks until something writes to it, and a device may never end. The
    file is opened non-blocking all the same and checked again once open, in case it was
    replaced in between.
    """
    path = os.fspath(path)
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        raise _not_regular(path, st.st_mode)
    # (getattr: Windows has neither O_NONBLOCK nor O_CLOEXEC, and no FIFOs to fear)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags | getattr(os, "O_BINARY", 0))
    with open(fd, "rb") as f:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise _not_regular(path, mode)
        h = hashlib.sha256()
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def name_is_text(path: str) -> bool:
    """Can the name be shown and stored (SQLite and the outputs take only UTF-8)?"""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:  # bytes that are not UTF-8, kept by the file system codec as surrogates
        return False
    return True
