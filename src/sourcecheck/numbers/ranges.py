"""Ranges and numbers that share a scale: "4.000 tot 6.000", "tussen de 40 en 50 procent",
"tussen zo'n 10 en 20", "between the 5th and the 10th", "20~100", "Tussen 1945 en 1970" (a
range of years is kind year), and "van 16 naar 17 miljoen" (two numbers, the scale word
after the second is the first's too; likewise "up from 8.2 to 8.8 million", a change),
and a scaled number continued by smaller parts ("4 thousand 3 hundred and 21").
"""

from __future__ import annotations

import bisect
import re
from decimal import Decimal

from .candidates import marked
from .draft import KIND, Draft
from .lookups import Lookups
from .numbertoken import DIGITS, ORDINAL, WORDS, Token

NUMERIC = (DIGITS, WORDS)
_PHONE_BEFORE = re.compile(r"(?:[+\w]-|\+)\s*$")
_CHAINED = re.compile(r"\s*[-/]\s*\w")  # "06-12-34", "1/2/3": no range


def _comparable(first: Decimal, second: Decimal) -> bool:
    """Whether two numbers are within a factor 10 of each other (and positive): then a
    scale word after the second can be the first's too ("4 tot 6 miljoen")."""
    return first > 0 and first * 10 >= second >= first / 10


