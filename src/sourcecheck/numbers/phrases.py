"""From tokens to mentions: the words around a number make it a percentage, a
range, a rank, a date, a duration, and give it its qualifier.

Rules a reader of the output needs to know (they are tested):

* The span includes a qualifier standing directly before the number ("meer dan
  200.000", "een kleine tweehonderdduizend"), a sign, "tussen" of a range,
  "op ... na" and "nummer" of a rank, "de" of "de helft", the month of a date and
  the percent sign or word.  It excludes units of time or money ("drie jaar" has
  the span "drie", kind duration) and a currency symbol ("$20": span "20").
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

import bisect
import calendar
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from .context import Context, context_for
from .lexicon import Lexicon
from .mention import Kind, Qualifier
from .tokens import ARTICLE, DECADE, DIGITS, HALF, ORDINAL, SLASH, TIME, WORDS, Token
from .tokens import lowered as lowered_text
from .values import read_cardinal

_NUMERIC = (DIGITS, WORDS)
_DAY = re.compile(r"\d{1,2}(?!\d)")
_YEAR_AFTER_DAY = re.compile(r",?\s+(\d{4})(?![\w]|[.,]\d)")
_CLAUSE_END = frozenset(".,;:!?)]}\"'”’»›…")
_PHONE_BEFORE = re.compile(r"(?:[+\w]-|\+)\s*$")
_SPACES = re.compile(r"\s+")
@dataclass(slots=True)
class Draft:
    start: int
    end: int
    value: Decimal
    half_unit: Decimal | None
    kind: Kind
    qualifier: Qualifier = Qualifier.NONE
    ambiguous: str | None = None
    low: Decimal | None = None   # set for ranges and dates; else value -/+ half_unit
    high: Decimal | None = None
    link: bool = False           # a fraction written "twee op de drie"
    scaled_half: bool = False    # "een half miljoen", "a quarter million"

    def bounds(self) -> tuple[Decimal, Decimal]:
        if self.low is not None and self.high is not None:
            return self.low, self.high
        if self.half_unit is None:
            return self.value, self.value
        return self.value - self.half_unit, self.value + self.half_unit


class PhraseBuilder:
    """Walks the tokens of one text and turns them into drafts of mentions."""

    def __init__(self, text: str, lex: Lexicon, tokens: list[Token]) -> None:
        self.text = text
        self.lex = lex
        self.tokens = tokens
        self.ctx = context_for(lex.lang)
        self._last_words: dict[int, str] = {}
        self._next_words: dict[int, str] = {}
        self._left_table, self._right_table = _side_tables(lex.lang)
        self._estimating: tuple[list[int] | None, list[int]] | None = None
        self._left_at: dict[int, frozenset[str]] = {}
        self._right_at: dict[int, tuple[bool, frozenset[str]]] = {}

    # -- helpers --------------------------------------------------------------

    def _before(self, pattern: re.Pattern[str], position: int, reach: int = 40) -> re.Match[str] | None:
        words = self.ctx.last_words.get(id(pattern))
        if words is not None:
            if self._last_word(position) not in words:
                return None
        elif pattern is self.ctx.window_qualifier:
            if not self._estimating_near(position, reach):
                return None
        elif pattern is self.ctx.minus_before:
            last = self._last_word(position)
            if not last.endswith(("-", "−")) and last not in self.lex.minus_words:
                return None
        elif pattern is self.ctx.currency_before:
            before = self.text[max(0, position - 3):position].rstrip()
            if not before or before[-1] not in self.lex.currency_symbols:
                return None
        return pattern.search(self.text, max(0, position - reach), position)

    def _estimating_near(self, position: int, reach: int) -> bool:
        """Whether an estimating word ("naar schatting", "about") stands wholly within
        the ``reach`` characters before ``position``: the pre-test of ``window_qualifier``.
        The words are found once per text (``str.find``), not once per number."""
        if self._estimating is None:
            self._estimating = self._find_estimating()
        starts, ends = self._estimating
        if starts is None:  # lower case changed the text's length: test the window itself
            window = self.text[max(0, position - reach):position].lower()
            return any(word in window for word in self.ctx.estimating)
        index = bisect.bisect_left(starts, position - reach)
        while index < len(starts) and starts[index] < position:
            if ends[index] <= position:
                return True
            index += 1
        return False

    def _find_estimating(self) -> tuple[list[int] | None, list[int]]:
        lowered = lowered_text(self.text)
        if len(lowered) != len(self.text):
            return None, []
        spans = []
        for word in self.ctx.estimating:
            at = lowered.find(word)
            while at != -1:
                spans.append((at, at + len(word)))
                at = lowered.find(word, at + 1)
        spans.sort()
        return [start for start, _ in spans], [end for _, end in spans]

    def _last_word(self, position: int) -> str:
        """The word (white space to white space) right before ``position``, lower case."""
        last = self._last_words.get(position)
        if last is None:
            before = self.text[max(0, position - 24):position].rsplit(None, 1)
            last = before[-1].lower() if before else ""
            self._last_words[position] = last
        return last

    def _after(self, pattern: re.Pattern[str], position: int) -> re.Match[str] | None:
        # No pattern of what may follow a number starts with closing punctuation: a
        # number at the end of a clause (the common case) needs no regex at all.
        if self.text[position:position + 1] in _CLAUSE_END:
            return None
        starts = self.ctx.next_starts.get(id(pattern))
        if starts is not None and not self._next_word(position).startswith(starts):
            return None
        return pattern.match(self.text, position)

    def _next_word(self, position: int) -> str:
        """The text right after ``position`` up to the next white space, lower case."""
        word = self._next_words.get(position)
        if word is None:
            after = self.text[position:position + 30].split(None, 1)
            word = after[0].lower() if after else ""
            self._next_words[position] = word
        return word

    def _token_at(self, index: int, position: int, kinds: tuple[str, ...]) -> Token | None:
        if index < len(self.tokens):
            token = self.tokens[index]
            if token.start == position and token.kind in kinds:
                return token
        return None

    # -- the walk -------------------------------------------------------------

    def drafts(self) -> list[Draft]:
        drafts: list[Draft] = []
        index = 0
        while index < len(self.tokens):
            draft, index = self._phrase(index)
            if draft is not None:
                drafts.append(draft)
                while index < len(self.tokens) and self.tokens[index].start < draft.end:
                    index += 1  # a scale word or "een" the phrase has taken in
        return _merge_mixed_numbers(drafts, self.text, self.lex)

    def _phrase(self, index: int) -> tuple[Draft | None, int]:
        token = self.tokens[index]
        following = index + 1
        if token.kind == ARTICLE:
            return self._article(token, following)
        if token.kind == TIME:
            draft = Draft(token.start, token.end, token.value, token.half_unit, Kind.TIME)
        elif token.kind == SLASH:
            draft = Draft(token.start, token.end, token.value, None, Kind.FRACTION)
        elif token.kind == DECADE:
            draft = Draft(token.start, token.end, token.value, None, Kind.AGE,
                          low=token.value, high=token.value + 10)
        elif token.kind == ORDINAL:
            draft = Draft(token.start, token.end, token.value, token.half_unit, Kind.RANK)
        elif token.kind == HALF:
            draft, following = self._half(token, token.start, following)
        else:
            draft, following = self._number(token, following)
        if draft is None:
            return None, following
        self._finish(draft)
        return draft, following

    def _article(self, token: Token, following: int) -> tuple[Draft | None, int]:
        """"een"/"a": a number only inside a number phrase."""
        after = self.text[token.end:token.end + 1]
        nxt = self.tokens[following] if following < len(self.tokens) else None
        adjacent = nxt is not None and re.fullmatch(r"\s+", self.text[token.end:nxt.start]) is not None
        hyphened = nxt is not None and re.fullmatch(r"\s*-\s*|\s+", self.text[token.end:nxt.start]) is not None
        if hyphened and nxt.kind == ORDINAL and nxt.value >= 3:
            draft = Draft(token.start, nxt.end, _ratio(1, nxt.value), None, Kind.FRACTION)
            self._finish(draft)
            return draft, following + 1
        if adjacent and nxt.kind == HALF:
            draft, after_half = self._half(nxt, token.start, following + 1)
            self._finish(draft)
            return draft, after_half
        scale = self._after(self.ctx.article_scale, token.end)
        if scale and not after[:1].isalnum():
            multiplier = self.lex.scales[scale.group(1).lower()]
            draft = Draft(token.start, scale.end(), multiplier, Decimal("0.5") * multiplier, Kind.COUNT)
            self._finish(draft)
            return draft, following
        link = self._after(self.ctx.link, token.end)
        if link and (denominator := self._token_at(following, link.end(), _NUMERIC)):
            if denominator.value > 1:
                draft = Draft(token.start, denominator.end, _ratio(1, denominator.value), None,
                              Kind.FRACTION, link=True)
                self._finish(draft)
                return draft, following + 1
        if self._before(self.ctx.minus_before, token.start) and self.lex.compound:
            draft = Draft(token.start, token.end, Decimal(1), Decimal("0.5"), Kind.COUNT)
            self._finish(draft)
            return draft, following
        return None, following

    def _half(self, token: Token, start: int, following: int) -> tuple[Draft, int]:
        """"de helft", "een half", "anderhalf miljoen", "half a dozen"."""
        value, end, kind = token.value, token.end, Kind.FRACTION if token.value < 1 else Kind.COUNT
        scale = self._after(self.ctx.article_scale, end)
        if scale:
            value *= self.lex.scales[scale.group(1).lower()]
            end, kind = scale.end(), Kind.COUNT
        if start == token.start and self._before(self.ctx.the_before, start):
            start = self._before(self.ctx.the_before, start).start()  # type: ignore[union-attr]
        return Draft(start, end, value, None, kind, scaled_half=scale is not None), following

    def _number(self, token: Token, following: int) -> tuple[Draft | None, int]:
        ctx, text = self.ctx, self.text
        if token.kind == WORDS and token.value == 1 and self.lex.pronoun_one_before:
            if self._before(ctx.pronoun_before, token.start) and text[token.start:token.end].lower() == "one":
                return None, following
        draft = Draft(token.start, token.end, token.value, token.half_unit, Kind.COUNT,
                      ambiguous=token.ambiguous)
        # left/right: whether any context pattern can match before/after the number;
        # a closed side skips all its patterns (each has the same pre-test, see _open_sides)
        left = self._left(token.start)
        right_open, right = self._right(token.end)
        if not left and not right_open and not self._fraction_word_next(token, following):
            if self._is_year(token):
                draft.kind = Kind.YEAR
            return draft, following
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
                draft.value, draft.kind = token.value + 1, Kind.RANK
                return draft, following
        # fractions: "twee op de drie", "1 in 5"; "twee derde", "vijf achtsten"
        link = self._match_after(ctx.link, token.end) if "link" in right else None
        if link and (other := self._token_at(following, link.end(), _NUMERIC)):
            if token.value == token.value.to_integral() and 0 < token.value < other.value:
                return Draft(token.start, other.end, _ratio(token.value, other.value), None,
                             Kind.FRACTION, link=True), following + 1
        fraction = self._denominator(token, following)
        if fraction is not None:
            return fraction, following + 1
        # dates: "27 juni 2024", "20 tot en met 27 juni 2024"
        if token.kind == DIGITS and token.compact and 1 <= token.value <= 31 \
                and ("range_to" in right or "month_after" in right
                     or ("month_before" in left and not self.lex.compound)):
            dated = self._date(token, following)
            if dated is not None:
                return dated
        scale = self._match_after(ctx.scale, draft.end) if "scale" in right else None
        if scale and self._scale_allowed(scale.group(1)):
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
            right = self._right(draft.end)[1]  # the number now ends after the scale word
        # ranges: "4.000 tot 6.000", "tussen 2014 en 2022"
        ranged = self._range(draft, token, following, left, right)
        if ranged is not None:
            return ranged
        percent = self._match_after(ctx.percent, draft.end) if "percent" in right else None
        if percent:
            draft.end, draft.kind = percent.end(), Kind.PERCENT
            return draft, following
        percent_of = (self._search_before(ctx.percent_of_before, draft.start)
                      if "percent_of_before" in left else None)
        if percent_of:
            draft.start, draft.kind = percent_of.start(), Kind.PERCENT
            return draft, following
        self._classify(draft, token)
        return draft, following

    def _left(self, position: int) -> frozenset[str]:
        """The names of the left-hand patterns (``Context`` fields) whose pre-test
        the word before ``position`` passes; only those can match there.  Empty:
        nothing before the number can change its reading.  Looked up by word, so
        each distinct word is tested once per language."""
        names = self._left_at.get(position)
        if names is None:
            last = self._last_word(position)
            names = self._left_table.get(last)
            if names is None:
                names = self._left_table[last] = _left_names(self.ctx, self.lex, last)
            self._left_at[position] = names
        return names

    def _right(self, position: int) -> tuple[bool, frozenset[str]]:
        """(open, names) for the text after ``position``: ``names`` are the
        right-hand patterns whose pre-test the next word passes; ``open`` is the
        wider test of a number that is not plain (a word some pattern, scale or
        currency starts with, a one-letter scale, "-", "/", "%", "^")."""
        found = self._right_at.get(position)
        if found is None:
            if self.text[position:position + 1] in _CLAUSE_END:
                found = _CLOSED
            else:
                word = self._next_word(position)
                found = self._right_table.get(word)
                if found is None:
                    found = self._right_table[word] = _right_names(self.ctx, self.lex.lang, word)
            self._right_at[position] = found
        return found

    def _search_before(self, pattern: re.Pattern[str], position: int, reach: int = 40) -> re.Match[str] | None:
        """``pattern`` ending at ``position``, its pre-test already passed (``_left``)."""
        return pattern.search(self.text, max(0, position - reach), position)

    def _match_after(self, pattern: re.Pattern[str], position: int) -> re.Match[str] | None:
        """``pattern`` starting at ``position``, its pre-test already passed (``_right``)."""
        return pattern.match(self.text, position)

    def _fraction_word_next(self, token: Token, following: int) -> bool:
        """Whether an ordinal or fraction word follows within three characters ("twee derde")."""
        if following < len(self.tokens):
            nxt = self.tokens[following]
            return nxt.kind in (ORDINAL, HALF) and nxt.start - token.end <= 3
        return False

    def _is_year(self, token: Token) -> bool:
        """A four-digit number from 1000 to 2999 written without separator."""
        return (token.kind == DIGITS and token.compact and token.end - token.start == 4
                and 1000 <= token.value <= 2999)

    def _skip(self, following: int, end: int) -> int:
        """The first token at or after ``end``: the ones before belong to the phrase."""
        while following < len(self.tokens) and self.tokens[following].start < end:
            following += 1
        return following

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
        return (token.value + sign * Decimal("0." + digits), Decimal("0.5").scaleb(-len(digits)),
                nxt.end)

    def _split_joined(self, token: Token) -> tuple[Decimal | None, Decimal, str]:
        """(whole, last part, whole's words) of "one hundred and three": a fraction
        word after it belongs to the last part only ("one hundred and three quarters")."""
        words = self.text[token.start:token.end]
        joiner = "|".join(self.lex.joiners)
        split = re.fullmatch(rf"(.*\S)\s+(?:{joiner})\s+(\S+)", words, re.IGNORECASE | re.DOTALL)
        if token.kind == WORDS and split:
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
            fraction = _ratio(numerator, nxt.value)
        else:
            if self.text[nxt.start:nxt.end].lower() not in self.lex.multiplier_words:
                return None  # "driekwart", "anderhalf" are whole fractions
            fraction = numerator * nxt.value
        if whole is None:
            return Draft(token.start, nxt.end, fraction, None, Kind.FRACTION)
        scale = _trailing_scale(whole_words, self.lex)
        value = whole + fraction * scale if scale >= 1000 else whole + fraction
        return Draft(token.start, nxt.end, value, None, Kind.COUNT)

    def _add_smaller(self, draft: Draft, multiplier: Decimal, following: int) -> int:
        """"4 thousand 3 hundred and 21", "6 crore and two hundred": a scaled number
        continued by smaller parts."""
        while True:
            gap = self._after(self.ctx.addition_gap, draft.end)
            part = self._token_at(following, gap.end(), _NUMERIC) if gap else None
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

    def _scale_allowed(self, word: str) -> bool:
        """Single letters are scales only as "k" or upper case: "5 m" is five metres."""
        return len(word) > 1 or word in ("k", "K") or word.isupper()

    def _date(self, token: Token, following: int) -> tuple[Draft, int] | None:
        ctx = self.ctx
        day_to = None
        end = token.end
        to = self._after(ctx.range_to, end)
        if to:
            second = _DAY.match(self.text, to.end())
            if second and 1 <= int(second.group()) <= 31:
                day_to = int(second.group())
                end = second.end()
        month = self._after(ctx.month_after, end)
        if month is None:
            return self._month_first_date(token, following)
        number = self.lex.months[re.sub(r"\s+", " ", month.group(1).lower())]
        year = int(month.group(2)) if month.group(2) else None
        first_day = int(token.value)
        last_day = day_to if day_to is not None else first_day
        if last_day < first_day:
            return None
        low = _date_code(year or 0, number, first_day)
        high = _date_code(year or 0, number, last_day)
        draft = Draft(token.start, month.end(), low, None, Kind.DATE, low=low, high=high)
        while following < len(self.tokens) and self.tokens[following].start < month.end():
            following += 1
        return draft, following

    def _month_first_date(self, token: Token, following: int) -> tuple[Draft, int] | None:
        """"May 5, 2024", "on March 3": the English order, month before day."""
        month = self._before(self.ctx.month_before, token.start, 16)
        if month is None or self.lex.compound:
            return None
        number = self.lex.months[month.group(1).lower()]
        year = _YEAR_AFTER_DAY.match(self.text, token.end)
        code = _date_code(int(year.group(1)) if year else 0, number, int(token.value))
        end = year.end() if year else token.end
        return Draft(month.start(), end, code, None, Kind.DATE, low=code, high=code), \
            self._skip(following, end)

    def _range(self, draft: Draft, token: Token, following: int,
               left: frozenset[str], right: frozenset[str]) -> tuple[Draft, int] | None:
        ctx, text = self.ctx, self.text
        between = (self._search_before(ctx.between_before, draft.start, 12)
                   if "between_before" in left else None)
        joiner = ctx.between_and if between else ctx.range_to
        if ("between_and" if between else "range_to") not in right:
            return None
        link = self._match_after(joiner, draft.end)
        if link is None:
            return None
        other = self._token_at(following, link.end(), _NUMERIC)
        if other is None:
            return None
        if link.group().strip() in ("-", "–", "—") or not link.group().strip():
            if self._before(_PHONE_BEFORE, draft.start, 3) \
                    or re.match(r"\s*[-/]\s*\w", text[other.end:other.end + 3]):
                return None  # a telephone number or a chain, not a range
        high_value, end = other.value, other.end
        scale = self._after(ctx.scale, end)
        if scale and self._scale_allowed(scale.group(1)):
            multiplier = self.lex.scales[scale.group(1).lower()]
            high_value *= multiplier
            end = scale.end()
            if draft.end == token.end and draft.value == token.value:  # "4 tot 6 miljoen"
                draft.value *= multiplier
        if high_value <= draft.value:
            return None
        percent = self._after(ctx.percent, end)
        if percent:
            end = percent.end()
        start = between.start() if between else draft.start
        ranged = Draft(start, end, draft.value, None, Kind.RANGE, low=draft.value, high=high_value,
                       ambiguous=draft.ambiguous or other.ambiguous)
        return ranged, following + 1

    def _classify(self, draft: Draft, token: Token) -> None:
        """Year, date, duration, age, rank or amount: from the words around a count."""
        ctx = self.ctx
        left, right = self._left(draft.start), self._right(draft.end)[1]
        if self._is_year(token):
            months = (self._search_before(ctx.months_between_before, draft.start, 60)
                      if "months_between_before" in left else None)
            month = self._search_before(ctx.month_before, draft.start, 16) if "month_before" in left else None
            if months:
                first = self.lex.months[months.group(1).lower()]
                last = self.lex.months[months.group(2).lower()]
                if first <= last:
                    year = int(token.value)
                    draft.start, draft.kind = months.start(), Kind.DATE
                    draft.low = draft.value = _date_code(year, first, 1)
                    draft.high = _date_code(year, last, calendar.monthrange(year, last)[1])
                    return
            if month:
                year, number = int(token.value), self.lex.months[month.group(1).lower()]
                draft.start, draft.kind = month.start(), Kind.DATE
                draft.low = draft.value = _date_code(year, number, 1)
                draft.high = _date_code(year, number, calendar.monthrange(year, number)[1])
                return
            if "unit" not in right or not self._match_after(ctx.unit, draft.end):
                draft.kind = Kind.YEAR
                return
        if not left and not right:
            return
        if "age_glued" in right and self._match_after(ctx.age_glued, draft.end):
            draft.kind = Kind.AGE
        elif "unit" in right and (unit := self._match_after(ctx.unit, draft.end)):
            draft.kind = Kind.AGE if self._after(ctx.age_after, draft.end) else Kind.DURATION
            if (self.lex.lang == "nl" and unit.group().strip().lower() == "uur"
                    and self._last_word(draft.start) in ("om", "rond", "tegen", "vanaf")
                    and 0 <= draft.value <= 24 and draft.value == draft.value.to_integral()):
                # "om acht uur" is a clock time (minutes since midnight), not a duration
                draft.kind, draft.value = Kind.TIME, draft.value * 60
        elif "rank_before" in left and (rank := self._search_before(ctx.rank_before, draft.start, 12)):
            draft.start = rank.start()
            draft.kind = Kind.RANK
        elif ("currency_before" in left and self._search_before(ctx.currency_before, draft.start, 3)) \
                or ("currency_after" in right and self._match_after(ctx.currency_after, draft.end)):
            draft.kind = Kind.AMOUNT

    def _finish(self, draft: Draft) -> None:
        """Sign and qualifier: the words right before the number."""
        ctx = self.ctx
        left = self._left(draft.start)
        if left:
            minus = self._search_before(ctx.minus_before, draft.start, 12) if "minus_before" in left else None
            if minus and draft.kind not in (Kind.DATE, Kind.YEAR, Kind.RANGE, Kind.TIME, Kind.RANK):
                draft.start = minus.start()
                draft.value = -draft.value
                if draft.low is not None and draft.high is not None:
                    draft.low, draft.high = -draft.high, -draft.low
                left = self._left(draft.start)
            qualifier = (self._search_before(ctx.qualifier_before, draft.start)
                         if "qualifier_before" in left else None)
            if qualifier:
                draft.qualifier = self.lex.qualifiers[_SPACES.sub(" ", qualifier.group(1).lower())]
                draft.start = qualifier.start(1)
                return
        window = (self._search_before(ctx.window_qualifier, draft.start, 60)
                  if self._estimating_near(draft.start, 60) else None)
        if window:
            draft.qualifier = self.lex.qualifiers[_SPACES.sub(" ", window.group(1).lower())]


_CLOSED: tuple[bool, frozenset[str]] = (False, frozenset())
_TABLE_LIMIT = 20_000  # distinct neighbour words kept per language


@cache
def _side_tables(lang: str) -> tuple[dict[str, frozenset[str]], dict[str, tuple[bool, frozenset[str]]]]:
    """Per language: word before a number -> left names, word after -> right names."""
    return _BoundedDict(), _BoundedDict()


class _BoundedDict(dict):  # type: ignore[type-arg]
    """A dict that forgets everything when it grows past ``_TABLE_LIMIT`` (odd texts)."""

    def __setitem__(self, key: object, value: object) -> None:
        if len(self) >= _TABLE_LIMIT:
            self.clear()
        super().__setitem__(key, value)


@cache
def _pattern_names(lang: str) -> tuple[tuple[tuple[str, frozenset[str]], ...], tuple[tuple[str, tuple[str, ...]], ...]]:
    """(name, last words) of each left-hand pattern and (name, first letters) of each
    right-hand one, from the pre-tests in ``Context``."""
    ctx = context_for(lang)
    by_id = {id(value): name for name, value in vars(ctx).items() if isinstance(value, re.Pattern)}
    lefts = tuple((by_id[key], words) for key, words in ctx.last_words.items())
    rights = tuple((by_id[key], starts) for key, starts in ctx.next_starts.items())
    return lefts, rights


def _left_names(ctx: Context, lex: Lexicon, last: str) -> frozenset[str]:
    lefts, _ = _pattern_names(lex.lang)
    names = {name for name, words in lefts if last in words}
    if last.endswith(("-", "−")) or last in lex.minus_words:
        names.add("minus_before")
    if last.endswith(tuple(lex.currency_symbols)):
        names.add("currency_before")
    return frozenset(names)


def _right_names(ctx: Context, lang: str, word: str) -> tuple[bool, frozenset[str]]:
    _, rights = _pattern_names(lang)
    names = frozenset(name for name, starts in rights if word.startswith(starts))
    wide = word.startswith(ctx.right_starts) or word.rstrip(".,;:!?)") in ctx.letter_scales
    return wide, names



def _merge_mixed_numbers(drafts: list[Draft], text: str, lex: Lexicon) -> list[Draft]:
    """"drie en een kwart", "twintig drie vijfde", "2 1/4": a whole number and a fraction."""
    joiner = "|".join(lex.joiners)
    merged: list[Draft] = []
    for draft in drafts:
        previous = merged[-1] if merged else None
        if (previous is not None and draft.scaled_half and previous.kind == Kind.COUNT
                and previous.qualifier == Qualifier.NONE and previous.value == previous.value.to_integral()
                and re.fullmatch(rf"\s+(?:{joiner})\s+", text[previous.end:draft.start], re.IGNORECASE)):
            scale = _trailing_scale(text[draft.start:draft.end], lex)
            if _trailing_scale(text[previous.start:previous.end], lex) >= 1000:
                previous.value += draft.value      # "een miljard en een half miljoen"
            else:
                previous.value = previous.value * scale + draft.value  # "five and a half million"
            previous.end, previous.half_unit = draft.end, None
            continue
        if (previous is not None and draft.kind == Kind.FRACTION and not draft.link
                and previous.kind == Kind.COUNT and draft.value < 1 and draft.qualifier == Qualifier.NONE
                and previous.value == previous.value.to_integral()
                and re.fullmatch(rf"\s+(?:(?:{joiner})\s+)?", text[previous.end:draft.start], re.IGNORECASE)):
            sign = -1 if previous.value < 0 else 1
            scale = _trailing_scale(text[previous.start:previous.end], lex)
            joined = re.search(rf"(?:{joiner})", text[previous.end:draft.start], re.IGNORECASE)
            fraction = draft.value * scale if scale >= 1000 and joined else draft.value
            previous.value = previous.value + sign * fraction
            previous.end, previous.half_unit, previous.kind = draft.end, None, Kind.COUNT
            continue
        merged.append(draft)
    return merged


def _trailing_scale(words: str, lex: Lexicon) -> Decimal:
    """The scale word a number ends in ("3 miljoen" -> 10^6), else 1."""
    last = re.split(r"[\s-]+", words.strip().lower())[-1]
    return lex.scales.get(last, Decimal(1)) if len(last) > 1 else Decimal(1)


def _ratio(numerator: Decimal | int, denominator: Decimal | int) -> Decimal:
    return Decimal(numerator) / Decimal(denominator)


def _date_code(year: int, month: int, day: int) -> Decimal:
    return Decimal(year * 10000 + month * 100 + day)
