"""A ledger that ``sourcecheck init`` adds to: the numbers its claims and waivers already
cover, and the claim stubs an earlier ``init`` left commented out."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .compare.anchor import AnchorStatus, locate
from .errors import LedgerError
from .ledger.load import load_ledger
from .ledger.model import Anchor, Ledger
from .numbers import extract
from .numbers.mention import Mention
from .prose import Prose
from .prose.mentions import placed
from .textfile import decode_utf8
from .yamlfile import read_bytes


def covered_numbers(text: str, ledger: Ledger, mentions: Sequence[Mention]) -> set[int]:
    """The start of every mention a claim or waiver of ``ledger`` covers, as the check
    counts them (compare/article.py): a claim's anchor found on a number, edited or not;
    a waiver's found on the very number it waived."""
    covered = set()
    for claim in ledger.claims:
        located = locate(text, claim.anchor, mentions)
        if located.status is AnchorStatus.FOUND and located.mention is not None:
            covered.add(located.mention.start)
    for waiver in ledger.waivers:
        located = locate(text, waiver.anchor, mentions)
        if located.status is AnchorStatus.FOUND and located.mention is not None and not located.changed:
            covered.add(located.mention.start)
    return covered


# A claim stub as render() writes it, commented out: its id and anchor.
_COMMENTED_STUB = re.compile(r'^#\s+- id: ([a-z0-9][a-z0-9-]*).*\r?\n#\s+anchor:\s*\r?\n'
                             r'#\s+prefix: (".*")\s*\r?\n#\s+exact: (".*")\s*\r?\n#\s+suffix: (".*")\s*$',
                             re.MULTILINE)


def commented_stubs(ledger_text: str) -> dict[str, Anchor]:
    """The anchors of the claim stubs still commented out in ``ledger_text``, by id."""
    stubs = {}
    for found in _COMMENTED_STUB.finditer(ledger_text):
        try:
            prefix, exact, suffix = (json.loads(found.group(n)) for n in (2, 3, 4))
        except ValueError:
            continue  # edited by hand into something else: not a stub of ours
        if isinstance(prefix, str) and isinstance(exact, str) and isinstance(suffix, str) and exact:
            stubs[found.group(1)] = Anchor(exact, prefix, suffix)
    return stubs


@dataclass(frozen=True)
class ExistingLedger:
    """A ledger that ``init`` adds to: its text as it is, the article's numbers, the ids
    taken, the numbers its claims and waivers cover, and those whose stub an earlier
    ``init`` left commented out (their starts)."""

    text: str
    lang: str
    mentions: list[Mention]
    taken: set[str]
    covered: set[int]
    commented: set[int]


def read_existing(ledger_path: Path, prose: Prose, lang: str | None,
                  article_lang: Callable[[], str]) -> ExistingLedger:
    """The ledger at ``ledger_path`` as ``init`` and ``init --link`` extend it; its language is
    ``lang``, else the ledger's, else ``article_lang()``."""
    data = read_bytes(ledger_path, LedgerError)
    ledger = load_ledger(ledger_path, data)
    old = decode_utf8(data, ledger_path, LedgerError)
    lang = lang or ledger.lang or article_lang()
    text = prose.text
    mentions = placed(prose, extract(text, lang))
    drafted = commented_stubs(old)  # from an earlier init: not added twice
    taken = ({claim.id for claim in ledger.claims} | {waiver.id for waiver in ledger.waivers if waiver.id}
             | set(drafted))
    commented = {located.mention.start for located in (locate(text, anchor, mentions) for anchor in drafted.values())
                 if located.status is AnchorStatus.FOUND and located.mention is not None}
    return ExistingLedger(old, lang, mentions, taken, covered_numbers(text, ledger, mentions), commented)
