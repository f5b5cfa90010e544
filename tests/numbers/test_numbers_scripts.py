"""Digits of other scripts are read as the number they write, at the same offsets (issue 16, item 6)."""

from __future__ import annotations

import sys
import unicodedata
from decimal import Decimal

import pytest
from babel.numbers import format_decimal
from hypothesis import given
from hypothesis import strategies as st

from sourcecheck.numbers import Kind, extract
from sourcecheck.numbers.lexicon import LEXICONS
from sourcecheck.numbers.scripts import ascii_digits

# the zero of every run of ten decimal digits Unicode has beyond 0-9
ZEROS = sorted({chr(code - unicodedata.decimal(chr(code))) for code in range(0x80, sys.maxunicode + 1)
                if unicodedata.category(chr(code)) == "Nd"})


def _in_script(ascii_text: str, zero: str) -> str:
    return "".join(chr(ord(zero) + int(c)) if c.isdigit() else c for c in ascii_text)


def _readings(text: str, lang: str) -> list[tuple[int, int, str, Decimal | None, str, str]]:
    return [(m.start, m.end, m.text, m.value, m.kind, m.qualifier) for m in extract(text, lang)]


@pytest.mark.parametrize(("lang", "text", "written", "value", "kind"), [
    ("nl", "Er kwamen ２００．０００ mensen.", "２００．０００", Decimal(200000), Kind.COUNT),
    ("nl", "Zo'n ٣٠ mensen.", "Zo'n ٣٠", Decimal(30), Kind.COUNT),
    ("nl", "Het aandeel was ４４％.", "４４％", Decimal(44), Kind.PERCENT),
    ("nl", "Het kost ٣٬٠٠٠٫٥ euro.", "٣٬٠٠٠٫٥ euro", Decimal("3000.5"), Kind.AMOUNT),
    ("nl", "In २०२४ waren het ३० procent.", "२०२४", Decimal(2024), Kind.YEAR),
    ("en", "About ३० people came.", "About ३०", Decimal(30), Kind.COUNT),
    ("en", "It cost ٣٬٠٠٠٫٥ dollars.", "٣٬٠٠٠٫٥ dollars", Decimal("3000.5"), Kind.AMOUNT),
    ("en", "Some １，２００ people, or ３５％.", "Some １，２００", Decimal(1200), Kind.COUNT),
    ("en", "In ๒๐๒๓ (Thai digits).", "๒๐๒๓", Decimal(2023), Kind.YEAR),
])
def test_digits_of_other_scripts_are_read(lang, text, written, value, kind):
    first = extract(text, lang)[0]
    assert (first.text, first.value, first.kind) == (written, value, kind)
    assert text[first.start:first.end] == written


def test_every_unicode_decimal_digit_is_mapped_to_its_ascii_twin():
    lex = LEXICONS["nl"]
    for zero in ZEROS:
        written = "".join(chr(ord(zero) + digit) for digit in range(10))
        assert ascii_digits(written, lex) == "0123456789", unicodedata.name(zero)


def test_an_ascii_text_is_returned_as_it_is():
    text = "Er kwamen 200.000 mensen."
    assert ascii_digits(text, LEXICONS["nl"]) is text


def test_a_text_without_other_digits_is_returned_as_it_is():
    text = "Één café, 200.000 mensen."
    assert ascii_digits(text, LEXICONS["nl"]) is text


@given(number=st.integers(min_value=0, max_value=10**9), decimals=st.integers(min_value=0, max_value=3),
       zero=st.sampled_from(ZEROS), lang=st.sampled_from(["nl", "en"]),
       words=st.sampled_from([("Er waren ", " mensen."), ("Volgens de telling ", " in totaal"),
                              ("(", ")"), ("", "")]))
def test_any_number_in_any_decimal_digits_reads_as_its_ascii_twin(number, decimals, zero, lang, words):
    """A number written in any script's digits gives the mentions its ASCII twin gives,
    at the same offsets; only the mention's text is the original's."""
    written = format_decimal(Decimal(number).scaleb(-decimals), "#,##0.###", locale=lang)
    before, after = words
    ascii_text = f"{before}{written}{after}"
    text = _in_script(ascii_text, zero)
    twin = _readings(ascii_text, lang)
    read = _readings(text, lang)
    assert [(s, e, v, k, q) for s, e, _, v, k, q in read] == [(s, e, v, k, q) for s, e, _, v, k, q in twin]
    assert all(text[start:end] == shown for start, end, shown, *_ in read)
    assert twin  # the ASCII twin is a number


def test_digits_glued_inside_a_word_are_not_a_number_in_any_script():
    assert extract("code٣٠ en code30", "nl") == []
