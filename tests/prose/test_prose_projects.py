"""A project's articles in the new formats: found by their extension, their language from
the file name, the front matter or <html lang>, and cached by format."""

from __future__ import annotations

from pathlib import Path

import pytest

from sourcecheck.run.check import check


def _project(root: Path, name: str, text: str, lang: str = "nl") -> Path:
    (root / "articles" / "story").mkdir(parents=True)
    (root / "articles" / "story" / name).write_text(text, encoding="utf-8")
    (root / "pyproject.toml").write_text(f'[tool.sourcecheck]\nlang = "{lang}"\n', encoding="utf-8")
    return root


@pytest.mark.parametrize(("name", "text", "lang"), [
    ("article.md", "---\nlang: en\n---\nAbout *two thirds* of voters, more than 4,000.\n", "en"),
    ("article.markdown", "Ongeveer twee derde van de kiezers.\n", "nl"),  # no front matter: the project's
    ("article.html", '<html lang="en-GB"><p>More than 4,000.</p></html>', "en"),
    ("article.htm", "<p>Meer dan 4.000.</p>", "nl"),
    ("article.nl.md", "---\nlang: en\n---\nMeer dan 4.000.\n", "nl"),  # the file name comes first
])
def test_an_article_in_each_format_is_found_in_its_language(tmp_path, name, text, lang):
    report = check(_project(tmp_path, name, text), cache=False, texts=True)
    assert [article.lang for article in report.articles] == [lang]
    assert report.articles[0].path == f"articles/story/{name}"
    assert all(f.path == f"articles/story/{name}" for f in report.findings)
    assert report.coverage is not None and report.coverage.unlinked >= 1


def test_one_text_cached_as_plain_text_is_read_again_as_markdown(tmp_path):
    text = "Het ging om **ruim** 44 procent.\n"
    root = _project(tmp_path, "article.nl.txt", text)
    first = check(root, texts=True)  # cached
    assert [(f.line, f.column) for f in first.findings] == [(1, 22)]  # "44": "**ruim**" is no qualifier
    (root / "articles" / "story" / "article.nl.txt").rename(root / "articles" / "story" / "article.nl.md")
    again = check(root, texts=True)
    assert [(f.line, f.column) for f in again.findings] == [(1, 15)]  # "ruim" after the **: the markup read
    assert again.articles[0].text == "Het ging om ruim 44 procent."
    assert "'ruim 44 procent'" in again.findings[0].message
