"""Load and validate the YAML rules.

A rule file holds ``rules:``, a list of records checked against RULE_SCHEMA with unknown
keys rejected. A mistake is a RuleError naming the file, the line, the rule and the key,
with the allowed values where there is a closed set. A later directory (``--rules DIR``)
adds rules or replaces a rule with the same id.

The rules shipped with fazhi (DEFAULT_RULES_DIR) are trusted: read with libyaml's loader
and matched with `re`. Every other directory is the user's: its files are read within
safe_yaml's budgets, its rules become UserRules whose patterns run on RE2 (linear time),
and each of them is compiled at load exactly as scoring compiles it, so a rule that
loads is a rule that scores.

The shipped rules are validated once: the rules they make are kept in the user cache
(scorer.user_cache) under a hash of the rule files, the citations table, the code that
turns a rule file into rules, and fazhi's version, so any change to one of them validates
afresh. `rules validate` always validates.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from dataclasses import fields
from pathlib import Path

from scorer import __version__, citations, models, safe_yaml, user_cache
from scorer.errors import RuleError
from scorer.models import ROLES, STATUSES, Rule, Ruleset, UserRule
from scorer.safe_yaml import short_repr

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
        # One line of free text, a list of citation keys, or keys by Outline edition
        # ({2015: [...], 2021: [...]}); the keys are checked against the citations table
        # after the schema (scorer.citations.source_problem). One schema over the three
        # types rather than anyOf, so that its errors name the key.
        "source": {
            "type": ["string", "array", "object"], "minLength": 1, "minItems": 1, "minProperties": 1,
            "items": {"type": "string", "minLength": 1},
            "additionalProperties": {"type": ["string", "array"], "minLength": 1, "minItems": 1,
                                     "items": {"type": "string", "minLength": 1}},
        },
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
                # names of the file's shared exclude lists (the file's `excludes:`) added to this rule's
                "exclude_shared": _string_list,
                "detail_from": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["rules"],
                        "properties": {"rules": _string_list, "when": {"type": "string", "minLength": 1},
                                       "subject": {"type": "string", "minLength": 1}},
                    },
                },
                "heading_scope": {"enum": [True, False, "act"]},
                "heading_over": _string_list,
                "continued_by": {"type": "string", "minLength": 1},
                "heading_acts": {"type": "string", "minLength": 1},
                "bundle": {"type": "string", "minLength": 1},
                "not_detail": {"type": "string", "minLength": 1},
                "no_detail_when": {"type": "string", "minLength": 1},
            },
            # heading_scope "act" keeps the body's sentences that name the rule's act: it needs
            # continued_by to say what that act is (without it "act" would silently mean true)
            "if": {"properties": {"heading_scope": {"const": "act"}}, "required": ["heading_scope"]},
            "then": {"required": ["continued_by"]},
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
    "properties": {
        # Exclude patterns several rules of the file share, by name (a rule takes them with
        # `exclude_shared: [name]`): one copy to read and extend instead of one in each rule.
        "excludes": {"type": "object", "additionalProperties": {**_string_list, "minItems": 1}},
        "rules": {"type": "array", "items": RULE_SCHEMA},
    },
}


def _line_of(node: yaml.Node, path: list) -> int:
    """1-based line of the YAML node at ``path`` (as deep as the path goes)."""
    import yaml  # (PyYAML is imported only where a rule file is read: most runs use the cache)

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


def _describe(error) -> str:  # a jsonschema.ValidationError
    """The schema error in a rule writer's words; a value from the file is quoted short."""
    where = error.path[-1] if error.path else None
    key = short_repr(where)
    if error.validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = sorted(set(error.instance) - set(allowed), key=str)
        shown = ", ".join(short_repr(k, 40) for k in extra[:5]) + (f" and {len(extra) - 5:,} more" if len(extra) > 5 else "")
        return f"unknown key {shown} (allowed: {', '.join(allowed)})"
    if error.validator == "required":
        return safe_yaml.schema_message(error).replace("is a required property", "is required")
    if error.validator == "enum":
        # as the rule writer types them in YAML: true, not Python's True
        allowed = ", ".join(str(v).lower() if isinstance(v, bool) else str(v) for v in error.validator_value)
        return f"key {key}: {short_repr(error.instance)} is not allowed (allowed: {allowed})"
    if error.validator == "pattern" and where == "id":
        return f"id {short_repr(error.instance)} must look like area.name (lowercase, one dot)"
    return f"key {key}: {safe_yaml.schema_message(error)}"


