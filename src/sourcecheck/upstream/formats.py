"""The converters an ``upstream`` names in its ``format``: the body a source answers with,
turned into the bytes of the local file (a CSV table).

A resource's ``upstream`` is an address, or ``{"url": ..., "headers": {...}, "params":
{...}, "format": NAME}``; "raw" (the default) keeps the body as it is.  A converter is
given the body and the resource's descriptor (the columns it writes are the schema's
fields), and raises :class:`FormatError` when the body is not what the format says.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .cbs_odata import convert as cbs_odata
from .errors import FormatError
from .jsonstat import convert as eurostat_json_stat
from .jsonstat import convert_labels as eurostat_json_stat_labels

Converter = Callable[[bytes, Mapping[str, Any]], bytes]

__all__ = ["FORMATS", "Converter", "FormatError", "converter"]


def _raw(body: bytes, resource: Mapping[str, Any]) -> bytes:
    return body


FORMATS: dict[str, Converter] = {
    "raw": _raw,
    "cbs-odata": cbs_odata,
    "eurostat-json-stat": eurostat_json_stat,
    "eurostat-json-stat-labels": eurostat_json_stat_labels,
}


def converter(name: str) -> Converter:
    """The converter called ``name``; a FormatError naming the known ones otherwise."""
    try:
        return FORMATS[name]
    except KeyError:
        raise FormatError(f"unknown upstream format {name!r} (known: {', '.join(sorted(FORMATS))})") from None
