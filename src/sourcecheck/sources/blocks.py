"""A CSV resource cut into blocks of whole records, for validating one block at a time.

A block is a byte range of the file that starts and ends at a record boundary: a line end
outside quotes (the quote characters before it are even in number).  The file is scanned
once, in pieces of SCAN_PIECE bytes, so that cutting a 5 GB file holds no more than one
piece.  Each block after the first is read with the header's bytes in front of it, and its
rows are numbered from 2 like any table; they become the file's rows once the blocks
before it have been counted (:mod:`sourcecheck.sources.partition`).

A resource is cut only when its rows can be told apart by line ends: a local file in
UTF-8 (or ASCII), the header on the first line, and no escape character.  Any other
resource is validated whole, as before.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..limits import Limits
from .read import Dialect, UnreadableTable
from .schemas import SchemaFile

SCAN_PIECE = 16 << 20
DEFAULT_BLOCK_SIZE = 64 << 20  # bytes of CSV per block: about 1 GB of memory to check one


@dataclass(frozen=True)
class Block:
    """One block: bytes [start, end) of the file, and how many line ends lie before it
    (to name the line of a byte that does not decode)."""

    index: int
    start: int
    end: int
    lines_before: int


@dataclass(frozen=True)
class ResourcePlan:
    """What every block and bucket task of one resource needs, and nothing that is rows:
    it travels to the workers."""

    path: str
    display: str
    schema: dict[str, Any]          # the usable Table Schema
    encoding: str
    dialect: dict[str, Any] | None
    header: bytes                   # the header record's bytes, line end included
    limits: Limits
    pandera: SchemaFile | None = None
    references: dict[int, str] = field(default_factory=dict)  # foreign key -> the resource it reads
    row_locators: bool = False      # each row must have its locator cell
    buckets: int = 1


def splittable(path: Path | str, encoding: str | None, dialect: Any) -> bool:
    """Whether the resource's records can be cut at line ends (see the module's note)."""
    if not isinstance(path, Path):
        return False
    try:
        parsed = Dialect.from_descriptor(dialect)
        name = codecs.lookup(encoding or "utf-8").name
    except (UnreadableTable, LookupError, TypeError):
        return False  # validated whole: its finding is made there
    return name in ("utf-8", "ascii") and parsed.header_row == 1 and parsed.escapechar is None


def cut(path: Path, quote: str, block_size: int) -> tuple[bytes, list[Block]]:
    """The header's bytes and the blocks of the file at ``path``, each about ``block_size``
    bytes; the first block holds the header.  One pass over the file."""
    mark = quote.encode("utf-8")
    ends: list[int] = []       # record boundaries chosen so far (byte offsets after a line end)
    lines: list[int] = []      # line ends before each boundary
    header_end = -1
    target = 0                 # the next boundary is the first record end at or after this
    quotes = 0                 # quote characters before the current piece
    newlines = 0               # line ends before the current piece
    offset = 0
    with path.open("rb") as file:
        while True:
            piece = file.read(SCAN_PIECE)
            if not piece:
                break
            position = max(0, target - offset)
            while position < len(piece):
                found = piece.find(b"\n", position)
                if found < 0:
                    break
                if (quotes + piece.count(mark, 0, found)) % 2:
                    position = found + 1  # a line end inside a quoted cell
                    continue
                boundary = offset + found + 1
                if header_end < 0:
                    header_end = boundary
                else:
                    ends.append(boundary)
                    lines.append(newlines + piece.count(b"\n", 0, found + 1))
                target = boundary + block_size
                position = target - offset
            quotes += piece.count(mark)
            newlines += piece.count(b"\n")
            offset += len(piece)
    size = offset
    with path.open("rb") as file:
        header = file.read(header_end) if header_end > 0 else file.read()
    starts = [0, *[end for end in ends if end < size]]
    befores = [0, *[count for end, count in zip(ends, lines, strict=True) if end < size]]
    stops = [*starts[1:], size]
    return header, [Block(i, start, stop, before) for i, (start, stop, before)
                    in enumerate(zip(starts, stops, befores, strict=True))]


def block_bytes(plan: ResourcePlan, block: Block) -> bytes:
    """The bytes a block is read from: its own, after the header's unless it holds it."""
    with open(plan.path, "rb") as file:
        file.seek(block.start)
        data = file.read(block.end - block.start)
    return data if block.index == 0 else plan.header + data
