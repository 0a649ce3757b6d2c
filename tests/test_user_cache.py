"""The user cache behind the cold start: the shipped rules validated once, regexes compiled once.

Every test points FAZHI_CACHE_DIR at its own folder, so nothing here reads or writes the
real cache, and checks both halves: a warm cache gives exactly what the work gives, and a
missing, corrupt or unwritable one only means doing the work.
"""

from __future__ import annotations

import re
import shutil

import pytest

from scorer import regex_cache, rules, user_cache
from test_readers import SEED_FILES


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv(user_cache.ENV, str(folder))
    return folder


@pytest.fixture
def own_rules_dir(tmp_path, monkeypatch):
    """A copy of the shipped rules that load_rules treats as the shipped ones."""
    copy = tmp_path / "rules"
    shutil.copytree(rules.DEFAULT_RULES_DIR, copy)
    monkeypatch.setattr(rules, "DEFAULT_RULES_DIR", copy)
    return copy


def _no_validation(*args, **kwargs):
    raise AssertionError("the rule files were validated again")


def test_the_shipped_rules_are_validated_once_then_read_from_the_cache(cache, own_rules_dir, monkeypatch):
    first = rules.load_rules(base=own_rules_dir)
    assert any(p.name.startswith("rules-") for p in cache.iterdir())
    monkeypatch.setattr(rules, "_validate_file", _no_validation)
    again = rules.load_rules(base=own_rules_dir)
    assert again == first
    assert [r.file for r in again.rules] == [r.file for r in first.rules]
    assert [r.metadata for r in again.rules] == [r.metadata for r in first.rules]


def test_a_changed_rule_file_is_validated_again(cache, own_rules_dir, monkeypatch):
    rules.load_rules(base=own_rules_dir)
    path = own_rules_dir / "02-leadership.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("id: leadership.first_responsible", "id: leadership.Bad", 1),
                    encoding="utf-8")
    with pytest.raises(rules.RuleError, match="leadership.Bad"):
        rules.load_rules(base=own_rules_dir)


def test_rules_validate_always_validates(cache, own_rules_dir, monkeypatch):
    rules.load_rules(base=own_rules_dir)
    monkeypatch.setattr(rules, "_validate_file", _no_validation)
    with pytest.raises(AssertionError, match="validated again"):
        rules.load_rules(base=own_rules_dir, compile_all=True)


@pytest.mark.parametrize("damage", [b"", b"\x00garbage", b"\xe9\x01\x02"])
def test_a_corrupt_rules_cache_is_ignored(cache, own_rules_dir, damage):
    first = rules.load_rules(base=own_rules_dir)
    for kept in cache.glob("rules-*"):
        kept.write_bytes(damage)
    assert rules.load_rules(base=own_rules_dir) == first


def test_an_unwritable_or_switched_off_cache_changes_nothing(tmp_path, monkeypatch, ruleset):
    blocker = tmp_path / "a file, not a folder"
    blocker.write_text("x")
    monkeypatch.setenv(user_cache.ENV, str(blocker / "cache"))
    assert rules.load_rules() == ruleset
    monkeypatch.setenv(user_cache.ENV, "")
    assert user_cache.cache_dir() is None
    assert rules.load_rules() == ruleset


PATTERNS = [
    (r"(?<!新)(制定|印发)(了|出)?[^,。;《的]{0,3}$", 0),
    (r"(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月", 0),
    (r"microsoft word - |\.(docx?|wps|pdf)$", re.IGNORECASE),
    (r"[\u4e00-\u9fff]+", 0),
]


