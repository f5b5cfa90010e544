"""Articles as newsrooms write them (Markdown, HTML, both languages): every number of the
prose is read with its qualifier, none from markup, and each points at its first
character in the file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sourcecheck.numbers import extract, extract_file
from sourcecheck.prose import format_of, read_prose
from sourcecheck.prose.lang import declared_lang
from sourcecheck.prose.mentions import placed

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"

# (line, column, text as the reader sees it, qualifier) of every number in each fixture
EXPECTED = {
    "huur.nl.md": [
        (7, 23, "ruim 12 procent", "just-over"),        # a heading, the qualifier in bold
        (10, 21, "ongeveer 850 euro", "near"),          # after a link with numbers in its address
        (10, 64, "meer dan 4.000", "above"),            # __meer dan__ 4.000
        (15, 16, "1.120", "none"),                      # table cells
        (16, 16, "ongeveer 780", "near"),
        (22, 61, "bijna 3 op de 10", "just-under"),     # inside inline HTML, attribute skipped
        (24, 3, "Slechts 2 van de 5", "only"),          # a quote
        (24, 49, "300 euro", "none"),                   # after &nbsp;
        (26, 4, "Eerste", "none"),                      # list items
        (26, 20, "45%", "none"),
        (27, 4, "Tweede", "none"),
        (27, 15, "1,5 miljoen", "none"),
        (29, 15, "64 procent", "none"),                 # alt text of an image
        (33, 24, "83625", "none"),                      # a footnote is prose; its mark [^1] is not
    ],
    "energy.en.md": [
        (7, 19, "more than 40 per cent", "above"),
        (10, 3, "about £1,717", "near"),                # **about** £1,717
        (11, 5, "nearly 1 in 4", "just-under"),         # <em>nearly</em> 1 in 4
        (15, 12, "27%", "none"),
        (16, 12, "just under 300,000", "just-under"),
        (24, 53, "2.3 million", "none"),                # 2.3&nbsp;million
        (26, 3, "Only 5%", "only"),
        (27, 3, "At least 120", "at-least"),
        (29, 51, "2,000", "none"),
    ],
    "rents.en.html": [
        (12, 27, "just over 12 per cent", "just-over"),  # <strong>just over</strong> 12
        (13, 21, "about £850", "near"),                  # <em>about</em> &pound;850
        (13, 58, "more than 4,000", "above"),            # <b><i>more than</i></b> 4,000
        (16, 50, "64%", "none"),                         # alt text
        (16, 76, "Only 3 in 10", "only"),                # figure caption
        (17, 65, "about 780", "near"),                   # table cell
        (19, 4, "Almost 2.3 million", "just-under"),     # 2.3&#160;million
        (19, 68, "nearly 1 in 5", "just-under"),
    ],
    "stemmen.nl.html": [
        (14, 19, "Bijna twee op de drie", "just-under"),
        (15, 45, "ongeveer 4.700", "near"),              # <em>ongeveer</em>&nbsp;4.700
        (15, 90, "meer dan 4.000", "above"),             # <strong><em>meer dan</em></strong> 4.000
        (17, 4, "Slechts 3%", "only"),
        (17, 55, "een kleine 1 op de 30", "just-under"),
        (24, 46, "200", "none"),                         # a quote, entities around it
        (25, 9, "Nummer twee", "none"),
        (25, 49, "44%", "none"),                         # 44&#37;
        (26, 47, "ruim 100", "just-over"),               # alt text
        (30, 23, "2024", "none"),                        # &copy; 2024 in the footer
    ],
}


def _numbers(name: str) -> list[tuple[int, int, str, str]]:
    return [(m.line, m.column, m.text, str(m.qualifier)) for m in extract_file(FIXTURES / name)]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_number_of_the_prose_and_none_from_markup(name):
    assert _numbers(name) == EXPECTED[name]


# the first word of a mention, which stands in the source as the reader sees it
_FIRST = re.compile(r"\w+")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_position_points_at_the_number_in_the_file(name):
    lines = (FIXTURES / name).read_text(encoding="utf-8").split("\n")
    for mention in extract_file(FIXTURES / name):
        first = _FIRST.match(mention.text)
        assert first is not None
        assert lines[mention.line - 1][mention.column - 1:].startswith(first.group()), mention


@pytest.mark.parametrize(("name", "lang"), [("huur.nl.md", "nl"), ("energy.en.md", "en"),
                                            ("rents.en.html", "en"), ("stemmen.nl.html", "nl")])
def test_the_language_comes_from_front_matter_or_the_html_element(name, lang):
    source = (FIXTURES / name).read_text(encoding="utf-8")
    assert read_prose(source, format_of(name)).lang == lang


def test_what_a_reader_does_not_see_is_not_read():
    source = (FIXTURES / "stemmen.nl.html").read_text(encoding="utf-8")
    text = read_prose(source, "html").text
    for hidden in ("4726", "512", "11%", "88", "4700", "42", "3999", "kop-3", "Nieuws", "Verkiezingen"):
        assert hidden not in text  # a script, a comment, a hidden element, pre, code, attributes, nav, head
    assert "Glasaj u inostranstvu" in text  # a link's words are prose, its address is not
    markdown = read_prose((FIXTURES / "huur.nl.md").read_text(encoding="utf-8"), "markdown").text
    for hidden in ("10200", "99", "2023/44", "cbs.nl", "77", "aliases", "[^1]", "Huurprijzen"):
        assert hidden not in markdown  # code block and span, comment, autolink, addresses, front matter


@pytest.mark.parametrize(("name", "form"), [("a.md", "markdown"), ("a.MARKDOWN", "markdown"), ("a.htm", "html"),
                                            ("a.html", "html"), ("a.qmd", "quarto"), ("a.txt", "text"),
                                            ("a", "text")])
def test_the_format_comes_from_the_extension(name, form):
    assert format_of(name) == form


def test_a_plain_text_is_read_as_it_stands():
    prose = read_prose("Ruim 44% <b>niet</b>\n**x**", "text")
    assert prose.text == "Ruim 44% <b>niet</b>\n**x**" and prose.position(14) == (1, 15)


def test_blocks_stand_apart_and_white_space_collapses_as_a_browser_shows_it():
    prose = read_prose("<h1>Kop  1</h1><p>een\n   twee<br>drie</p><p>vier</p>", "html")
    assert prose.text == "Kop 1\n\neen twee\ndrie\n\nvier"
    assert prose.position(prose.text.index("twee")) == (2, 4)


@pytest.mark.parametrize("name", ["huur.nl.md", "stemmen.nl.html"])
def test_windows_line_ends_and_a_byte_order_mark_leave_every_place_as_it_was(name, tmp_path):
    source = (FIXTURES / name).read_text(encoding="utf-8")
    edited = tmp_path / name
    edited.write_bytes(b"\xef\xbb\xbf" + source.replace("\n", "\r\n").encode("utf-8"))
    assert [(m.line, m.column, m.text, str(m.qualifier)) for m in extract_file(edited)] == _numbers(name)
    assert read_prose("\ufeff" + source, format_of(name)).lang == read_prose(source, format_of(name)).lang


def test_raw_html_in_a_quote_or_a_list_item_points_into_the_file():
    source = "> <p>Ongeveer\n> 300 mensen</p>\n\n- punt\n\n  <div>\n  meer dan 4.000\n  </div>\n"
    prose = read_prose(source, "markdown")
    assert prose.text == "Ongeveer 300 mensen\n\npunt\n\nmeer dan 4.000"
    assert prose.position(0) == (1, 6) and prose.position(prose.text.index("300")) == (2, 3)
    assert prose.position(prose.text.index("meer")) == (7, 3)


@pytest.mark.parametrize(("source", "form", "lang"), [
    ("---\ntitle: x\nlang: 'en-GB'  # British\n---\nTekst\n", "markdown", "en"),
    ('---\r\nlang: "nl"\r\n---\r\nTekst\r\n', "quarto", "nl"),
    ("---\ntitle: x\nmeta:\n  lang: en\n---\nTekst\n", "markdown", None),  # not the document's
    ("Tekst\n---\nlang: en\n---\n", "markdown", None),                     # not front matter
    ("\ufeff---\nlang: en\n---\n", "markdown", "en"),
    ('+++\ntitle = "x"\nlang = "nl"\n+++\nTekst\n', "markdown", "nl"),  # Hugo's TOML
    ('<!doctype html><html class="x" lang=nl-BE><body><p>1</p>', "html", "nl"),
    ("<html><body lang='en'>", "html", None),
])
def test_the_declared_language_is_read_without_parsing_the_article(source, form, lang):
    assert declared_lang(source, form) == lang == read_prose(source, form).lang


def test_a_hugo_article_is_read_without_its_toml_front_matter_and_shortcodes():
    source = ('+++\ntitle = "Huur 2024"\nweight = 44\nlang = "en"\ndate = 2024-03-01\n+++\n\n'
              'Rents rose by *more than* 12%, {{< figure src="/img/2024/44.png" width="640" >}} and\n'
              '{{% note %}}about 300{{% /note %}} tenants {% include chart.html id=12 %} moved.\n')
    prose = read_prose(source, "markdown")
    assert prose.lang == declared_lang(source, "markdown") == "en" and prose.source == source
    numbers = [(m.text, m.line, m.column) for m in placed(prose, extract(prose.text, "en"))]
    assert numbers == [("more than 12%", 8, 16), ("about 300", 9, 13)]


def test_what_is_hidden_ends_where_its_element_ends():
    source = ("<html><head><title>9 nieuws</title><body><div hidden><div>88</div> 77 </div>"
              "<p>Ruim 40 mensen</p><pre><span>66</span></pre><p>en 3 kinderen</p>")
    assert read_prose(source, "html").text == "Ruim 40 mensen\n\nen 3 kinderen"  # an unclosed head too
    assert read_prose("<title>Huur 2024</title><p>Ruim 40</p>", "html").text == "Ruim 40"  # no head at all
