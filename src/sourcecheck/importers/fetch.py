"""One request of an importer: the address with its parameters, downloaded within the
limits of every remote access (sources/remote.py: http and https only, a size limit,
deadlines).  A failure is an InputError naming the address (exit 2)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from ..errors import InputError
from ..sources.remote import DownloadError, download


def address(url: str, params: Mapping[str, Any] | None = None) -> str:
    """``url`` with ``params`` as its query: a list value repeats its name (``geo=NL&geo=BE``);
    "$" and "," are left as they are (OData reads ``$format`` so)."""
    if not params:
        return url
    return f"{url}{'&' if '?' in url else '?'}{urlencode(dict(params), doseq=True, safe='$,')}"


def upstream(url: str, params: Mapping[str, str], format_name: str) -> dict[str, Any]:
    """The ``upstream`` of a resource, as ``sourcecheck refresh`` reads it (upstream/spec.py:
    one text value a parameter)."""
    return {"url": url, "params": dict(params), "format": format_name}


def get(url: str, params: Mapping[str, Any] | None = None) -> bytes:
    where = address(url, params)
    try:
        return download(where)
    except DownloadError as error:
        raise InputError(f"cannot fetch: {error}", where) from None
