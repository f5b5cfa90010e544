"""Safe YAML that remembers where each value stood, so an error can name its line.

Built on PyYAML's safe loader (libyaml's when installed; never the unsafe loader: no
Python objects from a file).  Mappings load as :class:`LineDict` and sequences as
:class:`LineList`; both remember the line of the node itself and of each of their
values.  Aliases (``*name``) are refused: ledgers and schemas have no use for them and
they are the way to a "billion laughs".  Only a regular file within the ``file-size``
limit is read, and a document nested deeper than ``json-depth`` is refused before a value
is built (``[tool.sourcecheck.limits]``).  Read by the ledger and the pandera schemas.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from . import limits
from .errors import InputError
from .textfile import NotReadable, decode_utf8, read_regular


class LineDict(dict[str, Any]):
    """A mapping from YAML, with ``line`` (1-based) and ``lines[key]`` for its values."""

    line: int = 0
    lines: dict[str, int]


class LineList(list[Any]):
    """A sequence from YAML, with ``line`` and ``lines[index]`` for its items."""

    line: int = 0
    lines: list[int]


class _Problem(Exception):
    """Something YAML allows and we do not (made a caller's error with the file's path)."""

    def __init__(self, message: str, mark: yaml.Mark) -> None:
        super().__init__(message)
        self.message, self.line, self.column = message, mark.line + 1, mark.column + 1


_SafeBase: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_TEXT = "tag:yaml.org,2002:str"
_MAPPING = "tag:yaml.org,2002:map"
_SEQUENCE = "tag:yaml.org,2002:seq"


class _LineLoader(_SafeBase):  # type: ignore[misc, valid-type]
    # A safe loader has no path resolvers, so only a plain scalar can be anything but text
    # or a collection: Resolver.resolve's answer without its general machinery (the C
    # parser asks it for every node).
    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, pattern in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if pattern.match(value):
                        return str(tag)
            return _TEXT
        return _SEQUENCE if kind is yaml.SequenceNode else _MAPPING

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass  # no path resolvers to follow

    def ascend_resolver(self) -> None:
        pass

    def _value(self, node: yaml.Node) -> Any:
        # plain text is all that construct_object would make of a text node
        if node.tag == _TEXT and isinstance(node, yaml.ScalarNode):
            return node.value
        return self.construct_object(node, deep=True)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:
        if not isinstance(node, yaml.MappingNode):
            raise _Problem("expected a mapping", node.start_mark)
        mapping = LineDict()
        mapping.line = node.start_mark.line + 1
        mapping.lines = {}
        for key_node, value_node in node.value:
            key = self._value(key_node)
            if not isinstance(key, str):
                raise _Problem(f"keys must be text, not {key!r}", key_node.start_mark)
            if key in mapping:
                raise _Problem(f"duplicate key {key!r}", key_node.start_mark)
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
_LineLoader.add_constructor(_MAPPING, _LineLoader.construct_mapping)
_LineLoader.add_constructor(_SEQUENCE, _LineLoader.construct_sequence)
# Timestamps stay text: a ledger compares what was written, not what YAML makes of it.
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)


def _refuse_aliases(text: str) -> None:
    if "*" not in text:  # no alias can be written without one
        return
    for event in yaml.parse(text, Loader=_SafeBase):
        if isinstance(event, yaml.AliasEvent):
            raise _Problem("YAML aliases (*name) are not allowed", event.start_mark)  # type: ignore[arg-type]


def read_bytes(path: Path, error: type[InputError] = InputError) -> bytes:
    """The bytes of the regular file at ``path`` (at most ``file-size`` of them); ``error``
    naming it if it cannot be read: a pipe, a device, a loop of links, too large."""
    try:
        return read_regular(path, limits.current().file_size)
    except NotReadable as problem:
        raise error(str(problem), path) from None
    except OSError as problem:
        raise error(f"cannot read: {problem.strerror}", path) from None


def _too_deep(limit: int) -> str:
    return f"nested more than {limit} levels deep (the limit [tool.sourcecheck.limits] json-depth)"


def _nesting(node: yaml.Node, limit: int) -> None:
    """A :class:`_Problem` at the first collection nested more than ``limit`` deep under
    ``node`` (measured without recursion: the depth is what is in doubt)."""
    # a scalar's value is its text, a collection's a list (of nodes, or of key and value nodes)
    stack: list[tuple[yaml.Node, int]] = [(node, 1)]
    push, pop = stack.append, stack.pop
    while stack:
        node, depth = pop()
        if depth > limit:
            raise _Problem(_too_deep(limit), node.start_mark)
        depth += 1
        for child in node.value:
            if type(child) is tuple:  # a mapping's key and value
                for inner in child:
                    if type(inner.value) is list:
                        push((inner, depth))
            elif type(child.value) is list:
                push((child, depth))


def load_yaml(path: Path, data: bytes | None = None, error: type[InputError] = InputError) -> Any:
    """The YAML document at ``path`` (whose bytes are ``data`` when given); ``error``
    naming the file and position if it is not one."""
    text = decode_utf8(read_bytes(path, error) if data is None else data, path, error)
    try:
        _refuse_aliases(text)
        loader = _LineLoader(text)
        try:  # yaml.load's steps, the nesting measured between them
            node = loader.get_single_node()
            if node is None:
                return None
            if type(node.value) is list:
                _nesting(node, limits.current().json_depth)
            return loader.construct_document(node)
        finally:
            loader.dispose()
    except _Problem as problem:
        raise error(problem.message, path, problem.line, problem.column) from None
    except yaml.MarkedYAMLError as problem:
        mark = problem.problem_mark or problem.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        last_line = text.count("\n") + 1
        if line is not None and line > last_line:  # libyaml marks the end of the stream one
            line, column = last_line, None          # line past the last: name the last line
        message = problem.problem or problem.context or "malformed YAML"
        if "maximum nesting depth" in message and limits.current().json_depth < 1000:
            # libyaml's own limit (1000 levels), over ours
            raise error(_too_deep(limits.current().json_depth), path, line, column) from None
        raise error(f"not valid YAML: {message}", path, line, column) from None
    except yaml.reader.ReaderError as problem:  # a character YAML does not allow (a NUL byte, say)
        line, column = _position(text, problem.position)
        character = problem.character if isinstance(problem.character, int) else ord(problem.character[:1] or "\0")
        raise error(f"not valid YAML: character U+{character:04X} is not allowed", path, line, column) from None
    except yaml.YAMLError as problem:
        raise error(f"not valid YAML: {' '.join(str(problem).split())}", path) from None
    except ValueError as problem:  # an integer too long for int() (Python's 4300-digit limit)
        raise error(f"not a readable value: {' '.join(str(problem).split()[:8])}", path) from None
    except RecursionError:  # the pure-Python parser, without libyaml
        raise error(_too_deep(limits.current().json_depth), path) from None


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
