"""A number token: one number-ish unit of a text, with its place, value and kind.

``tokens.py`` finds and reads them; ``phrases.py`` joins them into mentions
("1,5 miljoen", "4.000 tot 6.000", "twee op de drie").
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

# Kinds of token
DIGITS = "digits"      # 200.000, 40,2, 2014
TIME = "time"          # 22.00 (Dutch), 22:00
SLASH = "slash"        # 3/4
WORDS = "words"        # tweehonderdduizend, fifty-two (adjacent words are joined)
ARTICLE = "article"    # een, a, an: a number only inside a number phrase
ORDINAL = "ordinal"    # tweede, 4e, twentieth, fifths
HALF = "half"          # helft, half, anderhalf, kwart, quarter
DECADE = "decade"      # dertiger


@dataclass(slots=True)
class Token:
    start: int
    end: int
    kind: str
    value: Decimal
    half_unit: Decimal | None = None  # None: exact
    ambiguous: str | None = None
    plural: bool = False
    compact: bool = True  # a digit run without any separator (candidate year)
