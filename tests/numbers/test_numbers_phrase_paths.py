"""The short cuts of the phrase builder (``numbers/phrases.py``, ``numbers/lookups.py``)
read every number as the full chain of tests does.

* A plain number (no right-hand pattern can match, only a qualifier or minus before
  it) is returned by ``_number`` before the tests of dates, ranges, percentages...
* The tests of spoken decimals, "op één na", fractions, dates and scale words are
  skipped when neither side names one of their patterns.
* The estimating-word window of ``_finish`` is ruled out by a 64-character bucket.
* The side tables are kept by the neighbour word as written, not lower-cased.

The full chain below is the same builder with the right side always "open" and
every test section entered.  The one reading the short cut keeps on purpose: a
number with nothing before it and a fraction word more than three characters on
("20    kwart") is a plain number (a fraction word further on is read only after
a word that opens the left side); those cases are left out of the comparison.
"""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from sourcecheck.numbers.lexicon import LEXICONS
from sourcecheck.numbers.lookups import _left_names, _right_names
from sourcecheck.numbers.phrases import PhraseBuilder
from sourcecheck.numbers.tokens import DIGITS, HALF, ORDINAL, WORDS, tokens


class _Everything(frozenset):  # type: ignore[type-arg]
    """Right-hand names that claim to meet every set: the full chain enters every section."""

    def isdisjoint(self, other: object) -> bool:
        return False


class _FullChain(PhraseBuilder):
    """The builder without its short cuts: the right side is always open."""

    def _right(self, position: int) -> tuple[bool, frozenset[str]]:
        return True, _Everything(super()._right(position)[1])


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
        nxt = found[index + 1] if index + 1 < len(found) else None
        if (not left and nxt is not None and nxt.kind in (ORDINAL, HALF)
                and nxt.start - token.end > 3):
            continue  # the reading kept on purpose (see the module's docstring)
        expected = full._number(token, index + 1, full._left(token.start))
        assert fast._number(token, index + 1, left) == expected, (text, token)


@settings(max_examples=400, deadline=None)
@given(text=_texts("nl"))
@example(text="bijna 20    kwart")
@example(text="ruim 2014 ,")
@example(text="meer dan drie procent")
def test_dutch_numbers_read_as_by_the_full_chain(text: str) -> None:
    _same_numbers(text, "nl")


@settings(max_examples=400, deadline=None)
@given(text=_texts("en"))
@example(text="nearly 20    quarter")
@example(text="about 1999 .")
@example(text="MINUS one half")
def test_english_numbers_read_as_by_the_full_chain(text: str) -> None:
    _same_numbers(text, "en")


@settings(max_examples=200, deadline=None)
@given(text=_texts("nl"), lang=st.sampled_from(["nl", "en"]))
def test_whole_texts_draft_as_by_the_full_chain(text: str, lang: str) -> None:
    # the drafts of a whole text, where no number has the kept reading
    lex = LEXICONS[lang]
    found = tokens(text, lex, LEXICONS["en" if lang == "nl" else "nl"])
    kept = any(not PhraseBuilder(text, lex, found)._left(token.start) and nxt.kind in (ORDINAL, HALF)
               and nxt.start - token.end > 3 for token, nxt in zip(found, found[1:]))
    if not kept:
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
