"""What follows or precedes a number and gives it a unit or a kind of its own: money
("€ 2,5 miljoen", "2,5 miljoen euro", "$3m": kind amount, unit the ISO 4217 code, the
sign or word in the span), percentage points ("0,3 procentpunt", "5pp") and multiples
("nine times as many", "drie keer zo groot": a ratio, kind fraction).

A lower-case "m" glued to a number is metres (no number: "29m"), but a million after a
currency sign ("$3m") and, in English, after a number with decimals ("59.5m", flagged:
it may be metres).
"""

from __future__ import annotations

import re

from .draft import KIND, Draft
from .lookups import Lookups
from .numbertoken import Token


class UnitReading(Lookups):
    """The unit readings of the phrase builder."""

    def _currency(self, draft: Draft, left: frozenset[str], right: frozenset[str]) -> bool:
        """Money: the sign or code before the number ("€ 2,5 miljoen", "US$ 4bn") or the
        word after it ("2,5 miljoen euro") is part of the span and names the unit."""
        ctx = self.ctx
        if "currency_before" in left and (money := self._search_before(ctx.currency_before, draft.start, 6)):
            draft.kind, draft.start = KIND.AMOUNT, money.start()
            draft.unit = self.lex.currency_codes.get(money.group(1).lower())
            return True
        if "currency_after" in right and (money := self._match_after(ctx.currency_after, draft.end)):
            draft.kind, draft.end = KIND.AMOUNT, money.end()
            draft.unit = self.lex.currency_codes.get(money.group().strip().lower())
            return True
        return False

    def _unit_after(self, draft: Draft, right: frozenset[str]) -> bool:
        """A multiple ("nine times as many") or percentage points ("0,3 procentpunt") after
        the number: the kind set and the span taken in."""
        ctx = self.ctx
        multiple = self._match_after(ctx.multiple, draft.end) if "multiple" in right else None
        if multiple:
            draft.end, draft.kind, draft.half_unit = multiple.end(), KIND.FRACTION, None
            return True
        point = self._match_after(ctx.percentage_point, draft.end) if "percentage_point" in right else None
        if point:
            draft.end, draft.kind = point.end(), KIND.PERCENTAGE_POINT
            if point.group().strip().lower() in self.lex.loose_point_words:
                draft.ambiguous = draft.ambiguous or (
                    f"{self.text[draft.start:draft.end]!r}: percentage points, or points of a score or an index")
            return True
        return False

    def _metres(self, scale: re.Match[str], token: Token, left: frozenset[str], draft: Draft) -> bool:
        """Whether the scale match is an "m" glued to the number that stands for metres:
        no number then ("29m"; tokens._read_glued leaves the digits for this test)."""
        if not self._glued_m(scale, token, left, draft):
            return False
        return not self.lex.glued_m_is_million or token.value == token.value.to_integral()

    def _million_m(self, scale: re.Match[str], token: Token, left: frozenset[str], draft: Draft) -> bool:
        """Whether a lower-case "m" is a million: after a currency sign ("$3m"), or glued
        to English decimals ("59.5m", flagged ambiguous)."""
        if scale.group(1) != "m":
            return False
        if self._after_money(left, draft):
            return True
        if self._glued_m(scale, token, left, draft) and self.lex.glued_m_is_million:
            draft.ambiguous = draft.ambiguous or (
                f"{self.text[token.start:token.end + 1]!r} is read as millions; it may be metres")
            return True
        return False

    def _glued_m(self, scale: re.Match[str], token: Token, left: frozenset[str], draft: Draft) -> bool:
        return (scale.group(1) == "m" and scale.start(1) == token.end == scale.end() - 1
                and not self._after_money(left, draft))

    def _after_money(self, left: frozenset[str], draft: Draft) -> bool:
        return "currency_before" in left \
            and self._search_before(self.ctx.currency_before, draft.start, 6) is not None
