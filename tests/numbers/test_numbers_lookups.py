"""The fast look-ups of ``numbers/lookups.py`` and ``numbers/candidates.py`` find what
the plain regular expressions find.

The qualifier before a number is matched backwards on the reversed text (an anchored
match) instead of searched across the window before the number; these properties
hold the two readings equal on texts built to hit the edges: qualifiers of several
words, runs of white space, apostrophes and letters glued on, and a qualifier cut by
the window's first character.  The candidates (digit runs, number words, percent
words, estimating words) are found over a one-byte marked copy of the text; the
properties below hold that they include every place the patterns match.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
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
    return words[0] + "".join(gap + word for gap, word in zip(gaps, words[1:], strict=True))


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


# -- the marked text: the candidates hold every place the patterns match

_NASTY = st.text(st.one_of(
    st.sampled_from(list("twedrievijfhondmiljeénÉéENTWEE a an %procentpercentPer cent\u00a0\n’”İK"
                         "ſ—½0123456789.,-")),
    st.characters(codec="utf-8", exclude_categories=["Cs"])), max_size=60)
_SNIPPETS = st.sampled_from(["één", "Één", "eén", "Eén", "twee", "Twee", "TWEE", "a half", "an eighth",
                             "een derde", "Een miljoen", "per cent", "PER\u00a0CENT", "Procent", "%",
                             "about", "ABOUT", "naar schatting", "Naar  schatting", "ongeveer",
                             # an article, and what may make it a number
                             "een", "Een", "a", "A", "an", "An", " ", "-", " - ", "\u2009", "\u00a0", "\n", "min ",
                             "op de", "op\tde", "van de", "uit", "honderdste", "duizendtal", "dozijn", "kwart",
                             "anderhalve", "helft", "grootste", "oude", "twintig", "hundred", "dozen", "mil",
                             "quarter", "halves", "twenty-fifth", "twenty - first", "fifths", "sixth", "tenths",
                             "month", "good", "ë", "é", "_", "x", "5"])
_MIXED = st.lists(st.one_of(_NASTY, _SNIPPETS), max_size=8).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=_MIXED, lang=st.sampled_from(["nl", "en"]))
# an article and its number apart by a line break, a hyphen or a thin space
@example(text="x a\nthird", lang="en")
@example(text="a-sixth", lang="en")
@example(text="An\u2009eighth", lang="en")
@example(text="een\nderde", lang="nl")
def test_word_candidates_hold_every_place_the_word_pattern_matches(text: str, lang: str) -> None:
    from sourcecheck.numbers import candidates, tokens

    candidates.forget_text()
    starts = set(candidates.word_starts(text, lang))
    assert len(starts) == len(candidates.word_starts(text, lang)), "a start found twice"
    _, word_pattern = tokens._patterns(lang)
    for position in range(len(text)):
        before = text[position - 1] if position else " "
        if before.isalnum() or before in "_.,":
            continue  # tokens() skips these whatever the candidates are
        if word_pattern.match(text, position):
            assert position in starts, (text, position)


@settings(max_examples=400, deadline=None)
@given(text=_MIXED, lang=st.sampled_from(["nl", "en"]))
def test_the_word_scan_finds_the_same_starts_with_digits_marked(text: str, lang: str) -> None:
    # The marked copy writes every digit (and "¼", "½", "¾") as "1" for the digit runs;
    # the word-start pattern must find what it finds in a copy that keeps them.
    from sourcecheck.numbers import candidates

    candidates.forget_text()
    pattern = candidates._word_start_search(lang)
    spaced = bytes(byte | 0x20 if 0x41 <= byte <= 0x5A else byte if chr(byte).isalnum() else 0x20
                   for byte in range(256))
    kept = b" " + candidates.encoded(text).translate(spaced)
    marked = candidates.marked(text)
    assert len(marked) == len(kept)
    assert [m.start() for m in pattern.finditer(marked)] == [m.start() for m in pattern.finditer(kept)]


_URLISH = st.lists(st.one_of(_NASTY, st.sampled_from(
    ["://", "http://x.nl/30", "https://", "www.", "WWW.", "Www.", "www", "/", ":", ":/", "ſ", "’", "İ"])),
    max_size=8).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=_URLISH)
def test_web_addresses_are_those_of_the_address_pattern(text: str) -> None:
    # web_addresses asks the encoded copy before the text: that must change nothing
    from sourcecheck.numbers import candidates, webaddresses

    candidates.forget_text()
    expected = [m.span() for m in webaddresses._URL.finditer(text)] if ("://" in text or "www." in text) else []
    assert webaddresses.web_addresses(text) == expected


@settings(max_examples=400, deadline=None)
@given(text=_MIXED)
def test_percent_candidates_hold_every_place_the_percent_pattern_matches(text: str) -> None:
    from sourcecheck.numbers import candidates, vague

    candidates.forget_text()
    found = set(vague._candidates(text))
    for lang in ("nl", "en"):
        pattern = vague._pattern(lang)
        for position in range(len(text)):
            if pattern.match(text, position):
                assert position in found, (text, position, lang)


@settings(max_examples=400, deadline=None)
@given(text=_MIXED, lang=st.sampled_from(["nl", "en"]), reach=st.sampled_from([60, 10]))
# the words apart by a line break or by two spaces: the pattern takes any white space
@example(text="naar\nschatting kwamen 20", lang="nl", reach=60)
@example(text="Naar  schatting kwamen 20", lang="nl", reach=60)
def test_estimating_words_are_found_wherever_the_window_pattern_matches(text: str, lang: str, reach: int) -> None:
    # the pre-test of the estimating window (_estimating_near) may pass where the
    # pattern then finds nothing, never fail where it would find a qualifier
    from sourcecheck.numbers import candidates

    if any(char > "\x7f" and re.fullmatch("[a-z]", char, re.IGNORECASE) for char in text):
        return  # "ſ" and "K" match "s" and "k" without case: read as no letter, like "?"
    candidates.forget_text()
    lookups = Lookups(text, LEXICONS[lang], [])
    pattern = context_for(lang).window_qualifier
    for position in range(len(text) + 1):
        if pattern.search(text, max(0, position - reach), position):
            assert lookups._estimating_near(position, reach), (text, position)


@pytest.mark.parametrize("text, position, near", [
    ("ongeveer 20 mensen", 9, True), ("Ongeveer 20 mensen", 9, True), ("naar\tschatting 4.000", 16, True),
    ("de inschatting 4.000", 15, False), ("ongeveer", 3, False), ("x 20 mensen", 2, False),
    ("ongeveer 20 mensen", 60, False)])
def test_estimating_words_are_found_as_words_in_the_window(text: str, position: int, near: bool) -> None:
    from sourcecheck.numbers import candidates

    candidates.forget_text()
    assert Lookups(text, LEXICONS["nl"], [])._estimating_near(position, 40) is near


_DIGITISH = st.text(st.one_of(st.sampled_from(list("0123456789¼½¾⅓⅛⅞٣３ .,-x’")),
                              st.characters(codec="utf-8", exclude_categories=["Cs"])), max_size=40)


@settings(max_examples=500, deadline=None)
@given(text=_DIGITISH)
def test_digit_runs_start_where_a_run_character_follows_another_character(text: str) -> None:
    from sourcecheck.numbers import candidates

    candidates.forget_text()
    run_chars = "0123456789" + "".join(candidates.VULGAR_FRACTIONS)
    expected = [at for at, char in enumerate(text)
                if char in run_chars and (at == 0 or text[at - 1] not in run_chars)]
    assert candidates.digit_run_starts(text) == expected


def test_a_word_with_a_tail_ends_only_where_its_tail_matches() -> None:
    import re

    from sourcecheck.numbers.trie import alternation

    pattern = re.compile(alternation(["een", "eens", "twee"], tails={"een": "(?= x)|(?<=min een)"}))
    assert pattern.fullmatch("eens") and pattern.fullmatch("twee")
    assert pattern.match("een x") and pattern.match("een x").group() == "een"
    assert pattern.match("een y") is None
    assert pattern.search("min een") and pattern.search("min een").start() == 4
    assert re.compile(alternation(["een"])).fullmatch("een")  # no tail: the word alone
