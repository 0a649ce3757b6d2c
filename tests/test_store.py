"""The SQLite history: upsert without duplicates, atomic writes, migrations, issuer matching, year over year."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest

from scorer.errors import FazhiError
from scorer.history import timelines
from scorer.store import SCHEMA_VERSION, ReportRecord, RuleRecord, Store, record_of

from conftest import database_at


def make(content_hash="h1", issuer="合肥市科技局", year=2020, score=50.0, statuses=None, ruleset_version="v1", date=None,
         **kw):
    statuses = statuses or {"a.one": "absent", "a.two": "asserted", "a.three": "met"}
    results = tuple(RuleRecord(rid, st, True, 1.0, 2.0, 0 if st == "absent" else 1) for rid, st in statuses.items())
    return ReportRecord(
        content_hash=content_hash, ruleset_version=ruleset_version, path=f"in/{content_hash}.txt", issuer=issuer,
        year=year, edition=2015, date=date, score=score, grade="不合格", core_score=score, results=results, **kw,
    )


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "h.sqlite") as s:
        yield s


def count(store_path, table):
    with sqlite3.connect(store_path) as db:
        return db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def test_new_database_is_migrated_and_in_wal_mode(tmp_path):
    path = tmp_path / "h.sqlite"
    with Store(path) as s:
        assert s.schema_version == SCHEMA_VERSION
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"reports", "results", "failures"} <= tables
    with Store(path) as s:  # opening again migrates nothing and keeps the version
        assert s.schema_version == SCHEMA_VERSION


def test_saving_the_same_content_again_replaces_it(store):
    store.save(make(score=40.0))
    store.save(make(score=60.0, statuses={"a.one": "substantiated", "a.two": "asserted", "a.three": "met"}))
    assert count(store.path, "reports") == 1
    assert count(store.path, "results") == 3
    got = store.get("h1", "v1")
    assert got.score == 60.0
    assert got.status("a.one") == "substantiated"
    assert [r.rule_id for r in got.results] == ["a.one", "a.two", "a.three"]  # ruleset order kept
    assert got.scored_at


def test_other_content_or_ruleset_version_is_another_row(store):
    store.save(make())
    store.save(make(content_hash="h2"))
    store.save(make(ruleset_version="v2"))
    assert count(store.path, "reports") == 3
    assert count(store.path, "results") == 9


def test_a_failed_write_leaves_nothing_behind(store):
    store.save(make(content_hash="keep"))
    broken = make(content_hash="h9")
    broken = replace(broken, results=broken.results + (broken.results[0],))  # duplicate rule id: PK violation
    with pytest.raises(sqlite3.IntegrityError):
        store.save(broken)
    assert store.get("h9", "v1") is None
    assert count(store.path, "reports") == 1 and count(store.path, "results") == 3
    store.save(make(content_hash="after"))  # the connection is usable: no transaction left open
    assert count(store.path, "reports") == 2


def test_has_needs_the_same_requested_edition(store):
    store.save(make())
    assert store.has("h1", "v1", None)
    assert not store.has("h1", "v1", 2021)
    assert not store.has("h1", "v2", None)
    store.save(make(requested_edition=2021))
    assert store.has("h1", "v1", 2021) and not store.has("h1", "v1", None)


def test_failures_are_recorded_and_cleared_when_the_file_scores(store):
    store.record_failure("in/h1.txt", "InputError: file is empty")
    store.record_failure("in/h1.txt", "InputError: file is empty again")
    assert store.failures() == {"in/h1.txt": "InputError: file is empty again"}
    store.save(make())
    assert store.failures() == {}


def test_history_matches_exactly_then_by_containment(store):
    store.save(make("a", issuer="合肥市科技局", year=2020))
    store.save(make("b", issuer="合肥市科技局", year=2021))
    store.save(make("c", issuer="阳江市科学技术局", year=2020))
    store.save(make("d", issuer="科技局", year=2019))
    assert [r.content_hash for r in store.history("合肥市科技局")] == ["a", "b"]
    assert [r.content_hash for r in store.history("科技局")] == ["d"]  # exact wins over contains
    assert [r.issuer for r in store.history("合肥")] == ["合肥市科技局", "合肥市科技局"]
    assert store.history("合肥", contains=False) == []
    assert store.history("%") == []  # LIKE wildcards in the query are literal
    assert store.issuers() == ["合肥市科技局", "科技局", "阳江市科学技术局"]


def test_a_database_from_a_newer_fazhi_is_refused(tmp_path):
    path = tmp_path / "h.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 99")
    with pytest.raises(FazhiError, match=r"h\.sqlite: made by a newer fazhi \(schema 99"):
        Store(path)


def test_a_file_that_is_not_a_database_is_a_one_line_error(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("这不是数据库" * 200, encoding="utf-8")
    with pytest.raises(FazhiError, match="not a fazhi history database"):
        Store(path)
    assert path.read_text(encoding="utf-8") == "这不是数据库" * 200


def test_record_of_a_real_report(seed_results):
    result = seed_results["001_72591554edec4da5.txt"]
    rec = record_of(result, "abc")
    assert rec.issuer == result.issuer and rec.year == result.year and rec.score == result.score
    assert len(rec.results) == len(result.results)
    assert rec.status("structure.achievements") == result.result("structure.achievements").status
    assert sum(r.evidence_count for r in rec.results) == sum(len(r.evidence) for r in result.results)


def test_timelines_keep_the_latest_report_per_year_and_list_changes():
    older = make("a", year=2020, statuses={"a.one": "absent", "a.two": "asserted", "a.three": "met"}, scored_at="1")
    redo = make("a2", year=2020, statuses={"a.one": "planned", "a.two": "asserted", "a.three": "met"}, scored_at="2")
    newer = make("b", year=2021, statuses={"a.one": "substantiated", "a.two": "deficient", "a.three": "met"}, scored_at="3")
    other = make("c", issuer="阳江市科学技术局", year=2021, scored_at="4")
    (hefei, yangjiang) = timelines([newer, older, redo, other])
    assert hefei.issuer == "合肥市科技局" and hefei.years == (2020, 2021)
    assert [r.content_hash for r in hefei.reports] == ["a2", "b"]
    assert [(c.rule_id, c.before, c.after, c.direction) for c in hefei.changes] == [
        ("a.one", "planned", "substantiated", "improved"),
        ("a.two", "asserted", "deficient", "regressed"),
    ]
    assert yangjiang.years == (2021,) and yangjiang.changes == ()


def test_timelines_choose_among_one_batchs_reports_of_a_year_by_date_then_path_never_by_order():
    # Two reports of one issuer and year stored by the same batch carry the same time; the
    # one standing for the year must not depend on which worker finished first.
    early = make("x1", year=2021, scored_at="t", date="2022-02-01", statuses={"a.one": "absent"})
    late = make("x2", year=2021, scored_at="t", date="2022-03-01", statuses={"a.one": "asserted"})
    for records in ([early, late], [late, early]):
        (line,) = timelines(records)
        assert [r.content_hash for r in line.reports] == ["x2"]
    undated_a = make("y1", year=2021, scored_at="t")  # path in/y1.txt
    undated_b = make("y2", year=2021, scored_at="t")  # path in/y2.txt: sorts last
    for records in ([undated_a, undated_b], [undated_b, undated_a]):
        (line,) = timelines(records)
        assert [r.content_hash for r in line.reports] == ["y2"]
    # a later batch still wins over an earlier one, whatever the dates
    rescored = make("x1", year=2021, scored_at="u", date="2022-02-01")
    (line,) = timelines([late, rescored])
    assert [r.content_hash for r in line.reports] == ["x1"]


def test_save_records_the_time_it_is_given(store):
    store.save(make("a"), "2026-01-01T00:00:00+00:00")
    store.save(make("b"))
    at = {r.content_hash: r.scored_at for r in store.history("合肥市科技局")}
    assert at["a"] == "2026-01-01T00:00:00+00:00" and at["b"] > at["a"]


def test_the_history_keeps_why_a_file_is_not_a_whole_report(tmp_path, ruleset):
    from conftest import SEEDS
    from scorer.pipeline import score_file

    result = score_file(sorted(SEEDS.glob("*.txt"))[0], ruleset)  # seed 000: a 转载 copy
    assert result.not_whole
    with Store(tmp_path / "h.sqlite") as s:
        s.save(record_of(result, "abc"))
        (back,) = s.history(result.issuer)
    assert back.not_whole == result.not_whole


def test_a_store_can_keep_a_small_page_cache(tmp_path):
    """`fazhi batch` keeps SQLite's page cache small, so its memory does not grow with the database."""
    with Store(tmp_path / "h.sqlite", cache_kb=256) as store:
        assert store._db.execute("PRAGMA cache_size").fetchone()[0] == -256
    with Store(tmp_path / "h.sqlite") as store:
        assert store._db.execute("PRAGMA cache_size").fetchone()[0] == -2000  # SQLite's own default


