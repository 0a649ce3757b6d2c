"""Accuracy against hand labels: fazhi's statuses, a keyword-only baseline, and ablations.

Gold files follow ../shared/gold/seeds.yaml: ``reports: [{file, year, labels: {id: status}}]``.
"met" in the metrics means substantiated or asserted (or met, for parts and the deadline).
The keyword baseline is what a plain search gives: a rule is met when any of its terms
or patterns occurs anywhere in the body, whatever part it stands in and however it is said.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from scorer import safe_yaml
from scorer.errors import FazhiError
from scorer.match import MatchOptions, compile_ruleset
from scorer.models import MET_STATUSES, ReportResult, Ruleset, StatedFacts
from scorer.segment import ROLE_BY_HEADING, segment

# The variants `fazhi eval` compares: fazhi as shipped, and fazhi with one signal off or on.
VARIANTS: tuple[tuple[str, MatchOptions], ...] = (
    ("fazhi", MatchOptions()),
    ("+ learned model", MatchOptions(model=True)),
    ("− report parts", MatchOptions(roles=False)),
    ("− negation/plan cues", MatchOptions(cues=False)),
    ("− 《title》 handling", MatchOptions(titles=False)),
    ("− detail scoping", MatchOptions(scoped_detail=False)),
    ("− heading scope", MatchOptions(heading_scope=False)),
    ("− paragraph continuation", MatchOptions(continuation=False)),
    ("+ similarity", MatchOptions(similarity=True)),  # needs the learn extra; left out without it
)


def variants_available() -> tuple[tuple[str, MatchOptions], ...]:
    import importlib.util

    has_extra = all(importlib.util.find_spec(m) is not None for m in ("jieba", "sklearn"))
    return tuple(v for v in VARIANTS if has_extra or not v[1].similarity)


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    exact: int = 0
    total: int = 0
    # Labels where the gold or the prediction is not absent: where a requirement is in
    # play. Plain accuracy is flattered by the many labels both call absent.
    in_play_exact: int = 0
    in_play: int = 0

    def add(self, gold: str, predicted: str) -> None:
        g, p = _met(gold), _met(predicted)
        self.tp += g and p
        self.fp += p and not g
        self.fn += g and not p
        self.tn += not g and not p
        same = _same(gold, predicted)
        self.exact += same
        self.total += 1
        if gold != "absent" or predicted != "absent":
            self.in_play += 1
            self.in_play_exact += same

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy(self) -> float:
        return self.exact / self.total if self.total else 0.0

    @property
    def in_play_accuracy(self) -> float:
        """Status accuracy on labels where the gold or the prediction is not absent."""
        return self.in_play_exact / self.in_play if self.in_play else 1.0


@dataclass
class EvalReport:
    name: str
    overall: Counts = field(default_factory=Counts)
    per_rule: dict[str, Counts] = field(default_factory=dict)
    mistakes: list[tuple[str, str, str, str]] = field(default_factory=list)  # file, rule, gold, predicted
    per_report: list[Counts] = field(default_factory=list)  # one per labelled report, in gold order: for intervals
    facts: Facts | None = None  # the report year and issuer read off each text (fazhi's row only)


@dataclass
class Facts:
    """What fazhi reads about each report besides its statuses, against the gold entry's
    ``year`` and ``issuer`` where it gives them: the year decides the Outline edition, the
    issuer groups the batch's dashboard and an issuer's history across years."""
    years: int = 0  # entries that give the year
    year_right: int = 0
    issuers: int = 0  # entries that give the issuer
    issuer_named: int = 0  # fazhi named some body
    issuer_right: int = 0  # …the gold's body, short forms counted (市司法局 for 江门市司法局)

    def add(self, entry: dict, year: int | None, issuer: str | None) -> None:
        if entry.get("year"):
            self.years += 1
            self.year_right += year == int(entry["year"])
        if entry.get("issuer"):
            self.issuers += 1
            self.issuer_named += issuer is not None
            self.issuer_right += issuer is not None and same_issuer(str(entry["issuer"]), issuer)


def same_issuer(gold: str, found: str) -> bool:
    """One body named either way: the full name or a short form of it (市司法局 in 江门市司法局),
    a short name written out (管委会 → 管理委员会), a joint report by either of its bodies."""
    from scorer.segment import full_issuer_name

    gold_names = {full_issuer_name(n) for n in gold.split()} | {"".join(gold.split())}
    found_names = {full_issuer_name(n) for n in found.split()} | {"".join(found.split())}
    return any(g in f or f in g for g in gold_names for f in found_names)


@dataclass(frozen=True)
class ErrorKinds:
    """What fazhi's in-play errors are, by kind: where a fix must look."""

    errors: int
    missed: int  # the labels see the requirement met, fazhi sees nothing
    missed_no_keyword: int  # ... and none of the rule's terms or patterns occurs in the text
    credited: int  # fazhi sees it met, the labels see nothing
    strength: int  # both see it met, one substantiated and the other asserted
    other: int  # a gap, a plan or the deadline's date on one side, anything else on the other


