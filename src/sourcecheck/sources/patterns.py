"""Regular expressions from untrusted files, run without catastrophic backtracking.

A Table Schema ``pattern``, a pandera ``str_matches`` or ``str_contains`` check and a pandera
column named by a regular expression come from data packages a newsroom downloads.  Python's
``re`` backtracks without bound: ``^(a|a)*$`` against 34 "a" and a "!" runs for hours.  Here a
pattern is

* read by ``re``'s own parser, so that what it accepts, its error messages and what it means
  stay those of ``re``;
* spelled again for the ``regex`` module (:func:`compile_pattern`), whose matcher takes a time
  limit.  The spelling keeps ``re``'s meaning where the two modules differ: ``\\w``, ``\\d``,
  ``\\s``, ``\\b`` and ``\\B`` as ``re`` defines them, braces that ``re`` reads as text and
  ``regex`` as fuzzy matching, a "[" inside a set, the dotless i of a case-insensitive match;
* run over the distinct values of a column (:func:`matching`) within ``pattern-seconds``
  (:mod:`sourcecheck.limits`) for every 100,000 distinct values.

A pattern that cannot be run so (nested too deeply, too large once its counted repeats are
spelled out, or past its time) raises :class:`PatternError`; the caller makes it a finding.
"""

from __future__ import annotations

import importlib
import re
import time
import warnings
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd
import regex

from ..limits import current

How = Literal["fullmatch", "match", "search"]

MAX_LENGTH = 100_000  # characters of a pattern as written
MAX_SIZE = 100_000  # characters and sets once counted repeats are spelled out (regex spells a{n} out)
VALUES_PER_LIMIT = 100_000  # distinct values that pattern-seconds is for; more values, more time

_parser: Any = importlib.import_module("re._parser")  # re's own parser (no public API gives its tree)
_op: Any = importlib.import_module("re._constants")

_ANY = "[\\x00-\\U0010ffff]"
# The classes as re defines them for str patterns: \w is str.isalnum() or "_", \d is
# str.isdecimal(), \s is str.isspace().  Over every code point Python's Unicode database
# assigns, [\p{L}\p{N}_] and \p{Nd} are exactly re's; regex's own \s lacks \x1c-\x1f.
_CLASSES = {
    (False, "WORD"): "\\p{L}\\p{N}_", (False, "DIGIT"): "\\p{Nd}", (False, "SPACE"): "\\s\\x1c-\\x1f",
    (True, "WORD"): "0-9A-Za-z_", (True, "DIGIT"): "0-9", (True, "SPACE"): "\\t\\n\\x0b\\x0c\\r\\x20",
}
# re matches these four to one another when ignoring case (not only i and I); regex does not
_DOTTED_I = (0x49, 0x69, 0x130, 0x131)
_FLAGS = {re.IGNORECASE: "i", re.MULTILINE: "m", re.DOTALL: "s", re.ASCII: "a"}
_REGEX_FLAGS = {re.IGNORECASE: regex.IGNORECASE, re.MULTILINE: regex.MULTILINE, re.DOTALL: regex.DOTALL,
                re.ASCII: regex.ASCII}  # re's and regex's values differ


class PatternError(Exception):
    """A pattern that cannot be run safely; the message says why, for a finding."""


@dataclass(frozen=True)
class Pattern:
    text: str  # as written in the file
    compiled: regex.Pattern[str]  # the same pattern, spelled for the regex module


def compile_pattern(text: str) -> Pattern:
    """``text`` compiled for :func:`matching`.  Raises ``re.error`` for a pattern ``re``
    refuses (its message is re's), :class:`PatternError` for one that cannot be run safely."""
    if len(text) > MAX_LENGTH:
        raise PatternError(f"it is longer than {MAX_LENGTH:,} characters")
    try:
        flags = re.compile(text).flags  # re's warnings (a possible nested set) are given here
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = _parser.parse(text, 0)
        spelled, size = _Speller().sequence(tree, flags)
    except RecursionError:
        raise PatternError("it is nested too deeply") from None
    if size > MAX_SIZE:
        raise PatternError(f"it is too large: {size:,} characters and sets once its counted repeats "
                           f"are spelled out (at most {MAX_SIZE:,})")
    options = regex.VERSION0 | sum(theirs for ours, theirs in _REGEX_FLAGS.items() if flags & ours)
    try:
        return Pattern(text, regex.compile(spelled, options))
    except (regex.error, RecursionError, OverflowError, ValueError) as error:
        raise PatternError(f"the regex module cannot run it: {error}") from None