def test_a_kept_program_makes_the_pattern_re_makes(cache, monkeypatch):
    monkeypatch.setattr(regex_cache, "_patterns", {})
    monkeypatch.setattr(regex_cache, "_table", regex_cache._table.fresh())
    made = [regex_cache.compile(p, f) for p, f in PATTERNS]
    assert regex_cache.compile(*PATTERNS[0]) is made[0]  # once per process
    regex_cache._table.save()
    # A new process: nothing compiled yet, the programs in the file.
    monkeypatch.setattr(regex_cache, "_patterns", {})
    monkeypatch.setattr(regex_cache, "_table", regex_cache._table.fresh())
    monkeypatch.setattr(regex_cache, "_program", lambda *a: pytest.fail("compiled although the program was kept"))
    text = SEED_FILES[0].read_text(encoding="utf-8") + " Microsoft Word - 报告.DOCX 2024年3月 新制定了"
    for (pattern, flags), before in zip(PATTERNS, made):
        kept = regex_cache.compile(pattern, flags)
        plain = re.compile(pattern, flags)
        assert (kept.pattern, kept.flags, kept.groups, kept.groupindex) == (plain.pattern, plain.flags, plain.groups, plain.groupindex)
        assert [m.span() for m in kept.finditer(text)] == [m.span() for m in plain.finditer(text)]
        assert [m.groups() for m in kept.finditer(text)] == [m.groups() for m in before.finditer(text)]


def test_a_corrupt_regex_cache_is_compiled_again(cache, monkeypatch):
    cache.mkdir()
    (cache / regex_cache.CACHE_FILE).write_bytes(b"\x00 not marshal")
    monkeypatch.setattr(regex_cache, "_patterns", {})
    monkeypatch.setattr(regex_cache, "_table", regex_cache._table.fresh())
    assert regex_cache.compile(r"第([一二三四五]+)部分").findall("第三部分") == ["三"]
    # A damaged entry under the right key: compiled again, never a wrong pattern.
    monkeypatch.setattr(regex_cache, "_patterns", {})
    regex_cache._table.kept = {(r"a+b", 0): (32, b"\x01\x02", 0, {}, ())}
    assert regex_cache.compile(r"a+b").fullmatch("aab")


def test_a_bad_pattern_raises_as_re_compile_does(cache):
    with pytest.raises(re.error):
        regex_cache.compile(r"(unclosed")


LITERAL_PATTERNS = [r"(重大)?行政决策(草案|送审稿)", r"执法人员[^。]{0,20}(换发|申领)", r"\d+件", r"a|"]


def test_kept_literals_are_what_the_analysis_finds(cache, monkeypatch):
    from scorer import prefilter

    monkeypatch.setattr(prefilter, "_table", prefilter._table.fresh())
    worked_out = [prefilter._needed_literals(p) for p in LITERAL_PATTERNS]
    assert [prefilter.needed_literals(p) for p in LITERAL_PATTERNS] == worked_out
    prefilter._table.save()
    # A new process: the findings in the file, nothing parsed again.
    monkeypatch.setattr(prefilter, "_table", prefilter._table.fresh())
    monkeypatch.setattr(prefilter, "_needed_literals", lambda p: pytest.fail(f"analysed {p} although it was kept"))
    assert [prefilter.needed_literals(p) for p in LITERAL_PATTERNS] == worked_out


@pytest.mark.parametrize("damage", [b"\x00 not marshal", None])
def test_a_corrupt_literals_cache_is_worked_out_again(cache, monkeypatch, damage):
    import marshal

    from scorer import prefilter

    cache.mkdir()
    pattern = LITERAL_PATTERNS[1]
    # unreadable, or a damaged entry under the right key: analysed again, never a wrong literal
    blob = damage if damage is not None else marshal.dumps({pattern: ((frozenset({""}),), "yes")})
    (cache / prefilter._cache_file()).write_bytes(blob)
    monkeypatch.setattr(prefilter, "_table", prefilter._table.fresh())
    assert prefilter.needed_literals(pattern) == ((frozenset({"执法人员"}), frozenset({"换发", "申领"})), False)


def _plans_anew(monkeypatch):
    """As in a new process: no plan read or made yet, none compiled."""
    from scorer import match

    monkeypatch.setattr(match, "_plans", match._plans.fresh())
    match.compile_ruleset.cache_clear()


def test_kept_plans_compile_the_shipped_rules_as_planning_them_does(cache, monkeypatch, ruleset):
    from scorer import match

    _plans_anew(monkeypatch)
    first = match.compile_ruleset(ruleset)
    assert first == tuple(match._compile(r) for r in ruleset.rules if r.kind == "element")
    match._plans.save()
    assert any(p.name.startswith("plans-") for p in cache.iterdir())
    _plans_anew(monkeypatch)
    monkeypatch.setattr(match, "_plan", lambda rule: pytest.fail(f"planned {rule.id} although its plan was kept"))
    assert match.compile_ruleset(ruleset) == first
    match.compile_ruleset.cache_clear()


