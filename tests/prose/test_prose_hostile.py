"""Markup that never ends, and markup Python's HTML tokenizer rejects, is read in linear time
and never raises: an article is someone's input."""

from __future__ import annotations

import time

import pytest

from sourcecheck.prose import read_prose


@pytest.mark.parametrize("source", ["<a " * 100_000, '<a b="' * 100_000, "<!--" * 100_000, "<![" * 100_000,
                                    "<![x" * 50_000 + ">", "<p>1 " + "<b " * 100_000])
def test_unfinished_tags_are_read_in_linear_time(source):
    started = time.process_time()
    prose = read_prose(source, "html")
    # a tokenizer that rescans the rest from each "<" took minutes here (about 1.3 s for 4,000)
    assert time.process_time() - started < 5
    assert len(prose.origins) == len(prose.text) + 1


def test_a_malformed_marked_section_is_a_bogus_comment_as_browsers_read_it():
    assert read_prose("<p>4 <![x 5]> 6</p>", "html").text == "4 6"
    assert read_prose("<p>4 < 5 <b 6", "html").text == "4 < 5 <b 6"  # no tag can end: text


def test_raw_html_in_markdown_is_read_the_same_way():
    prose = read_prose("Een\n\n<div>\n<![x 5]> 6 <a \n</div>\n\nTwee <![ 7\n", "markdown")
    assert "5" not in prose.text and "6" in prose.text and "Twee" in prose.text

