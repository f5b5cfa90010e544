"""Random Markdown and HTML built from prose with known numbers and random markup give back
exactly those numbers, each at its place in the file."""

from __future__ import annotations

from html import escape

from hypothesis import given, settings
from hypothesis import strategies as st

from sourcecheck.numbers import extract
from sourcecheck.prose import read_prose
from sourcecheck.prose.mentions import placed

WORDS = ["huis", "boom", "fiets", "water", "lamp", "tafel", "straat", "Belgrado", "vogel"]
NUMBERS = ["44", "1.627", "300", "12,5", "87", "4.700", "19,8"]
# around a word or a number: what the reader does not see of it
MARKDOWN_WRAPS = ["{}", "**{}**", "*{}*", "__{}__", "[{}](https://e.nl/2024/9 \"titel 8\")", "<b>{}</b>",
                  "<span data-n=\"7\">{}</span>", "[{}][ref]"]
HTML_WRAPS = ["{}", "<b>{}</b>", "<em><i>{}</i></em>", "<a href=\"/2024/9?n=8\" title=\"7\">{}</a>",
              "<span class=\"n-6\">{}</span>"]
# between words: what a reader does not see at all, or white space
MARKDOWN_GAPS = [" ", " ", " ", "\n", "\n\n", " `99` ", " <!-- 98 --> ", " <https://e.nl/97> ",
                 " ![](/img/96.png) ", "[^1] "]
HTML_GAPS = [" ", "  ", "\n", "</p><p>", " <!-- 98 --> ", " <code>99</code> ", "<br>",
             " <script>var n = 97;</script> ", " <img src=\"/96.png\"> "]


def _document(pieces: list[tuple[bool, str, str, str]], markdown: bool) -> tuple[str, list[tuple[str, int]]]:
    """The source of a document and where each number's first character stands in it."""
    source = ("---\ntitle: 95 artikelen\n---\n\n" if markdown
              else "<html lang=\"nl\"><head><style>p{}</style></head><body><p>")
    placed_at = []
    for index, (is_number, word, wrap, gap) in enumerate(pieces):
        if index:
            source += gap
        before, _, after = wrap.partition("{}")
        source += before
        if is_number:
            placed_at.append((word, len(source)))
        source += word if markdown else escape(word)
        source += after
    source += "\n\n[ref]: https://e.nl/94\n[^1]: Een voetnoot.\n" if markdown else "</p></body></html>\n"
    return source, placed_at


def _line_and_column(source: str, offset: int) -> tuple[int, int]:
    return source.count("\n", 0, offset) + 1, offset - (source.rfind("\n", 0, offset) + 1) + 1


def _pieces(wraps: list[str], gaps: list[str]) -> st.SearchStrategy[list[tuple[bool, str, str, str]]]:
    """Words and numbers, never two numbers side by side (they could read as one)."""
    word = st.tuples(st.just(False), st.sampled_from(WORDS), st.sampled_from(wraps), st.sampled_from(gaps))
    number = st.tuples(st.just(True), st.sampled_from(NUMBERS), st.sampled_from(wraps), st.sampled_from(gaps))
    pair = st.tuples(word, st.one_of(word, number))
    return st.lists(pair, min_size=1, max_size=25).map(lambda pairs: [piece for two in pairs for piece in two])


def _read(source: str, form: str) -> list[tuple[str, int, int]]:
    prose = read_prose(source, form)
    return [(m.text, m.line, m.column) for m in placed(prose, extract(prose.text, "nl"))]


@settings(max_examples=150, deadline=None)
@given(_pieces(MARKDOWN_WRAPS, MARKDOWN_GAPS))
def test_random_markdown_gives_back_its_numbers_at_their_places(pieces):
    source, numbers = _document(pieces, markdown=True)
    assert _read(source, "markdown") == [(word, *_line_and_column(source, at)) for word, at in numbers]


@settings(max_examples=100, deadline=None)
@given(_pieces(MARKDOWN_WRAPS, MARKDOWN_GAPS), st.sampled_from(["> ", ">", "> > "]))
def test_random_markdown_in_a_quote_gives_back_its_numbers_at_their_places(pieces, mark):
    document, numbers = _document(pieces, markdown=True)
    body = document.split("---\n\n", 1)[1].split("\n\n[ref]:", 1)[0]
    offset = len(document) - len(body) - len(document.split("\n\n[ref]:", 1)[1]) - len("\n\n[ref]:")
    source = "\n".join(mark + line for line in body.split("\n")) + "\n\n[ref]: https://e.nl/94\n[^1]: Noot.\n"
    expected = []
    for word, at in numbers:
        line, column = _line_and_column(body, at - offset)
        expected.append((word, line, column + len(mark)))
    assert _read(source, "markdown") == expected


@settings(max_examples=150, deadline=None)
@given(_pieces(HTML_WRAPS, HTML_GAPS))
def test_random_html_gives_back_its_numbers_at_their_places(pieces):
    source, numbers = _document(pieces, markdown=False)
    assert _read(source, "html") == [(word, *_line_and_column(source, at)) for word, at in numbers]


# pieces of Markdown and HTML syntax, white space of every kind, and what parsers rewrite
FRAGMENTS = [*"ab 1\n\r\t\0\u2028\u00a0\ufeff*_`[]()<>!#-|&;:\\\"'=/{}$~^+.,%",
             "{python} ", "<![", "<!--", "-->", "&nbsp;", "&#", "---\n", "```", "    ", "> ", "1. ", "[^1]",
             "<script>", "</p>", "`{python} x`", "<a href='1'>", "](u)", "![a]("]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=80).map("".join))
def test_any_markdown_or_html_maps_every_character_into_the_file(source):
    for form in ("markdown", "html", "quarto"):
        prose = read_prose(source, form)
        assert len(prose.origins) == len(prose.text) + 1 and prose.origins[-1] == len(prose.source)
        assert all(0 <= at <= len(prose.source) for at in prose.origins)
        assert all(prose.position(offset)[0] >= 1 for offset in range(len(prose.text) + 1))
        if "\0" in source or form == "quarto":
            continue  # a NUL is read as U+FFFD; a computed number is a stand-in
        for offset, char in enumerate(prose.text):
            if char.isalnum():  # what is read as it stands is where it stands
                assert prose.source[prose.origins[offset]] == char
