"""Resource paths stay inside their package folder; remote addresses are recognised."""

from __future__ import annotations

import os
import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sourcecheck.errors import UnsafePathError
from sourcecheck.sources.paths import is_remote, resolve_inside

NAME = st.text(alphabet=string.ascii_letters + string.digits + "-_ ", min_size=1, max_size=12)
SAFE = st.lists(NAME.filter(lambda part: part.strip() not in ("", ".", "..")),
                min_size=1, max_size=4).map("/".join)


@given(SAFE)
def test_a_relative_path_without_dot_dot_stays_inside(tmp_path_factory, reference):
    folder = tmp_path_factory.mktemp("package")
    resolved = resolve_inside(folder, reference)
    assert resolved.resolve().is_relative_to(folder.resolve())


@given(st.lists(SAFE, max_size=2), st.lists(SAFE, max_size=2))
def test_any_dot_dot_segment_is_refused(tmp_path_factory, before, after):
    folder = tmp_path_factory.mktemp("package")
    reference = "/".join([*before, "..", *after])
    with pytest.raises(UnsafePathError, match=r"\.\."):
        resolve_inside(folder, reference)


@pytest.mark.parametrize("reference", ["/etc/passwd", "C:\\data\\x.csv", "C:x.csv",
                                       "\\\\server\\share\\x.csv"])
def test_absolute_paths_are_refused(tmp_path, reference):
    with pytest.raises(UnsafePathError):
        resolve_inside(tmp_path, reference)


def test_a_symlink_is_followed_before_comparing(tmp_path):
    package = tmp_path / "package"
    package.mkdir()
    (tmp_path / "outside.csv").write_text("a\n", encoding="utf-8")
    os.symlink(tmp_path / "outside.csv", package / "inside.csv")
    with pytest.raises(UnsafePathError, match="symlink"):
        resolve_inside(package, "inside.csv")
    os.symlink(tmp_path, package / "up")
    with pytest.raises(UnsafePathError, match="symlink"):
        resolve_inside(package, "up/outside.csv")


def test_an_empty_path_is_refused(tmp_path):
    with pytest.raises(UnsafePathError):
        resolve_inside(tmp_path, "")


@pytest.mark.parametrize("reference", ["http://example.org/a.csv", "https://x.y/a.csv",
                                       "ftp://x/a.csv", "s3://bucket/a.csv", "HTTPS://X/A"])
def test_remote_addresses(reference):
    assert is_remote(reference)


@pytest.mark.parametrize("reference", ["a.csv", "data/a.csv", "C:/a.csv", "http.csv",
                                       "https-mirror/a.csv"])
def test_local_paths_are_not_remote(reference):
    assert not is_remote(reference)
