"""Percentages stated without a figure: mentions of kind percent with no value."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sourcecheck.numbers import Kind, extract


def _vague(text: str, lang: str) -> list[str]:
    return [m.text for m in extract(text, lang) if m.value is None]


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Een klein percentage van de Russen keerde terug.", "nl", ["percentage"]),
    ("Het percentage werklozen daalde.", "nl", ["percentage"]),
    ("Hoeveel procent dat is, zegt niemand.", "nl", ["procent"]),
    ("Only a small percent attain the top ranks", "en", ["percent"]),
    ("How do I calculate a percentage?", "en", ["percentage"]),
    ("The table shows the % of increase", "en", ["%"]),
    ("A large per cent of voters stayed home.", "en", ["per cent"]),
])
def test_a_percent_word_without_a_number_is_a_mention_without_a_value(text, lang, expected):
    assert _vague(text, lang) == expected
    mention = next(m for m in extract(text, lang) if m.value is None)
    assert mention.kind == Kind.PERCENT
    assert mention.low is None and mention.high is None
    assert text[mention.start:mention.end] == mention.text
    assert mention.to_dict()["value"] is None


@pytest.mark.parametrize(("text", "lang"), [
    ("Het aandeel steeg tot 44%.", "nl"),
    ("Slechts 70 procent was tevreden.", "nl"),
    ("Het ging om een percentage van 30.", "nl"),
    ("Het aandeel steeg met 4,5 procentpunt.", "nl"),
    ("The share rose by 4.5 percentage points.", "en"),
    ("It was 44 %, the survey says.", "en"),
    ("per cent of 210", "en"),
    ("percents of twenty", "en"),
    ("You can go to https://www.test.com/search?q=30%25%2020%", "en"),
    ("Bezoek www.example.nl/a%20b?x=%25 voor meer.", "nl"),
    ("De ruit werd 10x%y hoger.", "nl"),
])
def test_a_percent_word_with_a_number_or_in_a_web_address_is_no_vague_mention(text, lang):
    assert _vague(text, lang) == []


def test_the_number_keeps_its_percent_word():
    mentions = extract("Het steeg tot 44 procent en een klein percentage bleef.", "nl")
    assert [(m.text, m.value is None) for m in mentions] == [("44 procent", False), ("percentage", True)]


@given(st.integers(min_value=0, max_value=10_000), st.sampled_from(["%", " procent", " percent"]))
@settings(max_examples=100)
def test_a_number_with_a_percent_sign_or_word_is_never_vague(number, suffix):
    text = f"Het aandeel was {number}{suffix} dit jaar."
    mentions = extract(text, "nl")
    assert all(m.value is not None for m in mentions)
    assert any(m.kind == Kind.PERCENT and m.value == number for m in mentions)
