"""From tokens to mentions: the words around a number make it a percentage, a
range, a rank, a date, a duration, and give it its qualifier.

Rules a reader of the output needs to know (they are tested):

* The span includes a qualifier standing directly before the number ("meer dan
  200.000", "een kleine tweehonderdduizend"), a sign, "tussen" of a range,
  "op ... na" and "nummer" of a rank, "de" of "de helft", the month of a date and
  the percent sign or word.  It excludes units of time or money ("drie jaar" has
  the span "drie", kind duration; "65-jarige" is an age, its ending in the span);
  money's sign, code or word is in its span ("€ 2,5 miljoen", "2,5 miljoen euro"; units.py).
* A qualifier is read after opening punctuation ("(ongeveer 300)": span "ongeveer
  300"), with a negation before it turned ("niet minder dan 30" is at-least), and
  after the number ("65 of meer", "65+": the span runs to its end).
* A scale word or percent after the second of two numbers in a change or an
  alternative ("van 16 naar 17 miljoen") is the first's too; a range of years is
  kind year (docs/reading.md).
* A qualifier separated from the number (estimating adverbs only: "naar
  schatting", "ongeveer", "estimated", "about"...) applies when at most three
  plain words stand between it and the number in the same clause (no punctuation,
  no other number): "naar schatting uit 4.000 tot 6.000" is estimated; the span
  then starts at the number.
* "een"/"a"/"an" is a number only inside a number phrase: before a scale word
  ("een miljoen"), a fraction ("een derde", "een half"), a dozen, in "een op de
  twintig", or after "min".  "één"/"Één"/"Eén" is always the numeral.
* "X tot Y" is a range only when a number stands right before "tot":
  "toegenomen tot meer dan 200.000" is one number with the qualifier above.
* A four-digit number from 1000 to 2999 written without separator is a year;
  with a month before it a date.  Dates are coded as YYYYMMDD, their low/high
  cover the written precision ("juni 2024" is 20240601 to 20240630).  Clock
  times are minutes since midnight ("22.00" is 1320).
"""

from __future__ import annotations

import re
from decimal import Decimal

from .ages import AgeReading, people_ages
from .dates import DateReading, clock_time, spread_days
from .draft import KIND, Draft, ratio
from .fractional import FractionReading, merge_mixed_numbers
from .mention import Qualifier
from .numbertoken import ARTICLE, DECADE, DIGITS, HALF, ORDINAL, SLASH, TIME, WORDS, Token
from .ordinals import OrdinalReading
from .qualifiers import BOUNDING as _BOUNDING
from .qualifiers import QualifierReading
from .ranges import NUMERIC as _NUMERIC
from .ranges import RangeReading
from .units import UnitReading

_FRACTION_WORDS = (ORDINAL, HALF)
_NO_QUALIFIER = Qualifier.NONE
# The names the first tests of _number read (spoken decimals, "op één na", fractions,
# dates, scale words): a number whose sides name none of them skips those tests
_EARLY_LEFT = frozenset({"op_before", "month_before"})
_EARLY_RIGHT = frozenset({"point", "na", "link", "range_to", "month_after", "scale"})
# The left-hand names _number and _classify never read (_finish, _half and the pronoun
# test before the draft do): a number with only these before it may still be plain
_FINISH_ONLY = frozenset({"qualifier_before", "minus_before", "pronoun_before", "the_before",
                          "article_before"})
# The right-hand names _number never reads (drafts reads a qualifier after the number)
_AFTER_ONLY = frozenset({"qualifier_after"})
_BETWEEN = frozenset({"between_before"})
_UNQUALIFIED_AFTER = frozenset({KIND.DATE, KIND.TIME, KIND.RANGE})
_SPACES = re.compile(r"\s+")
_HYPHEN_OR_SPACES = re.compile(r"\s*-\s*|\s+")


