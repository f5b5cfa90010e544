"""What ``extract`` does around the reading itself: the garbage collector is paused
while a text is read (numbers/extractor.py) and put back as it was, which is only
sound because extraction leaves no reference cycles behind."""

from __future__ import annotations

import gc
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from sourcecheck.numbers import extract

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = (ROOT / "articles" / "russen-in-servie" / "article.nl.txt").read_text("utf-8")
ENGLISH = ("About 1,200 people, more than 45% of them over 60, attended between 2014 and 2022; "
           "two in three came back, a third of them twice, on March 3, 2024 at 10:00. ")


def test_the_collector_is_enabled_again_after_extract() -> None:
    assert gc.isenabled()
    assert extract(ARTICLE, "nl")
    assert gc.isenabled()


def test_a_paused_collector_stays_paused() -> None:
    gc.disable()
    try:
        assert extract(ENGLISH, "en")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_collector_is_enabled_again_after_an_error() -> None:
    try:
        extract(None, "nl")  # type: ignore[arg-type]
    except Exception:
        pass
    assert gc.isenabled()


def test_extraction_leaves_no_reference_cycles() -> None:
    for text, lang in ((ARTICLE, "nl"), (ENGLISH * 20, "en")):
        extract(text, lang)  # caches and patterns filled first
    gc.collect()
    gc.disable()
    try:
        for text, lang in ((ARTICLE, "nl"), (ENGLISH * 20, "en"), (ARTICLE + ENGLISH, "en")):
            mentions = extract(text, lang)
            assert mentions
            del mentions
        assert gc.collect() == 0
    finally:
        gc.enable()


# -- what one text leaves behind (readings, tidied values) never changes the next one's

_PIECES = st.sampled_from(["1.000", "1,000", "2,5", "2.5", "0", "-0", "0,0", "3,0", "3.0", "200.000", "3", "44%",
                           "2024", "miljoen", "million", "procent", "percent", "tot", "to", "tussen", "between",
                           "en", "and", "kwart", "quarter", "ongeveer", "about", "juni", "June", "1e3",
                           "twee", "two", "een derde", "a third", "op", "de", "in", "10k", "½", "22.00"])
_NUMBERISH = st.lists(_PIECES, max_size=12).map(" ".join)


def _read(text: str, lang: str) -> list[dict]:
    """The mentions as the JSON output gives them: "-0" and "0", "1.0" and "1" differ."""
    return [mention.to_dict() for mention in extract(text, lang)]


def _forget_everything() -> None:
    from sourcecheck.numbers import extractor, tokens

    for readings in tokens._READINGS.values():
        readings.clear()
    for kept in (extractor._BY_PRECISION, extractor._BY_BOUNDS, extractor._BY_VALUE):
        kept.clear()


@settings(max_examples=300, deadline=None)
@given(before=_NUMBERISH, text=_NUMBERISH, lang=st.sampled_from(["nl", "en"]))
# equal values, other precision: 2,5-3,5 million and 2,95-3,05 million
@example(before="3 miljoen", text="3,0 miljoen", lang="nl")
@example(before="3.0 million", text="3 million", lang="en")
def test_a_text_reads_the_same_whatever_was_read_before(before: str, text: str, lang: str) -> None:
    other = "en" if lang == "nl" else "nl"
    fresh = {}
    for key, (words, language) in {"before": (before, lang), "other": (before, other), "text": (text, lang)}.items():
        _forget_everything()
        fresh[key] = _read(words, language)
    _forget_everything()
    assert _read(before, lang) == fresh["before"]
    assert _read(before, other) == fresh["other"]
    assert _read(text, lang) == fresh["text"]


def test_the_tidied_values_kept_between_texts_are_bounded(monkeypatch) -> None:
    from sourcecheck.numbers import extractor

    _forget_everything()
    expected = _read(ENGLISH * 3, "en")
    monkeypatch.setattr(extractor, "_TIDIED_MAX", 5)
    for count in range(20):
        assert extract(f"{count},{count}5 and {count}.{count}% of {count * 7} million", "en")
    kept = len(extractor._BY_PRECISION) + len(extractor._BY_BOUNDS) + len(extractor._BY_VALUE)
    assert kept <= 5 + 10  # cleared before a text once beyond 5: at most one text's worth more
    assert _read(ENGLISH * 3, "en") == expected


def test_line_and_column_hold_for_drafts_out_of_order(monkeypatch) -> None:
    # The lines are walked forward, draft by draft; a draft that starts before the line
    # of the one before it (no phrase does today: the property tests hold the order)
    # starts the walk again instead of taking that line.
    from sourcecheck.numbers import phrases

    text = "Eerst 10 mensen.\nDan 20 mensen.\nToen 30 mensen."
    in_order = phrases.PhraseBuilder.drafts
    monkeypatch.setattr(phrases.PhraseBuilder, "drafts", lambda self: in_order(self)[::-1])
    mentions = extract(text, "nl")
    assert [(m.text, m.line, m.column) for m in mentions] == [("30", 3, 6), ("20", 2, 5), ("10", 1, 7)]
