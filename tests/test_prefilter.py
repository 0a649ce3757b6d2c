"""The one-pass candidate finder (scorer.prefilter) against a plain regex search.

Every rule's example sentences, the positive and negative ones of all rules together, are
one body: for each built-in rule, the automaton must find the sentences that searching
each of its terms and scan patterns in each sentence finds, and every sentence the rule
then matches. The literals a pattern is said to need must be in every text it matches.
"""

from __future__ import annotations

import re

import pytest

from scorer.match import MatchOptions, _Body, _find, _first_alternative_matches, _regex, _Scanner, _view, compile_ruleset
from scorer.models import Sentence
from scorer.prefilter import _SMALL, Candidates, build_prefilter, needed_literals, sentence_set, sentences
from scorer.textnorm import normalize


@pytest.fixture(scope="module")
def compiled(ruleset):
    return compile_ruleset(ruleset)


@pytest.fixture(scope="module")
def body(ruleset):
    texts = list(dict.fromkeys(t for r in ruleset.rules if r.kind == "element"
                               for t in [text for text, _ in r.positive] + list(r.negative)))
    views = [_view(Sentence(i, 0, len(t), t, normalize(t), 0, 0), "achievements", MatchOptions())
             for i, t in enumerate(texts)]
    return _Body(views)


def _search(source: str, text: str) -> bool:
    return _regex(source).search(text) is not None


def test_the_automaton_finds_what_searching_each_term_and_pattern_finds(compiled, body):
    texts = [v.sentence.norm for v in body.views]
    candidates = Candidates(build_prefilter(tuple((c.literals, c.scans, ()) for c in compiled)), texts, _regex)
    checked = 0
    for c in compiled:
        by_regex = [n for n, t in enumerate(texts)
                    if any(term in t for term in c.literals) or any(_search(s, t) for s in c.scans)]
        assert candidates.of_rule(c.literals, c.scans) == by_regex, c.rule.id
        checked += len(by_regex)
    assert checked > 300  # the examples do hold matches: the comparison is not between empty sets


def test_together_groups_need_their_first_pattern_and_the_others_literals(compiled, body):
    texts = [v.sentence.norm for v in body.views]
    scanner = _Scanner(body, compiled)
    for c in compiled:
        if not c.groups:
            continue
        got = set(scanner.candidates(c))
        plain = {n for n, t in enumerate(texts) if any(term in t for term in c.literals)
                 or any(_search(s, t) for s in c.scans)}
        first = {n for n, t in enumerate(texts) for firsts, _ in c.groups if any(_search(s, t) for s in firsts)}
        # never more than the regex prefilter without the others' literals …
        assert got <= plain | first, c.rule.id
        # … and never less than with the others themselves matching
        whole = {n for n, t in enumerate(texts) for (firsts, others) in c.groups
                 if any(_search(s, t) for s in firsts) and all(re.search(o, t) for o in others)}
        assert plain | whole <= got, c.rule.id


def test_every_sentence_a_rule_matches_is_a_candidate(compiled, body):
    scanner = _Scanner(body, compiled)
    matched = 0
    for c in compiled:
        got = set(scanner.candidates(c))
        for n, view in enumerate(body.views):
            if _find(c, view) is not None:
                matched += 1
                assert n in got, (c.rule.id, view.sentence.text)
    assert matched > 100


def test_needed_literals_are_in_every_match(compiled, body):
    texts = [v.sentence.norm for v in body.views]
    sources = {s for c in compiled for s in c.scans} | {s for c in compiled for g in c.groups for s in g[0] + g[1]}
    exact = 0
    for source in sources:
        needed, is_exact = needed_literals(source)
        for t in texts:
            matches = _search(source, t)
            if matches:
                assert all(any(s in t for s in strings) for strings in needed), (source, t)
            if is_exact:
                assert matches == any(s in t for s in needed[0]), (source, t)
        exact += is_exact
    assert exact > 20  # plain texts and small alternations need no regex at all


