"""Write a file so that a reader (or an interrupted run) sees the old file or the new one, never half.

The bytes go to a temporary file in the same directory (same file system, so the rename
is atomic), then ``os.replace`` puts it in place. An exception — KeyboardInterrupt
included — removes the temporary file. Only SIGKILL can leave one behind, so the batch
removes stale temporary files from its output directory before it starts and when it stops.
The temporary file is named ``.<target>.<random>.tmp`` (twelve random hex digits, created
with O_EXCL so that it is ours alone); :func:`temp_file_target` recognises that name, so a
caller removes only what it would have written, never someone else's ``.*.tmp`` file. It
is created with mode 0o666 less the umask, as a plain ``open()`` would make the file.

``open_atomic`` does the same for a file written piece by piece (a streamed template, a
workbook saved straight to disk), so a large output never has to be held in memory whole.
"""

from __future__ import annotations

import os
import re
from contextlib import contextmanager
from typing import IO, Callable, Iterable, Iterator

TMP_SUFFIX = ".tmp"
# ".<target>.<random>.tmp": the random part is lower-case letters, digits and "_" (hex digits
# now; tempfile.mkstemp's letters in earlier versions, whose leftovers are still recognised).
_TEMP_NAME = re.compile(r"\.(?P<target>.+)\.[a-z0-9_]+" + re.escape(TMP_SUFFIX))
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def _create_temp(path: str) -> tuple[int, str]:
    """A new, empty temporary file beside ``path``: (its descriptor, its name).

    Mode 0o666 at creation lets the umask apply, as for a plain ``open()`` (``mkstemp`` made
    0600 and needed a chmod); O_EXCL makes sure it is a file of our own, never one that
    someone placed under that name."""
    directory, name = os.path.split(path)
    while True:
        tmp = os.path.join(directory, f".{name}.{os.urandom(6).hex()}{TMP_SUFFIX}")
        try:
            return os.open(tmp, _CREATE, 0o666), tmp
        except FileExistsError:  # 48 random bits taken already: draw again
            continue


def _remove(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except FileNotFoundError:
        pass


@contextmanager
def open_atomic(path: str | os.PathLike, mode: str = "wb", **open_args) -> Iterator[IO]:
    """A file object for writing ``path``: a temporary file that replaces ``path`` when the block ends.

    ``mode`` is "wb" or "w" (then ``encoding``, ``newline`` as for ``open``). If the block
    raises, the temporary file is removed and ``path`` is left as it was.
    """
    if mode not in ("w", "wb"):
        raise ValueError(f"open_atomic writes a whole new file: mode 'w' or 'wb', not {mode!r}")
    path = os.fspath(path)
    fd, tmp = _create_temp(path)
    try:
        with os.fdopen(fd, mode, **open_args) as f:
            yield f
        os.replace(tmp, path)
    except BaseException:
        _remove(tmp)
        raise


def write_bytes(path: str | os.PathLike, data: bytes) -> None:
    """``data`` as the whole of ``path``, atomically: straight to the descriptor, without a
    file object (a batch writes three files a report)."""
    path = os.fspath(path)
    fd, tmp = _create_temp(path)
    try:
        try:
            left = memoryview(data)
            while left:  # a regular file takes it all in one write; a short write goes on
                left = left[os.write(fd, left):]
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        _remove(tmp)
        raise


def write_text(path: str | os.PathLike, text: str, encoding: str = "utf-8") -> None:
    write_bytes(path, text.encode(encoding))


def write_chunks(path: str | os.PathLike, chunks: Iterable[str], encoding: str = "utf-8") -> None:
    """Write text as it is produced (e.g. ``Template.generate()``); same bytes as ``write_text``."""
    with open_atomic(path, "w", encoding=encoding, newline="") as f:  # newline="": no translation
        for chunk in chunks:
            f.write(chunk)


def temp_file_target(name: str) -> str | None:
    """The file an ``open_atomic`` temporary file was to become (``.a.html.k2x_9qzr.tmp`` → ``a.html``), else None."""
    match = _TEMP_NAME.fullmatch(name)
    return match["target"] if match else None


def remove_temp_files(directory: str | os.PathLike, is_ours: Callable[[str], bool]) -> int:
    """Delete leftover temporary files in ``directory`` (not below) whose target ``is_ours``; return how many.

    Only names ``open_atomic`` makes are considered, and of those only the ones the caller
    recognises as its own outputs: a directory may hold other programs' ``.*.tmp`` files.
    """
    removed = 0
    try:
        # Only the temporary files are kept from the listing: a batch's reports folder holds
        # three outputs per report, and a DirEntry for each of 15,000 files is ~2 MB.
        with os.scandir(directory) as it:
            leftovers = [e for e in it if (target := temp_file_target(e.name)) is not None and is_ours(target)]
    except OSError:  # no such folder, or one we cannot read: nothing of ours to clean there
        return 0
    for entry in leftovers:
        if entry.is_file(follow_symlinks=False):
            try:
                os.unlink(entry.path)
            except OSError:  # gone already, or a read-only folder: the next run tries again
                continue
            removed += 1
    return removed
