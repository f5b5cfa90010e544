"""Digits of other scripts, read as the number they write: "２００．０００", "٣٠", "३०".

Every Unicode decimal digit (category Nd: Arabic-Indic, Devanagari, fullwidth,
Bengali, Thai...) is mapped to its ASCII twin, one character for one, so that every
offset into the mapped text is an offset into the original; the extractor reads
the mapped text and takes each mention's ``text`` from the original.  Fullwidth
"．", "，" and "％" become ".", "," and "%"; the Arabic decimal and thousands
separators ("٫", "٬") and percent sign ("٪") become the text language's own
separators and "%", since they say which is which.

Digits that still stand outside every mention (glued inside a word) are reported by
the claims check (SC408 digits-not-read), never skipped in silence.
"""

from __future__ import annotations

import re
import unicodedata

from .lexicon import Lexicon

# a character this module maps: a decimal digit other than 0-9, or a sign that goes with one
_OTHER_DIGIT = re.compile(r"(?![0-9])\d|[．，％٫٬٪]")

_SIGNS = {"．": ".", "，": ",", "％": "%", "٪": "%"}


def ascii_digits(text: str, lex: Lexicon) -> str:
    """``text`` with every decimal digit of another script (and its separators) in
    ASCII, character for character; ``text`` itself when there is none.

    Most texts are not searched: an ASCII text, or one that Windows-1252 holds (the
    accents, curly quotes, dashes and "€" of Dutch and English news), has no digit
    of another script, and the codec tells in C at a fraction of the cost of a
    search (docs/performance.md)."""
    if text.isascii():
        return text
    try:
        text.encode("cp1252")
        return text
    except UnicodeEncodeError:
        pass
    if _OTHER_DIGIT.search(text) is None:
        return text
    table: dict[int, str] = {}
    for found in _OTHER_DIGIT.finditer(text):
        char = found.group()
        if ord(char) not in table:
            table[ord(char)] = _ascii_of(char, lex)
    return text.translate(table)


def _ascii_of(char: str, lex: Lexicon) -> str:
    if char == "٫":
        return lex.decimal
    if char == "٬":
        return lex.group
    sign = _SIGNS.get(char)
    if sign is not None:
        return sign
    return str(unicodedata.decimal(char))
