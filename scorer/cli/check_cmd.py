"""`fazhi check FILE...`: gate draft reports in CI and pre-commit.

Exit 0 when every gate passes for every file, 1 when a gate fails, 2 on a usage, config
or input error. A file that cannot be read prints its one-line error; the other files
are still checked, and the run exits 2 at the end. With no gate configured (no option,
no .fazhi.yaml key, no baseline) the check requires the core rules: see docs/check.md.
"""

import datetime as dt
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from scorer.cli.app import (EXIT_ERROR, EXIT_FAILED, EXIT_OK, ISSUER_HELP, YEAR_HELP, app, error_line, fail, load_ruleset,
                            parse_edition, stated_facts)
from scorer.errors import FazhiError


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    junit = "junit"
    github = "github"


def today() -> dt.date:
    """Waivers expire against this date; tests replace it."""
    return dt.date.today()


def _renderer(fmt: CheckFormat):
    from scorer.render import check_json, check_text, github, junit, sarif

    return {"text": check_text, "json": check_json, "sarif": sarif, "junit": junit, "github": github}[fmt.value]


@app.command()
def check(
    files: list[Path] = typer.Argument(..., help="report files (.txt .docx .pdf .html)"),
    min_score: Optional[float] = typer.Option(None, "--min-score", help="fail when the score is below N (0–100)"),
    require: Optional[str] = typer.Option(None, "--require", help="`core` and/or rule ids, comma-separated, that must be met"),
    fail_on: Optional[str] = typer.Option(None, "--fail-on", help="fail when any applicable requirement has one of these statuses, e.g. absent,planned,deficient"),
    format: CheckFormat = typer.Option(CheckFormat.text, "--format", "-f", help="text, json (fazhi.check/1), sarif, junit or github"),
    config: Optional[Path] = typer.Option(None, "--config", help="config file (default: .fazhi.yaml here or in a parent directory)"),
    baseline: Optional[Path] = typer.Option(None, "--baseline", help="`fazhi score --format json` of last year's report or the previous draft"),
    rules: Optional[list[Path]] = typer.Option(None, "--rules", help="extra rules directory; adds to the config's `rules` (a later one wins by id), as in every command"),
    edition: Optional[int] = typer.Option(None, "--edition", help="judge by the 2015 or 2021 Outline instead of the report year's"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="write the output to this file instead of stdout"),
    issuer: Optional[str] = typer.Option(None, "--issuer", help=ISSUER_HELP),
    year: Optional[int] = typer.Option(None, "--year", help=YEAR_HELP),
) -> None:
    """Check draft reports against gates (score, required items, statuses, last year's report); exit 1 when one fails."""
    from scorer.cli.baseline_file import load_baseline
    from scorer.config import gate_config, project_config
    from scorer.gate import CheckRun, FileError, evaluate
    from scorer.pipeline import score_file
    from scorer.score import with_policy

    try:
        project = project_config(config, today=today())
        # --rules adds to the config's rules, as in score, report, memo and batch: one meaning everywhere.
        ruleset = with_policy(load_ruleset(list(project.rules) + list(rules or ())), project.policy)
        gates = gate_config(project, ruleset, min_score=min_score, require=require, fail_on=fail_on,
                            baseline=baseline is not None)
        baselines = load_baseline(baseline) if baseline else ()
    except FazhiError as err:
        fail(err)
    chosen_edition = parse_edition(edition if edition is not None else project.edition)
    stated = stated_facts(issuer, year)

    outcomes, errors = [], []
    for path in files:
        try:
            result = score_file(path, ruleset, edition=chosen_edition, policy=project.policy, stated=stated)
        except FazhiError as err:
            typer.echo(error_line(err), err=True)
            errors.append(FileError(str(path), str(err)))
            continue
        outcomes.append(evaluate(result, gates, ruleset, baselines))
    run = CheckRun(ruleset, gates, tuple(outcomes), tuple(errors), str(baseline) if baseline else None)

    if gates.defaulted and format is not CheckFormat.text:
        typer.echo("fazhi: note: no gate configured, so the core rules are required "
                   "(set --require, --min-score, --fail-on or a .fazhi.yaml)", err=True)
    rendered = _renderer(format).render(run)
    if output is not None:
        try:
            output.write_text(rendered + "\n", encoding="utf-8")
        except OSError as exc:
            fail(f"{output}: cannot write output ({exc.strerror or exc})")
    else:
        typer.echo(rendered)
    if errors:
        raise typer.Exit(EXIT_ERROR)
    raise typer.Exit(EXIT_OK if run.passed else EXIT_FAILED)
