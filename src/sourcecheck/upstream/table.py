"""The local file a converter writes: a UTF-8 CSV whose columns are the resource's fields.

Numbers keep the digits the source wrote (JSON is read with decimals, so "12.30" stays
"12.30": the check reads a figure's precision from its written digits); an absent value
is an empty cell; text is stripped of the padding some sources add to codes.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from .formats import FormatError


def parse_json(body: bytes, what: str) -> Any:
    """The JSON document ``body``, numbers with a fraction as Decimals."""
    try:
        return json.loads(body.decode("utf-8-sig"), parse_float=Decimal)
    except UnicodeDecodeError as error:
        raise FormatError(f"not a {what} answer: byte {error.start} is not UTF-8") from None
    except json.JSONDecodeError as error:
        raise FormatError(f"not a {what} answer: not JSON (line {error.lineno}, column {error.colno}: "
                          f"{error.msg})") from None
    except RecursionError:
        raise FormatError(f"not a {what} answer: JSON nested too deep") from None


def field_names(resource: Mapping[str, Any]) -> list[str] | None:
    """The names of the resource's fields in order, None when it has no inline schema."""
    schema = resource.get("schema")
    if not isinstance(schema, Mapping) or not isinstance(schema.get("fields"), list):
        return None
    names = [spec.get("name") for spec in schema["fields"] if isinstance(spec, Mapping)]
    return [name for name in names if isinstance(name, str)] or None


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")  # "12.30" as written; never an exponent
    return str(value).strip()


def write_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([cell(value) for value in row] for row in rows)
    return buffer.getvalue().encode("utf-8")
