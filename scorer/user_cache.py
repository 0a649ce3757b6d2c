"""fazhi's cache directory: work a run can skip next time because an earlier run kept it.

Only what can be rebuilt from fazhi's own files lives here (the shipped rules validated,
the programs its regular expressions compile to), each file named after what it was made
from, so a stale one is never read. Nothing here is ever needed: a missing, corrupt or
unwritable cache only means doing the work again, so every read and write failure is
swallowed. The files hold plain data read with ``marshal`` (no code, unlike pickle).

``FAZHI_CACHE_DIR`` puts the cache elsewhere; set to an empty string it switches it off.

A file's name ends with a digest of what it was made from, so every edit of a rule folder
or upgrade of fazhi names a new file and the old one is never read again. To keep the folder
from growing with each of them, writing a file deletes all but the ``KEEP_VERSIONS`` most
recently used of its kind (the name before the digest); reading one marks it used.
"""

from __future__ import annotations

import atexit
import hashlib
import marshal
import os
import sys
import time
from pathlib import Path
from typing import Callable

ENV = "FAZHI_CACHE_DIR"
# Versions of one kind of file kept (the shipped rules and a few rule folders in use at once);
# a rule author who saves a folder 500 times left 500 files of ~200 KB each before this bound.
KEEP_VERSIONS = 4
# A file read is marked used (its time set to now) at most this often: not a write at every start.
_MARK_USED_AFTER_S = 3600.0


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
    path = folder / name
    try:
        data = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    try:
        if time.time() - path.stat().st_mtime > _MARK_USED_AFTER_S:
            os.utime(path)  # used: the last of its kind that _prune deletes
    except OSError:  # a read-only cache is still read
        pass
    return data


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
    except (OSError, ValueError):
        return False
    _prune(folder, name)
    return True


def _kind(name: str) -> str:
    """``rules-1a2b….marshal`` → ``rules``: the name without the digest that says what it was made from."""
    return name.rsplit("-", 1)[0]


def _prune(folder: Path, written: str) -> None:
    """Delete the files of ``written``'s kind past the ``KEEP_VERSIONS`` most recently used."""
    kind = _kind(written)
    try:
        with os.scandir(folder) as it:
            same = [e for e in it if e.name.endswith(".marshal") and _kind(e.name) == kind and e.name != written]
        by_use = sorted(same, key=lambda e: e.stat().st_mtime, reverse=True)
        for old in by_use[KEEP_VERSIONS - 1:]:
            os.unlink(old.path)
    except OSError:  # another run pruned first, or a folder we may not change: it stays as it is
        pass


def named_after(kind: str, *sources: str) -> str:
    """A cache file's name for work made by the code in ``sources`` (module files) under this
    Python build: a change to either names another file, so a stale one is never read."""
    made_by = sys.version.encode()
    for source in sources:
        try:
            with open(source, "rb") as f:
                made_by += f.read()
        except OSError:
            pass
    return f"{kind}-{sys.implementation.cache_tag}-{hashlib.sha256(made_by).hexdigest()[:16]}.marshal"


class KeptTable:
    """Work kept from one run to the next as a table in one cache file (regular expressions'
    programs, the prefilter's literals, the rules' match plans).

    The file is read on first use; what this run adds (``put``) is added to the file at exit,
    read again first since another run may have added some. Past ``limit`` entries the file
    starts again from the entries this run used, so a start never reads much. Entries that
    ``well_formed`` rejects (a damaged or older file) are dropped as it is read.
    """

    def __init__(self, name: str | Callable[[], str], limit: int,
                 well_formed: Callable[[object], bool] | None = None):
        self._name = name
        self.limit = limit
        self._well_formed = well_formed
        self.kept: dict | None = None  # the file's, once read
        self._new: dict = {}
        self._used: set = set()

    def fresh(self) -> KeptTable:
        """An empty table with the same file and rules, as a new process starts with."""
        return KeptTable(self._name, self.limit, self._well_formed)

    def name(self) -> str:
        return self._name if isinstance(self._name, str) else self._name()

    def get(self, key):
        """The entry kept under ``key``, or None."""
        if self.kept is None:
            loaded = load(self.name())
            kept = loaded if isinstance(loaded, dict) else {}
            self.kept = kept if self._well_formed is None else {k: v for k, v in kept.items() if self._well_formed(v)}
        self._used.add(key)
        return self.kept.get(key)

    def put(self, key, value) -> None:
        """Keep ``value`` under ``key``: for this run at once, in the file at exit."""
        if self.kept is None:
            self.get(key)
        self.kept[key] = value
        self._used.add(key)
        if not self._new:
            atexit.register(self.save)
        self._new[key] = value

    def save(self) -> None:
        """Add this run's new entries to the file."""
        if not self._new:
            return
        name = self.name()
        kept = load(name)
        if not isinstance(kept, dict) or len(kept) + len(self._new) > self.limit:
            kept = {key: self.kept[key] for key in self._used if key in self.kept}
        kept.update(self._new)
        if save(name, kept):
            self._new.clear()
