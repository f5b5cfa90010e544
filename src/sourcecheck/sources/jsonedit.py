"""Editing a JSON file as a person wrote it: a few members of one object set, every other
byte left as it was (key order, indentation, spacing, escapes, the final newline).

A descriptor is the user's file: ``lock`` and ``refresh`` add or replace ``hash``,
``bytes`` and ``retrieved`` in a resource's object and change nothing else.  A replaced
member keeps its place; a new one goes after the object's last member, indented like it
(on the same line when the object is written on one line), with the file's line breaks.  A new value spanning lines is
indented by the file's own step (:func:`indent_of`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from json.decoder import scanstring  # type: ignore[attr-defined]  # public, untyped in typeshed
from typing import Any

_SPACE = re.compile(r"[ \t\n\r]*")
_SCALAR = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null")


@dataclass
class Node:
    """A JSON value's place in the text: ``start``..``end``; an object's members by key
    (their key's start, and their value) and a list's items."""

    start: int
    end: int
    members: dict[str, tuple[int, Node]] = field(default_factory=dict)
    items: list[Node] = field(default_factory=list)


def parse(text: str) -> Node:
    """Where every value of the JSON ``text`` stands (the text must be valid JSON: it was
    read with :func:`json.loads` before)."""
    node, end = _value(text, _skip(text, 0))
    if _skip(text, end) != len(text):
        raise ValueError(f"extra data at character {end}")
    return node


def _skip(text: str, at: int) -> int:
    found = _SPACE.match(text, at)
    return found.end() if found else at


def _value(text: str, at: int) -> tuple[Node, int]:
    if at >= len(text):
        raise ValueError("the JSON text ends early")
    mark = text[at]
    if mark == "{":
        node = Node(at, at)
        at = _skip(text, at + 1)
        while text[at] != "}":
            key_start = at
            key, after = scanstring(text, at + 1)
            colon = _skip(text, after)
            child, at = _value(text, _skip(text, colon + 1))
            node.members[key] = (key_start, child)
            at = _skip(text, at)
            if text[at] == ",":
                at = _skip(text, at + 1)
        node.end = at + 1
        return node, at + 1
    if mark == "[":
        node = Node(at, at)
        at = _skip(text, at + 1)
        while text[at] != "]":
            child, at = _value(text, at)
            node.items.append(child)
            at = _skip(text, at)
            if text[at] == ",":
                at = _skip(text, at + 1)
        node.end = at + 1
        return node, at + 1
    if mark == '"':
        _, end = scanstring(text, at + 1)
        return Node(at, end), end
    found = _SCALAR.match(text, at)
    if found is None:
        raise ValueError(f"not JSON at character {at}")
    return Node(at, found.end()), found.end()


def indent_of(text: str) -> str:
    """The file's indentation step: the leading white space of its first indented line
    ("  " when no line is indented)."""
    found = re.search(r"\n([ \t]+)\S", text)
    return found.group(1) if found else "  "


def set_members(text: str, where: Sequence[str | int], changes: Mapping[str, Any]) -> str:
    """``text`` with the members ``changes`` set in the object at ``where`` (keys and list
    positions from the top), everything else as it was."""
    node = parse(text)
    for step in where:
        node = node.members[step][1] if isinstance(step, str) else node.items[step]
    ascii_only = text.isascii()
    step = indent_of(text)
    newline = "\r\n" if "\r\n" in text else "\n" if "\n" in text else ""  # "": a file on one line
    edits: list[tuple[int, int, str]] = []
    new: list[tuple[str, str]] = []
    for key, value in changes.items():
        if key in node.members:
            key_start, child = node.members[key]
            indent = _line_indent(text, key_start)
            edits.append((child.start, child.end, _dumps(value, newline + indent, step, ascii_only)))
        else:
            new.append((key, value))
    if new:
        edits.append(_insertion(text, node, new, step, ascii_only, newline))
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def _insertion(text: str, node: Node, new: list[tuple[str, Any]], step: str,
               ascii_only: bool, newline: str) -> tuple[int, int, str]:
    """The edit adding ``new`` members after the object's last one (or into an empty one)."""
    if node.members:
        key_start, last = max(node.members.values(), key=lambda member: member[1].end)
        multiline = "\n" in text[node.start:key_start]
        indent = _line_indent(text, key_start)
        at = last.end
    else:
        multiline = "\n" in text[node.start:node.end]
        indent = _line_indent(text, node.start) + step
        at = node.start + 1
    joiner = f",{newline}{indent}" if multiline else ", "
    line_start = newline + indent if multiline else ""  # an object on one line stays on one line
    parts = [f"{json.dumps(key, ensure_ascii=ascii_only)}: {_dumps(value, line_start, step, ascii_only)}"
             for key, value in new]
    if node.members:
        return at, at, joiner + joiner.join(parts)
    closing = f"{newline}{_line_indent(text, node.start)}" if multiline else ""
    opening = f"{newline}{indent}" if multiline else ""
    return at, node.end - 1, opening + joiner.join(parts) + closing


def _line_indent(text: str, at: int) -> str:
    line_start = text.rfind("\n", 0, at) + 1
    found = re.match(r"[ \t]*", text[line_start:at])
    return found.group() if found else ""


def _dumps(value: Any, line_start: str, step: str, ascii_only: bool) -> str:
    """``value`` as JSON, a multi-line one's lines started by ``line_start`` (the file's
    line break and the member's indentation) and indented by ``step`` from there."""
    if not line_start.startswith(("\n", "\r")):  # a file on one line stays on one line
        return json.dumps(value, ensure_ascii=ascii_only)
    written = json.dumps(value, indent=step, ensure_ascii=ascii_only)
    return written.replace("\n", line_start)
