"""Numbers in Dutch and English text: where they stand and what they mean.

``extract(text, lang)`` returns every number of a text as a :class:`Mention`
(span, line and column, value interval from the written precision, kind,
qualifier).  The pipeline: ``tokens.py`` finds candidate tokens in one regular
expression pass, ``values.py`` reads their values (Babel separators, text2num
words), ``phrases.py`` joins them into mentions with the words around them.
"""

from __future__ import annotations

from .extractor import extract, extract_file, language_of
from .mention import Kind, Mention, Qualifier

__all__ = ["Kind", "Mention", "Qualifier", "extract", "extract_file", "language_of"]
