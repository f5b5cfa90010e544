"""sourcecheck: every number in an article tied to a record in a Frictionless data package.

    >>> import sourcecheck
    >>> report = sourcecheck.check(".")          # claims against data
    >>> report = sourcecheck.validate(".")       # data packages and schemas only
    >>> mentions = sourcecheck.extract("Slechts 3% koos voor Poetin.", lang="nl")
"""

from __future__ import annotations

import os

from .codes import CODES, Code, Severity
from .compare.outcome import Coverage
from .errors import (
    ConfigError,
    InputError,
    LedgerError,
    PackageError,
    SourcecheckError,
    UnsafePathError,
    UsageError,
)
from .findings import Finding
from .interval import Interval
from .numbers.mention import Kind, Mention, Qualifier
from .report import Report

__version__ = "0.1.0"


# The three entry points import their stage on first use, so that
# ``import sourcecheck`` (and ``sourcecheck extract``) stay light.
def check(path: str | os.PathLike[str] = ".", *, allow_remote: bool = False,
          cache: bool = True, workers: int | None = 1, texts: bool = False,
          scheduler: str | None = None, memory_budget: int | None = None) -> Report:
    """Check every claim of every article in the project at ``path``.

    Results whose inputs are unchanged are reused from ``.sourcecheck-cache/`` unless
    ``cache`` is False (see ``sourcecheck.run.cache``).  A large project's articles are
    shared out among up to ``workers`` processes (None: one per CPU; Linux only).
    ``texts`` adds the articles' texts and the packages' provenance to the report.
    ``scheduler`` and ``memory_budget``: as for :func:`validate` (docs/scale.md).
    """
    from .run.check import check as run

    return run(path, allow_remote=allow_remote, cache=cache, workers=workers, texts=texts,
               scheduler=scheduler, memory_budget=memory_budget)


def validate(path: str | os.PathLike[str] = ".", *, allow_remote: bool = False, texts: bool = False,
             scheduler: str | None = None, memory_budget: int | None = None) -> Report:
    """Validate every data package of the project at ``path`` against its schemas
    (``texts``: the report carries each package's provenance, for HTML and JUnit).
    ``scheduler`` (``tcp://host:port`` or ``local``) runs the checks on a dask cluster;
    ``memory_budget`` (bytes) validates larger resources block by block (docs/scale.md)."""
    from .run.validate import validate as run

    return run(path, allow_remote=allow_remote, texts=texts, scheduler=scheduler, memory_budget=memory_budget)


def extract(text: str, lang: str) -> list[Mention]:
    """Every number in ``text`` (``lang`` is "nl" or "en"), in order of position."""
    from .numbers.extractor import extract as run

    return run(text, lang)

__all__ = [
    "CODES",
    "Code",
    "ConfigError",
    "Coverage",
    "Finding",
    "InputError",
    "Interval",
    "Kind",
    "LedgerError",
    "Mention",
    "PackageError",
    "Qualifier",
    "Report",
    "Severity",
    "SourcecheckError",
    "UnsafePathError",
    "UsageError",
    "check",
    "extract",
    "validate",
]
