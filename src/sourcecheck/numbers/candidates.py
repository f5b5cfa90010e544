"""Where number tokens may start: candidates for ``tokens.py``, found without Python per character.

Python's regular expression engine tries a pattern at every position slowly, so
candidates are found over a one-byte copy of the text (``folded``) with patterns
whose first byte is a literal, which the engine finds quickly: digit runs in a
copy translated to digit marks, number words in a copy whose non-letters are
spaces.  Every candidate is matched again on the text itself (``tokens.py``);
a candidate too many costs a failed match, a candidate missed a number, so the
candidates are a superset of the places the token patterns can match (tested).
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

    In the marked text (``_marked``) a digit or Latin-1 fraction ("¼", "½", "¾") is
    "1" and no other byte is; a pattern for a run of "1" then finds each run, its
    first byte a literal that the engine searches for quickly (many times faster
    than a character class tried at every position, and a little faster than
    hopping with ``bytes.find`` in Python).  The other fractions ("⅓", "⅛") are "?"
    in the folded text: when the text has any, they are placed with ``str.find``."""
    # the engine hops from run to run by the literal "1" (no Python per run but the list's)
    starts = [run.start() - 1 for run in _RUN.finditer(_marked(text))]  # after its leading space
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


# "11*", not "1+": a pattern that starts with a literal is searched for that byte in C;
# "1+" is tried at every position of the text (five times slower here)
_RUN = re.compile(b"11*")


@lru_cache(maxsize=1)
def folded(text: str) -> bytes:
    """``text`` as one byte per character, ASCII letters in lower case: the candidate
    finders here, the phrase builder and the vague-percentage finder search it (or a
    translated copy) for digits and for words written in ASCII (and "één").

    Kept while one text is read: ``extract`` forgets it when it returns, so that a
    second reading of the same text pays for it again.  A character Latin-1 cannot
    hold becomes "?", so offsets stay those of the text; ``str.lower()`` would cost
    several times as much on a text with any character beyond Latin-1 (curly
    quotes) and can change the length ("İ").  Only ASCII letters are folded:
    whatever is found is matched again on the text itself."""
    return text.encode("latin-1", "replace").lower()


@lru_cache(maxsize=1)
def _marked(text: str) -> bytes:
    """A space, then the folded text translated for the two scans at once (one pass
    over the text, not two): "1" for a digit or Latin-1 fraction (the digit runs),
    a space for every byte that is no letter or digit, and every letter itself (the
    word starts).  The word patterns take any letter or digit alike (they name no
    digit), so a digit may be "1" for them."""
    return b" " + folded(text).translate(_MARKS)


def forget_text() -> None:
    """Forget the folded and marked copies of the last text (``extract`` calls this
    when it returns: they are shared by the stages of one call only)."""
    folded.cache_clear()
    _marked.cache_clear()


def word_starts(text: str, lang: str) -> list[int]:
    """Where a word that may be a number word starts: it begins with the first
    letters of a number word.

    In the marked text (``_marked``) every byte that is not a letter or digit is a
    space; a word start is then a space followed by a prefix, one pattern whose first
    byte is a literal, which the engine finds quickly.  "a " and "an " (a space
    after them, exactly) are found with ``bytes.find``.  An article ("een", "a")
    is a candidate only when what follows may make it a number (``_article_follow``):
    most articles of a text stand before plain words."""
    scan = folded(text)
    pattern, spaced = _word_start_search(lang)
    starts = [match.start() for match in pattern.finditer(_marked(text))]
    follow = _article_follow(lang, spaced=False).match
    for needle in spaced:
        find = scan.find
        at = find(needle)
        while at != -1:
            if (at == 0 or not text[at - 1].isalnum()) and follow(scan, at + len(needle)):
                starts.append(at)
            at = find(needle, at + 1)
    if spaced:
        starts.sort()
    return starts


_MARKS = bytes(0x31 if chr(byte) in "0123456789¼½¾" else byte if chr(byte).isalnum() else 0x20
               for byte in range(256))


