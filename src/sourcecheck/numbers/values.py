"""Reading the value of one number token: digits, number words, ordinals.

Digits are read with the separators Babel gives for the text's locale.  The
rule for the other language's convention (documented in docs and tests):

* a form that is valid in the text's language is read that way;
* if it also reads as thousands in the other language ("1,500" in Dutch,
  "4.800" in English: one separator followed by exactly three digits), the
  mention keeps the language's own reading and says why it is ambiguous;
* a form that is only valid in the other language ("5,00" in English, "2.3" in
  Dutch) is read the only way it can be read, and always flagged ambiguous;
* a form valid in neither ("192.168.1.2") is not one number (the scanner splits it).

Number words go to text2num (``text_to_num.text2num``), which reads Dutch
compounds ("tweehonderdduizend") and English phrases ("two hundred and six").
Ordinals and fraction words are not read by text2num; they are handled here.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache, lru_cache
from typing import NamedTuple

from text_to_num import text2num

from ..interval import half_unit
from .lexicon import LEXICONS, Lexicon

_HALF = Decimal("0.5")
_SPACES = re.compile("[ \u00a0\u202f]")


class DigitReading(NamedTuple):  # a tuple: every distinct number of a text makes one
    value: Decimal
    half_unit: Decimal  # half of the last written digit's unit: the written precision
    ambiguous: str | None = None


# half a unit of the last digit, by the number of decimals: 0.5, 0.05, 0.005...
_HALF_UNITS = tuple(half_unit(-decimals) for decimals in range(40))


@cache
def _grouped(separator: str) -> re.Pattern[str]:
    """An integer part grouped by ``separator``: 1 to 3 characters, then groups of exactly
    3 (the digit pattern lets only digits and separators through)."""
    other = f"[^{re.escape(separator)}]"
    return re.compile(f"{other}{{1,3}}(?:{re.escape(separator)}{other}{{3}})+")


def _valid(raw: str, group: str, decimal: str) -> DigitReading | None:
    """Read ``raw`` with one convention, or None when it is not valid in it."""
    integer, _, fraction = raw.partition(decimal)
    if fraction and (decimal in fraction or group in fraction):
        return None
    if group in integer:
        if _grouped(group).fullmatch(integer) is None:  # 1 to 3 digits, then groups of 3
            return None
        integer = integer.replace(group, "")
    if not integer and not fraction:
        return None
    value = Decimal((integer or "0") + "." + fraction if fraction else integer)
    decimals = len(fraction)
    return DigitReading(value, _HALF_UNITS[decimals] if decimals < 40 else half_unit(-decimals))


def read_digits(raw: str, lex: Lexicon, other: Lexicon) -> DigitReading | None:
    """The value of a run of digits and separators, by the rule in the module docstring."""
    return _read_digits(raw, lex.lang, other.lang)


@lru_cache(maxsize=65536)
def _read_digits(raw: str, lang: str, other_lang: str) -> DigitReading | None:
    lex, other = LEXICONS[lang], LEXICONS[other_lang]
    if raw.isdecimal():  # most numbers of a text: no separator, nothing to decide
        return DigitReading(Decimal(raw), _HALF)
    spaced = _SPACES.sub("", raw)
    if spaced != raw:  # "1 234 567,89": spaces group thousands in both languages
        raw = spaced.replace(lex.group, "\0")  # a space-grouped number has no other group sign
        if "\0" in raw:
            return None
    own = _valid(raw, lex.group, lex.decimal)
    if own is not None:
        # the other convention matters only for one separator followed by three digits
        if (raw.count(lex.decimal) == 1 and lex.group not in raw
                and len(raw.partition(lex.decimal)[2]) == 3):
            foreign = _valid(raw, other.group, other.decimal)
            if foreign is not None and foreign.value != own.value:
                return DigitReading(own.value, own.half_unit,
                                    f"{raw!r} reads {own.value} in {lex.lang} but is "
                                    f"{foreign.value} in {other.lang}")
        return own
    foreign = _valid(raw, other.group, other.decimal)
    if foreign is not None:
        return DigitReading(foreign.value, foreign.half_unit,
                            f"{raw!r} is not written the {lex.lang} way; read as "
                            f"{other.lang} ({foreign.value})")
    return None


def read_cardinal(words: str, lex: Lexicon) -> Decimal | None:
    """The value of number words ("tweehonderdduizend", "fifty - two"), or None."""
    return _read_cardinal(words, lex.lang)


@lru_cache(maxsize=65536)
def _read_cardinal(words: str, lang: str) -> Decimal | None:
    lex = LEXICONS[lang]
    text = re.sub(r"\s*-\s*", "-", words.lower()) if not lex.compound else words.lower()
    text = re.sub(r"\s+", " ", text).strip()
    for alias, canonical in lex.word_aliases.items():
        text = text.replace(alias, canonical)
    candidates = [text]
    if not lex.compound:
        candidates.append(re.sub(r" and ", " ", text))
    for candidate in candidates:
        try:
            return Decimal(text2num(candidate, lex.lang))
        except ValueError:
            continue
    return _split_at_big_scale(text, lex)


def word_precision(words: str, lex: Lexicon) -> Decimal:
    """Half a unit; a number that ends in a separate scale word is as precise as
    that word ("twee miljoen" is 1.5 to 2.5 million, like "2 miljoen")."""
    last = _WORD_BREAK.split(words.strip().lower())[-1]
    scale = lex.scales.get(last)
    if scale is not None and scale >= 10 ** 6 and " " in words.strip():
        return Decimal("0.5") * scale
    return Decimal("0.5")


_WORD_BREAK = re.compile(r"[\s-]+")


def _split_at_big_scale(text: str, lex: Lexicon) -> Decimal | None:
    """text2num 3.1 reads no "trillion": read "twenty-one trillion and three
    hundred" as (twenty-one) x 10^12 + (three hundred) here."""
    for scale in ("trillion", "biljard"):
        head, found, tail = text.rpartition(scale)
        if not found or (head and not head.endswith((" ", "-"))):
            continue
        multiplier = lex.scales.get(scale)
        if multiplier is None:
            continue
        tail = re.sub(r"^\s*(?:and|en)?\s*", "", tail)
        if tail and not tail[0].isalpha():
            return None
        left = read_cardinal(head, lex) if head.strip() else Decimal(1)
        right = read_cardinal(tail, lex) if tail else Decimal(0)
        if left is None or right is None or right >= multiplier:
            return None
        return left * multiplier + right
    return None


