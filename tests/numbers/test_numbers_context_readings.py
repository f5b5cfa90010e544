"""Readings that the words around a number decide (issue 16, found on the news gold corpus):
an age after a word for people, "up to" that belongs to a verb, "op een na", "one" as an
indefinite, a school year."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sourcecheck.numbers import Kind, Qualifier, extract

Q = Qualifier


def readings(text: str, lang: str) -> list[tuple[str, Kind, Qualifier, D, D]]:
    return [(m.text, m.kind, m.qualifier, m.low, m.high) for m in extract(text, lang)]


PEOPLE_AGES = [
    ("Bij Nederlanders onder de 80 neemt het toe.", "nl", "onder de 80", Q.BELOW, D("79.5"), D("80.5")),
    ("Het gaat om kinderen onder de 12.", "nl", "onder de 12", Q.BELOW, D("11.5"), D("12.5")),
    ("Het aantal coronapatiënten onder de 40 blijft laag.", "nl", "onder de 40", Q.BELOW,
     D("39.5"), D("40.5")),
    ("De helft van de patiënten is tussen de 60 en 79 jaar.", "nl", "tussen de 60 en 79", Q.NONE,
     D(60), D(79)),
    ("Meldingen bij jongeren van 13 tot en met 17.", "nl", "van 13 tot en met 17", Q.NONE, D(13), D(17)),
    ("Van de jongeren tot 35 jaar kwam 71 procent.", "nl", "tot 35", Q.AT_MOST, D("34.5"), D("35.5")),
    ("A fifth of all residents are now over 65.", "en", "over 65", Q.ABOVE, D("64.5"), D("65.5")),
    ("9.2 million residents were 65 and over.", "en", "65 and over", Q.AT_LEAST, D("64.5"), D("65.5")),
    ("Vaccines for children from 5 to 11 arrive.", "en", "from 5 to 11", Q.NONE, D(5), D(11)),
]


@pytest.mark.parametrize(("text", "lang", "span", "qualifier", "low", "high"), PEOPLE_AGES)
def test_a_bound_or_range_after_people_is_an_age(text, lang, span, qualifier, low, high):
    assert (span, Kind.AGE, qualifier, low, high) in readings(text, lang)


NOT_AGES = [
    ("Het aantal mensen steeg van 16 naar 17 miljoen.", "nl"),   # over 120: a count
    ("Bij kinderen tussen de 40 en 50 procent.", "nl"),            # a range of percentages
    ("Het aantal inwoners is tot 2030 gestegen.", "nl"),           # a year
    ("More than 30 people attended.", "en"),                       # people after the number
    ("Prices rose to over 65 pounds.", "en"),                      # no people before it
    ("Er waren mensen tot 3,5 uur in de rij.", "nl"),               # not a whole number
]


@pytest.mark.parametrize(("text", "lang"), NOT_AGES)
def test_other_numbers_near_people_are_no_ages(text, lang):
    assert all(kind is not Kind.AGE for _, kind, *_ in readings(text, lang)), readings(text, lang)


@given(st.sampled_from(["mensen", "kinderen", "ouderen", "inwoners", "ziekenhuispatiënten"]),
       st.sampled_from([("onder de", Q.BELOW), ("boven de", Q.ABOVE), ("ouder dan", Q.ABOVE)]),
       st.integers(min_value=1, max_value=120))
def test_people_then_a_bound_is_an_age_of_that_bound(people, bound, age):
    words, qualifier = bound
    found = extract(f"Het gaat om {people} {words} {age} in de regio.", "nl")
    assert [(m.text, m.kind, m.qualifier, m.value) for m in found] == [(f"{words} {age}", Kind.AGE, qualifier, age)]


@given(st.integers(min_value=121, max_value=10_000))
def test_a_bound_above_any_age_stays_a_count(number):
    found = extract(f"Er zijn mensen boven de {number} geteld.", "nl")
    assert [m.kind for m in found if m.value == number] in ([Kind.COUNT], [Kind.YEAR])


@pytest.mark.parametrize(("text", "span", "qualifier"), [
    ("the number out of work edged up to 7.9 million", "7.9 million", Q.NONE),
    ("The participation rate crept up to 62.9 percent.", "62.9 percent", Q.NONE),
    ("Inflation went up to 4 percent.", "4 percent", Q.NONE),
    ("The hall seats up to 300 people.", "up to 300", Q.AT_MOST),     # no verb's particle: a bound
    ("Fines of up to 300 pounds apply.", "up to 300 pounds", Q.AT_MOST),
])
def test_up_to_after_a_verb_of_change_is_no_bound(text, span, qualifier):
    assert [(m.text, m.qualifier) for m in extract(text, "en")] == [(span, qualifier)]


def test_op_een_na_is_second_with_or_without_accents():
    for text in ("het op een na hoogste aantal", "het op één na hoogste aantal"):
        assert [(m.kind, m.value) for m in extract(text, "nl")] == [(Kind.RANK, 2)]
    assert extract("op een nacht in mei", "nl") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("A shortage has been one factor behind rising prices.", []),
    ("One reason is the rate rise.", []),
    ("Only one patient died.", []),                      # "only one": pronoun_one_before
    ("One patient died and two recovered.", [1, 2]),
])
def test_one_before_a_noun_of_explanation_is_an_article(text, expected):
    assert [m.value for m in extract(text, "en")] == expected


def test_a_school_year_names_a_class():
    assert [m.value for m in extract("One in five children in school year six is obese.", "en")] \
        == [D(1) / D(5)]
    assert [m.value for m in extract("Children in school year 6 and 11 pupils.", "en")] == [11]
