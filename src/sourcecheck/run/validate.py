"""``sourcecheck validate``: every package, resource and pandera schema of a project.

Findings (exit 1) are problems inside the data: a descriptor that is not JSON, a
missing or unsafe CSV, a cell of the wrong type, a schema that does not load.
Errors (exit 2) stop the run before any package is read: no project folder, an
unreadable pyproject.toml, no ``datapackages`` folder.
"""

from __future__ import annotations

from os import PathLike

from .. import limits
from ..project import Project
from ..report import Report
from ..sources.catalog import load_catalog
from ..sources.validate import validate_catalog
from .data import describe_sources


def validate(path: str | PathLike[str] = ".", *, allow_remote: bool = False, texts: bool = False) -> Report:
    """Validate every data package of the project at ``path``; all findings (``texts``:
    and each package's provenance and resources, for the reports that show them).

    Raises :class:`sourcecheck.errors.InputError` when the project cannot be read.
    """
    project = Project.load(path)
    limits.apply(project)
    catalog = load_catalog(project, allow_remote=allow_remote)
    report = Report("validate", validate_catalog(project, catalog))
    if texts:
        report.sources = describe_sources(catalog)
    return report
