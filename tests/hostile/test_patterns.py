"""Issue 15, item 2: regular expressions from untrusted files run without catastrophic
backtracking.  A Table Schema ``constraints.pattern``, a pandera ``str_matches`` or
``str_contains`` check and a pandera column whose name is a regex (``regex: true``) are
matched by the ``regex`` module with a time limit (``pattern-seconds``); a pattern that
cannot be run safely is a finding naming the file and the field, never a hang, never a
traceback.  Ordinary patterns give the findings they gave before.

The hostile cases run ``sourcecheck validate`` in a child process with a timeout, so that
the code before the change fails them instead of hanging the suite.
"""

from __future__ import annotations

import copy
import json
import re
import resource
import subprocess
import sys
import unicodedata
import warnings
from pathlib import Path
from typing import Any

import pytest

from sourcecheck.run.validate import validate
from sourcecheck.sources.patterns import compile_pattern
from sources import package_builder  # tests/sources/package_builder.py

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 30  # seconds: what a hang is; the cases below must end well within FAST
FAST = 12  # seconds: a child's start (pandas, pandera) plus the limit of one second, with room



PACKAGE_CSV = package_builder.PACKAGE_CSV
SCHEMA_FILE = "schemas/demo.answers.yaml"
HOSTILE = "a" * 34 + "!"  # ^(a+)+$ against it takes re far longer than 60 s
# ^(a+)+$ is one the regex module sees through; (a|a)*$ is not: it needs the time limit
EXPONENTIAL = "^(a|a)*$"


def _project(root: Path, *, answers: tuple[str, str] = ("yes", "no"), pattern: str | None = None,
             checks: dict[str, Any] | None = None, pandera_columns: str = "",
             answer_name: str = "answer", seconds: int | None = 1) -> Path:
    """The demo project with the given cells of column ``answer``, its Table Schema
    pattern, its pandera checks and (``seconds``) a pattern-seconds limit."""
    schema = copy.deepcopy(package_builder.SCHEMA)
    schema["fields"][1]["name"] = answer_name
    if pattern is not None:
        schema["fields"][1]["constraints"] = {"pattern": pattern}
    csv = (f"id,{json.dumps(answer_name)},share,locator\n"
           f"1,{answers[0]},40.2,page 3\n2,{answers[1]},59.8,page 3\n")
    pandera = package_builder.PANDERA.replace("name: demo.answers\n", "")
    if checks:
        pandera += (f"  {json.dumps(answer_name)}:\n    dtype: null\n    checks:\n"
                    + "".join(f"      {name}: {json.dumps(value)}\n" for name, value in checks.items()))
    pandera += pandera_columns + "name: demo.answers\n"
    package_builder.make_project(root, csv=csv, pandera=pandera, schema=schema)
    if seconds is not None:
        (root / "pyproject.toml").write_text(
            f"[tool.sourcecheck.limits]\npattern-seconds = {seconds}\n", encoding="utf-8")
    return root


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(project: Path) -> tuple[list[dict[str, Any]], float]:
    """``sourcecheck validate --format json`` in a child process: its findings and the CPU
    seconds it took (CPU, not wall clock: a shared machine's load must not fail the bound)."""
    started = _children_cpu()
    try:
        done = subprocess.run([sys.executable, "-m", "sourcecheck", "validate", "--format", "json",
                               str(project)], capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"no answer within {TIMEOUT} s (a hang)")
    seconds = _children_cpu() - started
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    assert done.returncode in (0, 1), (done.returncode, done.stderr[-2000:])
    return json.loads(done.stdout)["findings"], seconds


