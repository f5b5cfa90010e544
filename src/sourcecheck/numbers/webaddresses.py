"""Web addresses in a text: digits and percent signs inside one are not numbers of the text."""

from __future__ import annotations

import re

from .candidates import encoded

_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


def web_addresses(text: str) -> list[tuple[int, int]]:
    """(start, end) of every web address of ``text``: nothing in one is a number of the text."""
    # Asked of the encoded copy: searching it costs a fraction of searching a text with
    # any character beyond Latin-1.  It holds "://" and "www." where the text does, and
    # only there (a "/" is looked for first: a single byte is found many times faster,
    # and most texts have none).
    scan = encoded(text)
    if (b"/" in scan and b"://" in scan) or b"www." in scan:
        return [m.span() for m in _URL.finditer(text)]
    return []