def test_a_changed_rule_is_planned_again(cache, monkeypatch, ruleset):
    from dataclasses import replace

    from scorer import match

    _plans_anew(monkeypatch)
    rule = next(r for r in ruleset.rules if r.kind == "element" and r.patterns)
    match._kept_plan(rule)
    changed = replace(rule, patterns=rule.patterns + ("新增的模式(一|二)",))
    assert match._kept_plan(changed) == match._plan(changed) != match._kept_plan(rule)


@pytest.mark.parametrize("damage", [b"\x00 not marshal", "wrong shape", "wrong content"])
def test_a_corrupt_plans_cache_is_planned_again(cache, monkeypatch, ruleset, damage):
    import marshal

    from scorer import match

    rule = next(r for r in ruleset.rules if r.kind == "element" and r.patterns)
    key = (rule.terms, rule.patterns, rule.together, rule.exclude)
    blob = {b"\x00 not marshal": damage, "wrong shape": marshal.dumps({key: ("a", 1)}),
            "wrong content": marshal.dumps({key: (None,) * 3 + (1, 2, 3, 4, 5)})}[damage]
    cache.mkdir()
    (cache / match._plans_file()).write_bytes(blob)
    _plans_anew(monkeypatch)
    assert match.compile_ruleset(ruleset) == tuple(match._compile(r) for r in ruleset.rules if r.kind == "element")
    match.compile_ruleset.cache_clear()


def test_a_full_plans_cache_starts_again_from_the_plans_in_use(cache, monkeypatch, ruleset):
    from dataclasses import replace

    from scorer import match

    _plans_anew(monkeypatch)
    monkeypatch.setattr(match._plans, "limit", 40)
    rule = next(r for r in ruleset.rules if r.kind == "element" and r.patterns)
    for n in range(45):  # a rule edited 45 times under the same code, a run each time
        _plans_anew(monkeypatch)
        match._kept_plan(replace(rule, terms=rule.terms + (f"新词{n}",)))
        match._plans.save()
    _plans_anew(monkeypatch)
    match.compile_ruleset(ruleset)
    match._plans.save()
    import marshal

    kept = marshal.loads((cache / match._plans_file()).read_bytes())
    elements = [r for r in ruleset.rules if r.kind == "element"]
    assert len(kept) <= 40
    assert all((r.terms, r.patterns, r.together, r.exclude) in kept for r in elements)
    match.compile_ruleset.cache_clear()


def test_a_rule_folder_saved_many_times_leaves_only_the_latest_versions(cache, own_rules_dir):
    """Each edit of a rule folder names a new cache file; the old ones are deleted as new ones
    are written, the most recently used kept, and files of another kind left alone."""
    import os

    rules.load_rules(base=own_rules_dir)
    (shipped,) = [p for p in cache.iterdir() if p.name.startswith("rules-")]
    os.utime(shipped, (1, 1))  # long unused: an old version
    other_kind = cache / "regex-cpython-311-1-abc.marshal"
    other_kind.write_bytes(b"\x00")
    target = own_rules_dir / "02-leadership.yaml"
    original = target.read_text(encoding="utf-8")
    for n in range(user_cache.KEEP_VERSIONS + 3):  # a rule author saving the folder again and again
        target.write_text(original + f"\n# edit {n}\n", encoding="utf-8")
        rules.load_rules(base=own_rules_dir)
    kept = sorted(p.name for p in cache.iterdir() if p.name.startswith("rules-"))
    assert len(kept) == user_cache.KEEP_VERSIONS
    assert shipped.name not in kept
    assert other_kind.exists()


def test_a_cache_file_read_is_kept_over_newer_unused_ones(cache):
    import os

    user_cache.save("plans-x-0000.marshal", [1])
    os.utime(cache / "plans-x-0000.marshal", (1, 1))
    assert user_cache.load("plans-x-0000.marshal") == [1]  # read now: marked used
    for n in range(1, user_cache.KEEP_VERSIONS + 2):
        user_cache.save(f"plans-x-{n:04d}.marshal", [n])
        os.utime(cache / f"plans-x-{n:04d}.marshal", (1000 + n, 1000 + n))
    names = sorted(p.name for p in cache.iterdir())
    assert "plans-x-0000.marshal" in names
    assert len(names) == user_cache.KEEP_VERSIONS


