"""``extract`` and ``extract_file``: every number of a text as a list of mentions."""

from __future__ import annotations

import bisect
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

from .. import limits
from ..errors import InputError, UsageError
from ..project import Project
from ..prose import format_of, read_prose
from ..prose.mentions import placed
from ..textfile import NotReadable, decode_utf8, read_regular
from .candidates import forget_text
from .language import LANGUAGES, language_from_name
from .lexicon import LEXICONS
from .mention import Kind, Mention, Qualifier
from .names import named_numbers
from .phrases import PhraseBuilder
from .scripts import ascii_digits
from .tokens import tokens
from .vague import vague_percent_spans
from .webaddresses import web_addresses


def extract(text: str, lang: str) -> list[Mention]:
    """Every number in ``text`` (Dutch ``"nl"`` or English ``"en"``), in order of place,
    and every percentage stated without a figure ("een klein percentage"): a mention of
    kind percent whose value, low and high are None."""
    if lang not in LEXICONS:
        raise UsageError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    with _collector_paused():
        try:
            return _extract(text, lang)
        finally:
            forget_text()  # shared by the stages of one call only, not kept for the next


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a text is read: extraction builds many
    small objects and no reference cycles, so a collection would free nothing
    (docs/performance.md).  The collector's state is restored, also on an error."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _extract(text: str, lang: str) -> list[Mention]:
    lex = LEXICONS[lang]
    readable = ascii_digits(text, lex)  # the same offsets; "٣٠" becomes "30"
    if readable is not text:
        return [mention._replace(text=text[mention.start:mention.end]) for mention in _extract(readable, lang)]
    other = LEXICONS["en" if lang == "nl" else "nl"]
    urls = web_addresses(text)
    names = named_numbers(text)  # "covid-19", "section 8": digits that are no number either
    drafts = PhraseBuilder(text, lex, tokens(text, lex, other, urls + names if names else urls)).drafts()
    mentions: list[Mention] = []
    bounds: _Precision | _Bounds | None
    new, find = tuple.__new__, text.find
    # the line of the last mention: its number, where it starts and where its line break
    # stands (-1 on the last line).  Drafts come in order of place, so the lines are
    # walked once, not bisected per mention (docs/performance.md)
    line, line_start, line_end = 1, 0, find("\n")
    if len(_BY_PRECISION) + len(_BY_BOUNDS) + len(_BY_VALUE) > _TIDIED_MAX:
        for kept in (_BY_PRECISION, _BY_BOUNDS, _BY_VALUE):
            kept.clear()
    by_precision, by_bounds, by_value = _BY_PRECISION, _BY_BOUNDS, _BY_VALUE
    for draft in drafts:
        start, end, value = draft.start, draft.end, draft.value
        if start > line_end >= 0 or start < line_start:
            if start < line_start:  # a phrase that reaches back before the last one's line
                line, line_start, line_end = 1, 0, find("\n")
            while start > line_end >= 0:
                line += 1
                line_start = line_end + 1
                line_end = find("\n", line_start)
        low, high = draft.low, draft.high
        if low is None or high is None:  # from the written precision (see Draft)
            half = draft.half_unit
            bounds = by_precision.get(id(value))
            if bounds is None or bounds[4] is not half:
                bounds = by_precision[id(value)] = (*_bounds(value, half, None, None, by_value), value, half)
        else:
            bounds = by_bounds.get(id(value))
            if bounds is None or bounds[4] is not low or bounds[5] is not high:
                bounds = by_bounds[id(value)] = (*_bounds(value, None, low, high, by_value), value, low, high)
        mention = new(Mention, (start, end, line, start - line_start + 1, text[start:end],
                                bounds[0], bounds[1], bounds[2], draft.kind, draft.qualifier, lang,
                                draft.ambiguous, draft.unit))  # tuple.__new__: no Python __new__ run
        mentions.append(mention)
    vague = vague_percent_spans(text, lang, mentions, urls)
    if vague:
        line_starts = [0]
        at = find("\n")
        while at != -1:
            line_starts.append(at + 1)
            at = find("\n", at + 1)
        mentions.extend(_vague_mention(text, start, end, line_starts, lang) for start, end in vague)
        mentions.sort(key=_start_of)
    return mentions


