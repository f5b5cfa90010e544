"""Source records as cache entries, and back: an article whose ledger and sources did not
change is checked from these without reading a CSV or importing a data library."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ..ledger.model import Ledger
from ..sources.record import PackageInfo, Record
from .codec import CorruptEntry

#: what a ledger's "records" entry holds for each claim: its records, or "lookup"
RANK = "lookup"


def package_data(package: PackageInfo) -> list[Any]:
    return [package.name, package.descriptor, package.provenance, package.units]


def package_from(data: Any) -> PackageInfo:
    name, descriptor, provenance, units = data
    if type(name) is not str or type(descriptor) is not dict or type(provenance) is not dict \
            or type(units) is not dict or not all(type(fields) is dict for fields in units.values()):
        raise CorruptEntry("not a stored package")
    return PackageInfo(name, descriptor, provenance, units)


def record_data(record: Record) -> list[Any]:
    """A record as JSON data: text and numbers only, by construction."""
    return [record.resource, record.path, int(record.row), {str(k): str(v) for k, v in record.raw.items()},
            list(record.key_fields)]


def record_from(data: Any, package: PackageInfo) -> Record:
    resource, path, row, raw, key_fields = data
    if type(raw) is not dict or not all(type(v) is str for v in raw.values()) or type(row) is not int:
        raise CorruptEntry("not a stored record")
    return Record(package, str(resource), str(path), row, raw, tuple(str(k) for k in key_fields))


def records_data(ledger: Ledger, records: Mapping[str, Sequence[Record | None]],
                 ranked: Callable[[str], bool]) -> tuple[dict[str, Any], dict[str, PackageInfo]]:
    """A ledger's records entry, and the packages its records belong to (stored apart, once
    per run); claims for which ``ranked(claim id)`` are stored as :data:`RANK`: a rank reads
    every row of its resource, and is looked up each time."""
    packages: dict[str, PackageInfo] = {}
    claims: dict[str, Any] = {}
    for claim in ledger.claims:
        if ranked(claim.id):
            claims[claim.id] = RANK
            continue
        claims[claim.id] = [None if r is None else record_data(r) for r in records[claim.id]]
        for record in records[claim.id]:
            if record is not None:
                packages[record.package.name] = record.package
    return {"packages": sorted(packages), "claims": claims}, packages


def records_from(stored: Any, ledger: Ledger, packages: Mapping[str, PackageInfo]
                 ) -> dict[str, list[Record | None] | str]:
    """The records of every claim of ``ledger`` (or :data:`RANK`), from its records entry
    and its ``packages`` (a CorruptEntry when one is missing)."""
    if type(stored) is not dict:
        raise CorruptEntry("not stored records")
    records: dict[str, list[Record | None] | str] = {}
    for claim in ledger.claims:
        entries = stored["claims"][claim.id]
        if entries == RANK:
            records[claim.id] = RANK
            continue
        if len(entries) != len(claim.references):
            raise CorruptEntry("not the ledger's references")
        records[claim.id] = [None if entry is None else record_from(entry, packages[ref.package])
                             for ref, entry in zip(claim.references, entries, strict=True)]
    return records
