"""The reading rules of the extractor, one example each (Dutch and English)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from sourcecheck.errors import UsageError
from sourcecheck.numbers import Kind, Qualifier, extract


def only(text: str, lang: str):
    mentions = extract(text, lang)
    assert len(mentions) == 1, mentions
    return mentions[0]


@pytest.mark.parametrize(("text", "lang", "span", "value", "low", "high", "kind", "qualifier"), [
    # precision follows the written digits; qualifier slack is not applied here
    ("Zo'n 44% was tegen.", "nl", "Zo'n 44%", "44", "43.5", "44.5", Kind.PERCENT, Qualifier.NEAR),
    ("Het is 40,2% geworden.", "nl", "40,2%", "40.2", "40.15", "40.25", Kind.PERCENT, Qualifier.NONE),
    ("Er wonen 200.000 mensen.", "nl", "200.000", "200000", "199999.5", "200000.5", Kind.COUNT, Qualifier.NONE),
    ("ruim 1,5 miljoen kiezers", "nl", "ruim 1,5 miljoen", "1500000", "1450000", "1550000", Kind.COUNT,
     Qualifier.JUST_OVER),
    ("nearly 2.3 million voters", "en", "nearly 2.3 million", "2300000", "2250000", "2350000", Kind.COUNT,
     Qualifier.JUST_UNDER),
    ("tweehonderdduizend Russen", "nl", "tweehonderdduizend", "200000", "199999.5", "200000.5", Kind.COUNT,
     Qualifier.NONE),
    ("minder dan 5 procent", "nl", "minder dan 5 procent", "5", "4.5", "5.5", Kind.PERCENT, Qualifier.BELOW),
    ("at least 12 per cent", "en", "at least 12 per cent", "12", "11.5", "12.5", Kind.PERCENT, Qualifier.AT_LEAST),
    # ranges give their two ends
    ("van 4.000 tot 6.000 mensen", "nl", "4.000 tot 6.000", "4000", "4000", "6000", Kind.RANGE, Qualifier.NONE),
    ("between 4,000 and 6,000 people", "en", "between 4,000 and 6,000", "4000", "4000", "6000", Kind.RANGE,
     Qualifier.NONE),
    # a range of years is kind year (waived like a year)
    ("tussen 2014 en 2022", "nl", "tussen 2014 en 2022", "2014", "2014", "2022", Kind.YEAR, Qualifier.NONE),
    # "à" joins a range with or without a qualifier before it
    ("5 à 6 mensen", "nl", "5 à 6", "5", "5", "6", Kind.RANGE, Qualifier.NONE),
    ("ongeveer 5 à 6 mensen", "nl", "ongeveer 5 à 6", "5", "5", "6", Kind.RANGE, Qualifier.NEAR),
    # a one-letter scale is a word of its own: "k-means" is no thousand
    ("about 5 k-means runs", "en", "about 5", "5", "4.5", "5.5", Kind.COUNT, Qualifier.NEAR),
    ("about 5 k in fees", "en", "about 5 k", "5000", "4500", "5500", Kind.COUNT, Qualifier.NEAR),
    # "tot" after a word is no range
    ("toegenomen tot meer dan 200.000", "nl", "meer dan 200.000", "200000", "199999.5", "200000.5", Kind.COUNT,
     Qualifier.ABOVE),
    # ranks
    ("de op één na grootste", "nl", "op één na", "2", "1.5", "2.5", Kind.RANK, Qualifier.NONE),
    ("wereldwijd nummer twee", "nl", "nummer twee", "2", "1.5", "2.5", Kind.RANK, Qualifier.NONE),
    ("the second largest", "en", "second", "2", "1.5", "2.5", Kind.RANK, Qualifier.NONE),
    # fractions are exact ratios
    ("de helft van de kiezers", "nl", "de helft", "0.5", "0.5", "0.5", Kind.FRACTION, Qualifier.NONE),
    ("een derde van de scholen", "nl", "een derde", str(D(1) / D(3)), str(D(1) / D(3)), str(D(1) / D(3)), Kind.FRACTION,
     Qualifier.NONE),
    ("twee op de drie Russen", "nl", "twee op de drie", str(D(2) / D(3)), str(D(2) / D(3)), str(D(2) / D(3)),
     Kind.FRACTION, Qualifier.NONE),
    ("one in five voters", "en", "one in five", "0.2", "0.2", "0.2", Kind.FRACTION, Qualifier.NONE),
    # times (minutes since midnight), dates (YYYYMMDD), durations, ages
    ("rond 22.00 uur", "nl", "rond 22.00", "1320", "1319.5", "1320.5", Kind.TIME, Qualifier.NEAR),
    ("van 20 tot en met 27 juni 2024", "nl", "20 tot en met 27 juni 2024", "20240620", "20240620", "20240627",
     Kind.DATE, Qualifier.NONE),
    ("in juli 2022 verhuisd", "nl", "juli 2022", "20220701", "20220701", "20220731", Kind.DATE, Qualifier.NONE),
    ("al bijna drie jaar", "nl", "bijna drie", "3", "2.5", "3.5", Kind.DURATION, Qualifier.JUST_UNDER),
    ("a 35-year-old man", "en", "35-year-old", "35", "34.5", "35.5", Kind.AGE, Qualifier.NONE),
    ("een dertiger", "nl", "dertiger", "30", "30", "40", Kind.AGE, Qualifier.NONE),
    ("om acht uur", "nl", "acht", "480", "479.5", "480.5", Kind.TIME, Qualifier.NONE),
    ("it fell 4.5 percentage points", "en", "4.5 percentage points", "4.5", "4.45", "4.55",
     Kind.PERCENTAGE_POINT, Qualifier.NONE),
    ("on May 5, 2024 it rained", "en", "May 5, 2024", "20240505", "20240505", "20240505", Kind.DATE, Qualifier.NONE),
    ("in 2018", "nl", "2018", "2018", "2017.5", "2018.5", Kind.YEAR, Qualifier.NONE),
    ("€ 5 miljoen", "nl", "€ 5 miljoen", "5000000", "4500000", "5500000", Kind.AMOUNT, Qualifier.NONE),
])
def test_reading(text, lang, span, value, low, high, kind, qualifier):
    mention = only(text, lang)
    assert mention.text == span
    assert (mention.value, mention.low, mention.high) == (D(value), D(low), D(high))
    assert (mention.kind, mention.qualifier) == (kind, qualifier)


def test_a_separated_estimate_qualifies_without_joining_the_span():
    mention = only("die naar schatting uit 4.000 tot 6.000 personen bestond", "nl")
    assert (mention.text, mention.qualifier) == ("4.000 tot 6.000", Qualifier.ESTIMATED)


def test_a_qualifier_after_the_number_or_across_a_comma_does_not_apply():
    assert only("in 2022 bijna uitgezet", "nl").qualifier == Qualifier.NONE
    assert only("naar schatting, zei hij, 70%", "nl").qualifier == Qualifier.NONE


@pytest.mark.parametrize("text", ["een kleine prijs", "Een jaar later", "binnen een jaar",
                                  "een reis van een maand", "A man said so.", "Which one do you prefer?"])
def test_articles_and_pronouns_are_no_numbers(text):
    lang = "nl" if text[0].lower() in "eb" and not text.startswith("A ") else "en"
    assert extract(text, lang) == []


@pytest.mark.parametrize(("text", "value"), [("één", 1), ("Één", 1), ("Eén", 1), ("een miljoen", 1000000),
                                             ("een half miljoen", 500000)])
def test_een_is_a_number_when_accented_or_inside_a_number_phrase(text, value):
    assert only(text, "nl").value == value


@pytest.mark.parametrize(("text", "lang", "value", "ambiguous"), [
    ("1,500", "nl", "1.5", True),      # Dutch reading kept, English thousands flagged
    ("4.800", "en", "4.8", True),      # English reading kept, Dutch thousands flagged
    ("200.000", "nl", "200000", False),
    ("1,500", "en", "1500", False),
    ("2.3", "nl", "2.3", True),        # not Dutch at all: read the only way, flagged
    ("5,00", "en", "5", True),
])
def test_the_other_convention_is_never_silently_reinterpreted(text, lang, value, ambiguous):
    mention = only(text, lang)
    assert mention.value == D(value)
    assert (mention.ambiguous is not None) == ambiguous


def test_digits_in_web_addresses_are_not_numbers():
    assert extract("zie https://example.org/2024/44%20x en 3 keer", "nl")[0].text == "3"


def test_unknown_language_is_a_usage_error():
    with pytest.raises(UsageError):
        extract("5", "de")


def test_values_are_decimals_never_floats():
    for mention in extract("40,2% van 1,5 miljoen en twee op de drie", "nl"):
        for number in (mention.value, mention.low, mention.high):
            assert isinstance(number, D)