def _prefilter_parts(built):
    """Everything of a prefilter but its automaton (a Rust object, compared by what it finds)."""
    return (built.keys, built.ids, built.scans, built.scan_index, built.rules, built.triggers, built.unfiltered)


def _element_rule_keys(ruleset):
    from scorer import match

    return tuple((c.literals, c.scans, c.groups) for c in match.compile_ruleset(ruleset))


def test_a_kept_prefilter_is_the_prefilter_worked_out(cache, monkeypatch, ruleset):
    from scorer import prefilter

    rules_keys = _element_rule_keys(ruleset)
    build = prefilter.build_prefilter.__wrapped__  # (past the in-process lru_cache: a new process)
    first = build(rules_keys)
    assert any(p.name.startswith("prefilter-") for p in cache.iterdir())
    monkeypatch.setattr(prefilter, "_plan", lambda rules: pytest.fail("worked out again although it was kept"))
    again = build(rules_keys)
    assert _prefilter_parts(again) == _prefilter_parts(first)
    text = "严格落实行政执法公示制度，全年公示行政处罚决定120件，法律顾问参与审核合同35份。"
    assert again.automaton.find_matches_as_indexes(text, overlapping=True) == \
        first.automaton.find_matches_as_indexes(text, overlapping=True)


def test_other_rules_get_a_prefilter_of_their_own(cache, ruleset):
    from scorer import prefilter

    rules_keys = _element_rule_keys(ruleset)
    build = prefilter.build_prefilter.__wrapped__
    build(rules_keys)
    fewer = build(rules_keys[:-1])
    assert len([p for p in cache.iterdir() if p.name.startswith("prefilter-")]) == 2
    assert set(fewer.rules) == set(rules_keys[:-1])


@pytest.mark.parametrize("damage", [b"\x00 not marshal", "wrong shape", "too few plans"])
def test_a_corrupt_prefilter_cache_is_worked_out_again(cache, ruleset, damage):
    import marshal

    from scorer import prefilter

    rules_keys = _element_rule_keys(ruleset)
    build = prefilter.build_prefilter.__wrapped__
    worked_out = build(rules_keys)
    (name,) = [p for p in cache.iterdir() if p.name.startswith("prefilter-")]
    keys, scans, plans, triggers, unfiltered = marshal.loads(name.read_bytes())
    name.write_bytes({b"\x00 not marshal": damage, "wrong shape": marshal.dumps((keys, scans)),
                      "too few plans": marshal.dumps((keys, scans, plans[:-1], triggers, unfiltered))}[damage])
    assert _prefilter_parts(build(rules_keys)) == _prefilter_parts(worked_out)


def test_a_prefilter_with_a_users_re2_pattern_is_built_but_not_kept(cache):
    from scorer import prefilter
    from scorer.linear_regex import LinearSource

    built = prefilter.build_prefilter.__wrapped__(((("公示",), (LinearSource("执法[^。]{0,9}公示"),), ()),))
    assert built.keys == ("公示",)
    assert not cache.exists() or not any(p.name.startswith("prefilter-") for p in cache.iterdir())


def test_kept_start_classes_are_what_the_analysis_finds(cache, monkeypatch):
    from scorer import start_chars

    patterns = [r"(?<![第\d.])\d+件|[一二三]次", r"(重大)?行政决策", r"a*"]
    monkeypatch.setattr(start_chars, "_table", start_chars._table.fresh())
    worked_out = [start_chars.start_class(p) for p in patterns]
    assert worked_out[2] is None and worked_out[0]  # (one unknown: kept too, as "")
    assert [start_chars.kept_start_class(p) for p in patterns] == worked_out
    start_chars._table.save()
    monkeypatch.setattr(start_chars, "_table", start_chars._table.fresh())
    monkeypatch.setattr(start_chars, "start_class", lambda p: pytest.fail(f"analysed {p} although it was kept"))
    assert [start_chars.kept_start_class(p) for p in patterns] == worked_out
