"""`fazhi eval GOLD.yaml --texts DIR`: accuracy against hand labels, beside a keyword baseline."""

from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer

from scorer.cli.app import app, fail, load_ruleset
from scorer.errors import FazhiError

if TYPE_CHECKING:  # the evaluator loads only when eval runs (cold start of the other commands)
    from scorer.evaluate import Counts

# A rule whose precision or recall falls below this on the labels is flagged for work.
FLAG_BELOW = 0.8
HEADER = f"{'variant':24s} {'P':>6s} {'R':>6s} {'F1':>6s} {'5-status acc':>13s} {'in-play acc':>12s}   labels"


def _row(name: str, c) -> str:
    return (f"{name:24s} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f} {c.accuracy:13.3f} "
            f"{c.in_play_accuracy:12.3f}   {c.total} ({c.in_play} in play)")


@app.command("eval")
def eval_command(
    gold: Optional[Path] = typer.Argument(None, help="gold labels YAML (reports: [{file, labels}])"),
    texts: Optional[Path] = typer.Option(None, "--texts", help="directory holding the labelled report files"),
    reviews: Optional[Path] = typer.Option(
        None, "--reviews", help="instead of gold labels: the history database of `fazhi serve`; the machine's "
        "statuses against the reviewers' (the same figures, per requirement)"),
    rules: Optional[list[Path]] = typer.Option(None, "--rules", help="extra rules directory"),
    fold: str = typer.Option("all", "--fold", help="only the reports of this fold: dev, test or all; or a half "
                             "of dev, dev-a (read when tuning) or dev-b (only counted)"),
    human: Optional[list[Path]] = typer.Option(
        None, "--human", help="a labeller's own labels of some of the reports (repeatable): scored against the "
        "gold as the human ceiling; with two, their agreement and Cohen's kappa"),
    per_rule: bool = typer.Option(True, "--per-rule/--no-per-rule", help="print the per-rule table"),
    mistakes: bool = typer.Option(False, "--mistakes", help="list every disagreement with the gold labels"),
) -> None:
    """Met-vs-not precision/recall/F1, five-status accuracy and in-play accuracy, overall and per rule.

    In-play accuracy counts only labels where the gold or fazhi is not absent: plain
    accuracy is flattered by the many requirements both call absent.
    """
    from scorer.evaluate import FOLDS, agreement, bootstrap, error_kinds, labeller_report, load_gold, select_fold

    if reviews is not None:
        if gold is not None or texts is not None:
            fail(FazhiError("--reviews", "takes the place of GOLD and --texts; give one or the other"))
        _eval_reviews(reviews, per_rule, mistakes)
        return
    if gold is None or texts is None:
        fail(FazhiError("fazhi eval", "needs GOLD.yaml and --texts DIR (or --reviews DB)"))
    if fold not in FOLDS:
        fail(FazhiError("--fold", f"unknown fold {fold!r}; use {', '.join(FOLDS)}"))
    ruleset = load_ruleset(rules)
    unreadable: list[FazhiError] = []
    changed: list[Path] = []
    try:
        from scorer.evaluate import evaluate

        reports = evaluate(gold, texts, ruleset, unreadable=unreadable, fold=None if fold == "all" else fold,
                           changed=changed)
        labellings = [(path, load_gold(path)) for path in human or ()]
    except FazhiError as err:
        fail(err)
    for err in unreadable:
        typer.echo(f"fazhi: warning: {err} (its labels count as predicted absent)", err=True)
    for path in changed:
        typer.echo(f"fazhi: warning: {path}: not the text that was labelled (its sha256 differs from the gold "
                   f"file's); scored as it is", err=True)
    fazhi, baseline = reports[0], reports[-1]
    typer.echo(HEADER)
    for rep in reports:
        typer.echo(_row(rep.name, rep.overall))
    if len(fazhi.per_report) > 1:
        ci = bootstrap(fazhi)
        typer.echo(f"fazhi, 95 % interval over the reports ({len(fazhi.per_report)} resampled {ci.draws} times): "
                   f"F1 {ci.f1[0]:.3f}–{ci.f1[1]:.3f}, in-play acc {ci.in_play[0]:.3f}–{ci.in_play[1]:.3f}")
    kinds = error_kinds(fazhi, baseline)
    typer.echo(f"fazhi's {kinds.errors} in-play errors: {kinds.missed} missed outright ({kinds.missed_no_keyword} of "
               f"them with no keyword of the rule in the text), {kinds.credited} credited where the labels see "
               f"none, {kinds.strength} at the wrong strength, {kinds.other} other (a gap, a plan, a date)")
    facts = fazhi.facts
    if facts and (facts.years or facts.issuers):
        typer.echo(f"fazhi reads the report year right on {facts.year_right:,} of {facts.years:,} reports that give it; "
                   f"names an issuer on {facts.issuer_named:,} of {facts.issuers:,}, the labelled body on "
                   f"{facts.issuer_right:,} (short forms count)")
    if labellings:
        settled = select_fold(load_gold(gold), None if fold == "all" else fold)
        typer.echo("")
        typer.echo("human ceiling: each labeller alone against the settled labels")
        for path, labelling in labellings:
            typer.echo(_row(f"human: {path.stem}"[:24], labeller_report(path.stem, settled, labelling).overall))
        if len(labellings) == 2:
            files = {e["file"] for e in settled}
            a = agreement([e for e in labellings[0][1] if e["file"] in files], labellings[1][1])
            typer.echo(f"two labellings agree on {a.agreed}/{a.labels} labels ({a.share:.3f}), "
                       f"Cohen's kappa {a.kappa:.3f} on the five statuses")
    if per_rule:
        typer.echo("")
        typer.echo(f"{'rule':38s} {'P':>6s} {'R':>6s} {'F1':>6s} {'acc':>6s} {'in-play':>8s}   "
                   f"{'baseline F1':>11s} {'acc':>6s}   flag")
        for rule_id, c in fazhi.per_rule.items():
            b = baseline.per_rule[rule_id]
            typer.echo(f"{_rule_cells(rule_id, c)}   {b.f1:11.3f} {b.accuracy:6.3f}   {_flags(c)}")
    if mistakes:
        typer.echo("")
        for file, rule_id, want, got in fazhi.mistakes:
            typer.echo(f"{file}  {rule_id}: gold {want}, fazhi {got}")


