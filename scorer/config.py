"""The project config `.fazhi.yaml` and the gate settings of `fazhi check`.

The file is found in the working directory or the nearest parent (or given with
``--config``), checked against CONFIG_SCHEMA with unknown keys rejected. A mistake is a
ConfigError naming the file, the line and the key, with the allowed values where the
set is closed — the same style as the rule files (scorer/rules.py). Command-line
options replace the config key of the same name.

    edition: 2021                # judge by this Outline edition
    min_score: 60                # 0–100
    require: core                # or a list of rule ids; `core` may be one of them
    fail_on: [absent, planned]   # statuses that fail the check
    rules: [local-rules]         # extra rule directories, relative to this file
    waivers:
      - rule: disputes.reconsideration_litigation
        justification: 本年度无行政复议和应诉案件，报告已说明
        expires: 2026-03-31      # an expired waiver is an error: renew or remove it
    scoring:                     # partial credit by status and grade bands (all optional)
      credit: {asserted: 0.5, planned: 0}
      grades: [{min: 85, name: 优秀}, {min: 70, name: 良好}, {min: 60, name: 合格}, {min: 0, name: 不合格}]

`fazhi score`, `report`, `memo`, `check` and `batch` all read `edition`, `rules` and
`scoring`; the gates and waivers are `check`'s.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, replace
from pathlib import Path

from scorer import safe_yaml
from scorer.errors import FazhiError
from scorer.models import FAIL_ON_STATUSES, Ruleset
from scorer.rules import EDITIONS, _describe, _line_of
from scorer.safe_yaml import short_repr
from scorer.score import DEFAULT_CREDIT, ScoringPolicy

CONFIG_NAME = ".fazhi.yaml"
RULES_HINT = "see `fazhi rules list`"

CONFIG_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "edition": {"enum": list(EDITIONS)},
        "min_score": {"type": "number", "minimum": 0, "maximum": 100},
        "require": {
            "anyOf": [
                {"type": "string", "minLength": 1},
                {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}},
            ]
        },
        "fail_on": {
            "anyOf": [
                {"type": "string", "minLength": 1},
                {"type": "array", "minItems": 1, "items": {"enum": list(FAIL_ON_STATUSES)}},
            ]
        },
        "rules": {"type": "array", "items": {"type": "string", "minLength": 1}},
        "scoring": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "credit": {
                    "type": "object",
                    "propertyNames": {"enum": list(DEFAULT_CREDIT)},
                    "additionalProperties": {"type": "number", "minimum": 0, "maximum": 1},
                },
                "grades": {
                    "type": "array",
                    "minItems": 1,
                    "items": {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["min", "name"],
                        "properties": {"min": {"type": "number", "minimum": 0, "maximum": 100},
                                       "name": {"type": "string", "minLength": 1}},
                    },
                },
            },
        },
        "waivers": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["rule", "justification", "expires"],
                "properties": {
                    "rule": {"type": "string", "minLength": 1},
                    "justification": {"type": "string", "minLength": 1, "pattern": r"\S"},
                    "expires": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
                },
            },
        },
    },
}


class ConfigError(FazhiError):
    """A .fazhi.yaml that does not follow the config schema, or a bad gate option."""


@functools.cache
def _no_dates_loader() -> type:
    """The bounded safe loader, keeping 2026-03-31 a string so the schema sees what was written.

    Bounded because in CI the config comes from the repository under review."""
    bounded = safe_yaml.bounded_loader()
    loader = type("NoDatesLoader", (bounded,), {})
    loader.yaml_implicit_resolvers = {
        ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for ch, resolvers in bounded.yaml_implicit_resolvers.items()
    }
    return loader


@dataclass(frozen=True)
class ProjectConfig:
    path: Path | None = None
    edition: int | None = None
    min_score: float | None = None
    require: tuple[str, ...] | None = None  # tokens as written: rule ids and `core`
    fail_on: tuple[str, ...] | None = None
    rules: tuple[Path, ...] = ()  # resolved against the config file's directory
    waivers: tuple[Waiver, ...] = ()
    require_where: str = "--require"  # where `require` came from, for an unknown-id error
    policy: ScoringPolicy = ScoringPolicy()


def find_config(start: Path | None = None) -> Path | None:
    """The nearest .fazhi.yaml in ``start`` (default: the working directory) or a parent.

    Anything by that name counts, not only a regular file: a FIFO or a directory called
    .fazhi.yaml is reported by load_config rather than silently skipped for a parent's.
    """
    here = (start or Path.cwd()).resolve()
    for directory in (here, *here.parents):
        candidate = directory / CONFIG_NAME
        if candidate.exists():
            return candidate
    return None


def load_config(path: Path, *, today: dt.date) -> ProjectConfig:
    """Read and check one config file. Waivers that expired before ``today`` are errors."""
    try:
        text = safe_yaml.read_regular_text(path)
    except FileNotFoundError:
        raise ConfigError(str(path), "config file not found") from None
    except safe_yaml.NotRegularFile:
        raise ConfigError(str(path), "not a regular file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), f"cannot read config file ({exc})") from None
    import yaml  # here, not at import: scoring with no config file reads no YAML

    try:
        data, node = safe_yaml.load(text, _no_dates_loader())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise ConfigError(f"{path}{line}", f"invalid YAML: {getattr(exc, 'problem', exc)}") from None
    if data is None:
        return ProjectConfig(path=path)
    if not isinstance(data, dict):
        raise ConfigError(str(path), "a config file must be a mapping of keys (allowed: " + ", ".join(sorted(CONFIG_SCHEMA["properties"])) + ")")
    import jsonschema  # only when there is a config file to check: most runs have none

    errors = sorted(jsonschema.Draft202012Validator(CONFIG_SCHEMA).iter_errors(data), key=lambda e: list(e.path))
    if errors:
        err = errors[0]
        while err.context:  # anyOf: the deepest of the alternatives' errors says most
            err = sorted(err.context, key=lambda e: -len(e.path))[0]
        where = list(err.absolute_path)
        line = _line_of(node, where)
        if err.validator == "additionalProperties":  # point at the unknown key itself
            line = _key_line(node, where, set(err.instance) - set(err.schema.get("properties", {}))) or line
        raise ConfigError(f"{path}:{line}", f"invalid config: {_explain(err, where)}")
    from scorer.gate import Waiver  # the gates' module only when there is a config to read

    waivers = []
    for i, raw in enumerate(data.get("waivers", [])):
        where = f"{path}:{_line_of(node, ['waivers', i, 'expires'])}"
        try:
            expires = dt.date.fromisoformat(raw["expires"])
        except ValueError:
            raise ConfigError(where, f"waiver for {short_repr(raw['rule'])}: expires {raw['expires']!r} is not a date (YYYY-MM-DD)") from None
        if expires < today:
            raise ConfigError(where, f"waiver for {short_repr(raw['rule'])} expired on {expires.isoformat()}: "
                                     "renew it with a new date and justification, or remove it")
        waivers.append(Waiver(raw["rule"], raw["justification"].strip(), expires, f"{path}:{_line_of(node, ['waivers', i])}"))
    seen: set[str] = set()
    for w in waivers:
        if w.rule in seen:
            raise ConfigError(w.where, f"rule {short_repr(w.rule)} is waived twice: keep one waiver per rule")
        seen.add(w.rule)
    return ProjectConfig(
        path=path,
        edition=data.get("edition"),
        min_score=data.get("min_score"),
        require=parse_list(data["require"]) if "require" in data else None,
        fail_on=parse_fail_on(data["fail_on"], f"{path}:{_line_of(node, ['fail_on'])}") if "fail_on" in data else None,
        rules=tuple((path.parent / d) for d in data.get("rules", [])),
        waivers=tuple(waivers),
        require_where=f"{path}:{_line_of(node, ['require'])}",
        policy=_policy(data.get("scoring", {})),
    )


def _policy(scoring: dict) -> ScoringPolicy:
    """The config's credit (merged over the defaults) and grade bands (highest first)."""
    credit = {**DEFAULT_CREDIT, **scoring.get("credit", {})}
    grades = scoring.get("grades")
    if not grades:
        return ScoringPolicy(credit=credit)
    bands = tuple(sorted(((float(g["min"]), g["name"]) for g in grades), reverse=True))
    return ScoringPolicy(credit=credit, grades=bands)


