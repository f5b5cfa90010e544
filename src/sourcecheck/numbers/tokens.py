"""Finding number tokens: candidates first, then one anchored pattern per candidate.

The candidates (``candidates.py``) are the places a digit run or a number word
may start, found over a one-byte copy of the text.  At each candidate one
compiled pattern per language (digits, or words) is matched with
``Pattern.match``; only its matches are read in Python, and each distinct form
is read once (``_READINGS``).  That keeps extraction linear and fast on long
texts where numbers are sparse.

A token (``numbertoken.py``) is one number-ish unit; adjacent number words are
joined into one (``wordruns.py``), and ``phrases.py`` joins tokens into mentions.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from operator import attrgetter

from .candidates import VULGAR_FRACTIONS, digit_run_starts, word_starts
from .lexicon import LEXICONS, Lexicon
from .numbertoken import ARTICLE, DECADE, DIGITS, HALF, ORDINAL, SLASH, TIME, WORDS, Token
from .trie import alternation
from .values import read_cardinal, read_digits, read_ordinal, word_precision
from .webaddresses import web_addresses
from .wordruns import join_word_runs

_SPACE_GROUP = "[ \u00a0\u202f]"
_LONGEST_WORD = 80   # a longer "word" of number morphemes is not a number


def _cased(words: tuple[str, ...] | list[str]) -> list[str]:
    """The words and their capitalised forms ("twee", "Twee"; "één", "Één").

    The word pattern is case-sensitive, for speed (docs/performance.md); all-capital
    number words ("TWEE") are therefore not read."""
    return [*words, *(w[:1].upper() + w[1:] for w in words)]


@cache
def _patterns(lang: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(digits, words): the patterns matched at each candidate start.

    The character before a candidate (not a letter, digit, "." or ",") is checked
    in Python.  A bare article ("een", "a") only matches when a word that can make
    it a number follows.
    """
    lex = LEXICONS[lang]
    morpheme = alternation(lex.cardinal_morphemes)
    first_morpheme = alternation(_cased(lex.cardinal_morphemes))
    halves = [*lex.halves, *lex.fraction_words]
    scales = alternation([w for w in lex.scales if len(w) > 2])
    if lex.compound:
        cardinal = rf"(?![Ee]en(?!\w)){first_morpheme}(?:{morpheme}|en|ën)*"
        endings = alternation([*halves, "eerste", "derde"])
        article = (rf"(?:[Ee]en(?=[\s-]+(?:[a-zë]*(?:de|ste|den|sten)|{alternation(halves)}|{scales}"
                   rf"|honderd\w*|duizend\w*|op\s+de|van\s+de|uit|na)(?!\w))|(?<=min )een)")
        word = (rf"{article}|{cardinal}(?:{endings}n?|sten|ste|den|de|ers|er)?"
                rf"|{alternation(_cased([*halves, 'eerste', 'derde']))}n?")
        time = r"(?:[01]?\d|2[0-3])[.:][0-5]\d"
    else:
        tens = [f"{stem}tieth" for stem in ("twen", "thir", "for", "fif", "six", "seven", "eigh", "nine")]
        ordinals = [*lex.ordinals, *tens, *(t + "s" for t in tens)]
        tens_prefix = alternation(_cased(["twenty", "thirty", "forty", "fifty", "sixty", "seventy",
                                           "eighty", "ninety"]))
        ordinal = (rf"(?:{tens_prefix}\s*-\s*)?(?:{alternation(_cased(ordinals))}"
                   rf"|{first_morpheme}ths?)")
        article = (rf"[Aa]n?(?=[\s-]+(?:[a-z]+\s*-\s*)?(?:{scales}|{alternation(halves)}"
                   rf"|{alternation(ordinals)}|[a-z]*ths?)(?!\w))")
        word = rf"{alternation(_cased(halves))}|{ordinal}|{first_morpheme}|{article}"
        time = r"(?:[01]?\d|2[0-3]):[0-5]\d"
    digits = (rf"\d{{1,3}}(?:{_SPACE_GROUP}\d{{3}})+(?:[.,]\d+)?(?!\d)"
              r"|\d+(?:[.,]\d+)*|[.,]\d+")
    digit_source = (
        rf"(?P<tok>(?P<time>{time}(?![\w:]|[.,]\d))"
        rf"|(?P<slash>{_fraction_digits()}(?![\w/]|[.,]\d))"
        rf"|(?P<vulgar>[{''.join(VULGAR_FRACTIONS)}])"
        rf"|(?P<digits>{digits})"
        rf"(?P<power>[eE][+-]?\d+|\^[+-]*\d+|x10\^-?\d+)?(?P<glued>[^\W\d_]+)?)"
    )
    word_source = rf"(?P<tok>(?P<word>{word})(?!\w))"
    return re.compile(digit_source), re.compile(word_source)


