"""Digits that name rather than count: "covid-19", "section 8", a list's "1. " at the start
of a line.  Like a web address, nothing in one is a number of the text."""

from __future__ import annotations

import re

# each alternative spans the name with its digits; written without IGNORECASE (slower)
_NAMED = re.compile(
    r"(?<![\w-])(?:[Cc][Oo][Vv][Ii][Dd]|COVID|SARS-CoV)-\d+(?!\d)"           # covid-19, SARS-CoV-2
    r"|(?<!\w)(?:[Ss]ection|[Cc]hapter|[Pp]aragraph|[Aa]rtikel|[Hh]oofdstuk|[Pp]aragraaf)"
    r"\s+\d+(?:\.\d+)*(?!\d|,\d)"                                                # section 8, artikel 5.2
    r"|^\d{1,2}[.)] (?=[A-Z])",                                                # 1. Main points
    re.MULTILINE)


def named_numbers(text: str) -> list[tuple[int, int]]:
    """(start, end) of every name of ``text`` whose digits are no number of the text."""
    return [m.span() for m in _NAMED.finditer(text)]