def error_kinds(fazhi: EvalReport, baseline: EvalReport) -> ErrorKinds:
    """fazhi's in-play errors by kind, the missed ones split by whether the keyword baseline
    (any of the rule's terms or patterns anywhere in the body) finds the requirement: a miss
    with no keyword is a wording the rules do not know, one with a keyword a context rule that
    set the mention aside."""
    keyword_missed = {(file, rule_id) for file, rule_id, _, got in baseline.mistakes if got == "absent"}
    kinds = dict.fromkeys(("missed", "missed_no_keyword", "credited", "strength", "other"), 0)
    for file, rule_id, want, got in fazhi.mistakes:  # (every mistake is in play: gold and fazhi differ)
        if _met(want) and got == "absent":
            kinds["missed"] += 1
            kinds["missed_no_keyword"] += (file, rule_id) in keyword_missed
        elif want == "absent" and _met(got):
            kinds["credited"] += 1
        elif _met(want) and _met(got):
            kinds["strength"] += 1
        else:
            kinds["other"] += 1
    return ErrorKinds(len(fazhi.mistakes), **kinds)


# How many resamples an interval takes, and their seed: the same labels give the same interval.
BOOTSTRAP_DRAWS = 1000
BOOTSTRAP_SEED = 20261130


@dataclass(frozen=True)
class Interval:
    """A 95 % interval of F1 and in-play accuracy, by resampling whole reports."""

    f1: tuple[float, float]
    in_play: tuple[float, float]
    draws: int


def bootstrap(report: EvalReport, draws: int = BOOTSTRAP_DRAWS, seed: int = BOOTSTRAP_SEED) -> Interval:
    """How far the figures could move on another sample of reports like these.

    Reports are drawn with replacement (a report's labels go together: its requirements
    are read from the same text, so they are not independent), the counts summed, and the
    2.5th and 97.5th percentiles of each figure taken. A corpus of ~400 reports gives an
    interval about ±0.01 wide on F1: a goal missed by less than that is not a clear miss,
    nor one met by less a clear pass.
    """
    import random

    reports = report.per_report
    rng = random.Random(seed)
    f1s, in_plays = [], []
    for _ in range(draws):
        total = Counts()
        for c in rng.choices(reports, k=len(reports)):  # (none drawn from no reports)
            total.tp += c.tp
            total.fp += c.fp
            total.fn += c.fn
            total.in_play += c.in_play
            total.in_play_exact += c.in_play_exact
        f1s.append(total.f1)
        in_plays.append(total.in_play_accuracy)
    return Interval(_percentiles(f1s), _percentiles(in_plays), draws)


def _percentiles(values: list[float]) -> tuple[float, float]:
    values = sorted(values)
    last = len(values) - 1
    return values[round(0.025 * last)], values[round(0.975 * last)]


def _met(status: str) -> bool:
    return status in MET_STATUSES or status == "met"


def _same(gold: str, predicted: str) -> bool:
    # The catalogue labels a late report's deadline "absent"; fazhi says "late" to say why.
    if gold == "absent" and predicted == "late":
        return True
    return gold == predicted


def stated_in(entry: dict) -> StatedFacts:
    """The issuer and year a reviewer stated for a labelled report (``stated:`` in a reviews
    export): its statuses were reviewed on the report scored with them, so eval scores it so."""
    stated = entry.get("stated")
    if not isinstance(stated, dict):
        return StatedFacts()
    year = stated.get("year")
    issuer = stated.get("issuer")
    return StatedFacts(str(issuer) if issuer else None, year if isinstance(year, int) else None)