class PhraseBuilder(DateReading, FractionReading, RangeReading, OrdinalReading, AgeReading, UnitReading,
                    QualifierReading):
    """Walks the tokens of one text and turns them into drafts of mentions."""

    def drafts(self) -> list[Draft]:
        drafts: list[Draft] = []
        tokens, phrase, number, finish, left_of = self.tokens, self._phrase, self._number, self._finish, self._left
        text, after_letters = self.text, self.ctx.qualifier_after_letters
        count = len(tokens)
        if not count:
            return []
        near = self._estimating_buckets = self._near_estimating()
        index = 0
        while index < count:
            token = tokens[index]
            kind = token.kind
            if kind == DIGITS or kind == WORDS:  # most tokens: read here, not through _phrase
                # what may stand before the number: looked up once, for the phrase and its finish
                left = left_of(token.start)
                draft, index = number(token, index + 1, left)
                if draft is None:
                    continue
                start = draft.start
                if start != token.start:
                    finish(draft)
                elif left or near[start >> 6]:  # else _finish would find nothing before it
                    finish(draft, left)
            else:
                draft, index = phrase(token, index + 1)
                if draft is None:
                    continue
            # a qualifier after the number: a "+" or a space and the first letter of one
            after = text[draft.end:draft.end + 2]
            if (after[:1] == "+" or (after[:1] == " " and after[1:] in after_letters)) \
                    and draft.qualifier is _NO_QUALIFIER and draft.kind not in _UNQUALIFIED_AFTER:
                self._qualifier_after(draft)
            drafts.append(draft)
            end = draft.end
            while index < count and tokens[index].start < end:
                index += 1  # a scale word or "een" the phrase has taken in
        return people_ages(spread_days(merge_mixed_numbers(drafts, self.text, self.lex), self.text),
                           self.text, self.lex)

    def _when(self, token: Token) -> bool:
        """"just seven in 2011": a year after "in" is when, not a denominator."""
        return 1900 <= token.value <= 2099 and self.text[token.start:token.end].isdigit()

    def _phrase(self, token: Token, following: int) -> tuple[Draft | None, int]:
        """The draft of any token but digits and number words (``drafts`` reads those)."""
        draft: Draft | None
        kind = token.kind
        if kind == ARTICLE:
            return self._article(token, following)
        elif kind == TIME:
            draft = clock_time(Draft(token.start, token.end, token.value, token.half_unit, KIND.TIME), self.text)
        elif kind == SLASH:
            draft = Draft(token.start, token.end, token.value, None, KIND.FRACTION)
        elif kind == DECADE:
            draft = Draft(token.start, token.end, token.value, None, KIND.AGE,
                          low=token.value, high=token.value + 10)
        elif kind == ORDINAL:
            if self.ctx.ordinal_name.match(self.text, token.start):
                return None, following  # "Tweede Kamer", "second-hand": a name
            period = self._period(token, following)  # "de eerste helft van 2024"
            if period is not None:
                return period
            ranked = self._rank_range(token, following) if "between_before" in self._left(token.start) else None
            if ranked is not None:
                draft, following = ranked
                self._finish(draft)
                return draft, following
            draft = Draft(token.start, token.end, token.value, token.half_unit, KIND.RANK)
        elif kind == HALF:
            draft, following = self._half(token, token.start, following)
        else:
            draft, following = self._number(token, following, self._left(token.start))
        if draft is None:
            return None, following
        self._finish(draft)
        return draft, following

    def _article(self, token: Token, following: int) -> tuple[Draft | None, int]:
        """"een"/"a": a number only inside a number phrase."""
        after = self.text[token.end:token.end + 1]
        op = self._before(self.ctx.op_before, token.start, 8) if self.lex.next_to[0] else None
        if op and (na := self._match_after(self.ctx.na, token.end)):  # "op een na": "één" unaccented
            return Draft(op.start(), na.end(), Decimal(2), Decimal("0.5"), KIND.RANK), following
        nxt = self.tokens[following] if following < len(self.tokens) else None
        if nxt is not None:
            # the gap matched in place: the next token may stand far away, and fails at the first letter
            if nxt.kind == ORDINAL and nxt.value >= 3 \
                    and _HYPHEN_OR_SPACES.fullmatch(self.text, token.end, nxt.start) is not None:
                draft = Draft(token.start, nxt.end, ratio(1, nxt.value), None, KIND.FRACTION)
                self._finish(draft)
                return draft, following + 1
            if nxt.kind == HALF and _SPACES.fullmatch(self.text, token.end, nxt.start) is not None:
                draft, after_half = self._half(nxt, token.start, following + 1)
                self._finish(draft)
                return draft, after_half
        scale = self._after(self.ctx.article_scale, token.end)
        if scale and not after[:1].isalnum():
            multiplier = self.lex.scales[scale.group(1).lower()]
            draft = Draft(token.start, scale.end(), multiplier, Decimal("0.5") * multiplier, KIND.COUNT)
            self._finish(draft)
            return draft, following
        link = self._after(self.ctx.link, token.end)
        if link and (denominator := self._token_at(following, link.end(), _NUMERIC)):
            if denominator.value > 1 and not self._when(denominator):
                draft = Draft(token.start, denominator.end, ratio(1, denominator.value), None,
                              KIND.FRACTION, link=True)
                self._finish(draft)
                return draft, following + 1
        if self._before(self.ctx.minus_before, token.start) and self.lex.compound:
            draft = Draft(token.start, token.end, Decimal(1), Decimal("0.5"), KIND.COUNT)
            self._finish(draft)
            return draft, following
        return None, following

    def _number(self, token: Token, following: int, left: frozenset[str]) -> tuple[Draft | None, int]:
        """The draft of digits or number words; ``left``: ``self._left(token.start)``."""
        ctx = self.ctx
        if "between_before" in left and not self._between_near(token.start):
            left = left - _BETWEEN  # "de 40", "about 40": no "tussen"/"between" before them
        if token.kind == WORDS and self.lex.pronoun_one_before and token.value == 1:
            if (self._before(ctx.pronoun_before, token.start)
                    or self._next_word(token.end).rstrip(",.;:") in self.lex.indefinite_one_nouns) \
                    and self.text[token.start:token.end].lower() == "one":
                return None, following
        draft = Draft(token.start, token.end, token.value, token.half_unit, KIND.COUNT, _NO_QUALIFIER,
                      token.ambiguous)  # positional arguments, for speed (docs/performance.md)
        # left/right: the names of the context patterns whose pre-test passes before/after
        # the number (Lookups._left, _right); a pattern not named cannot match there
        right = self._right(token.end)
        scaled = False  # whether the number has a scale word of its own ("2 million")
        tokens = self.tokens
        # an ordinal or fraction word next ("twee derde"): looked up once for the two tests below
        fraction_next = following < len(tokens) and tokens[following].kind in _FRACTION_WORDS
        # a plain number, which every test below leaves as it is: nothing stands before
        # it but what _finish reads (a qualifier, a minus), and each test below needs a
        # right-hand name or a fraction word next (the hypothesis test against the full
        # chain checks it)
        if token.kind == DIGITS and self.text[token.end:token.end + 1] == "s":
            return self._glued_s(token), following  # "over-65s", "the 1990s" (tokens._read_glued)
        if right <= _AFTER_ONLY and not fraction_next and left <= _FINISH_ONLY:
            if self._is_year(token) and not self._season(draft, token):  # as _classify -> _year
                draft.kind = KIND.YEAR
            return draft, following
        # spoken decimals, "op één na", fractions, dates and scale words: each needs one of
        # these names (numbers before a percent sign, a unit or a currency have none)
        if fraction_next or not (left.isdisjoint(_EARLY_LEFT) and right.isdisjoint(_EARLY_RIGHT)):
            if token.kind == WORDS and "point" in right:
                decimals = self._spoken_decimals(token, following)
                if decimals is not None:
                    draft.value, draft.half_unit, draft.end = decimals
                    following += 1
                    self._classify(draft, token)
                    return draft, following
            # "op één na": second
            if "op_before" in left and "na" in right:
                op = self._search_before(ctx.op_before, token.start, 8)
                na = self._match_after(ctx.na, token.end) if op else None
                if op and na:
                    draft.start, draft.end = op.start(), na.end()
                    draft.value, draft.kind = token.value + 1, KIND.RANK
                    return draft, following
            # fractions: "twee op de drie", "1 in 5"; "twee derde", "vijf achtsten"
            link = self._match_after(ctx.link, token.end) if "link" in right else None
            if link and (other := self._token_at(following, link.end(), _NUMERIC)) and not self._when(other):
                if token.value == token.value.to_integral() and 0 < token.value < other.value:
                    return Draft(token.start, other.end, ratio(token.value, other.value), None,
                                 KIND.FRACTION, link=True), following + 1
            if fraction_next:
                # a rank ("tweeduizend zestiende", "one hundred twenty fifth") or a fraction
                # ("twee derde", "three fifths"): see ordinals.py
                fraction = self._compound_ordinal(token, following) or self._denominator(token, following)
                if fraction is not None:
                    if fraction.kind == KIND.FRACTION:
                        fraction.ambiguous = fraction.ambiguous or self._fraction_doubt(token, following)
                    return fraction, following + 1
            # dates: "27 juni 2024", "20 tot en met 27 juni 2024"
            if ("range_to" in right or "month_after" in right
                    or ("month_before" in left and not self.lex.compound)) \
                    and token.kind == DIGITS and token.compact and 1 <= token.value <= 31:
                dated = self._date(token, following)
                if dated is not None:
                    return dated
            scale = self._match_after(ctx.scale, draft.end) if "scale" in right else None
            if scale and self._metres(scale, token, left, draft):
                return None, following  # "29m": metres, a unit of measure (units.py)
            if scale and (self._scale_allowed(scale.group(1)) or self._million_m(scale, token, left, draft)):
                scaled = True
                multiplier = self.lex.scales[scale.group(1).lower()]
                whole, last, _ = self._split_joined(token)
                if whole is not None:  # "driehonderd en twee dozijn": the scale takes the last part
                    draft.value = whole + last * multiplier
                else:
                    draft.value = token.value * multiplier
                draft.half_unit = draft.half_unit * multiplier if draft.half_unit is not None else None
                draft.end = scale.end()
                while (more := self._after(ctx.scale, draft.end)) and self._scale_allowed(more.group(1)):
                    multiplier *= self.lex.scales[more.group(1).lower()]  # "three lakh crore"
                    draft.value = token.value * multiplier
                    draft.half_unit = token.half_unit * multiplier if token.half_unit is not None else None
                    draft.end = more.end()
                following = self._skip(following, draft.end)
                following = self._add_smaller(draft, multiplier, following)
                token = Token(token.start, draft.end, token.kind, draft.value, draft.half_unit, compact=False)
                right = self._right(draft.end)  # the number now ends after the scale word
        # (each test's name first: most numbers have none of them, and skip the call)
        if "decade_years_before" in left and (decade := self._decade_of_years(draft, token, left)):
            return decade, following  # "de jaren zeventig"
        if "age_group" in right and (aged := self._age_group(draft, token, following, right)):
            return aged  # "18- tot 24-jarigen"
        if "age_or_older" in right and self._age_or_older(draft, right):  # "65-plussers", "65 jaar en ouder"
            return draft, following
        if draft.end == token.end and (
                ("scale_sharer" in right and (link := self._match_after(ctx.scale_sharer, draft.end)))
                or ("range_to" in right and self._changes(draft.start)
                    and (link := self._match_after(ctx.range_to, draft.end)))):
            # "van 16 naar 17 miljoen", "up from 4.9 to 5 percent": two numbers, the first
            # measured like the second
            if self._share_scale(draft, token, following, link.end()):
                return draft, following
            if "range_to" in right and link.re is ctx.range_to:
                self._classify(draft, token, left, right)
                return draft, following
        # ranges: "4.000 tot 6.000", "tussen 2014 en 2022"
        # (_range needs "tussen" before or a range word after: most numbers have neither)
        if "between_before" in left or "range_to" in right:
            ranged = self._range(draft, token, following, left, right, scaled)
            if ranged is not None:
                self._money_of(ranged[0])  # "€ 2 tot 3 miljoen": a range of money
                return ranged
        if ("multiple" in right or "percentage_point" in right) and self._unit_after(draft, right):
            # "nine times as many", "0,3 procentpunt" (units.py)
            return draft, following
        percent = self._match_after(ctx.percent, draft.end) if "percent" in right else None
        if percent:
            draft.end, draft.kind = percent.end(), KIND.PERCENT
            # "tussen 20% en 30%", "20% to 30%": a range whose two ends are percentages
            right = self._right(draft.end)
            if "between_before" in left or "range_to" in right:
                ranged = self._range(draft, token, following, left, right, True)
                if ranged is not None:
                    return ranged
            return draft, following
        percent_of = (self._search_before(ctx.percent_of_before, draft.start)
                      if "percent_of_before" in left else None)
        if percent_of:
            draft.start, draft.kind = percent_of.start(), KIND.PERCENT
            return draft, following
        self._classify(draft, token, left, right)  # the number's start is unchanged
        return draft, following

    def _classify(self, draft: Draft, token: Token, left: frozenset[str] | None = None,
                  right: frozenset[str] | None = None) -> None:
        """Year, date, duration, age, rank or amount: from the words around a count
        (``left`` and ``right``: the names at its start and end, when known)."""
        ctx = self.ctx
        if left is None or right is None:
            left, right = self._left(draft.start), self._right(draft.end)
        # (a year has four characters: most numbers are ruled out before the call)
        if token.end - token.start == 4 and self._is_year(token) and self._year(draft, token, left, right):
            return
        if not left and not right:
            return
        if "age_glued" in right and (glued := self._match_after(ctx.age_glued, draft.end)):
            draft.kind, draft.end = KIND.AGE, glued.end()  # "65-jarige", "35-year-old"
        elif "unit" in right and (unit := self._match_after(ctx.unit, draft.end)):
            # ``right`` holds the names at draft.end: its "age_after" is _after's pre-test
            draft.kind = KIND.AGE if "age_after" in right and self._match_after(ctx.age_after, draft.end) \
                else KIND.DURATION
            if (self.lex.lang == "nl" and unit.group().strip().lower() == "uur"
                    and self._last_word(draft.start) in ("om", "rond", "tegen", "vanaf")
                    and 0 <= draft.value <= 24 and draft.value == draft.value.to_integral()):
                # "om acht uur" is a clock time (minutes since midnight), not a duration
                draft.kind, draft.value = KIND.TIME, draft.value * 60
        elif "rank_before" in left and (rank := self._search_before(ctx.rank_before, draft.start, 12)):
            draft.start = rank.start()
            draft.kind = KIND.RANK
        elif "currency_before" in left or "currency_after" in right:
            self._currency(draft, left, right)  # "€ 2,5 miljoen", "2,5 miljoen euro" (units.py)

    def _finish(self, draft: Draft, left: frozenset[str] | None = None) -> None:
        """Sign and qualifier: the words right before the number (``left``:
        ``self._left(draft.start)`` when the caller has it)."""
        ctx = self.ctx
        if left is None:
            left = self._left(draft.start)
        if left:
            minus = self._search_before(ctx.minus_before, draft.start, 12) if "minus_before" in left else None
            if minus and draft.kind not in (KIND.DATE, KIND.YEAR, KIND.RANGE, KIND.TIME, KIND.RANK):
                draft.start = minus.start()
                draft.value = -draft.value
                if draft.low is not None and draft.high is not None:
                    draft.low, draft.high = -draft.high, -draft.low
                left = self._left(draft.start)
            qualifier = self._qualifier_before(draft.start) if "qualifier_before" in left else None
            if qualifier and not self._verbs_particle(*qualifier):
                draft.start, words = qualifier
                # (every Qualifier is a non-empty str: a hit is never falsy)
                draft.qualifier = self._qualifiers.get(words) or self._qualifier_named(words)
                if draft.kind is KIND.YEAR and draft.qualifier in _BOUNDING:
                    draft.kind = KIND.COUNT
                self._age_qualified(draft, words)
                return
            if "age_named_before" in left:
                self._aged(draft)  # "aged 65 to 74 years"
        near = self._estimating_buckets
        if near is None:
            near = self._estimating_buckets = self._near_estimating()
        window = (self._search_before(ctx.window_qualifier, draft.start, 60)
                  if near[draft.start >> 6] and self._estimating_near(draft.start, 60) else None)
        if window:
            draft.qualifier = self._qualifier_named(window.group(1))
