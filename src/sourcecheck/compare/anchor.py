"""Finding a claim again in an edited text, without ever hiding an edit of its number.

An anchor is a W3C TextQuoteSelector: ``prefix``, ``exact`` (the number as it was
written, qualifier words included) and ``suffix``.  The search, in order:

1. the context verbatim: every place where ``suffix`` stands with ``prefix`` shortly
   before it (the nearest one), either with ``exact`` between them (unchanged) or with
   something else between them (the number was edited);
2. only when step 1 finds nothing: the same, ignoring differences in whitespace.

Exactly one place found: the number read there is the claim's mention.  Several
places: the anchor is *ambiguous* (reported, never guessed).  None: the anchor is
*lost*.  There is no fuzzy matching: a look-alike sentence is never taken for the
claim's own, and a changed number is read as it now stands, then compared exactly.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from ..ledger.model import Anchor
from ..numbers.mention import Mention

#: How much longer than ``exact`` an edited number between prefix and suffix may be.
_GAP_SLACK = 60


class AnchorStatus(StrEnum):
    FOUND = "found"
    LOST = "lost"
    AMBIGUOUS = "ambiguous"
    NO_NUMBER = "no-number"  # the context is there but no number stands between it


@dataclass(frozen=True)
class Located:
    """Where an anchor was found and the number read there."""

    status: AnchorStatus
    mention: Mention | None = None
    text: str = ""           # what stands between prefix and suffix now
    start: int | None = None  # of that text
    end: int | None = None
    changed: bool = False    # whether ``text`` differs from the anchor's ``exact``
    places: tuple[int, ...] = ()  # start offsets of every place found (for ambiguity)


def locate(text: str, anchor: Anchor, mentions: Sequence[Mention]) -> Located:
    """Find ``anchor`` in ``text`` and read the mention standing there (see module doc)."""
    for tolerant in (False, True):
        places = _places(text, anchor, tolerant)
        if places:
            break
    if not places:
        return Located(AnchorStatus.LOST)
    if len(places) > 1:
        return Located(AnchorStatus.AMBIGUOUS, places=tuple(start for start, _ in places))
    start, end = places[0]
    found = text[start:end]
    changed = _squash(found) != _squash(anchor.exact)
    mention = _mention_in(mentions, start, end, found)
    if mention is None:
        return Located(AnchorStatus.NO_NUMBER, None, found, start, end, changed, (start,))
    return Located(AnchorStatus.FOUND, mention, found, start, end, changed, (start,))


def _places(text: str, anchor: Anchor, tolerant: bool) -> list[tuple[int, int]]:
    """Spans of what stands between prefix and suffix, at every place the context occurs.

    Each occurrence of the suffix is paired with the nearest occurrence of the prefix
    before it, no further away than the recorded text's length plus a margin.  An empty
    prefix means the start of the text, an empty suffix its end.
    """
    flags = re.DOTALL if tolerant else 0
    reach = len(anchor.exact) + _GAP_SLACK
    if not anchor.suffix:
        suffix_starts = [len(text)]
    elif tolerant:
        suffix_starts = [m.start() for m in re.finditer(f"(?={_pattern(anchor.suffix, tolerant)})", text, flags)]
    else:  # the exact words: str.find, no regular expression to compile per claim
        suffix_starts = _occurrences(text, anchor.suffix, 0, len(text), overlapping=True)
    prefix = re.compile(_pattern(anchor.prefix, tolerant), flags) if anchor.prefix and tolerant else None
    places = []
    for end in suffix_starts:
        if not anchor.prefix:
            start = 0 if 0 < end <= reach else None
        else:
            lowest = max(0, end - reach - len(anchor.prefix) - 8)
            # overlapping: the prefix nearest the suffix may overlap an earlier one
            if prefix is not None:
                found = _match_ends(prefix, text, lowest, end)
            else:
                found = [at + len(anchor.prefix) for at in
                         _occurrences(text, anchor.prefix, lowest, end, overlapping=True)]
            ends = [at for at in found if 0 < end - at <= reach]
            start = ends[-1] if ends else None
        if start is not None:
            places.append((start, end))
    return _distinct(places)


def _occurrences(text: str, part: str, start: int, end: int, *, overlapping: bool) -> list[int]:
    """Where ``part`` stands in ``text[start:end]``, as ``re.finditer`` on its escaped
    words finds it (with a lookahead when ``overlapping``)."""
    places = []
    at = text.find(part, start, end)
    while at >= 0:
        places.append(at)
        at = text.find(part, at + (1 if overlapping else len(part)), end)
    return places


def _match_ends(pattern: re.Pattern[str], text: str, start: int, end: int) -> list[int]:
    """Where each match of ``pattern`` in ``text[start:end]`` ends, overlapping ones included
    (``finditer`` goes on after a match's end, so it misses a match that starts inside it)."""
    ends = []
    match = pattern.search(text, start, end)
    while match is not None:
        ends.append(match.end())
        match = pattern.search(text, match.start() + 1, end)
    return ends


def _distinct(places: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """One place per prefix: the nearest suffix after it (a later repeat of the suffix
    words within reach is not a second place)."""
    nearest: dict[int, int] = {}
    for start, end in places:
        nearest[start] = min(end, nearest.get(start, end))
    return sorted(nearest.items())


def _pattern(part: str, tolerant: bool) -> str:
    if not tolerant:
        return re.escape(part)
    pieces = re.split(r"\s+", part)
    return r"\s+".join(re.escape(piece) for piece in pieces)


def _squash(text: str) -> str:
    return " ".join(text.split())


def _mention_in(mentions: Sequence[Mention], start: int, end: int, found: str) -> Mention | None:
    """The mention standing in [start, end): the one covering most of it.  A percentage
    stated without a figure (no value) is never a claim's number: nothing to compare."""
    best, best_overlap = None, 0
    for mention in mentions:
        if mention.end <= start or mention.start >= end or mention.value is None:
            continue  # no overlap (most of them: tested first, it is cheaper than the overlap)
        overlap = min(end, mention.end) - max(start, mention.start)
        if overlap > best_overlap or (overlap == best_overlap and overlap > 0 and mention.text == found):
            best, best_overlap = mention, overlap
    return best