def load_gold(path: str | Path) -> list[dict]:
    try:
        # (libyaml's loader: the real corpus's manifest, 3.4 MB, loads in ~2 s instead of ~8 s)
        data = safe_yaml.load_own(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise FazhiError(str(path), f"cannot read gold labels ({exc.__class__.__name__})") from None
    except yaml.YAMLError as exc:
        raise FazhiError(str(path), f"invalid YAML in gold labels ({exc})") from None
    reports = data.get("reports") if isinstance(data, dict) else None
    if not isinstance(reports, list) or not all(isinstance(r, dict) and "file" in r and "labels" in r for r in reports):
        raise FazhiError(str(path), "gold labels must be 'reports: [{file, labels: {rule id: status}}]'")
    return reports


FOLDS = ("all", "dev", "test", "dev-a", "dev-b")
# The dev fold's two halves, drawn by a fixed hash of the file name before anyone read them
# (the nineteenth session; tests/data/real/README.md). Rules are read off half A; half B is
# only counted, to see whether what was read off A holds on reports nobody read — a round
# that won +25 labels on A won +1 net on B, and B foretold the test fold.
_DEV_HALF_SALT = "s19:"


def dev_half(file: str) -> str:
    """``a`` or ``b``: the half of the dev fold a labelled file falls in."""
    return "b" if hashlib.sha256((_DEV_HALF_SALT + file).encode()).digest()[0] % 2 else "a"


def select_fold(gold: list[dict], fold: str | None) -> list[dict]:
    """The labelled reports of one fold (``dev``, ``test``, or a half of dev: ``dev-a``,
    ``dev-b``); all of them for None or ``all``."""
    if fold in (None, "all"):
        return gold
    if fold in ("dev-a", "dev-b"):
        return [e for e in gold if e.get("fold") == "dev" and dev_half(str(e["file"])) == fold[-1]]
    return [entry for entry in gold if entry.get("fold") == fold]


@dataclass(frozen=True)
class Agreement:
    """How far two independent labellings of the same reports agree: the human ceiling."""

    labels: int
    agreed: int
    kappa: float  # Cohen's kappa over the five statuses

    @property
    def share(self) -> float:
        return self.agreed / self.labels if self.labels else 1.0


def agreement(first: list[dict], second: list[dict]) -> Agreement:
    """Per-label agreement and Cohen's kappa on the labels both labellings give."""
    from scorer.learn import require_learn_extra

    require_learn_extra("--human (Cohen's kappa)", "sklearn")
    from sklearn.metrics import cohen_kappa_score

    by_file = {entry["file"]: entry["labels"] for entry in second}
    a, b = [], []
    for entry in first:
        other = by_file.get(entry["file"])
        if other is None:
            continue
        for rule_id, status in entry["labels"].items():
            if rule_id in other:
                a.append(status)
                b.append(other[rule_id])
    agreed = sum(x == y for x, y in zip(a, b))
    kappa = float(cohen_kappa_score(a, b)) if a and len(set(a) | set(b)) > 1 else 1.0
    return Agreement(len(a), agreed, kappa)


def labeller_report(name: str, gold: list[dict], labelling: list[dict]) -> EvalReport:
    """One labeller's labels scored against the settled gold, on the reports they labelled."""
    labelled = {entry["file"]: entry["labels"] for entry in labelling}
    return tally(name, [entry for entry in gold if entry["file"] in labelled], labelled)


def tally(name: str, gold: list[dict], predicted: dict[str, dict[str, str]]) -> EvalReport:
    """Compare predicted statuses (file → rule id → status) with the gold labels."""
    report = EvalReport(name)
    for entry in gold:
        statuses = predicted[entry["file"]]
        this_report = Counts()
        report.per_report.append(this_report)
        for rule_id, gold_status in entry["labels"].items():
            got = statuses.get(rule_id, "absent")
            report.overall.add(gold_status, got)
            this_report.add(gold_status, got)
            report.per_rule.setdefault(rule_id, Counts()).add(gold_status, got)
            if not _same(gold_status, got):
                report.mistakes.append((entry["file"], rule_id, gold_status, got))
    return report


def statuses_of(result: ReportResult) -> dict[str, str]:
    return {r.rule.id: r.status for r in result.results}


def keyword_statuses(result: ReportResult, ruleset: Ruleset) -> dict[str, str]:
    """The keyword-only baseline on the same body text fazhi read."""
    seg = result.segmented
    body = "\n".join(s.norm for s in seg.sentences)
    compiled = {c.rule.id: c for c in compile_ruleset(ruleset)}
    out: dict[str, str] = {}
    for rule in ruleset.rules:
        if rule.kind == "element":
            c = compiled[rule.id]
            hit = bool(c.any_of and c.any_of.search(body)) or any(
                all(p.search(s.norm) for p in group) for group in c.together for s in seg.sentences
            )
            out[rule.id] = "asserted" if hit else "absent"
        elif rule.kind == "part":
            pattern = dict(ROLE_BY_HEADING).get(rule.part)
            out[rule.id] = "met" if pattern is not None and pattern.search(body) else "absent"
        else:
            # No keyword stands for a date: the baseline takes fazhi's own answer here.
            out[rule.id] = result.result(rule.id).status
    return out


def evaluate(gold_path: str | Path, texts_dir: str | Path, ruleset: Ruleset,
             variants: tuple[tuple[str, MatchOptions], ...] | None = None,
             unreadable: list[FazhiError] | None = None, fold: str | None = None,
             changed: list[Path] | None = None) -> list[EvalReport]:
    """fazhi (and each variant), then the keyword baseline, on every labelled report.

    A labelled report that cannot be read is appended to ``unreadable`` and all its labels
    count as predicted absent for every variant: the metrics stay over the whole gold set.
    A gold entry may carry the ``sha256`` of the text its labels were made on (the real
    corpus's manifest does): a text that is not that one is scored as it is and appended
    to ``changed``, so that figures from re-created texts are not taken for the logged ones.
    """
    from scorer.discover import content_hash
    from scorer.ingest import read_document
    from scorer.pipeline import score_document

    variants = variants or variants_available()
    gold = select_fold(load_gold(gold_path), fold)
    if not gold and fold not in (None, "all"):
        # figures over no labels would print as a perfect 1.000
        raise FazhiError(str(gold_path), f"no labelled report in fold {fold!r}")
    docs = {}
    for entry in gold:
        path = Path(texts_dir) / entry["file"]
        try:
            docs[entry["file"]] = read_document(path)
        except FazhiError as err:
            if unreadable is not None:
                unreadable.append(err)
            continue
        if changed is not None and entry.get("sha256") and content_hash(path) != entry["sha256"]:
            changed.append(path)
    reports = []
    baseline: dict[str, dict[str, str]] = {}
    facts = Facts()
    for name, options in variants:
        predicted: dict[str, dict[str, str]] = {}
        for entry in gold:
            if entry["file"] not in docs:
                predicted[entry["file"]] = baseline[entry["file"]] = {}
                if name == variants[0][0]:
                    facts.add(entry, None, None)
                continue
            stated = stated_in(entry)
            result = score_document(docs[entry["file"]], ruleset, options=options, stated=stated)
            predicted[entry["file"]] = statuses_of(result)
            if name == variants[0][0]:
                baseline[entry["file"]] = keyword_statuses(result, ruleset)
                # the facts fazhi reads itself, not those a reviewer stated (which scored it)
                read = result if stated == StatedFacts() else segment(docs[entry["file"]])
                facts.add(entry, read.year, read.issuer)
        reports.append(tally(name, gold, predicted))
    reports[0].facts = facts
    reports.append(tally("keyword baseline", gold, baseline))
    return reports


# -- the reviewers' corrections as labels (`fazhi serve` → `fazhi eval --reviews`) ----------


def reviewed_labels(store) -> list[dict]:
    """What reviewers said in `fazhi serve`, in the gold-label format, one entry per reviewed report.

    A report marked 审核完成 gives a label for every applicable requirement (the machine's
    status where the reviewer let it stand, theirs where they corrected it); a report with
    corrections but not marked done gives labels for the corrected requirements only.
    ``file`` is the stored file's name (an upload's ``<hash>.ext`` in the uploads folder
    beside the database, or the path `fazhi batch` scored), so the labels can be fed back
    to ``fazhi eval LABELS --texts FOLDER``.
    """
    from scorer.store import reviewed_statuses

    out = []
    for content_hash in store.reviewed_hashes():
        record = store.latest(content_hash)
        if record is None:
            continue
        statuses, _, done = reviewed_statuses(store.reviews(content_hash))
        machine = {r.rule_id: r.status for r in record.results if r.applies}
        if done:
            labels = {rule_id: statuses.get(rule_id, status) for rule_id, status in machine.items()}
        else:
            labels = {rule_id: status for rule_id, status in statuses.items() if rule_id in machine}
        if not labels:
            continue
        upload = store.upload(content_hash)
        entry = {
            "file": upload["stored"] if upload else record.path,
            "name": upload["name"] if upload else record.path,
            "content_hash": content_hash,
            "year": record.year,
            "issuer": record.issuer,
            "reviewed": "all" if done else "corrected",
            "labels": labels,
        }
        stated = store.stated_facts(content_hash)
        if stated != StatedFacts():  # what the reviewer stated scored the report the labels are of
            entry["stated"] = {k: v for k, v in (("issuer", stated.issuer), ("year", stated.year)) if v is not None}
        out.append(entry)
    return out


def evaluate_reviews(store) -> EvalReport:
    """The machine's current statuses (each report's latest scoring) against the reviewers' labels:
    the same figures `fazhi eval` gives on gold labels."""
    gold = reviewed_labels(store)
    predicted = {
        entry["file"]: {r.rule_id: r.status for r in store.latest(entry["content_hash"]).results} for entry in gold
    }
    return tally("fazhi vs reviewers", gold, predicted)
