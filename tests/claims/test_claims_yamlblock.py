"""The quick block-YAML reader gives exactly what PyYAML gives, or leaves the text to it.

``claims/yamlblock.py`` reads the plain block YAML most ledgers are written in without
PyYAML.  Whatever it returns must be what the ledger loader (PyYAML) returns, values,
types and lines alike; and wherever PyYAML refuses a text, the quick reader must give
it up (None), so that PyYAML's error is the one reported.  Documents are generated in
the shapes ledgers take, rendered in many styles, and then corrupted at random.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sourcecheck.claims.yamlblock import read_block
from sourcecheck.claims.yamlfile import _LedgerLoader, load_yaml

ROOT = Path(__file__).resolve().parents[2]

# Words ledgers use, words YAML reads as something else, and characters that matter to it.
WORDS = ["id", "claim-01", "anchor", "prefix", "exact", "50,1%", "meer dan 200.000", "value", "40.2", "7",
         "yes", "No", "on", "null", "~", "", "-3", "0x1f", "1_000", ".inf", ".nan", "2024-06-20", "<<", "=",
         "a b", "a:b", "a: b", "a #b", "a#b", "#a", "-a", "- a", "?a", ":a", "&a", "*a", "!a", "|", ">-",
         "%a", "@a", "`a", "'a'", '"a"', "a'b", 'a"b', "a\\b", "{a}", "[a]", "a,b", "é", "\u00a0x", "x ", " x"]
CHARACTERS = " \t\r\n:#-?,[]{}&*!|>'\"%@`~\\\u00a0\u2028\ufeff\x00\x85é0"
# Escapes of double-quoted scalars: PyYAML's, and some it refuses.
ESCAPES = ["\\n", "\\t", '\\"', "\\\\", "\\/", "\\x41", "\\u00e9", "\\U0001F600", "\\0", "\\ ", "\\N", "\\_",
           "\\L", "\\P", "\\e", "\\q", "\\x4", "\\ud800", "\\U00110000", "\\"]
words = st.one_of(st.sampled_from(WORDS), st.text(alphabet="ab :#-'\"0.,é", max_size=6))


def shape(value: Any) -> Any:
    """A value with everything a ledger loader gives it: type, line numbers, contents."""
    if isinstance(value, dict):
        return ("dict", type(value).__name__, getattr(value, "line", None), getattr(value, "lines", None),
                [(key, shape(item)) for key, item in value.items()])
    if isinstance(value, list):
        return ("list", type(value).__name__, getattr(value, "line", None), getattr(value, "lines", None),
                [shape(item) for item in value])
    return (type(value).__name__, repr(value))  # repr: a NaN equals itself


def pyyaml(text: str) -> Any:
    """What the ledger loader makes of ``text`` through PyYAML; None when it refuses it."""
    try:
        return ("loaded", shape(yaml.load(text, Loader=_LedgerLoader)))  # noqa: S506 - a SafeLoader subclass
    except Exception:  # noqa: BLE001 - any refusal: the quick reader must give the text up
        return None


def assert_same_or_given_up(text: str) -> None:
    quick = read_block(text)
    if quick is not None:
        assert ("loaded", shape(quick)) == pyyaml(text), text


def scalar(draw: Any) -> str:
    word = draw(words)
    style = draw(st.sampled_from(["plain", "plain", "double", "escaped", "single", "flow-map", "flow-seq"]))
    if style == "double":
        return f'"{word}"'
    if style == "escaped":
        return f'"{word}{draw(st.sampled_from(ESCAPES))}{draw(words)}"'
    if style == "single":
        return "'" + word.replace("'", "''") + "'"
    if style == "flow-map":
        pairs = draw(st.lists(st.tuples(words, words), max_size=3))
        return "{" + ", ".join(f"{key}: {item}" for key, item in pairs) + "}"
    if style == "flow-seq":
        return "[" + ", ".join(draw(st.lists(words, max_size=3))) + "]"
    return word


@st.composite
def documents(draw: Any) -> str:
    """A document in the shapes of a ledger, in one of many writing styles."""
    step = draw(st.integers(1, 4))
    indentless = draw(st.booleans())
    lines: list[str] = []

    def noise(indent: int) -> None:
        choice = draw(st.integers(0, 9))
        if choice == 0:
            lines.append("")
        elif choice == 1:
            lines.append(" " * draw(st.integers(0, 6)) + "# " + draw(words))

    def mapping(indent: int, depth: int, first_prefix: str | None = None) -> None:
        for number in range(draw(st.integers(1, 4))):
            noise(indent)
            key = draw(words)
            key = draw(st.sampled_from([key, f'"{key}"', "'" + key.replace("'", "''") + "'"]))
            prefix = first_prefix if number == 0 and first_prefix is not None else " " * indent
            kind = draw(st.sampled_from(["scalar", "scalar", "scalar", "empty", "mapping", "sequence", "block"]))
            if depth > 2 or kind == "scalar":
                comment = draw(st.sampled_from(["", "", " # note", "  #x", "#x"]))
                lines.append(f"{prefix}{key}: {scalar(draw)}{comment}")
            elif kind == "block":  # a folded or literal scalar over lines and paragraphs
                header = draw(st.sampled_from([">", ">-", "|", "|-", ">+", "|2", "> # c", ">-  "]))
                lines.append(f"{prefix}{key}: {header}")
                depth = indent + step + draw(st.sampled_from([0, 0, 0, 1]))
                for paragraph in range(draw(st.integers(1, 3))):
                    if paragraph:
                        lines.extend([""] * draw(st.integers(1, 2)))
                    for _ in range(draw(st.integers(1, 3))):
                        extra = " " * draw(st.sampled_from([0, 0, 0, 0, 1, 2]))
                        lines.append(" " * depth + extra + draw(words))
                if draw(st.booleans()):
                    lines.append("")
            elif kind == "empty":
                lines.append(f"{prefix}{key}:" + draw(st.sampled_from(["", " ", " # c"])))
            elif kind == "mapping":
                lines.append(f"{prefix}{key}:")
                mapping(indent + step, depth + 1)
            else:
                lines.append(f"{prefix}{key}:")
                sequence(indent if indentless else indent + step, depth + 1)

    def sequence(indent: int, depth: int) -> None:
        for _ in range(draw(st.integers(1, 3))):
            noise(indent)
            gap = " " * draw(st.integers(1, 3))
            if depth < 3 and draw(st.booleans()):
                mapping(indent + 1 + len(gap), depth + 1, first_prefix=" " * indent + "-" + gap)
            else:
                lines.append(" " * indent + "-" + gap + scalar(draw))

    mapping(0, 0)
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n# end\n"]))


@settings(max_examples=400)
@given(documents())
def test_a_generated_document_reads_as_pyyaml_reads_it(text):
    assert_same_or_given_up(text)


@settings(max_examples=400)
@given(documents(), st.data())
def test_a_corrupted_document_reads_as_pyyaml_reads_it_or_is_given_up(text, data):
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(text)))
        edit = data.draw(st.sampled_from(["insert", "delete", "indent"]))
        if edit == "insert":
            text = text[:at] + data.draw(st.sampled_from(CHARACTERS)) + text[at:]
        elif edit == "delete":
            text = text[:at] + text[at + 1:]
        else:
            start = text.rfind("\n", 0, at) + 1
            text = text[:start] + " " * data.draw(st.integers(1, 3)) + text[start:]
    assert_same_or_given_up(text)


plain_data = st.recursive(
    st.one_of(st.text(alphabet="abc -.,é0", max_size=8), st.integers(-10**6, 10**6), st.booleans(), st.none()),
    lambda inner: st.one_of(st.lists(inner, min_size=1, max_size=3),
                            st.dictionaries(st.text(alphabet="abcé_-", min_size=1, max_size=5), inner,
                                            min_size=1, max_size=3)),
    max_leaves=12)


@given(st.dictionaries(st.text(alphabet="abc_-", min_size=1, max_size=5), plain_data, min_size=1, max_size=4),
       st.booleans())
def test_what_pyyaml_writes_in_block_style_reads_the_same(data, indent_sequences):
    class Dumper(yaml.SafeDumper):
        def increase_indent(self, flow: bool = False, indentless: bool = False) -> Any:
            return super().increase_indent(flow, False if indent_sequences else indentless)

    text = yaml.dump(data, Dumper=Dumper, default_flow_style=False, allow_unicode=True, sort_keys=False)
    assert_same_or_given_up(text)


def test_the_shapes_ledgers_take_are_read_quickly():
    """Not given up: block mappings and sequences, quoted and plain scalars, flow collections
    of them, escapes, folded text, comments, blank lines and a sequence at its key's indentation."""
    text = ("# a ledger\nclaims:\n  - id: claim-01   # the first\n    anchor:\n      prefix: \"in\\n\"\n"
            "      exact: '50,1%'\n\n    source: {package: bureau-00, \"row\": 3}\n"
            "    key: [2024, 'x']\n    value: 40.2\n    done: yes\n    note:\nwaivers:\n- reason: >-\n    a year,\n    # not a comment\n\n    and more\n  exact: \"2024\"\n")
    quick = read_block(text)
    assert quick is not None
    assert shape(quick) == pyyaml(text)[1]
    assert quick["claims"][0]["source"] == {"package": "bureau-00", "row": 3}
    assert quick["claims"][0]["key"] == [2024, "x"] and quick["claims"][0]["done"] is True
    assert quick["claims"][0].lines["source"] == 8 and quick.lines["waivers"] == 14
    assert quick["claims"][0]["anchor"]["prefix"] == "in\n"
    assert quick["waivers"][0] == {"reason": "a year, # not a comment\nand more", "exact": "2024"}


def test_the_newsroom_benchmarks_ledgers_are_read_quickly(tmp_path, monkeypatch):
    import importlib.util

    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))  # its helpers sit beside it
    spec = importlib.util.spec_from_file_location("newsroom", ROOT / "benchmarks" / "newsroom.py")
    assert spec is not None and spec.loader is not None
    newsroom = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "newsroom", newsroom)  # its dataclasses look themselves up there
    spec.loader.exec_module(newsroom)
    newsroom.generate(tmp_path, articles=5, claims=20, packages=20)
    ledgers = sorted(tmp_path.glob("articles/*/claims.yaml"))
    assert ledgers
    for ledger in ledgers:
        text = ledger.read_text(encoding="utf-8")
        assert read_block(text) is not None
        assert shape(load_yaml(ledger)) == pyyaml(text)[1]


def test_the_example_ledger_is_read_quickly_and_the_same():
    """The bundled example's ledger (acknowledgements in folded text, flow mappings with
    escapes) is read by the quick reader too, to the same values and lines."""
    text = (ROOT / "articles" / "russen-in-servie" / "claims.yaml").read_text(encoding="utf-8")
    quick = read_block(text)
    assert quick is not None
    assert shape(quick) == pyyaml(text)[1]
