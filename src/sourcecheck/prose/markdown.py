"""Markdown (CommonMark with tables, footnotes and front matter) as a reader sees it.

markdown-it-py parses it.  Its block tokens know their source lines; inline tokens do
not know their columns, so each piece of reader text is found in the source after the
previous one, and what a reader does not see (link addresses, code spans, inline HTML
tags) is stepped over, so that no later text is found inside it.  Raw HTML blocks are
read as HTML; code blocks, front matter and footnote marks are not prose.  Quarto's
inline expressions (`` `{python} share` ``) stand in the reader text as a computed number.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from markdown_it import MarkdownIt
from markdown_it.helpers import parseLinkDestination, parseLinkTitle
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from .html import read_html_into
from .lang import front_matter_lang, toml_front_matter
from .text import Computed, Prose, ReaderText

_PARSER = MarkdownIt("commonmark").enable("table").use(front_matter_plugin).use(footnote_plugin)
_PARSER.disable("text_join")  # entities and escapes stay tokens of their own, with their source
_BLOCK_ENDS = frozenset({"paragraph_close", "heading_close", "th_close", "td_close", "list_item_close",
                         "blockquote_close", "footnote_close"})
_LINE_BREAK = re.compile(r"\r\n?|\n")
_LINE_CONTENT = re.compile(r"[^\r\n]+")
# a Hugo shortcode ({{< figure src="..." >}}, {{% note %}}) or a Liquid tag ({% include x.html %})
_TEMPLATE_TAG = re.compile(r"\{\{[<%].*?[%>]\}\}|\{%.*?%\}")
# a Quarto inline expression: `{python} share`, `{r} n`, and knitr's `r n`
_INLINE_CODE = re.compile(r"^(?:\{(?:python|r|julia|ojs)\}|r)\s")
# what stands for a computed number in the reader text: read as a number, never checked
STAND_IN = "1"


def read_markdown(source: str, quarto: bool = False) -> Prose:
    """The reader text of a Markdown document (``quarto``: inline expressions are computed)."""
    toml = toml_front_matter(source)
    # Hugo's TOML front matter is no Markdown: blanked for the parser, its lines kept
    parsed = source if toml is None else _LINE_CONTENT.sub(_blank, source[:toml.end()]) + source[toml.end():]
    reader = _Reader(parsed, quarto)
    reader.read(_PARSER.parse(parsed))
    if toml is not None:
        reader.lang = front_matter_lang(toml.group(1))
    prose = reader.text.prose(reader.lang, tuple(reader.computed))
    return prose if toml is None else replace(prose, source=source)


def _blank(found: re.Match[str]) -> str:
    return " " * len(found.group())


class _Reader:
    def __init__(self, source: str, quarto: bool) -> None:
        self.source = source
        self.quarto = quarto
        self.text = ReaderText(source)
        self.lang: str | None = None
        self.computed: list[Computed] = []
        # lines as markdown-it counts them (its block maps): a lone "\r" ends one too
        self._line_starts = [0, *(found.end() for found in _LINE_BREAK.finditer(source))]
        self._cursor = 0       # source offset up to which text has been found
        self._cursor_line = 0  # the first line of the block the cursor is in

    def read(self, tokens: Sequence[Token]) -> None:
        for token in tokens:
            if token.type == "front_matter":
                self.lang = front_matter_lang(token.content)
            elif token.type == "inline" and token.map is not None:
                self._inline(token)
            elif token.type == "html_block" and token.map is not None:
                bases = self._line_bases(token.content, token.map[0])
                self.text.block(bases[0])
                read_html_into(self.text, token.content, bases)
                self.text.block(self._line_start(token.map[1]))
            elif token.type in _BLOCK_ENDS:
                self.text.block(self._cursor)

    def _line_bases(self, content: str, first: int) -> list[int]:
        """The source offset of each line of a block's ``content``, which is its source lines
        less what a container puts before them ("> ", a list item's indent)."""
        bases = []
        for number, line in enumerate(content.split("\n"), start=first):
            start = self._line_start(number)
            end = self._line_start(number + 1)
            while end > start and self.source[end - 1] in "\r\n":
                end -= 1
            written = self.source[start:end]
            bases.append(end - len(line) if line and written.endswith(line) else start)
        return bases

    def _line_start(self, line: int) -> int:
        return self._line_starts[line] if line < len(self._line_starts) else len(self.source)

    def _inline(self, token: Token) -> None:
        assert token.map is not None
        first = token.map[0]
        # cells of one table row share a line: go on from the last; a footnote, read
        # after the text, starts again at its line
        if first != self._cursor_line or self._cursor < self._line_start(first):
            self._cursor = self._line_start(first)
        self._cursor_line = first
        self.text.block(self._cursor)
        self._children(token.children or [])

    def _find(self, text: str) -> int:
        """Where ``text`` stands in the source from the cursor on (the cursor when missing)."""
        found = self.source.find(text, self._cursor)
        return self._cursor if found == -1 else found

    def _advance(self, to: int) -> None:
        self._cursor = min(to, len(self.source))

    def _children(self, children: Sequence[Token]) -> None:
        autolink = False
        for child in children:
            kind = child.type
            if kind == "text":
                if autolink or not child.content:
                    self._advance(self._find(child.content) + len(child.content))
                    continue
                at = self.source.find(child.content, self._cursor)
                if at == -1:  # changed by the parser (a NUL is U+FFFD): placed where the cursor is
                    self.text.add_decoded(child.content, self._cursor)
                    continue
                self._add_text(child.content, at)
                self._advance(at + len(child.content))
            elif kind == "text_special":  # an entity or a backslash escape
                at = self._find(child.markup)
                if child.content.isspace():  # &nbsp; too: a reader sees a space
                    self.text.space(at)
                elif child.info == "escape" or child.content == child.markup:  # stands as written after "\\"
                    self.text.add(child.content, at + len(child.markup) - len(child.content))
                else:
                    self.text.add_decoded(child.content, at)
                self._advance(at + len(child.markup))
            elif kind in ("softbreak", "hardbreak"):
                ending = _LINE_BREAK.search(self.source, self._cursor)
                at = ending.start() if ending else self._cursor
                self.text.line_break(at)
                self._advance(ending.end() if ending else at)
            elif kind == "code_inline":
                self._code(child)
            elif kind == "html_inline":
                self._advance(self._find(child.content) + len(child.content))
            elif kind == "link_open":
                autolink = child.info == "auto"  # an address written out: not prose
                self._advance(self._find("<" if autolink else "[") + 1)
            elif kind == "link_close":
                if autolink:
                    self._advance(self._find(">") + 1)
                else:
                    self._after_label()
                autolink = False
            elif kind == "image":
                self._advance(self._find("![") + 2)
                self.text.block(self._cursor)
                self._children(child.children or [])
                self.text.block(self._cursor)
                self._after_label()
            elif kind == "footnote_ref":
                found = self.source.find("]", self._find("[^"))
                self._advance(self._cursor if found == -1 else found + 1)

    def _add_text(self, content: str, at: int) -> None:
        """Text as it stands at ``at``, less the template tags in it (Hugo shortcodes, Liquid
        tags: markup the site generator replaces, their arguments no prose)."""
        start = 0
        if "{" in content:
            for tag in _TEMPLATE_TAG.finditer(content):
                self.text.add(content[start:tag.start()], at + start)
                start = tag.end()
        self.text.add(content[start:], at + start)

    def _after_label(self) -> None:
        """Step over the end of a link label and its address: ``](address "title")``,
        ``][ref]`` or ``]``."""
        close = self.source.find("]", self._cursor)
        if close == -1:
            return
        at = close + 1
        if self.source.startswith("(", at):
            end = len(self.source)
            at += 1
            while at < end and self.source[at] in " \t\n":
                at += 1
            destination = parseLinkDestination(self.source, at, end)
            if destination.ok:
                at = destination.pos
                while at < end and self.source[at] in " \t\n":
                    at += 1
                title = parseLinkTitle(self.source, at, end, None)
                if title.ok:
                    at = title.pos
            closing = self.source.find(")", at)
            at = closing + 1 if closing != -1 else at
        elif self.source.startswith("[", at):
            closing = self.source.find("]", at)
            at = closing + 1 if closing != -1 else at
        self._advance(at)

    def _code(self, child: Token) -> None:
        opening = self._find(child.markup)
        closing = self.source.find(child.markup, opening + len(child.markup))
        end = len(self.source) if closing == -1 else closing + len(child.markup)
        if self.quarto and _INLINE_CODE.match(child.content):
            start = self.text.add_decoded(STAND_IN, opening)
            self.computed.append(Computed(start, start + len(STAND_IN), self.source[opening:end]))
        self._advance(end)
