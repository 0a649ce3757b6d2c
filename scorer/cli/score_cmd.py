"""`fazhi score FILE...`: one report (or several) scored, as a terminal table or JSON."""

import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from scorer.cli.app import EXIT_ERROR, ISSUER_HELP, YEAR_HELP, app, error_line, scoring_settings, stated_facts
from scorer.errors import FazhiError


class TextOrJson(str, Enum):
    text = "text"
    json = "json"


@app.command()
def score(
    files: list[Path] = typer.Argument(..., help="report files (.txt .docx .pdf .html)"),
    format: TextOrJson = typer.Option(TextOrJson.text, "--format", "-f", help="text table or JSON (schema fazhi.report/1)"),
    rules: Optional[list[Path]] = typer.Option(None, "--rules", help="extra rules directory; adds or overrides rules by id"),
    edition: Optional[int] = typer.Option(None, "--edition", help="judge by the 2015 or 2021 Outline instead of the report year's"),
    similarity: bool = typer.Option(False, "--similarity", help="also propose sentences similar to the rules' examples"),
    config: Optional[Path] = typer.Option(None, "--config", help="project config (default: .fazhi.yaml here or in a parent): rules, edition, scoring"),
    issuer: Optional[str] = typer.Option(None, "--issuer", help=ISSUER_HELP),
    year: Optional[int] = typer.Option(None, "--year", help=YEAR_HELP),
) -> None:
    """Score reports: each requirement's status, its evidence sentences, a score and a grade."""
    from scorer.match import MatchOptions
    from scorer.pipeline import score_file
    from scorer.render import text  # (json_report only for --format json)

    settings = scoring_settings(config, rules, edition)
    stated = stated_facts(issuer, year)
    options = MatchOptions(similarity=similarity)
    failed = False
    outputs = []
    for path in files:
        try:
            result = score_file(path, settings.ruleset, edition=settings.edition, options=options,
                                policy=settings.policy, stated=stated)
        except FazhiError as err:
            typer.echo(error_line(err), err=True)
            failed = True
            continue
        if format is TextOrJson.json:
            from scorer.render import json_report

            outputs.append(json_report.to_dict(result))
        else:
            color = text.use_color(sys.stdout)
            # A pipe or a file gets plain columns; a terminal (or FORCE_COLOR) the rich table.
            plain = not color and not sys.stdout.isatty()
            # (click strips colour codes from output that is not a terminal unless told)
            typer.echo(text.render(result, color=color, width=text.terminal_width(sys.stdout), plain=plain),
                       color=color)
    if format is TextOrJson.json and outputs:
        import json

        typer.echo(json.dumps(outputs[0] if len(files) == 1 else outputs, ensure_ascii=False, indent=2))
    if failed:
        raise typer.Exit(EXIT_ERROR)
