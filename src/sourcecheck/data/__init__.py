"""Data packages: load them with frictionless, read resources into pandas, validate."""

from __future__ import annotations

from os import PathLike

from ..report import Report


def validate(path: str | PathLike[str] = ".", *, allow_remote: bool = False) -> Report:
    raise NotImplementedError("validation is being built (issue 2)")
