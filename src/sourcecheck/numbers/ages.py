"""Ages and age groups: "65-plussers", "65 jaar en ouder", "aged 65 and over" (at least
65), "ouder dan 80" (above 80), "18- tot 24-jarigen" (18 to 24).

A number read as an age is of kind age with its qualifier; an age group gives the
youngest age as its value and the two ends as low and high.  "and over" after a number
is an age only after "aged" ("aged 65 and over"); elsewhere it is any number's.
"""

from __future__ import annotations

from decimal import Decimal

from .draft import KIND, QUALIFIER, Draft
from .lookups import Lookups
from .numbertoken import DIGITS, Token


class AgeReading(Lookups):
    """The age readings of the phrase builder."""

    def _age_group(self, draft: Draft, token: Token, following: int, right: frozenset[str]) -> tuple[Draft, int] | None:
        """"18- tot 24-jarigen", "18 to 24-year-olds": one age mention from 18 to 24."""
        if "age_group" not in right or token.kind != DIGITS or draft.end != token.end:
            return None
        found = self._match_after(self.ctx.age_group, draft.end)
        if found is None:
            return None
        high = Decimal(found.group(1))
        if high <= draft.value:
            return None
        ranged = Draft(draft.start, found.end(), draft.value, None, KIND.AGE, low=draft.value, high=high)
        return ranged, self._skip(following, found.end())

    def _age_or_older(self, draft: Draft, left: frozenset[str], right: frozenset[str]) -> bool:
        """"65-plussers", "65 jaar en ouder", "aged 65 and over": the age or older
        (the span takes the words after the number, not "aged")."""
        ctx = self.ctx
        found = self._match_after(ctx.age_or_older, draft.end) if "age_or_older" in right else None
        if found is None and "age_or_over" in right and "age_named_before" in left \
                and self._search_before(ctx.age_named_before, draft.start, 12):
            found = self._match_after(ctx.age_or_over, draft.end)
        if found is None:
            return False
        draft.end, draft.kind, draft.qualifier = found.end(), KIND.AGE, QUALIFIER.AT_LEAST
        return True

    def _age_qualified(self, draft: Draft, words: str) -> None:
        """"ouder dan 80", "jonger dan 18 jaar": the qualifier makes a count or a span of years an age."""
        if draft.kind in (KIND.COUNT, KIND.DURATION) and words.lower() in self.lex.age_qualifiers:
            draft.kind = KIND.AGE
