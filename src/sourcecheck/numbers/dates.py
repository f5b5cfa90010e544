"""Dates and years in number phrases: "27 juni 2024", "20 tot en met 27 juni 2024",
"May 5, 2024", "juni 2024", "tussen maart en mei 2023".

Dates are coded as YYYYMMDD; their low/high cover the written precision ("juni
2024" is 20240601 to 20240630).  A four-digit number from 1000 to 2999 written
without separator is a year; with a month before it a date.
"""

from __future__ import annotations

import calendar
import re
from decimal import Decimal

from .draft import KIND, Draft
from .lookups import Lookups
from .numbertoken import Token

_SPACES = re.compile(r"\s+")
_DAY = re.compile(r"\d{1,2}(?!\d)")
_ARTICLE_BEFORE = re.compile(r"(?<!\w)(?:[Dd]e|[Hh]et|[Tt]he)\s+$")
_YEAR_AFTER_DAY = re.compile(r",?\s+(\d{4})(?![\w]|[.,]\d)")


class DateReading(Lookups):
    """The date and year readings of the phrase builder."""

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
        number = self.lex.months[_SPACES.sub(" ", month.group(1).lower())]
        year = int(month.group(2)) if month.group(2) else None
        first_day = int(token.value)
        last_day = day_to if day_to is not None else first_day
        if last_day < first_day:
            return None
        low = date_code(year or 0, number, first_day)
        high = date_code(year or 0, number, last_day)
        draft = Draft(token.start, month.end(), low, None, KIND.DATE, low=low, high=high)
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
        code = date_code(int(year.group(1)) if year else 0, number, int(token.value))
        end = year.end() if year else token.end
        return Draft(month.start(), end, code, None, KIND.DATE, low=code, high=code), \
            self._skip(following, end)

    def _year(self, draft: Draft, token: Token, left: frozenset[str], right: frozenset[str]) -> bool:
        """A year with its months ("juni 2024", "tussen maart en mei 2023": dates) or alone
        (kind year).  False when a unit follows ("2000 jaar"): a count, not a year."""
        ctx = self.ctx
        # "tussen maart en mei 2023": the word before the month must be "en" (a cheap
        # test; the last word, a month, passed the pre-test of ``left`` already)
        months = (self._search_before(ctx.months_between_before, draft.start, 60)
                  if "months_between_before" in left and self._second_last_word(draft.start, 60)
                  == self.lex.between[1] else None)
        if months:
            first = self.lex.months[months.group(1).lower()]
            last = self.lex.months[months.group(2).lower()]
            if first <= last:
                year = int(token.value)
                draft.start, draft.kind = months.start(), KIND.DATE
                draft.low = draft.value = date_code(year, first, 1)
                draft.high = date_code(year, last, calendar.monthrange(year, last)[1])
                return True
        if self._season(draft, token):
            return True
        month = self._search_before(ctx.month_before, draft.start, 16) if "month_before" in left else None
        if month:
            year, number = int(token.value), self.lex.months[month.group(1).lower()]
            draft.start, draft.kind = month.start(), KIND.DATE
            draft.low = draft.value = date_code(year, number, 1)
            draft.high = date_code(year, number, calendar.monthrange(year, number)[1])
            return True
        if "unit" not in right or not self._match_after(ctx.unit, draft.end):
            draft.kind = KIND.YEAR
            return True
        return False


    def _season(self, draft: Draft, token: Token) -> bool:
        """"de zomer van 2022": the season's months (meteorological), a date range; a
        winter runs into the next year and is flagged.  Only a year after "van"/"of" is
        looked at (the last word: no regular expression for most years)."""
        if not self.lex.seasons or self._last_word(draft.start) != self.lex.year_of:
            return False
        season = self._search_before(self.ctx.season_before, draft.start, 24)
        if season is None:
            return False
        first, last = self.lex.seasons[season.group(1).lower()]
        year = int(token.value)
        draft.start, draft.kind = season.start(), KIND.DATE
        draft.low = draft.value = date_code(year, first, 1)
        end_year = year + 1 if last < first else year
        draft.high = date_code(end_year, last, calendar.monthrange(end_year, last)[1])
        if last < first:
            draft.ambiguous = f"{season.group(1)!r} of {year}: read as December {year} to February {end_year}"
        return True

    def _period(self, token: Token, following: int) -> tuple[Draft, int] | None:
        """"de eerste helft van 2024", "het derde kwartaal", "the first quarter of 2023": an
        ordinal part of a year is one date mention, from its first day to its last (no year
        named: MMDD, as "5 juli" is 705); the span takes the article before it ("de",
        "het", "the").  A half or quarter with no year after it may be
        of anything ("de eerste helft van de wedstrijd"): not a period."""
        found = self._after(self.ctx.period_after, token.end)
        if found is None:
            return None
        word, year_text, this_year = found.group(1).lower(), found.group(2), found.group(3)
        if year_text is None and this_year is None and word not in self.lex.year_parts_alone:
            return None
        parts = self.lex.year_parts[word]
        if not 1 <= token.value <= parts or token.value != token.value.to_integral():
            return None
        months = 12 // parts
        first = (int(token.value) - 1) * months + 1
        last = first + months - 1
        year = int(year_text) if year_text else 0
        low = date_code(year, first, 1)
        high = date_code(year, last, calendar.monthrange(year or 2001, last)[1])
        article = _ARTICLE_BEFORE.search(self.text, max(0, token.start - 5), token.start)
        start = article.start() if article else token.start  # "de eerste helft", "the first quarter"
        return Draft(start, found.end(), low, None, KIND.DATE, low=low, high=high), \
            self._skip(following, found.end())


    def _decade_of_years(self, draft: Draft, token: Token, left: frozenset[str]) -> Draft | None:
        """"de jaren zeventig", "jaren '70": the years 1970 to 1979, kind year.  "de jaren
        twintig" and "jaren 10" may be of this century: read as the last, flagged."""
        if "decade_years_before" not in left or draft.end != token.end:
            return None
        value = draft.value
        if value % 10 or not 10 <= value <= 90:
            return None
        found = self._search_before(self.ctx.decade_years_before, draft.start, 16)
        if found is None:
            return None
        first = 1900 + value
        doubt = (f"{self.text[found.start():draft.end]!r} is read as {first}-{first + 9}; it may be "
                 f"{first + 100}-{first + 109}") if value <= 20 else None
        return Draft(found.start(), draft.end, first, None, KIND.YEAR, low=first, high=first + 9, ambiguous=doubt)


