"""Load and validate the YAML rules.

A rule file holds ``rules:``, a list of records checked against RULE_SCHEMA with unknown
keys rejected. A mistake is a RuleError naming the file, the line, the rule and the key,
with the allowed values where there is a closed set. A later directory (``--rules DIR``)
adds rules or replaces a rule with the same id.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import jsonschema
import yaml

from scorer.errors import RuleError
from scorer.models import ROLES, STATUSES, Rule, Ruleset

DEFAULT_RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
if not DEFAULT_RULES_DIR.is_dir():  # installed as a wheel: rules ship inside the package
    DEFAULT_RULES_DIR = Path(__file__).resolve().parent / "builtin_rules"

KINDS = ("element", "part", "deadline")
LEVELS = ("core", "required", "recommended")
EDITIONS = (2015, 2021)
ID_PATTERN = r"^[a-z_]+\.[a-z_]+$"

_string_list = {"type": "array", "items": {"type": "string", "minLength": 1}}
RULE_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "kind", "title", "area", "weight", "level", "editions", "source", "suggestion", "examples"],
    "properties": {
        "id": {"type": "string", "pattern": ID_PATTERN},
        "kind": {"enum": list(KINDS)},
        "title": {"type": "string", "minLength": 1},
        "area": {"type": "string", "minLength": 1},
        "weight": {"type": "number", "minimum": 0, "maximum": 100},
        "level": {"enum": list(LEVELS)},
        "editions": {"type": "array", "minItems": 1, "items": {"enum": list(EDITIONS)}},
        "source": {"type": "string", "minLength": 1},
        "suggestion": {"type": "string", "minLength": 1},
        "rationale": {"type": "string"},
        "part": {"enum": [r for r in ROLES if r not in ("title", "signature", "preamble")]},
        # kind=deadline: month-day of the year after the report year (督察规定 第二十四条).
        "due": {"type": "string", "pattern": r"^\d\d-\d\d$"},
        "warn_after": {"type": "string", "pattern": r"^\d\d-\d\d$"},
        "match": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "terms": _string_list,
                "patterns": _string_list,
                "together": {"type": "array", "items": {**_string_list, "minItems": 2}},
                "exclude": _string_list,
            },
        },
        "examples": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "positive": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["text", "status"],
                        "properties": {
                            "text": {"type": "string", "minLength": 1},
                            # elements: what the sentence shows; parts and the deadline: met
                            "status": {"enum": [s for s in STATUSES if s != "absent"] + ["met"]},
                        },
                    },
                },
                "negative": _string_list,
            },
        },
        "metadata": {"type": "object"},
    },
    "allOf": [
        {"if": {"properties": {"kind": {"const": "part"}}}, "then": {"required": ["part"]}},
        {"if": {"properties": {"kind": {"const": "element"}}}, "then": {"required": ["match"]}},
        {"if": {"properties": {"kind": {"const": "deadline"}}}, "then": {"required": ["due"]}},
    ],
}
FILE_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["rules"],
    "properties": {"rules": {"type": "array", "items": RULE_SCHEMA}},
}


def _line_of(node: yaml.Node, path: list) -> int:
    """1-based line of the YAML node at ``path`` (as deep as the path goes)."""
    for key in path:
        if isinstance(node, yaml.MappingNode):
            nxt = next((v for k, v in node.value if k.value == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            nxt = node.value[key]
        else:
            nxt = None
        if nxt is None:
            break
        node = nxt
    return node.start_mark.line + 1


def _describe(error: jsonschema.ValidationError) -> str:
    where = error.path[-1] if error.path else None
    if error.validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = sorted(set(error.instance) - set(allowed))
        return f"unknown key {', '.join(repr(k) for k in extra)} (allowed: {', '.join(allowed)})"
    if error.validator == "required":
        return error.message.replace("is a required property", "is required")
    if error.validator == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value)
        return f"key {where!r}: {error.instance!r} is not allowed (allowed: {allowed})"
    if error.validator == "pattern" and where == "id":
        return f"id {error.instance!r} must look like area.name (lowercase, one dot)"
    return f"key {where!r}: {error.message}"


# libyaml's loader when it is built in: rule files are read on every command.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _validate_file(path: Path, text: str) -> list[dict]:
    try:
        data = yaml.load(text, Loader=_YAML_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise RuleError(f"{path}{line}", f"invalid YAML: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict):
        raise RuleError(str(path), "a rules file must be a mapping with a 'rules:' list")
    errors = sorted(jsonschema.Draft202012Validator(FILE_SCHEMA).iter_errors(data), key=lambda e: list(e.path))
    if errors:
        # Report the most specific error: the deepest one under the first offending path.
        err = errors[0]
        while err.context:
            err = sorted(err.context, key=lambda e: -len(e.path))[0]
        path_list = list(errors[0].absolute_path)
        rule_name = ""
        if len(path_list) >= 2 and path_list[0] == "rules" and isinstance(data["rules"][path_list[1]], dict):
            rule_name = f" rule {data['rules'][path_list[1]].get('id', '#' + str(path_list[1]))!r}:"
        line = _line_of(yaml.compose(text), path_list)  # line numbers only when there is an error
        raise RuleError(f"{path}:{line}", f"invalid rule:{rule_name} {_describe(err)}")
    for i, raw in enumerate(data["rules"]):
        match = raw.get("match", {})
        for key in ("patterns", "exclude"):
            for pattern in match.get(key, []):
                _check_regex(path, text, raw, i, key, pattern)
        for group in match.get("together", []):
            for pattern in group:
                _check_regex(path, text, raw, i, "together", pattern)
    return data["rules"]


def _check_regex(path: Path, text: str, raw: dict, i: int, key: str, pattern: str) -> None:
    try:
        re.compile(pattern)
    except re.error as exc:
        line = _line_of(yaml.compose(text), ["rules", i, "match", key])
        raise RuleError(f"{path}:{line}", f"invalid rule: rule {raw['id']!r}: bad regular expression in {key!r}: {pattern!r} ({exc})") from None


def _to_rule(raw: dict, file: str) -> Rule:
    match = raw.get("match", {})
    examples = raw.get("examples", {})
    return Rule(
        id=raw["id"],
        kind=raw["kind"],
        title=raw["title"],
        area=raw["area"],
        weight=float(raw["weight"]),
        level=raw["level"],
        editions=tuple(raw["editions"]),
        source=raw["source"],
        suggestion=raw["suggestion"],
        rationale=raw.get("rationale", ""),
        file=file,
        part=raw.get("part"),
        due=raw.get("due"),
        warn_after=raw.get("warn_after"),
        terms=tuple(match.get("terms", ())),
        patterns=tuple(match.get("patterns", ())),
        together=tuple(tuple(g) for g in match.get("together", ())),
        exclude=tuple(match.get("exclude", ())),
        positive=tuple((e["text"], e["status"]) for e in examples.get("positive", ())),
        negative=tuple(examples.get("negative", ())),
        metadata=dict(raw.get("metadata", {})),
    )


def load_rules(extra_dirs: list[str | Path] | tuple = (), *, base: Path | None = DEFAULT_RULES_DIR) -> Ruleset:
    """The built-in rules, then each extra directory adding or replacing rules by id."""
    dirs = ([base] if base is not None else []) + [Path(d) for d in extra_dirs]
    by_id: dict[str, Rule] = {}
    digest = hashlib.sha256()
    for directory in dirs:
        if not directory.is_dir():
            raise RuleError(str(directory), "rules directory not found")
        files = sorted(directory.glob("*.yaml")) + sorted(directory.glob("*.yml"))
        if not files:
            raise RuleError(str(directory), "no *.yaml rule files in this directory")
        for path in files:
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise RuleError(str(path), f"cannot read rules file ({exc})") from None
            digest.update(path.name.encode() + b"\0" + text.encode())
            seen_here: set[str] = set()
            for raw in _validate_file(path, text):
                if raw["id"] in seen_here:
                    raise RuleError(str(path), f"invalid rule: rule {raw['id']!r} is defined twice in this file")
                seen_here.add(raw["id"])
                by_id[raw["id"]] = _to_rule(raw, _display_path(path))
    rules = tuple(by_id.values())  # file order, then order in the file: the catalogue's order
    return Ruleset(rules=rules, version=digest.hexdigest()[:12], sources=tuple(str(d) for d in dirs))


def _display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        try:
            return str(path.resolve().relative_to(DEFAULT_RULES_DIR.parent))
        except ValueError:
            return str(path)


def editions_for_year(year: int | None) -> int:
    """The Outline that judges a report year: 2015–2020 edition up to 2020, 2021 edition after."""
    if year is not None and year <= 2020:
        return 2015
    return 2021
