"""The example article: every number found, with the right reading, and nothing else."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from sourcecheck.numbers import extract, extract_file

ROOT = Path(__file__).resolve().parents[2]
GOLD = yaml.safe_load((Path(__file__).parent / "russen-in-servie.gold.yaml").read_text("utf-8"))
ARTICLE = ROOT / GOLD["article"]


def _row(line, column, text, kind, qualifier, value, low, high):
    return (line, column, text, str(kind), str(qualifier), Decimal(value), Decimal(low), Decimal(high))


def _gold_rows():
    return [_row(**entry) for entry in GOLD["mentions"]]


def _found_rows():
    return [_row(m.line, m.column, m.text, m.kind, m.qualifier, m.value, m.low, m.high)
            for m in extract_file(ARTICLE)]


def test_the_article_is_the_shared_original(shared: Path):
    assert ARTICLE.read_bytes() == (shared / "articles" / "russen-in-servie.nl.txt").read_bytes()


def test_gold_positions_point_at_their_text():
    lines = ARTICLE.read_text("utf-8").split("\n")
    for entry in GOLD["mentions"]:
        column = entry["column"] - 1
        assert lines[entry["line"] - 1][column:column + len(entry["text"])] == entry["text"]


def test_every_number_of_the_article_is_found_and_nothing_else():
    found, gold = _found_rows(), _gold_rows()
    missing = [row for row in gold if row not in found]
    extra = [row for row in found if row not in gold]
    assert not missing, f"not found or read differently: {missing}"
    assert not extra, f"found but not in the gold file: {extra}"
    assert found == gold


def test_spans_are_exact_offsets():
    text = ARTICLE.read_text("utf-8")
    for mention in extract(text, "nl"):
        assert text[mention.start:mention.end] == mention.text


@pytest.mark.parametrize("article_phrase", ["een kleine prijs", "Een jaar later", "binnen een jaar",
                                            "een reis van een maand", "een avondje"])
def test_een_as_article_is_no_number(article_phrase: str):
    text = ARTICLE.read_text("utf-8")
    start = text.index(article_phrase)
    inside = [m for m in extract(text, "nl") if start <= m.start < start + len(article_phrase)]
    assert inside == []
