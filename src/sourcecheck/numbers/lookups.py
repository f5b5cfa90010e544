"""Look-ups around a token: the words right before and after a number, and the tokens next to it.

:class:`Lookups` is the base of the phrase builder (``phrases.py``, with the date
and fraction readers of ``dates.py`` and ``fractional.py``).  Every context pattern
(``context.py``) has a cheap pre-test, the last word before or the first letters
of the word after, so that most numbers need no regular expression at all; the
pre-tests are asked per distinct neighbour word, not per number.
"""

from __future__ import annotations

import bisect
import re
from functools import cache

from .candidates import marked
from .context import Context, context_for
from .draft import KIND, Draft
from .lexicon import LEXICONS, Lexicon
from .mention import Qualifier
from .numbertoken import DIGITS, Token

_SPACES = re.compile(r"\s+")
_CLAUSE_END = frozenset(".,;:!?)]}\"'”’»›…")
# Punctuation that may open a clause right before a word: "(ongeveer 300)", "'zo'n 40'",
# "–bijna 20".  Not "-" or "−": a word ending in those is a minus sign's
OPENING = "([{\"'“‘„‚«‹–—"


class Lookups:
    """The text, its tokens and the look-ups of the words around them."""

    def __init__(self, text: str, lex: Lexicon, tokens: list[Token]) -> None:
        self.text = text
        self.lex = lex
        self.tokens = tokens
        self.ctx = context_for(lex.lang)
        self._next_words: dict[int, str] = {}
        self._left_table, self._right_table = _side_tables(lex.lang)
        self._estimating: tuple[list[int], list[int]] | None = None
        self._estimating_buckets: list[bool] | None = None
        self._qualifiers: dict[str, Qualifier] = {}  # by the words as written
        self._betweens: list[int] | None = None  # where "tussen"/"between" starts (ranges.py)

    def _qualifier_named(self, words: str) -> Qualifier:
        """The qualifier the words name, however spaced and cased (kept by spelling)."""
        qualifier = self._qualifiers.get(words)
        if qualifier is None:
            qualifier = self._qualifiers[words] = self.lex.qualifiers[_SPACES.sub(" ", words.lower())]
        return qualifier

    def _qualifier_before(self, position: int, reach: int = 40) -> tuple[int, str] | None:
        """(start, words) of the qualifier ending in white space at ``position``: what
        ``_search_before(ctx.qualifier_before, position, reach)`` finds, read backwards.

        The window's first character is at ``position - reach``; the two characters before
        it are looked at (the search's look-behinds see them too) but never taken in."""
        # the window and two characters before it, backwards (not the whole text: docs/performance.md)
        window_start = position - reach if position > reach else 0
        backwards = self.text[window_start - 2 if window_start > 1 else 0:position][::-1]
        match = self.ctx.qualifier_reversed.match(backwards)
        if match is None:
            return None
        if match.end() > position - window_start:  # it takes in the character before the window
            found = self._search_before(self.ctx.qualifier_before, position, reach)
            return (found.start(1), found.group(1)) if found else None
        return position - match.end(1), match.group(1)[::-1]

    def _before(self, pattern: re.Pattern[str], position: int, reach: int = 40) -> re.Match[str] | None:
        words = self.ctx.last_words.get(id(pattern))
        if words is not None:
            if self._last_word(position) not in words:
                return None
        elif pattern is self.ctx.window_qualifier:
            if not self._estimating_near(position, reach):
                return None
        elif pattern is self.ctx.minus_before:
            last = self._last_word(position)
            if not last.endswith(("-", "−")) and last not in self.lex.minus_words:
                return None
        elif pattern is self.ctx.currency_before:
            before = self.text[max(0, position - 3):position].rstrip()
            if not before or before[-1] not in self.lex.currency_symbols:
                return None
        return pattern.search(self.text, max(0, position - reach), position)

    def _estimating_near(self, position: int, reach: int) -> bool:
        """Whether an estimating word ("naar schatting", "about") stands wholly within
        the ``reach`` characters before ``position``: the pre-test of ``window_qualifier``.
        The words are found once per text (``str.find``), not once per number."""
        if self._estimating is None:
            self._estimating = self._find_estimating()
        starts, ends = self._estimating
        index = bisect.bisect_left(starts, position - reach)
        while index < len(starts) and starts[index] < position:
            if ends[index] <= position:
                return True
            index += 1
        return False

    def _near_estimating(self) -> list[bool]:
        """By ``position >> 6``: False where ``_estimating_near(position, reach)`` is
        False for every ``reach`` up to 64.  Such a word ends after ``position - reach``
        and at or before ``position``, so in the 64-character bucket of ``position`` or
        the one before it: one list look-up rules out most numbers."""
        if self._estimating is None:
            self._estimating = self._find_estimating()
        buckets = [False] * ((len(self.text) >> 6) + 2)
        for end in self._estimating[1]:
            buckets[end >> 6] = buckets[(end >> 6) + 1] = True
        return buckets

    def _find_estimating(self) -> tuple[list[int], list[int]]:
        scan = marked(self.text)  # the estimating words are ASCII
        spans = []
        for needle in _needles(self.ctx.estimating):
            at = scan.find(needle)
            while at != -1:  # the needle's space is the text's character before the word
                spans.append((at, at + len(needle) - 1))
                at = scan.find(needle, at + 1)
        spans.sort()
        return [start for start, _ in spans], [end for _, end in spans]

    def _last_word(self, position: int) -> str:
        """The word (white space to white space) right before ``position``, lower case."""
        before = self.text[position - 24 if position > 24 else 0:position].rsplit(None, 1)
        return before[-1].lstrip(OPENING).lower() if before else ""

    def _second_last_word(self, position: int, reach: int) -> str:
        """The word (white space to white space) before the last one within the ``reach``
        characters before ``position``, lower case; "" when there is none."""
        words = self.text[position - reach if position > reach else 0:position].rsplit(None, 2)
        return words[-2].lower() if len(words) > 1 else ""

    def _after(self, pattern: re.Pattern[str], position: int) -> re.Match[str] | None:
        # No pattern of what may follow a number starts with closing punctuation: a
        # number at the end of a clause (the common case) needs no regex at all.
        if self.text[position:position + 1] in _CLAUSE_END:
            return None
        starts = self.ctx.next_starts.get(id(pattern))
        if starts is not None and not self._next_word(position).startswith(starts):
            return None
        return pattern.match(self.text, position)

    def _next_word(self, position: int) -> str:
        """The text right after ``position`` up to the next white space, lower case."""
        word = self._next_words.get(position)
        if word is None:
            after = self.text[position:position + 30].split(None, 1)
            word = after[0].lower() if after else ""
            self._next_words[position] = word
        return word

    def _token_at(self, index: int, position: int, kinds: tuple[str, ...]) -> Token | None:
        if index < len(self.tokens):
            token = self.tokens[index]
            if token.start == position and token.kind in kinds:
                return token
        return None

    def _left(self, position: int) -> frozenset[str]:
        """The names of the left-hand patterns (``Context`` fields) whose pre-test
        the word before ``position`` passes; only those can match there.  Empty:
        nothing before the number can change its reading.  Looked up by word, so
        each distinct word is tested once per language (not kept by place: a number
        asks once, and its phrase passes the answer on)."""
        # _last_word, inlined
        # kept by the word as written: the names depend on its lower case only, and most
        # look-ups then skip lowering it
        before = self.text[position - 24 if position > 24 else 0:position].rsplit(None, 1)
        last = before[-1] if before else ""
        names = self._left_table.get(last)
        if names is None:
            names = self._left_table[last] = _left_names(self.ctx, self.lex, last.lower())
        return names

    def _right(self, position: int) -> frozenset[str]:
        """The names of the right-hand patterns whose pre-test the word after
        ``position`` passes.  Not kept by place: each place is asked about once or
        twice."""
        if self.text[position:position + 1] in _CLAUSE_END:
            return _CLOSED
        # the next word as written (_next_word without lowering it): the names depend
        # on its lower case only.  Not kept for _after: few numbers ask it again
        after = self.text[position:position + 30].split(None, 1)
        word = after[0] if after else ""
        found = self._right_table.get(word)
        if found is None:
            found = self._right_table[word] = _right_names(self.ctx, self.lex.lang, word.lower())
        return found

    def _search_before(self, pattern: re.Pattern[str], position: int, reach: int = 40) -> re.Match[str] | None:
        """``pattern`` ending at ``position``, its pre-test already passed (``_left``)."""
        return pattern.search(self.text, max(0, position - reach), position)

    def _match_after(self, pattern: re.Pattern[str], position: int) -> re.Match[str] | None:
        """``pattern`` starting at ``position``, its pre-test already passed (``_right``)."""
        return pattern.match(self.text, position)

    def _money_of(self, draft: Draft) -> None:
        """The currency sign, code or word around a range or a scaled half ("€ 2 tot 3
        miljoen", "een half miljoen euro"): its unit, and the span takes it in; a count
        becomes an amount, a range stays a range."""
        ctx = self.ctx
        money = self._search_before(ctx.currency_before, draft.start, 6)
        if money is not None:
            draft.start, draft.unit = money.start(), self.lex.currency_codes.get(money.group(1).lower())
        else:
            money = self._after(ctx.currency_after, draft.end)
            if money is None:
                return
            draft.end, draft.unit = money.end(), self.lex.currency_codes.get(money.group().strip().lower())
        if draft.kind == KIND.COUNT:
            draft.kind = KIND.AMOUNT

    def _is_year(self, token: Token) -> bool:
        """A four-digit number from 1000 to 2999 written without separator."""
        return (token.kind == DIGITS and token.compact and token.end - token.start == 4
                and 1000 <= token.value <= 2999)

    def _skip(self, following: int, end: int) -> int:
        """The first token at or after ``end``: the ones before belong to the phrase."""
        while following < len(self.tokens) and self.tokens[following].start < end:
            following += 1
        return following


