"""Safe YAML that remembers where each value stood, so a ledger error can name its line.

Built on :class:`yaml.SafeLoader` (never the unsafe loader: no Python objects from a
ledger).  Mappings load as :class:`LineDict` and sequences as :class:`LineList`; both
remember the line of the node itself and of each of their values.  Aliases (``*name``)
are refused: a ledger has no use for them and they are the way to a "billion laughs".
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..errors import LedgerError
from ..textfile import decode_utf8


class LineDict(dict):  # type: ignore[type-arg]
    """A mapping from YAML, with ``line`` (1-based) and ``lines[key]`` for its values."""

    line: int = 0
    lines: dict[Any, int]


class LineList(list):  # type: ignore[type-arg]
    """A sequence from YAML, with ``line`` and ``lines[index]`` for its items."""

    line: int = 0
    lines: list[int]


# libyaml's safe loader when present (ten times faster), else the pure-Python one;
# both construct only plain data.
_SafeBase: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


_TEXT = "tag:yaml.org,2002:str"
_MAPPING = "tag:yaml.org,2002:map"
_SEQUENCE = "tag:yaml.org,2002:seq"


class _LedgerLoader(_SafeBase):  # type: ignore[misc, valid-type]
    # The C parser asks the (Python) resolver for the tag of every node, a ledger's
    # largest cost after parsing.  Without path resolvers (a safe loader has none) only
    # a plain scalar can be anything but text or a collection: the answer of
    # Resolver.resolve, without its general machinery.
    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, pattern in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if pattern.match(value):
                        return tag  # type: ignore[no-any-return]
            return _TEXT
        return _SEQUENCE if kind is yaml.SequenceNode else _MAPPING

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass  # no path resolvers to follow

    def ascend_resolver(self) -> None:
        pass

    def _value(self, node: yaml.Node) -> Any:
        # Most of a ledger is plain text: take it straight from the node, which is all that
        # construct_object would do for it (construct_yaml_str), minus its bookkeeping.
        if node.tag == _TEXT and isinstance(node, yaml.ScalarNode):
            return node.value
        return self.construct_object(node, deep=True)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:
        if not isinstance(node, yaml.MappingNode):
            raise LedgerError("expected a mapping", line=node.start_mark.line + 1)
        mapping = LineDict()
        mapping.line = node.start_mark.line + 1
        mapping.lines = {}
        for key_node, value_node in node.value:
            key = self._value(key_node)
            if not isinstance(key, str):
                raise LedgerError(f"keys must be text, not {key!r}",
                                  line=key_node.start_mark.line + 1,
                                  column=key_node.start_mark.column + 1)
            if key in mapping:
                raise LedgerError(f"duplicate key {key!r}", line=key_node.start_mark.line + 1,
                                  column=key_node.start_mark.column + 1)
            mapping[key] = self._value(value_node)
            mapping.lines[key] = value_node.start_mark.line + 1
        return mapping

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LineList:
        items = LineList(self._value(child) for child in node.value)
        items.line = node.start_mark.line + 1
        items.lines = [child.start_mark.line + 1 for child in node.value]
        return items


# Plain mappings and sequences go through our constructors; "!!python/..." tags are
# unknown to SafeLoader and stay refused.
_LedgerLoader.add_constructor("tag:yaml.org,2002:map", _LedgerLoader.construct_mapping)
_LedgerLoader.add_constructor("tag:yaml.org,2002:seq", _LedgerLoader.construct_sequence)
# Timestamps stay text: a ledger compares what was written, not what YAML makes of it.
_LedgerLoader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)


def _refuse_aliases(text: str) -> None:
    if "*" not in text:  # no alias can be written without one
        return
    for event in yaml.parse(text, Loader=_SafeBase):
        if isinstance(event, yaml.AliasEvent):
            mark = event.start_mark
            raise LedgerError("YAML aliases (*name) are not allowed in a ledger",
                              line=mark.line + 1, column=mark.column + 1)


def read_bytes(path: Path) -> bytes:
    """The bytes of the file at ``path``; a :class:`LedgerError` if it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as error:
        raise LedgerError(f"cannot read: {error.strerror}", path) from None


def load_yaml(path: Path, data: bytes | None = None) -> Any:
    """The YAML document at ``path`` (whose bytes are ``data`` when given); a
    :class:`LedgerError` with its position if it is not one."""
    text = decode_utf8(read_bytes(path) if data is None else data, path, LedgerError)
    try:
        _refuse_aliases(text)
        from .yamlblock import read_block  # here: it builds on this module

        document = read_block(text)  # most ledgers: quicker, and the same (see yamlblock)
        if document is not None:
            return document
        return yaml.load(text, Loader=_LedgerLoader)  # noqa: S506 - a SafeLoader subclass
    except LedgerError as error:
        error.path = str(path)
        raise
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        last_line = text.count("\n") + 1
        if line is not None and line > last_line:  # libyaml marks the end of the stream one
            line, column = last_line, None          # line past the last: name the last line
        problem = error.problem or error.context or "malformed YAML"
        raise LedgerError(f"not valid YAML: {problem}", path, line, column) from None
    except yaml.reader.ReaderError as error:  # a character YAML does not allow (a NUL byte, say)
        line, column = _position(text, error.position)
        character = error.character if isinstance(error.character, int) else ord(error.character[:1] or "\0")
        raise LedgerError(f"not valid YAML: character U+{character:04X} is not allowed", path,
                          line, column) from None
    except yaml.YAMLError as error:
        raise LedgerError(f"not valid YAML: {' '.join(str(error).split())}", path) from None
    except ValueError as error:  # an integer too long for int() (Python's 4300-digit limit)
        raise LedgerError(f"not a readable value: {' '.join(str(error).split()[:8])}", path) from None
    except RecursionError:
        raise LedgerError("nested too deeply to read", path) from None


def _position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of character ``offset`` in ``text``."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def line_of(document: Any, location: list[Any] | tuple[Any, ...]) -> int | None:
    """The line of the value found by following ``location`` (keys and indexes) from the root."""
    node, line = document, getattr(document, "line", None)
    for step in location:
        lines = getattr(node, "lines", None)
        try:
            if lines is not None:
                line = lines[step]
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
    return line
