"""--format html: one self-contained, escaped page with every number marked by verdict."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st
from report_samples import ARTICLE, FakeClaim, check_report, checked_fixture, source, validated_fixture  # noqa: F401 (fixtures)

from sourcecheck.findings import Finding
from sourcecheck.formats import get_formatter
from sourcecheck.formats.marks import VERDICTS, marks
from sourcecheck.numbers import extract
from sourcecheck.report import ArticleText, Report


class Page(HTMLParser):
    """Every start tag with its attributes, and the text, of an HTML page."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def numbers(self) -> list[dict[str, str | None]]:
        return [attrs for tag, attrs in self.tags if tag == "a" and "num" in (attrs.get("class") or "")]


def html(report: Report) -> str:
    return get_formatter("html").format(report)


def test_the_page_loads_nothing_from_elsewhere(checked):
    page = html(checked)
    parsed = Page(page)
    for tag, attrs in parsed.tags:
        assert tag not in {"link", "img", "iframe", "object", "embed", "video", "audio", "source"}
        assert "src" not in attrs, f"<{tag} src=...> loads a resource"
        if "href" in attrs:
            href = attrs["href"] or ""
            # in-page links, and plain links to a source's address (followed only on a click)
            assert href.startswith("#") or (tag == "a" and href.startswith(("https://", "http://")))
    assert "@import" not in page and "url(" not in page
    assert page.count("<script>") == 1 and page.count("<style>") == 1


def test_every_number_is_marked_with_its_verdict(checked):
    numbers = Page(html(checked)).numbers()
    in_text = [n for n in numbers if n.get("data-start")]
    expected = {"Zo'n 44%": "holds", "Meer dan 4.700": "fails", "Slechts 3%": "acknowledged",
                "2022": "waived", "12": "unlinked"}
    text = checked.articles[0].text
    found = {text[int(n["data-start"]):int(n["data-end"])]: n["data-verdict"] for n in in_text}
    assert found == expected
    assert {n["data-verdict"] for n in in_text} == set(VERDICTS)


def test_each_number_links_to_a_card_with_claim_record_comparison_and_provenance(checked):
    page = html(checked)
    parsed = Page(page)
    link = next(n for n in parsed.numbers() if n.get("data-claim") == "afkeuring")
    card_id = link["href"][1:]
    assert ("article", {"class": "card v-holds", "id": card_id, "data-verdict": "holds"}) in parsed.tags
    card = page[page.index(f'id="{card_id}"'):]
    card = card[:card.index("</article>")]
    assert "bcsp/attitudes, row 3, field share" in card
    assert "<strong>44</strong>" in card                       # the source value
    assert "Non-Malign Influence" in card and "BCSP" in card    # provenance
    assert "sample size:</span> 300" in card


def test_the_comparison_says_whether_the_intervals_overlap():
    report = check_report()
    report.claims[0].source["interval"] = "[43.5, 44.5)"
    report.claims[1].source["interval"] = "[4499.5, 4500.5)"
    page = html(report)
    assert "text [43.5, 44.5] against source [43.5, 44.5) — they overlap" in page
    assert "against source [4499.5, 4500.5) — they do not overlap" in page


def test_text_from_the_project_is_escaped():
    text = 'Zie <script>alert("x")</script> & 44% "quoted".'
    claim = FakeClaim('x"><b>id', "holds", "44%", source(2, "44"), article_text=text)
    report = Report("check", claims=[claim], articles=[ArticleText(ARTICLE, text, "nl",
                                                                   extract(text, "nl"))],
                    findings=[Finding("SC120", "<b>bold</b> & more", path="a.csv", row=2)])
    page = html(report)
    assert "<script>alert" not in page and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; more" in page
    assert 'x"><b>id' not in page and 'data-claim="x&quot;&gt;&lt;b&gt;id"' in page


def test_coverage_and_legend_are_in_the_header(checked):
    page = html(checked)
    assert 'data-linked="3" data-waived="1" data-unlinked="1" data-total="5"' in page
    legend = page[page.index('<ul class="legend">'):]
    legend = legend[:legend.index("</ul>")]
    assert [verdict for verdict in VERDICTS if f">{verdict}</span>" in legend] == list(VERDICTS)


def test_responsive_and_print_styles_are_inlined(checked):
    page = html(checked)
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert "@media (max-width: 600px)" in page and "@media print" in page


def test_a_validate_report_lists_findings_and_sources(validated):
    page = html(validated)
    assert "<h2>Other findings</h2>" in page and "SC120 type-error" in page
    assert "<h2>Sources</h2>" in page and "<td><strong>a</strong>" in page


def test_a_claim_whose_anchor_is_lost_is_listed_apart():
    report = check_report()
    lost = FakeClaim("verdwenen", "anchor-lost", "Zo'n 44%", source(2, "44"))
    lost.to_dict = lambda: {"id": "verdwenen", "verdict": "anchor-lost", "article": ARTICLE,
                            "text": None, "source": source(2, "44")}
    report.claims.append(lost)
    report.findings.append(Finding("SC402", "the words around '44%' are gone",
                                   path="articles/demo/claims.yaml", line=9, claim="verdwenen"))
    numbers, missing = marks(report, report.articles[0])
    assert [m.claims[0].data["id"] for m in missing] == ["verdwenen"] and missing[0].verdict == "fails"
    assert "<h2>Claims not found in the text</h2>" in html(report)


@settings(max_examples=30, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_any_article_text_survives_the_round_trip(text):
    report = Report("check", articles=[ArticleText(ARTICLE, text, "nl", extract(text, "nl"))])
    parsed = Page(html(report))
    shown = "".join(parsed.text)
    for line in text.split("\n"):
        assert line.strip() == "" or line.replace("\r", "") in shown.replace("\r", "")
    assert len([n for n in parsed.numbers() if n.get("data-start")]) == len(extract(text, "nl"))


def test_a_number_with_two_claims_shows_the_more_pressing_verdict_and_both_claims():
    report = check_report()
    report.claims.append(FakeClaim("afkeuring-ook", "text-mismatch", "Zo'n 44%", source(7, "50")))
    report.findings.append(Finding("SC301", "44% against 50", path=ARTICLE, line=1, column=1,
                                   claim="afkeuring-ook"))
    numbers, _ = marks(report, report.articles[0])
    first = numbers[0]
    assert first.verdict == "fails"
    assert [c.data["id"] for c in first.claims] == ["afkeuring", "afkeuring-ook"]
    assert [c.verdict for c in first.claims] == ["holds", "fails"]
    page = html(report)
    assert 'data-claim="afkeuring afkeuring-ook"' in page
