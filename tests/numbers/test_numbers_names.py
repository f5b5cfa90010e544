"""Digits that name rather than count are no numbers: "covid-19", "section 8", a list's "1. "."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sourcecheck.numbers import extract


@pytest.mark.parametrize(("text", "lang", "numbers"), [
    ("Ruim 400 mensen testten positief op covid-19, 6 procent meer.", "nl", ["Ruim 400", "6 procent"]),
    ("COVID-19 cases rose by 5%.", "en", ["5%"]),
    ("SARS-CoV-2 spread to 12 countries.", "en", ["12"]),
    ("In section 8, this bulletin sets out 3 changes.", "en", ["3"]),
    ("Volgens artikel 5.2 mogen 30 mensen binnen.", "nl", ["30"]),
    ("1. Main points\nPrices rose 6.2% in the year.", "en", ["6.2%"]),
    ("2) Inleiding\nHet aantal steeg met 40.", "nl", ["40"]),
])
def test_the_digits_of_a_name_are_no_number(text, lang, numbers):
    assert [m.text for m in extract(text, lang)] == numbers


@pytest.mark.parametrize(("text", "lang", "value"), [
    ("Het is 1. Dat zegt genoeg.", "nl", "1"),        # not at the start of a line
    ("de top-10 van het jaar", "nl", "10"),           # a rank, not a name
    ("a section 8,5 km long", "en", "8.5"),             # a decimal after the word stays a number
])
def test_a_number_that_only_looks_like_a_name_is_still_read(text, lang, value):
    assert [m.value for m in extract(text, lang)] == [Decimal(value)]


@given(st.integers(0, 10**6), st.sampled_from(["covid", "Covid", "COVID"]))
def test_no_number_is_read_inside_a_covid_name(number, name):
    assert extract(f"Het {name}-{number} virus", "nl") == []
