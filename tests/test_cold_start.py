"""What keeps `fazhi`'s start cheap and could quietly come back (benchmarks/ measures the time)."""

from __future__ import annotations

import importlib
import pkgutil

import scorer.cli


def test_command_modules_keep_their_annotations_evaluated():
    # Typer reads every command's annotations at each start; as strings (a module with
    # `from __future__ import annotations`) each one is compiled and evaluated again.
    modules = [m.name for m in pkgutil.iter_modules(scorer.cli.__path__) if m.name == "app" or m.name.endswith("_cmd")]
    assert len(modules) >= 9
    for name in modules:
        module = importlib.import_module(f"scorer.cli.{name}")
        assert not hasattr(module, "annotations"), f"scorer/cli/{name}.py: drop `from __future__ import annotations`"
