"""`fazhi learn train GOLD --texts DIR`: fit the sentence model and show what it adds."""

from pathlib import Path
from typing import Optional

import typer

from scorer.cli.app import app, fail, load_ruleset
from scorer.errors import FazhiError

learn_app = typer.Typer(help="Train the learned sentence model from labelled real reports.", no_args_is_help=True)
app.add_typer(learn_app, name="learn")


@learn_app.command("train")
def train_command(
    gold: Path = typer.Argument(..., help="labelled corpus (tests/data/real/manifest.yaml); only its dev fold is used"),
    texts: Path = typer.Option(..., "--texts", help="directory holding the labelled texts"),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="model file (default: the package's own)"),
    folds: int = typer.Option(5, "--folds", min=2, help="cross-validation folds over the dev reports"),
    rules: Optional[list[Path]] = typer.Option(None, "--rules", help="extra rules directory"),
) -> None:
    """Cross-validate on the dev fold (rules alone vs rules + model), pick the threshold, fit on all of it, save."""
    from scorer.evaluate import load_gold
    from scorer.learn.model import MODEL_FILE
    from scorer.learn.train import save, train

    ruleset = load_ruleset(rules)
    try:
        data, cv, unfound = train(load_gold(gold), texts, ruleset, folds)
    except FazhiError as err:
        fail(err)
    for line in unfound:
        typer.echo(f"fazhi: warning: quoted phrase not found in a sentence: {line}", err=True)
    typer.echo(f"{folds}-fold cross-validation on the dev reports{'':26s}F1   in-play acc   5-status acc")
    chosen = (data["info"]["threshold"], data["info"]["veto"])
    for key, rep in cv.items():
        mark = "  <- chosen" if key == chosen else ""
        o = rep.overall
        typer.echo(f"  {rep.name:64s} {o.f1:6.3f} {o.in_play_accuracy:12.3f} {o.accuracy:13.3f}{mark}")
    beats = data["info"].get("beats_rules_alone")
    typer.echo(f"the chosen setting {'beats' if beats else 'does not beat'} the rules alone on cross-validation"
               f"{'' if beats else ': keep it off by default (MatchOptions.model)'}")
    target = output or MODEL_FILE
    save(data, target)
    typer.echo(f"{len(data['rules'])} requirement models, {data['info']['sentences']} sentences -> {target}")
