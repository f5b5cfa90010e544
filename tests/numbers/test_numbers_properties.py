"""Properties of the extractor (hypothesis): numbers Babel writes are read back exactly,
wherever they stand, and no text of any kind makes the extractor raise."""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_decimal, format_percent
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sourcecheck.numbers import Kind, extract
from sourcecheck.numbers.lexicon import LEXICONS

LANGS = st.sampled_from(["nl", "en"])

# Filler words made of consonants only: no number word, qualifier, month or unit
# can be spelt without a vowel.  Abbreviations in the lexicons ("k", "mln", "pct")
# are left out because "5 k" is five thousand, "0 pct" a percentage and "0 ppt" percentage points.
_LEXICON_WORDS = {word for lex in LEXICONS.values()
                  for table in (lex.scales, lex.percent_words, lex.currencies, lex.duration_units,
                                lex.rank_before, lex.qualifiers, lex.point_words, lex.currency_codes)
                  for word in table}
FILLER = st.text("bcdfghjklmnpqrstvwxz", min_size=3, max_size=8).filter(
    lambda w: w not in _LEXICON_WORDS)
SEPARATORS = st.sampled_from([" ", "  ", ", ", ". ", " (", ") ", ": ", "\n", " – "])

NUMBERS = st.one_of(
    st.integers(min_value=-10**12, max_value=10**12).map(Decimal),
    st.decimals(min_value=-10**6, max_value=10**6, places=3, allow_nan=False, allow_infinity=False),
)


def _written(number: Decimal, lang: str, percent: bool) -> tuple[str, Decimal]:
    """The number as Babel writes it in ``lang``, and the value it stands for."""
    if percent:
        return format_percent(number / 100, "#,##0.###%", locale=lang), number
    return format_decimal(number, "#,##0.###", locale=lang), number


@st.composite
def texts_with_a_number(draw):
    lang = draw(LANGS)
    number = draw(NUMBERS)
    percent = draw(st.booleans())
    written, value = _written(number, lang, percent)
    before = draw(st.lists(FILLER, max_size=4))
    after = draw(st.lists(FILLER, max_size=4))
    opening = "".join(word + draw(SEPARATORS) for word in before)
    if opening and not opening[-1].isspace():
        opening += " "
    closing = "".join(draw(SEPARATORS) + word for word in after)
    if closing and closing[0] not in " \n":
        closing = " " + closing
    return lang, opening + written + closing, len(opening), written, value, percent


@given(texts_with_a_number())
@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
def test_a_number_babel_writes_is_found_with_exact_span_and_value(case):
    lang, text, start, written, value, percent = case
    mentions = extract(text, lang)
    assert len(mentions) == 1, (text, mentions)
    mention = mentions[0]
    assert (mention.start, mention.end, mention.text) == (start, start + len(written), written)
    assert mention.value == value
    assert mention.low <= value <= mention.high
    assert (mention.kind == Kind.PERCENT) == percent


@given(st.text(), LANGS)
@settings(max_examples=300)
def test_any_text_is_read_without_raising(text, lang):
    _check_invariants(text, extract(text, lang))


NUMBERISH = st.sampled_from([
    "1", "200.000", "4,5", "1,500", "1.5", "22.00", "2014", "%", " procent", " percent", "tot",
    "tot en met", "tussen", "en", "and", "een", "één", "a", "one", "twee", "honderd", "miljoen",
    "million", "half", "helft", "kwart", "derde", "third", "op de", "out of", "na", "op", "-", "−",
    "min", "minus", "meer dan", "bijna", "naar schatting", "juni", "May", "jaar", "years", "½",
    "3/4", "1e10", "2^-3", "10k", "€", "$", "nummer", "eerste", "4e", "21st", "komma", "point",
    "\n", " ", "  ", ".", ",", "\x00", "\u202f", "é", "İ",
])


@given(st.lists(NUMBERISH, max_size=40).map("".join), LANGS)
@settings(max_examples=500)
def test_number_fragments_in_any_order_never_raise(text, lang):
    _check_invariants(text, extract(text, lang))


@given(st.lists(NUMBERISH, min_size=1, max_size=5).map("".join), LANGS)
@settings(max_examples=20, deadline=None)
def test_very_long_lines_never_raise(fragment, lang):
    text = fragment * (20_000 // len(fragment) + 1)
    _check_invariants(text, extract(text, lang))


def _check_invariants(text, mentions):
    previous_end = 0
    for mention in mentions:
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start:mention.end] == mention.text
        assert mention.start >= previous_end, "mentions overlap or are out of order"
        previous_end = mention.end
        assert mention.line == text.count("\n", 0, mention.start) + 1
        assert mention.column == mention.start - (text.rfind("\n", 0, mention.start) + 1) + 1
        mention.to_dict()
        if mention.value is None:  # a percentage stated without a figure: nothing else to hold
            assert mention.kind == Kind.PERCENT and mention.low is None and mention.high is None
            # a word, or a lone percent sign in any script ("%", fullwidth "％", Arabic "٪")
            assert mention.text.strip("%％٪").strip()[:1].isalpha() or mention.text in ("%", "％", "٪")
            continue
        assert mention.low is not None and mention.high is not None
        assert mention.low <= mention.high
        if mention.kind != Kind.RANGE:
            assert mention.low <= mention.value <= mention.high
        mention.to_dict()