@cache
def _needles(words: tuple[str, ...]) -> tuple[bytes, ...]:
    """What ``_find_estimating`` searches the marked text (``candidates.marked``) for:
    a space and the last word of each estimating word (" schatting" of "naar
    schatting": the window pattern takes any white space between, and its "(?<!\\w)"
    a character the marked text holds as a space), but for one that holds another
    (where " an estimated" stands, " estimated" does too: a text is searched once less)."""
    last = {" " + word.split()[-1] for word in words}
    return tuple(sorted(word.encode("ascii") for word in last
                        if not any(other != word and other in word for other in last)))


_CLOSED: frozenset[str] = frozenset()
# currency codes written before a number, lower case as _left_names sees the word ("eur")
_CODES_BEFORE = {lang: frozenset(code.lower() for code in lex.currency_codes_before)
                 for lang, lex in LEXICONS.items()}
_TABLE_LIMIT = 20_000  # distinct neighbour words kept per language


@cache
def _side_tables(lang: str) -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """Per language: word before a number -> left names, word after -> right names."""
    return _BoundedDict(), _BoundedDict()


class _BoundedDict(dict):  # type: ignore[type-arg]
    """A dict that forgets everything when it grows past ``_TABLE_LIMIT`` (odd texts)."""

    def __setitem__(self, key: object, value: object) -> None:
        if len(self) >= _TABLE_LIMIT:
            self.clear()
        super().__setitem__(key, value)


