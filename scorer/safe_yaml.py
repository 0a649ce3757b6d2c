"""Reading the files a user or a reviewed repository hands fazhi: config, rules, baseline.

In CI `.fazhi.yaml` comes from the repository under review, and a rules directory from
whoever runs fazhi, so both are read as hostile:

- **regular files only**, checked before opening and opened non-blocking: a FIFO named
  `.fazhi.yaml` would otherwise block the read forever;
- **YAML within budgets**, enforced while the document is composed, before any value is
  built or validated. PyYAML's safe loader builds no arbitrary objects, but it still
  shares every alias (nine nested lists of nine aliases is 387 million strings once
  jsonschema formats an error message about them), recurses once per nesting level
  (10,000 levels is a RecursionError) and hands any run of digits to int() (100,000
  digits is a ValueError from Python's digit limit). bounded_loader() counts every node an
  alias stands for, caps the depth and the length of numbers, refuses NaN and refuses
  an alias inside its own anchor (a list that contains itself never ends);
- **schema messages clipped**: a value echoed in an error message is shortened.

A budget overrun is a YAMLError with a mark, so callers report it like any YAML error:
``FILE:LINE: invalid YAML: …``. JSON (a `--baseline`) has no aliases, but load_json
holds it to the same depth and number limits.
"""

from __future__ import annotations

import functools
import json
import os
import stat
from pathlib import Path

# Far above any real config or rule file (the built-in rules, all twelve files: depth 7,
# 4,401 nodes, 205 KB); low enough that the worst document allowed is schema-checked in
# a few seconds and well under 100 MB.
MAX_DEPTH = 64
MAX_ALIASES = 1_000
MAX_NODES = 100_000  # counting an alias as the nodes it stands for
MAX_CHARS = 8_000_000  # scalar characters, counted the same way
MAX_NUMBER_CHARS = 40  # an int or float longer than this is no weight, score or year
MAX_FILE_BYTES = 16 * 1024 * 1024

_NUMBER_TAGS = frozenset({"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"})


class JSONLimitError(ValueError):
    """A JSON document beyond what fazhi reads: too deep, a huge number, NaN or Infinity."""


class NotRegularFile(OSError):
    """A FIFO, device, socket or directory where a file was expected."""


