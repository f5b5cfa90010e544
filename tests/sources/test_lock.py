"""Issue 19, item 1: ``sourcecheck lock`` pins every resource (hash and bytes) leaving the
rest of its descriptor as it was, and ``validate`` and ``check`` report a file that is no
longer the pinned one (SC106), naming what is pinned and what the file is."""

from __future__ import annotations

import hashlib
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from example_project import copy_example
from refresh import project
from sourcecheck import check, validate
from sourcecheck.cli import main
from sourcecheck.sources.jsonedit import indent_of, set_members
from sourcecheck.sources.pinning import content_hash
from sources import package_builder
from sources.package_builder import PACKAGE_CSV, PACKAGE_JSON

CSV = package_builder.CSV.encode()


def test_lock_pins_every_resource_and_leaves_the_rest_of_the_descriptor_as_it_was(tmp_path):
    root = copy_example(tmp_path / "p")
    descriptors = sorted((root / "datapackages").glob("*/datapackage.json"))
    before = {path: path.read_text(encoding="utf-8") for path in descriptors}
    assert main(["lock", str(root)]) == 0
    def unpinned(text: str) -> list[str]:
        return [line.rstrip(",") for line in text.splitlines()
                if '"hash": "sha256:' not in line and not line.strip().startswith('"bytes": ')]

    for path, text in before.items():
        after = path.read_text(encoding="utf-8")
        # lines only added (and a comma after a resource's last member), none changed or reordered
        assert unpinned(after) == unpinned(text)
        for resource in json.loads(after)["resources"]:
            data = (path.parent / resource["path"]).read_bytes()
            assert resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
            assert resource["bytes"] == len(data)
    locked = {path: path.read_bytes() for path in descriptors}
    assert main(["lock", str(root)]) == 0  # locking again changes nothing
    assert {path: path.read_bytes() for path in descriptors} == locked
    assert validate(root).valid
    assert check(root, cache=False).exit_code == 0


def test_lock_keeps_a_tab_indented_or_one_line_descriptor_in_its_style(tmp_path):
    text = json.dumps(package_builder.descriptor(), indent="\t") + "\n"
    root = package_builder.make_project(tmp_path / "tabs", descriptor_text=text)
    assert main(["lock", str(root)]) == 0
    written = (root / PACKAGE_JSON).read_text(encoding="utf-8")
    assert f'\t\t\t"hash": "{content_hash(CSV)}",\n\t\t\t"bytes": {len(CSV)}\n\t\t}}\n\t]\n}}\n' in written
    one_line = json.dumps(package_builder.descriptor())
    root = package_builder.make_project(tmp_path / "line", descriptor_text=one_line)
    assert main(["lock", str(root / "datapackages" / "demo")]) == 0  # a package folder: that package
    written = (root / PACKAGE_JSON).read_text(encoding="utf-8")
    assert "\n" not in written and written.endswith(f'"hash": "{content_hash(CSV)}", "bytes": {len(CSV)}}}]}}')


def test_a_changed_file_is_reported_first_naming_the_pinned_and_the_actual_hash(tmp_path):
    root = project.make(tmp_path / "p", None)
    assert main(["lock", str(root)]) == 0
    (root / PACKAGE_CSV).write_bytes(project.REVISED + b"3,maybe,x,page 4\n")
    findings = [f for f in validate(root).findings if f.path == PACKAGE_CSV]
    assert findings[0].code == "SC106" and findings[1:] and all(f.code != "SC106" for f in findings[1:])
    message = findings[0].message
    assert hashlib.sha256(project.REVISED + b"3,maybe,x,page 4\n").hexdigest() in message
    assert hashlib.sha256(CSV).hexdigest() in message
    assert f"it has {len(project.REVISED) + 17:,} bytes, the descriptor pins {len(CSV):,}" in message
    report = check(root, cache=False)
    assert "SC106" in [f.code for f in report.failures]
    assert report.exit_code == 1


