"""Qualifiers and comparatives (issue 16 items 1 and 2): words and symbols before or after a
number, their negations, and punctuation between an opening of a clause and the qualifier."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sourcecheck.compare.anchor import AnchorStatus, locate
from sourcecheck.ledger.model import Anchor
from sourcecheck.numbers import Kind, Qualifier, extract
from sourcecheck.numbers.lexicon import LEXICONS

Q = Qualifier


def only(text: str, lang: str):
    mentions = extract(text, lang)
    assert len(mentions) == 1, mentions
    return mentions[0]


# (text, lang, span, qualifier): the value is 30 in every case
BEFORE = [
    # above
    ("meer dan 30 mensen", "nl", "meer dan 30", Q.ABOVE),
    ("groter dan 30 mensen", "nl", "groter dan 30", Q.ABOVE),
    ("hoger dan 30 mensen", "nl", "hoger dan 30", Q.ABOVE),
    ("boven de 30 mensen", "nl", "boven de 30", Q.ABOVE),
    ("een waarde > 30 is hoog", "nl", "> 30", Q.ABOVE),
    ("more than 30 people", "en", "more than 30", Q.ABOVE),
    ("greater than 30 people", "en", "greater than 30", Q.ABOVE),
    ("higher than 30 people", "en", "higher than 30", Q.ABOVE),
    ("exceeding 30 people", "en", "exceeding 30", Q.ABOVE),
    ("in excess of 30 people", "en", "in excess of 30", Q.ABOVE),
    ("upwards of 30 people", "en", "upwards of 30", Q.ABOVE),
    ("ruim boven de 30 graden", "nl", "ruim boven de 30", Q.ABOVE),
    ("well above 30 people", "en", "well above 30", Q.ABOVE),
    ("a value >30 is high", "en", ">30", Q.ABOVE),
    # just over
    ("ruim 30 mensen", "nl", "ruim 30", Q.JUST_OVER),
    ("krap boven de 30 mensen", "nl", "krap boven de 30", Q.JUST_OVER),
    ("just over 30 people", "en", "just over 30", Q.JUST_OVER),
    ("a little over 30 people", "en", "a little over 30", Q.JUST_OVER),
    ("slightly more than 30 people", "en", "slightly more than 30", Q.JUST_OVER),
    # at least
    ("minstens 30 mensen", "nl", "minstens 30", Q.AT_LEAST),
    ("ten minste 30 mensen", "nl", "ten minste 30", Q.AT_LEAST),
    ("minimaal 30 mensen", "nl", "minimaal 30", Q.AT_LEAST),
    ("meer dan of gelijk aan 30 mensen", "nl", "meer dan of gelijk aan 30", Q.AT_LEAST),
    ("een waarde >= 30", "nl", ">= 30", Q.AT_LEAST),
    ("een waarde ≥ 30", "nl", "≥ 30", Q.AT_LEAST),
    ("at least 30 people", "en", "at least 30", Q.AT_LEAST),
    ("at or above 30 people", "en", "at or above 30", Q.AT_LEAST),
    ("a value >= 30", "en", ">= 30", Q.AT_LEAST),
    ("a value ≥30", "en", "≥30", Q.AT_LEAST),
    # below
    ("minder dan 30 mensen", "nl", "minder dan 30", Q.BELOW),
    ("kleiner dan 30 mensen", "nl", "kleiner dan 30", Q.BELOW),
    ("lager dan 30 mensen", "nl", "lager dan 30", Q.BELOW),
    ("onder de 30 mensen", "nl", "onder de 30", Q.BELOW),
    ("een waarde < 30", "nl", "< 30", Q.BELOW),
    ("less than 30 people", "en", "less than 30", Q.BELOW),
    ("fewer than 30 people", "en", "fewer than 30", Q.BELOW),
    ("smaller than 30 people", "en", "smaller than 30", Q.BELOW),
    ("lower than 30 people", "en", "lower than 30", Q.BELOW),
    ("a value < 30", "en", "< 30", Q.BELOW),
    # at most
    ("maximaal 30 mensen", "nl", "maximaal 30", Q.AT_MOST),
    ("hooguit 30 mensen", "nl", "hooguit 30", Q.AT_MOST),
    ("tot wel 30 mensen", "nl", "tot wel 30", Q.AT_MOST),
    ("een waarde <= 30", "nl", "<= 30", Q.AT_MOST),
    ("een waarde ≤ 30", "nl", "≤ 30", Q.AT_MOST),
    ("at most 30 people", "en", "at most 30", Q.AT_MOST),
    ("up to 30 people", "en", "up to 30", Q.AT_MOST),
    ("as many as 30 seats", "en", "as many as 30", Q.AT_MOST),
    ("a value <= 30", "en", "<= 30", Q.AT_MOST),
    ("a value ≤ 30", "en", "≤ 30", Q.AT_MOST),
    # negations turn the direction; the negation is part of the span
    ("niet meer dan 30 mensen", "nl", "niet meer dan 30", Q.AT_MOST),
    ("niet minder dan 30 mensen", "nl", "niet minder dan 30", Q.AT_LEAST),
    ("niet groter dan 30 mensen", "nl", "niet groter dan 30", Q.AT_MOST),
    ("niet hoger dan 30 mensen", "nl", "niet hoger dan 30", Q.AT_MOST),
    ("niet kleiner dan 30 mensen", "nl", "niet kleiner dan 30", Q.AT_LEAST),
    ("niet lager dan 30 mensen", "nl", "niet lager dan 30", Q.AT_LEAST),
    ("niet boven de 30 mensen", "nl", "niet boven de 30", Q.AT_MOST),
    ("niet onder de 30 mensen", "nl", "niet onder de 30", Q.AT_LEAST),
    ("no more than 30 people", "en", "no more than 30", Q.AT_MOST),
    ("no fewer than 30 people", "en", "no fewer than 30", Q.AT_LEAST),
    ("no less than 30 people", "en", "no less than 30", Q.AT_LEAST),
    ("not more than 30 people", "en", "not more than 30", Q.AT_MOST),
    ("not less than 30 people", "en", "not less than 30", Q.AT_LEAST),
    ("not exceeding 30 people", "en", "not exceeding 30", Q.AT_MOST),
    ("not greater than 30 people", "en", "not greater than 30", Q.AT_MOST),
    ("nooit meer dan 30 mensen", "nl", "nooit meer dan 30", Q.AT_MOST),
    ("never more than 30 people", "en", "never more than 30", Q.AT_MOST),
    ("never fewer than 30 people", "en", "never fewer than 30", Q.AT_LEAST),
    # a negated "nearly" is far below, never just under
    ("not nearly 30 people", "en", "not nearly 30", Q.BELOW),
    ("nowhere near 30 people", "en", "nowhere near 30", Q.BELOW),
    ("not quite 30 people", "en", "not quite 30", Q.JUST_UNDER),
]


@pytest.mark.parametrize(("text", "lang", "span", "qualifier"), BEFORE)
def test_a_comparative_before_the_number(text, lang, span, qualifier):
    mention = only(text, lang)
    assert (mention.text, mention.value, mention.qualifier) == (span, D(30), qualifier)
    assert mention.kind is Kind.COUNT


# (text, lang, span, value, qualifier)
AFTER = [
    ("500 of meer mensen", "nl", "500 of meer", "500", Q.AT_LEAST),
    ("mensen van 65 of ouder", "nl", "65 of ouder", "65", Q.AT_LEAST),
    ("mensen van 65 en ouder", "nl", "65 en ouder", "65", Q.AT_LEAST),
    ("30 procent of meer", "nl", "30 procent of meer", "30", Q.AT_LEAST),
    ("30 of minder", "nl", "30 of minder", "30", Q.AT_MOST),
    ("het aantal 65+ groeit", "nl", "65+", "65", Q.AT_LEAST),
    ("65 or more people", "en", "65 or more", "65", Q.AT_LEAST),
    ("aged 65 or over", "en", "65 or over", "65", Q.AT_LEAST),
    ("aged 65 and over", "en", "65 and over", "65", Q.AT_LEAST),
    ("30% or less", "en", "30% or less", "30", Q.AT_MOST),
    ("30 or fewer", "en", "30 or fewer", "30", Q.AT_MOST),
    ("the 65+ group", "en", "65+", "65", Q.AT_LEAST),
    ("10 or so people", "en", "10 or so", "10", Q.NEAR),
    ("children 5 and under", "en", "5 and under", "5", Q.AT_MOST),
    ("ages 18 and up", "en", "18 and up", "18", Q.AT_LEAST),
    # a measure may stand between the number and its comparative
    ("35 graden of warmer", "nl", "35 graden of warmer", "35", Q.AT_LEAST),
    ("35 graden of meer", "nl", "35 graden of meer", "35", Q.AT_LEAST),
    ("aged 65 years and over", "en", "65 years and over", "65", Q.AT_LEAST),
]


@pytest.mark.parametrize(("text", "lang", "spans"), [
    ("12 mensen en meer dan 30 anderen", "nl", ["12", "meer dan 30"]),
    ("12 people and more than 30 others", "en", ["12", "more than 30"]),
    ("10 and up to 30 people", "en", ["10", "up to 30"]),
    ("5 and over 30 people", "en", ["5", "over 30"]),
    # a year takes no "and more": "more recently" is no bound
    ("in 2019 and more recently in 2021", "en", ["2019", "2021"]),
])
def test_a_comparative_after_is_not_the_next_numbers(text, lang, spans):
    assert [m.text for m in extract(text, lang)] == spans


@pytest.mark.parametrize(("text", "lang", "span", "value", "qualifier"), AFTER)
def test_a_comparative_after_the_number(text, lang, span, value, qualifier):
    mention = only(text, lang)
    assert (mention.text, mention.value, mention.qualifier) == (span, D(value), qualifier)


@pytest.mark.parametrize(("text", "lang", "values"), [
    ("5+3 is 8", "en", ["5", "3", "8"]),      # a sum, not "5 or more"
    ("5 + 3 = 8", "nl", ["5", "3", "8"]),
])
def test_a_plus_between_numbers_is_no_qualifier(text, lang, values):
    mentions = extract(text, lang)
    assert [str(m.value) for m in mentions] == values
    assert all(m.qualifier is Q.NONE for m in mentions)


@pytest.mark.parametrize(("text", "lang", "span", "kind", "qualifier"), [
    ("boven de 1000 euro", "nl", "boven de 1000", Kind.COUNT, Q.ABOVE),
    ("onder de 2000 inwoners", "nl", "onder de 2000", Kind.COUNT, Q.BELOW),
    ("more than 2000 people", "en", "more than 2000", Kind.COUNT, Q.ABOVE),
    ("1500 or more people", "en", "1500 or more", Kind.COUNT, Q.AT_LEAST),
    # a qualifier that does not bound the number leaves a year a year
    ("rond 1900", "nl", "rond 1900", Kind.YEAR, Q.NEAR),
])
def test_a_bounded_four_digit_number_is_no_year(text, lang, span, kind, qualifier):
    mention = only(text, lang)
    assert (mention.text, mention.kind, mention.qualifier) == (span, kind, qualifier)


def test_onder_alone_is_among_not_below():
    mention = only("een enquête onder 300 Russen", "nl")
    assert (mention.text, mention.qualifier) == ("300", Q.NONE)


# (text, lang, span, qualifier, value): a qualifier after opening punctuation
PUNCTUATED = [
    ("(around 3.5 million)", "en", "around 3.5 million", Q.NEAR, "3500000"),
    ("[about 40 percent]", "en", "about 40 percent", Q.NEAR, "40"),
    ('"nearly 20" people', "en", "nearly 20", Q.JUST_UNDER, "20"),
    ("“more than 30” people", "en", "more than 30", Q.ABOVE, "30"),
    ("'at least 12'", "en", "at least 12", Q.AT_LEAST, "12"),
    ("—almost 20 people", "en", "almost 20", Q.JUST_UNDER, "20"),
    ("(ongeveer 300)", "nl", "ongeveer 300", Q.NEAR, "300"),
    ("'zo'n 40 procent'", "nl", "zo'n 40 procent", Q.NEAR, "40"),
    ("‘zo’n 40 procent’", "nl", "zo’n 40 procent", Q.NEAR, "40"),
    ("Het zijn er – bijna 20", "nl", "bijna 20", Q.JUST_UNDER, "20"),
    ("Het zijn er –bijna 20", "nl", "bijna 20", Q.JUST_UNDER, "20"),
    ("„ruim 18 miljoen”", "nl", "ruim 18 miljoen", Q.JUST_OVER, "18000000"),
    ("(niet minder dan 30)", "nl", "niet minder dan 30", Q.AT_LEAST, "30"),
]


@pytest.mark.parametrize(("text", "lang", "span", "qualifier", "value"), PUNCTUATED)
def test_a_qualifier_after_opening_punctuation(text, lang, span, qualifier, value):
    mention = only(text, lang)
    assert (mention.text, mention.qualifier, mention.value) == (span, qualifier, D(value))


def test_a_quote_glued_to_a_word_is_no_opening():
    # "d'about" is one word: its "about" is no qualifier
    mention = only("d'about 30", "en")
    assert (mention.text, mention.qualifier) == ("30", Q.NONE)


@pytest.mark.parametrize(("text", "exact", "lang", "qualifier"), [
    ("The city has (around 3.5 million) people.", "around 3.5 million", "en", Q.NEAR),
    ("De stad telt (ongeveer 300) inwoners.", "ongeveer 300", "nl", Q.NEAR),
])
def test_an_anchor_with_its_qualifier_lands_on_the_qualified_mention(text, exact, lang, qualifier):
    start = text.index(exact)
    anchor = Anchor(prefix=text[:start], exact=exact, suffix=text[start + len(exact):])
    located = locate(text, anchor, extract(text, lang))
    assert located.status is AnchorStatus.FOUND and located.mention is not None
    assert (located.mention.text, located.mention.qualifier) == (exact, qualifier)


# Properties: any qualifier phrase + a number, in both languages

def _phrases(lang: str) -> list[tuple[str, Qualifier]]:
    return sorted(LEXICONS[lang].qualifiers.items())


_OPENINGS = ["", "(", "[", '"', "'", "“", "‘", "„", "«", "– ", "— ", "(– "]
_FILLER = st.sampled_from(["Het", "De", "Er", "The", "We", "Zij", "They"])


@st.composite
def qualified_numbers(draw):
    lang = draw(st.sampled_from(["nl", "en"]))
    words, qualifier = draw(st.sampled_from(_phrases(lang)))
    value = draw(st.integers(min_value=1, max_value=999))  # never a year
    unit = draw(st.sampled_from(["", "%", " procent" if lang == "nl" else " percent"]))
    # a symbol may touch the number (">30"); a word ("ca.") stands apart
    space = "" if not any(char.isalpha() for char in words) and draw(st.booleans()) else " "
    return lang, words, qualifier, value, unit, space


@settings(max_examples=300, deadline=None)
@given(qualified_numbers(), _FILLER, st.sampled_from(_OPENINGS))
def test_a_qualifier_and_its_number_are_read_together(case, filler, opening):
    lang, words, qualifier, value, unit, space = case
    phrase = f"{words}{space}{value}{unit}"
    plain = extract(f"{filler} {phrase} .", lang)
    punctuated = extract(f"{filler} {opening}{phrase} .", lang)
    mention = plain[-1]
    # the qualifier and the value are read; the span runs from the qualifier to the number or its unit
    assert (mention.qualifier, mention.value, mention.text) == (qualifier, D(value), phrase)
    # an age comparative ("ouder dan", "not younger than") makes a count an age (issue 16, item 5)
    aged = any(words.lower().endswith(age) for age in LEXICONS[lang].age_qualifiers)
    assert mention.kind is (Kind.PERCENT if unit else Kind.AGE if aged else Kind.COUNT)
    # punctuation before the qualifier never changes the reading
    assert [(m.text, m.value, m.kind, m.qualifier) for m in punctuated] == \
        [(m.text, m.value, m.kind, m.qualifier) for m in plain]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["nl", "en"]), st.integers(min_value=1, max_value=999), st.data())
def test_a_comparative_after_the_number_closes_its_span(lang, value, data):
    words, qualifier = data.draw(st.sampled_from(sorted(LEXICONS[lang].qualifiers_after.items())))
    phrase = f"{value}{words}" if words == "+" else f"{value} {words}"
    mention = extract(f"Zij telden {phrase} .", lang)[-1]
    assert (mention.text, mention.value, mention.qualifier) == (phrase, D(value), qualifier)


_TURNED = {Q.ABOVE: Q.AT_MOST, Q.AT_MOST: Q.ABOVE, Q.BELOW: Q.AT_LEAST, Q.AT_LEAST: Q.BELOW}


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["nl", "en"]), st.integers(min_value=1, max_value=999), st.data())
def test_a_negation_turns_a_comparative_and_is_never_dropped(lang, value, data):
    negation = data.draw(st.sampled_from(["niet", "nooit"] if lang == "nl" else ["not", "no", "never"]))
    # every comparative word but "zeker" ("niet zeker" is doubt, not a bound)
    comparatives = sorted((w, q) for w, q in LEXICONS[lang].qualifiers.items()
                          if q in _TURNED and w[0].isalpha() and w != "zeker"
                          and not w.startswith(("niet ", "nooit ", "not ", "no ", "never ")))
    words, qualifier = data.draw(st.sampled_from(comparatives))
    phrase = f"{negation} {words} {value}"
    mention = extract(f"Zij telden {phrase} .", lang)[-1]
    assert (mention.text, mention.qualifier) == (phrase, _TURNED[qualifier])
