"""Claims: tie each statistic of an article to its source record, and check it."""

from __future__ import annotations

from os import PathLike

from ..report import Report


def check(path: str | PathLike[str] = ".", *, allow_remote: bool = False) -> Report:
    raise NotImplementedError("the claims check is being built (issue 4)")
