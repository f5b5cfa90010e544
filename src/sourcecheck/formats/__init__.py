"""Report formatters, chosen by name: ``get_formatter("json")``.

Each formatter's module is imported when it is chosen: a run writes one format
(docs/performance.md, "Kept for speed").
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping

from ..errors import UsageError
from .base import Formatter

# name -> (module, class); the name is also the class's ``name``
_WHERE = {
    "text": ("text", "TextFormatter"),
    "json": ("json", "JSONFormatter"),
    "junit": ("junit", "JUnitFormatter"),
    "github": ("github", "GitHubFormatter"),
    "sarif": ("sarif", "SARIFFormatter"),
    "html": ("html", "HTMLFormatter"),
}


class _Formatters(Mapping[str, type[Formatter]]):
    """Every formatter class by name, each imported when first looked up."""

    def __getitem__(self, name: str) -> type[Formatter]:
        module, cls = _WHERE[name]
        return getattr(importlib.import_module(f"{__name__}.{module}"), cls)  # type: ignore[no-any-return]

    def __iter__(self) -> Iterator[str]:
        return iter(_WHERE)

    def __len__(self) -> int:
        return len(_WHERE)


FORMATTERS: Mapping[str, type[Formatter]] = _Formatters()


def get_formatter(name: str) -> Formatter:
    try:
        return FORMATTERS[name]()
    except KeyError:
        choices = ", ".join(sorted(FORMATTERS))
        raise UsageError(f"unknown format {name!r} (choose from {choices})") from None


__all__ = ["FORMATTERS", "Formatter", "get_formatter"]
