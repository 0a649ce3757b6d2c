"""The Typer application and the one error style all commands share."""

from __future__ import annotations

import sys
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
    return f"fazhi: error: {err}"


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


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("fazhi: interrupted", err=True)
        sys.exit(130)
