"""`fazhi report FILE [-o PATH.html]` and `fazhi memo FILE [-o PATH.docx|.md|.html]`.

Both score one report and write one file, atomically (a temporary file in the same
directory, then a rename), so an interrupted run never leaves half a report behind.
Without -o the file goes beside the input, named for what it is: 报告_核查报告.html,
报告_审查意见.docx.
"""

from pathlib import Path
from typing import Optional

import typer

from scorer.cli.app import ISSUER_HELP, YEAR_HELP, app, fail, scoring_settings, stated_facts
from scorer.errors import FazhiError

REPORT_SUFFIXES = (".html",)
MEMO_SUFFIXES = (".docx", ".md", ".html")

_RULES_HELP = "extra rules directory; adds or overrides rules by id"
_EDITION_HELP = "judge by the 2015 or 2021 Outline instead of the report year's"
_CONFIG_HELP = "project config (default: .fazhi.yaml here or in a parent): rules, edition, scoring"


def _one_of(suffixes: tuple[str, ...]) -> str:
    return suffixes[0] if len(suffixes) == 1 else ", ".join(suffixes[:-1]) + " or " + suffixes[-1]


def beside(file: Path, what: str, suffix: str) -> Path:
    """The default output: next to the input, its name plus what it is (年度报告_审查意见.docx)."""
    return file.with_name(f"{file.stem}_{what}{suffix}")


def _check_output(out: Path, allowed: tuple[str, ...]) -> None:
    """Refuse a suffix or a directory we cannot write before spending time on scoring."""
    suffix = out.suffix.lower()
    if suffix not in allowed:
        fail(f"{out}: cannot write '{suffix or '(no suffix)'}' here; use {_one_of(allowed)}")
    if out.is_dir():
        fail(f"{out}: is a directory; give a file name ending in {_one_of(allowed)}")
    if not out.parent.is_dir():
        fail(f"{out}: directory {out.parent} does not exist; create it first")


def _score(file: Path, rules: Optional[list[Path]], edition: Optional[int], config: Optional[Path],
           stated):
    from scorer.pipeline import score_file

    settings = scoring_settings(config, rules, edition)
    try:
        return score_file(file, settings.ruleset, edition=settings.edition, policy=settings.policy, stated=stated)
    except FazhiError as err:
        fail(err)


def _written(out: Path, write) -> None:
    try:
        write()
    except OSError as err:
        fail(f"{out}: cannot write: {err.strerror or err}")
    except FazhiError as err:
        fail(err)
    typer.echo(str(out))


@app.command()
def report(
    file: Path = typer.Argument(..., help="report file (.txt .docx .pdf .html)"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="where to write the HTML gap report (.html; default: beside FILE, named FILE_核查报告.html)"),
    rules: Optional[list[Path]] = typer.Option(None, "--rules", help=_RULES_HELP),
    edition: Optional[int] = typer.Option(None, "--edition", help=_EDITION_HELP),
    config: Optional[Path] = typer.Option(None, "--config", help=_CONFIG_HELP),
    issuer: Optional[str] = typer.Option(None, "--issuer", help=ISSUER_HELP),
    year: Optional[int] = typer.Option(None, "--year", help=YEAR_HELP),
) -> None:
    """Write the HTML gap report a supervisor reads: gaps first, then every requirement with its evidence."""
    from scorer import atomic
    from scorer.render import html_report

    stated = stated_facts(issuer, year)
    output = output or beside(file, "核查报告", ".html")
    _check_output(output, REPORT_SUFFIXES)
    result = _score(file, rules, edition, config, stated)
    _written(output, lambda: atomic.write_text(output, html_report.render(result)))


@app.command()
def memo(
    file: Path = typer.Argument(..., help="report file (.txt .docx .pdf .html)"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="where to write the memo: .docx, .md or .html (default: beside FILE, named FILE_审查意见.docx)"),
    rules: Optional[list[Path]] = typer.Option(None, "--rules", help=_RULES_HELP),
    edition: Optional[int] = typer.Option(None, "--edition", help=_EDITION_HELP),
    config: Optional[Path] = typer.Option(None, "--config", help=_CONFIG_HELP),
    issuer: Optional[str] = typer.Option(None, "--issuer", help=ISSUER_HELP),
    year: Optional[int] = typer.Option(None, "--year", help=YEAR_HELP),
) -> None:
    """Write the 审查意见 memo (overall assessment, problems, rectification, checklist) as DOCX, Markdown or HTML."""
    from scorer.render.memo import write_memo

    stated = stated_facts(issuer, year)
    output = output or beside(file, "审查意见", ".docx")
    _check_output(output, MEMO_SUFFIXES)
    result = _score(file, rules, edition, config, stated)
    _written(output, lambda: write_memo(result, output))
