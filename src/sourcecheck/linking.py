"""Which source cell a number of an article most likely rests on (``init --link``).

Every numeric cell of every data package of the project is a candidate for a number of
the text when their intervals overlap (the mention's text interval against the cell's,
as the check compares them) and their units agree (compare/units.py).  Among those, the
words of the number's sentence pick the cell: a word of the row's label cells (its string
cells: the key, a name) counts 2, of the field's name, title or description 1, of the
resource's or package's title 0.5.  A candidate with no row or field word is no proposal,
and two candidates equally good are never guessed between.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from .compare.derive import cell_value
from .compare.intervals import text_interval
from .compare.units import in_source_unit, mismatch
from .interval import Interval
from .numbers.mention import Mention
from .scaffold import Stub
from .sources.catalog import Catalog, Resource

# the weight of a matching word by where the source has it
_ROW, _FIELD, _TITLE = Decimal(2), Decimal(1), Decimal("0.5")
_NUMERIC = ("number", "integer")
# columns that qualify a row's figure rather than hold one
_NOT_FIGURES = frozenset({"bound", "unit", "locator", "status"})
# the shortest word matched inside a longer one ("aandeel" in "fietsaandeel")
_PART = 5
# the longest text cell read as a row's label
_LABEL_LENGTH = 60


@dataclass(frozen=True)
class Cell:
    """A numeric cell of a data package, with the words that describe it."""

    package: str
    resource: str
    key: tuple[str, ...]
    field: str
    written: str
    interval: Interval
    unit: str | None
    row_words: frozenset[str]
    field_words: frozenset[str]
    title_words: frozenset[str]

    @property
    def name(self) -> str:
        return f"{self.package}/{self.resource} {', '.join(self.key)} {self.field}"


@dataclass(frozen=True)
class Candidate:
    cell: Cell
    score: Decimal
    words: tuple[str, ...]  # the article's words that matched the cell's
    described: bool  # a word of the row or of the field matched, not only a title's

    def describe(self) -> str:
        words = ", ".join(self.words) or "none"
        return f'{self.cell.name} = "{self.cell.written}" (words: {words})'


@dataclass(frozen=True)
class Proposal:
    """A number of the text and its best candidates: a claim when ``best`` is set."""

    stub: Stub
    candidates: tuple[Candidate, ...]  # by score, best first; at most two

    @property
    def best(self) -> Candidate | None:
        if not self.candidates or not self.candidates[0].words:
            return None
        if len(self.candidates) > 1 and self.candidates[1].score == self.candidates[0].score:
            return None  # two equally good cells: never guessed
        if not self.candidates[0].described:
            return None  # only a title matched: too little to go on
        return self.candidates[0]


def numeric_cells(catalog: Catalog, slack: dict[str, Decimal]) -> Iterator[Cell]:
    """Every numeric cell of the catalog that holds a figure, with its interval and words."""
    for package in catalog.packages.values():
        package_words = _words(str(package.descriptor.get("title") or ""))
        for resource in package.resources.values():
            title_words = package_words | _words(str(resource.descriptor.get("title") or ""))
            yield from _cells_of(resource, title_words, slack)


def _cells_of(resource: Resource, title_words: frozenset[str], slack: dict[str, Decimal]) -> Iterator[Cell]:
    specs = [spec for spec in resource.schema.get("fields", []) if isinstance(spec, dict)]
    key = resource.primary_key
    labels = [str(spec.get("name")) for spec in specs
              if spec.get("type") not in _NUMERIC and spec.get("name") not in _NOT_FIGURES]
    figures = [spec for spec in specs if spec.get("type") in _NUMERIC and spec.get("name") not in key
               and spec.get("name") not in _NOT_FIGURES and not _is_high_end(str(spec.get("name")), specs)]
    if not key or not figures:
        return  # no key, no claim can cite a row
    for row in range(len(resource.raw)):
        record = resource.record(row)
        row_words = frozenset().union(*(_words(cell) for name in labels
                                        if _is_label(cell := record.raw.get(name, ""))))
        for spec in figures:
            name = str(spec["name"])
            try:
                value = cell_value(record, name, slack)
            except ValueError:
                continue  # an empty or unreadable cell holds no figure
            field_words = _words(" ".join(str(spec.get(part) or "") for part in ("name", "title", "description")))
            yield Cell(resource.package.name, resource.name, tuple(record.raw.get(k, "") for k in key), name,
                       value.written, value.interval, value.unit, row_words, field_words, title_words)


def _is_label(cell: str) -> bool:
    """Whether a text cell names its row (a key, a name, a category), not a note or an address
    whose every word would match some sentence."""
    return len(cell) <= _LABEL_LENGTH and "://" not in cell


def _is_high_end(name: str, specs: Sequence[dict[str, object]]) -> bool:
    """Whether ``name`` is the high end of a range (``<field>_high``), read with its field."""
    return name.endswith("_high") and any(spec.get("name") == name[: -len("_high")] for spec in specs)


def propose(text: str, mentions: Sequence[Mention], stubs: Sequence[Stub], cells: Sequence[Cell],
            slack: dict[str, Decimal]) -> list[Proposal]:
    """For each stub, its two best candidate cells (by value, then by words)."""
    by_start = {mention.start: mention for mention in mentions}
    proposals = []
    for stub in stubs:
        mention = by_start[stub.start]
        context = _words(_sentence(text, mention))
        interval = text_interval(mention, slack)
        # the text's interval in each unit the cells have, worked out once (None: not comparable)
        said: dict[str | None, Interval | None] = {}
        candidates = []
        for cell in cells:
            if cell.unit not in said:
                said[cell.unit] = None if mismatch(mention, cell.unit) else in_source_unit(interval, mention,
                                                                                          cell.unit)
            within = said[cell.unit]
            if within is not None and (within.low is not None or within.high is not None) \
                    and within.overlaps(cell.interval):
                candidates.append(_scored(cell, context))
        candidates.sort(key=lambda c: (-c.score, c.cell.name))
        proposals.append(Proposal(stub, tuple(candidates[:2])))
    return proposals


def _scored(cell: Cell, context: frozenset[str]) -> Candidate:
    """``cell`` as a candidate, scored by the words it shares with the number's sentence."""
    score, words, described = Decimal(0), set(), False
    for weight, source in ((_ROW, cell.row_words), (_FIELD, cell.field_words), (_TITLE, cell.title_words)):
        for word in sorted(source):
            matched = next((w for w in sorted(context) if _same_word(w, word)), None)
            if matched is not None:
                score += weight
                words.add(matched)
                described = described or weight >= _FIELD
    return Candidate(cell, score, tuple(sorted(words)), described)


