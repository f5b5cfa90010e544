"""The retrieval record of a resource: when its local copy was fetched, and the validators
the server gave it (ETag, Last-Modified), which the next refresh sends back so that an
unchanged source costs no download.

    "retrieved": {"date": "2026-12-07", "etag": "\\"5f1c\\"", "last_modified": "Mon, 07 Dec 2026 ..."}

A package keeps its own ``retrieved`` (a date, part of its provenance); a resource's is
this object, written by ``refresh`` (and by the importers).  A resource written by hand
may have none, or a date string: both are read as a record without validators.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

RETRIEVED = "retrieved"


@dataclass(frozen=True)
class Retrieval:
    date: str | None = None
    etag: str | None = None
    last_modified: str | None = None

    def conditions(self) -> dict[str, str]:
        """The request headers of a conditional request for a copy retrieved so."""
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers

    def to_descriptor(self) -> dict[str, str]:
        """The record as written in the descriptor (absent validators left out)."""
        record = {"date": self.date, "etag": self.etag, "last_modified": self.last_modified}
        return {key: value for key, value in record.items() if value}


def retrieval_of(resource: Mapping[str, Any]) -> Retrieval:
    """The retrieval record of a resource descriptor (an empty one when it has none)."""
    value = resource.get(RETRIEVED)
    if isinstance(value, str):
        return Retrieval(date=value)
    if not isinstance(value, dict):
        return Retrieval()
    return Retrieval(*(value.get(key) if isinstance(value.get(key), str) else None
                       for key in ("date", "etag", "last_modified")))
