"""`fazhi batch` against a hostile or unlucky folder: nothing hangs, crashes, leaks or stays locked.

FIFOs, symlinks out of the folder, control characters in names and titles, kill -9 of
the main process, full or read-only disks, other programs' temp files in OUT, and a
report that takes too long. Every run is a subprocess with a timeout, so no test can
hang; where a test needs a slow report or a full disk it runs the CLI through a few
lines of Python that patch scorer first (the workers are forked, so they inherit it).
"""

from __future__ import annotations

import csv
import errno
import io
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
RUN_TIMEOUT_S = 120  # far above any run here: a hang fails the test instead of stalling the suite

# Runs the CLI after the patch; the worker processes are forked from it and inherit it.
PATCHED_CLI = """
import sys
{patch}
from scorer.cli import main
sys.argv[0] = "fazhi"
main()
"""


def misbehaving_on(word: str, module: str, act: str) -> str:
    """A patch for PATCHED_CLI: scoring a report whose path contains ``word`` runs ``act``
    (after importing ``module``) before scoring it as usual."""
    return f"""
import {module}
import scorer.pipeline
_score_file = scorer.pipeline.score_file
def score_file(path, *args, **kwargs):
    if {word!r} in str(path):
        {act}
    return _score_file(path, *args, **kwargs)
scorer.pipeline.score_file = score_file
"""


# Reports whose path contains "slow" take a minute: stands for a hostile input that never ends.
SLOW_REPORTS = misbehaving_on("slow", "time", "time.sleep(60)")


def fazhi(*args, patch: str | None = None, timeout: float = RUN_TIMEOUT_S) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "scorer"]
    if patch is not None:
        command = [sys.executable, "-c", PATCHED_CLI.format(patch=patch)]
    return subprocess.run([*command, *map(str, args)], cwd=ROOT, capture_output=True, text=True, timeout=timeout)


