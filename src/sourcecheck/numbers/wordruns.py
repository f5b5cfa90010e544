"""Joining runs of number words into one token: "tweeduizend tweehonderd",
"a hundred thousand", "fifty-two".

``tokens.py`` reads each word alone; a run is joined when text2num reads the words
together as one number.
"""

from __future__ import annotations

import re
from functools import cache

from .lexicon import LEXICONS, Lexicon
from .numbertoken import ARTICLE, WORDS, Token
from .values import read_cardinal, word_precision

_LONGEST_RUN = 12    # number words in one number: "zeventien miljoen drieënvijftigduizend ..."
_DIGIT_AT_END = re.compile(r"\d\s*$")
_WORD_BREAK = re.compile(r"[\s-]+")
_HYPHEN_GAP = re.compile(r"\s*-\s*")


def join_word_runs(found: list[Token], text: str, lex: Lexicon) -> list[Token]:
    """Join runs of number words ("tweeduizend tweehonderd", "a hundred thousand"):
    the longest run from each token that text2num reads as one number."""
    joined: list[Token] = []
    index = 0
    count = len(found)
    gap_pattern = _gap_pattern(lex.lang)
    while index < count:
        token = found[index]
        if token.kind not in (WORDS, ARTICLE):
            joined.append(token)  # digits and the like join nothing here
            index += 1
            continue
        last = index
        while (last + 1 < len(found) and last - index < _LONGEST_RUN and found[last + 1].kind == WORDS
               and found[last].kind in (WORDS, ARTICLE)
               and _gap_joins(text, found[last], found[last + 1], lex, gap_pattern)):
            last += 1
        if last == index:  # no word follows that joins it (the common case): the token as it is
            joined.append(token)
            index += 1
            continue
        if token.kind == ARTICLE and not _starts_with_scale(text, found[index + 1], lex):
            joined.append(token)
            index += 1
            continue
        if token.kind == WORDS and _DIGIT_AT_END.search(text, max(0, token.start - 3), token.start) \
                and _starts_with_scale(text, token, lex):
            joined.append(token)  # "3 hundred and one": the scale belongs to the digits
            index += 1
            continue
        first_word = index + 1 if token.kind == ARTICLE else index
        while last > index:
            value = read_cardinal(text[found[first_word].start:found[last].end], lex)
            if value is not None:
                break
            last -= 1
        if value is None:  # (the loop ran down to last == index)
            joined.append(token)
            index += 1
            continue
        words = text[token.start:found[last].end]
        joined.append(Token(token.start, found[last].end, WORDS, value, word_precision(words, lex)))
        index = last + 1
    return joined


@cache
def _gap_pattern(lang: str) -> re.Pattern[str]:
    """White space, or a joiner word between white space ("two hundred and six")."""
    joiner = "|".join(LEXICONS[lang].joiners)
    return re.compile(rf"\s+(?:(?:{joiner})\s+)?", re.IGNORECASE)


def _starts_with_scale(text: str, token: Token, lex: Lexicon) -> bool:
    first = _WORD_BREAK.split(text[token.start:token.end].lower(), 1)[0]
    return first in lex.scales and lex.scales[first] >= 100


def _gap_joins(text: str, previous: Token, token: Token, lex: Lexicon, gap_pattern: re.Pattern[str]) -> bool:
    if gap_pattern.fullmatch(text, previous.end, token.start):
        return True
    # "fifty-two", "fifty - two": a hyphen joins tens and units only ("three-nought-four" is three numbers)
    return (not lex.compound and _HYPHEN_GAP.fullmatch(text, previous.end, token.start) is not None
            and previous.kind == WORDS and 20 <= previous.value <= 90 and previous.value % 10 == 0
            and 1 <= token.value <= 9)
