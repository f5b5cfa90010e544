"""Writing an imported table as a data package: ``package new`` (sources/new_package.py)
writes the CSVs, the inferred Table Schemas and the pandera stubs; this adds what the
statistics office says about each field (title, description, unit), the keys it defines,
the table's own modification date and each resource's ``upstream``.

A published table is revised where it is published, so nothing here may turn a revision
into an invalid package: only key fields are required, no value is required unique
unless it is the key, and the pandera stubs have no ranges (the figures they would bound
are the ones a revision changes).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from .. import limits, textfile
from ..errors import InputError
from ..project import Project
from ..sources.catalog import DESCRIPTOR
from ..sources.new_package import NewPackage, Provenance, WrittenResource, new_package
from .fetch import address


@dataclass(frozen=True)
class FieldInfo:
    title: str = ""
    description: str = ""
    unit: str = ""


@dataclass(frozen=True)
class ImportedTable:
    """One resource of the imported package: its CSV (as the upstream's converter wrote
    it), what the source says about it, and where refresh fetches it again."""

    name: str
    data: bytes
    upstream: dict[str, Any]
    title: str = ""
    description: str = ""
    key: tuple[str, ...] = ()
    fields: dict[str, FieldInfo] = field(default_factory=dict)
    references: dict[str, tuple[str, str]] = field(default_factory=dict)  # field -> (resource, its key field)


@dataclass(frozen=True)
class Published:
    """Where the table is published, and the version of it the package holds."""

    title: str
    publisher: str
    address: str
    modified: str | None = None   # the table's modification date, as the source states it
    delivery: str | None = None   # why it was last delivered (CBS: "Actualisering", "Correctie")


def project_of(project: Project | str | os.PathLike[str]) -> Project:
    """The project at ``project``, its limits (downloads included) made the current ones."""
    found = project if isinstance(project, Project) else Project.find(project)
    limits.apply(found)
    return found


def write(name: str, tables: Sequence[ImportedTable], published: Published, *,
          project: Project | str | os.PathLike[str] = ".", force: bool = False) -> NewPackage:
    """Write ``datapackages/<name>/`` holding ``tables``, then describe it as published."""
    with tempfile.TemporaryDirectory(prefix="sourcecheck-import-") as folder:
        paths = []
        for table in tables:
            path = Path(folder) / f"{table.name}.csv"
            path.write_bytes(table.data)
            paths.append(path)
        written = new_package(name, paths, Provenance(published.title, published.publisher, published.address),
                              project=project, force=force)
    descriptor_path = written.path / DESCRIPTOR
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    by_name = {table.name: table for table in tables}
    _describe(descriptor, by_name, published)
    _save(descriptor_path, json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n")
    keys = {table.name: set(table.key) for table in tables}
    for stub in written.schemas:
        resource = stub.name.removeprefix(f"{name}.").removesuffix(".yaml")
        _save(stub, _stub_without_ranges(stub.read_text(encoding="utf-8"), keys.get(resource, set())))
    return replace(written, resources=tuple(_summarised(resource, by_name[resource["name"]])
                                            for resource in descriptor["resources"]))


def _summarised(resource: dict[str, Any], table: ImportedTable) -> WrittenResource:
    return WrittenResource(table.name, resource["locator"], len(resource["schema"]["fields"]), table.key,
                           tuple(f"{name} -> {target}.{key}" for name, (target, key) in table.references.items()),
                           ())


def _save(path: Path, text: str) -> None:
    try:
        textfile.write_atomically(path, text, overwrite=True)
    except OSError as error:
        raise InputError(f"cannot write: {error.strerror}", path) from None


def _describe(descriptor: dict[str, Any], by_name: dict[str, ImportedTable], published: Published) -> None:
    source = descriptor["sources"][0]
    if published.modified:
        descriptor["modified"] = source["modified"] = published.modified
    if published.delivery:
        source["delivery"] = published.delivery
    for resource in descriptor["resources"]:
        table = by_name[resource["name"]]
        if table.title:
            resource["title"] = table.title
        if table.description:
            resource["description"] = table.description
        resource["locator"] = address(table.upstream["url"], table.upstream.get("params"))
        resource["upstream"] = table.upstream
        schema = resource["schema"]
        inferred_key = schema.get("primaryKey") or []
        for spec in schema["fields"]:
            constraints = spec.get("constraints", {})
            if spec["name"] not in table.key:
                constraints.pop("required", None)
            if spec["name"] in inferred_key and list(table.key) != inferred_key:
                constraints.pop("unique", None)
            if not constraints:
                spec.pop("constraints", None)
            info = table.fields.get(spec["name"])
            for attribute in ("title", "description", "unit"):
                if info is not None and getattr(info, attribute):
                    spec[attribute] = getattr(info, attribute)
        if table.key:
            schema["primaryKey"] = list(table.key)
        else:
            schema.pop("primaryKey", None)
        # the keys the source defines, not the ones inference guessed from the values
        schema.pop("foreignKeys", None)
        if table.references:
            schema["foreignKeys"] = [{"fields": [name], "reference": {"resource": resource, "fields": [key]}}
                                     for name, (resource, key) in table.references.items()]


_STUB_HEADER = """\
# Rules for {csv}, drafted by `sourcecheck import`.
# Types, required cells and keys are in the resource's Table Schema (datapackage.json);
# every dtype here is null.  The table is fetched again by `sourcecheck refresh`, and its
# publisher revises figures: no range is set, so that a revision is a change to review,
# not an invalid table.  docs/validation.md ("A pandera schema file") lists the rules.
"""


def _stub_without_ranges(text: str, key: set[str]) -> str:
    """The stub ``package new`` wrote, its ranges left out and every column but the key's
    allowed to be empty."""
    first = next(line for line in text.splitlines() if line.startswith("# Rules for "))
    csv = first.removeprefix("# Rules for ").split(", drafted by")[0]
    document = yaml.safe_load("\n".join(line for line in text.splitlines() if not line.startswith("#")))
    for column, entry in (document.get("columns") or {}).items():
        for bound in ("greater_than_or_equal_to", "less_than_or_equal_to", "in_range"):
            entry.pop(bound, None)
        if column not in key:
            entry["nullable"] = True
    return _STUB_HEADER.format(csv=csv) + yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)