def _rule_cells(rule_id: str, c: "Counts") -> str:
    """A rule's row of the per-rule table, up to its in-play accuracy."""
    return (f"{rule_id:38s} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f} {c.accuracy:6.3f} "
            f"{c.in_play_accuracy:8.3f}")


def _flags(c: "Counts") -> str:
    """Precision or recall below the flag line, where the rule had anything to measure."""
    return "; ".join(f"{name} < {FLAG_BELOW}" for name, value, support in
                     (("P", c.precision, c.tp + c.fp), ("R", c.recall, c.tp + c.fn)) if support and value < FLAG_BELOW)


def _eval_reviews(db: Path, per_rule: bool, mistakes: bool) -> None:
    """`fazhi eval --reviews DB`: agreement with the reviewers, in the table `fazhi eval` prints."""
    from scorer.evaluate import evaluate_reviews
    from scorer.store import Store

    if not db.is_file():
        fail(FazhiError(str(db), "no such database; pass the --db that `fazhi serve` used"))
    try:
        with Store(db) as store:
            report = evaluate_reviews(store)
    except FazhiError as err:
        fail(err)
    if not report.overall.total:
        fail(FazhiError(str(db), "holds no reviews yet; correct some statuses in `fazhi serve` first"))
    typer.echo(HEADER)
    typer.echo(_row(report.name, report.overall))
    if per_rule:
        typer.echo("")
        typer.echo(f"{'rule':38s} {'P':>6s} {'R':>6s} {'F1':>6s} {'acc':>6s} {'in-play':>8s}   labels   flag")
        for rule_id, c in sorted(report.per_rule.items()):
            typer.echo(f"{_rule_cells(rule_id, c)}   {c.total:6d}   {_flags(c)}")
    if mistakes:
        typer.echo("")
        for file, rule_id, want, got in report.mistakes:
            typer.echo(f"{file}  {rule_id}: reviewer {want}, fazhi {got}")
