"""Word lists as regular expressions written as tries.

The engine then follows one branch per letter instead of trying every word in
turn, which matters for the scanner and for the context patterns searched across
a window.  Greedy optional endings try the longer word first, as a longest-first
alternation would.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


class _Node:
    """One letter of the trie: the letters that may follow, and whether a word ends here
    (with the tail that must match after it)."""

    __slots__ = ("children", "ends", "tail")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.ends = False
        self.tail = ""


def alternation(words: Iterable[str], *, any_space: bool = False, tails: dict[str, str] | None = None) -> str:
    """A regular expression for any of ``words`` (empty words are ignored); with
    ``any_space`` a space in a word matches any run of white space.  ``tails`` gives
    some words a regular expression that must match after them (the word then ends
    only where its tail matches; a longer word through it is still found)."""
    tree = _Node()
    for word in set(words):
        if not word:
            continue
        node = tree
        for char in word:
            child = node.children.get(char)
            if child is None:
                child = node.children[char] = _Node()
            node = child
        node.ends = True
        node.tail = (tails or {}).get(word, "")
    return _emit(tree, r"\s+" if any_space else re.escape(" "))


def _emit(node: _Node, space: str) -> str:
    branches = [(space if char == " " else re.escape(char)) + _emit(child, space)
                for char, child in sorted(node.children.items())]
    tail = f"(?:{node.tail})" if node.tail else ""
    if not branches:
        return tail
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if tail:
        return f"(?:{body}|{tail})"
    return f"(?:{body})?" if node.ends else body