# (value, low, high) tidied, by the identity of the draft's value: the values of a
# text's numbers are shared by every place a form stands, and across texts (the
# readings of tokens.py are kept), so most mentions find theirs without Decimal
# arithmetic or hashing (docs/performance.md).  Each entry keeps the objects it was
# made from (value and half unit, or value and bounds) alive, so no other object can
# take the value's id while it is kept; it serves a draft whose other objects are
# the same (one value may stand with another precision elsewhere).
_Tidied = tuple[Decimal, Decimal, Decimal]  # (value, low, high)
_Precision = tuple[Decimal, Decimal, Decimal, Decimal, Decimal | None]  # tidied, then value and half unit
_Bounds = tuple[Decimal, Decimal, Decimal, Decimal, Decimal, Decimal]  # tidied, then value, low and high
_Key = tuple[Decimal, Decimal | None, Decimal | None, Decimal | None]  # value, half unit, low, high
_BY_PRECISION: dict[int, _Precision] = {}
_BY_BOUNDS: dict[int, _Bounds] = {}
_BY_VALUE: dict[_Key, _Tidied] = {}  # the values a phrase made
_TIDIED_MAX = 100_000  # entries in all three: cleared before a text when beyond


def _start_of(mention: Mention) -> int:
    return mention.start


def _vague_mention(text: str, start: int, end: int, line_starts: list[int], lang: str) -> Mention:
    """A percentage stated without a figure: kind percent, no value (see ``vague.py``)."""
    line = bisect.bisect_right(line_starts, start)
    return Mention(start=start, end=end, line=line, column=start - line_starts[line - 1] + 1,
                   text=text[start:end], value=None, low=None, high=None, kind=Kind.PERCENT,
                   qualifier=Qualifier.NONE, lang=lang)


_ONE = Decimal(1)


def _bounds(value: Decimal, half: Decimal | None, low: Decimal | None, high: Decimal | None,
            kept: dict[_Key, _Tidied]) -> _Tidied:
    """(value, low, high) tidied, low and high from ``value`` -/+ ``half`` unless given.

    Kept by value in ``kept``: values a phrase computes (scaled, dated) are new objects
    at every place, but repeat.  Equal values tidy alike, except zeros (-0 and 0 are
    equal keys but tidy differently): an entry with a zero is never kept."""
    key = (value, half, low, high)
    found = kept.get(key)
    if found is None:
        if low is None or high is None:
            low, high = (value, value) if half is None else (value - half, value + half)
        found = (_tidy(value), _tidy(low), _tidy(high))
        if value and low and high:
            kept[key] = found
    return found


def _tidy(value: Decimal) -> Decimal:
    """Drop zeros that scaling left behind (1,5 x 10^6 is 1500000, not 1500000.0);
    the written precision lives in low/high, not in the value's exponent."""
    if value == value.to_integral_value() and value.adjusted() < 28:
        return value.quantize(_ONE)
    return value.normalize()


def extract_file(path: Path | str, lang: str | None = None) -> list[Mention]:
    """The mentions of a UTF-8 article file: plain text, or Markdown, HTML or Quarto by
    its extension, read as its reader sees it (``sourcecheck.prose``): each mention's
    text and offsets are the reader's, its line and column the file's.

    The language is ``lang``, else the file name's (``article.nl.txt``), else the front
    matter's or ``<html lang>``, else ``[tool.sourcecheck] lang`` of the nearest
    pyproject.toml above the file.

    Only a regular file of at most ``article-size`` bytes is read (a pipe or a device is
    refused unread), and a text of more than ``article-numbers`` numbers is refused
    (``[tool.sourcecheck.limits]``): an InputError naming the file.
    """
    path = Path(path)
    bounds = limits.current()
    try:
        data = read_regular(path, bounds.article_size, "article-size")
    except NotReadable as problem:
        raise InputError(str(problem), path) from None
    except FileNotFoundError:
        raise InputError("no such file", path) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a text file", path) from None
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror}", path) from None
    text = decode_utf8(data, path)
    if text.startswith("\ufeff"):
        text = text[1:]  # offsets count from after a byte-order mark
    prose = read_prose(text, format_of(path))
    mentions = placed(prose, extract(prose.text, lang or language_from_name(path) or prose.lang or language_of(path)))
    if len(mentions) > bounds.article_numbers:
        raise InputError(f"{len(mentions):,} numbers, over the limit of {bounds.article_numbers:,} "
                         "([tool.sourcecheck.limits] article-numbers)", path)
    return mentions


def language_of(path: Path) -> str:
    """The language a file is written in, from its name or its project's config."""
    lang = language_from_name(path)
    if lang is not None:
        return lang
    for folder in path.resolve().parents:
        if (folder / "pyproject.toml").is_file():
            lang = Project.load(folder).lang
            if lang is not None:
                return lang
            break
    raise UsageError("cannot tell the language; pass --lang", path)


_WARM_UP = {"nl": "Ruim 1,5 miljoen, 44 procent en twee op de drie.",
            "en": "Over 1.5 million, 44 per cent and two in three."}


def warm_up() -> None:
    """Build each language's tables (lexicon, patterns) with a first short text, so that
    forked workers find them built."""
    for lang, text in _WARM_UP.items():
        extract(text, lang)
