"""Turn khabar's errors into one line on stderr and a non-zero exit."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import click

from khabar.errors import KhabarError


def friendly_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a command so that a KhabarError (or a broken pipe) ends it with one clear line."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except KhabarError as exc:
            raise click.ClickException(str(exc)) from None
        except BrokenPipeError:
            raise SystemExit(1) from None

    return wrapper
