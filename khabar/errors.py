"""Every error khabar raises on purpose. The CLI turns each into one line on stderr, never a traceback.

    KhabarError
    ├── InputError          an input file or text khabar cannot read (missing, binary, not UTF-8, empty)
    ├── PipelineError       a pipeline built with a stage whose requirements no earlier stage provides
    ├── ModelError          a shipped model or lexicon is missing or unreadable
    ├── StoreError          the corpus database cannot be opened, migrated or queried
    └── QueryError          a search query khabar cannot run (with a hint how to write it)
"""

from __future__ import annotations


class KhabarError(Exception):
    """Base class: the message is complete and meant for the user."""


class InputError(KhabarError):
    """An input that cannot be processed; the message names the input and the problem."""

    def __init__(self, source: str, problem: str, hint: str | None = None) -> None:
        self.source = source
        self.problem = problem
        self.hint = hint
        message = f"{source}: {problem}"
        if hint:
            message += f" ({hint})"
        super().__init__(message)


class PipelineError(KhabarError):
    """A pipeline whose stages do not fit together."""


class ModelError(KhabarError):
    """A packaged model or lexicon that cannot be loaded."""


class StoreError(KhabarError):
    """A corpus database problem."""


class QueryError(KhabarError):
    """A query that cannot be run as written."""