def _short(findings: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [(f["code"], f["path"], f["row"], f["field"]) for f in findings]


def _in_process(project: Path) -> list[tuple[Any, ...]]:
    return [(f.code, f.path, f.row, f.field, f.message) for f in validate(project).findings]


# --- the cases -------------------------------------------------------------------


def test_table_schema_pattern_of_nested_quantifiers_ends_with_its_answer(tmp_path):
    findings, seconds = _run(_project(tmp_path, answers=(HOSTILE, "aaa"), pattern="^(a+)+$"))
    assert seconds < FAST
    assert _short(findings) == [("SC121", PACKAGE_CSV, 2, "answer")]
    assert "does not match pattern '^(a+)+$'" in findings[0]["message"]


def test_pandera_str_matches_of_nested_quantifiers_ends_with_its_answer(tmp_path):
    findings, seconds = _run(_project(tmp_path, answers=(HOSTILE, "aaa"), checks={"str_matches": "^(a+)+$"}))
    assert seconds < FAST
    assert _short(findings) == [("SC201", PACKAGE_CSV, 2, "answer")]
    assert findings[0]["message"] == f"{HOSTILE!r} fails str_matches('^(a+)+$')"


def test_table_schema_pattern_past_the_time_limit_is_a_finding(tmp_path):
    findings, seconds = _run(_project(tmp_path, answers=(HOSTILE, "aaa"), pattern=EXPONENTIAL))
    assert seconds < FAST
    assert _short(findings) == [("SC101", PACKAGE_CSV, None, "answer")]
    message = findings[0]["message"]
    assert message.startswith("pattern of field 'answer' cannot be run safely: it ran past its time limit")
    assert "pattern-seconds" in message


@pytest.mark.parametrize("check", ["str_matches", "str_contains"])
def test_pandera_pattern_past_the_time_limit_is_a_finding(tmp_path, check):
    findings, seconds = _run(_project(tmp_path, answers=(HOSTILE, "aaa"), checks={check: EXPONENTIAL}))
    assert seconds < FAST
    assert _short(findings) == [("SC203", SCHEMA_FILE, None, "answer")]
    assert check in findings[0]["message"] and "pattern-seconds" in findings[0]["message"]


def test_the_default_limit_applies_without_a_pyproject(tmp_path):
    project = _project(tmp_path, answers=(HOSTILE, HOSTILE), pattern=EXPONENTIAL,
                       checks={"str_matches": EXPONENTIAL}, seconds=None)
    findings, seconds = _run(project)
    assert seconds < FAST + 4  # the default is two seconds a pattern
    assert _short(findings) == [("SC101", PACKAGE_CSV, None, "answer"), ("SC203", SCHEMA_FILE, None, "answer")]


def test_pandera_column_name_regex_past_the_time_limit_is_a_finding(tmp_path):
    columns = f"  {json.dumps(EXPONENTIAL)}:\n    dtype: null\n    regex: true\n"
    findings, seconds = _run(_project(tmp_path, answer_name=HOSTILE, pandera_columns=columns))
    assert seconds < FAST
    assert _short(findings) == [("SC203", SCHEMA_FILE, None, EXPONENTIAL)]


def test_a_backreference_still_works_and_a_hostile_one_is_bounded(tmp_path):
    """RE2 cannot run a backreference; the regex module can, and bounds it like any pattern."""
    findings, seconds = _run(_project(tmp_path, answers=("aa", "ab"), pattern=r"(a)\1",
                                      checks={"str_matches": r"(a)\1"}))
    assert _short(findings) == [("SC121", PACKAGE_CSV, 3, "answer"), ("SC201", PACKAGE_CSV, 3, "answer")]
    findings, seconds = _run(_project(tmp_path / "hostile", answers=(HOSTILE, "aa"), pattern=r"^(a|a)*\1$"))
    assert seconds < FAST
    assert _short(findings) == [("SC101", PACKAGE_CSV, None, "answer")]


# --- patterns that cannot be run safely, whatever the cells ------------------------------


@pytest.mark.parametrize(("pattern", "pandera_field"), [
    # pandera compiles it when it reads the schema, and the file does not load
    ("(" * 5000 + ")" * 5000, None),
    # the regex module would spell out a{1000} a billion times
    ("(?:(?:a{1000}){1000}){1000}", "answer"),
])
def test_a_pattern_too_deep_or_too_large_is_a_finding(tmp_path, pattern, pandera_field):
    findings, seconds = _run(_project(tmp_path, pattern=pattern, checks={"str_matches": pattern}))
    assert seconds < FAST
    assert _short(findings) == [("SC101", PACKAGE_CSV, None, "answer"), ("SC203", SCHEMA_FILE, None, pandera_field)]


# --- ordinary patterns: the same findings as before --------------------------------------

ORDINARY = [
    # (Table Schema pattern, cells, the rows that break it)
    ("y.*", ("yes", "no"), [3]),
    ("^y", ("yes", "y"), [2]),  # anchored to the whole cell, whatever its own anchors
    (r"\w+", ("Zoë", "a b"), [3]),  # Unicode classes, as Python's re
    (r"(?i)ZOË|X", ("zoë", "x y"), [3]),
    (r"(?!0)\d+", ("12", "012"), [3]),  # lookahead
    (r"[[:alpha:]]+", ("a]", "abc"), [3]),  # a set with "[" in it, then "]"s: not a POSIX class
    (r"ab{e<=1}", ("ac", "ab{e<=1}"), [2]),  # literal braces, not fuzzy matching
    (r"a{,2}", ("aa", "aaa"), [3]),
    (r"(?x) a \  b  # comment [", ("a b", "ab"), [3]),
    (r"(?P<x>.)(?P=x)", ("zz", "zy"), [3]),
    (r"\N{DIGIT ONE}|[\u00e9]|\x41", ("1", "e"), [3]),
    (r"(?a:\w)+", ("ab", "é"), [3]),
]


@pytest.mark.parametrize(("pattern", "cells", "rows"), ORDINARY)
def test_ordinary_table_schema_patterns_pass_and_fail_as_before(tmp_path, pattern, cells, rows):
    findings = _in_process(_project(tmp_path, answers=cells, pattern=pattern))
    assert [f[:4] for f in findings] == [("SC121", PACKAGE_CSV, row, "answer") for row in rows]
    for finding, row in zip(findings, rows, strict=True):
        assert finding[4] == f"{cells[row - 2]!r} does not match pattern {pattern!r}"


@pytest.mark.parametrize(("check", "pattern", "cells", "rows"), [
    ("str_matches", "^y", ("yes", "no"), [3]),
    ("str_matches", "y", ("ay", "ya"), [2]),  # anchored at the start only
    ("str_matches", r"\w", ("é", " é"), [3]),
    ("str_contains", "e", ("yes", "no"), [3]),
    ("str_contains", r"^n|s$", ("yes", "ja"), [3]),
])
def test_ordinary_pandera_patterns_pass_and_fail_as_before(tmp_path, check, pattern, cells, rows):
    findings = _in_process(_project(tmp_path, answers=cells, checks={check: pattern}))
    assert findings == [("SC201", PACKAGE_CSV, row, "answer", f"{cells[row - 2]!r} fails {check}('{pattern}')")
                        for row in rows]


def test_ordinary_pandera_column_name_regexes_match_as_before(tmp_path):
    columns = ("  \"^ans\":\n    dtype: null\n    regex: true\n    checks:\n      str_matches: '^y'\n"
               "  \"^zz.*\":\n    dtype: null\n    regex: true\n")
    assert _in_process(_project(tmp_path, pandera_columns=columns)) == [
        ("SC201", PACKAGE_CSV, 3, "answer", "'no' fails str_matches('^y')"),
        ("SC201", PACKAGE_CSV, None, "^zz.*",
         "\"['id', 'answer', 'share', 'locator']\" fails no_regex_column_match('^zz.*')"),
    ]


def test_an_invalid_pattern_is_still_a_finding(tmp_path):
    findings = _in_process(_project(tmp_path, pattern="([a-z", checks={"str_matches": "([a-z"}))
    assert [f[:4] for f in findings] == [("SC101", PACKAGE_CSV, None, "answer"), ("SC203", SCHEMA_FILE, None, None)]
    assert findings[0][4].startswith("pattern of field 'answer' is not a regular expression: "
                                  "unterminated character set at position 1")


# --- the spelling for the regex module keeps re's meaning ---------------------------------

TRICKY = [
    r"\w+", r"\W", r"\d", r"\D", r"\s", r"\S", r"[\W\d]", r"[^\W\d_]+", r"[\S\d]", r"[^\S\w]", r"(?a)\w+",
    r"(?a)[^\W\d]", r"(?i)[a-z]+", r"(?i)i", r"(?i)ı", r"(?i)[^i]", r"(?i)[h-j]", r"(?i)(?a:[a-z])", r"(?i)(?a:é)",
    r"(?i)[^\Wa]", r"(?i)\u212a", r"(?i)[α-ω]", r"\b\w+\b", r"\B", r"(?a)\b", r"^$", r"(?m)^a$", r"a\Z", r"\Aa",
    r"[[:alpha:]]", r"a{e<=1}", r"a{,2}b", r"(a)\1", r"(?P<x>a)?(?(x)b|c)", r"(?<=a)b", r"(?<!\w)x", r"(?>a+)a",
    r"a++b", r"(?s).", r".", r"[^a]", r"\x1c", r"²|\u0301",
]
SAMPLES = ["", "a", "ab", "a b", "aab", "Zoë", "e\u0301", "m²", "١٢", "a\n", "\n", "x_y", "İı", "Ii", "K", "\u212a",
           "é", "É", "[:a]", "a{e<=1}", "ac", "ba", "bc", "\x1c", "ω", "Ω", " ", "x"]


@pytest.mark.parametrize("pattern", TRICKY)
def test_the_regex_module_spelling_matches_as_re_does(pattern):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ours, theirs = compile_pattern(pattern).compiled, re.compile(pattern)
    for sample in SAMPLES:
        for how in ("fullmatch", "match", "search"):
            expected, got = getattr(theirs, how)(sample), getattr(ours, how)(sample)
            assert (got and got.span()) == (expected and expected.span()), (pattern, sample, how)


def test_the_classes_are_res_on_every_character_python_knows():
    known = "".join(chr(code) for code in range(0x30000) if unicodedata.category(chr(code)) != "Cn")
    for pattern in (r"\w", r"\W", r"\d", r"\s", r"[^\W\d_]", r"(?i)[a-z]", r"(?i)\w", r"(?i)[^a\d]", r"(?ia)[a-z]"):
        expected = [m.start() for m in re.finditer(pattern, known)]
        assert [m.start() for m in compile_pattern(pattern).compiled.finditer(known)] == expected, pattern
