"""`fazhi rules list | show ID | validate [DIR]`."""

from pathlib import Path
from typing import Optional

import typer

from scorer.cli.app import app, fail, load_ruleset
from scorer.errors import FazhiError

rules_app = typer.Typer(help="List, show and validate the requirement rules.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")


@rules_app.command("list")
def list_rules(rules: Optional[list[Path]] = typer.Option(None, "--rules", help="extra rules directory")) -> None:
    """Every rule: id, level, weight, editions, title."""
    ruleset = load_ruleset(rules)
    for r in ruleset.rules:
        editions = "/".join(str(e) for e in r.editions)
        typer.echo(f"{r.id:38s} {r.level:11s} {r.weight:>4g}  {editions:9s}  {r.title}")
    typer.echo(f"{len(ruleset.rules)} rules, version {ruleset.version}")


@rules_app.command("show")
def show_rule(
    rule_id: str = typer.Argument(..., help="rule id, e.g. enforcement.publicity"),
    rules: Optional[list[Path]] = typer.Option(None, "--rules", help="extra rules directory"),
) -> None:
    """One rule in full: source, rationale, suggestion, patterns and examples (with what fazhi says of each)."""
    from scorer.match import judge_text

    ruleset = load_ruleset(rules)
    try:
        r = ruleset.get(rule_id)
    except KeyError:
        fail(f"rule {rule_id!r}: no such rule (see `fazhi rules list`)")
    lines = [
        f"{r.id}  {r.title}",
        f"  kind: {r.kind}   level: {r.level}   weight: {r.weight:g}   editions: {', '.join(map(str, r.editions))}",
        f"  source: {r.source}",
        f"  file: {r.file}",
        f"  rationale: {r.rationale}",
        f"  suggestion: {r.suggestion}",
    ]
    if r.terms:
        lines.append(f"  terms: {'、'.join(r.terms)}")
    lines += [f"  pattern: {p}" for p in r.patterns]
    lines += [f"  together: {' + '.join(g)}" for g in r.together]
    lines += [f"  exclude: {p}" for p in r.exclude]
    lines += [f"  detail from: {'、'.join(others)}" + (f" where {when}" if when else "")
              + (f" after a clause opening {subject}" if subject else "") for others, when, subject in r.detail_from]
    if r.kind == "element" and not r.heading_scope:
        lines.append("  heading scope: off (the body under its heading is not its evidence)")
    elif r.kind == "element" and r.heading_scope == "act":
        lines.append("  heading scope: act (under its heading, only body sentences naming its act, continued by)")
    if r.continued_by:
        lines.append(f"  continued by: {r.continued_by} (a later sentence of a matched paragraph naming this act)")
    if r.heading_acts:
        lines.append(f"  heading acts: {r.heading_acts} (under its own heading, a sentence opening with the heading's actor's act)")
    if r.not_detail:
        lines.append(f"  not detail: {r.not_detail} (a clause whose detail is another matter's)")
    for text, status in r.positive:
        # judged as the test suite judges it: the other rules' matches claim their clauses' detail
        got = judge_text(r, text, ruleset=ruleset) if r.kind == "element" else status
        lines.append(f"  + [{status}{'' if got == status else ' ≠ ' + got}] {text}")
    for text in r.negative:
        lines.append(f"  - {text}")
    lines += _model_lines(r.id)
    typer.echo("\n".join(lines))


def _model_lines(rule_id: str) -> list[str]:
    """What the learned sentence model adds for this rule: when it acts, and what it reads."""
    from scorer.learn.model import load_model

    try:
        model = load_model()
    except FazhiError as err:
        return [f"  learned model: not available ({err})"]
    weights = model.rules.get(rule_id)
    if weights is None:
        return ["  learned model: none for this rule (too few labelled sentences)"]
    adds = (f"adds sentences it gives p ≥ {weights.threshold:g} where the patterns found nothing done"
            if weights.threshold <= 1 else "adds no sentences")
    veto = f", drops a pattern match it gives p < {weights.veto:g}" if weights.veto else ", drops nothing"
    top = "、".join(f"{g}({w:+.1f})" for g, w in model.top_features(rule_id, 15) if w > 0)
    return [f"  learned model (off by default; `fazhi eval` shows it as “+ learned model”): {adds}{veto} "
            f"(threshold and veto chosen by cross-validation)",
            f"  learned model reads: {top}"]


@rules_app.command("validate")
def validate(directory: Optional[Path] = typer.Argument(None, help="rules directory (default: the built-in rules)")) -> None:
    """Check a rules directory against the schema and compile its patterns as scoring does; exit 2 with the first problem.

    A directory other than the built-in one is checked as a user's: its patterns must be RE2 syntax."""
    from scorer.rules import DEFAULT_RULES_DIR, load_rules

    try:
        ruleset = load_rules(base=directory or DEFAULT_RULES_DIR, compile_all=True)
    except FazhiError as err:
        fail(err)
    typer.echo(f"{directory or DEFAULT_RULES_DIR}: {len(ruleset.rules)} rules valid (version {ruleset.version})")
