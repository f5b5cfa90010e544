"""Hold the extractor against the news gold corpus (tests/numbers/news/, issue 16).

    python scripts/news_gold.py [-v]

prints, per article and in all, how many of its hand-annotated numbers the extractor reads
exactly right (span, line, column, kind, qualifier, value, low, high and unit all equal) and
every false mention: a number the extractor finds where the annotator found none (its span
overlaps no annotated span).  ``-v`` also lists every number read differently, gold beside
found.  Percentages stated without a figure (SC407 notes) are not numbers and not scored.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "numbers" / "news"

sys.path.insert(0, str(ROOT / "src"))

from sourcecheck.numbers import Mention, extract  # noqa: E402

Reading = tuple[int, int, str, str, str, Decimal, Decimal, Decimal, str | None]


@dataclass
class Score:
    """One article's outcome: the gold readings, those read right, the rest."""

    name: str
    gold: list[Reading]
    right: int = 0
    wrong: list[tuple[Reading, list[Reading]]] = field(default_factory=list)  # gold, found there
    false: list[Reading] = field(default_factory=list)


def gold_reading(entry: dict[str, Any]) -> Reading:
    return (entry["line"], entry["column"], entry["text"], entry["kind"], entry["qualifier"],
            Decimal(entry["value"]), Decimal(entry["low"]), Decimal(entry["high"]), entry.get("unit"))


def found_reading(mention: Mention) -> Reading:
    assert mention.value is not None and mention.low is not None and mention.high is not None
    return (mention.line, mention.column, mention.text, str(mention.kind), str(mention.qualifier),
            mention.value, mention.low, mention.high, mention.unit)


def articles() -> list[Path]:
    """The gold files of the corpus, in name order."""
    return sorted(CORPUS.glob("*.gold.yaml"))


def score(gold_file: Path) -> Score:
    gold_data = yaml.safe_load(gold_file.read_text("utf-8"))
    text = (gold_file.parent / gold_data["article"]).read_text("utf-8")
    mentions = [m for m in extract(text, gold_data["lang"]) if not m.vague]
    result = Score(gold_file.name.removesuffix(".gold.yaml"),
                   [gold_reading(entry) for entry in gold_data["mentions"] or []])
    spans = [_span(text, reading) for reading in result.gold]
    found = [found_reading(m) for m in mentions]
    found_set = set(found)
    for reading, (start, end) in zip(result.gold, spans, strict=True):
        if reading in found_set:
            result.right += 1
        else:
            there = [found_reading(m) for m in mentions if m.start < end and start < m.end]
            result.wrong.append((reading, there))
    for mention, reading in zip(mentions, found, strict=True):
        if not any(mention.start < end and start < mention.end for start, end in spans):
            result.false.append(reading)
    return result


def _span(text: str, reading: Reading) -> tuple[int, int]:
    """Offsets of a gold reading from its line and column."""
    line, column, words = reading[0], reading[1], reading[2]
    start = sum(len(row) + 1 for row in text.split("\n")[:line - 1]) + column - 1
    return start, start + len(words)


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    scores = [score(path) for path in articles()]
    for s in scores:
        print(f"{s.name}: {s.right}/{len(s.gold)} read right, {len(s.false)} false mentions")
        for reading in s.false:
            print(f"    FALSE {_show(reading)}")
        if verbose:
            for reading, there in s.wrong:
                print(f"    GOLD  {_show(reading)}")
                print(f"    FOUND {'; '.join(_show(r) for r in there) or '(nothing)'}")
    total = sum(len(s.gold) for s in scores)
    right = sum(s.right for s in scores)
    false = sum(len(s.false) for s in scores)
    rate = 100 * right / total if total else 0.0
    print(f"all: {len(scores)} articles, {right}/{total} numbers read right ({rate:.1f}%), "
          f"{false} false mentions")
    return 0


def _show(reading: Reading) -> str:
    line, column, text, kind, qualifier, value, low, high, unit = reading
    money = f" {unit}" if unit else ""
    return f"{line}:{column} {text!r} {kind}/{qualifier}{money} {value} [{low}, {high}]"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
