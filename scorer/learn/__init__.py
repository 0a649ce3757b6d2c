"""The learned signal: a sentence classifier per requirement, trained on labelled real reports.

`features` turns a sentence into the model's features (shared by training and scoring,
so both see the same thing); `model` loads the shipped weights and scores sentences
with no scikit-learn at run time; `train` fits the weights from the real-text corpus
(`fazhi learn train`), cross-validating what the signal adds before it fits.
"""

from __future__ import annotations

from scorer.errors import FazhiError

LEARN_EXTRA = "pip install 'fazhi[learn]'"


def require_learn_extra(what: str, *modules: str) -> None:
    """jieba and scikit-learn are an optional extra: the default install scores without
    them (the learned model is scored in pure Python). Say so plainly when a feature that
    needs them is asked for."""
    import importlib.util

    missing = [m for m in modules if importlib.util.find_spec(m) is None]
    if missing:
        raise FazhiError(what, f"needs {', '.join(missing)}, which the default install leaves out: {LEARN_EXTRA}")
