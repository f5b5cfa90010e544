"""HTML as a reader sees it (an article exported from a CMS, a rendered Quarto page).

Python's own HTML tokenizer (``html.parser``) reads it: it reports where in the file
every tag, text run, entity and comment starts, which the offset map needs; tree
builders (lxml, selectolax) give no character offsets of text.  Text is read from the
body as a browser shows it (white space collapsed, entities decoded); scripts, styles,
code, comments, attributes, the head, navigation and hidden elements are not
prose.  The alt text of an image is.
"""

from __future__ import annotations

from html import unescape
from html.parser import HTMLParser

from .lang import html_lang
from .text import Prose, ReaderText, line_starts

# elements whose content a reader does not read as prose
SKIPPED = frozenset({"script", "style", "template", "noscript", "head", "code", "pre", "kbd", "samp", "svg",
                     "math", "object", "iframe", "button", "select", "textarea", "nav", "title"})
# elements that stand apart from the text around them
BLOCKS = frozenset({"address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog",
                    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
                    "h4", "h5", "h6", "header", "hgroup", "hr", "html", "li", "main", "nav", "ol", "p", "section",
                    "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                   "wbr"})
_TEXT_LT = "\ufdd0"  # a "<" that is text (a noncharacter: never in a document); one character, as "<"


def read_html(source: str) -> Prose:
    """The reader text of an HTML document."""
    reader = _Reader(ReaderText(source))
    reader.run(source)
    return reader.text.prose(reader.lang)


def read_html_into(text: ReaderText, fragment: str, bases: list[int]) -> None:
    """Add the reader text of an HTML ``fragment`` to ``text`` (raw HTML within Markdown):
    ``bases`` holds the source offset of each of its lines (a quote's "> " or a list item's
    indent before it is not part of the fragment)."""
    _Reader(text, bases).run(fragment)


class _Reader(HTMLParser):
    def __init__(self, text: ReaderText, bases: list[int] | None = None) -> None:
        super().__init__(convert_charrefs=False)  # each entity reported where it stands
        self.text = text
        self.lang: str | None = None
        self._skipping: list[str] = []  # the skipped elements open, innermost last
        self._bases = bases or []  # the source offset of each line of what is read

    def run(self, fragment: str) -> None:
        if not self._bases:
            self._bases = line_starts(fragment)
        # after the last ">" no tag or comment can end: its "<" are text.  Said so here, the
        # tokenizer need not rescan the rest from each one ("<a <a <a ...": quadratic)
        last = fragment.rfind(">")
        if "<" in fragment[last + 1:]:
            fragment = fragment[:last + 1] + fragment[last + 1:].replace("<", _TEXT_LT)
        self.feed(fragment)
        self.close()

    def parse_html_declaration(self, i: int) -> int:
        position = self.getpos()
        try:
            return super().parse_html_declaration(i)
        except AssertionError:  # a malformed "<![": a bogus comment up to the next ">", as browsers read it
            self.lineno, self.offset = position  # moved before it raised
            end = self.rawdata.find(">", i)
            return -1 if end == -1 else end + 1

    def _here(self) -> int:
        line, column = self.getpos()
        return self._bases[min(line, len(self._bases)) - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        at = self._here()
        if tag == "html" and self.lang is None:
            self.lang = html_lang(dict(attrs).get("lang"))
        if tag == "body" and "head" in self._skipping:  # the head ends where the body begins
            del self._skipping[self._skipping.index("head"):]
        if self._skipping:
            if tag not in _VOID:  # every element, so that each end tag closes its own
                self._skipping.append(tag)
            return
        if tag in SKIPPED or (tag not in _VOID and any(name == "hidden" for name, _ in attrs)):
            self._skipping.append(tag)
            return
        if tag in BLOCKS:
            self.text.block(at)
        elif tag == "br":
            self.text.line_break(at)
        elif tag == "img":
            self._alt(dict(attrs).get("alt"), at)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in SKIPPED and self._skipping and self._skipping[-1] == tag:
            self._skipping.pop()

    def handle_endtag(self, tag: str) -> None:
        if self._skipping:
            if tag in self._skipping:
                while self._skipping.pop() != tag:
                    pass
            return
        if tag in BLOCKS:
            self.text.block(self._here())

    def handle_data(self, data: str) -> None:
        if self._skipping:
            return
        data = data.replace(_TEXT_LT, "<")
        if "\n" not in data:
            self.text.add_prose(data, self._here())
            return
        line = self.getpos()[0]  # each line where it stands: within Markdown, lines are not contiguous
        at = self._here()
        for number, piece in enumerate(data.split("\n")):
            if number:
                self.text.space(at)
                at = self._bases[min(line + number, len(self._bases)) - 1]
            self.text.add_prose(piece, at)
            at += len(piece)

    def handle_entityref(self, name: str) -> None:
        self._decoded(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._decoded(f"&#{name};")

    def _decoded(self, written: str) -> None:
        if self._skipping:
            return
        at = self._here()
        length = len(written) if self.text.source.startswith(written, at) else len(written) - 1
        written = self.text.source[at:at + length]
        char = unescape(written)
        if char == written:  # no entity after all ("&a"): it stands as written
            self.text.add(written, at)
        elif char.isspace():  # &nbsp; too: a reader sees a space between number and unit
            self.text.space(at)
        else:
            self.text.add_decoded(char, at)

    def _alt(self, alt: str | None, at: int) -> None:
        """An image's alt text, as a block of its own: where it stands in the tag when it
        is written there as is, else at the tag."""
        if not alt or not alt.strip():
            return
        tag = self.get_starttag_text() or ""
        self.text.block(at)
        found = tag.find(alt)
        if found != -1:
            self.text.add_prose(alt, at + found)
        else:
            self.text.add_decoded(" ".join(alt.split()), at)
        self.text.block(at + len(tag))
