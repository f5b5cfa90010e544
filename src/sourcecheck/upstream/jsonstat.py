"""``eurostat-json-stat``: a JSON-stat 2.0 dataset (Eurostat's Statistics API) as a CSV table.

A dataset is a cube: ``id`` names its dimensions, ``size`` the number of categories of
each, ``dimension.<id>.category.index`` each category's position, and ``value`` (and
``status``, the flags) the cells, by their position in the cube counted row-major (the
last dimension fastest); Eurostat sends both as objects keyed by that position, leaving
empty cells out.  The table has one row per cell with a value or a flag: a column per
dimension (the category's code), then ``value`` and ``status``.
``eurostat-json-stat-labels`` gives the labels of the same answer: one row per
dimension and category (``dimension``, ``code``, ``label``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from .formats import FormatError, register
from .table import field_names, parse_json, write_csv

WHAT = "JSON-stat"
VALUE, STATUS = "value", "status"
LABEL_FIELDS = ["dimension", "code", "label"]


@dataclass(frozen=True)
class Dimension:
    id: str
    label: str
    codes: list[str]  # by position
    labels: dict[str, str]


@dataclass(frozen=True)
class Dataset:
    """What a JSON-stat dataset holds, checked."""

    label: str
    updated: str | None
    source: str | None
    dimensions: list[Dimension]
    values: dict[int, Any]
    statuses: dict[int, Any]

    def cells(self) -> Iterator[tuple[list[str], Any, Any]]:
        """(codes, value, status) of every cell with a value or a flag, in cube order."""
        positions = sorted(self.values.keys() | self.statuses.keys())
        if not positions:
            return
        # a position's index in each dimension, row-major (the last dimension fastest)
        indexes = np.unravel_index(np.array(positions, dtype=np.int64),
                                   tuple(len(dimension.codes) for dimension in self.dimensions))
        columns = [np.array(dimension.codes, dtype=object)[index].tolist()
                   for dimension, index in zip(self.dimensions, indexes, strict=True)]
        for position, codes in zip(positions, zip(*columns, strict=True), strict=True):
            yield list(codes), self.values.get(position), self.statuses.get(position)


def read(body: bytes) -> Dataset:
    """The dataset of a JSON-stat 2.0 answer; a FormatError saying what is wrong."""
    document = parse_json(body, WHAT)
    if not isinstance(document, dict):
        raise FormatError(f"not a {WHAT} answer: not an object")
    if document.get("class") != "dataset":
        problem = document.get("error") or document.get("label") or f"class {document.get('class')!r}"
        raise FormatError(f"not a {WHAT} dataset: {str(problem)[:300]}")
    ids, sizes, dimensions = document.get("id"), document.get("size"), document.get("dimension")
    if (not isinstance(ids, list) or not isinstance(sizes, list) or len(ids) != len(sizes)
            or not isinstance(dimensions, dict) or not all(isinstance(size, int) and size > 0 for size in sizes)):
        raise FormatError(f"not a {WHAT} dataset: \"id\", \"size\" and \"dimension\" do not agree")
    read_dimensions = [_dimension(str(name), dimensions.get(name), size) for name, size in zip(ids, sizes, strict=True)]
    cube = 1
    for size in sizes:
        cube *= size
    return Dataset(str(document.get("label") or ""), _text(document.get("updated")), _text(document.get("source")),
                   read_dimensions, _cells(document.get(VALUE), cube, VALUE),
                   _cells(document.get(STATUS), cube, STATUS))


def _text(value: Any) -> str | None:
    return str(value) if isinstance(value, str | int) and str(value).strip() else None


def _dimension(name: str, spec: Any, size: int) -> Dimension:
    category = spec.get("category") if isinstance(spec, dict) else None
    if not isinstance(category, dict):
        raise FormatError(f"not a {WHAT} dataset: dimension {name!r} has no category")
    index, labels = category.get("index"), category.get("label")
    labels = {str(code): str(label) for code, label in labels.items()} if isinstance(labels, dict) else {}
    if isinstance(index, list):
        codes = [str(code) for code in index]
    elif isinstance(index, dict):
        codes = [""] * len(index)
        for code, position in index.items():
            if not isinstance(position, int) or not 0 <= position < len(index) or codes[position]:
                raise FormatError(f"not a {WHAT} dataset: dimension {name!r} has a bad category index")
            codes[position] = str(code)
    elif len(labels) == 1:  # a single category may go without an index
        codes = list(labels)
    else:
        raise FormatError(f"not a {WHAT} dataset: dimension {name!r} has no category index")
    if len(codes) != size:
        raise FormatError(f"not a {WHAT} dataset: dimension {name!r} has {len(codes)} categories, "
                          f"its size says {size}")
    return Dimension(name, str(spec.get("label") or name), codes, labels)


def _cells(cells: Any, cube: int, what: str) -> dict[int, Any]:
    if cells is None:
        return {}
    if isinstance(cells, list):
        found = {position: cell for position, cell in enumerate(cells) if cell is not None}
    elif isinstance(cells, dict):
        found = {}
        for key, cell in cells.items():
            if not str(key).isdigit():
                raise FormatError(f"not a {WHAT} dataset: {what} key {str(key)[:40]!r} is no cell position")
            found[int(key)] = cell
    else:
        raise FormatError(f"not a {WHAT} dataset: {what!r} is neither a list nor an object")
    if any(position >= cube for position in found):
        raise FormatError(f"not a {WHAT} dataset: a {what} lies outside the cube of {cube:,} cells")
    return found


def default_fields(dataset: Dataset) -> list[str]:
    return [dimension.id for dimension in dataset.dimensions] + [VALUE, STATUS]


def convert(body: bytes, resource: Mapping[str, Any]) -> bytes:
    """One row per cell: the resource's fields, each a dimension's code, ``value`` or ``status``."""
    dataset = read(body)
    names = field_names(resource) or default_fields(dataset)
    known = default_fields(dataset)
    unknown = [name for name in names if name not in known]
    if unknown:
        raise FormatError(f"the {WHAT} dataset has no dimension {', '.join(map(repr, unknown))}: "
                          "the dataset's dimensions changed upstream")
    order = [known.index(name) for name in names]
    rows = ([[*codes, value, status][index] for index in order] for codes, value, status in dataset.cells())
    return write_csv(names, rows)


def convert_labels(body: bytes, resource: Mapping[str, Any]) -> bytes:
    """One row per dimension and category: its code and label."""
    dataset = read(body)
    rows = [[dimension.id, code, dimension.labels.get(code, "")]
            for dimension in dataset.dimensions for code in dimension.codes]
    return write_csv(LABEL_FIELDS, rows)


register("eurostat-json-stat", convert)
register("eurostat-json-stat-labels", convert_labels)
