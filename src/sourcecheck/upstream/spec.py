"""A resource's ``upstream``: where its local copy comes from.

    "upstream": "https://example.org/table.csv"
    "upstream": {"url": "https://...", "headers": {"Accept": "text/csv"},
                 "params": {"geo": "NL"}, "format": "raw"}

The string form is the object with the address alone.  ``headers`` are sent with every
request for it, ``params`` added to the address's query, and ``format`` names the
converter from the response to the local file (:mod:`.formats`; ``"raw"``, a byte copy,
by default).  Only http and https addresses are allowed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

from ..sources.paths import is_fetchable
from .formats import RAW

UPSTREAM = "upstream"
_KEYS = frozenset({"url", "headers", "params", "format"})


class UpstreamInvalid(ValueError):
    """A resource's ``upstream`` that cannot be used, in words for the user."""


@dataclass(frozen=True)
class Upstream:
    url: str
    headers: dict[str, str] = field(default_factory=dict)
    params: dict[str, str] = field(default_factory=dict)
    format: str = RAW

    @property
    def address(self) -> str:
        """The address requested: ``url`` with ``params`` added to its query."""
        if not self.params:
            return self.url
        parts = urlsplit(self.url)
        query = "&".join(part for part in (parts.query, urlencode(self.params)) if part)
        return urlunsplit(parts._replace(query=query))


def upstream_of(resource: Mapping[str, Any]) -> Upstream | None:
    """The ``upstream`` of a resource descriptor (None when it names none); an
    :class:`UpstreamInvalid` saying what is wrong with one that cannot be used."""
    value = resource.get(UPSTREAM)
    if value is None:
        return None
    if isinstance(value, str):
        value = {"url": value}
    if not isinstance(value, dict):
        raise UpstreamInvalid("upstream must be an address or an object with a url")
    unknown = sorted(set(value) - _KEYS)
    if unknown:
        raise UpstreamInvalid(f"upstream has unknown key(s) {', '.join(unknown)} "
                              f"(known: {', '.join(sorted(_KEYS))})")
    url = value.get("url")
    if not isinstance(url, str) or not is_fetchable(url):
        raise UpstreamInvalid(f"upstream url must be an http or https address, not {str(url)[:200]!r}")
    format_name = value.get("format", RAW)
    if not isinstance(format_name, str) or not format_name:
        raise UpstreamInvalid("upstream format must be a format's name")
    return Upstream(url, _strings(value, "headers"), _strings(value, "params"), format_name)


def _strings(value: Mapping[str, Any], key: str) -> dict[str, str]:
    found = value.get(key, {})
    if not isinstance(found, dict) or not all(isinstance(k, str) and isinstance(v, str | int | float)
                                              and not isinstance(v, bool) for k, v in found.items()):
        raise UpstreamInvalid(f"upstream {key} must be an object of names and text values")
    return {k: str(v) for k, v in found.items()}
