"""Comparing: each claim of an article judged against its source records (the pure core).

    anchor.py      find a claim again in an edited text (TextQuoteSelector, never fuzzy)
    intervals.py   the interval of a number in the text and of a value in a source
    units.py       like with like: the text's unit against the source value's (SC309)
    derive.py      whitelisted derivations: share, difference, sum, rank, year
    verdict.py     one claim judged; acknowledgements applied
    article.py     one article: claims, waivers, contradictions, coverage (check_article)
    outcome.py     what that gives: ClaimResult, Coverage, ArticleOutcome

Importing ``sourcecheck.compare`` loads none of its modules (``report.py`` needs only
``outcome``); import the one you need: ``from sourcecheck.compare.article import check_article``.
"""
