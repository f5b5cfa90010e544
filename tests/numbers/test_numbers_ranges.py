"""Scales and ranges (issue 16 item 3): a scale word shared by two numbers, ranges with
articles, qualifiers and symbols, ranges of ranks and ranges of years."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sourcecheck.numbers import Kind, Qualifier, extract
from sourcecheck.numbers.lexicon import LEXICONS

Q = Qualifier


def read(text: str, lang: str) -> list[tuple[str, D | None, str]]:
    return [(m.text, m.value, m.kind) for m in extract(text, lang)]


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("van 16 naar 17 miljoen", "nl", [("16", D(16_000_000), Kind.COUNT), ("17 miljoen", D(17_000_000), Kind.COUNT)]),
    ("2 of 3 miljoen", "nl", [("2", D(2_000_000), Kind.COUNT), ("3 miljoen", D(3_000_000), Kind.COUNT)]),
    ("2 or 3 million", "en", [("2", D(2_000_000), Kind.COUNT), ("3 million", D(3_000_000), Kind.COUNT)]),
    ("rose from 40 or 50 thousand", "en", [("40", D(40_000), Kind.COUNT), ("50 thousand", D(50_000), Kind.COUNT)]),
    # not a year, and not two numbers far apart
    ("steeg in 2020 naar 17 miljoen", "nl", [("2020", D(2020), Kind.YEAR), ("17 miljoen", D(17_000_000), Kind.COUNT)]),
    ("van 900 naar 1,2 miljoen", "nl", [("900", D(900), Kind.COUNT), ("1,2 miljoen", D(1_200_000), Kind.COUNT)]),
])
def test_a_scale_after_the_second_number_is_the_firsts_too(text, lang, expected):
    assert read(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # "from X to Y" after a verb of change is a change: two numbers, measured alike
    ("London grew – up from 8.2 to 8.8 million.", "en",
     [("8.2", D(8_200_000), Kind.COUNT), ("8.8 million", D(8_800_000), Kind.COUNT)]),
    ("The rate rose slightly, from 4.9 to 5 percent.", "en",
     [("4.9", D("4.9"), Kind.PERCENT), ("5 percent", D(5), Kind.PERCENT)]),
    ("De bevolking steeg van 16 tot 17 miljoen.", "nl",
     [("16", D(16_000_000), Kind.COUNT), ("17 miljoen", D(17_000_000), Kind.COUNT)]),
    ("van 16 naar 17 procent", "nl", [("16", D(16), Kind.PERCENT), ("17 procent", D(17), Kind.PERCENT)]),
    ("2 or 3 percent", "en", [("2", D(2), Kind.PERCENT), ("3 percent", D(3), Kind.PERCENT)]),
    ("rose from 20% to 30%", "en", [("20%", D(20), Kind.PERCENT), ("30%", D(30), Kind.PERCENT)]),
    ("steeg van 20% tot 30%", "nl", [("20%", D(20), Kind.PERCENT), ("30%", D(30), Kind.PERCENT)]),
    # a percentage and a count are no range
    ("20% to 30 members", "en", [("20%", D(20), Kind.PERCENT), ("30", D(30), Kind.COUNT)]),
    # a change by one amount to another of a different magnitude: no range, no shared scale
    ("increased by 284,000 to 2.6 million", "en",
     [("284,000", D(284_000), Kind.COUNT), ("2.6 million", D(2_600_000), Kind.COUNT)]),
])
def test_a_change_is_two_numbers(text, lang, expected):
    assert read(text, lang) == expected


def test_a_shared_scale_scales_the_precision_too():
    first = extract("van 16 naar 17 miljoen", "nl")[0]
    assert (first.low, first.high) == (D(15_500_000), D(16_500_000))


# (text, lang, span, low, high, kind, qualifier)
RANGES = [
    ("from 4 to 5 billion", "en", "4 to 5 billion", "4000000000", "5000000000", Kind.RANGE, Q.NONE),
    ("2 à 3 miljard", "nl", "2 à 3 miljard", "2000000000", "3000000000", Kind.RANGE, Q.NONE),
    ("van 4 tot 6 miljoen", "nl", "4 tot 6 miljoen", "4000000", "6000000", Kind.RANGE, Q.NONE),
    ("tussen de 40 en 50 procent", "nl", "tussen de 40 en 50 procent", "40", "50", Kind.RANGE, Q.NONE),
    ("tussen de 20 en 30 mensen", "nl", "tussen de 20 en 30", "20", "30", Kind.RANGE, Q.NONE),
    ("between 40 and 50 percent", "en", "between 40 and 50 percent", "40", "50", Kind.RANGE, Q.NONE),
    ("tussen zo'n 10 en 20 mensen", "nl", "tussen zo'n 10 en 20", "10", "20", Kind.RANGE, Q.NEAR),
    ("tussen ongeveer 10 en 20 procent", "nl", "tussen ongeveer 10 en 20 procent", "10", "20", Kind.RANGE, Q.NEAR),
    ("between about 10 and 20 people", "en", "between about 10 and 20", "10", "20", Kind.RANGE, Q.NEAR),
    ("between roughly 10 and 20 people", "en", "between roughly 10 and 20", "10", "20", Kind.RANGE, Q.NEAR),
    ("ongeveer 5 à 6 mensen", "nl", "ongeveer 5 à 6", "5", "6", Kind.RANGE, Q.NEAR),
    ("tussen de 5e en de 10e plaats", "nl", "tussen de 5e en de 10e", "5", "10", Kind.RANGE, Q.NONE),
    ("between the 5th and the 10th place", "en", "between the 5th and the 10th", "5", "10", Kind.RANGE, Q.NONE),
    ("20~100 mensen", "nl", "20~100", "20", "100", Kind.RANGE, Q.NONE),
    ("20~100 people", "en", "20~100", "20", "100", Kind.RANGE, Q.NONE),
    ("20–100 mensen", "nl", "20–100", "20", "100", Kind.RANGE, Q.NONE),
    ("20 – 30 procent", "nl", "20 – 30 procent", "20", "30", Kind.RANGE, Q.NONE),
    ("20 – 30 percent", "en", "20 – 30 percent", "20", "30", Kind.RANGE, Q.NONE),
    # both ends with their own percent or scale
    ("tussen 20% en 30%", "nl", "tussen 20% en 30%", "20", "30", Kind.RANGE, Q.NONE),
    ("20 procent tot 30 procent", "nl", "20 procent tot 30 procent", "20", "30", Kind.RANGE, Q.NONE),
    ("2 miljoen tot 3 miljoen", "nl", "2 miljoen tot 3 miljoen", "2000000", "3000000", Kind.RANGE, Q.NONE),
    ("between 20% and 30%", "en", "between 20% and 30%", "20", "30", Kind.RANGE, Q.NONE),
    ("20% to 30%", "en", "20% to 30%", "20", "30", Kind.RANGE, Q.NONE),
    ("from 2 million to 3 million", "en", "2 million to 3 million", "2000000", "3000000", Kind.RANGE, Q.NONE),
    # ranges of years are years: waived like a year
    ("Tussen 1945 en 1970 groeide het", "nl", "Tussen 1945 en 1970", "1945", "1970", Kind.YEAR, Q.NONE),
    ("van 2010 tot 2020", "nl", "2010 tot 2020", "2010", "2020", Kind.YEAR, Q.NONE),
    ("from 2010 to 2020", "en", "2010 to 2020", "2010", "2020", Kind.YEAR, Q.NONE),
    ("between 2010 and 2020", "en", "between 2010 and 2020", "2010", "2020", Kind.YEAR, Q.NONE),
    ("in 2010-2020", "nl", "2010-2020", "2010", "2020", Kind.YEAR, Q.NONE),
    ("in 2019-20", "en", "2019-20", "2019", "2020", Kind.YEAR, Q.NONE),       # a financial year
    ("in 2007-08", "en", "2007-08", "2007", "2008", Kind.YEAR, Q.NONE),
    # with "tussen", ends of a different magnitude stay a range, unscaled
    ("tussen 500 en 1 miljoen", "nl", "tussen 500 en 1 miljoen", "500", "1000000", Kind.RANGE, Q.NONE),
    # four digits with money after them are amounts, not years
    # a range of money carries its currency in the span and as its unit (issue 16, item 5)
    ("between 1000 and 2000 euros", "en", "between 1000 and 2000 euros", "1000", "2000", Kind.RANGE, Q.NONE),
]


@pytest.mark.parametrize(("text", "lang", "span", "low", "high", "kind", "qualifier"), RANGES)
def test_a_range(text, lang, span, low, high, kind, qualifier):
    mentions = extract(text, lang)
    assert len(mentions) == 1, mentions
    mention = mentions[0]
    assert (mention.text, mention.low, mention.high) == (span, D(low), D(high))
    assert mention.value == D(low)
    assert (mention.kind, mention.qualifier) == (kind, qualifier)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["nl", "en"]), st.integers(min_value=1, max_value=998), st.integers(min_value=1, max_value=500),
       st.data())
def test_a_range_reads_its_two_ends_whatever_joins_them(lang, low, width, data):
    between, joiner = LEXICONS[lang].between
    article = data.draw(st.sampled_from(["", *LEXICONS[lang].between_articles]))
    high = low + width
    form = data.draw(st.sampled_from(["between", "to", "~", "–", "-"]))
    if form == "between":
        words = f"{between} {article + ' ' if article else ''}{low} {joiner} {high}"
    elif form == "to":
        words = f"{low} {'tot' if lang == 'nl' else 'to'} {high}"
    else:
        words = f"{low}{form}{high}"
    mentions = extract(f"Zij telden {words} stuks.", lang)
    assert [(m.text, m.low, m.high, m.kind) for m in mentions] == [(words, D(low), D(high), Kind.RANGE)]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["nl", "en"]), st.integers(min_value=1, max_value=99), st.integers(min_value=1, max_value=9),
       st.data())
def test_a_shared_scale_reaches_the_first_number(lang, first, step, data):
    sharer = data.draw(st.sampled_from(LEXICONS[lang].scale_sharers))
    scale = data.draw(st.sampled_from(["miljoen", "miljard"] if lang == "nl" else ["million", "billion"]))
    multiplier = LEXICONS[lang].scales[scale]
    second = first + step
    mentions = extract(f"Het werden er {first} {sharer} {second} {scale}.", lang)
    assert [m.value for m in mentions] == [first * multiplier, second * multiplier]
