"""The Typer application and the one error style all commands share."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import typer

from scorer.errors import FazhiError

app = typer.Typer(
    name="fazhi",
    help="给法治政府建设年度报告逐项核查打分，附证据句。Score 法治政府建设年度报告 against the requirement catalogue.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

EXIT_OK, EXIT_FAILED, EXIT_ERROR = 0, 1, 2


def error_line(err: FazhiError | str) -> str:
    """``fazhi: error: …`` on one line: a file name's ESC or newline is shown escaped, never acted on."""
    from scorer.sanitize import one_line

    return f"fazhi: error: {one_line(str(err))}"


def fail(err: FazhiError | str) -> NoReturn:
    """Print one line on stderr and exit 2: the only way a user error leaves the CLI."""
    typer.echo(error_line(err), err=True)
    raise typer.Exit(EXIT_ERROR)


def load_ruleset(rules_dirs: list[Path] | None):
    from scorer.rules import load_rules

    try:
        return load_rules(rules_dirs or [])
    except FazhiError as err:
        fail(err)


def parse_edition(edition: int | None) -> int | None:
    if edition is not None and edition not in (2015, 2021):
        fail(f"--edition: {edition} is not an Outline edition (use 2015 or 2021)")
    return edition


@dataclass(frozen=True)
class Settings:
    """What scoring takes from .fazhi.yaml and the command line together."""

    ruleset: object  # Ruleset, its version marked with a non-default scoring policy
    edition: int | None
    policy: object  # ScoringPolicy
    rules_dirs: tuple[Path, ...]


def scoring_settings(config: Path | None, rules: list[Path] | None, edition: int | None) -> Settings:
    """The config file's rules, edition and scoring, under the command line's options.

    Extra rule directories add up: the config's first, then --rules (a later one wins).
    """
    from scorer.config import project_config
    from scorer.score import with_policy

    parse_edition(edition)
    try:
        project = project_config(config)
    except FazhiError as err:
        fail(err)
    dirs = tuple(project.rules) + tuple(rules or ())
    ruleset = with_policy(load_ruleset(list(dirs)), project.policy)
    return Settings(ruleset, edition if edition is not None else project.edition, project.policy, dirs)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("fazhi: interrupted", err=True)
        sys.exit(130)
