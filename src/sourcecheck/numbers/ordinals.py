"""Compound ordinals written in several words: "tweeduizend zestiende" (2016th), "two
hundred and fiftieth", "one hundred twenty-first", "one hundred twenty fifth",
"two hundredth".

A number word followed by an ordinal is a fraction only when the ordinal can be its
denominator ("twee derde", "three fifths").  It is a rank when the cardinal ends in a
scale word ("honderd", "duizend", "hundred", "thousand"...) and the ordinal is smaller
than that scale ("tweeduizend zestiende" is 2016th, not 2000/16), or, in English, when
it ends in a tens word and the ordinal is a unit ("one hundred twenty fifth" is 125th).
An English fraction with a numerator above one takes a plural denominator ("two
hundredths" is 0.02), so "two hundredth" is the 200th; "one hundredth" may be either
and is read as the fraction, flagged ambiguous.  A plural ordinal ("tweeduizend
zestienden", "twenty fifths") stays a fraction.  A number in words or digits before
a millionth or more is a rank: "18 miljoenste" is the 18,000,000th.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .draft import KIND, Draft
from .lookups import Lookups
from .numbertoken import DIGITS, ORDINAL, WORDS, Token

_TENS = frozenset(("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"))
_LAST_WORD = re.compile(r"[\s-]+")
_HALF = Decimal("0.5")
_MILLION = Decimal(10) ** 6


class OrdinalReading(Lookups):
    """The compound-ordinal reading of the phrase builder."""

    def _compound_ordinal(self, token: Token, following: int) -> Draft | None:
        """The rank of a cardinal and the ordinal after it, or None when they are no
        compound ordinal (``_denominator`` may then read a fraction)."""
        nxt = self.tokens[following]
        if token.kind not in (WORDS, DIGITS) or nxt.kind != ORDINAL or nxt.plural:
            return None
        cardinal, ordinal = token.value, nxt.value
        if cardinal != cardinal.to_integral() or cardinal < 1:
            return None
        gap = self.text[token.end:nxt.start].strip().lower()
        if gap not in ("", "-", *self.lex.joiners):
            return None
        if ordinal >= _MILLION and self._is_scale(ordinal) and 1 < cardinal < 1000 and gap == "":
            # "18 miljoenste", "two millionth": a fraction of a million is not written so
            return Draft(token.start, nxt.end, cardinal * ordinal, _HALF, KIND.RANK)
        if token.kind != WORDS:
            return None
        words = self.text[token.start:token.end].lower()
        last = _LAST_WORD.split(words)[-1]
        place = self._place(last)
        if place is not None and ordinal < place and cardinal % place == 0:
            value = cardinal + ordinal  # "tweeduizend zestiende", "two hundred and fiftieth"
        elif not self.lex.compound and gap != "-" and self._is_scale(ordinal) and 1 < cardinal < 10:
            value = cardinal * ordinal  # "two hundredth": a fraction would be "two hundredths"
        else:
            return None
        return Draft(token.start, nxt.end, value, _HALF, KIND.RANK)

    def _fraction_doubt(self, token: Token, following: int) -> str | None:
        """Why a fraction read from a cardinal and the ordinal after it may be a rank:
        "one hundredth" is 1/100, or the 100th ("the one hundredth day")."""
        nxt = self.tokens[following]
        if self.lex.compound or nxt.plural or token.value != 1 or not self._is_scale(nxt.value):
            return None
        words = self.text[token.start:nxt.end]
        return f"{words!r} may be the fraction 1/{nxt.value} or the rank {nxt.value}"

    def _place(self, last: str) -> Decimal | None:
        """The place value a cardinal's last word ends on: its scale ("duizend" in
        "tweeduizend", "hundred"), or ten for an English tens word ("twenty")."""
        for scale, multiplier in self.lex.scales.items():
            if multiplier >= 100 and len(scale) > 3 and last.endswith(scale) \
                    and (self.lex.compound or last == scale):
                return multiplier
        if not self.lex.compound and last in _TENS:
            return Decimal(10)
        return None

    def _is_scale(self, ordinal: Decimal) -> bool:
        return ordinal >= 100 and any(ordinal == multiplier for scale, multiplier in self.lex.scales.items()
                                      if len(scale) > 3)
