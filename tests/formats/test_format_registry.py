"""Formatters are chosen by name from one base; the CLI offers exactly those names."""

from __future__ import annotations

import pytest
from report_samples import check_report, validate_report

from sourcecheck.cli import REPORT_FORMATS, _parser
from sourcecheck.errors import UsageError
from sourcecheck.formats import FORMATTERS, Formatter, get_formatter


def test_every_issue_format_is_registered():
    assert {"text", "json", "junit", "github", "sarif"} <= set(FORMATTERS)
    for name, formatter in FORMATTERS.items():
        assert issubclass(formatter, Formatter) and formatter.name == name


def test_the_cli_offers_every_registered_format():
    assert sorted(REPORT_FORMATS) == sorted(FORMATTERS)
    args = _parser().parse_args(["check", "--format", "sarif", "--output", "out.sarif"])
    assert (args.format, args.output) == ("sarif", "out.sarif")


def test_an_unknown_format_is_a_usage_error():
    with pytest.raises(UsageError, match="unknown format 'yaml'"):
        get_formatter("yaml")


@pytest.mark.parametrize("name", sorted(FORMATTERS))
def test_every_format_shows_the_coverage(name):
    output = get_formatter(name).format(check_report())
    # linked 3, waived 1, unlinked 1, total 5: every format must carry all three counts,
    # in its own idiom (prose, a JSON key, a JUnit property, an HTML data attribute)
    for word, count in (("linked", 3), ("waived", 1), ("unlinked", 1)):
        spellings = (f"{count} {word}", f'"{word}": {count}', f'coverage.{word}" value="{count}"',
                     f'data-{word}="{count}"')
        assert any(spelling in output for spelling in spellings), (name, word)

@pytest.mark.parametrize("name", sorted(FORMATTERS))
def test_every_format_renders_a_validate_report(name):
    output = get_formatter(name).format(validate_report())
    assert "SC120" in output or "type-error" in output
