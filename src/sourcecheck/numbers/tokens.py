"""Finding number tokens: one compiled regular expression per language.

The scanner makes a single pass of one regular expression over the text to find
candidate tokens (digit runs, clock times, digit fractions, number words,
ordinals, fraction words); only those candidates are parsed in Python.  That
keeps extraction fast on long texts where numbers are sparse.

A token is one number-ish unit; ``phrases.py`` joins tokens into mentions
("1,5 miljoen", "4.000 tot 6.000", "twee op de drie").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from .lexicon import LEXICONS, Lexicon
from .values import read_cardinal, read_digits, read_ordinal

# Kinds of token
DIGITS = "digits"      # 200.000, 40,2, 2014
TIME = "time"          # 22.00 (Dutch), 22:00
SLASH = "slash"        # 3/4
WORDS = "words"        # tweehonderdduizend, fifty-two (adjacent words are joined)
ARTICLE = "article"    # een, a, an: a number only inside a number phrase
ORDINAL = "ordinal"    # tweede, 4e, twentieth, fifths
HALF = "half"          # helft, half, anderhalf, kwart, quarter
DECADE = "decade"      # dertiger

_SPACE_GROUP = "[ \u00a0\u202f]"


@dataclass
class Token:
    start: int
    end: int
    kind: str
    value: Decimal
    half_unit: Decimal | None = None  # None: exact
    ambiguous: str | None = None
    plural: bool = False
    compact: bool = True  # a digit run without any separator (candidate year)


def _alternation(words: tuple[str, ...] | list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@cache
def _pattern(lang: str) -> re.Pattern[str]:
    lex = LEXICONS[lang]
    morpheme = _alternation(lex.cardinal_morphemes)
    halves = _alternation([*lex.halves, *lex.fraction_words])
    if lex.compound:
        cardinal = rf"(?:{morpheme})(?:{morpheme}|en|ën)*"
        word = (rf"(?:{cardinal})?(?:{halves}|eerste|derde)n?"
                rf"|{cardinal}(?:sten|ste|den|de|ers|er)?")
        time = r"(?:[01]?\d|2[0-3])[.:][0-5]\d"
    else:
        tens = r"(?:twen|thir|for|fif|six|seven|eigh|nine)tieth"
        ordinal = rf"(?:(?:{morpheme})\s*-\s*)?(?:{_alternation(list(lex.ordinals))}|{tens}s?|(?:{morpheme})ths?)"
        word = rf"{halves}|{ordinal}|{morpheme}|a|an"
        time = r"(?:[01]?\d|2[0-3]):[0-5]\d"
    digits = (rf"\d{{1,3}}(?:{_SPACE_GROUP}\d{{3}})+(?:[.,]\d+)?(?!\d)"
              r"|\d+(?:[.,]\d+)*|[.,]\d+")
    source = (
        rf"(?P<time>(?<![\w.,:]){time}(?![\w:]|[.,]\d))"
        rf"|(?P<slash>(?<![\w.,/]){_fraction_digits()}(?![\w/]|[.,]\d))"
        rf"|(?P<digits>(?<![\w.,])(?:{digits}))"
        rf"(?P<power>[eE][+-]?\d+|\^[+-]*\d+|x10\^-?\d+)?(?P<glued>[^\W\d_]+)?"
        rf"|(?<!\w)(?P<word>{word})(?!\w)"
    )
    return re.compile(source, re.IGNORECASE)


def _fraction_digits() -> str:
    return r"\d{1,3}/\d{1,3}"


def tokens(text: str, lex: Lexicon, other: Lexicon) -> list[Token]:
    """Every number token of ``text`` in order; adjacent number words are joined."""
    found: list[Token] = []
    for match in _pattern(lex.lang).finditer(text):
        token = _read(match, lex, other)
        if token is None:
            continue
        if isinstance(token, list):
            found.extend(token)
            continue
        if token.kind == WORDS and found and _join_words(found[-1], token, text, lex):
            continue
        found.append(token)
    return found


def _join_words(previous: Token, token: Token, text: str, lex: Lexicon) -> bool:
    """Fold ``token`` into ``previous`` when together they are one number."""
    if previous.kind not in (WORDS, ARTICLE):
        return False
    gap = text[previous.end:token.start]
    joiner = "|".join(lex.joiners)
    if not re.fullmatch(rf"\s+(?:(?:{joiner})\s+)?|\s*-\s*", gap, re.IGNORECASE):
        return False
    value = read_cardinal(text[previous.start:token.end], lex)
    if value is None:
        return False
    previous.end, previous.value, previous.kind = token.end, value, WORDS
    previous.half_unit = _word_precision(text[previous.start:previous.end], lex)
    return True


def _word_precision(words: str, lex: Lexicon) -> Decimal:
    """Half a unit; a number that ends in a separate scale word is as precise as
    that word ("twee miljoen" is 1.5 to 2.5 million, like "2 miljoen")."""
    last = re.split(r"[\s-]+", words.strip().lower())[-1]
    scale = lex.scales.get(last)
    if scale is not None and scale >= 10 ** 6 and " " in words.strip():
        return Decimal("0.5") * scale
    return Decimal("0.5")


def _read(match: re.Match[str], lex: Lexicon, other: Lexicon) -> Token | list[Token] | None:
    start, end = match.span()
    raw = match.group()
    if match.group("time") is not None:
        hours, minutes = re.split("[.:]", raw)
        return Token(start, end, TIME, Decimal(int(hours) * 60 + int(minutes)), Decimal("0.5"))
    if match.group("slash") is not None:
        numerator, denominator = (int(part) for part in raw.split("/"))
        if denominator == 0 or numerator >= denominator:
            return _split_digits(match, lex, other)
        return Token(start, end, SLASH, _ratio(numerator, denominator))
    if match.group("digits") is not None:
        return _read_digits(match, lex, other)
    return _read_word(raw, start, end, lex)


def _ratio(numerator: int | Decimal, denominator: int | Decimal) -> Decimal:
    return Decimal(numerator) / Decimal(denominator)  # default context: 28 digits


def _read_digits(match: re.Match[str], lex: Lexicon, other: Lexicon) -> Token | list[Token] | None:
    raw = match.group("digits")
    start = match.start()
    end = match.end("digits")
    reading = read_digits(raw, lex, other)
    if reading is None:
        return _split_digits(match, lex, other)
    token = Token(start, end, DIGITS, reading.value, reading.half_unit, reading.ambiguous,
                  compact=raw.isdigit())
    power = match.group("power")
    if power:
        token = _apply_power(token, power)
        token.end = match.end("power")
    glued = match.group("glued")
    if glued:
        return _read_glued(token, glued, match.end(), lex)
    return token


def _apply_power(token: Token, power: str) -> Token:
    token.compact = False
    if power.lower().startswith("e"):
        factor = Decimal(10) ** int(power[1:])
    elif power.lower().startswith("x10^"):
        factor = Decimal(10) ** int(power[4:])
    else:
        exponent = power.lstrip("^")
        sign = -1 if exponent.count("-") % 2 else 1
        exponent_value = sign * int(exponent.lstrip("+-"))
        value = token.value ** exponent_value
        token.value, token.half_unit = value, None
        return token
    token.value *= factor
    token.half_unit = token.half_unit * factor if token.half_unit is not None else None
    return token


def _read_glued(token: Token, glued: str, end: int, lex: Lexicon) -> Token | None:
    """Letters glued to digits: a scale ("10k", "1,2b"), an ordinal ("4e", "4th"),
    or a unit of measure ("29km"), which is not a number on its own."""
    scale = _letter_scale(glued, lex)
    if scale is not None:
        token.value *= scale
        token.half_unit = token.half_unit * scale if token.half_unit is not None else None
        token.end, token.compact = end, False
        return token
    if re.fullmatch(lex.digit_ordinal, glued, re.IGNORECASE) and token.value == token.value.to_integral():
        token.kind, token.end = ORDINAL, end
        return token
    return None


def _letter_scale(letters: str, lex: Lexicon) -> Decimal | None:
    """Scale letters; lower-case "m", "mm" and "g" are metres and grams, not millions."""
    if letters in ("m", "mm", "g"):
        return None
    return lex.scales.get(letters.lower())


def _split_digits(match: re.Match[str], lex: Lexicon, other: Lexicon) -> list[Token]:
    """A digit run valid in neither convention ("192.168.1.2"): each piece alone."""
    pieces = []
    for piece in re.finditer(r"\d+", match.group()):
        start = match.start() + piece.start()
        pieces.append(Token(start, start + len(piece.group()), DIGITS, Decimal(piece.group()),
                            Decimal("0.5"), compact=False))
    return pieces


def _read_word(raw: str, start: int, end: int, lex: Lexicon) -> Token | None:
    word = raw.lower()
    if word in lex.articles:
        return Token(start, end, ARTICLE, Decimal(1), Decimal("0.5"))
    if word in lex.decade_ages or (lex.compound and word.rstrip("s") in lex.decade_ages):
        return Token(start, end, DECADE, Decimal(lex.decade_ages[word.rstrip("s")]))
    half = _half_word(word, lex)
    if half is not None:
        return Token(start, end, HALF, half)
    value = read_cardinal(raw, lex)
    if value is not None:
        return Token(start, end, WORDS, value, _word_precision(raw, lex))
    ordinal = read_ordinal(raw, lex)
    if ordinal is not None:
        number, plural = ordinal
        return Token(start, end, ORDINAL, Decimal(number), Decimal("0.5"), plural=plural)
    return None


def _half_word(word: str, lex: Lexicon) -> Decimal | None:
    """"helft", "anderhalf", "tweeënhalf", "twaalfenhalve", "kwart", "driekwart"."""
    for table in (lex.halves, lex.fraction_words):
        if word in table:
            return table[word]
    if not lex.compound:
        return None
    found = re.fullmatch(r"(.+?)(?:en|ën)(half|halve)", word)
    if found:
        whole = read_cardinal(found.group(1), lex)
        if whole is not None:
            return whole + Decimal("0.5")
    return None