@cache
def _pattern_names(lang: str) -> tuple[tuple[tuple[str, frozenset[str]], ...], tuple[tuple[str, tuple[str, ...]], ...]]:
    """(name, last words) of each left-hand pattern and (name, first letters) of each
    right-hand one, from the pre-tests in ``Context``."""
    ctx = context_for(lang)
    by_id = {id(value): name for name, value in vars(ctx).items() if isinstance(value, re.Pattern)}
    lefts = tuple((by_id[key], words) for key, words in ctx.last_words.items())
    rights = tuple((by_id[key], starts) for key, starts in ctx.next_starts.items())
    return lefts, rights


def _left_names(ctx: Context, lex: Lexicon, last: str) -> frozenset[str]:
    lefts, _ = _pattern_names(lex.lang)
    last = last.lstrip(OPENING) or last
    names = {name for name, words in lefts if last in words}
    if last.endswith(("-", "−")) or last in lex.minus_words:
        names.add("minus_before")
    if last.endswith(tuple(lex.currency_symbols)) or last in _CODES_BEFORE[lex.lang]:
        names.add("currency_before")
    return frozenset(names)


def _right_names(ctx: Context, lang: str, word: str) -> frozenset[str]:
    _, rights = _pattern_names(lang)
    glued = word[1:] if word[:1] == "-" else word  # "12-month": the word after the hyphen too
    return frozenset(name for name, starts in rights if word.startswith(starts) or glued.startswith(starts))
