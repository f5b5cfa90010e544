"""The language a file name gives (``numbers/language.py``): "article.nl.txt" is Dutch."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path, PurePosixPath

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sourcecheck.numbers import language_from_name, language_of
from sourcecheck.numbers.language import LANGUAGES
from sourcecheck.numbers.lexicon import LEXICONS


@pytest.mark.parametrize(("name", "lang"), [
    ("article.nl.txt", "nl"),
    ("x.en.md", "en"),
    ("article.txt", None),
    ("article", None),
    ("nl.txt", None),               # the stem is no suffix
    ("article.txt.nl", None),       # the last suffix is the file's type, never its language
    ("article.fr.txt", None),       # no lexicon for French
    ("article.NL.txt", None),       # suffixes are compared as written
    ("2024.06.nl.txt", "nl"),
    ("story.nl.v2.txt", "nl"),      # the suffixes before the last are read from the end back
    ("story.nl.en.txt", "en"),
    ("articles.nl/story.txt", None),  # a folder's name says nothing
])
def test_language_from_name(name: str, lang: str | None) -> None:
    assert language_from_name(Path(name)) == lang
    assert language_from_name(PurePosixPath("some/folder") / name) == lang


_PART = st.text(st.characters(blacklist_characters="./\\\0", blacklist_categories=("Cs",)), min_size=1, max_size=8)


@given(stem=_PART, lang=st.sampled_from(LANGUAGES), extension=_PART)
def test_a_language_suffix_before_the_last_is_the_language(stem: str, lang: str, extension: str) -> None:
    path = Path(f"{stem}.{lang}.{extension}")
    assert language_from_name(path) == lang
    assert language_of(path) == lang  # the name decides: no config is looked for


@given(stem=_PART, extension=_PART)
def test_a_name_without_a_language_suffix_has_no_language(stem: str, extension: str) -> None:
    path = Path(f"{stem}.{extension}")
    assert language_from_name(path) is None


def test_the_languages_are_those_of_the_lexicons() -> None:
    assert LANGUAGES == tuple(LEXICONS)


def test_reading_a_names_language_loads_no_lexicon() -> None:
    code = ("import sys\nfrom sourcecheck.numbers import language_from_name\n"
            "assert language_from_name(__import__('pathlib').Path('a.en.txt')) == 'en'\n"
            "print(sorted(m for m in sys.modules if m.startswith('sourcecheck.numbers.')))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "sourcecheck.numbers.lexicon" not in loaded
    assert "sourcecheck.numbers.extractor" not in loaded
