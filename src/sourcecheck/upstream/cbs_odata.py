"""``cbs-odata``: a CBS StatLine OData answer (``{"value": [row, ...]}``) as a CSV table.

Both OData v3 (``opendata.cbs.nl/ODataApi/odata/<table>/TypedDataSet``, one column per
dimension and topic) and v4 (``.../Observations``, one row per measure) answer with the
rows under ``value``; the metadata endpoints (``DataProperties``, a dimension's codes)
answer the same way.  The CSV's columns are the resource's fields, each read from the
row's property of that name.  An answer that is one page of a larger result (it has an
``odata.nextLink``) is refused: the local copy would silently miss the other pages.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .formats import FormatError, register
from .table import field_names, parse_json, write_csv

WHAT = "CBS OData"


def rows(body: bytes) -> list[dict[str, Any]]:
    """The rows of a CBS OData answer."""
    document = parse_json(body, WHAT)
    if not isinstance(document, dict) or not isinstance(document.get("value"), list):
        raise FormatError(f"not a {WHAT} answer: no \"value\" list of rows")
    if "odata.nextLink" in document or "@odata.nextLink" in document:
        raise FormatError(f"the {WHAT} answer is one page of a larger result (it names a next page): "
                          "select fewer rows ($filter or $select in the upstream's params)")
    found: list[dict[str, Any]] = []
    for number, row in enumerate(document["value"], start=1):
        if not isinstance(row, dict):
            raise FormatError(f"not a {WHAT} answer: row {number} of \"value\" is not an object")
        found.append(row)
    return found


def convert(body: bytes, resource: Mapping[str, Any]) -> bytes:
    """The CSV of the answer's rows, one column per field of ``resource``."""
    found = rows(body)
    names = field_names(resource)
    if names is None:
        names = list(found[0]) if found else []
    table = []
    for number, row in enumerate(found, start=1):
        missing = [name for name in names if name not in row]
        if missing:
            raise FormatError(f"row {number} of the {WHAT} answer has no {', '.join(map(repr, missing))}: "
                              "the table's columns changed upstream")
        table.append([row[name] for name in names])
    return write_csv(names, table)


register("cbs-odata", convert)
