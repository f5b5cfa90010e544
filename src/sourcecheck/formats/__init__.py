"""Report formatters, chosen by name: ``get_formatter("json")``."""

from __future__ import annotations

from ..errors import UsageError
from .base import Formatter
from .github import GitHubFormatter
from .html import HTMLFormatter
from .json import JSONFormatter
from .junit import JUnitFormatter
from .sarif import SARIFFormatter
from .text import TextFormatter

FORMATTERS: dict[str, type[Formatter]] = {
    formatter.name: formatter
    for formatter in (TextFormatter, JSONFormatter, JUnitFormatter, GitHubFormatter, SARIFFormatter,
                      HTMLFormatter)
}


def get_formatter(name: str) -> Formatter:
    try:
        return FORMATTERS[name]()
    except KeyError:
        choices = ", ".join(sorted(FORMATTERS))
        raise UsageError(f"unknown format {name!r} (choose from {choices})") from None


__all__ = ["FORMATTERS", "Formatter", "get_formatter"]
