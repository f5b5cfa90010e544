"""A quick reader for the block YAML that ledgers are written in; PyYAML reads the rest.

PyYAML's C parser still builds a Python node, with two position marks, for every
scalar, and a newsroom's thousand ledgers spent most of their loading time there
(docs/performance.md).  Ledgers use a small part of YAML: block mappings and
sequences, scalars on one line (plain, single-quoted, or double-quoted with escapes),
one-line flow collections of such scalars, folded or literal text (">-", "|") whose
lines share one indentation, comments and blank lines.  :func:`read_block` reads that
part, line by line, and gives up (returns None) on anything else (anchors, tags,
quoted or plain scalars over several lines, more-indented lines in a block scalar,
tabs, document markers, a duplicate or non-text key, ...), so that PyYAML reads the
document and says what is wrong with it.

Whatever it returns is what PyYAML through ``yamlfile._LedgerLoader`` returns, lines
included: plain scalars are resolved by that loader's own resolvers and constructors,
and a hypothesis test (tests/claims/test_claims_yamlblock.py) holds the two readers
together on generated documents and on corruptions of them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import yaml

from .yamlfile import LineDict, LineList, _LedgerLoader

# Characters left to PyYAML: anything YAML does not print, and the tab, the carriage
# return, the byte order mark and the line breaks other than "\n".
_UNUSUAL = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")

# A scalar on one line: double-quoted (escapes allowed, none at the line's end),
# single-quoted, or plain, starting with no indicator and (in a key or a flow
# collection) holding none of ":#" (and none of ",[]{}" in flow).  What may follow a
# value: a comment, after a space.
_PLAIN_START = r"""[^-?:,\[\]{}#&*!|>'"%@` ]"""
_AFTER = r"(?:[ ]+#.*)?[ ]*"
_DOUBLE_TEXT = r'[^"\\]*(?:\\.[^"\\]*)*'


def _quoted(prefix: str) -> str:
    return rf""""(?P<{prefix}double>{_DOUBLE_TEXT})"|'(?P<{prefix}single>(?:[^']|'')*)'"""


def _flow_scalar_pattern(prefix: str) -> str:
    return rf"(?:{_quoted(prefix)}|(?P<{prefix}plain>{_PLAIN_START}[^,\[\]{{}}#:]*?))"


# A block mapping's entry: its key and colon, then nothing (a block or null below),
# a quoted value, or the rest of the line (any other value, read by Reader.scalar).
_ENTRY = re.compile(
    rf"(?P<key>{_quoted('key_')}|(?P<key_plain>{_PLAIN_START}[^:#]*?))[ ]*:"
    rf"(?:{_AFTER}$|[ ]+(?:(?:{_quoted('')}){_AFTER}$|(?P<rest>[^ #].*)))")
_QUOTED_VALUE = re.compile(rf"(?:{_quoted('')}){_AFTER}")
_FLOW_PAIR = re.compile(rf"[ ]*{_flow_scalar_pattern('key_')}[ ]*:[ ]+{_flow_scalar_pattern('')}[ ]*(?P<end>[,}}])")
_FLOW_ITEM = re.compile(rf"[ ]*{_flow_scalar_pattern('')}[ ]*(?P<end>[,\]])")
_FLOW_END = re.compile(_AFTER)
# A block scalar's header: (folded, strip the final line break).
_BLOCK_HEADERS = {">": (True, False), ">-": (True, True), "|": (False, False), "|-": (False, True)}
# First characters that make a value something other than a plain scalar.
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
# libyaml refuses a key longer than 1024 characters; far below that is safe.
_LONGEST_KEY = 1000

_CONSTRUCTED = {"tag:yaml.org,2002:null", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int",
                "tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp"}
_constructor = yaml.constructor.SafeConstructor()  # only its scalar constructors are used


class _GiveUp(Exception):
    """Not in the part of YAML this reader knows: PyYAML reads the document."""


def read_block(text: str) -> Any | None:
    """The document ``text`` as ``yamlfile.load_yaml`` loads it, when it is written in the
    part of YAML this reader knows (see the module doc); None when PyYAML must read it."""
    if _UNUSUAL.search(text):
        return None
    lines = text.split("\n")
    rows = []  # the significant lines: (line number, indentation, content)
    for number, line in enumerate(lines, start=1):
        content = line.lstrip(" ")
        if content and content[0] != "#":
            rows.append((number, len(line) - len(content), content))
    if not rows:
        return None
    reader = _Reader(rows, lines)
    try:
        document = reader.block(rows[0][1])
    except (_GiveUp, RecursionError, ValueError, OverflowError):
        return None
    return document if reader.at == len(rows) else None


def _is_item(content: str) -> bool:
    return content[0] == "-" and (len(content) == 1 or content[1] == " ")


class _Reader:
    """Reads the significant rows from ``at`` on, one block at a time."""

    def __init__(self, rows: list[tuple[int, int, str]], lines: list[str]) -> None:
        self.rows = rows
        self.lines = lines  # every line, for the text of a block scalar
        self.at = 0

    def block(self, indent: int) -> LineDict | LineList:
        """The mapping or sequence whose first row (at ``indent``) is the next one."""
        if _is_item(self.rows[self.at][2]):
            return self.sequence(indent)
        return self.mapping(indent)

    def mapping(self, indent: int, inline: tuple[int, str, re.Match[str]] | None = None) -> LineDict:
        """A block mapping whose keys stand at column ``indent``; ``inline`` is its first
        entry (line, text, match) when it begins on a sequence item's line ("- key: value")."""
        mapping = LineDict()
        lines: dict[Any, int] = {}
        mapping.lines = lines
        rows = self.rows
        while True:
            if inline is not None:
                number, content, match = inline
                inline = None
            elif self.at < len(rows):
                number, row_indent, content = rows[self.at]
                if row_indent != indent:
                    if row_indent > indent:
                        raise _GiveUp  # a value running on, or a stray indentation
                    break
                self.at += 1
                match = _ENTRY.match(content)  # a sequence item ("- ") never matches
                if match is None:
                    raise _GiveUp
            else:
                break
            _, key_double, key_single, key_plain, double, single, rest = match.groups()
            if key_plain is not None:
                key = _PLAIN_KEYS.get(key_plain) or _plain_key(key_plain)
            else:
                key = _quoted_text(key_double, key_single)
            if key in lines or (len(content) > _LONGEST_KEY and match.end("key") > _LONGEST_KEY):
                raise _GiveUp  # PyYAML's path names the duplicate
            if not lines:
                mapping.line = number
            if double is not None or single is not None:
                mapping[key] = _quoted_text(double, single)
            elif rest is not None:
                if rest[0] == ">" or rest[0] == "|":
                    mapping[key] = self.block_scalar(rest, number, indent)
                else:
                    mapping[key] = self.scalar(rest, number)
            else:
                mapping[key], number = self.below(indent, number)
            lines[key] = number
        return mapping

    def below(self, indent: int, number: int) -> tuple[Any, int]:
        """The value of a key on line ``number`` (at ``indent``) with nothing after its
        colon, and the line of that value: a block below it, or null on the key's line."""
        if self.at < len(self.rows):
            start, row_indent, content = self.rows[self.at]
            if row_indent > indent:
                return self.block(row_indent), start
            if row_indent == indent and _is_item(content):  # a sequence at the key's own indentation
                return self.sequence(indent), start
        return None, number

    def sequence(self, indent: int) -> LineList:
        """A block sequence whose "- " stand at column ``indent``."""
        items = LineList()
        items.lines = []
        rows = self.rows
        while self.at < len(rows):
            number, row_indent, content = rows[self.at]
            if row_indent != indent:
                if row_indent > indent:
                    raise _GiveUp
                break
            if not _is_item(content):
                break  # the next key of a mapping at the same indentation, or a stray row
            rest = content[1:].lstrip(" ")
            if not rest or rest[0] == "#" or _is_item(rest):
                raise _GiveUp  # a block below a bare "-", or a sequence in a sequence
            self.at += 1
            match = _ENTRY.match(rest)
            if match is not None:
                value: Any = self.mapping(indent + len(content) - len(rest), inline=(number, rest, match))
            else:
                value = self.scalar(rest, number)
            if not items.lines:
                items.line = number
            items.append(value)
            items.lines.append(number)
        return items

    def block_scalar(self, header: str, number: int, indent: int) -> str:
        """A folded (">") or literal ("|") scalar whose header ends line ``number``, in a
        mapping at ``indent``: its lines below, all at one indentation deeper than the
        mapping's, with blank lines between paragraphs.  Given up: a chomping "+", an
        indentation indicator, a comment after the header, a blank line before the
        text or one holding spaces, a line indented more than the first."""
        style = _BLOCK_HEADERS.get(header.rstrip(" "))
        if style is None:
            raise _GiveUp
        lines, at = self.lines, number  # lines[number] is the line after the header
        text: list[str | None] = []  # the lines' text; None for a blank line
        depth = last = 0
        while at < len(lines):
            line = lines[at]
            if not line:
                if not text:
                    raise _GiveUp
                text.append(None)
                at += 1
                continue
            content = line.lstrip(" ")
            width = len(line) - len(content)
            if not content or (not text and width <= indent):
                raise _GiveUp  # spaces only, or no text at all
            if not depth:
                depth = width
            if width < depth:
                break
            if width > depth:
                raise _GiveUp
            text.append(line[depth:])
            last = at
            at += 1
        if not text:
            raise _GiveUp
        while text[-1] is None:  # blank lines at the end: dropped by both chompings allowed here
            text.pop()
        while self.at < len(self.rows) and self.rows[self.at][0] <= at:
            self.at += 1  # the rows inside the scalar are its text
        folded, strip = style
        value = text[0] or ""
        blanks = 0
        for line in text[1:]:
            if line is None:
                blanks += 1
                continue
            if folded:
                value += ("\n" * blanks if blanks else " ") + line
            else:
                value += "\n" * (blanks + 1) + line
            blanks = 0
        # the last line's own line break is kept ("clip"), unless stripped or the file ends there
        if not strip and last < len(lines) - 1:
            value += "\n"
        return value

    def scalar(self, text: str, number: int) -> Any:
        """The value written as ``text`` (what follows "key: " or "- ") on line ``number``."""
        first = text[0]
        if first == '"' or first == "'":
            match = _QUOTED_VALUE.fullmatch(text)
            if match is None:
                raise _GiveUp  # a scalar over several lines, or more after it
            return _quoted_text(*match.groups())
        if first == "{" or first == "[":
            return _flow(text, number)
        if first in _INDICATORS:
            raise _GiveUp
        comment = text.find(" #")
        plain = (text if comment < 0 else text[:comment]).rstrip(" ")
        if ": " in plain or plain.endswith(":"):
            raise _GiveUp  # PyYAML's path: "mapping values are not allowed here"
        return _resolved(plain)


def _flow(text: str, number: int) -> LineDict | LineList:
    """A flow mapping or sequence of scalars, all of it on line ``number``."""
    is_mapping = text[0] == "{"
    collection: Any = LineDict() if is_mapping else LineList()
    collection.line = number
    collection.lines = {} if is_mapping else []
    at = 1
    if text[1:2] == ("}" if is_mapping else "]"):
        at = 2  # empty
    else:
        pattern = _FLOW_PAIR if is_mapping else _FLOW_ITEM
        while True:
            match = pattern.match(text, at)
            if match is None:
                raise _GiveUp
            value = _flow_scalar(match, "")
            if is_mapping:
                key = _flow_scalar(match, "key_")
                if not isinstance(key, str) or key in collection:
                    raise _GiveUp
                collection[key] = value
                collection.lines[key] = number
            else:
                collection.append(value)
                collection.lines.append(number)
            at = match.end()
            if match.group("end") != ",":
                break
    if _FLOW_END.fullmatch(text, at) is None:
        raise _GiveUp
    return collection


def _flow_scalar(match: re.Match[str], prefix: str) -> Any:
    plain = match.group(prefix + "plain")
    if plain is not None:
        return _resolved(plain)
    return _quoted_text(match.group(prefix + "double"), match.group(prefix + "single"))


def _quoted_text(double: str | None, single: str | None) -> str:
    """A quoted scalar's value: double-quoted with its escapes, or single-quoted ('' is ')."""
    if double is not None:
        return _unescape(double)
    assert single is not None
    return single.replace("''", "'")


# Plain keys read so far (a ledger repeats a dozen keys a thousand times), up to a bound.
_PLAIN_KEYS: dict[str, str] = {}


def _plain_key(plain: str) -> str:
    key = _resolved(plain)
    if not isinstance(key, str):
        raise _GiveUp  # PyYAML's path refuses a key that is not text
    if len(_PLAIN_KEYS) < 4096 and key:
        _PLAIN_KEYS[plain] = key
    return key


@lru_cache(maxsize=4096)  # a ledger repeats its keys and many of its words
def _resolved(plain: str) -> Any:
    """A plain scalar as the ledger loader makes it: text, unless one of its implicit
    resolvers claims it (a number, a boolean, null, a date), then built by that tag's
    constructor."""
    for tag, pattern in _LedgerLoader.yaml_implicit_resolvers.get(plain[:1], ()):
        if pattern.match(plain):
            if tag not in _CONSTRUCTED:
                raise _GiveUp
            construct = _LedgerLoader.yaml_constructors[tag]
            return construct(_constructor, yaml.ScalarNode(tag, plain))
    return plain


# What a double-quoted scalar's escapes stand for (PyYAML's table); any other is refused.
_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f",
            "r": "\r", "e": "\x1b", " ": " ", '"': '"', "\\": "\\", "/": "/", "N": "\x85", "_": "\xa0",
            "L": "\u2028", "P": "\u2029"}
_ESCAPE = re.compile(r"\\(?:x([0-9A-Fa-f]{2})|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))")


def _unescape(text: str) -> str:
    """The value of a double-quoted scalar written as ``text`` (between its quotes)."""
    return _ESCAPE.sub(_escaped, text) if "\\" in text else text


def _escaped(match: re.Match[str]) -> str:
    code = match.group(1) or match.group(2) or match.group(3)
    if code is not None:
        number = int(code, 16)
        if 0xD800 <= number <= 0xDFFF or number > 0x10FFFF:
            raise _GiveUp  # not a character: PyYAML's path says so
        return chr(number)
    escape = _ESCAPES.get(match.group(4))
    if escape is None:
        raise _GiveUp
    return escape