def _validate_file(path: Path, text: str, trusted: bool) -> tuple[list[dict], dict[str, list[str]], yaml.Node | None]:
    """The file's rule records and shared exclude lists, schema-checked, and its node tree when it
    was composed (for lines)."""
    import yaml

    try:
        if trusted:
            # libyaml's loader when it is built in: the shipped rule files are ours, so they
            # skip the budgets user files are read within.
            data, node = safe_yaml.load_own(text), None
        else:
            data, node = safe_yaml.load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise RuleError(f"{path}{line}", f"invalid YAML: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict):
        raise RuleError(str(path), "a rules file must be a mapping with a 'rules:' list")
    import jsonschema  # only when a rule file is validated: most runs read the shipped rules from the cache

    errors = sorted(jsonschema.Draft202012Validator(FILE_SCHEMA).iter_errors(data), key=lambda e: list(e.path))
    if errors:
        # Report the most specific error: the deepest one under the first offending path.
        err = errors[0]
        while err.context:
            err = sorted(err.context, key=lambda e: -len(e.path))[0]
        path_list = list(errors[0].absolute_path)
        rule_name = ""
        if len(path_list) >= 2 and path_list[0] == "rules" and isinstance(data["rules"][path_list[1]], dict):
            rule_name = f" rule {short_repr(data['rules'][path_list[1]].get('id', '#' + str(path_list[1])))}:"
        line = _line_of(_nodes(text, node), path_list)
        raise RuleError(f"{path}:{line}", f"invalid rule:{rule_name} {_describe(err)}")
    for i, raw in enumerate(data["rules"]):
        problem = citations.source_problem(raw["source"], raw["editions"])
        if problem:
            raise RuleError(f"{path}:{_line_of(_nodes(text, node), ['rules', i, 'source'])}",
                            f"invalid rule: rule {short_repr(raw['id'])}: key 'source': {problem}")
        for key in ("due", "warn_after"):
            if key in raw and not _is_month_day(raw[key]):
                raise RuleError(f"{path}:{_line_of(_nodes(text, node), ['rules', i, key])}",
                                f"invalid rule: rule {short_repr(raw['id'])}: key {key!r}: {raw[key]!r} is not a "
                                "month-day every year has (MM-DD, 01-01 to 12-31, not 02-29)")
        unknown = [name for name in raw.get("match", {}).get("exclude_shared", ()) if name not in data.get("excludes", {})]
        if unknown:
            raise RuleError(f"{path}:{_line_of(_nodes(text, node), ['rules', i, 'match', 'exclude_shared'])}",
                            f"invalid rule: rule {short_repr(raw['id'])}: key 'exclude_shared': {short_repr(unknown[0])} "
                            "is not a list under the file's 'excludes:'")
    return data["rules"], data.get("excludes", {}), node


def _nodes(text: str, node: yaml.Node | None) -> yaml.Node:
    """The file's node tree, composed now if the load did not keep it (line numbers only when there is an error)."""
    return node if node is not None else safe_yaml.load(text)[1]


def _is_month_day(md: str) -> bool:
    """MM-DD of a real day in every year: scoring builds a date from it for any report year."""
    try:
        month, day = (int(x) for x in md.split("-"))
        dt.date(2001, month, day)  # not a leap year: 02-29 would fail three years in four
    except ValueError:
        return False
    return True


RE2_HINT = ("rules outside fazhi's own run on RE2, which matches in linear time: no lookarounds or "
            "backreferences (see https://github.com/google/re2/wiki/Syntax)")


def _check_patterns(path: Path, text: str, node: yaml.Node | None, i: int, rule: Rule,
                    shared: dict[str, list[str]], own_excludes: list[str]) -> None:
    """Compile the rule's patterns exactly as scoring will; a RuleError naming file, rule, key and pattern if one fails."""
    from scorer.match import pattern_problem  # the matcher only when rules are validated, not read from the cache

    found = pattern_problem(rule)
    if found is None:
        return
    key, pattern, problem = found
    where = ["rules", i, "match", key]
    if pattern is not None and key == "exclude" and pattern not in own_excludes:
        # one of the file's shared lists (its `excludes:`), which the rule takes by name
        where = next(["excludes", name, patterns.index(pattern)] for name, patterns in shared.items() if pattern in patterns)
    elif pattern is not None and key in ("patterns", "exclude"):
        where.append(getattr(rule, key).index(pattern))
    elif pattern is not None and key == "detail_from":
        where += next([n, k] for n, entry in enumerate(rule.detail_from)
                      for k, p in (("when", entry[1]), ("subject", entry[2])) if p == pattern)
    elif pattern is not None and key == "together":
        where += next([g, group.index(pattern)] for g, group in enumerate(rule.together) if pattern in group)
    shown = f"{short_repr(pattern, 120)} " if pattern is not None else ""
    hint = f"; {RE2_HINT}" if isinstance(rule, UserRule) else ""
    raise RuleError(f"{path}:{_line_of(_nodes(text, node), where)}",
                    f"invalid rule: rule {short_repr(rule.id)}: bad regular expression in {key!r}: {shown}({problem}){hint}")


def _to_rule(raw: dict, file: str, trusted: bool, shared: dict[str, list[str]]) -> Rule:
    match = raw.get("match", {})
    examples = raw.get("examples", {})
    return (Rule if trusted else UserRule)(
        id=raw["id"],
        kind=raw["kind"],
        title=raw["title"],
        area=raw["area"],
        weight=float(raw["weight"]),
        level=raw["level"],
        editions=tuple(raw["editions"]),
        source=citations.source_text(raw["source"]),
        suggestion=raw["suggestion"],
        rationale=raw.get("rationale", ""),
        file=file,
        part=raw.get("part"),
        due=raw.get("due"),
        warn_after=raw.get("warn_after"),
        terms=tuple(match.get("terms", ())),
        patterns=tuple(match.get("patterns", ())),
        together=tuple(tuple(g) for g in match.get("together", ())),
        # (a sentence any of them matches is excluded, so the shared lists may come after the rule's own)
        exclude=tuple(match.get("exclude", ())) + tuple(p for name in match.get("exclude_shared", ()) for p in shared[name]),
        detail_from=tuple((tuple(d["rules"]), d.get("when"), d.get("subject"))
                          for d in match.get("detail_from", ())),
        heading_scope=match.get("heading_scope", True),
        heading_over=tuple(match.get("heading_over", ())),
        continued_by=match.get("continued_by"),
        heading_acts=match.get("heading_acts"),
        bundle=match.get("bundle"),
        not_detail=match.get("not_detail"),
        no_detail_when=match.get("no_detail_when"),
        positive=tuple((e["text"], e["status"]) for e in examples.get("positive", ())),
        negative=tuple(examples.get("negative", ())),
        metadata=dict(raw.get("metadata", {})),
    )


def load_rules(extra_dirs: list[str | Path] | tuple = (), *, base: Path | None = DEFAULT_RULES_DIR,
               compile_all: bool = False) -> Ruleset:
    """The built-in rules, then each extra directory adding or replacing rules by id.

    A user directory's rules are compiled here as scoring compiles them; the built-in
    ones only with ``compile_all`` (`rules validate`): the test suite scores them all,
    and every command would otherwise pay for compiling them twice.
    """
    dirs = ([base] if base is not None else []) + [Path(d) for d in extra_dirs]
    by_id: dict[str, Rule] = {}
    digest = hashlib.sha256()
    for directory in dirs:
        if not directory.is_dir():
            raise RuleError(str(directory), "rules directory not found")
        trusted = is_builtin_dir(directory)
        files = sorted(directory.glob("*.yaml")) + sorted(directory.glob("*.yml"))
        if not files:
            raise RuleError(str(directory), "no *.yaml rule files in this directory")
        texts = [(path, _read_rules_file(path)) for path in files]
        for path, text in texts:
            digest.update(path.name.encode() + b"\0" + text.encode())
        kept = _kept_rules(texts) if trusted and not compile_all else None
        if kept is None:
            kept = _validated(texts, trusted, compile_all)
            if trusted:
                _keep_rules(texts, kept)
        for _, rule in kept:
            by_id[rule.id] = rule
    rules = tuple(by_id.values())  # file order, then order in the file: the catalogue's order
    for rule in rules:
        for others, *_ in rule.detail_from:
            unknown = next((o for o in others if o not in by_id or o == rule.id), None)
            if unknown is not None:
                raise RuleError(rule.file, f"invalid rule: rule {short_repr(rule.id)}: detail_from names "
                                           f"{short_repr(unknown)}, which is not another rule of this ruleset")
    return Ruleset(rules=rules, version=digest.hexdigest()[:12], sources=tuple(str(d) for d in dirs))


def _validated(texts: list[tuple[Path, str]], trusted: bool, compile_all: bool) -> list[tuple[int, Rule]]:
    """Each file's rules, schema-checked, as (index of the file, rule); a RuleError at the first mistake."""
    loaded: list[tuple[int, Rule]] = []
    for n, (path, text) in enumerate(texts):
        seen_here: set[str] = set()
        raws, shared, node = _validate_file(path, text, trusted)
        for i, raw in enumerate(raws):
            if raw["id"] in seen_here:
                raise RuleError(str(path), f"invalid rule: rule {short_repr(raw['id'])} is defined twice in this file")
            seen_here.add(raw["id"])
            rule = _to_rule(raw, _display_path(path), trusted, shared)
            if compile_all or not trusted:
                _check_patterns(path, text, node, i, rule, shared, raw.get("match", {}).get("exclude", []))
            loaded.append((n, rule))
    return loaded


def _read_rules_file(path: Path) -> str:
    try:
        return safe_yaml.read_regular_text(path)
    except safe_yaml.NotRegularFile:
        raise RuleError(str(path), "not a regular file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(str(path), f"cannot read rules file ({exc})") from None


_RULE_FIELDS = tuple(f.name for f in fields(Rule) if f.name != "file")


def _cache_name(texts: list[tuple[Path, str]]) -> str:
    """The cache file of the shipped rules made from these texts: named after everything they depend on."""
    key = hashlib.sha256(f"{__version__}\0{_RULE_FIELDS}".encode())
    for code in (Path(__file__), Path(models.__file__), Path(citations.__file__), citations.TABLE_PATH):
        key.update(code.read_bytes())
    for path, text in texts:
        key.update(path.name.encode() + b"\0" + text.encode() + b"\0")
    return f"rules-{key.hexdigest()[:24]}.marshal"


def _kept_rules(texts: list[tuple[Path, str]]) -> list[tuple[int, Rule]] | None:
    """The shipped rules as validated by an earlier run from the same files, or None."""
    try:
        kept = user_cache.load(_cache_name(texts))
        if not isinstance(kept, list) or not kept:
            return None
        display = [_display_path(path) for path, _ in texts]  # relative to where fazhi runs: not kept
        return [(n, Rule(file=display[n], **dict(zip(_RULE_FIELDS, values)))) for n, values in kept]
    except (OSError, TypeError, ValueError, IndexError):
        return None


def _keep_rules(texts: list[tuple[Path, str]], loaded: list[tuple[int, Rule]]) -> None:
    try:
        user_cache.save(_cache_name(texts), [(n, tuple(getattr(rule, f) for f in _RULE_FIELDS)) for n, rule in loaded])
    except OSError:
        pass


@functools.cache
def builtin_rules() -> Ruleset:
    """The shipped rules, loaded once per process (for callers that take no ruleset)."""
    return load_rules()


def is_builtin_dir(directory: Path) -> bool:
    """The rules shipped with fazhi, the only ones trusted to run on `re`."""
    try:
        return directory.resolve() == DEFAULT_RULES_DIR.resolve()
    except OSError:
        return False


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
