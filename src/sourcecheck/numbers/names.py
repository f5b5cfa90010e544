"""Digits that name rather than count: "covid-19", "section 8", "school year six", a list's
"1. " at the start of a line.  Like a web address, nothing in one is a number of the text."""

from __future__ import annotations

import re

_VIRUS = re.compile(r"(?:[Cc][Oo][Vv][Ii][Dd]|SARS-CoV)-\d+(?!\d)")         # covid-19, SARS-CoV-2
_SECTION = re.compile(r"(?:[Ss]ection|[Cc]hapter|[Pp]aragra(?:ph|af)|[Aa]rtikel|[Hh]oofdstuk)"
                      r"\s+\d+(?:\.\d+)*(?!\d|,\d)")                         # section 8, artikel 5.2
_SCHOOL_YEAR = re.compile(r"[Ss]chool year\s+(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine"
                          r"|ten|eleven|twelve|thirteen)(?!\w)")                # a class, not a count
# (a part of the name found by str.find, how far before it the name starts, the name);
# a scan with the patterns at every place took most of a text's reading time
_TRIGGERS = (("ovid-", 1, _VIRUS), ("OVID-", 1, _VIRUS), ("SARS-CoV-", 0, _VIRUS),
             ("ection", 1, _SECTION), ("hapter", 1, _SECTION), ("aragra", 1, _SECTION),
             ("rtikel", 1, _SECTION), ("oofdstuk", 1, _SECTION), ("chool year", 1, _SCHOOL_YEAR))
_LIST_MARKER = re.compile(r"\n\d{1,2}[.)] (?=[A-Z])")  # "1. Main points": "\n" first, a fast search


def named_numbers(text: str) -> list[tuple[int, int]]:
    """(start, end) of every name of ``text`` whose digits are no number of the text."""
    first = _LIST_MARKER.match("\n" + text[:5])  # the first line has no line break before it
    spans = [(0, first.end() - 1)] if first else []
    spans += [(m.start() + 1, m.end()) for m in _LIST_MARKER.finditer(text)]
    for part, back, pattern in _TRIGGERS:
        at = text.find(part)
        while at != -1:
            start = at - back
            if start >= 0 and not (start and (text[start - 1].isalnum() or text[start - 1] in "-_")):
                name = pattern.match(text, start)
                if name:
                    spans.append(name.span())
            at = text.find(part, at + 1)
    return spans

