"""Atomic writes (whole or streamed) and the compact summary rows the batch outputs are built from."""

from __future__ import annotations

import errno
import os

import pytest

from scorer.atomic import open_atomic, temp_file_target, write_bytes, write_chunks, write_text


def test_open_atomic_replaces_the_file_only_when_the_block_ends(tmp_path):
    path = tmp_path / "out.html"
    path.write_text("old", encoding="utf-8")
    with open_atomic(path, "w", encoding="utf-8") as f:
        f.write("新的")
        assert path.read_text(encoding="utf-8") == "old"  # readers still see the old file meanwhile
        assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] != []
    assert path.read_text(encoding="utf-8") == "新的"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.html"]
    assert oct(path.stat().st_mode & 0o777) == oct(0o666 & ~_umask())  # as a plain open() would make it


def test_open_atomic_keeps_the_old_file_and_no_temp_file_when_interrupted(tmp_path):
    path = tmp_path / "summary.xlsx"
    path.write_bytes(b"old")
    with pytest.raises(KeyboardInterrupt):
        with open_atomic(path) as f:
            f.write(b"half")
            raise KeyboardInterrupt
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["summary.xlsx"]


def test_open_atomic_refuses_append_and_read_modes(tmp_path):
    for mode in ("a", "r+b", "ab"):
        with pytest.raises(ValueError, match="mode 'w' or 'wb'"):
            with open_atomic(tmp_path / "x", mode):
                pass
    assert list(tmp_path.iterdir()) == []


def test_write_bytes_replaces_the_file_with_a_plain_open_s_mode(tmp_path):
    path = tmp_path / "r.txt.docx"
    path.write_bytes(b"old")
    data = bytes(range(256)) * 4000  # ~1 MB
    write_bytes(path, data)
    assert path.read_bytes() == data
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.txt.docx"]
    assert oct(path.stat().st_mode & 0o777) == oct(0o666 & ~_umask())


@pytest.mark.parametrize("failing", ["write", "replace"])
def test_write_bytes_that_fails_keeps_the_old_file_and_leaves_no_temp_file(tmp_path, monkeypatch, failing):
    path = tmp_path / "r.txt.html"
    path.write_bytes(b"old")
    made = []
    real_open = os.open

    def recording_open(name, *args):
        made.append(os.path.basename(name))
        return real_open(name, *args)

    def disk_full(*args):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "open", recording_open)
    monkeypatch.setattr(os, failing, disk_full)
    with pytest.raises(OSError, match="No space"):
        write_bytes(path, b"new")
    monkeypatch.undo()
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.txt.html"]
    assert len(made) == 1 and temp_file_target(made[0]) == "r.txt.html"  # a name the batch's cleanup knows


def test_write_chunks_gives_the_bytes_write_text_gives(tmp_path):
    chunks = ["<p>第一行\r\n", "", "second\n", "三" * 5000]
    write_chunks(tmp_path / "a.html", iter(chunks))
    write_text(tmp_path / "b.html", "".join(chunks))
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()


def test_summary_row_statuses_follow_the_ruleset_order(ruleset):
    from scorer.batch_outputs import statuses_of
    from scorer.store import ReportRecord, RuleRecord

    first, second, third = ruleset.rules[:3]
    record = ReportRecord(
        content_hash="h", ruleset_version=ruleset.version, path="x.txt", issuer=None, year=2020, edition=2015,
        date=None, score=1.0, grade="不合格", core_score=0.0,
        results=(RuleRecord(second.id, "planned", False, 0, 1, 0), RuleRecord(first.id, "absent", True, 0, 1, 0)),
    )
    statuses = statuses_of(record, ruleset)
    assert len(statuses) == len(ruleset.rules)
    assert statuses[:3] == ("absent", "n/a", None)  # by rule order; n/a: the Outline edition lacks it; None: no result
    assert third.id not in {r.rule_id for r in record.results}


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