class RangeReading(Lookups):
    """The range and shared-scale readings of the phrase builder."""

    def _scale_allowed(self, word: str) -> bool:
        """Single letters are scales only as "k" or upper case: "5 m" is five metres."""
        return len(word) > 1 or word in ("k", "K") or word.isupper()

    def _add_smaller(self, draft: Draft, multiplier: Decimal, following: int) -> int:
        """"4 thousand 3 hundred and 21", "6 crore and two hundred": a scaled number
        continued by smaller parts."""
        while True:
            gap = self._after(self.ctx.addition_gap, draft.end)
            part = self._token_at(following, gap.end(), NUMERIC) if gap else None
            if part is None or part.value <= 0 or part.value != part.value.to_integral():
                return following
            value, end, part_multiplier = part.value, part.end, Decimal(1)
            scale = self._after(self.ctx.scale, end)
            if scale and self._scale_allowed(scale.group(1)) and part.kind == DIGITS:
                part_multiplier = self.lex.scales[scale.group(1).lower()]
                value, end = value * part_multiplier, scale.end()
            if value >= multiplier:
                return following
            draft.value += value
            draft.end, draft.half_unit = end, Decimal("0.5") * part_multiplier
            following += 1
            while following < len(self.tokens) and self.tokens[following].start < end:
                following += 1
            if part_multiplier == 1:
                return following
            multiplier = part_multiplier

    def _range(self, draft: Draft, token: Token, following: int, left: frozenset[str],
               right: frozenset[str], suffixed: bool = False) -> tuple[Draft, int] | None:
        """``suffixed``: the first end has its own scale or percent ("2 million to 3 million",
        "20% tot 30%"); a first end that is a percentage needs a second one."""
        ctx, text = self.ctx, self.text
        if suffixed and "between_before" not in left and self._changes(draft.start):
            return None  # "rose from 20% to 30%": a change, two numbers
        between = (self._search_before(ctx.between_before, draft.start, 40)
                   if "between_before" in left else None)
        joiner = ctx.between_and if between else ctx.range_to
        if ("between_and" if between else "range_to") not in right:
            return None
        link = self._match_after(joiner, draft.end)
        if link is None:
            return None
        other = self._token_at(following, link.end(), NUMERIC)
        if other is None:
            return None
        if link.group().strip() in ("-", "–", "—") or not link.group().strip():
            if self._before(_PHONE_BEFORE, draft.start, 3) \
                    or _CHAINED.match(text[other.end:other.end + 3]):
                return None  # a telephone number or a chain, not a range
        high_value, end = other.value, other.end
        scale = self._after(ctx.scale, end)
        if scale and self._scale_allowed(scale.group(1)):
            multiplier = self.lex.scales[scale.group(1).lower()]
            high_value *= multiplier
            end = scale.end()
            if not suffixed:  # "4 tot 6 miljoen"
                if _comparable(token.value, other.value):
                    draft.value *= multiplier
                elif not between:
                    return None  # "by 284,000 to 2.6 million": a change and a result, no range
        if (high_value <= draft.value and self._is_year(token) and link.group().strip() in ("-", "–")
                and other.end - other.start == 2 and other.value > token.value % 100):
            high_value = token.value - token.value % 100 + other.value  # a financial year: "2019-20"
        if high_value <= draft.value:
            return None
        percent = self._after(ctx.percent, end)
        if percent:
            end = percent.end()
        elif draft.kind is KIND.PERCENT:
            return None  # "20% tot 30 leden": no range
        start = between.start() if between else draft.start
        # a range of years ("tussen 1945 en 1970", "from 2010 to 2020") is waived like a year
        kind = KIND.YEAR if (not percent and self._is_year(token) and (self._is_year(other) or high_value > other.value)
                             and not self._after(ctx.currency_after, end)) else KIND.RANGE
        ranged = Draft(start, end, draft.value, None, kind, low=draft.value, high=high_value,
                       ambiguous=draft.ambiguous or other.ambiguous)
        if between and between.group(1):  # "tussen zo'n 10 en 20"
            ranged.qualifier = self._qualifier_named(between.group(1))
        return ranged, following + 1

    def _changes(self, position: int) -> bool:
        """Whether "from"/"van" after a verb of change stands right before ``position``:
        "up from 8.2 to 8.8 million" is a change, not a range."""
        return (self._last_word(position) == self.lex.change_from
                and self._search_before(self.ctx.change_before, position, 80) is not None)

    def _between_near(self, position: int) -> bool:
        """Whether "tussen"/"between" may stand in the 40 characters before ``position``: a
        substring test before the search (its last word may be "de" or a qualifier, which
        stand before many numbers with no "tussen")."""
        starts = self._betweens
        if starts is None:  # found once per text, in the marked copy (ASCII letters lowered)
            scan, needle = marked(self.text), b" " + self.lex.between[0].encode("ascii")
            starts, at = [], scan.find(needle)
            while at != -1:
                starts.append(at)  # the text's offset of the word (the copy starts with a space)
                at = scan.find(needle, at + 1)
            self._betweens = starts
        index = bisect.bisect_left(starts, position - 40)
        return index < len(starts) and starts[index] < position

    def _rank_range(self, token: Token, following: int) -> tuple[Draft, int] | None:
        """"tussen de 5e en de 10e", "between the 5th and the 10th": a range of ranks."""
        between = self._search_before(self.ctx.between_before, token.start, 40) \
            if self._between_near(token.start) else None
        link = self._after(self.ctx.between_and, token.end) if between else None
        other = self._token_at(following, link.end(), (ORDINAL,)) if link else None
        if between is None or other is None or other.value <= token.value:
            return None
        ranged = Draft(between.start(), other.end, token.value, None, KIND.RANGE, low=token.value,
                       high=other.value)
        if between.group(1):
            ranged.qualifier = self._qualifier_named(between.group(1))
        return ranged, following + 1

    def _share_scale(self, draft: Draft, token: Token, following: int, second: int) -> bool:
        """"van 16 naar 17 miljoen", "2 of 3 procent", "up from 8.2 to 8.8 million": the scale
        word and the percent after the second number (at ``second``) are the first's too.
        Not for a year ("in 2020 naar 17 miljoen"), nor when the two numbers are far apart
        (more than a factor 10: they count different things).  True when the first is a
        percentage now (its reading is complete)."""
        other = self._token_at(following, second, NUMERIC)
        if other is None or self._is_year(token) or not _comparable(token.value, other.value):
            return False
        end = other.end
        scale = self._after(self.ctx.scale, end)
        if scale is not None and self._scale_allowed(scale.group(1)):
            multiplier = self.lex.scales[scale.group(1).lower()]
            draft.value = token.value * multiplier
            draft.half_unit = token.half_unit * multiplier if token.half_unit is not None else None
            end = scale.end()
        if self._after(self.ctx.percent, end):
            draft.kind = KIND.PERCENT
            return True
        return False
