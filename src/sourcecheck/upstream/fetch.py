"""One upstream fetched again: a conditional request, the response converted to the
local file's bytes.

The request carries the ETag and Last-Modified of the last retrieval only while the local
file is still the one retrieved then (it matches its pinned hash, or none is pinned): a
file edited since must be fetched whole, not answered "not modified".  Every request goes
through :func:`sourcecheck.sources.remote.fetch` (http and https only, the download size
and time limits of ``[tool.sourcecheck.limits]``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..limits import Limits
from ..sources.remote import DownloadError, fetch
from .formats import FormatError, converter
from .retrieval import Retrieval
from .spec import Upstream


@dataclass(frozen=True)
class Fetched:
    """The answer for one upstream: ``data`` is None when the server said "not modified"."""

    data: bytes | None
    retrieval: Retrieval  # the validators the server gave (the old ones on a 304)


class FetchFailed(Exception):
    """An upstream that could not be fetched or converted, in words for the user."""


def fetch_upstream(upstream: Upstream, resource: Mapping[str, Any], previous: Retrieval, *,
                   conditional: bool, today: str, limits: Limits | None = None) -> Fetched:
    """Fetch ``upstream`` (conditionally when ``conditional``, with the validators of
    ``previous``) and convert the response by its format."""
    headers = dict(upstream.headers)
    if conditional:
        headers.update(previous.conditions())
    try:
        convert = converter(upstream.format)
        response = fetch(upstream.address, headers, limits)
    except (DownloadError, FormatError) as error:
        raise FetchFailed(str(error)) from None
    if response.status == 304:
        return Fetched(None, previous)
    retrieval = Retrieval(today, response.headers.get("etag"), response.headers.get("last-modified"))
    try:
        return Fetched(convert(response.body, resource), retrieval)
    except FormatError as error:
        raise FetchFailed(f"the response is not {upstream.format}: {error}") from None
