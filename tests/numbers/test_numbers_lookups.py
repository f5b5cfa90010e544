"""The fast look-ups of ``numbers/lookups.py`` find what the plain regular expressions find.

The qualifier before a number is matched backwards on the reversed text (an anchored
match) instead of searched across the window before the number; these properties
hold the two readings equal on texts built to hit the edges: qualifiers of several
words, runs of white space, apostrophes and letters glued on, and a qualifier cut by
the window's first character.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sourcecheck.numbers.context import context_for
from sourcecheck.numbers.lexicon import LEXICONS
from sourcecheck.numbers.lookups import Lookups


def _pieces(lang: str) -> st.SearchStrategy[str]:
    qualifiers = sorted(LEXICONS[lang].qualifiers)
    cased = st.sampled_from(qualifiers).flatmap(
        lambda q: st.sampled_from([q, q.upper(), q[:1].upper() + q[1:]]))
    spaced = cased.flatmap(  # the words of a qualifier apart by any white space
        lambda q: st.lists(st.sampled_from([" ", "  ", "\n", "\t", " \n "]), min_size=q.count(" "),
                           max_size=q.count(" ")).map(lambda gaps: _respace(q, gaps)))
    return st.one_of(
        cased, spaced,
        st.sampled_from([" ", "  ", "\n", "'", "’", "-", "(", "x", "5", "é", ".", ","]),
        st.text("abdeghilmnorstz", min_size=1, max_size=6),
    )


def _respace(phrase: str, gaps: list[str]) -> str:
    words = phrase.split(" ")
    return words[0] + "".join(gap + word for gap, word in zip(gaps, words[1:]))


def _texts(lang: str) -> st.SearchStrategy[str]:
    return st.lists(_pieces(lang), min_size=1, max_size=14).map("".join)


def _same_everywhere(text: str, lang: str, reach: int) -> None:
    lookups = Lookups(text, LEXICONS[lang], [])
    pattern = context_for(lang).qualifier_before
    for position in range(len(text) + 1):
        searched = pattern.search(text, max(0, position - reach), position)
        expected = (searched.start(1), searched.group(1)) if searched else None
        assert lookups._qualifier_before(position, reach) == expected, (text, position)


@settings(max_examples=300, deadline=None)
@given(text=_texts("nl"), reach=st.sampled_from([40, 12, 5]))
def test_dutch_qualifier_backwards_is_the_search(text: str, reach: int) -> None:
    _same_everywhere(text, "nl", reach)


@settings(max_examples=300, deadline=None)
@given(text=_texts("en"), reach=st.sampled_from([40, 12, 5]))
def test_english_qualifier_backwards_is_the_search(text: str, reach: int) -> None:
    _same_everywhere(text, "en", reach)


def test_a_qualifier_cut_by_the_window_is_not_taken() -> None:
    # "meer dan " takes the 9 characters before the number: a window of 8 sees
    # "eer dan " only, which holds no qualifier ("dan" and "er dan" are none)
    text = "ruim meer dan 5"
    lookups = Lookups(text, LEXICONS["nl"], [])
    assert lookups._qualifier_before(14, 9) == (5, "meer dan")
    assert lookups._qualifier_before(14, 8) is None
    assert lookups._qualifier_before(14, 40) == (5, "meer dan")
    assert lookups._qualifier_before(5, 40) == (0, "ruim")


def test_a_letter_before_the_window_is_seen() -> None:
    # the window starts at "ruim", but the "x" before it makes "xruim" one word
    text = "xruim 5"
    lookups = Lookups(text, LEXICONS["nl"], [])
    assert lookups._qualifier_before(6, 5) is None
    assert lookups._qualifier_before(6, 6) is None
