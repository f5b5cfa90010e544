"""A ledger's reference to the record it names: a LedgerError when it names nothing known."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import LedgerError, PackageError
from ..ledger.model import Reference
from .record import Record

if TYPE_CHECKING:  # the catalog module imports pandas; a lookup needs only the object
    from .catalog import Catalog


def find_record(catalog: Catalog, ref: Reference, ledger: str) -> Record | None:
    """The record ``ref`` names in ``catalog``, None when its resource has no such row.

    A package, resource or field that does not exist is the ledger's mistake (a
    :class:`LedgerError` naming ``ledger`` and the reference's line); a package whose
    descriptor cannot be read is the data's (a :class:`PackageError`).
    """
    package = catalog.packages.get(ref.package)
    if package is None:
        if ref.package in catalog.unreadable:
            raise PackageError(f"package {ref.package!r} cannot be read: {_load_problem(catalog, ref.package)} "
                               "(run `sourcecheck validate`)", ledger, ref.line)
        known = ", ".join(sorted(catalog.packages)) or "none"
        raise LedgerError(f"unknown package {ref.package!r} (known: {known})", ledger, ref.line)
    resource = package.resources.get(ref.resource)
    if resource is None:
        known = ", ".join(sorted(package.resources)) or "none"
        raise LedgerError(f"package {ref.package!r} has no resource {ref.resource!r} (known: {known})",
                          ledger, ref.line)
    if ref.field not in resource.fields:
        raise LedgerError(f"{ref.package}/{ref.resource} has no field {ref.field!r} "
                          f"(fields: {', '.join(resource.fields)})", ledger, ref.line)
    key = ref.key
    if isinstance(key, dict):
        unknown = [name for name in key if name not in resource.fields]
        if unknown:
            raise LedgerError(f"{ref.package}/{ref.resource} key names unknown field(s) {', '.join(unknown)}",
                              ledger, ref.line)
    try:
        return resource.lookup(list(key) if isinstance(key, tuple) else key)
    except (KeyError, ValueError, TypeError) as error:
        raise LedgerError(f"{ref.package}/{ref.resource}: key {key!r} does not fit the primary key "
                          f"{resource.primary_key}: {error}", ledger, ref.line) from None


def _load_problem(catalog: Catalog, package: str) -> str:
    """The first finding that kept ``package``'s descriptor from loading, as one line."""
    folder = f"{catalog.relative(catalog.folder / package)}/"
    for finding in catalog.findings:
        if (finding.path or "").startswith(folder):
            return f"{finding.location}: {finding.code} {finding.message}"
    return "its descriptor did not load"