def test_check_reports_a_changed_pinned_file_from_a_warm_cache_too(tmp_path):
    root = project.make(tmp_path / "p", None)
    assert main(["lock", str(root)]) == 0
    assert check(root).exit_code == 0
    (root / PACKAGE_CSV).write_bytes(CSV.replace(b"no,59.8,page 3", b"no,59.8,p. 3"))  # not the claim's cell
    assert [f.code for f in check(root).failures] == ["SC106"]


@pytest.mark.parametrize(("pin", "holds"), [
    ({"hash": hashlib.md5(CSV).hexdigest()}, True),                   # Data Package v1: a bare MD5
    ({"hash": "md5:" + hashlib.md5(CSV).hexdigest()}, True),
    ({"hash": "sha512:" + hashlib.sha512(CSV).hexdigest()}, True),
    ({"bytes": len(CSV)}, True),
    ({"bytes": len(CSV) + 1}, False),
    ({"hash": "sha1:" + hashlib.sha1(b"other").hexdigest()}, False),
])
def test_hashes_written_by_hand_are_read(tmp_path, pin, holds):
    root = package_builder.make_project(tmp_path / "p", **pin)
    codes = [f.code for f in validate(root).findings]
    assert ("SC106" not in codes) is holds


@pytest.mark.parametrize("pin", [{"hash": "sha999:abcd"}, {"hash": "sha256:abc"}, {"hash": 12}, {"bytes": -1}])
def test_an_unreadable_pin_is_a_descriptor_finding(tmp_path, pin):
    root = package_builder.make_project(tmp_path / "p", **pin)
    findings = validate(root).findings
    assert any(f.code == "SC101" and f.message.startswith("resource 'answers': ") and f.path == PACKAGE_CSV
               for f in findings), findings
    assert "SC106" not in [f.code for f in findings]


def test_lock_refuses_a_missing_file_and_writes_nothing(tmp_path, capsys):
    root = package_builder.make_project(tmp_path / "p", csv=None)
    before = (root / PACKAGE_JSON).read_bytes()
    assert main(["lock", str(root)]) == 2
    assert "cannot lock answers.csv" in capsys.readouterr().err
    assert (root / PACKAGE_JSON).read_bytes() == before


_KEYS = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=6)
_SCALARS = st.none() | st.booleans() | st.integers() | st.text(max_size=8)
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_KEYS, inner, max_size=3),
                       max_leaves=8)


@settings(max_examples=150, deadline=None)
@given(document=st.dictionaries(_KEYS, _VALUES, max_size=5), changes=st.dictionaries(_KEYS, _VALUES, max_size=3),
       indent=st.sampled_from([None, 2, 4, "\t"]), ascii_only=st.booleans(), crlf=st.booleans())
def test_set_members_sets_exactly_the_members_asked_for(document, changes, indent, ascii_only, crlf):
    text = json.dumps({"resources": [document]}, indent=indent, ensure_ascii=ascii_only)
    if crlf:
        text = text.replace("\n", "\r\n")
    edited = set_members(text, ["resources", 0], changes)
    assert json.loads(edited) == {"resources": [{**document, **changes}]}
    # the members kept are in their order, followed by the new ones
    assert list(json.loads(edited)["resources"][0]) == list({**document, **changes})
    if not changes:
        assert edited == text
    if indent is not None and "\n" in text:
        assert indent_of(edited) == indent_of(text)
    assert edited.count("\n") == edited.count("\r\n") if crlf else "\r" not in edited


@pytest.mark.parametrize("cache", [True, False])
def test_check_reads_a_hand_written_md5_pin_with_or_without_the_cache(tmp_path, cache):
    root = project.make(tmp_path / "p", None, hash=hashlib.md5(CSV).hexdigest())
    assert check(root, cache=cache).exit_code == 0
    (root / PACKAGE_CSV).write_bytes(CSV.replace(b"page 3", b"p. 3"))
    [finding] = check(root, cache=cache).failures
    assert finding.code == "SC106" and f"the descriptor pins {hashlib.md5(CSV).hexdigest()}" in finding.message
