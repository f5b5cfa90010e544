"""Ordinals and fractions: compound ordinal words are ranks, a fraction needs a numerator
reading, and a form that can be both says so (issue 16, item 4)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sourcecheck.numbers import Kind, extract


def _only(text: str, lang: str):
    mentions = extract(text, lang)
    assert len(mentions) == 1, [m.text for m in mentions]
    return mentions[0]


@pytest.mark.parametrize(("lang", "text", "span", "rank"), [
    ("nl", "Het is de driehonderdvijftigste keer.", "driehonderdvijftigste", 350),
    ("nl", "Het is de honderdeerste keer.", "honderdeerste", 101),
    ("nl", "In het tweeduizend zestiende jaar.", "tweeduizend zestiende", 2016),
    ("nl", "Het is de honderd vijftigste keer.", "honderd vijftigste", 150),
    ("nl", "Het is de tweehonderd derde keer.", "tweehonderd derde", 203),
    ("en", "It is the two hundred and fiftieth time.", "two hundred and fiftieth", 250),
    ("en", "It is the one hundred twenty-first time.", "one hundred twenty-first", 121),
    ("en", "It is the one hundred twenty fifth time.", "one hundred twenty fifth", 125),
    ("en", "It is the two hundredth time.", "two hundredth", 200),
    ("en", "It is the twenty fifth time.", "twenty fifth", 25),
    ("en", "The two thousand and twenty-fourth day.", "two thousand and twenty-fourth", 2024),
    ("nl", "De 18 miljoenste inwoner.", "18 miljoenste", 18000000),
    ("nl", "De drie miljoenste inwoner.", "drie miljoenste", 3000000),
    ("en", "The 2 millionth visitor.", "2 millionth", 2000000),
])
def test_compound_ordinals_are_ranks(lang, text, span, rank):
    mention = _only(text, lang)
    assert (mention.text, mention.value, mention.kind, mention.ambiguous) == (span, Decimal(rank), Kind.RANK, None)


@pytest.mark.parametrize(("lang", "text", "span", "numerator", "denominator"), [
    ("nl", "Een derde van de scholen.", "Een derde", 1, 3),
    ("nl", "Twee derde van de scholen.", "Twee derde", 2, 3),
    ("nl", "Drie vierde van de scholen.", "Drie vierde", 3, 4),
    ("nl", "Vijf achtsten van de scholen.", "Vijf achtsten", 5, 8),
    ("nl", "Drie honderdste seconde.", "Drie honderdste", 3, 100),
    ("en", "A third of the schools.", "A third", 1, 3),
    ("en", "Three quarters of the schools.", "Three quarters", 3, 4),
    ("en", "Three fifths of the schools.", "Three fifths", 3, 5),
    ("en", "Two hundredths of the total.", "Two hundredths", 2, 100),
    ("en", "One hundred twenty fifths.", "One hundred twenty fifths", 120, 5),
])
def test_a_fraction_has_a_numerator_reading(lang, text, span, numerator, denominator):
    mention = _only(text, lang)
    assert (mention.text, mention.kind) == (span, Kind.FRACTION)
    assert mention.value == Decimal(numerator) / Decimal(denominator)


@pytest.mark.parametrize(("lang", "text", "span", "value"), [
    ("en", "Around one in every five people.", "Around one in every five", Decimal(1) / 5),
    ("en", "Nearly one in every six people.", "Nearly one in every six", Decimal(1) / 6),
    ("nl", "Eén op elke vijf mensen.", "Eén op elke vijf", Decimal(1) / 5),
])
def test_one_in_every_five_is_a_fraction(lang, text, span, value):
    mention = _only(text, lang)
    assert (mention.text, mention.kind, mention.value) == (span, Kind.FRACTION, value)


def test_one_hundredth_is_a_fraction_flagged_as_possibly_a_rank():
    mention = _only("It is one hundredth of it.", "en")
    assert (mention.value, mention.kind) == (Decimal("0.01"), Kind.FRACTION)
    assert mention.ambiguous is not None and "rank 100" in mention.ambiguous


# -- every ordinal from 1 to 999, spelt out ------------------------------------------------

_EN_UNITS = ("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
             "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_EN_UNIT_ORDINALS = ("", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
                     "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
                     "seventeenth", "eighteenth", "nineteenth")
_EN_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def english_ordinal(n: int, joiner: str, tens_sep: str) -> str:
    hundreds, rest = divmod(n, 100)
    if n == 100:
        return "hundredth"  # "the one hundredth" may be 1/100 (tested above)
    if rest == 0:
        return f"{_EN_UNITS[hundreds]} hundredth"
    if rest < 20:
        tail = _EN_UNIT_ORDINALS[rest]
    else:
        tens, unit = divmod(rest, 10)
        tail = f"{_EN_TENS[tens][:-1]}ieth" if unit == 0 else f"{_EN_TENS[tens]}{tens_sep}{_EN_UNIT_ORDINALS[unit]}"
    return f"{_EN_UNITS[hundreds]} hundred{joiner}{tail}" if hundreds else tail


_NL_UNITS = ("", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf",
             "twaalf", "dertien", "veertien", "vijftien", "zestien", "zeventien", "achttien", "negentien")
_NL_TENS = ("", "", "twintig", "dertig", "veertig", "vijftig", "zestig", "zeventig", "tachtig", "negentig")


def _dutch_cardinal(n: int) -> str:
    if n < 20:
        return _NL_UNITS[n]
    tens, unit = divmod(n, 10)
    if unit == 0:
        return _NL_TENS[tens]
    return f"{_NL_UNITS[unit]}{'ën' if _NL_UNITS[unit].endswith('e') else 'en'}{_NL_TENS[tens]}"


def dutch_ordinal(n: int, space_after_hundred: bool) -> str:
    hundreds, rest = divmod(n, 100)
    head = "" if not hundreds else "honderd" if hundreds == 1 else f"{_NL_UNITS[hundreds]}honderd"
    words = head + (" " if head and rest and space_after_hundred else "") + _dutch_cardinal(rest)
    if words.endswith("een"):
        return words[:-3] + "eerste"
    if words.endswith("drie"):
        return words[:-4] + "derde"
    if words.endswith(("acht", "tig", "honderd")):
        return words + "ste"
    return words + "de"


@given(n=st.integers(min_value=1, max_value=999), joiner=st.sampled_from([" ", " and "]),
       tens_sep=st.sampled_from(["-", " "]))
def test_every_english_ordinal_from_1_to_999_is_its_rank(n, joiner, tens_sep):
    written = english_ordinal(n, joiner, tens_sep)
    mention = _only(f"It was the {written} time.", "en")
    assert (mention.text, mention.value, mention.kind) == (written, Decimal(n), Kind.RANK)


@given(n=st.integers(min_value=1, max_value=999), space=st.booleans())
def test_every_dutch_ordinal_from_1_to_999_is_its_rank(n, space):
    written = dutch_ordinal(n, space)
    mention = _only(f"Het was de {written} keer.", "nl")
    assert (mention.text, mention.value, mention.kind) == (written, Decimal(n), Kind.RANK)


@pytest.mark.parametrize(("lang", "text"), [
    ("nl", "Na de Tweede Wereldoorlog groeide het land."),
    ("nl", "De Tweede Kamerleden stemden."),
    ("nl", "Een tweedehands auto."),
    ("en", "After the Second World War it grew."),
    ("en", "Second-hand cars cost more."),
])
def test_a_name_that_starts_with_an_ordinal_is_no_rank(lang, text):
    assert extract(text, lang) == []


@pytest.mark.parametrize(("lang", "text", "span"), [
    ("nl", "Het was de tweede keer.", "tweede"),
    ("en", "It was the second war.", "second"),
])
def test_the_same_ordinal_elsewhere_is_a_rank(lang, text, span):
    mention = _only(text, lang)
    assert (mention.text, mention.kind) == (span, Kind.RANK)