def _fraction_digits() -> str:
    return r"\d{1,3}/\d{1,3}"


def tokens(text: str, lex: Lexicon, other: Lexicon, urls: list[tuple[int, int]] | None = None) -> list[Token]:
    """Every number token of ``text`` in order; adjacent number words are joined.

    Digits inside a web address (``urls``: ``web_addresses(text)``, found here when
    not given) are not numbers of the text.
    """
    if urls is None:
        urls = web_addresses(text)
    digit_pattern, word_pattern = _patterns(lex.lang)
    lang, readings = lex.lang, _READINGS[lex.lang]
    placed: list[tuple[int, _Reading]] = []  # (where, reading) of every candidate read
    words_placed: list[tuple[int, _Reading]] = []  # the same, of the word candidates
    scanned_to = 0
    for start in digit_run_starts(text):
        if start < scanned_to:
            continue
        before = text[start - 1] if start else " "
        if before != " ":  # after a space (most numbers) none of these tests can hold
            if before in ".," and (start < 2 or not (text[start - 2].isalnum() or text[start - 2] in "_.,")):
                start -= 1  # ".08", ",25": a leading decimal separator
            elif before.isalnum() or before in "_.,":
                continue  # inside a word or another number
        match = digit_pattern.match(text, start)
        if match is None:
            continue
        scanned_to = match.end()
        if before != " " and ((before == ":" and match.group("time")) or (before == "/" and match.group("slash"))):
            continue
        reading = readings.get(match.groups()) or _cached_reading(match, match.groups(), lex, other)
        if reading:
            placed.append((start, reading))
    for start in word_starts(text, lang):
        if start and text[start - 1] != " " and (text[start - 1].isalnum() or text[start - 1] in "_.,"):
            continue
        match = word_pattern.match(text, start)
        if match is not None:
            reading = readings.get(match.group()) or _cached_reading(match, match.group(), lex, other)
            if reading:
                words_placed.append((start, reading))
    found, words = _placed(placed, urls), _placed(words_placed, urls)
    if words:
        # Runs of number words are joined among the words alone: a digit token between
        # two words would stand in their gap, which then joins nothing (see wordruns._gap_joins).
        found += join_word_runs(words, text, lex)
    found.sort(key=_START_OF)
    return found


def _placed(placed: list[tuple[int, _Reading]], urls: list[tuple[int, int]]) -> list[Token]:
    """The cached readings made tokens where they stand (in order of place), but for any
    inside a web address."""
    found = [Token(start + offset, end + offset, *rest)
             for offset, reading in placed for start, end, rest in reading]
    if urls:  # digits inside a web address are not numbers of the text
        found = [token for token in found
                 if not any(url_start <= token.start < url_end for url_start, url_end in urls)]
    return found


_START_OF: attrgetter[int] = attrgetter("start")


# The reading of a candidate depends only on the text it matched (the pattern's
# groups), not on where it stands: numbers, years and number words repeat across a
# text, so each distinct form is read once.  Readings are kept relative to offset 0,
# by language, by the form (the digit pattern's groups, or the words).  A reading is
# the tokens' fields, (start, end, the other fields in Token's order) for each token:
# a token is made from them where it stands with one call and no attribute read.
_Reading = tuple[tuple[int, int, tuple[str, Decimal, Decimal | None, str | None, bool, bool]], ...]
_Form = tuple[str | None, ...] | str  # the digit pattern's groups, or the words
_READINGS: dict[str, dict[_Form, _Reading]] = {lang: {} for lang in LEXICONS}
_READINGS_MAX = 50_000  # per language


