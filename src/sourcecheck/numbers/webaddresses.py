"""Web addresses in a text: digits and percent signs inside one are not numbers of the text."""

from __future__ import annotations

import re

from .candidates import encoded

_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


def web_addresses(text: str) -> list[tuple[int, int]]:
    """(start, end) of every web address of ``text``: nothing in one is a number of the text."""
    # the encoded copy holds "://" and "www." where the text does, and only there; a "/"
    # is looked for first, as most texts have none (docs/performance.md)
    scan = encoded(text)
    if (b"/" in scan and b"://" in scan) or b"www." in scan:
        return [m.span() for m in _URL.finditer(text)]
    return []
