"""The news gold corpus (tests/numbers/news/, issue 16): real articles, every number annotated
by hand; the extractor is held to the rate it reaches and to its false mentions.

The issue's aim is 97% read exactly right and no false mention; RATE_FLOOR is what main
reaches now (470 of 479), so that no change reads the corpus worse
(``python scripts/news_gold.py -v`` lists every difference).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
NEWS = ROOT / "tests" / "numbers" / "news"

RATE_FLOOR = 98.1      # per cent of the annotated numbers read exactly right
FALSE_CEILING = 0      # numbers found where the annotators found none


def _module(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


SCORING = _module(ROOT / "scripts" / "news_gold.py")
FORM = _module(NEWS / "check_positions.py")
GOLD_FILES = sorted(NEWS.glob("*.gold.yaml"))


def test_the_corpus_is_as_large_as_the_issue_asks():
    golds = [yaml.safe_load(path.read_text("utf-8")) for path in GOLD_FILES]
    for lang in ("nl", "en"):
        assert sum(1 for gold in golds if gold["lang"] == lang) >= 6, lang
    assert sum(len(gold["mentions"]) for gold in golds) >= 400
    assert all(gold["source"].startswith(("https://", "http://", "github:")) for gold in golds)


@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=lambda path: path.name.removesuffix(".gold.yaml"))
def test_every_annotation_stands_where_it_says_in_the_agreed_form(gold_file):
    assert FORM.problems_of(gold_file) == []


def test_the_extractor_reads_the_corpus_at_least_as_well_as_main_does():
    scores = [SCORING.score(path) for path in GOLD_FILES]
    total = sum(len(s.gold) for s in scores)
    right = sum(s.right for s in scores)
    false = [(s.name, reading) for s in scores for reading in s.false]
    assert 100 * right / total >= RATE_FLOOR, f"{right}/{total} read right"
    assert len(false) <= FALSE_CEILING, false
