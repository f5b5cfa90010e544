"""The words around a number, as compiled patterns: one :class:`Context` per language.

``phrases.py`` asks these patterns what stands right before a number (a qualifier,
"tussen", a month, a minus sign) and right after it (a percent sign, a scale word,
"tot", a unit).  Each pattern also has a cheap pre-test (the last word before,
the first letters of the word after) so that most numbers need no regex at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from .lexicon import LEXICONS
from .trie import alternation

_ESTIMATING = {"nl": ("naar schatting", "geschat", "ongeveer", "circa"),
               "en": ("an estimated", "estimated", "about", "approximately", "roughly")}


def _words(words: Iterable[str]) -> str:
    """Any of ``words``; a space in a word matches any white space (the words are lower
    case, so the trie's branches never overlap under IGNORECASE)."""
    return alternation(words, any_space=True)


@dataclass(frozen=True)
class Context:
    """The compiled context patterns of one language."""
    scale: re.Pattern[str]
    percent: re.Pattern[str]
    range_to: re.Pattern[str]
    between_and: re.Pattern[str]
    scale_sharer: re.Pattern[str]
    change_before: re.Pattern[str]
    link: re.Pattern[str]
    denominator_gap: re.Pattern[str]
    month_after: re.Pattern[str]
    unit: re.Pattern[str]
    age_after: re.Pattern[str]
    age_glued: re.Pattern[str]
    na: re.Pattern[str]
    qualifier_before: re.Pattern[str]
    # qualifier_before read backwards: an anchored match in the reversed text (docs/performance.md)
    qualifier_reversed: re.Pattern[str]
    window_qualifier: re.Pattern[str]
    qualifier_after: re.Pattern[str]
    minus_before: re.Pattern[str]
    currency_before: re.Pattern[str]
    currency_after: re.Pattern[str]
    percentage_point: re.Pattern[str]
    period_after: re.Pattern[str]
    age_group: re.Pattern[str]
    age_or_older: re.Pattern[str]
    age_named_before: re.Pattern[str]
    season_before: re.Pattern[str]
    decade_years_before: re.Pattern[str]
    multiple: re.Pattern[str]
    ordinal_name: re.Pattern[str]
    rank_before: re.Pattern[str]
    op_before: re.Pattern[str]
    between_before: re.Pattern[str]
    month_before: re.Pattern[str]
    months_between_before: re.Pattern[str]
    the_before: re.Pattern[str]
    article_before: re.Pattern[str]
    percent_of_before: re.Pattern[str]
    article_scale: re.Pattern[str]
    pronoun_before: re.Pattern[str]
    point: re.Pattern[str]
    addition_gap: re.Pattern[str]
    # The last word each "before" pattern can end in: a cheap test before the search.
    last_words: dict[int, frozenset[str]]  # by id(pattern): hashing a Pattern hashes its code
    # What the next word must start with for an "after" pattern to match: a cheap test.
    next_starts: dict[int, tuple[str, ...]]
    estimating: tuple[str, ...]
    # The first letters of what qualifier_after reads after a space: a cheap test per mention
    qualifier_after_letters: frozenset[str]
    # Unions of the pre-tests: a number whose neighbours pass none of them is a plain count.
    left_words: frozenset[str] = frozenset()
    left_endings: tuple[str, ...] = ()


@cache
def context_for(lang: str) -> Context:
    lex = LEXICONS[lang]
    flags = re.IGNORECASE
    # a one-letter scale is a word of its own: "5 k", not "5 k-means"
    scales = rf"{_words(w for w in lex.scales if len(w) > 1)}(?!\w)"
    letter_scales = [w for w in lex.scales if len(w) == 1]
    if letter_scales:  # (an empty alternation would take the empty string for a scale)
        scales += rf"|{_words(letter_scales)}(?![\w-])"
    percent_words = [w for w in lex.percent_words if w != "%"]
    months = _words(list(lex.months))
    between, between_and = lex.between
    op, na = lex.next_to
    context = Context(
        scale=re.compile(rf"[ \t]*({scales})", flags),
        # "4.5 percentage points" is a difference of percentages, not a percentage
        percent=re.compile(rf"[ \t]*%|\s+(?:{_words(percent_words)})(?!\w)(?!\s+points?\b)", flags),
        range_to=re.compile(rf"\s*(?:{_words(lex.range_words)})\s*", flags),
        between_and=re.compile(rf"\s+{between_and}\s+(?:(?:{_words(lex.between_articles)})\s+)?", flags),
        scale_sharer=re.compile(rf"\s+(?:{_words(lex.scale_sharers)})\s+", flags),
        # "rose slightly, from 4.9 to 5 percent": a change, two numbers
        change_before=re.compile(rf"(?<!\w)(?:{_words(lex.change_verbs)})(?:,?\s+[^\W\d]+){{0,3}},?\s+"
                                 rf"{lex.change_from}\s+$", flags),
        link=re.compile(rf"\s+(?:{_words(lex.fraction_links)})\s+", flags),
        denominator_gap=re.compile(r"\s*(?:[-/]\s*)?"),
        month_after=re.compile(rf"\s+({months})(?!\w)(?:\s+(\d{{4}})(?![\w]|[.,]\d))?", flags),
        # "30 jaar", "a 12-month rate": a duration, also glued by a hyphen (not "12-month-old")
        unit=re.compile(rf"(?:\s+|-)(?:{_words(lex.duration_units)})(?![\w-])", flags),
        age_after=re.compile(rf"\s+(?:{_words(lex.age_after)})(?!\w)", flags),
        age_glued=re.compile(rf"(?:{_words(lex.age_glued)})(?!\w)", flags),
        na=re.compile(rf"\s+{na}(?!\w)", flags) if na else re.compile(r"(?!x)x"),
        # a qualifier starts a word; an opening quote before it is punctuation ("'zo'n 40"), one
        # glued to a word is not ("d'over").  No space is needed before the number: a symbol
        # (">30") may touch it, and a number glued to a word is no token at all
        qualifier_before=re.compile(rf"(?<!\w)(?<!\w['’])({_words(list(lex.qualifiers))})\s*$", flags),
        qualifier_reversed=re.compile(rf"\s*({_words(q[::-1] for q in lex.qualifiers)})(?!\w)(?!['’]\w)",
                                      flags),
        # "65 of meer", "65 or over", "65+" (a "+" glued to the number, not a sum: "5+3")
        # "35 graden of meer" (a measure between); never the start of another number's
        # phrase ("12 en meer dan 30", "10 and up to 30", "5 and over 30")
        qualifier_after=re.compile(rf"(?:(?:\s+(?:{_words(lex.measures)}))?\s+"
                                   rf"({_words(lex.qualifiers_after.keys() - {'+'})})(?!\w)"
                                   rf"|(\+))(?![\w+])(?!\s+(?:dan|than|to|tot)(?!\w))(?!\s*\d)", flags),
        window_qualifier=re.compile(
            rf"(?<!\w)({_words(_ESTIMATING[lang])})(?:\s+[^\W\d]+){{1,3}}\s+$", flags),
        minus_before=re.compile(rf"(?:(?<![\w.,\d])[-−]|(?<!\w)(?:{_words(lex.minus_words)})\s)\s*$",
                                flags),
        # "€", "US$", "EUR" (codes in capitals): group 1 is what names the currency
        currency_before=re.compile(
            rf"(?<![\w$])({alternation(lex.currency_codes_before)}|[{re.escape(lex.currency_symbols)}])\s*$"),
        # "0,3 procentpunt", "2 percentage points", "5pp", "3%-punt": a difference of percentages
        percentage_point=re.compile(rf"[ \t]*(?:{_words(lex.point_words)})(?!\w)", flags),
        # after an ordinal: the part of a year (1), its year (2) or "dit jaar" (3)
        period_after=re.compile(
            rf"\s+({_words(lex.year_parts)})(?:\s+{lex.year_of}\s+(?:(\d{{4}})(?![\w]|[.,]\d)"
            rf"|({_words(lex.this_year)})(?!\w)))?(?!\w)", flags) if lex.year_parts else re.compile(r"(?!x)x"),
        # "18- tot 24-jarigen", "18 to 24-year-olds": group 1 is the upper age
        age_group=re.compile(rf"-?\s*(?:{_words(lex.range_words)})\s*(\d{{1,3}})(?:{_words(lex.age_glued)})(?!\w)",
                             flags),
        age_or_older=re.compile(rf"\s*(?:{_words(lex.age_plus)})(?![\w'’])|\s+(?:{_words(lex.age_or_older)})(?!\w)"
                                if lex.age_plus else rf"\s+(?:{_words(lex.age_or_older)})(?!\w)", flags),
        age_named_before=re.compile(rf"(?<!\w)(?:{_words(lex.age_named)})\s+$", flags)
        if lex.age_named else re.compile(r"(?!x)x"),
        decade_years_before=re.compile(
            rf"(?<!\w)(?:de\s+(?:{_words(lex.decade_years_before)})\s+['’]?|(?:{_words(lex.decade_years_before)})\s+['’])$",
            flags)
        if lex.decade_years_before else re.compile(r"(?!x)x"),
        # matched as written at an ordinal's start: a name, no rank
        ordinal_name=re.compile(alternation(lex.ordinal_names, any_space=True))
        if lex.ordinal_names else re.compile(r"(?!x)x"),
        multiple=re.compile(rf"\s+(?:{_words(lex.multiple_words)})(?=\s+(?:{_words(lex.multiple_follow)})(?!\w))",
                            flags) if lex.multiple_words else re.compile(r"(?!x)x"),
        season_before=re.compile(rf"(?<!\w)(?:(?:de|het|the)\s+)?({_words(lex.seasons)})\s+{lex.year_of}\s+$", flags)
        if lex.seasons else re.compile(r"(?!x)x"),
        currency_after=re.compile(rf"\s*(?:{_words(lex.currencies)})(?!\w)", flags),
        rank_before=re.compile(rf"(?<!\w)(?:{_words(lex.rank_before)})\s*$", flags),
        op_before=re.compile(rf"(?<!\w){op}\s+$", flags) if op else re.compile(r"(?!x)x"),
        # "tussen 40 en 50", "tussen de 40 en 50", "tussen zo'n 10 en 20" (group 1: the qualifier)
        between_before=re.compile(rf"(?<!\w){between}\s+(?:(?:{_words(lex.between_articles)})\s+"
                                  rf"|({_words(list(lex.qualifiers))})\s*)?$", flags),
        month_before=re.compile(rf"(?<!\w)({months})\s+$", flags),
        months_between_before=re.compile(
            rf"(?<!\w){between}\s+({months})\s+{between_and}\s+({months})\s+$", flags),
        the_before=re.compile(r"(?<!\w)de\s+$" if lang == "nl" else r"(?!x)x", flags),
        article_before=re.compile(rf"(?<!\w)(?:{_words(lex.articles)})\s+$", flags),
        percent_of_before=re.compile(rf"(?<!\w)(?:{_words(lex.percent_of)})\s+$", flags),
        article_scale=re.compile(rf"\s+(?:(?:{_words(lex.articles)})\s+)?({_words(lex.scales)})(?!\w)",
                                 flags),
        pronoun_before=re.compile(rf"(?<!\w)(?:{_words(lex.pronoun_one_before)})\s+$", flags)
        if lex.pronoun_one_before else re.compile(r"(?!x)x"),
        point=re.compile(r"\s+(?:komma)\s+" if lang == "nl" else r"\s+(?:point)\s+", flags),
        addition_gap=re.compile(rf"\s+(?:(?:{'|'.join(lex.joiners)})\s+)?", flags),
        last_words={},
        next_starts={},
        estimating=_ESTIMATING[lang],
        qualifier_after_letters=frozenset(word[0] for word in (*lex.qualifiers_after, *lex.measures)
                                          for word in (word.lower(), word.upper()) if word[0].isalpha()),
    )
    context.next_starts.update({
        id(context.scale): _firsts(lex.scales),
        id(context.percent): _firsts(lex.percent_words),
        id(context.range_to): _firsts(lex.range_words),
        id(context.between_and): _firsts([between_and]),
        id(context.scale_sharer): _firsts(lex.scale_sharers),
        id(context.link): _firsts(lex.fraction_links),
        id(context.month_after): _firsts(lex.months),
        id(context.unit): _firsts(lex.duration_units),
        id(context.age_after): _firsts(lex.age_after),
        id(context.age_glued): _firsts([g.lstrip("-") for g in lex.age_glued] + ["-"]),
        id(context.na): _firsts([na]) if na else ("\0",),
        id(context.currency_after): _firsts(lex.currencies),
        id(context.percentage_point): _firsts(lex.point_words),
        id(context.period_after): _firsts(lex.year_parts),
        id(context.age_group): _firsts(lex.range_words),
        id(context.age_or_older): _firsts([*lex.age_plus, *(w.lstrip("-") for w in lex.age_plus),
                                           *lex.age_or_older]),
        id(context.multiple): _firsts(lex.multiple_words) if lex.multiple_words else ("\0",),
        id(context.qualifier_after): _firsts([*lex.qualifiers_after, *lex.measures]),
        id(context.point): ("komma", "point"),
    })
    context.last_words.update({
        id(context.qualifier_before): _last_words(lex.qualifiers),
        id(context.rank_before): _last_words(lex.rank_before),
        id(context.op_before): _last_words([op]),
        id(context.between_before): _last_words([between, *lex.between_articles, *lex.qualifiers]),
        id(context.month_before): _last_words(lex.months),
        id(context.months_between_before): _last_words(lex.months),
        id(context.the_before): _last_words(["de"]),
        id(context.article_before): _last_words(lex.articles),
        id(context.percent_of_before): _last_words(lex.percent_of),
        id(context.pronoun_before): _last_words(lex.pronoun_one_before),
        id(context.age_named_before): _last_words(lex.age_named),
        # "jaren '70": the word before the digits is the apostrophe
        id(context.decade_years_before): _last_words(lex.decade_years_before) | (
            {"'", "’"} if lex.decade_years_before else set()),
    })
    left_words = frozenset().union(*context.last_words.values(), lex.minus_words)
    return Context(**{**context.__dict__, "left_words": left_words,
                      "left_endings": ("-", "−", *lex.currency_symbols)})


def _firsts(phrases: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted({phrase.split()[0].lower() for phrase in phrases if phrase.strip()}))


def _last_words(phrases: Iterable[str]) -> frozenset[str]:
    return frozenset(phrase.split()[-1].lower() for phrase in phrases if phrase.strip())


