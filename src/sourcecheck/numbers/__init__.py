"""Numbers in Dutch and English text: where they stand and what they mean.

``extract(text, lang)`` returns every number of a text as a :class:`Mention`
(span, line and column, value interval from the written precision, kind,
qualifier, unit).  The pipeline: ``scripts.py`` maps digits of other scripts
to ASCII (offsets kept), ``candidates.py`` finds where tokens may start,
``tokens.py`` reads the tokens there (``numbertoken.py``) and leaves out those in
a web address (``webaddresses.py``), ``wordruns.py`` joins adjacent number words,
``values.py`` reads the values (Babel separators, text2num words), ``phrases.py``
joins tokens into mentions with the words around them (``lookups.py`` finds those
words, ``dates.py``, ``fractional.py``, ``ordinals.py``, ``ages.py`` and
``units.py`` read dates and periods, fractions, compound ordinals, ages, money and
percentage points), and
``extractor.py`` turns the drafts into mentions.
"""

from __future__ import annotations

from typing import Any

from .language import language_from_name
from .mention import Kind, Mention, Qualifier


def __getattr__(name: str) -> Any:
    # the extractor (its lexicons and patterns) loads on first use, so that importing
    # ``Mention`` (as the report and a cached check do) stays light
    if name in ("extract", "extract_file", "language_of", "warm_up"):
        from . import extractor

        return getattr(extractor, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = ["Kind", "Mention", "Qualifier", "extract", "extract_file", "language_from_name", "language_of", "warm_up"]
