"""The one Jinja2 environment every HTML renderer uses: autoescape on, undefined names an error.

Templates live in ``templates/`` at the repository root; an installed wheel carries them
as ``scorer/builtin_templates``; ``FAZHI_TEMPLATES`` points elsewhere. Report text is
untrusted: templates never apply ``|safe`` to it.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup

from scorer.sanitize import visible

_CHECKOUT_TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
_PACKAGED_TEMPLATES = Path(__file__).resolve().parents[1] / "builtin_templates"  # inside an installed wheel
TEMPLATES_DIR = Path(
    os.environ.get("FAZHI_TEMPLATES")
    or (_CHECKOUT_TEMPLATES if _CHECKOUT_TEMPLATES.is_dir() else _PACKAGED_TEMPLATES)
)


@lru_cache(maxsize=1)
def environment():
    """The jinja2 Environment (jinja2 is imported here: knowing TEMPLATES_DIR does not need it)."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    return Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,  # every {{ }} is escaped, whatever the template's file name
        undefined=StrictUndefined,  # a typo in a template fails the render instead of printing nothing
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=shown,
    )


def shown(value):
    """Every {{ }} value: report text is escaped by autoescape, and its control characters
    (ESC, NUL, bidi overrides…) are shown as escapes rather than passed into the page.
    Our own Markup (the dashboard's pinned script) is left as it is."""
    if type(value) is str:  # nearly every value, and nearly always printable: no further call (~1,400 a gap report)
        return value if value.isprintable() else visible(value)
    if isinstance(value, str) and not isinstance(value, Markup):
        return visible(value)
    return value


def render_template(name: str, **context) -> str:
    return environment().get_template(name).render(**context)
