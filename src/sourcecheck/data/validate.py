"""``sourcecheck validate``: every package, resource and pandera schema of a project.

Findings (exit 1) are problems inside the data: a descriptor that is not JSON, a
missing or unsafe CSV, a cell of the wrong type, a schema that does not load.
Errors (exit 2) stop the run before any package is read: no project folder, an
unreadable pyproject.toml, no ``datapackages`` folder.
"""

from __future__ import annotations

from os import PathLike

import numpy as np

from ..findings import Finding
from ..project import Project
from ..report import Report
from .foreignkeys import check_foreign_keys
from .package import Resource, load_catalog
from .pandera_schemas import load_schema, run_schema, schema_files

LOCATOR = "locator"


def validate(path: str | PathLike[str] = ".", *, allow_remote: bool = False) -> Report:
    """Validate every data package of the project at ``path``; all findings, lazily.

    Raises :class:`sourcecheck.errors.InputError` when the project cannot be read.
    """
    project = Project.load(path)
    catalog = load_catalog(project, allow_remote=allow_remote)
    findings: list[Finding] = list(catalog.findings)
    schemas = {(s.package, s.resource): s
               for s in schema_files(project.schemas, catalog.relative)}
    for package in catalog.packages.values():
        for resource in package.resources.values():
            findings.extend(_validate_resource(resource, schemas.get((package.name,
                                                                      resource.name))))
    for (package_name, resource_name), schema in schemas.items():
        if (catalog.resource(package_name, resource_name) is None
                and package_name not in catalog.unreadable):
            findings.append(Finding(
                "SC203", f"the schema is for resource {resource_name!r} of package "
                f"{package_name!r}, which does not exist", path=schema.display))
    return Report("validate", findings)


def _validate_resource(resource: Resource, schema: object) -> list[Finding]:
    if not resource.usable:
        return []
    table = resource.table
    findings = list(table.findings)
    findings.extend(check_foreign_keys(
        table.frame, resource.schema, display=resource.display, first_row=table.first_row,
        reference=lambda name: _frame_of(resource, name)))
    findings.extend(_locator_findings(resource))
    if schema is None:
        findings.append(Finding("SC202", f"resource {resource.package.name}.{resource.name} has "
                                f"no pandera schema ({resource.package.name}.{resource.name}"
                                ".yaml in the schemas folder)", path=resource.display))
        return findings
    loaded, problem = load_schema(schema)  # type: ignore[arg-type]
    if problem is not None:
        return [*findings, problem]
    findings.extend(run_schema(loaded, table.frame, resource.display, table.blank,
                               table.first_row))
    return findings


def _frame_of(resource: Resource, name: str) -> object:
    """The typed frame of resource ``name`` of the same package ("" is ``resource``)."""
    if not name:
        return resource.frame
    other = resource.package.resources.get(name)
    return other.frame if other is not None and other.usable else None


def _locator_findings(resource: Resource) -> list[Finding]:
    """Every row must say where in the source its figure stands (the ``locator`` column)."""
    if LOCATOR not in resource.fields:
        return [Finding("SC130", f"the resource has no {LOCATOR!r} column saying where in the "
                        "source each row's figure stands", path=resource.display)]
    table = resource.table
    empty = table.empty.get(LOCATOR)
    if empty is None:
        return []
    if table.blank is not None and len(table.blank) == len(empty):
        empty = empty & ~table.blank
    return [Finding("SC130", "the row does not say where in the source its figure stands",
                    path=resource.display, row=int(i) + table.first_row, field=LOCATOR)
            for i in np.flatnonzero(empty)]
