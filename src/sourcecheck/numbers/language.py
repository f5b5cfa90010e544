"""The language a text file is written in, as its name gives it: ``article.nl.txt``.

Kept apart from the lexicons so that reading a name's language loads no Babel data.
"""

from __future__ import annotations

from pathlib import PurePath

# The languages of ``lexicon.LEXICONS``, in its order (tests/numbers holds the two together)
LANGUAGES = ("nl", "en")


def language_from_name(path: PurePath) -> str | None:
    """The language a file name gives in a suffix before its last one: "nl" for
    ``article.nl.txt``, "en" for ``x.en.md``, None for ``article.txt``.  Of several
    such suffixes the one nearest the last counts (``story.nl.en.txt`` is "en")."""
    for suffix in reversed(path.suffixes[:-1]):
        if suffix[1:] in LANGUAGES:
            return suffix[1:]
    return None