def _same_word(said: str, source: str) -> bool:
    """Whether a word of the text names a word of the source: the same, or one inside the
    other at its start or end ("fietspad", "fietspaden"; "aandeel", "fietsaandeel")."""
    if said == source:
        return True
    short, long = sorted((said, source), key=len)
    return len(short) >= _PART and (long.startswith(short) or long.endswith(short))


def _words(text: str) -> frozenset[str]:
    """The words of ``text`` worth matching: lowercased, three letters or more, no digits,
    no function word ("the" of "Yorkshire and the Humber" says nothing of a row)."""
    return frozenset(word for word in re.findall(r"[^\W\d_]{3,}", text.lower()) if word not in _FUNCTION_WORDS)


# English and Dutch words of three letters or more that any sentence may hold
_FUNCTION_WORDS = frozenset("""
    the and for with from that this than are was were has have had not but its per into over out all
    het een van voor met dat die dan zijn was waren heeft hebben niet maar naar ook aan bij uit door
    over wordt werd nog meer dit deze
""".split())


# a sentence ends at a stop followed by a space, or at a line break
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")


def _sentence(text: str, mention: Mention) -> str:
    """The sentence that holds ``mention``."""
    start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, mention.start)), default=0)
    end = _SENTENCE_END.search(text, mention.end)
    return text[start: end.start() if end else len(text)]
