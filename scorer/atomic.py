"""Write a file so that a reader (or an interrupted run) sees the old file or the new one, never half.

The bytes go to a temporary file in the same directory (same file system, so the rename
is atomic), then ``os.replace`` puts it in place. An exception — KeyboardInterrupt
included — removes the temporary file. Only SIGKILL can leave one behind, so the batch
removes stale ``*.tmp`` files from its output directory before it starts and when it stops.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

TMP_SUFFIX = ".tmp"


def _umask() -> int:
    mask = os.umask(0o022)  # the only way to read it is to set it; put it straight back
    os.umask(mask)
    return mask


_FILE_MODE = 0o666 & ~_umask()  # mkstemp makes 0600; outputs get the mode a plain open() would give


def write_bytes(path: str | os.PathLike, data: bytes) -> None:
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, _FILE_MODE)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def write_text(path: str | os.PathLike, text: str, encoding: str = "utf-8") -> None:
    write_bytes(path, text.encode(encoding))


def remove_temp_files(*directories: str | os.PathLike) -> int:
    """Delete leftover temporary files of ours in these directories (not below); return how many."""
    removed = 0
    for tmp in (t for d in directories if Path(d).is_dir() for t in Path(d).glob(f".*{TMP_SUFFIX}")):
        if tmp.is_file() and not tmp.is_symlink():
            tmp.unlink(missing_ok=True)
            removed += 1
    return removed