def seed_copies(folder: Path, n: int, prefix: str = "r") -> list[Path]:
    """n reports with different contents (a unique last line each)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"{prefix}{i:02d}.txt"
        path.write_text(SEEDS[i % len(SEEDS)].read_text(encoding="utf-8") + f"\n附：第{i}份。\n", encoding="utf-8")
        paths.append(path)
    return paths


def summary_rows(out: Path) -> dict[str, dict[str, str]]:
    rows = csv.DictReader(io.StringIO((out / "summary.csv").read_text(encoding="utf-8-sig")))
    return {row["file"]: row for row in rows}


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("fazhi: error:")]


def check_consistent(db: Path, rules: int) -> None:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        partial = conn.execute(
            "SELECT COUNT(*) FROM reports r WHERE (SELECT COUNT(*) FROM results WHERE report_id = r.id) != ?", (rules,)
        ).fetchone()[0]
        assert partial == 0


def db_count(db: Path, table: str = "reports") -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


# -- 1. non-regular files -----------------------------------------------------------------


def test_a_fifo_in_the_folder_fails_on_its_own_and_blocks_nothing(tmp_path):
    corpus = tmp_path / "in"
    seed_copies(corpus, 2)
    os.mkfifo(corpus / "pipe.txt")  # opening it to read would wait for a writer forever
    os.mkfifo(tmp_path / "named.txt")
    out = tmp_path / "out"

    run = fazhi("batch", corpus, tmp_path / "named.txt", "-o", out, "--jobs", 1, "--no-memo", timeout=60)
    assert run.returncode == 4, run.stderr
    assert error_lines(run.stderr) == [
        f"fazhi: error: {corpus / 'pipe.txt'}: InputError: not a regular file (a named pipe)",
        f"fazhi: error: {tmp_path / 'named.txt'}: InputError: not a regular file (a named pipe)",
    ]
    assert "4 files: 2 scored, 0 already scored, 2 failed" in run.stdout
    rows = summary_rows(out)
    assert rows["in/pipe.txt"]["error"] == "InputError: not a regular file (a named pipe)"
    assert rows["in/r00.txt"]["score"]


# -- 2. symlinks out of the input folder --------------------------------------------------


def test_symlinks_leaving_the_folder_are_skipped_and_listed_unless_followed(tmp_path):
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "passwd.txt").write_text(SEEDS[1].read_text(encoding="utf-8") + "\n泄露标记QX7\n", encoding="utf-8")
    corpus = tmp_path / "in"
    seed_copies(corpus / "sub", 1)
    (corpus / "leak.txt").symlink_to(secret / "passwd.txt")
    (corpus / "secrets").symlink_to(secret, target_is_directory=True)
    (corpus / "inside.txt").symlink_to(corpus / "sub" / "r00.txt")  # stays in the folder: read
    (corpus / "here").symlink_to(corpus / "sub", target_is_directory=True)  # its files are read as sub/…
    out = tmp_path / "out"

    run = fazhi("batch", corpus, "-o", out, "--no-memo", timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stderr.splitlines()[-2:] == [
        f"fazhi: warning: {corpus / 'leak.txt'}: skipped: symlink leaves the input folder; --follow-symlinks reads it",
        f"fazhi: warning: {corpus / 'secrets'}: skipped: symlink leaves the input folder; --follow-symlinks reads it",
    ]
    assert "2 files: 2 scored, 0 already scored, 0 failed; 2 not read (see the warnings)" in run.stdout
    assert sorted(summary_rows(out)) == ["inside.txt", "sub/r00.txt"]
    for path in out.rglob("*"):
        if path.is_file():
            assert "泄露标记QX7".encode() not in path.read_bytes(), path

    followed = fazhi("batch", corpus, "-o", tmp_path / "out2", "--no-memo", "--follow-symlinks", timeout=60)
    assert followed.returncode == 0, followed.stderr
    assert sorted(summary_rows(tmp_path / "out2")) == ["inside.txt", "leak.txt", "secrets/passwd.txt", "sub/r00.txt"]


def test_a_symlink_loop_out_of_the_folder_is_walked_once(tmp_path):
    outside = tmp_path / "outside"
    seed_copies(outside, 1)
    (outside / "again").symlink_to(outside, target_is_directory=True)
    corpus = tmp_path / "in"
    seed_copies(corpus, 1, prefix="own")
    (corpus / "ext").symlink_to(outside, target_is_directory=True)

    run = fazhi("batch", corpus, "-o", tmp_path / "out", "--no-memo", "--follow-symlinks", timeout=60)
    assert run.returncode == 0, run.stderr
    assert sorted(summary_rows(tmp_path / "out")) == ["ext/r00.txt", "own00.txt"]


# -- 3. control characters in file names and titles -----------------------------------------


def test_control_characters_in_names_and_titles_reach_no_output_raw(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    lines = SEEDS[0].read_text(encoding="utf-8").split("\n")
    lines[0] = "2020年度\x1b[31m市科技局法治政府建设工作报告"  # the issuer comes from the title: ESC and all
    (corpus / "title.txt").write_text("\n".join(lines), encoding="utf-8")
    shutil.copy(SEEDS[2], corpus / "esc\x1b]0;pwned\x07name.txt")
    (corpus / "new\nline.txt").write_bytes(b"")  # fails: its error must stay one line
    out = tmp_path / "out"

    run = fazhi("batch", corpus, "-o", out, "--no-memo", timeout=60)
    assert run.returncode == 4, run.stderr
    assert "Traceback" not in run.stderr
    for text in (run.stdout, run.stderr):
        assert "\x1b" not in text and "\x07" not in text
    assert f"scored {corpus}/esc\\x1b]0;pwned\\x07name.txt" in run.stderr
    assert error_lines(run.stderr) == [f"fazhi: error: {corpus}/new\\nline.txt: InputError: file is empty"]

    from openpyxl import load_workbook

    workbook = load_workbook(out / "summary.xlsx")
    data_sheets = [ws for ws in workbook if ws.title not in ("要求一览", "图例")]  # a sheet per edition, and the failed files
    cells = {row[0]: row for ws in data_sheets for row in ws.iter_rows(min_row=2, values_only=True)}
    assert set(cells) == {"esc\\x1b]0;pwned\\x07name.txt", "new\\nline.txt", "title.txt"}
    issuer = cells["title.txt"][1]  # "\\x1b[31m市科技局" today; a reader that drops the ESC would do too
    assert "市科技局" in issuer and "\x1b" not in issuer
    raw_csv = (out / "summary.csv").read_text(encoding="utf-8-sig")
    assert "\x1b" not in raw_csv and issuer in raw_csv
    assert len(raw_csv.splitlines()) == 4  # header and three rows: no name split a row
    assert (out / "index.html").is_file()

    history = fazhi("history", "科技局", "--db", out / "fazhi.sqlite", timeout=60)
    assert history.returncode == 0, history.stderr
    assert "\x1b" not in history.stdout and f"{issuer}：1 个年度" in history.stdout


def test_one_line_escapes_controls_bidi_and_undecodable_bytes_and_keeps_chinese():
    from scorer.sanitize import one_line, visible

    assert one_line("合肥市科技局 2021") == "合肥市科技局 2021"
    assert one_line("a\x1b[2J\nb\tc\x7f\x9b") == "a\\x1b[2J\\nb\\tc\\x7f\\x9b"
    assert visible("a\x1b[2J\nb\tc") == "a\\x1b[2J\nb\tc"  # multi-line text keeps its lines
    assert one_line("x\u202etxt.exe\u2028") == "x\\u202etxt.exe\\u2028"
    assert one_line(os.fsdecode(b"bad\xff.txt")) == "bad\\xff.txt"


def test_no_character_that_needs_escaping_is_printable():
    """one_line and visible return printable text as it is: that holds only while every
    character their patterns escape is one str.isprintable() rejects, in all of Unicode."""
    from scorer.sanitize import _UNSAFE, _UNSAFE_BUT_LINES

    escaped = [c for c in map(chr, range(sys.maxunicode + 1)) if _UNSAFE.match(c)]
    assert len(escaped) > 2000 and not any(c.isprintable() for c in escaped)
    assert all(_UNSAFE.match(c) for c in map(chr, range(sys.maxunicode + 1)) if _UNSAFE_BUT_LINES.match(c))


def test_a_file_name_that_is_not_utf8_fails_alone(tmp_path):
    corpus = tmp_path / "in"
    seed_copies(corpus, 1)
    shutil.copy(SEEDS[1], os.fsdecode(bytes(corpus) + b"/bad\xff.txt"))

    run = fazhi("batch", corpus, "-o", tmp_path / "out", "--no-memo", timeout=60)
    assert run.returncode == 4, run.stderr
    assert error_lines(run.stderr) == [
        f"fazhi: error: {corpus}/bad\\xff.txt: InputError: the file name is not valid UTF-8; rename the file"
    ]
    assert summary_rows(tmp_path / "out")["bad\\xff.txt"]["error"].startswith("InputError: the file name")


def test_a_worker_that_dies_fails_its_report_and_is_replaced(tmp_path):
    corpus = tmp_path / "in"
    seed_copies(corpus, 3)
    shutil.copy(SEEDS[0], corpus / "crash.txt")  # sorted first: both later reports need a live worker
    patch = misbehaving_on("crash", "os", "os._exit(3)")
    run = fazhi("batch", corpus, "-o", tmp_path / "out", "--jobs", 1, "--no-memo", patch=patch, timeout=60)
    assert run.returncode == 4, run.stderr
    assert error_lines(run.stderr) == [
        f"fazhi: error: {corpus}/crash.txt: WorkerError: the worker process scoring it exited with code 3"
    ]
    assert "4 files: 3 scored, 0 already scored, 1 failed" in run.stdout


# -- 4. kill -9 of the main process ---------------------------------------------------------


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")  # a zombie is dead, waiting for a parent that may never reap it


def lock_holders(path: Path) -> list[tuple[str, int]]:
    """(kind, pid) of each lock on ``path``, from /proc/locks: "1: POSIX ADVISORY WRITE 7280 fe:00:2147361 0 EOF"."""
    inode = path.stat().st_ino
    fields = (line.split() for line in Path("/proc/locks").read_text().splitlines())
    return [(f[1], int(f[4])) for f in fields if f[1] != "->" and f[5].endswith(f":{inode}")]


@pytest.mark.skipif(not Path("/proc/locks").exists(), reason="reads worker processes and locks from /proc")
def test_kill_9_of_the_main_process_ends_its_workers_and_a_rerun_finishes(tmp_path, ruleset):
    corpus = tmp_path / "in"
    seed_copies(corpus, 4)
    seed_copies(corpus, 2, prefix="slow")  # sorted after r…: both workers are busy on them when it is killed
    out = tmp_path / "out"
    command = [sys.executable, "-c", PATCHED_CLI.format(patch=SLOW_REPORTS)]
    proc = subprocess.Popen(
        [*command, "batch", str(corpus), "-o", str(out), "--jobs", "2", "--no-memo", "-q"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while db_count(out / "fazhi.sqlite") < 4:
            assert proc.poll() is None, proc.stderr.read()
            assert time.monotonic() < deadline, "the fast reports were not scored in time"
            time.sleep(0.05)
        workers = children(proc.pid)
        assert len(workers) == 2
        assert lock_holders(out / ".fazhi.lock") == [("POSIX", proc.pid)]  # the main process's alone
        proc.kill()
        proc.wait(timeout=10)

        deadline = time.monotonic() + 10
        while any(alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(alive(w) for w in workers), "workers outlived the main process"

        run = fazhi("batch", corpus, "-o", out, "--jobs", 2, "--no-memo", "-q", timeout=60)
        assert run.returncode == 0, run.stderr
        check_consistent(out / "fazhi.sqlite", len(ruleset.rules))
        with sqlite3.connect(out / "fazhi.sqlite") as conn:
            versions = conn.execute("SELECT COUNT(DISTINCT ruleset_version) FROM reports").fetchone()[0]
        if versions == 1:  # else the rules were edited between the runs, and everything is scored again
            assert "6 files: 2 scored, 4 already scored, 0 failed" in run.stdout
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # whatever is left of it, should this test fail
        except ProcessLookupError:
            pass
        proc.wait(timeout=10)
        proc.stderr.close()


# -- 5. disk full, read-only outputs, a full database -----------------------------------------


@pytest.mark.parametrize(
    ("code", "problem"),
    [(errno.ENOSPC, "disk full"), (errno.EROFS, "read-only file system"), (errno.EACCES, "permission denied")],
)
def test_an_unwritable_report_output_is_one_error_not_a_failure_of_every_file(tmp_path, code, problem):
    corpus = tmp_path / "in"
    seed_copies(corpus, 3)
    out = tmp_path / "out"
    patch = f"""
