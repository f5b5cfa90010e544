"""Fractions in number phrases: "de helft", "een half miljoen", "twee derde", "vijf
achtsten", "three quarters", "two hundred point zero three", and a whole number
followed by a fraction ("drie en een kwart", "2 1/4").
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from operator import attrgetter

from ..interval import half_unit
from .draft import KIND, QUALIFIER, Draft, ratio
from .lexicon import LEXICONS, Lexicon
from .lookups import Lookups
from .numbertoken import HALF, ORDINAL, WORDS, Token
from .values import read_cardinal

_KIND_OF = attrgetter("kind")
_SCALED_HALF_OF = attrgetter("scaled_half")


class FractionReading(Lookups):
    """The fraction readings of the phrase builder."""

    def _half(self, token: Token, start: int, following: int) -> tuple[Draft, int]:
        """"de helft", "een half", "anderhalf miljoen", "half a dozen"."""
        value, end, kind = token.value, token.end, KIND.FRACTION if token.value < 1 else KIND.COUNT
        scale = self._after(self.ctx.article_scale, end)
        half = None  # a fraction is exact: "de helft" is 0.5
        if scale:
            factor = self.lex.scales[scale.group(1).lower()]
            # "een half miljoen" is 0.5 million as written: its last digit a tenth of a million
            exponent = value.as_tuple().exponent
            half = factor * half_unit(exponent if isinstance(exponent, int) else 0)
            value *= factor
            end, kind = scale.end(), KIND.COUNT
        if start == token.start and self._before(self.ctx.the_before, start):
            start = self._before(self.ctx.the_before, start).start()  # type: ignore[union-attr]
        draft = Draft(start, end, value, half, kind, scaled_half=scale is not None)
        if scale is not None:
            self._money_of(draft)  # "een half miljoen euro"
        return draft, following

    def _spoken_decimals(self, token: Token, following: int) -> tuple[Decimal, Decimal, int] | None:
        """"two hundred point zero three", "min vijf komma vijf": digits said one by one."""
        point = self._after(self.ctx.point, token.end)
        nxt = self._token_at(following, point.end(), (WORDS,)) if point else None
        if nxt is None or token.value != token.value.to_integral():
            return None
        digits = ""
        for word in self.text[nxt.start:nxt.end].split():
            value = read_cardinal(word, self.lex)
            if value is None or not 0 <= value < 100:
                return None
            digits += str(int(value))
        sign = -1 if token.value < 0 else 1
        return (token.value + sign * Decimal("0." + digits), half_unit(-len(digits)),
                nxt.end)

    def _split_joined(self, token: Token) -> tuple[Decimal | None, Decimal, str]:
        """(whole, last part, whole's words) of "one hundred and three": a fraction
        word after it belongs to the last part only ("one hundred and three quarters")."""
        if token.kind != WORDS:
            return None, token.value, ""  # digits: "3 miljoen", most scaled numbers
        split = _joined_pattern(self.lex.lang).fullmatch(self.text, token.start, token.end)
        if split:
            whole = read_cardinal(split.group(1), self.lex)
            last = read_cardinal(split.group(2), self.lex)
            if whole is not None and last is not None and last < 10:
                return whole, last, split.group(1)
        return None, token.value, ""

    def _denominator(self, token: Token, following: int) -> Draft | None:
        """"twee derde", "vijf achtsten", "three quarters", "one hundred and three quarters"."""
        if following >= len(self.tokens) or self.tokens[following].kind not in (ORDINAL, HALF):
            return None  # the common case: no fraction word follows
        gap = self._after(self.ctx.denominator_gap, token.end)
        nxt = self._token_at(following, gap.end(), (ORDINAL, HALF)) if gap else None
        if nxt is None or self.text[token.end:nxt.start].strip() not in ("", "-", "/"):
            return None
        whole, numerator, whole_words = self._split_joined(token)
        if nxt.kind == ORDINAL:
            if not (nxt.value >= 3 or nxt.plural) or nxt.value == 0:
                return None
            fraction = ratio(numerator, nxt.value)
        else:
            if self.text[nxt.start:nxt.end].lower() not in self.lex.multiplier_words:
                return None  # "driekwart", "anderhalf" are whole fractions
            fraction = numerator * nxt.value
        if whole is None:
            return Draft(token.start, nxt.end, fraction, None, KIND.FRACTION)
        scale = trailing_scale(whole_words, self.lex)
        value = whole + fraction * scale if scale >= 1000 else whole + fraction
        return Draft(token.start, nxt.end, value, None, KIND.COUNT)


@cache
def _joined_pattern(lang: str) -> re.Pattern[str]:
    """Number words joined by the language's joiner: "one hundred and three"."""
    joiner = "|".join(LEXICONS[lang].joiners)
    return re.compile(rf"(.*\S)\s+(?:{joiner})\s+(\S+)", re.IGNORECASE | re.DOTALL)


def merge_mixed_numbers(drafts: list[Draft], text: str, lex: Lexicon) -> list[Draft]:
    """"drie en een kwart", "twintig drie vijfde", "2 1/4": a whole number and a fraction."""
    # Only a scaled half or a fraction can be merged into the draft before it (a few
    # drafts in a text): they are found by list.index over the kinds and the flags
    # (in C, not a Python step per draft); the drafts between are copied as they are
    takers = _places(list(map(_KIND_OF, drafts)), KIND.FRACTION)
    halves = list(map(_SCALED_HALF_OF, drafts))
    if True in halves:
        takers = sorted({*takers, *_places(halves, True)})
    if not takers:
        return drafts
    joiner = "|".join(lex.joiners)
    merged: list[Draft] = []
    copied = 0
    for at in takers:
        merged += drafts[copied:at]
        copied = at + 1
        draft = drafts[at]
        previous = merged[-1] if merged else None
        if (previous is not None and draft.scaled_half and previous.kind == KIND.COUNT
                and previous.qualifier == QUALIFIER.NONE and previous.value == previous.value.to_integral()
                and re.fullmatch(rf"\s+(?:{joiner})\s+", text[previous.end:draft.start], re.IGNORECASE)):
            scale = trailing_scale(text[draft.start:draft.end], lex)
            if trailing_scale(text[previous.start:previous.end], lex) >= 1000:
                previous.value += draft.value      # "een miljard en een half miljoen"
            else:
                previous.value = previous.value * scale + draft.value  # "five and a half million"
            previous.end, previous.half_unit = draft.end, None
            continue
        if (previous is not None and draft.kind == KIND.FRACTION and not draft.link
                and previous.kind == KIND.COUNT and draft.value < 1 and draft.qualifier == QUALIFIER.NONE
                and previous.value == previous.value.to_integral()
                and re.fullmatch(rf"\s+(?:(?:{joiner})\s+)?", text[previous.end:draft.start], re.IGNORECASE)):
            sign = -1 if previous.value < 0 else 1
            scale = trailing_scale(text[previous.start:previous.end], lex)
            joined = re.search(rf"(?:{joiner})", text[previous.end:draft.start], re.IGNORECASE)
            fraction = draft.value * scale if scale >= 1000 and joined else draft.value
            previous.value = previous.value + sign * fraction
            previous.end, previous.half_unit, previous.kind = draft.end, None, KIND.COUNT
            continue
        merged.append(draft)
    merged += drafts[copied:]
    return merged


def _places(items: list[object], wanted: object) -> list[int]:
    """Where ``wanted`` stands in ``items``, in order."""
    places = []
    at = -1
    try:
        while True:
            at = items.index(wanted, at + 1)
            places.append(at)
    except ValueError:
        return places


def trailing_scale(words: str, lex: Lexicon) -> Decimal:
    """The scale word a number ends in ("3 miljoen" -> 10^6), else 1."""
    last = re.split(r"[\s-]+", words.strip().lower())[-1]
    return lex.scales.get(last, Decimal(1)) if len(last) > 1 else Decimal(1)