_NL_DE_STEMS = ("twee", "vier", "vijf", "zes", "zeven", "negen", "tien", "elf", "twaalf")
_NL_STE_STEMS = ("acht", "tig", "honderd", "duizend", "joen", "jard")


def read_ordinal(word: str, lex: Lexicon) -> tuple[int, bool] | None:
    """(number, plural) of an ordinal word ("tweede", "twentieth", "fifths"), or None.

    text2num reads cardinals only, so the ordinal suffix is stripped here and
    the stem read as a cardinal.
    """
    return _read_ordinal(word, lex.lang)


@lru_cache(maxsize=16384)
def _read_ordinal(word: str, lang: str) -> tuple[int, bool] | None:
    lex = LEXICONS[lang]
    text = word.lower()
    if lex.compound:
        return _dutch_ordinal(text, lex)
    text = re.sub(r"\s*-\s*", "-", text)
    plural = text.endswith("s")
    pieces = re.split(r"[- ]+", text)
    last, head = pieces[-1], " ".join(pieces[:-1])
    last_number = _english_ordinal_word(last, lex)
    if last_number is None:
        return None
    if not head:
        return last_number, plural
    prefix = read_cardinal(head, lex)
    if prefix is None:
        return None
    return int(prefix) + last_number, plural


def _english_ordinal_word(word: str, lex: Lexicon) -> int | None:
    if word in lex.ordinals:
        return lex.ordinals[word]
    stem = word[:-1] if word.endswith("s") else word
    if not stem.endswith("th"):
        return None
    stem = stem[:-2]
    if stem.endswith("ie"):          # twentieth -> twenty
        stem = stem[:-2] + "y"
    value = read_cardinal(stem, lex)
    if value is None:  # text2num wants "one trillion", not "trillion"
        value = read_cardinal("one " + stem, lex)
    return None if value is None else int(value)


def _dutch_ordinal(text: str, lex: Lexicon) -> tuple[int, bool] | None:
    plural = text.endswith("n") and not text.endswith("en") or text.endswith(("sten", "den"))
    body = text[:-1] if plural else text
    for irregular, number in lex.ordinals.items():  # eerste, derde, achtste
        if body.endswith(irregular):
            head = body[: -len(irregular)]
            if not head:
                return number, plural
            head = re.sub(r"(en|ën)$", "", head)
            prefix = read_cardinal(head, lex)
            return (int(prefix) + number, plural) if prefix is not None else None
    for suffix, stems in (("ste", _NL_STE_STEMS), ("de", _NL_DE_STEMS)):
        if body.endswith(suffix):
            stem = body[: -len(suffix)]
            if stem.endswith(stems) or (suffix == "de" and stem.endswith("tien")):
                value = read_cardinal(stem, lex)
                return (int(value), plural) if value is not None else None
    return None