import errno, os
import scorer.batch
def write_bytes(path, data):
    raise OSError({code}, os.strerror({code}), str(path))
scorer.batch.write_bytes = write_bytes
"""
    run = fazhi("batch", corpus, "-o", out, "--jobs", 2, "--no-memo", "-q", patch=patch, timeout=60)
    assert run.returncode == 2
    assert run.stderr == (
        f"fazhi: error: {out}/reports: cannot write the reports: {problem}; "
        "what was scored is kept, run the same command again to finish the rest\n"
    )
    assert db_count(out / "fazhi.sqlite", "failures") == 0  # no input file is to blame
    assert not list(out.rglob("*.tmp"))

    run = fazhi("batch", corpus, "-o", out, "--no-memo", "-q", timeout=60)
    assert run.returncode == 0 and "3 files: 3 scored" in run.stdout, run.stderr


def test_disk_full_while_writing_the_summary_is_one_error(tmp_path):
    corpus = tmp_path / "in"
    seed_copies(corpus, 2)
    out = tmp_path / "out"
    patch = """
import errno, os
import scorer.render.summary
def write_csv(view, f):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
scorer.render.summary.write_csv = write_csv
"""
    run = fazhi("batch", corpus, "-o", out, "--no-memo", "-q", patch=patch, timeout=60)
    assert run.returncode == 2
    assert run.stderr == (
        f"fazhi: error: {out}: cannot write the summary and dashboard: disk full; "
        "what was scored is kept, run the same command again to finish the rest\n"
    )
    assert db_count(out / "fazhi.sqlite") == 2 and not list(out.rglob("*.tmp"))


def test_a_full_database_is_one_error_and_stays_consistent(tmp_path, ruleset):
    corpus = tmp_path / "in"
    seed_copies(corpus, 12)
    out = tmp_path / "out"
    # The database may not grow past its size when the first report is saved: SQLite's own "disk full".
    patch = """
