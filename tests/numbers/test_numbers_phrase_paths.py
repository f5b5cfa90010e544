"""The short cuts of the phrase builder (``numbers/phrases.py``, ``numbers/lookups.py``)
read every number as the full chain of tests does.

* A plain number (no right-hand pattern can match, only a qualifier or minus before
  it) is returned by ``_number`` before the tests of dates, ranges, percentages...
* The tests of spoken decimals, "op één na", fractions, dates and scale words are
  skipped when neither side names one of their patterns.
* The estimating-word window of ``_finish`` is ruled out by a 64-character bucket,
  and a number with nothing before it and no estimating word near is not finished.
* The side tables are kept by the neighbour word as written, not lower-cased.

The full chain below is the same builder with the right side always "open", both
sides never empty (every test section entered, every draft finished) and no
estimating window ruled out.  Every number is compared, with or without words
before it: an earlier, wider pre-test for numbers with nothing before them read
"3 à 20" as two counts (a one-letter word was missed) and "20    kwart" as a count,
where "ruim 3 à 20" and "bijna 20    kwart" read as a range and a fraction.
"""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from sourcecheck.numbers.lexicon import LEXICONS
from sourcecheck.numbers.lookups import _left_names, _right_names
from sourcecheck.numbers.numbertoken import DIGITS, WORDS
from sourcecheck.numbers.phrases import PhraseBuilder
from sourcecheck.numbers.tokens import tokens


class _Everything(frozenset):  # type: ignore[type-arg]
    """Names that claim to meet every set and are never empty: the full chain enters
    every section and finishes every draft (each test inside still asks ``in``)."""

    def isdisjoint(self, other: object) -> bool:
        return False

    def __bool__(self) -> bool:
        return True


class _FullChain(PhraseBuilder):
    """The builder without its short cuts: the right side is always open."""

    def _right(self, position: int) -> frozenset[str]:
        return _Everything(super()._right(position))

    def _left(self, position: int) -> frozenset[str]:
        return _Everything(super()._left(position))

    def _near_estimating(self) -> list[bool]:
        # no bucket ruled out: every window is searched, every draft finished
        return [True] * ((len(self.text) >> 6) + 2)


def _words(lang: str) -> list[str]:
    lex = LEXICONS[lang]
    return sorted({*lex.qualifiers, *lex.months, *lex.duration_units, *lex.percent_words, *lex.scales,
                   *lex.range_words, *lex.fraction_links, *lex.rank_before, *lex.currencies,
                   *lex.minus_words, *lex.percent_of, *lex.age_after, *lex.next_to, *lex.between,
                   *lex.halves, *lex.fraction_words, *lex.articles, *lex.pronoun_one_before,
                   "derde", "vijfde", "achtsten", "third", "fifths", "quarters", "de", "the"} - {""})


_NUMBERS = ["3", "20", "2014", "1999", "1.000", "1,000", "4,5", "12", "31", "0", "twee", "drie", "one",
            "two", "twenty", "honderd", "1/4", "22.00"]
_GAPS = [" ", " ", "  ", "    ", "\n", ", ", ". ", "-", " - ", "/", "$", "€", "(", ")", "%", ""]


def _texts(lang: str) -> st.SearchStrategy[str]:
    piece = st.one_of(st.sampled_from(_NUMBERS), st.sampled_from(_words(lang)),
                      st.sampled_from(_words(lang)).map(str.upper), st.sampled_from(_GAPS))
    return st.lists(piece, min_size=1, max_size=16).map(" ".join)


def _same_numbers(text: str, lang: str) -> None:
    lex = LEXICONS[lang]
    other = LEXICONS["en" if lang == "nl" else "nl"]
    found = tokens(text, lex, other)
    fast, full = PhraseBuilder(text, lex, found), _FullChain(text, lex, found)
    for index, token in enumerate(found):
        if token.kind not in (DIGITS, WORDS):
            continue
        left = fast._left(token.start)
        expected = full._number(token, index + 1, full._left(token.start))
        assert fast._number(token, index + 1, left) == expected, (text, token)


_CASES = st.sampled_from(["nl", "en"]).flatmap(lambda lang: _texts(lang).map(lambda text: (lang, text)))


@settings(max_examples=800, deadline=None)
@given(case=_CASES)
@example(case=("nl", "bijna 20    kwart"))
@example(case=("nl", "ruim 2014 ,"))
@example(case=("nl", "meer dan drie procent"))
@example(case=("nl", "ruim 3 à 20"))
@example(case=("nl", "3 à 20"))
@example(case=("nl", "20    kwart"))
@example(case=("en", "5 k-means"))
@example(case=("en", "about 5 k-means"))
@example(case=("en", "nearly 20    quarter"))
@example(case=("en", "about 1999 ."))
@example(case=("en", "MINUS one half"))
def test_numbers_read_as_by_the_full_chain(case: tuple[str, str]) -> None:
    lang, text = case
    _same_numbers(text, lang)


@settings(max_examples=200, deadline=None)
@given(text=_texts("nl"), lang=st.sampled_from(["nl", "en"]))
@example(text="naar schatting uit 4.000", lang="nl")  # nothing before the number, a window
def test_whole_texts_draft_as_by_the_full_chain(text: str, lang: str) -> None:
    # the drafts of a whole text, where no number has the kept reading
    lex = LEXICONS[lang]
    found = tokens(text, lex, LEXICONS["en" if lang == "nl" else "nl"])
    assert PhraseBuilder(text, lex, found).drafts() == _FullChain(text, lex, found).drafts()


_FILLER = st.text(st.sampled_from(list("ab 5.\n")), max_size=70)


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(st.one_of(_FILLER, st.sampled_from(["about", "estimated", "ongeveer", "circa",
                                                           "naar schatting", "ABOUT", "an estimated"])),
                       max_size=8),
       lang=st.sampled_from(["nl", "en"]))
def test_the_estimating_buckets_rule_out_no_window(pieces: list[str], lang: str) -> None:
    text = "".join(pieces)
    builder = PhraseBuilder(text, LEXICONS[lang], [])
    near = builder._near_estimating()
    for position in range(len(text) + 1):
        for reach in (60, 64, 10):
            if builder._estimating_near(position, reach):
                assert near[position >> 6], (text, position, reach)


@settings(max_examples=300, deadline=None)
@given(text=_texts("en"), lang=st.sampled_from(["nl", "en"]))
def test_side_tables_by_the_word_as_written_name_what_its_lower_case_names(text: str, lang: str) -> None:
    lex = LEXICONS[lang]
    builder = PhraseBuilder(text, lex, [])
    for position in range(len(text) + 1):
        assert builder._left(position) == _left_names(builder.ctx, lex, builder._last_word(position))
        if text[position:position + 1] not in ".,;:!?)]}\"'”’»›…":
            expected = _right_names(builder.ctx, lang, builder._next_word(position))
            assert builder._right(position) == expected, (text, position)