def test_read_by_ocr_is_the_stored_flag(store):
    store.save(make("scan", ocr=True))
    store.save(make("text"))
    assert store.read_by_ocr("scan", "v1") and store.read_by_ocr("scan", "v1") == store.get("scan", "v1").ocr
    assert not store.read_by_ocr("text", "v1")
    assert not store.read_by_ocr("scan", "v2") and not store.read_by_ocr("missing", "v1")


def test_a_summary_is_the_stored_record_less_its_points(store):
    """Store.summary (what a batch's summary rows are read with) says what Store.get says of a report."""
    gapless = make("h2", statuses={"a.one": "substantiated", "a.two": "met"}, not_whole=("只是一份通知",), ocr=True)
    not_applying = replace(make("h3"), results=(RuleRecord("a.one", "absent", False, 0.0, 0.0, 0),
                                                RuleRecord("a.two", "asserted", True, 1.0, 1.0, 1)))
    for record in (make(), gapless, not_applying):
        store.save(record)
        got, summary = store.get(record.content_hash, "v1"), store.summary(record.content_hash, "v1")
        for field in ("path", "issuer", "year", "edition", "date", "score", "grade", "core_score", "not_whole", "ocr",
                      "has_gaps"):
            assert getattr(summary, field) == getattr(got, field), field
        assert summary.results == tuple((r.rule_id, r.status, r.applies) for r in got.results)
    assert [store.summary(h, "v1").has_gaps for h in ("h1", "h2", "h3")] == [True, False, False]
    assert store.summary("h1", "v2") is None and store.summary("nope", "v1") is None


