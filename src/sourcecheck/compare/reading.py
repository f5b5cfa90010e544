"""What a number at an anchor says, so that an edit is judged by its meaning, not its letters.

The reading of a number is its text interval (its written precision with its qualifier
applied, :func:`~sourcecheck.compare.intervals.text_interval`), its kind, its unit and
its qualifier.  "44%" and "44 procent", "tweehonderdduizend" and "200.000", "4.700"
and "4700" read the same; "bijna 4 miljoen" and "ruim 4 miljoen", "ongeveer 70%" and
"naar schatting 70%", "44%" and "44,0%" do not.

The text a ledger recorded (an anchor's ``exact``, an acknowledgement's ``text``) is
read where it stood: between the anchor's prefix and suffix, in the article's
language, as the article's own number is read where it stands now.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .. import numbers
from ..interval import Interval
from ..ledger.model import Anchor
from ..numbers.mention import Kind, Mention, Qualifier
from .anchor import AnchorStatus, locate
from .intervals import show, text_interval


@dataclass(frozen=True)
class Reading:
    """What a number says: two numbers with equal readings claim the same thing."""

    interval: Interval
    kind: Kind
    unit: str | None
    qualifier: Qualifier

    def __str__(self) -> str:
        return show(self.interval)


def reading_of(mention: Mention, slack: dict[str, Decimal], override: Decimal | None = None) -> Reading:
    """The reading of a mention, its qualifier's window taken from ``slack`` (or ``override``)."""
    return Reading(text_interval(mention, slack, override), mention.kind, mention.unit, mention.qualifier)


def recorded_mention(anchor: Anchor, text: str, lang: str) -> Mention | None:
    """The number ``text`` held when it stood between ``anchor``'s prefix and suffix
    (None when no number is read there)."""
    context = anchor.prefix + text + anchor.suffix
    # numbers.extract: the package loads the extractor on first use, when an edit is judged
    mentions: list[Mention] = numbers.extract(context, lang)
    located = locate(context, Anchor(text, anchor.prefix, anchor.suffix), mentions)
    return located.mention if located.status is AnchorStatus.FOUND else None


def recorded_reading(anchor: Anchor, text: str, lang: str, slack: dict[str, Decimal],
                     override: Decimal | None = None) -> Reading | None:
    """The reading of the text a ledger recorded (see :func:`recorded_mention`)."""
    mention = recorded_mention(anchor, text, lang)
    return None if mention is None else reading_of(mention, slack, override)


def side_by_side(old_text: str, old: Reading | None, new_text: str, new: Reading) -> str:
    """Two readings for a message: "the text said 'bijna 4 miljoen' [3600000, 4000000), now
    says 'ruim 4 miljoen' (4000000, +inf)", with kind, unit and qualifier where they differ."""
    if old is None:
        return f"the text said {old_text!r} (no number read there), now says {new_text!r} {new}"
    differ = [name for name in ("kind", "unit", "qualifier") if getattr(old, name) != getattr(new, name)]

    def told(reading: Reading) -> str:
        extra = ", ".join(f"{name} {getattr(reading, name) or 'none'}" for name in differ)
        return f"{reading} ({extra})" if extra else str(reading)
    return f"the text said {old_text!r} {told(old)}, now says {new_text!r} {told(new)}"