def matching(pattern: Pattern, values: pd.Series, how: How) -> np.ndarray:
    """Which of ``values`` match ``pattern`` (``how``: as ``re.fullmatch``, ``re.match`` or
    ``re.search``); False for a missing value and for one that is not a string.

    Each distinct value is tried once.  Raises :class:`PatternError` when the column takes
    longer than the limit: ``pattern-seconds`` for every 100,000 distinct values (at least
    ``pattern-seconds``), checked within each value by the regex module itself.
    """
    uniques: Any
    try:
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
    except TypeError:  # values that cannot be told apart by hashing (JSON arrays): each is tried
        codes, uniques = np.arange(len(values)), values.to_numpy(dtype=object)
    seconds = current().pattern_seconds * max(1.0, len(uniques) / VALUES_PER_LIMIT)
    run = getattr(pattern.compiled, how)
    clock = time.monotonic
    deadline = clock() + seconds
    found: list[bool] = []
    add = found.append
    try:
        for value in uniques:  # a hot loop: the regex module's own arguments, positionally
            if isinstance(value, str):
                left = deadline - clock()
                add(run(value, None, None, None, False, left if left > 1e-6 else 1e-6) is not None)
            else:
                add(False)
    except TimeoutError:
        raise PatternError(f"it ran past its time limit, {seconds:g} s for the column's {len(uniques):,} distinct "
                           f"values (pattern-seconds in [tool.sourcecheck.limits], for every {VALUES_PER_LIMIT:,}"
                           "): it backtracks too much") from None
    found.append(False)  # for a missing value (code -1)
    return np.array(found, dtype=bool)[codes]


def _char(code: int) -> str:
    char = chr(code)
    if char.isascii() and char.isalnum():
        return char
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _swapped(low: int, high: int) -> list[str]:
    """The other case of the ASCII letters from ``low`` to ``high``, as ranges of a set."""
    ranges = []
    for start, end, shift in ((0x41, 0x5A, 0x20), (0x61, 0x7A, -0x20)):
        if low <= end and high >= start:
            first, last = max(low, start) + shift, min(high, end) + shift
            ranges.append(f"{_char(first)}-{_char(last)}")
    return ranges


