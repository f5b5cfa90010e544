"""The numbers of an article's reader text, placed in its source file."""

from __future__ import annotations

from collections.abc import Sequence

from ..numbers.mention import Mention
from .text import Prose


def placed(prose: Prose, mentions: Sequence[Mention]) -> list[Mention]:
    """``mentions`` of ``prose.text`` with the line and column, in the source file, of
    their first character; a number a document computes (a Quarto inline expression) is
    no mention of its text: it is reported as computed (``compare/article.py``)."""
    if prose.is_plain:
        return list(mentions)
    spans = [(item.start, item.end) for item in prose.computed]
    found = []
    for mention in mentions:
        if spans and any(start < mention.end and mention.start < end for start, end in spans):
            continue
        line, column = prose.position(mention.start)
        found.append(mention._replace(line=line, column=column))
    return found
