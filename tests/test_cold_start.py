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


def test_fazhi_score_on_a_text_report_imports_only_what_it_needs(tmp_path):
    # Each of these is imported only by the command, format or file type that needs it
    # (rich is not among them: the terminal table is always laid out by rich):
    # together they were most of a ~1 s start once (benchmarks/README.md).
    import os
    import subprocess
    import sys
    from pathlib import Path

    seed = Path(__file__).resolve().parent.parent / "seeds" / "000_37099fbd818ace80.txt"
    heavy = ("zipfile", "jsonschema", "yaml", "charset_normalizer", "jinja2",
             "openpyxl", "xlsxwriter", "docx", "lxml", "bs4", "pdfplumber", "pypdf", "orjson", "sklearn", "jieba")
    code = (
        "import sys\n"
        "from scorer.cli import app\n"
        "from typer.testing import CliRunner\n"
        f"res = CliRunner().invoke(app, ['score', {str(seed)!r}])\n"
        "assert res.exit_code == 0, res.output\n"
        f"print(sorted(m for m in {heavy!r} if m in sys.modules))\n"
    )
    # (in an empty folder: a .fazhi.yaml around the checkout would rightly bring in yaml)
    # The second start of a cache of its own, as after an install: the first fills it (the
    # rules validated, which needs yaml and jsonschema). A shared user cache can have lost this
    # ruleset's file to other rule folders in use (it keeps the few used last).
    env = {**os.environ, "FAZHI_CACHE_DIR": str(tmp_path / "cache")}
    for start in ("first", "second"):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                             cwd=tmp_path, env=env)
        assert out.returncode == 0, f"{start} start: {out.stderr}"
    assert out.stdout.strip() == "[]"
