"""``check`` with a scheduler: the articles to check are checked on the cluster's workers.

The driver validates the resources the articles cite (in blocks, on the cluster: the
engine's), and works out the keys their claims look up in resources too large to read
whole; each worker makes one checker a run, which takes the driver's validation counts,
finds those keys in one scan a resource, and checks the articles it is sent without a cache
of its own (the driver stores their outcomes in the project's).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import SourcecheckError
from .articles import Article, readable_ledgers
from .data import ScannedKeys, SourceData


@dataclass(frozen=True)
class WorkerSetup:
    """What the driver gives a cluster's workers for one run of ``check``."""

    root: Path
    run: str                    # a new name each run: a worker makes one checker a run
    texts: bool                 # whether the report shows the articles' texts
    problems: dict[str, int]    # SourceData.problem_counts of the cited packages
    scanned: frozenset[str]     # the resources found by scans, by their CSV's display path
    keys: ScannedKeys           # what the articles look up in those


def worker_setup(root: Path, texts: bool, data: SourceData, articles: Sequence[Article]) -> WorkerSetup:
    """The run of ``articles`` on the workers; their packages' resources validated here."""
    problems = data.problem_counts(sorted({name for article in articles for name in article.packages}))
    scanned = frozenset(resource.display for package in data.catalog.packages.values()
                        for resource in package.resources.values() if resource.scanned)
    return WorkerSetup(root, os.urandom(8).hex(), texts, problems, scanned,
                       data.scanned_keys(readable_ledgers(articles)))


_ON_WORKER: dict[str, tuple[Callable[[Article], Any], threading.Lock]] = {}  # this worker's run


def check_on_worker(start: Callable[[WorkerSetup], Callable[[Article], Any]], setup: WorkerSetup,
                    article: Article) -> tuple[Any, Any] | SourcecheckError:
    """A task on a cluster's worker: one article's outcome and text, checked by what
    ``start`` made for the run (once a run and worker), or the error that stopped it."""
    if setup.run not in _ON_WORKER:
        _ON_WORKER.clear()
        _ON_WORKER[setup.run] = start(setup), threading.Lock()
    check_one, lock = _ON_WORKER[setup.run]
    try:
        with lock:
            checked = check_one(article)
    except SourcecheckError as error:
        return error
    return checked.outcome, checked.text
