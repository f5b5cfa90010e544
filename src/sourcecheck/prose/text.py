"""The text a reader sees, and where each of its characters stands in the source file.

A :class:`Prose` holds an article's reader text (what the extractor and the anchors
read) and an offset map: for every character of that text, the offset in the source
file of the character it came from.  A number read across markup (``**ongeveer** 300``)
has a span in the reader text; its place in the file is where its first character is.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Computed:
    """A number the document computes when it renders (a Quarto inline expression):
    its span in the reader text (a stand-in, never checked) and its code in the source."""

    start: int
    end: int
    code: str


@dataclass(frozen=True)
class Prose:
    """An article as a reader sees it.  ``origins[i]`` is the source offset of ``text[i]``;
    ``origins[len(text)]`` is the source's length."""

    text: str
    source: str
    origins: Sequence[int]  # an array; a range for a plain text
    lang: str | None = None              # from front matter or <html lang>
    computed: tuple[Computed, ...] = ()  # spans whose number is computed, not written
    _line_starts: list[int] = field(default_factory=list, init=False, repr=False, compare=False)

    @classmethod
    def plain(cls, source: str) -> Prose:
        """A plain text: the reader sees every character where it stands."""
        return cls(source, source, range(len(source) + 1))

    @property
    def is_plain(self) -> bool:
        return self.text is self.source

    def source_offset(self, offset: int) -> int:
        """The source offset of reader-text ``offset`` (0 <= offset <= len(text))."""
        return self.origins[offset]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The source span a reader-text span ``[start, end)`` was read from (markup
        within it included)."""
        if end <= start:
            return self.origins[start], self.origins[start]
        return self.origins[start], self.origins[end - 1] + 1

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column, in the source, of reader-text ``offset``."""
        return self.source_position(self.origins[offset])

    def source_position(self, at: int) -> tuple[int, int]:
        """The 1-based line and column of source offset ``at``."""
        starts = self._line_starts
        if not starts:
            starts.extend(line_starts(self.source))
        line = bisect.bisect_right(starts, at)
        return line, at - starts[line - 1] + 1


# white space a reader does not see as written: at either end, a run, a line break, a tab.
# A single space between words stands as written (one piece of text, not one per word).
_COLLAPSING = re.compile(r"^\s+|\s+$|\s{2,}|[^\S ]")


def line_starts(text: str) -> list[int]:
    """The offset of the first character of every line of ``text``."""
    starts = [0]
    found = text.find("\n")
    while found != -1:
        starts.append(found + 1)
        found = text.find("\n", found + 1)
    return starts


class ReaderText:
    """Builds a reader text and its offset map, piece by piece, in reading order.

    Runs of white space collapse to one space where the format says so, and blocks
    (paragraphs, headings, cells) stand apart as paragraphs, separated by an empty line.
    """

    def __init__(self, source: str) -> None:
        self.source = source
        self._chars: list[str] = []
        self._origins = array("l")
        self._space: int | None = None  # a pending space, and its source offset
        self._break: int | None = None  # a pending block break, and its source offset

    def add(self, text: str, at: int) -> None:
        """``text`` as it stands in the source from offset ``at``."""
        if not text:
            return
        self._flush(at)
        self._chars.append(text.replace("\u00a0", " "))  # a no-break space is a space to the reader
        self._origins.extend(range(at, at + len(text)))

    def add_decoded(self, text: str, at: int) -> int:
        """``text`` decoded from source characters at ``at`` (an entity, an escape, a
        stand-in for code): every character of it maps to ``at``.  Its reader offset."""
        self._flush(at)
        start = len(self._origins)
        self._chars.append(text.replace("\u00a0", " "))
        self._origins.extend([at] * len(text))
        return start

    def add_prose(self, text: str, at: int) -> None:
        """Source text whose runs of white space a reader sees as one space (HTML)."""
        start = 0
        for gap in _COLLAPSING.finditer(text):
            if start < gap.start():
                self.add(text[start:gap.start()], at + start)
            self.space(at + gap.start())
            start = gap.end()
        if start < len(text):
            self.add(text[start:], at + start)

    def space(self, at: int) -> None:
        """A space a reader sees, unless one stands there already or a block begins."""
        if self._chars and self._space is None and self._break is None:
            self._space = at

    def line_break(self, at: int) -> None:
        """A line break within a block (a Markdown soft break, ``<br>``)."""
        if self._chars and self._break is None:
            self._space = None
            self.add("\n", at)

    def block(self, at: int) -> None:
        """The end of a block: what follows stands in a new paragraph."""
        if self._chars and self._break is None:
            self._space = None
            self._break = at

    def _flush(self, at: int) -> None:
        if self._break is not None:
            if not self._chars[-1].endswith("\n"):
                self._chars.append("\n")
                self._origins.append(self._break)
            self._chars.append("\n")
            self._origins.append(self._break)
            self._break = None
        elif self._space is not None:
            if not self._chars[-1][-1:].isspace():
                self._chars.append(" ")
                self._origins.append(self._space)
            self._space = None

    def prose(self, lang: str | None = None, computed: tuple[Computed, ...] = ()) -> Prose:
        self._origins.append(len(self.source))
        return Prose("".join(self._chars), self.source, self._origins, lang, computed)
