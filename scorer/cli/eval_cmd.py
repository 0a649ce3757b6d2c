"""`fazhi eval GOLD.yaml --texts DIR`: accuracy against hand labels, beside a keyword baseline."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from scorer.cli.app import app, fail, load_ruleset
from scorer.errors import FazhiError


@app.command("eval")
def eval_command(
    gold: Path = typer.Argument(..., help="gold labels YAML (reports: [{file, labels}])"),
    texts: Path = typer.Option(..., "--texts", help="directory holding the labelled report files"),
    rules: Optional[list[Path]] = typer.Option(None, "--rules", help="extra rules directory"),
    per_rule: bool = typer.Option(True, "--per-rule/--no-per-rule", help="print the per-rule table"),
    mistakes: bool = typer.Option(False, "--mistakes", help="list every disagreement with the gold labels"),
) -> None:
    """Met-vs-not precision/recall/F1 and five-status accuracy, overall and per rule."""
    from scorer.evaluate import evaluate

    ruleset = load_ruleset(rules)
    unreadable: list[FazhiError] = []
    try:
        reports = evaluate(gold, texts, ruleset, unreadable=unreadable)
    except FazhiError as err:
        fail(err)
    for err in unreadable:
        typer.echo(f"fazhi: warning: {err} (its labels count as predicted absent)", err=True)
    fazhi, baseline = reports[0], reports[-1]
    typer.echo(f"{'variant':24s} {'P':>6s} {'R':>6s} {'F1':>6s} {'5-status acc':>13s}   labels")
    for rep in reports:
        o = rep.overall
        typer.echo(f"{rep.name:24s} {o.precision:6.3f} {o.recall:6.3f} {o.f1:6.3f} {o.accuracy:13.3f}   {o.total}")
    if per_rule:
        typer.echo("")
        typer.echo(f"{'rule':38s} {'F1':>6s} {'acc':>6s}   {'baseline F1':>11s} {'acc':>6s}")
        for rule_id, c in fazhi.per_rule.items():
            b = baseline.per_rule[rule_id]
            typer.echo(f"{rule_id:38s} {c.f1:6.3f} {c.accuracy:6.3f}   {b.f1:11.3f} {b.accuracy:6.3f}")
    if mistakes:
        typer.echo("")
        for file, rule_id, want, got in fazhi.mistakes:
            typer.echo(f"{file}  {rule_id}: gold {want}, fazhi {got}")