def read_regular_text(path: Path, *, limit: int | None = MAX_FILE_BYTES) -> str:
    """The UTF-8 text of a regular file; NotRegularFile for anything else, without blocking.

    Checked before opening, opened with O_NONBLOCK (a FIFO swapped in after the check
    opens at once instead of waiting for a writer) and checked again on the open file.
    Raises FileNotFoundError, NotRegularFile, OSError (also for a file over ``limit``
    bytes) or UnicodeDecodeError.
    """
    if not stat.S_ISREG(os.stat(path).st_mode):
        raise NotRegularFile(f"{path}: not a regular file")
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with open(fd, "rb", closefd=True) as f:
        info = os.fstat(f.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(f"{path}: not a regular file")
        if limit is not None and info.st_size > limit:
            raise OSError(f"file is {info.st_size:,} bytes, more than the {limit:,} allowed")
        data = f.read() if limit is None else f.read(limit + 1)
    if limit is not None and len(data) > limit:  # grew after the fstat
        raise OSError(f"file is more than the {limit:,} bytes allowed")
    return data.decode("utf-8")


@functools.cache
def bounded_loader() -> type:
    """The YAML loader within the budgets above (a yaml.SafeLoader that counts), made on first use.

    Built here rather than at import so that the commands that read no YAML (scoring with
    the cached shipped rules and no config file) never import PyYAML.
    """
    import yaml
    from yaml.composer import Composer, ComposerError
    from yaml.constructor import SafeConstructor
    from yaml.nodes import ScalarNode
    from yaml.resolver import Resolver

    class YAMLLimitError(ComposerError):
        """A document beyond what fazhi reads: too deep, too many nodes or aliases, a huge number, NaN."""

    class _BoundedComposer(Composer):
        """Composer that keeps count of what the document expands to, and stops past a budget."""

        def __init__(self) -> None:
            super().__init__()
            self._depth = 0
            self._aliases = 0
            self._nodes = 0
            self._chars = 0
            self._expanded: dict[str, tuple[int, int]] = {}  # anchor → (nodes, chars) it stands for

        def compose_node(self, parent, index):
            event = self.peek_event()
            if isinstance(event, yaml.AliasEvent):
                self._aliases += 1
                if self._aliases > MAX_ALIASES:
                    raise YAMLLimitError(None, None, f"more than {MAX_ALIASES:,} aliases", event.start_mark)
                if event.anchor in self.anchors and event.anchor not in self._expanded:
                    raise YAMLLimitError(None, None, f"alias *{_clip(event.anchor, 40)} refers to a node that contains it",
                                          event.start_mark)
                self._spend(*self._expanded.get(event.anchor, (0, 0)), event.start_mark)
                return super().compose_node(parent, index)
            if self._depth >= MAX_DEPTH:
                raise YAMLLimitError(None, None, f"nested more than {MAX_DEPTH} levels deep", event.start_mark)
            nodes, chars = self._nodes, self._chars
            self._spend(1, 0, event.start_mark)
            self._depth += 1
            node = super().compose_node(parent, index)
            self._depth -= 1
            if isinstance(node, ScalarNode):
                self._spend(0, len(node.value), event.start_mark)
                if node.tag in _NUMBER_TAGS and len(node.value) > MAX_NUMBER_CHARS:
                    raise YAMLLimitError(None, None, f"a number of {len(node.value):,} characters "
                                          f"(at most {MAX_NUMBER_CHARS})", event.start_mark)
                if node.tag in _NUMBER_TAGS and "nan" in node.value.lower():
                    # NaN passes every minimum and maximum a schema sets, and makes every score NaN.
                    raise YAMLLimitError(None, None, "not a number (.nan) where a number is expected", event.start_mark)
            if event.anchor is not None:
                self._expanded[event.anchor] = (self._nodes - nodes, self._chars - chars)
            return node

        def _spend(self, nodes: int, chars: int, mark) -> None:
            self._nodes += nodes
            self._chars += chars
            if self._nodes > MAX_NODES:
                raise YAMLLimitError(None, None, f"more than {MAX_NODES:,} values (counting what aliases repeat)", mark)
            if self._chars > MAX_CHARS:
                raise YAMLLimitError(None, None, f"more than {MAX_CHARS:,} characters of text (counting what aliases repeat)", mark)

    # libyaml's parser when it is built in (the events come from C; only composing is Python),
    # else PyYAML's own reader, scanner and parser.
    if getattr(yaml, "__with_libyaml__", False):
        from yaml._yaml import CParser

        class BoundedLoader(_BoundedComposer, CParser, SafeConstructor, Resolver):
            """yaml.SafeLoader's results, within the budgets above."""

            def __init__(self, stream):
                CParser.__init__(self, stream)
                _BoundedComposer.__init__(self)
                SafeConstructor.__init__(self)
                Resolver.__init__(self)
    else:  # pragma: no cover - PyYAML built without libyaml
        from yaml.parser import Parser
        from yaml.reader import Reader
        from yaml.scanner import Scanner

        class BoundedLoader(Reader, Scanner, Parser, _BoundedComposer, SafeConstructor, Resolver):
            """yaml.SafeLoader's results, within the budgets above."""

            def __init__(self, stream):
                Reader.__init__(self, stream)
                Scanner.__init__(self)
                Parser.__init__(self)
                _BoundedComposer.__init__(self)
                SafeConstructor.__init__(self)
                Resolver.__init__(self)

    return BoundedLoader


def load_own(text: str) -> object:
    """A YAML file that is no user's: fazhi's own (the shipped rules, the citations table) or
    labels made for it. yaml.SafeLoader's values without the budgets, by libyaml's loader
    where PyYAML has it built in (the same values, about four times as fast)."""
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def load(text: str, loader: type | None = None) -> tuple[object, yaml.Node | None]:
    """The document's value and its node tree (for line numbers), composed within the budgets.

    Raises yaml.YAMLError (YAMLLimitError past a budget) with ``problem`` and ``problem_mark``.
    """
    parser = (loader or bounded_loader())(text)
    try:
        node = parser.get_single_node()
        return (parser.construct_document(node) if node is not None else None), node
    finally:
        parser.dispose()


def load_json(text: str) -> object:
    """json.loads within the depth and number limits; raises ValueError (JSONDecodeError or JSONLimitError)."""

    def number(kind):
        def parse(literal: str):
            if len(literal) > MAX_NUMBER_CHARS:
                raise JSONLimitError(f"a number of {len(literal):,} digits (at most {MAX_NUMBER_CHARS})")
            return kind(literal)
        return parse

    def constant(name: str):
        raise JSONLimitError(f"{name} is not a JSON number")

    try:
        value = json.loads(text, parse_int=number(int), parse_float=number(float), parse_constant=constant)
    except RecursionError:  # the C decoder recurses once per level
        raise JSONLimitError(f"nested more than {MAX_DEPTH} levels deep") from None
    if _depth_over(value, MAX_DEPTH):
        raise JSONLimitError(f"nested more than {MAX_DEPTH} levels deep")
    return value


def _depth_over(value: object, limit: int) -> bool:
    """Whether lists and objects nest more than ``limit`` deep (walked without recursion)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        for child in children:
            if isinstance(child, (dict, list)):
                if depth + 1 > limit:
                    return True
                stack.append((child, depth + 1))
    return False


def _clip(text: str, limit: int) -> str:
    """``text`` on one line, cut in the middle to at most about ``limit`` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = limit * 2 // 3
    return f"{text[:head]} … {text[-(limit - head - 3):]}"


def short_repr(value: object, limit: int = 60) -> str:
    """repr() of a value from a user's file, short enough for a one-line error message.

    The repr of a large value is not built in full: containers are summarised first.
    """
    if isinstance(value, (list, tuple, dict, set)) and len(value) > 8:
        kind = type(value).__name__
        return f"<{kind} of {len(value):,} items>"
    if isinstance(value, str) and len(value) > limit:
        return repr(value[: limit - 10]) + f"…({len(value):,} characters)"
    return _clip(repr(value), limit)


def schema_message(error, limit: int = 200) -> str:
    """A jsonschema error's message, one line and clipped: it may quote the whole offending value."""
    return _clip(error.message, limit)
