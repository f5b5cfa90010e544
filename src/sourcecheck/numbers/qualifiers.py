"""Qualifiers read around a number beyond the words right before it: a comparative
after the number ("65 of meer", "65 or over", "65+"), and "up to" that belongs to a
verb before it ("edged up to 7.9 million": a change, no bound)."""

from __future__ import annotations

import re

from .draft import KIND, Draft
from .lookups import Lookups
from .mention import Qualifier

# Qualifiers that bound a number: a four-digit number they qualify is a count, not a year
# ("boven de 1000", "more than 2000 people")
BOUNDING = frozenset({Qualifier.ABOVE, Qualifier.AT_LEAST, Qualifier.BELOW, Qualifier.AT_MOST,
                      Qualifier.JUST_OVER, Qualifier.JUST_UNDER})
_SPACES = re.compile(r"\s+")


class QualifierReading(Lookups):
    """The qualifier readings of the phrase builder that look past the words before a number."""

    def _qualifier_after(self, draft: Draft) -> None:
        """A comparative right after the number: "65 of meer", "65 or over", "65+"."""
        if "qualifier_after" not in self._right(draft.end):
            return
        after = self._match_after(self.ctx.qualifier_after, draft.end)
        if after is None:
            return
        words = after.group(1) or after.group(2)
        if draft.kind is KIND.YEAR and words.split()[0].lower() in self.lex.joiners:
            return  # "in 2019 and more recently": a year, and no comparative
        draft.qualifier = self.lex.qualifiers_after[_SPACES.sub(" ", words.lower())]
        draft.end = after.end()
        if draft.kind is KIND.COUNT and words.split()[-1].lower() in self.lex.age_words_after:
            draft.kind = KIND.AGE  # "65 en ouder", "65 and older"
        if draft.kind is KIND.YEAR and draft.qualifier in BOUNDING:
            draft.kind = KIND.COUNT

    def _verbs_particle(self, start: int, words: str) -> bool:
        """Whether the qualifier ``words`` at ``start`` opens with the particle of the verb
        before it: "edged up to 7.9 million", "crept up to 62.9 percent" (where the figure
        went, not a bound on it)."""
        verbs = self.lex.particle_verbs
        return bool(verbs) and words[:3].lower() == "up " and self._last_word(start) in verbs
