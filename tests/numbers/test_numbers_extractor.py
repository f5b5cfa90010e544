"""What ``extract`` does around the reading itself: the garbage collector is paused
while a text is read (numbers/extractor.py) and put back as it was, which is only
sound because extraction leaves no reference cycles behind."""

from __future__ import annotations

import gc
from pathlib import Path

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