@cache
def _word_start_search(lang: str) -> tuple[re.Pattern[bytes], tuple[bytes, ...]]:
    """(a space, then any prefix; the needles that end in a space).  An article in the
    prefixes ("een") is taken when a letter or digit follows (a longer word:
    "eenentwintig"), when ``_article_follow`` does, or after "min ".  Every branch
    starts with a letter (the article's condition is a tail in the one trie), so that
    the engine turns most spaces away by their next byte alone."""
    needles = _word_needles(lang)
    words = [needle.decode("latin-1") for needle in needles if not needle.endswith(b" ")]
    follow = _article_follow(lang, spaced=True).pattern.decode("latin-1")
    tails = {}
    for article in LEXICONS[lang].articles:
        after_min = f"|(?<=min {article})" if LEXICONS[lang].compound else ""
        tails[article] = f"(?=[^ ]|{follow}){after_min}"
    pattern = re.compile(b" (?:" + alternation(words, tails=tails).encode("latin-1") + b")")
    return pattern, tuple(needle for needle in needles if needle.endswith(b" "))


# One byte of the folded text: white space (a space, or "?" for any character beyond
# Latin-1) and a word's letters, digits and "_" (never "?": it may be any character)
_SPACE_BYTES = "".join(f"\\x{byte:02x}" for byte in range(256) if chr(byte).isspace() or chr(byte) in "-?")
_WORD_BYTES = "".join(f"\\x{byte:02x}" for byte in range(256) if chr(byte).isalnum() or chr(byte) == "_")


@cache
def _article_follow(lang: str, *, spaced: bool) -> re.Pattern[bytes]:
    """What must follow a bare article for the word pattern (``tokens._patterns``) to read
    it as a number ("een miljoen", "een derde", "een op de drie", "a half", "an
    eighth"): a pattern over the folded text (``spaced``: its copy with every byte but a
    letter or digit a space) that matches wherever that look-ahead can, and more.

    Every character the look-ahead takes folds to a byte this pattern takes: white
    space (and "-") to white space or "?", lower-case letters to themselves; and a
    character that is no letter or digit folds to one that is none.  Upper case folds
    to lower case, so this pattern takes more, never less."""
    lex = LEXICONS[lang]
    words = [*lex.halves, *lex.fraction_words, *(w for w in lex.scales if len(w) > 2)]
    space, word = (" ", "[^ ]") if spaced else (f"[{_SPACE_BYTES}]", f"[{_WORD_BYTES}]")
    if lex.compound:  # after the article: "[\\s-]+" (the word pattern's look-ahead)
        ends = f"[a-z\\xeb]*(?:de|ste|den|sten)|{alternation(words)}|op{space}+de|van{space}+de|uit"
        source = f"{space}+(?:(?:{ends})(?!{word})|honderd|duizend)"
    else:  # after "a " or "an ", its first white space already taken
        tens = [f"{stem}tieth" for stem in ("twen", "thir", "for", "fif", "six", "seven", "eigh", "nine")]
        words += [*lex.ordinals, *tens, *(t + "s" for t in tens)]
        source = (f"{space}*(?:[a-z]+{space}*-{space}*)?(?:{alternation(words)}|[a-z]*ths?)"
                  f"(?!{word})")
    return re.compile(source.encode("latin-1"))


@cache
def _word_needles(lang: str) -> tuple[bytes, ...]:
    """The prefixes as the folded text spells them: "a " and "an " as whole words, and
    "Één" beside "één" (folding lowers ASCII letters only; the word pattern reads a
    word in lower case or with a capital first letter)."""
    needles = set()
    for prefix in _word_prefixes(lang):
        for form in (prefix, prefix[:1].upper() + prefix[1:]):
            needle = form if len(form) >= 3 else form + " "
            needles.add(needle.encode("latin-1").lower())
    return tuple(sorted(needles))


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
