"""--format github: workflow commands GitHub Actions turns into annotations."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st
from report_samples import checked_fixture, validated_fixture  # noqa: F401 (fixtures)

from sourcecheck.findings import Finding
from sourcecheck.formats import get_formatter
from sourcecheck.formats.common import visible
from sourcecheck.formats.github import SHOWN_PER_TYPE, annotation, escape_data, escape_property
from sourcecheck.report import Report

COMMAND = re.compile(r"^::(error|warning|notice) ((?:[a-z]+=[^,:]*)(?:,[a-z]+=[^,:]*)*)::(.*)$")


def parse(line: str) -> tuple[str, dict[str, str], str]:
    match = COMMAND.match(line)
    assert match, f"not a workflow command: {line!r}"
    properties = dict(part.split("=", 1) for part in match.group(2).split(","))
    return match.group(1), properties, match.group(3)


def unescape(text: str) -> str:
    for escaped, raw in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(escaped, raw)
    return text


def test_each_finding_is_one_annotation_with_file_line_col_and_title(checked):
    lines = get_formatter("github").format(checked).splitlines()
    commands = [parse(line) for line in lines if line.startswith("::")]
    assert len(commands) == len(checked.findings)
    by_title = {props["title"]: (kind, props, message) for kind, props, message in commands
                if "claim" not in props}
    kind, props, message = by_title["SC401 unlinked-statistic"]
    assert (kind, props["file"], props["line"], props["col"]) == \
        ("error", "articles/demo/article.nl.txt", "1", "91")
    assert message == "12 is not covered by a claim or a waiver"


def test_table_findings_point_at_the_csv_line_of_their_row(validated):
    kind, props, message = parse(annotation(validated.findings[0]))
    assert (kind, props["file"], props["line"]) == ("error", "datapackages/a/b.csv", "3")
    assert "col" not in props and message == 'share: not a number: "x"'


def test_acknowledged_findings_and_notes_are_notices_and_failures_come_first(checked):
    commands = [parse(line) for line in get_formatter("github").format(checked).splitlines()
                if line.startswith("::")]
    kinds = [kind for kind, _, _ in commands]
    assert kinds == sorted(kinds, key=["error", "warning", "notice"].index)
    acknowledged = [c for c in commands if "acknowledged" in c[2]]
    assert len(acknowledged) == 1 and acknowledged[0][0] == "notice"
    assert acknowledged[0][1]["title"] == "SC301 text-mismatch"


def test_the_last_line_sums_up_findings_and_coverage(checked):
    last = get_formatter("github").format(checked).splitlines()[-1]
    assert last == ("sourcecheck check: 4 findings, 3 failing, 1 acknowledged; "
                    "5 numbers: 3 linked, 1 waived, 1 unlinked")


def test_no_summary_annotation_while_github_shows_everything():
    report = Report("validate", findings=[Finding("SC120", f"bad {i}", path="a.csv", row=i + 2)
                                          for i in range(SHOWN_PER_TYPE)])
    lines = get_formatter("github").format(report).splitlines()
    assert all(parse(line)[1]["title"] != "sourcecheck summary" for line in lines[:-1])


def test_a_summary_annotation_comes_first_when_github_would_hide_some():
    findings = [Finding("SC120", f"bad {i}", path="a.csv", row=i + 2) for i in range(13)]
    findings += [Finding("SC120", "known", path="a.csv", row=99, acknowledged="ok")]
    lines = get_formatter("github").format(Report("validate", findings=findings)).splitlines()
    kind, props, message = parse(lines[0])
    assert (kind, props["title"]) == ("notice", "sourcecheck summary")
    assert "14 findings (13 errors, 1 notices)" in message and "3 errors are not annotated" in message
    assert len(lines) == 1 + 14 + 1


def test_messages_and_properties_are_escaped():
    finding = Finding("SC101", "100% wrong\r\nsecond line", path="data, v2/x:y.json", line=3)
    kind, props, message = parse(annotation(finding))
    assert props["file"] == "data%2C v2/x%3Ay.json"
    assert message == "100%25 wrong%0D%0Asecond line"


@settings(deadline=None)
@given(st.text())
def test_escaping_leaves_no_separator_and_no_control_character(text):
    assert not set("\r\n,:") & set(escape_property(text))
    assert not set("\r\n") & set(escape_data(text))
    for escaped in (escape_property(text), escape_data(text)):  # no ESC or BEL reaches a terminal
        assert not any(unicodedata.category(c) == "Cc" or c in "\u2028\u2029" for c in escaped)
    if not any(unicodedata.category(c) == "Cc" and c not in "\r\n" or c in "\u2028\u2029" for c in text):
        assert unescape(escape_property(text)) == text  # lossless, but for the other control characters
        assert unescape(escape_data(text)) == text


@settings(deadline=None)
@given(st.text(min_size=1), st.text(min_size=1), st.text(min_size=1))
def test_any_finding_gives_one_parseable_line(message, path, field):
    line = annotation(Finding("SC120", message, path=path, row=2, field=field))
    assert "\n" not in line
    kind, props, text = parse(line)
    assert unescape(props["file"]) == _shown(path) and unescape(text).endswith(_shown(message))


def _shown(text: str) -> str:
    """What a workflow command shows of ``text``: line breaks escaped losslessly, any other
    control character made visible."""
    return "".join(char if char in "\r\n" else visible(char) for char in text)
