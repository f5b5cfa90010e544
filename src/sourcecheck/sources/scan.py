"""Claims' records read from a large resource without reading the resource whole.

The key columns are scanned in chunks of SCAN_ROWS rows (the other columns are not parsed),
their cells as written compared with the keys; then the chunks that hold the first matching
rows are read again with every column, and only those rows are kept.  Memory stays within
a chunk whatever the file's size.  The keys of every claim of a run are sought in one scan
(:func:`scan_records`); a key asked for later, alone (:meth:`Scanner.get`).  A rank reads
the one column it compares, when it asks.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from .read import Dialect
from .record import Record

SCAN_ROWS = 1_000_000


class Scanner:
    """The records of one resource (a catalog Resource) found by scans, by their keys."""

    def __init__(self, resource: Any) -> None:
        self._resource = resource
        self._found: dict[tuple[str, ...], Record | None] = {}

    def prefetch(self, keys: Iterable[tuple[Any, ...]]) -> None:
        """Find the records of ``keys`` (one part per key field) in one scan."""
        wanted = [parts for parts in keys if written_key(parts) not in self._found]
        if wanted:
            self._found.update(scan_records(self._resource, wanted))

    def get(self, parts: tuple[Any, ...]) -> Record | None:
        """The record whose primary key cells read as ``parts`` (each compared as written,
        ``str`` of a typed value), None when none does."""
        self.prefetch([parts])
        return self._found[written_key(parts)]


def written_key(parts: tuple[Any, ...]) -> tuple[str, ...]:
    """A key's parts as its cells are written."""
    return tuple("" if part is None else _written(part) for part in parts)


def scan_records(resource: Any, keys: Iterable[tuple[Any, ...]]) -> dict[tuple[str, ...], Record | None]:
    """The record of each key of ``keys`` (by :func:`written_key`), in two passes over the
    file whatever their number: the key columns, then the rows found."""
    wanted = {written_key(parts) for parts in keys}
    names = resource.primary_key
    first: dict[tuple[str, ...], int] = {}
    offset = 0
    for chunk in _chunks(resource, names) if wanted else ():
        columns = [chunk[name].to_numpy(dtype=object) for name in names]
        if len(names) == 1:
            hits = np.flatnonzero(pd.Series(columns[0]).isin([key[0] for key in wanted]).to_numpy(dtype=bool))
        else:
            hits = np.flatnonzero(pd.MultiIndex.from_arrays(columns).isin(list(wanted)))
        for hit in hits:
            first.setdefault(tuple(str(column[hit]) for column in columns), offset + int(hit))
        offset += len(chunk)
        if len(first) == len(wanted):
            break
    records = _records(resource, sorted(set(first.values())))
    return {key: records[first[key]] if key in first else None for key in wanted}


def _written(part: Any) -> str:
    if isinstance(part, bool):
        return "true" if part else "false"
    if isinstance(part, float) and part.is_integer():
        return str(int(part))
    return str(part)


def _chunks(resource: Any, columns: list[str] | None) -> Iterator[pd.DataFrame]:
    dialect = Dialect.from_descriptor(resource.descriptor.get("dialect"))
    options = dialect.pandas_options()
    with pd.read_csv(resource.path, dtype=str, keep_default_na=False, na_filter=False, usecols=columns,
                     chunksize=SCAN_ROWS, skip_blank_lines=False, engine="c", on_bad_lines="skip",
                     encoding=resource.descriptor.get("encoding") or "utf-8-sig", **options) as reader:
        yield from reader


class _Columns(Mapping[str, Sequence[str]]):
    """Every row's cells of a field as written, read (that column alone) when a claim asks
    for them: what a rank compares."""

    def __init__(self, resource: Any) -> None:
        self._resource = resource
        self._read: dict[str, list[str]] = {}

    def __getitem__(self, name: str) -> Sequence[str]:
        if name not in self._resource.fields:
            raise KeyError(name)
        if name not in self._read:
            self._read[name] = [str(cell) for chunk in _chunks(self._resource, [name]) for cell in chunk[name]]
        return self._read[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._resource.fields)

    def __len__(self) -> int:
        return len(self._resource.fields)


def _records(resource: Any, rows: list[int]) -> dict[int, Record]:
    """The records at data rows ``rows`` (0-based, ascending), their cells as written."""
    found: dict[int, Record] = {}
    if not rows:
        return found
    columns = _Columns(resource)
    offset = 0
    for chunk in _chunks(resource, None):
        for row in rows[len(found):]:
            if row >= offset + len(chunk):
                break
            cells = chunk.iloc[row - offset]
            raw = {name: str(cells[name]) if name in chunk.columns else "" for name in resource.fields}
            found[row] = Record(resource.package.info, resource.name, resource.display.replace("\\", "/"), row + 1,
                                raw, tuple(resource.primary_key), columns)
        offset += len(chunk)
        if len(found) == len(rows):
            return found
    raise LookupError(rows[len(found)])  # the file changed between the two reads
