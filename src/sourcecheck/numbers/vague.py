"""Percentages stated without a figure: "een klein percentage", "a small percent", "the %".

A fact-checker wants these: the sentence makes a quantitative claim but hides its
figure.  They become mentions of kind percent whose ``value``, ``low`` and ``high``
are None (the claims check reports them as notes and never links or compares them).

Rules (tested in tests/numbers/test_numbers_vague.py):

* the words are the language's percent words ("procent", "percent", "per cent",
  "percentage", "percents") as whole words, or a "%" that stands alone (white space
  or punctuation on both sides, not glued to a letter or digit);
* never when a number is attached: a percent word inside a number's mention
  ("44%", "70 procent", "percentage van 30"), right after a number ("4,5 %" read
  otherwise, "4.5 percentage points") or right before one ("percent of 10",
  "procent 12") is left alone;
* "percentage point(s)" / "procentpunt" is a difference of percentages, not a percentage;
* nothing inside a web address ("?q=30%25%2020%").

The span is the percent word or sign alone ("a small percent" gives "percent").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import cache
from operator import attrgetter
from typing import Protocol

from .candidates import encoded, marked
from .lexicon import LEXICONS
from .webaddresses import web_addresses


class _Span(Protocol):
    """A number's place: a mention, or anything else with a start and an end."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


# A "%" on its own, or a whole percent word.  "%" glued to a letter or digit on either
# side ("50%", "%20", "x%") is a number's sign or an escape, not a vague percentage.
_SIGN = r"(?<![\w%])%(?![\w%])"


@cache
def _pattern(lang: str) -> re.Pattern[str]:
    words = sorted({w for w in LEXICONS[lang].percent_words if w != "%" and w != "pct"} | {"percentage"},
                   key=len, reverse=True)
    alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(rf"{_SIGN}|(?<![\w%])(?:{alternatives})(?!\w)(?!\s+points?\b)", re.IGNORECASE)


# A number right after the word ("percent of 10", "percentage van 30", "procent 12"):
# the figure is attached even where the extractor did not join the two.
_NUMBER_AFTER = re.compile(r"\s*(?:(?:of|van)\s+)?[-+−]?[\d½¼¾]", re.IGNORECASE)
_NUMBER_BEFORE = re.compile(r"[\d½¼¾]\s*$")


def vague_percent_spans(text: str, lang: str, taken: Sequence[_Span],
                        urls: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """(start, end) of every percent word or sign of ``text`` with no number attached.

    ``taken`` are the text's number mentions (anything with ``start`` and ``end``), in
    order of place; a percent word inside or next to one of them belongs to that number.
    Nothing inside a web address counts (``urls``: ``webaddresses.web_addresses(text)``,
    found here when not given).
    """
    candidates = _candidates(text)
    if not candidates:
        return []
    if urls is None:
        urls = web_addresses(text)
    pattern = _pattern(lang)
    spans: list[tuple[int, int]] = []
    for position in candidates:
        match = pattern.match(text, position)
        if match is None or (spans and position < spans[-1][1]):
            continue
        start, end = match.span()
        if any(url_start <= start < url_end for url_start, url_end in urls):
            continue
        if _next_to_number(text, start, end, taken):
            continue
        spans.append((start, end))
    return spans


def _candidates(text: str) -> list[int]:
    """Where a percent word or sign may start: "%" searched in the encoded text, the
    words in the marked text (``candidates.encoded``, ``candidates.marked``), not a
    case-insensitive pattern tried at every position (docs/performance.md)."""
    find = encoded(text).find
    positions = []
    at = find(b"%")
    while at != -1:
        positions.append(at)
        at = find(b"%", at + 1)
    # the marked text starts with a space: a place in it is one past the text's
    positions.extend(match.start() - 1 for match in _PER_CENT.finditer(marked(text)))
    return sorted(positions)


# "procent", "percent", and "per cent" with any white space between, over the marked
# text: a literal first byte is searched for in C (docs/performance.md).  There white
# space, like every character that is no letter or digit (and every one beyond
# Latin-1), is a space, and ASCII letters are in lower case (more candidates, never
# fewer: each is matched again on the text itself).
_PER_CENT = re.compile(b"p(?:ro|er) *cent")


def _next_to_number(text: str, start: int, end: int, taken: Sequence[_Span]) -> bool:
    """Whether the percent word at [start, end) belongs to a number: inside a mention,
    right after one, right before one ("percent of 10"), or next to digits."""
    # bisected by key: a few starts read per word, not every mention's start per text
    index = bisect.bisect_right(taken, start, key=_START_OF)
    if index:  # the last mention starting at or before the word
        number_end = taken[index - 1].end
        if number_end > start or not text[number_end:start].strip():
            return True  # inside it, or "4.5 percentage points", "44 %" read otherwise
    if index < len(taken):
        number_start = taken[index].start
        if number_start < end or _OF_GAP.fullmatch(text, end, number_start):
            return True  # "percent of twenty"
    if _NUMBER_BEFORE.search(text, max(0, start - 8), start):
        return True
    return _NUMBER_AFTER.match(text, end) is not None


_START_OF: attrgetter[int] = attrgetter("start")
_OF_GAP = re.compile(r"\s*(?:(?:of|van)\s+)?", re.IGNORECASE)