@pytest.mark.parametrize("pattern,needed,exact", [
    ("(?<!文件)法制审核(?!人员)", [{"法制审核"}], False),
    ("(重大)?行政决策(草案|送审稿)", [{"行政决策草案", "行政决策送审稿"}], True),
    ("[省市]委书记", [{"省委书记", "市委书记"}], True),
    ("执法人员[^。]{0,20}(换发|申领)", [{"执法人员"}, {"换发", "申领"}], False),
    ("x(?:ab)+y", [{"ab"}], False),  # x and y too, but a single character is in most sentences
    ("a|", [], False),  # matches the empty string: nothing is needed
    ("(?i)abc", [], False),
    (r"\d+件", [{"件"}], False),
])
def test_needed_literals_of_a_pattern(pattern, needed, exact):
    got, is_exact = needed_literals(pattern)
    assert [set(s) for s in got] == needed and is_exact == exact


def test_the_month_guard_on_partial_dates_holds():
    # _details skips PARTIAL_DATE on a sentence without 月: every match must hold one
    from scorer.cues import PARTIAL_DATE

    assert needed_literals(PARTIAL_DATE.pattern)[0] == (frozenset({"月"}),)


def _whole(alternatives: list[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer("|".join(f"(?:{a})" for a in alternatives), text)]


@pytest.mark.parametrize("alternatives,text", [
    (["ab", "abc", "bcd", "c"], "xabcdc abcd bcdab"),  # the first alternative wins at a position
    (["abc", "ab"], "abcab ab"),
    (["bcd", "abc"], "abcd bcd"),  # the leftmost match wins whatever its order
    (["a[^。]{0,3}b", "b+"], "a  bbb。abbb"),  # searching on from the end of the last match
    (["(?<=x)b", "(?<!x)bb"], "xbb bb xb"),  # a lookbehind sees the text before the search's start
    (["b", "a?", "ab"], "cab ab"),  # an empty match stops the alternatives after it
    (["(?=a)", "ab"], "ab"),
])
def test_alternatives_searched_one_by_one_find_what_the_alternation_finds(alternatives, text):
    patterns = [re.compile(a) for a in alternatives]
    whole = re.compile("|".join(f"(?:{a})" for a in alternatives))
    assert _first_alternative_matches(patterns, text, whole) == _whole(alternatives, text)


def test_each_rules_alternatives_find_the_spans_of_its_whole_alternation(compiled, body):
    scanner = _Scanner(body, compiled)
    checked = 0
    for c in compiled:
        if c.alternatives is None:
            continue
        every = [_regex(a.source) for a in c.alternatives]
        candidates = scanner.candidates(c)
        possible = scanner.alternatives(c)
        for n, view in enumerate(body.views):
            whole = [m.span() for m in c.any_of.finditer(view.sentence.norm)]
            assert _first_alternative_matches(every, view.sentence.norm, c.any_of) == whole, (c.rule.id, view.sentence.text)
            # the prefilter's few alternatives of a sentence find the same, and none elsewhere
            few = _first_alternative_matches(possible[n], view.sentence.norm, c.any_of) if n in possible else []
            assert few == whole, (c.rule.id, view.sentence.text)
            assert not whole or n in candidates
            checked += bool(whole)
    assert checked > 300


@pytest.mark.parametrize("name", sorted(__import__("scorer.cues", fromlist=["GUARDS"]).GUARDS))
def test_a_cues_guard_words_are_in_every_match(name, body):
    # match.py searches a cue only in a sentence holding one of its guard's words
    from scorer import cues

    words = cues.GUARDS[name].pattern.split("|")
    needed, _ = needed_literals(getattr(cues, name).pattern)
    assert any(all(any(w in s for w in words) for s in strings) for strings in needed), name
    texts = [v.sentence.norm for v in body.views] + [
        "召开党组会议对法治政府建设等重点工作作出安排部署", "法规科负责全局行政执法监督工作",
        "在法治学习、普法宣传、纠纷化解、依法决策等方面综合发力", "配合市人大常委会开展执法检查",
        "对各单位行政执法公示制度落实情况进行专项检查", "审议年度立法计划、规范性文件清理等重要议题",
        "组织行政许可、行政处罚等业务培训", "会议强调,各单位要严格落实行政执法三项制度",
        "行政复议是化解行政争议的主渠道,是政府系统自我纠错的重要制度"]
    hits = 0
    for t in texts:
        if getattr(cues, name).search(t):
            hits += 1
            assert cues.GUARDS[name].search(t), (name, t)
    assert hits


@pytest.fixture(scope="module")
def seed_sentences():
    from pathlib import Path

    from scorer.ingest import read_document
    from scorer.match import sentence_views
    from scorer.segment import segment

    seeds = sorted(Path(__file__).resolve().parent.parent.joinpath("seeds").glob("*.txt"))
    return [v.sentence.norm for p in seeds for v in sentence_views(segment(read_document(p)))]


@pytest.mark.parametrize("name", sorted(__import__("scorer.cues", fromlist=["BRANCH_WORDS"]).BRANCH_WORDS))
def test_a_cue_searched_branch_by_branch_finds_what_the_whole_cue_finds(name, body, seed_sentences):
    from scorer import cues
    from scorer.match import _blank, _branches, _split_cue
    from scorer.prefilter import all_needed

    whole = getattr(cues, name)
    branches = _branches(whole.pattern)
    assert len(_split_cue(name).branches) == len(branches) > max(cues.BRANCH_WORDS[name])  # really split
    for k, words in cues.BRANCH_WORDS[name].items():
        needed = all_needed(branches[k])
        for alternatives in words:  # every match of branch k holds one of these words
            assert any(all(any(w in s for w in alternatives) for s in strings) for strings in needed), (name, k, alternatives)
    texts = [v.sentence.norm for v in body.views] + seed_sentences
    texts += [_blank(t, tuple(m.span() for m in cues.TITLE_SPAN.finditer(t))) for t in texts]
    found = 0
    for t in texts:
        spans = [m.span() for m in whole.finditer(t)]
        assert _split_cue(name).spans(t) == spans, (name, t)
        found += len(spans)
    assert found > 5


def test_the_prefilter_finds_where_each_rules_exclude_matches(compiled, body, ruleset):
    texts = [v.sentence.norm for v in body.views]
    texts += [f"现将{t}报告如下" for t in texts[:50]]  # some that the excludes do match
    views = [_view(Sentence(i, 0, len(t), t, t, 0, 0), "achievements", MatchOptions()) for i, t in enumerate(texts)]
    scanner = _Scanner(_Body(views), compiled)
    excluded = 0
    for c in compiled:
        if c.exclude is None:
            continue
        assert c.excludes is not None, c.rule.id  # the shipped rules' exclude branches compile alone
        found = scanner.excluded(c)
        for n, t in enumerate(texts):
            assert bool(found >> n & 1) == bool(c.exclude.search(t)), (c.rule.id, t)
            excluded += bool(found >> n & 1)
    assert excluded > 50


@pytest.mark.parametrize("numbers", [
    [], [0], [3, 5, 64], list(range(0, _SMALL, 7)),  # read bit by bit
    [_SMALL + 1], [0, _SMALL, 150_000], list(range(1, 140_000, 3)),  # built and read in one pass
])
def test_a_set_of_sentences_holds_exactly_its_numbers(numbers):
    found = sentence_set(numbers)
    assert found == sum(1 << n for n in numbers)
    assert sentences(found) == numbers


def test_the_body_of_examples_is_larger_than_a_small_set(body):
    # (so the tests on it run the large sets' one-pass paths against a plain search; a
    # report's few hundred sentences run the bit-by-bit ones in the tests of whole reports)
    assert len(body.views) > _SMALL


def test_an_exclude_looked_for_among_some_sentences_is_found_as_in_all(compiled, body):
    # find_element looks for a rule's exclude in its candidates only, a few sentences at a
    # time (what is tried is kept): the answer must be the whole body's, restricted to them
    n = len(body.views)
    every = _Scanner(body, compiled)
    some = _Scanner(body, compiled)
    for c in compiled:
        if c.excludes is None:
            continue
        whole = every.excluded(c)
        for among in (0b1011 << 5, (1 << n) - 1 - 0b110, 1 << (n // 2), sum(1 << i for i in every.candidates(c))):
            assert some.excluded(c, among) == whole & among, c.rule.id


@pytest.mark.parametrize("pattern,starts", [
    (r"(?<![第\d.])\d+件", r"[\d]"),
    (r"(?<!次、)(一(?=[十百]))?[两二三]次", "[一三两二]"),  # an optional piece lets the next one start
    ("(审议|审定)报告|听取", "[听审]"),
    ("(?<=开展)[\u4e00-\u9fff]{2}", None),  # too wide a class
    ("a*b", "[ab]"),
    ("a?", None),  # can match the empty string
    ("(?=x)", None),
    (r".a|b", None),  # any character
    ("[^a]b", None),
    (r"(a)\1", "[a]"),
    (r"\1?(a)", None),  # a back reference first
    ("(?i)abc", None),
    (r"[\]-]x", r"[\-\]]"),
    (r"^\s*(严格)?(根据|按照)", r"[\s严按根]"),
])
def test_the_first_characters_of_a_pattern(pattern, starts):
    from scorer.start_chars import start_class

    assert start_class(pattern) == starts


def _clause_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each stretch between commas and full stops, as the matcher's clauses."""
    return [(m.start(), m.end()) for m in re.finditer("[^,，。;；]+", text)]


def test_a_pattern_tried_at_its_start_characters_finds_what_finditer_finds(body, seed_sentences):
    # every cue whose start characters are known, searched only there: the same matches
    from scorer import cues
    from scorer.start_chars import StartSearch, searched_at_starts

    texts = [v.sentence.norm for v in body.views] + seed_sentences + [
        "第3次会议，共2次，3.5次，٣次培训，三十一件，一百零五件，八届六次全会，五个专项小组，连续3年，每季度至少组织一次集体学法",
        "考评得分98.5分，评分90分钟，我局有一名公职律师，唯一名额", "次、三次，“两个维护”，两次", "1", ""]
    wrapped = 0
    for name, cue in vars(cues).items():
        if not isinstance(cue, re.Pattern):
            continue
        fast = searched_at_starts(cue)
        if not isinstance(fast, StartSearch):
            continue
        wrapped += 1
        for t in texts:
            assert [m.span() for m in fast.finditer(t)] == [m.span() for m in cue.finditer(t)], (name, t)
            for pos in (0, 3):
                got, want = fast.search(t, pos), cue.search(t, pos)
                assert (got and got.span()) == (want and want.span()), (name, t, pos)
            # a clause searched within its sentence (pos, endpos): the same as re, a lookbehind
            # seeing the text before the clause and a lookahead not the text after it
            for cs, ce in _clause_bounds(t):
                got, want = fast.search(t, cs, ce), cue.search(t, cs, ce)
                assert (got and got.span()) == (want and want.span()), (name, t, cs, ce)
                got, want = fast.match(t, cs, ce), cue.match(t, cs, ce)
                assert (got and got.span()) == (want and want.span()), (name, t, cs, ce)
            for clause in re.split("[,:;]", t):  # (not_work matches BASIS_OPENER clause by clause)
                got, want = fast.match(clause), cue.match(clause)
                assert (got and got.span()) == (want and want.span()), (name, clause)
    assert wrapped > 10 and isinstance(cues.QUANTITY_AT_STARTS, StartSearch) and isinstance(cues.PARTIAL_DATE_AT_STARTS, StartSearch)
    assert all(isinstance(c, StartSearch) for c in (cues.NEGATION_AT_STARTS, cues.CASELOAD_AT_STARTS, cues.BUSINESS_VOLUME_AT_STARTS))
    from scorer.match import _BASIS_OPENER_AT_STARTS

    assert isinstance(_BASIS_OPENER_AT_STARTS, StartSearch)


def test_find_element_with_the_prefilters_answers_finds_what_find_alone_finds(compiled, body, ruleset):
    # the candidates, the alternatives that may match, the excludes looked for in the
    # candidates only and the together groups skipped in a sentence without titles where
    # the prefilter says they cannot match: the same spans as _find searching everything
    from pathlib import Path

    from scorer.ingest import read_document
    from scorer.match import find_element, sentence_views
    from scorer.segment import segment

    seeds = sorted(Path(__file__).resolve().parent.parent.joinpath("seeds").glob("*.txt"))
    bodies = [body] + [_Body(sentence_views(segment(read_document(p)))) for p in seeds]
    found = 0
    for b in bodies:
        scanner = _Scanner(b, compiled)
        for c in compiled:
            alone = {i: hit for i, v in enumerate(b.views) if (hit := _find(c, v)) is not None}
            assert find_element(c, b, scanner) == alone, c.rule.id
            found += len(alone)
    assert found > 500
