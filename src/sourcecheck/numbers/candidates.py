"""Where number tokens may start: candidates for ``tokens.py``, found without Python per character.

Candidates are found over a one-byte copy of the text (``marked``) with patterns
whose first byte is a literal, which the regular expression engine searches for in
C instead of trying the pattern at every position (docs/performance.md): digits are
marked "1" for the digit runs, and every character that is no letter or digit is a
space for the number words.  Every candidate is matched again on the text itself
(``tokens.py``): a candidate too many only fails that match, a candidate missing
loses a number, so the candidates are a superset of the places the token patterns
can match (tested).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from .lexicon import LEXICONS
from .trie import alternation

# Unicode's own fractions; unicodedata.numeric() would give floats
VULGAR_FRACTIONS = {"½": (1, 2), "⅓": (1, 3), "⅔": (2, 3), "¼": (1, 4), "¾": (3, 4),
                    "⅕": (1, 5), "⅖": (2, 5), "⅗": (3, 5), "⅘": (4, 5), "⅙": (1, 6),
                    "⅚": (5, 6), "⅐": (1, 7), "⅛": (1, 8), "⅜": (3, 8), "⅝": (5, 8),
                    "⅞": (7, 8), "⅑": (1, 9), "⅒": (1, 10)}


def digit_run_starts(text: str) -> list[int]:
    """Where each run of digits (or vulgar fractions) starts.

    In the marked text (``marked``) a digit or Latin-1 fraction ("¼", "½", "¾") is
    "1" and no other byte is; a pattern for a run of "1" then finds each run, its
    first byte a literal that the engine searches for in C (docs/performance.md).
    The other fractions ("⅓", "⅛") are "?" in the encoded text: when the text has
    any, they are placed with ``str.find``."""
    # the engine hops from run to run by the literal "1" (no Python per run but the list's)
    starts = [run.start() - 1 for run in _RUN.finditer(marked(text))]  # after its leading space
    wide = [char for char in VULGAR_FRACTIONS if char > "\xff" and char in text]
    if wide:
        run_chars = "0123456789" + "".join(VULGAR_FRACTIONS)
        starts = [at for at in starts if not at or text[at - 1] not in wide]
        for char in wide:
            at = text.find(char)
            while at != -1:
                if at == 0 or text[at - 1] not in run_chars:
                    starts.append(at)
                at = text.find(char, at + 1)
        starts.sort()
    return starts


# "11*", not "1+": a literal first byte is searched for in C, "1+" tried at every position
_RUN = re.compile(b"11*")


@lru_cache(maxsize=1)
def encoded(text: str) -> bytes:
    """``text`` as one byte per character: ``marked`` is made from it, and the finders
    of web addresses and of "%" (``webaddresses.py``, ``vague.py``) search it rather
    than the text (docs/performance.md).

    Kept while one text is read: ``extract`` forgets it when it returns.  A character
    Latin-1 cannot hold becomes "?", so offsets stay those of the text."""
    return text.encode("latin-1", "replace")


@lru_cache(maxsize=1)
def marked(text: str) -> bytes:
    """A space, then ``encoded(text)`` translated for the scans at once (one pass over
    the text): "1" for a digit or Latin-1 fraction (the digit runs), a space for every
    byte that is no letter or digit, ASCII letters in lower case and every other
    letter itself (the word starts; the estimating and percent words of
    ``lookups.py`` and ``vague.py``).  The word patterns take any letter or digit
    alike (they name no digit), so a digit may be "1" for them.  Only ASCII letters
    are lowered ("str.lower()" can change the length: "İ"): whatever is found is
    matched again on the text itself."""
    return b" " + encoded(text).translate(_MARKS)


def forget_text() -> None:
    """Forget the encoded and marked copies of the last text (``extract`` calls this
    when it returns: they are shared by the stages of one call only)."""
    encoded.cache_clear()
    marked.cache_clear()


def word_starts(text: str, lang: str) -> list[int]:
    """Where a word that may be a number word starts: it begins with the first
    letters of a number word.

    In the marked text (``marked``) every byte that is not a letter or digit is a
    space; a word start is then a space followed by a prefix, one pattern whose first
    byte is a literal (as in ``digit_run_starts``).  An article ("een", "a",
    "an") is a candidate only when what follows may make it a number
    (``_article_follow``): most articles of a text stand before plain words."""
    return [match.start() for match in _word_start_search(lang).finditer(marked(text))]


_MARKS = bytes(0x31 if chr(byte) in "0123456789¼½¾" else byte | 0x20 if 0x41 <= byte <= 0x5A
               else byte if chr(byte).isalnum() else 0x20 for byte in range(256))


@cache
def _word_start_search(lang: str) -> re.Pattern[bytes]:
    """A space, then any prefix as the marked text spells it ("Één" beside "één":
    marking lowers ASCII letters only, and the word pattern reads a word in lower
    case or with a capital first letter).  An article in the prefixes is taken when
    ``_article_follow`` does; a Dutch one also when a letter or digit follows (a
    longer word: "eenentwintig") or after "min ".  Every branch starts with a letter
    (the article's condition is a tail in the one trie), so that the engine turns
    most spaces away by their next byte alone."""
    lex = LEXICONS[lang]
    words = {form.encode("latin-1").lower().decode("latin-1") for prefix in _word_prefixes(lang)
             for form in (prefix, prefix[:1].upper() + prefix[1:])}
    follow = _article_follow(lang)
    tails = {}
    for article in lex.articles:
        if lex.compound:
            tails[article] = f"(?=[^ ]|{follow})|(?<=min {article})"
        else:
            tails[article] = f"(?={follow})"
    return re.compile(b" (?:" + alternation(words, tails=tails).encode("latin-1") + b")")


@cache
def _article_follow(lang: str) -> str:
    """What must follow a bare article for the word pattern (``tokens._patterns``) to read
    it as a number ("een miljoen", "een derde", "een op de drie", "a half", "an
    eighth"): a pattern over the marked text that matches wherever that look-ahead
    can, and more.

    Every character the look-ahead takes marks as a byte this pattern takes: white
    space and "-" as a space, lower-case letters as themselves; and a character that
    is no letter or digit as a space.  Upper case folds to lower case, so this
    pattern takes more, never less.

    A word's ending ("-de", "-ths") is read by taking the whole word at once ("++",
    no backtracking) and looking back at its last letters, not by trying the ending
    at every letter: this is tried after most articles of a text (docs/performance.md)."""
    lex = LEXICONS[lang]
    words = [*lex.halves, *lex.fraction_words, *(w for w in lex.scales if len(w) > 2)]
    if lex.compound:  # after the article: "[\\s-]+" (the word pattern's look-ahead)
        ends = (f"{alternation(words)}|op +de|van +de|uit|na"
                r"|[a-z\xeb]*+(?:(?<=de)|(?<=den|ste)|(?<=sten))")  # [a-zë]*(?:de|ste|den|sten)
        return f" ++(?:(?:{ends})(?![^ ])|honderd|duizend)"
    # "a twenty-fifth": the hyphen, like white space, is a space in the marked text
    tens = [f"{stem}tieth" for stem in ("twen", "thir", "for", "fif", "six", "seven", "eigh", "nine")]
    words += [*lex.ordinals, *tens, *(t + "s" for t in tens)]
    return f" ++(?:[a-z]++ ++)?(?:{alternation(words)}|[a-z]*+(?:(?<=th)|(?<=ths)))(?![^ ])"


@cache
def _word_prefixes(lang: str) -> frozenset[str]:
    """The first four letters (or fewer) of every word the word pattern can start with.

    Four, not three: "der" and "for" start far more plain words than "dert" and "fort"."""
    lex = LEXICONS[lang]
    words = [*lex.cardinal_morphemes, *lex.halves, *lex.fraction_words, *lex.articles,
             *lex.ordinals, *lex.decade_ages]
    if lex.compound:
        words += ["eerste", "derde"]  # the word pattern's own endings (see _patterns)
    else:
        words += [f"{stem}tieth" for stem in ("twen", "thir", "for", "fif", "six", "seven", "eigh", "nine")]
    prefixes = {word[:4] for word in words}
    # "six" finds every "sixt" too: a longer prefix of a shorter one would find a start twice
    return frozenset(p for p in prefixes
                     if not any(p != q and len(q) >= 3 and p.startswith(q) for q in prefixes))
