"""The Typer application and the one error style all commands share."""

import gc
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
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            typer.echo(f"fazhi {version('fazhi')}")
        except PackageNotFoundError:  # run from a checkout that was never installed
            typer.echo("fazhi (not installed)")
        raise typer.Exit()


@app.callback()
def _options(
    show_version: bool = typer.Option(False, "--version", "-V", callback=_version, is_eager=True,
                                      help="print fazhi's version and exit"),
) -> None:
    """给法治政府建设年度报告逐项核查打分，附证据句。Score 法治政府建设年度报告 against the requirement catalogue."""

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


ISSUER_HELP = "the unit the report is of (发文单位), when fazhi reads it wrong or not at all"
YEAR_HELP = "the report year, when fazhi reads it wrong: it picks the Outline and the deadline"


def stated_facts(issuer: str | None, year: int | None):
    """--issuer and --year: the writer's own unit and report year, over what fazhi reads (StatedFacts)."""
    from scorer.models import STATED_ISSUER_MAX, STATED_YEARS, StatedFacts

    if year is not None and year not in STATED_YEARS:
        fail(f"--year: {year} is not a report year (use {STATED_YEARS.start}–{STATED_YEARS.stop - 1})")
    name = " ".join(issuer.split()) if issuer is not None else None
    if issuer is not None and not name:
        fail("--issuer: empty; give the unit's name, e.g. --issuer 江门市司法局")
    if name and len(name) > STATED_ISSUER_MAX:
        fail(f"--issuer: {len(name)} characters, over {STATED_ISSUER_MAX}; give the unit's name")
    return StatedFacts(name, year)


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
    # What is alive now (the modules, the commands) lives as long as the process: moved out
    # of the collector's sight, as gc.freeze is meant for (see scorer/cli/__init__.py).
    gc.freeze()
    try:
        # standalone_mode=False: Click's usage errors come back here instead of being printed
        # as three lines in Click's style; fazhi prints one line in its own.
        code = app(standalone_mode=False)
    except (typer.Abort, KeyboardInterrupt):
        typer.echo("fazhi: interrupted", err=True)
        sys.exit(130)
    except Exception as err:
        # Click's UsageError (Typer vendors Click, so it is matched by what it is, not by
        # its import path): exit code 2 and a message of its own.
        if getattr(err, "exit_code", None) != EXIT_ERROR or not hasattr(err, "format_message"):
            raise
        if type(err).__name__ == "NoArgsIsHelpError":  # `fazhi` alone: the help is the answer
            typer.echo(err.format_message())
            sys.exit(EXIT_ERROR)
        ctx = getattr(err, "ctx", None)
        command = ctx.command_path if ctx is not None else "fazhi"
        typer.echo(error_line(f"{err.format_message()} (see '{command} --help')"), err=True)
        sys.exit(EXIT_ERROR)
    sys.exit(code if isinstance(code, int) else 0)
