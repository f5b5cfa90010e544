"""Survivors that do not change the meaning: each rule says which edits and why.

A mutant that survives the check is either a weakness of the check or an edit a
reader would not notice as a change of the figure.  Only the second kind may be set
aside, and only by a rule here, with its reason (shown by ``sourcecheck mutate`` and
listed in docs/mutation.md).  Rules are consulted for survivors only: a caught
mutant is caught, whatever it is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..codes import SC

if TYPE_CHECKING:
    from . import Mutant


@dataclass(frozen=True)
class Equivalence:
    name: str
    reason: str
    applies: Callable[[Mutant], bool]


def _same_year(mutant: Mutant) -> bool:
    return (mutant.target == "cell" and mutant.derive_op == "year"
            and mutant.before[:4] == mutant.after[:4] and mutant.after[:4].isdigit())


def _percent_word(mutant: Mutant) -> bool:
    return mutant.operator in ("percent-spelled", "percent-sign")


def _only(mutant: Mutant) -> bool:
    removed = mutant.before.casefold().replace(mutant.after.casefold(), "").strip()
    return mutant.operator == "qualifier-removed" and removed in ("slechts", "maar", "only")


def _same_reading(mutant: Mutant) -> bool:
    # the check read the edited text and the ledger's exact alike (interval, kind, unit,
    # qualifier) and said so with its note; a survivor without that note is not covered
    return mutant.target == "text" and SC.TEXT_REWORDED in mutant.notes


EQUIVALENCES = (
    Equivalence("same-year", "the claim states only the year of this date, and the edit leaves the "
                "year as it was: the derived value, and so the claim, is unchanged", _same_year),
    Equivalence("percent-word", '"procent" (nl) and "percent" (en) are the written words for "%": '
                "the same number in the same unit", _percent_word),
    Equivalence("only", '"slechts"/"only" has no numeric effect: it colours the figure, it does '
                "not change it", _only),
    Equivalence("same-reading", "the edited text reads as the ledger recorded it: the same interval, kind, "
                "unit and qualifier (SC409 text-reworded); the claim says what it said", _same_reading),
)


def classify(mutant: Mutant) -> Equivalence | None:
    """The rule under which a surviving ``mutant`` keeps the meaning, if there is one."""
    return next((rule for rule in EQUIVALENCES if rule.applies(mutant)), None)
