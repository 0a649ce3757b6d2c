"""fazhi's cache directory: work a run can skip next time because an earlier run kept it.

Only what can be rebuilt from fazhi's own files lives here (the shipped rules validated,
the programs its regular expressions compile to), each file named after what it was made
from, so a stale one is never read. Nothing here is ever needed: a missing, corrupt or
unwritable cache only means doing the work again, so every read and write failure is
swallowed. The files hold plain data read with ``marshal`` (no code, unlike pickle).

``FAZHI_CACHE_DIR`` puts the cache elsewhere; set to an empty string it switches it off.
"""

from __future__ import annotations

import marshal
import os
import sys
from pathlib import Path

ENV = "FAZHI_CACHE_DIR"


def cache_dir() -> Path | None:
    """Where the cache lives: $FAZHI_CACHE_DIR, else the platform's user cache directory; None when switched off."""
    chosen = os.environ.get(ENV)
    if chosen is not None:
        return Path(chosen) if chosen else None
    # (by hand rather than with platformdirs: this runs at every start, and its import
    # cost more than these lines do)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = str(Path.home() / "Library" / "Caches")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "fazhi"


def load(name: str) -> object | None:
    """The data kept under ``name``, or None when there is none or it cannot be read."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        return marshal.loads((folder / name).read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None


def save(name: str, data: object) -> bool:
    """Keep ``data`` (marshal's plain types only) under ``name``; False when it cannot be written.

    Written atomically (scorer.atomic), so a reader in another process sees the old file or
    the new one, never half of one.
    """
    from scorer import atomic  # (only when something is written: most runs only read)

    folder = cache_dir()
    if folder is None:
        return False
    try:
        blob = marshal.dumps(data)
        folder.mkdir(parents=True, exist_ok=True)
        atomic.write_bytes(folder / name, blob)
        return True
    except (OSError, ValueError):
        return False
