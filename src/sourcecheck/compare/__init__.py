"""Comparing: each claim of an article judged against its source records (the pure core).

    anchor.py      find a claim again in an edited text (TextQuoteSelector, never fuzzy)
    intervals.py   the interval of a number in the text and of a value in a source
    derive.py      whitelisted derivations: share, difference, sum, rank, year
    verdict.py     one claim judged; acknowledgements applied
    article.py     one article: claims, waivers, contradictions, coverage (check_article)
    outcome.py     what that gives: ClaimResult, Coverage, ArticleOutcome
"""

from __future__ import annotations

from .article import ArticleInput, check_article
from .outcome import ArticleOutcome, ClaimResult, Coverage

__all__ = ["ArticleInput", "ArticleOutcome", "ClaimResult", "Coverage", "check_article"]
