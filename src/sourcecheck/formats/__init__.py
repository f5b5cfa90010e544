"""Report formatters, chosen by name: ``get_formatter("json")``."""

from __future__ import annotations

from ..errors import UsageError
from .base import Formatter
from .json import JSONFormatter
from .text import TextFormatter

FORMATTERS: dict[str, type[Formatter]] = {
    "text": TextFormatter,
    "json": JSONFormatter,
}


def get_formatter(name: str) -> Formatter:
    try:
        return FORMATTERS[name]()
    except KeyError:
        choices = ", ".join(sorted(FORMATTERS))
        raise UsageError(f"unknown format {name!r} (choose from {choices})") from None


__all__ = ["FORMATTERS", "Formatter", "get_formatter"]
