"""Anchors: found by context, the number compared exactly, never re-anchored on a look-alike."""

from __future__ import annotations

import re
from decimal import Decimal

from sourcecheck.compare.anchor import AnchorStatus, locate
from sourcecheck.ledger import Anchor
from sourcecheck.numbers import extract
from sourcecheck.numbers.mention import Kind, Mention


def digit_mentions(text: str) -> list[Mention]:
    """Hand-made mentions for anchor tests: every run of digits, with an optional '%'."""
    mentions = []
    for match in re.finditer(r"\d+%?", text):
        value = Decimal(match.group().rstrip("%"))
        mentions.append(Mention(match.start(), match.end(), 1, match.start() + 1, match.group(),
                                value, value - Decimal("0.5"), value + Decimal("0.5"), Kind.PERCENT))
    return mentions


TEXT = "In de grafiek is te zien dat 44% het beleid niet goedkeurt. Dat zegt genoeg."
ANCHOR = Anchor(prefix="te zien dat ", exact="44%", suffix=" het beleid")


def run(text: str, anchor: Anchor = ANCHOR):
    return locate(text, anchor, digit_mentions(text))


def test_unchanged_text_is_found_unchanged():
    found = run(TEXT)
    assert found.status is AnchorStatus.FOUND and not found.changed
    assert found.mention is not None and found.mention.text == "44%"
    assert TEXT[found.start:found.end] == "44%"


def test_edited_number_is_read_where_it_stands_and_marked_changed():
    found = run(TEXT.replace("44%", "45%"))
    assert found.status is AnchorStatus.FOUND and found.changed
    assert found.mention is not None and found.mention.value == 45
    assert found.text == "45%"


def test_whitespace_differences_are_tolerated_and_not_a_change():
    found = run(TEXT.replace("te zien dat ", "te  zien\ndat "))
    assert found.status is AnchorStatus.FOUND and not found.changed


def test_removed_sentence_loses_the_anchor():
    assert run("Dat zegt genoeg.").status is AnchorStatus.LOST


def test_rewritten_context_is_lost_not_moved_to_a_look_alike():
    # the sentence was rewritten; a similar sentence elsewhere must not be taken for it
    text = "Uit de grafiek blijkt dat 44% het beleid afkeurt. Te zien is dat 44% het niet weet."
    assert run(text).status is AnchorStatus.LOST


def test_duplicate_context_is_ambiguous():
    text = TEXT + " Ook hier is te zien dat 44% het beleid niet goedkeurt."
    found = run(text)
    assert found.status is AnchorStatus.AMBIGUOUS and len(found.places) == 2


def test_duplicate_context_with_another_number_is_ambiguous_too():
    text = TEXT + " Ook hier is te zien dat 12% het beleid steunt."
    assert run(text).status is AnchorStatus.AMBIGUOUS


def test_context_without_a_number():
    found = run(TEXT.replace("44%", "veel mensen"))
    assert found.status is AnchorStatus.NO_NUMBER and found.changed


def test_empty_prefix_means_start_of_text():
    text = "3 mensen kwamen. Daarna 3 mensen meer."
    found = locate(text, Anchor(prefix="", exact="3", suffix=" mensen kwamen"), digit_mentions(text))
    assert found.status is AnchorStatus.FOUND and found.start == 0
    edited = "4 mensen kwamen. Daarna 3 mensen meer."
    found = locate(edited, Anchor(prefix="", exact="3", suffix=" mensen kwamen"), digit_mentions(edited))
    assert found.status is AnchorStatus.FOUND and found.changed and found.mention.value == 4


def test_empty_suffix_means_end_of_text():
    text = "Het onderzoek telde 1627"
    found = locate(text, Anchor(prefix="telde ", exact="1627", suffix=""), digit_mentions(text))
    assert found.status is AnchorStatus.FOUND and not found.changed


# --- properties --------------------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

filler = st.text(alphabet="abcdefghij klmnop.,\n", max_size=80)


@given(before=filler, after=filler)
@settings(max_examples=60)
def test_text_added_elsewhere_never_moves_the_anchor(before, after):
    text = before + "\n" + TEXT + "\n" + after
    found = run(text)
    assert found.status is AnchorStatus.FOUND and not found.changed
    assert text[found.start:found.end] == "44%"


@given(number=st.integers(min_value=0, max_value=10**6).filter(lambda n: n != 44))
@settings(max_examples=60)
def test_any_other_number_is_read_as_it_stands_never_as_the_recorded_one(number):
    found = run(TEXT.replace("44%", f"{number}%"))
    assert found.status is AnchorStatus.FOUND and found.changed
    assert found.mention is not None and found.mention.value == number


def test_the_suffix_repeated_soon_after_is_not_a_second_place():
    text = "Het aantal steeg tot meer dan 200 Russen. Later kwamen er ook Russen."
    anchor = Anchor(prefix="steeg tot ", exact="meer dan 200", suffix=" Russen")
    mentions = digit_mentions(text)
    found = locate(text, anchor, mentions)
    assert found.status is AnchorStatus.FOUND and not found.changed
    edited = text.replace("200", "300")
    found = locate(edited, anchor, digit_mentions(edited))
    assert found.status is AnchorStatus.FOUND and found.changed and found.text == "meer dan 300"


def test_a_short_prefix_pairs_with_its_nearest_occurrence():
    text = "Dat was in 2018. Slechts 3% koos voor hem. Daarna nog iets."
    anchor = Anchor(prefix=". ", exact="Slechts 3%", suffix=" koos voor hem")
    found = locate(text, anchor, digit_mentions(text))
    assert found.status is AnchorStatus.FOUND and not found.changed
    edited = text.replace("2018", "2024")  # a neighbour's fix does not disturb the anchor
    assert locate(edited, anchor, digit_mentions(edited)).status is AnchorStatus.FOUND


def test_a_prefix_overlapping_an_earlier_one_pairs_with_its_own_suffix():
    # the prefix stands twice, overlapping; read without overlaps only the first was seen, and
    # the anchor of the second 2% took "3% ... 2%" as one edited number
    text = " ".join(f"Volgens de peiling steunt {n}% het beleid." for n in (2, 3, 3, 3, 2, 2))
    mentions = extract(text, "nl")
    second_two = [m for m in mentions if m.text == "2%"][1]
    prefix = text[second_two.start - 120:second_two.start]  # as `init` drafts it
    suffix = text[second_two.end:second_two.end + 53]
    located = locate(text, Anchor("2%", prefix, suffix), mentions)
    assert located.status is AnchorStatus.AMBIGUOUS  # its words stand around the 3% before it too
    assert second_two.start in located.places


def test_a_prefix_overlapping_an_earlier_one_pairs_with_its_own_suffix_when_read_tolerantly():
    # the same, with the anchor's spaces become line breaks: read whitespace-tolerantly
    text = " ".join(f"Volgens de peiling steunt {n}% het beleid." for n in (2, 3, 3, 3, 2, 2))
    mentions = extract(text, "nl")
    second_two = [m for m in mentions if m.text == "2%"][1]
    prefix = text[second_two.start - 120:second_two.start].replace(" ", "\n")
    suffix = text[second_two.end:second_two.end + 53].replace(" ", "\n")
    located = locate(text, Anchor("2%", prefix, suffix), mentions)
    assert located.status is AnchorStatus.AMBIGUOUS
    assert second_two.start in located.places
