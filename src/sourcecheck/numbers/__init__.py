"""Numbers in Dutch and English text: where they stand and what they mean."""

from __future__ import annotations

from pathlib import Path

from .mention import Kind, Mention, Qualifier


def extract(text: str, lang: str) -> list[Mention]:
    raise NotImplementedError("number extraction is being built (issue 3)")


def extract_file(path: Path, lang: str | None = None) -> list[Mention]:
    raise NotImplementedError("number extraction is being built (issue 3)")


__all__ = ["Kind", "Mention", "Qualifier", "extract", "extract_file"]