class _Speller:
    """re's parse tree, spelled again as a pattern for the regex module with re's meaning;
    each part gives its text and its size (characters and sets, counted repeats spelled out)."""

    def sequence(self, items: Any, flags: int) -> tuple[str, int]:
        texts, size = [], 0
        for op, av in items:
            text, part = self.item(op, av, flags)
            texts.append(text)
            size += part
        return "".join(texts), size

    def item(self, op: Any, av: Any, flags: int) -> tuple[str, int]:
        if op is _op.LITERAL or op is _op.NOT_LITERAL:
            if flags & re.IGNORECASE and (flags & re.ASCII or av in _DOTTED_I):  # folded as re does
                return self.charset([(_op.NEGATE, None)] * (op is _op.NOT_LITERAL) + [(_op.LITERAL, av)], flags), 1
            return (_char(av) if op is _op.LITERAL else f"[^{_char(av)}]"), 1
        if op is _op.ANY:
            return ".", 1
        if op is _op.IN:
            return self.charset(av, flags), 1
        if op is _op.AT:
            return self.at(av, flags), 1
        if op is _op.BRANCH:
            parts = [self.sequence(branch, flags) for branch in av[1]]
            return "(?:" + "|".join(text for text, _ in parts) + ")", sum(size for _, size in parts)
        if op is _op.SUBPATTERN:
            group, add, remove, body = av
            text, size = self.sequence(body, (flags | add) & ~remove)
            if group is not None:
                return f"({text})", size
            on = "".join(letter for flag, letter in _FLAGS.items() if add & flag)
            off = "".join(letter for flag, letter in _FLAGS.items() if remove & flag)
            return f"(?{on}{'-' + off if off else ''}:{text})", size
        if op in (_op.MAX_REPEAT, _op.MIN_REPEAT, _op.POSSESSIVE_REPEAT):
            low, high, body = av
            text, size = self.sequence(body, flags)
            count = f"{{{low}}}" if low == high else f"{{{low},{'' if high == _op.MAXREPEAT else high}}}"
            lazy = "?" if op is _op.MIN_REPEAT else "+" if op is _op.POSSESSIVE_REPEAT else ""
            return f"(?:{text}){count}{lazy}", size * max(1, low)
        if op is _op.ASSERT or op is _op.ASSERT_NOT:
            direction, body = av
            text, size = self.sequence(body, flags)
            kind = ("=" if op is _op.ASSERT else "!") if direction == 1 else ("<=" if op is _op.ASSERT else "<!")
            return f"(?{kind}{text})", size
        if op is _op.ATOMIC_GROUP:
            text, size = self.sequence(av, flags)
            return f"(?>{text})", size
        if op is _op.GROUPREF:
            return f"(?:\\g<{av}>)", 1
        if op is _op.GROUPREF_EXISTS:
            group, yes, no = av
            yes_text, yes_size = self.sequence(yes, flags)
            no_text, no_size = self.sequence(no, flags) if no is not None else ("", 0)
            return f"(?({group}){yes_text}{'|' + no_text if no is not None else ''})", yes_size + no_size
        raise PatternError(f"its part {op} cannot be run safely")

    def charset(self, items: Any, flags: int) -> str:
        """A set as a union of the regex module's sets: re's classes are spelled out, and a
        negated class (\\W, \\D, \\S) inside a set, which a set of regex's cannot hold, becomes
        an alternative (in a positive set) or a lookahead (in a negated one)."""
        ascii_only = bool(flags & re.ASCII)
        caseless = bool(flags & re.IGNORECASE)
        negated = bool(items) and items[0][0] is _op.NEGATE
        letters: list[str] = []  # characters and ranges
        inside: list[str] = []  # the classes in the set
        outside: list[str] = []  # the classes whose complement is in the set
        dotted_i = False
        for op, av in items[negated:]:
            if op is _op.LITERAL or op is _op.RANGE:
                low, high = (av, av) if op is _op.LITERAL else av
                letters.append(_char(low) if low == high else f"{_char(low)}-{_char(high)}")
                dotted_i = dotted_i or any(low <= code <= high for code in _DOTTED_I)
                if caseless and ascii_only:  # re folds ASCII letters only: spelled out, matched with case
                    letters.extend(_swapped(low, high))
            elif op is _op.CATEGORY:
                name = str(av).removeprefix("CATEGORY_")
                if name.startswith("NOT_"):
                    outside.append(_CLASSES[ascii_only, name.removeprefix("NOT_")])
                else:
                    inside.append(_CLASSES[ascii_only, name])
            else:
                raise PatternError(f"its set part {op} cannot be run safely")
        if dotted_i and caseless and not ascii_only:
            letters.extend(map(_char, _DOTTED_I))
        # re tests a class on the character itself, whatever the case: regex's ignoring of
        # case is turned off for the classes (and for all of a set when re folds ASCII only)
        exact = "(?-i:{})" if caseless and not ascii_only else "{}"
        chars, classes = "".join(letters), "".join(inside)
        if not negated:  # letters | classes | not O1 | not O2 ...
            parts = ([f"[{chars}]"] if chars else []) + ([exact.format(f"[{classes}]")] if classes else [])
            parts += [exact.format(f"[^{other}]") for other in outside]
            text = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
        else:  # not (letters | classes | not O1 ...) = O1 and ... and not classes and not letters
            ahead = "".join(f"(?=[{other}])" for other in outside) + (f"(?![{classes}])" if classes else "")
            text = (exact.format(ahead) if ahead else "") + (f"[^{chars}]" if chars else _ANY)
        return f"(?-i:{text})" if caseless and ascii_only else text

    def at(self, code: Any, flags: int) -> str:
        simple = {_op.AT_BEGINNING: "^", _op.AT_BEGINNING_STRING: "\\A", _op.AT_END: "$",
                  _op.AT_END_STRING: "\\Z"}
        if code in simple:
            return simple[code]
        word = _CLASSES[bool(flags & re.ASCII), "WORD"]
        before, after = f"(?<=[{word}])", f"(?=[{word}])"
        not_before, not_after = f"(?<![{word}])", f"(?![{word}])"
        if code is _op.AT_BOUNDARY:
            return f"(?:{before}{not_after}|{not_before}{after})"
        if code is _op.AT_NON_BOUNDARY:  # and, as in re, never in an empty string
            return f"(?:{before}{after}|{not_before}{not_after}(?:(?<={_ANY})|(?={_ANY})))"
        raise PatternError(f"its anchor {code} cannot be run safely")
