"""Ages and age groups: "65-plussers", "65 jaar en ouder", "aged 65 and over" (at least
65), "ouder dan 80" (above 80), "18- tot 24-jarigen" (18 to 24).

A number read as an age is of kind age with its qualifier; an age group gives the
youngest age as its value and the two ends as low and high.  "and over" after a number
is an age after "aged" ("aged 65 and over") or with an age word ("65 en ouder").
"over-65s" and "Under-15s" are ages above and below.  After a word for people, a bound
or a range of whole numbers up to 120 is an age ("kinderen onder de 12", "patiënten is
tussen de 60 en 79 jaar", "residents are now over 65"), and so is "tot" ("jongeren tot
35 jaar": at most 35).
"""

from __future__ import annotations

import re
from decimal import Decimal

from .draft import KIND, QUALIFIER, Draft
from .lexicon import LEXICONS, Lexicon
from .lookups import Lookups
from .numbertoken import DIGITS, Token
from .qualifiers import BOUNDING

# the age comparatives of each language, for one str.endswith (every qualified number asks)
_AGE_COMPARATIVES = {lang: tuple(lex.age_qualifiers) for lang, lex in LEXICONS.items()}
_AGE_PREFIX = re.compile(r"(?<!\w)(over|under)-$", re.IGNORECASE)


_PEOPLE_KINDS = frozenset({KIND.COUNT, KIND.DURATION, KIND.RANGE})
_OLDEST = Decimal(120)


def _people_pattern(lex: Lexicon) -> re.Pattern[str] | None:
    """People, a link or two and an optional "tot"/"van", right before a number."""
    if not lex.people_words:
        return None
    links = "|".join(lex.people_links)
    to_from = "|".join(word for word in (lex.people_to, lex.people_from) if word)
    # a compound ends in the word ("coronapatiënten", "ic-patiënten")
    return re.compile(rf"(?<![^\W\d_])\w*(?:{'|'.join(lex.people_words)})(?:\s+(?:{links}))*"
                      rf"\s+(?:(?P<link>{to_from})\s+)?$", re.IGNORECASE)


_PEOPLE = {lang: _people_pattern(lex) for lang, lex in LEXICONS.items()}


def people_ages(drafts: list[Draft], text: str, lex: Lexicon) -> list[Draft]:
    """Make the bounds and ranges of whole numbers after a word for people ages."""
    pattern = _PEOPLE[lex.lang]
    if pattern is None:
        return drafts
    for draft in drafts:
        if draft.kind not in _PEOPLE_KINDS or (draft.kind is KIND.RANGE and not text[draft.end - 1].isdigit()):
            continue  # (a range of percentages ends in its percent word or sign)
        low = draft.value if draft.low is None else draft.low
        high = draft.value if draft.high is None else draft.high
        if not (0 <= low <= high <= _OLDEST and low == low.to_integral() and high == high.to_integral()):
            continue
        people = pattern.search(text, max(0, draft.start - 60), draft.start)
        if people is None:
            continue
        link = (people.group("link") or "").lower()
        if link and link == lex.people_to and draft.kind is not KIND.RANGE:
            if draft.qualifier is not QUALIFIER.NONE:
                continue
            draft.start, draft.qualifier = people.start("link"), QUALIFIER.AT_MOST
        elif link and draft.kind is KIND.RANGE:
            draft.start = people.start("link")  # "van 13 tot en met 17"
        elif not link and draft.kind is not KIND.RANGE and draft.qualifier not in BOUNDING:
            continue
        elif link and draft.kind is not KIND.DURATION:
            continue  # "mensen van 70 jaar" is an age; "van 70" alone may be anything
        draft.kind = KIND.AGE
    return drafts


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

    def _age_or_older(self, draft: Draft, right: frozenset[str]) -> bool:
        """"65-plussers", "65 jaar en ouder", "65 years and over": the age or older ("65 en
        ouder", "aged 65 and over": a qualifier after the number, phrases._qualifier_after)."""
        found = self._match_after(self.ctx.age_or_older, draft.end) if "age_or_older" in right else None
        if found is None:
            return False
        draft.end, draft.kind, draft.qualifier = found.end(), KIND.AGE, QUALIFIER.AT_LEAST
        return True

    def _age_qualified(self, draft: Draft, words: str) -> None:
        """"ouder dan 80", "jonger dan 18 jaar", "niet ouder dan 80", "aged under 65": the
        qualifier, or "aged" before it, makes a count or a span of years an age."""
        if draft.kind is not KIND.COUNT and draft.kind is not KIND.DURATION:
            return
        if words.lower().endswith(_AGE_COMPARATIVES[self.lex.lang]):
            draft.kind = KIND.AGE
        elif self.lex.age_named:
            self._aged(draft)

    def _aged(self, draft: Draft) -> None:
        """"aged 65", "aged 65 to 74 years", "aged under 15": an age, or an age group."""
        if draft.kind in (KIND.COUNT, KIND.DURATION, KIND.RANGE) \
                and self._before(self.ctx.age_named_before, draft.start, 12):
            draft.kind = KIND.AGE

    def _glued_s(self, token: Token) -> Draft | None:
        """"over-65s", "Under-15s" (an age above or below), "the 1990s" (the years 1990 to
        1999); None for any other number with an "s" glued on ("the 90s": ages or years)."""
        text = self.text
        end = token.end + 1
        prefix = _AGE_PREFIX.search(text, max(0, token.start - 7), token.start)
        if prefix is not None:
            qualifier = QUALIFIER.ABOVE if prefix.group(1).lower() == "over" else QUALIFIER.BELOW
            return Draft(prefix.start(), end, token.value, token.half_unit, KIND.AGE, qualifier)
        if token.end - token.start == 4 and self._is_year(token) and token.value % 10 == 0:
            return Draft(token.start, end, token.value, None, KIND.YEAR, low=token.value, high=token.value + 9)
        return None