def project_config(path: Path | None, *, today: dt.date | None = None) -> ProjectConfig:
    """The given config, else the nearest .fazhi.yaml, else defaults."""
    found = path or find_config()
    return load_config(found, today=today or dt.date.today()) if found else ProjectConfig()


def _key_line(node: yaml.Node, where: list, keys: set[str]) -> int | None:
    """1-based line of the first of ``keys`` in the mapping at ``where``."""
    import yaml

    for step in where:
        children = node.value if isinstance(node, yaml.SequenceNode) else [v for k, v in node.value if k.value == step]
        node = children[step] if isinstance(node, yaml.SequenceNode) else children[0]
    lines = [k.start_mark.line + 1 for k, _ in node.value if k.value in keys] if isinstance(node, yaml.MappingNode) else []
    return min(lines, default=None)


def _explain(err, where: list) -> str:  # err: a jsonschema.ValidationError
    """The schema error in the rules' words, after the dotted key it is about (waivers.0.expires)."""
    if err.validator in ("additionalProperties", "required"):
        text = _describe(err)
    elif err.validator == "pattern" and where[-1:] == ["justification"]:
        text = "must say why, not be blank"
    elif err.validator == "pattern" and where[-1:] == ["expires"]:
        text = f"{short_repr(err.instance)} is not a date (YYYY-MM-DD)"
    elif err.validator == "enum":
        text = f"{short_repr(err.instance)} is not allowed (allowed: {', '.join(str(v) for v in err.validator_value)})"
    else:
        text = safe_yaml.schema_message(err)
    key = ".".join(str(k) for k in where)
    return f"{key}: {text}" if key else text


