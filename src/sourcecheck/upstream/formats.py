"""The formats of an upstream response, by name: each turns the response's bytes into the
bytes of the resource's local file.

``"raw"`` (the default) keeps the bytes as they came: the local file is a byte copy of
the response.  An importer whose source answers in another format (CBS OData, Eurostat
JSON-stat) registers its converter under a name, which a resource's ``upstream`` then
names as its ``format``.  A converter is called as ``converter(body, resource)``, with
the resource's descriptor (a dict, read only), and raises :class:`FormatError` with a
sentence for the user when the body is not what it expects.

Converters live beside their importers; :data:`PROVIDERS` says which module registers a
format, imported the first time the format is asked for (so a refresh that needs no
importer loads none, and no importer module has to be imported by this one).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any

Converter = Callable[[bytes, Mapping[str, Any]], bytes]

RAW = "raw"

#: format name -> the module that registers it when imported
PROVIDERS: dict[str, str] = {}


class FormatError(ValueError):
    """A response that its format's converter cannot read, in words for the user."""


def raw(body: bytes, resource: Mapping[str, Any]) -> bytes:
    """The response as it came."""
    return body


_CONVERTERS: dict[str, Converter] = {RAW: raw}


def register(name: str, converter: Converter) -> None:
    """Make ``converter`` the format ``name`` (an importer calls this when imported)."""
    _CONVERTERS[name] = converter


def converter(name: str) -> Converter:
    """The converter of the format ``name``; a :class:`FormatError` naming the known ones
    when there is none."""
    if name not in _CONVERTERS and name in PROVIDERS:
        importlib.import_module(PROVIDERS[name])
    found = _CONVERTERS.get(name)
    if found is None:
        raise FormatError(f"unknown upstream format {name!r} (known: {', '.join(names())})")
    return found


def names() -> list[str]:
    """Every format name a resource may give (registered or provided)."""
    return sorted(set(_CONVERTERS) | set(PROVIDERS))
