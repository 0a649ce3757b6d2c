"""The `fazhi` command: wires the pipeline stages to the terminal; no logic of its own.

Exit codes: 0 pass, 1 a gate or threshold failed, 2 a usage, rule or input error (one
line on stderr: ``fazhi: error: <file or option>: <problem>``); `fazhi batch` adds 4,
"scored, but some files failed", and 130 when interrupted.
Each command group lives in its own module and registers itself on ``app``.

The command modules do without ``from __future__ import annotations``: Typer reads every
command's annotations at every start to build its options, and an annotation kept as a
string is compiled and evaluated each time (~3 ms of each `fazhi` command).
"""

from __future__ import annotations

import gc

# The cyclic garbage collector is off while the CLI's modules (Typer, Click, the commands)
# are imported: nothing they create is ever garbage, and the collector would walk it all
# again at each of the collections the import triggers. Then it is frozen (gc.freeze) so
# later collections skip it too: ~30 ms of a ~200 ms `fazhi score`.
gc.disable()
try:
    from scorer.cli.app import app, main  # noqa: F401  (re-exported entry point)
    from scorer.cli import score_cmd, rules_cmd, eval_cmd  # noqa: F401,E402  (register commands)
    from scorer.cli import batch_cmd  # noqa: F401,E402  (batch, history)
    from scorer.cli import check_cmd  # noqa: F401,E402  (fazhi check)
    from scorer.cli import report_cmd  # noqa: F401,E402  (fazhi report, fazhi memo)
    from scorer.cli import learn_cmd  # noqa: F401,E402  (fazhi learn train)
    from scorer.cli import serve_cmd  # noqa: F401,E402  (fazhi serve, fazhi reviews export)
finally:
    # Frozen before the collector is back on: otherwise its first collection, due at once
    # after so many allocations, walks everything just imported (~2 ms).
    gc.freeze()
    gc.enable()