def parse_list(value: str | list | tuple) -> tuple[str, ...]:
    """`a,b` or [a, b] → (a, b), blanks dropped."""
    items = value.split(",") if isinstance(value, str) else value
    return tuple(s.strip() for s in items if s.strip())


def parse_fail_on(value: str | list | tuple, subject: str = "--fail-on") -> tuple[str, ...]:
    statuses = parse_list(value)
    for status in statuses:
        if status not in FAIL_ON_STATUSES:
            raise ConfigError(subject, f"unknown status {short_repr(status)} (allowed: {', '.join(FAIL_ON_STATUSES)})")
    if not statuses:
        raise ConfigError(subject, f"no status given (allowed: {', '.join(FAIL_ON_STATUSES)})")
    return statuses


def parse_min_score(value: float, subject: str = "--min-score") -> float:
    if not 0 <= value <= 100:
        raise ConfigError(subject, f"{value:g} is not a score between 0 and 100")
    return value


def gate_config(
    project: ProjectConfig,
    ruleset: Ruleset,
    *,
    min_score: float | None = None,
    require: str | None = None,
    fail_on: str | None = None,
    baseline: bool = False,
) -> GateConfig:
    """The config file's gates with the command line's options on top, checked against the rules.

    With no gate configured at all (and no baseline), the check requires the core rules:
    a check that passes everything by default would make a bare pre-commit hook a no-op.
    """
    from scorer.gate import GateConfig

    if min_score is not None:
        parse_min_score(min_score)
    if min_score is None:
        min_score = project.min_score
    tokens, where = (parse_list(require), "--require") if require is not None else (project.require, project.require_where)
    statuses = parse_fail_on(fail_on) if fail_on is not None else project.fail_on
    known = {r.id for r in ruleset.rules}
    if tokens is not None and not tokens:
        raise ConfigError(where, "no requirement given (use `core` or rule ids, comma-separated)")
    ids = tuple(t for t in (tokens or ()) if t != "core")
    for rule_id in ids:
        if rule_id not in known:
            raise ConfigError(where, f"unknown rule id {short_repr(rule_id)} ({RULES_HINT})")
    for w in project.waivers:
        if w.rule not in known:
            raise ConfigError(w.where, f"waiver for unknown rule id {short_repr(w.rule)} ({RULES_HINT})")
    config = GateConfig(
        min_score=min_score,
        require_core="core" in (tokens or ()),
        require=tuple(dict.fromkeys(ids)),
        fail_on=tuple(dict.fromkeys(statuses or ())),
        waivers=project.waivers,
    )
    if not config.active(baseline):
        config = replace(config, require_core=True, defaulted=True)
    return config
