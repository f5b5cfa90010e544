"""A claim's record read from a large resource without reading the resource whole.

The key columns are scanned in chunks of SCAN_ROWS rows (the other columns are not parsed),
their cells as written compared with the key; then the chunk that holds the first matching
row is read again with every column, and only that row is kept.  Memory stays within a
chunk whatever the file's size.  A rank reads the one column it compares, when it asks.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from .read import Dialect
from .record import Record

SCAN_ROWS = 1_000_000


def scan_record(resource: Any, parts: tuple[Any, ...]) -> Record | None:
    """The record of ``resource`` (a catalog Resource) whose primary key cells read as
    ``parts`` (each compared as written, ``str`` of a typed value), None when none does."""
    names = resource.primary_key
    wanted = ["" if part is None else _written(part) for part in parts]
    offset = 0
    for chunk in _chunks(resource, names):
        match = np.ones(len(chunk), dtype=bool)
        for name, value in zip(names, wanted, strict=True):
            match &= (chunk[name] == value).to_numpy(dtype=bool)
        hits = np.flatnonzero(match)
        if hits.size:
            return _record(resource, offset + int(hits[0]))
        offset += len(chunk)
    return None


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


def _record(resource: Any, row: int) -> Record:
    """The record at data row ``row`` (0-based), its cells as written."""
    offset = 0
    for chunk in _chunks(resource, None):
        if row < offset + len(chunk):
            cells = chunk.iloc[row - offset]
            raw = {name: str(cells[name]) if name in chunk.columns else "" for name in resource.fields}
            return Record(resource.package.info, resource.name, resource.display.replace("\\", "/"), row + 1, raw,
                          tuple(resource.primary_key), _Columns(resource))
        offset += len(chunk)
    raise LookupError(row)  # the file changed between the two reads
