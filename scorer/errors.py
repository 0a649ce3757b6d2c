"""The one error the engine raises for bad user input.

The engine never prints or exits; the CLI turns a FazhiError into one line on stderr
and exit code 2. ``str(err)`` is that line without the program prefix.
"""

from __future__ import annotations


class FazhiError(Exception):
    """A problem with something the user gave us: a file, a rule, an option."""

    def __init__(self, subject: str, problem: str):
        self.subject = subject  # the file, rule or option at fault
        self.problem = problem  # what is wrong, and where possible how to fix it
        super().__init__(f"{subject}: {problem}")


class InputError(FazhiError):
    """A report file that cannot be read as a report."""


class RuleError(FazhiError):
    """A rules file that does not follow the rule schema."""