def _cached_reading(match: re.Match[str], form: _Form, lex: Lexicon, other: Lexicon) -> _Reading:
    readings = _READINGS[lex.lang]
    reading = readings.get(form)
    if reading is None:
        reading = _plain_digits(form, lex, other) if type(form) is tuple else None
        if reading is None:
            token = _read(match, lex, other)
            offset = match.start()
            pieces = token if isinstance(token, list) else [token] if token else []
            reading = tuple((piece.start - offset, piece.end - offset, (piece.kind, piece.value,
                             piece.half_unit, piece.ambiguous, piece.plural, piece.compact))
                            for piece in pieces)
        if len(readings) >= _READINGS_MAX:
            readings.clear()
        readings[form] = reading
    return reading


def _plain_digits(groups: tuple[str | None, ...], lex: Lexicon, other: Lexicon) -> _Reading | None:
    """The reading of a digit match that is digits alone (no exponent, no letters glued
    on), most of a text's numbers: what ``_read`` gives, without its detours.  None
    for any other match, and for digits valid in neither convention (``_read`` splits them)."""
    _, _, _, _, digits, power, glued = groups
    if digits is None or power is not None or glued is not None:
        return None
    reading = read_digits(digits, lex, other)
    if reading is None:
        return None
    return ((0, len(digits), (DIGITS, reading.value, reading.half_unit, reading.ambiguous, False,
                              digits.isdigit())),)


def _read(match: re.Match[str], lex: Lexicon, other: Lexicon) -> Token | list[Token] | None:
    start, end = match.span("tok")
    raw = match.group("tok")
    if "word" in match.re.groupindex:
        return _read_word(raw, start, end, lex)
    if match.group("time") is not None:
        hours, minutes = re.split("[.:]", raw)
        return Token(start, end, TIME, Decimal(int(hours) * 60 + int(minutes)), Decimal("0.5"))
    if match.group("vulgar") is not None:
        return Token(start, end, SLASH, _ratio(*VULGAR_FRACTIONS[raw]))
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
    start, end = match.span("digits")
    reading = read_digits(raw, lex, other)
    if reading is None:
        return _split_digits(match, lex, other)
    token = Token(start, end, DIGITS, reading.value, reading.half_unit, reading.ambiguous,
                  compact=raw.isdigit())
    power = match.group("power")
    if power:
        powered = _apply_power(token, power)
        if powered is None:
            return None
        token = powered
        token.end = match.end("power")
    glued = match.group("glued")
    if glued:
        return _read_glued(token, glued, match.end("tok"), lex)
    return token


def _apply_power(token: Token, power: str) -> Token | None:
    """"1e10", "1,1^23", "6.23x10^-4"; an exponent beyond 10^±100 is no figure of a text."""
    token.compact = False
    if abs(int(re.sub(r"[^\d]", "", power.split("^")[-1] if "^" in power else power[1:]) or 0)) > 100:
        return None
    if token.value == 0 and "-" in power:
        return None
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
    "m", "s" and "pp" read by the phrase ("$3m", "5pp", "over-65s": the token is the
    digits alone),
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
    if glued in ("m", "s") or glued.lower() in lex.point_words:
        # "$3m", "5pp", "over-65s", "1990s": the phrase reads the letters after the digits
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
    for piece in re.finditer(r"\d+", match.group("tok")):
        start = match.start("tok") + piece.start()
        pieces.append(Token(start, start + len(piece.group()), DIGITS, Decimal(piece.group()),
                            Decimal("0.5"), compact=False))
    return pieces


def _read_word(raw: str, start: int, end: int, lex: Lexicon) -> Token | None:
    if len(raw) > _LONGEST_WORD:
        return None
    word = raw.lower()
    if word in lex.articles:
        return Token(start, end, ARTICLE, Decimal(1), Decimal("0.5"))
    if word in lex.decade_ages or (lex.compound and word.rstrip("s") in lex.decade_ages):
        return Token(start, end, DECADE, Decimal(lex.decade_ages[word.rstrip("s")]))
    half = _half_word(word, lex)
    if half is not None:
        return Token(start, end, HALF, half)
    # text2num reads "twenty-firsts" as 21: an ordinal ending is tried first
    ordinal_ending = not lex.compound and re.search(r"(?:th|first|second|third)s?$", word)
    value = None if ordinal_ending else read_cardinal(raw, lex)
    if value is not None:
        return Token(start, end, WORDS, value, word_precision(raw, lex))
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
