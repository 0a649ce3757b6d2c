"""The report's JSON is json.dumps(indent=2)'s text, written without its generators (batch speed)."""

from __future__ import annotations

import enum
import json
from collections import OrderedDict

import pytest

from scorer.render.json_report import dumps_indented, render, to_dict


def _std(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


def test_a_report_json_is_what_json_dumps_writes(seed_results):
    for result in seed_results.values():
        assert render(result) == _std(to_dict(result))


class Level(enum.IntEnum):
    core = 3


class Name(str):
    pass


AWKWARD = [
    {},
    [],
    (),
    [[]],
    {"a": {}, "b": [[], {}], "c": [[1, 2], [3]]},
    (1, (2, ("x",))),
    ["引号\"、反斜杠\\、换行\n、制表\t、\b\f\r", "\x00\x1b\x1f\x7f", "\u2028\u2029", "\U0001F600", "é"],
    [0.0, -0.0, 1e-05, 1e-7, 0.0001, 2.5e-4, 72.5, 1 / 3, 1e16, 1.2345678901234568e16, 1e300, -1e-300],
    [float("nan"), float("inf"), float("-inf")],
    [True, False, None, 0, -1, 2**64, Level.core],
    {1: "int", 2.5: "float", True: "bool", None: "none", "s": Name("sub")},
    OrderedDict([("z", 1), ("a", [OrderedDict()])]),
    "just a string",
    12,
    None,
]


@pytest.mark.parametrize("value", AWKWARD, ids=range(len(AWKWARD)))
def test_the_same_text_as_json_dumps_for_awkward_values(value):
    assert dumps_indented(value) == _std(value)


@pytest.mark.parametrize("value", [{1, 2}, {(1, 2): "tuple key"}, [object()]])
def test_what_json_cannot_hold_is_a_type_error_as_there(value):
    with pytest.raises(TypeError):
        _std(value)
    with pytest.raises(TypeError):
        dumps_indented(value)
