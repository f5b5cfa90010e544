"""Articles as newsrooms write them: plain text, Markdown, HTML and Quarto, each read as
its reader sees it, with a map from that text back to the file (docs/claims.md,
"Article formats").

The extractor and the anchors work on :attr:`Prose.text`; every place reported goes
through :meth:`Prose.position` to the line and column of the number in the file.
"""

from __future__ import annotations

from pathlib import PurePath

from .text import Computed, Prose, ReaderText

__all__ = ["FORMATS", "Computed", "Prose", "ReaderText", "format_of", "read_prose"]

#: the article formats, by file extension
FORMATS = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html",
           ".qmd": "quarto"}


def format_of(path: str | PurePath) -> str:
    """The format of an article file, by its extension (plain text when it has no known one)."""
    return FORMATS.get(PurePath(path).suffix.lower(), "text")


def read_prose(source: str, form: str) -> Prose:
    """``source`` (the file's text) as a reader sees it, in format ``form`` (:data:`FORMATS`)."""
    if form not in ("markdown", "quarto", "html"):
        return Prose.plain(source)
    source = source.removeprefix("\ufeff")  # a byte-order mark would hide front matter; columns count after it
    from . import html, markdown  # markdown-it and the HTML tokenizer: not for a plain text

    if form == "html":
        return html.read_html(source)
    return markdown.read_markdown(source, quarto=form == "quarto")