def date_code(year: int, month: int, day: int) -> Decimal:
    return Decimal(year * 10000 + month * 100 + day)


_LIST_GAP = re.compile(r",\s*|\s+en\s+|,?\s+and\s+")


def spread_days(drafts: list[Draft], text: str) -> list[Draft]:
    """"5, 6 en 8 april", "6, 7 and 8 August": the days listed before a date are dates of
    its month (and year) too, not counts.  Changes ``drafts`` in place and returns it."""
    for index, draft in enumerate(drafts):
        if draft.kind is not KIND.DATE or not index or draft.low != draft.high:
            continue
        day = _DAY.match(text, draft.start)
        if day is None or draft.value % 100 != int(day.group()):
            continue
        month = draft.value - int(day.group())  # YYYYMM00 or MM00
        following, next_day = draft, int(day.group())
        for earlier in reversed(drafts[:index]):
            written = text[earlier.start:earlier.end]
            # a list of days goes up: "5, 6 en 8 april", never "12 en 8 april"
            if not (earlier.kind is KIND.COUNT and written.isdigit() and 1 <= int(written) < next_day
                    and _LIST_GAP.fullmatch(text, earlier.end, following.start)):
                break
            next_day = int(written)
            earlier.kind, earlier.value = KIND.DATE, month + next_day
            earlier.low = earlier.high = earlier.value
            earlier.half_unit = None
            following = earlier
    return drafts


_CLOCK_HALF = re.compile(r"\s?([ap])(?:\.m\.|m(?!\w))", re.IGNORECASE)


def clock_time(draft: Draft, text: str) -> Draft:
    """"11:30 am", "3:15 p.m.": the half of the day is part of the time, and "pm" adds twelve
    hours (minutes since midnight: 3:15 pm is 915)."""
    half = _CLOCK_HALF.match(text, draft.end)
    if half is None:
        return draft
    hours = draft.value // 60
    if half.group(1).lower() == "p" and hours < 12:
        draft.value += 720
    elif half.group(1).lower() == "a" and hours == 12:
        draft.value -= 720  # 12:30 am is half past midnight
    draft.end = half.end()
    return draft