import scorer.store
_save = scorer.store.Store.save
def save(self, record, scored_at=None):
    pages = self._db.execute("PRAGMA page_count").fetchone()[0]
    self._db.execute(f"PRAGMA max_page_count = {pages}")
    return _save(self, record, scored_at)
scorer.store.Store.save = save
"""
    run = fazhi("batch", corpus, "-o", out, "--jobs", 1, "--no-memo", "-q", patch=patch, timeout=60)
    assert run.returncode == 2
    assert run.stderr.startswith(f"fazhi: error: {out}/fazhi.sqlite: cannot write the history database: disk full;")
    assert len(run.stderr.splitlines()) == 1
    check_consistent(out / "fazhi.sqlite", len(ruleset.rules))
    stored = db_count(out / "fazhi.sqlite")
    assert stored < 12

    run = fazhi("batch", corpus, "-o", out, "--no-memo", "-q", timeout=60)
    assert run.returncode == 0, run.stderr
    assert f"12 files: {12 - stored} scored, {stored} already scored" in run.stdout


# -- 6. only our own temp files are removed from OUT ----------------------------------------


def test_temp_file_names_are_recognised_exactly():
    from scorer.atomic import temp_file_target

    assert temp_file_target(".summary.csv.k2x_9qzr.tmp") == "summary.csv"
    assert temp_file_target(".a.txt.html.abc123.tmp") == "a.txt.html"
    for other in (".notes.tmp", "summary.csv.k2x_9qzr.tmp", ".summary.csv.K2X.tmp", ".summary.csv.k2x.tmp.bak"):
        assert temp_file_target(other) is None, other


def test_batch_removes_its_own_temp_files_and_no_one_elses(tmp_path):
    corpus = tmp_path / "in"
    seed_copies(corpus, 1)
    out = tmp_path / "out"
    (out / "reports").mkdir(parents=True)
    ours = [
        out / ".summary.csv.k2x_9qzr.tmp", out / ".index.html.a1b2c3d4.tmp", out / "reports" / ".x.txt.json.zz9_0000.tmp",
    ]
    theirs = [
        out / ".notes.tmp", out / ".draft.docx.a1b2c3d4.tmp", out / ".editor.swp.tmp",
        out / "reports" / ".scan.pdf.a1b2c3d4.tmp", out / "reports" / ".cache.tmp",
    ]
    for path in ours + theirs:
        path.write_text("x")

    run = fazhi("batch", corpus, "-o", out, "--no-memo", "-q", timeout=60)
    assert run.returncode == 0, run.stderr
    assert [p.name for p in ours if p.exists()] == []
    assert [p.name for p in theirs if p.exists()] == [p.name for p in theirs]


# -- 7. a per-file time budget --------------------------------------------------------------


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_report_over_the_file_timeout_fails_and_the_batch_goes_on(tmp_path, jobs):
    corpus = tmp_path / "in"
    seed_copies(corpus / "z", 3)  # after slow.txt: with one worker, they need its replacement
    shutil.copy(SEEDS[4], corpus / "slow.txt")
    out = tmp_path / "out"
    started = time.monotonic()
    run = fazhi(
        "batch", corpus, "-o", out, "--jobs", jobs, "--no-memo", "--file-timeout", 2, patch=SLOW_REPORTS, timeout=60
    )
    assert time.monotonic() - started < 30
    assert run.returncode == 4, run.stderr
    assert error_lines(run.stderr) == [
        f"fazhi: error: {corpus}/slow.txt: TimeoutError: took longer than 2 s (--file-timeout)"
    ]
    assert "4 files: 3 scored, 0 already scored, 1 failed" in run.stdout
    assert summary_rows(out)["slow.txt"]["error"] == "TimeoutError: took longer than 2 s (--file-timeout)"
    assert not list(out.rglob("*.tmp"))


# -- a per-file memory budget ---------------------------------------------------------------

# Reports whose path contains "greedy" want 3 GB at once: stands for an input that would
# take the machine's memory.
GREEDY_REPORTS = misbehaving_on("greedy", "sys", "hoard = bytearray(3 * 1024 ** 3)")


def test_a_report_over_the_memory_budget_fails_alone(tmp_path):
    corpus = tmp_path / "in"
    seed_copies(corpus, 2)
    shutil.copy(SEEDS[4], corpus / "greedy.txt")
    out = tmp_path / "out"
    run = fazhi("batch", corpus, "-o", out, "--no-memo", "--file-memory", 1024, patch=GREEDY_REPORTS, timeout=90)
    assert run.returncode == 4, run.stderr
    assert error_lines(run.stderr) == [
        f"fazhi: error: {corpus}/greedy.txt: MemoryError: needs more than the 1024 MB memory a worker may use (--file-memory)"]
    assert "3 files: 2 scored, 0 already scored, 1 failed" in run.stdout


# -- 9. an unreadable file among several ------------------------------------------------------

# The file named "locked" cannot be opened (as root every file is readable, so the refusal
# is made where files are opened).
LOCKED_FILE = """
import os
_open = os.open
def guarded(path, *args, **kwargs):
    if "locked" in os.fspath(path):
        raise PermissionError(13, "Permission denied")
    return _open(path, *args, **kwargs)
os.open = guarded
"""


def test_an_unreadable_file_among_several_fails_alone(tmp_path):
    corpus = tmp_path / "in"
    seed_copies(corpus, 2)
    shutil.copy(SEEDS[4], corpus / "locked.txt")
    out = tmp_path / "out"
    run = fazhi("batch", corpus, "-o", out, "--no-memo", patch=LOCKED_FILE, timeout=90)
    assert run.returncode == 4, run.stderr
    assert len(error_lines(run.stderr)) == 1 and "locked.txt" in error_lines(run.stderr)[0]
    assert "Permission denied" in error_lines(run.stderr)[0]
    assert "3 files: 2 scored, 0 already scored, 1 failed" in run.stdout
