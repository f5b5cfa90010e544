"""``sourcecheck validate``: every package, resource and pandera schema of a project.

Findings (exit 1) are problems inside the data: a descriptor that is not JSON, a
missing or unsafe CSV, a cell of the wrong type, a schema that does not load.
Errors (exit 2) stop the run before any package is read: no project folder, an
unreadable pyproject.toml, no ``datapackages`` folder.
"""

from __future__ import annotations

from os import PathLike

from .. import limits
from ..config import engine_options
from ..project import Project
from ..report import Report
from ..sources.catalog import load_catalog
from ..sources.validate import validate_catalog
from .data import describe_sources
from .engine import Engine


def validate(path: str | PathLike[str] = ".", *, allow_remote: bool = False, texts: bool = False,
             scheduler: str | None = None, memory_budget: int | None = None,
             block_size: int | None = None) -> Report:
    """Validate every data package of the project at ``path``; all findings (``texts``:
    and each package's provenance and resources, for the reports that show them).

    ``scheduler`` (a dask scheduler's address, or ``local``) validates the resources in
    blocks on a dask cluster; ``memory_budget`` (bytes) validates here, in blocks of
    ``block_size`` bytes, each resource too large to be checked whole within it
    (run/engine.py).  The findings are the same.

    Raises :class:`sourcecheck.errors.InputError` when the project cannot be read.
    """
    project = Project.load(path)
    limits.apply(project)
    scheduler, memory_budget = engine_options(project, scheduler, memory_budget)
    catalog = load_catalog(project, allow_remote=allow_remote)
    with Engine(scheduler, memory_budget, block_size) as engine:
        report = Report("validate", validate_catalog(project, catalog, engine.check))
    if texts:
        report.sources = describe_sources(catalog)
    return report