def test_issuer_and_year_corrections_migrate_an_old_trail_and_stay_append_only(tmp_path):
    """A desk database of schema 4 (reviews could be status, evidence or done) opens at the new
    schema with its reviews kept, takes issuer and year corrections, and still refuses to
    change or delete any review."""
    from scorer.models import StatedFacts
    from scorer.store import Review

    path = tmp_path / "h.sqlite"
    raw = database_at(path, 4)
    raw.execute("INSERT INTO reviews (content_hash, rule_id, kind, start, before, after, reason, reviewer, at) "
                "VALUES ('h1', 'a.one', 'status', NULL, 'absent', 'asserted', '见第三段', '甲', '2026-01-01')")
    with pytest.raises(sqlite3.IntegrityError):  # the old table knows no year corrections
        raw.execute("INSERT INTO reviews (content_hash, kind, after, reason, reviewer, at) VALUES ('h1', 'year', '2021', 'x', '甲', 'now')")
    raw.commit()
    raw.close()
    with Store(path) as s:
        assert s.schema_version == SCHEMA_VERSION
        (old,) = s.reviews("h1")
        assert (old.rule_id, old.kind, old.after, old.reviewer) == ("a.one", "status", "asserted", "甲")
        assert s.stated_facts("h1") == StatedFacts()
        s.add_review(Review("h1", None, "year", None, "2020", "2021", "落款为2022年", "乙"))
        s.add_review(Review("h1", None, "issuer", None, None, "某市司法局", "页眉", "乙"))
        s.add_review(Review("h1", None, "year", None, "2021", "2022", "再核对", "丙"))
        assert s.stated_facts("h1") == StatedFacts("某市司法局", 2022)  # the latest of each
        assert s.stated_facts("h2") == StatedFacts()
    with sqlite3.connect(path) as db:
        for statement in ("UPDATE reviews SET after = 'x'", "DELETE FROM reviews"):
            with pytest.raises(sqlite3.DatabaseError, match="append-only"):
                db.execute(statement)
        assert db.execute("SELECT COUNT(*) FROM reviews").fetchone()[0] == 4
        assert db.execute("SELECT name FROM sqlite_master WHERE name = 'reviews_by_hash'").fetchone()
