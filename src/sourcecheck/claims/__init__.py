"""Claims: tie each statistic of an article to its source record, and check it.

    ledger.py     claims.yaml: load, validate against ledger.schema.json, type
    yamlfile.py   safe YAML that remembers line numbers
    articles.py   the articles of a project: text, language, ledger (ledgers parsed by workers)
    anchor.py     find a claim again in an edited text (TextQuoteSelector, never fuzzy)
    rules.py      the interval of a number in the text and of a value in a source
    derive.py     whitelisted derivations: share, difference, sum, rank, year
    verdict.py    one claim judged; acknowledgements applied
    sources.py    the data a check reads: catalog, failure counts, records (cached)
    check.py      every article of a project: claims, waivers, contradictions, coverage
    stored.py     the check's results as plain JSON data for the cache, and back
"""

from __future__ import annotations

from .check import check, find_articles
from .ledger import Claim, Ledger, load_ledger, ledger_schema
from .rules import DEFAULT_SLACK, source_interval, text_interval
from .verdict import ClaimResult

__all__ = [
    "DEFAULT_SLACK",
    "Claim",
    "ClaimResult",
    "Ledger",
    "check",
    "find_articles",
    "ledger_schema",
    "load_ledger",
    "source_interval",
    "text_interval",
]
