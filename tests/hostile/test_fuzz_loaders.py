"""Hypothesis fuzzing of every loader: whatever the bytes, a loader returns (with
findings) or raises a SourcecheckError; it never raises anything else and never hangs.

Each loader is fed both random bytes and mutations of the example's real file (bytes
flipped, cut, repeated), since small damage to a valid file reaches deeper code than
noise does.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sourcecheck.errors import SourcecheckError

ROOT = Path(__file__).resolve().parents[2]
LEDGER = ROOT / "articles" / "russen-in-servie" / "claims.yaml"
ARTICLE = ROOT / "articles" / "russen-in-servie" / "article.nl.txt"
PACKAGE = ROOT / "datapackages" / "bcsp-2025"
SCHEMA = ROOT / "schemas" / "bcsp-2025.shares.yaml"

FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


def damaged(original: bytes) -> st.SearchStrategy[bytes]:
    """The original bytes with a few bytes replaced, a cut, or a slice repeated."""
    size = len(original)

    @st.composite
    def build(draw: st.DrawFn) -> bytes:
        data = bytearray(original)
        for _ in range(draw(st.integers(0, 4))):
            where = draw(st.integers(0, size - 1))
            data[where : where + 1] = draw(st.binary(min_size=0, max_size=4))
        if draw(st.booleans()):
            data = data[: draw(st.integers(0, len(data)))]
        if draw(st.booleans()) and data:
            start = draw(st.integers(0, len(data) - 1))
            data[start:start] = data[start : start + draw(st.integers(1, 64))] * draw(st.integers(1, 3))
        return bytes(data)

    return build()


def content(original: bytes) -> st.SearchStrategy[bytes]:
    texty = st.text(max_size=300).map(lambda t: t.encode("utf-8"))
    return st.one_of(st.binary(max_size=300), texty, damaged(original))


def _in_tmp(name: str, data: bytes) -> tuple[Path, tempfile.TemporaryDirectory]:
    folder = tempfile.TemporaryDirectory()
    path = Path(folder.name) / name
    path.write_bytes(data)
    return path, folder


@FUZZ
@given(content(LEDGER.read_bytes()))
def test_ledger_loader(data: bytes) -> None:
    from sourcecheck.ledger.load import load_ledger

    path, folder = _in_tmp("claims.yaml", data)
    with folder:
        try:
            load_ledger(path)
        except SourcecheckError as error:
            assert error.path is not None and error.message


@FUZZ
@given(content((PACKAGE / "datapackage.json").read_bytes()))
def test_descriptor_loader(data: bytes) -> None:
    """The whole catalog loads; a bad descriptor is a finding naming it."""
    from sourcecheck.sources.catalog import load_catalog

    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        shutil.copytree(PACKAGE, project / "datapackages" / "bcsp-2025")
        (project / "datapackages" / "bcsp-2025" / "datapackage.json").write_bytes(data)
        try:
            catalog = load_catalog(project)
        except SourcecheckError:
            return
        for finding in catalog.findings:
            assert finding.code.startswith("SC") and finding.message


@FUZZ
@given(content((PACKAGE / "shares.csv").read_bytes()))
def test_csv_reading(data: bytes) -> None:
    from sourcecheck.sources.table import check_csv

    descriptor = json.loads((PACKAGE / "datapackage.json").read_text(encoding="utf-8"))
    schema = next(r for r in descriptor["resources"] if r["name"] == "shares")["schema"]
    path, folder = _in_tmp("shares.csv", data)
    with folder:
        try:
            result = check_csv(path, schema, display="shares.csv", encoding="utf-8")
        except SourcecheckError:
            return
        for finding in result.findings:
            assert finding.path == "shares.csv"


@FUZZ
@given(content(SCHEMA.read_bytes()))
def test_pandera_schema_yaml(data: bytes) -> None:
    from sourcecheck.sources.schemas import SchemaFile, load_schema

    path, folder = _in_tmp("bcsp-2025.shares.yaml", data)
    with folder:
        loaded, finding = load_schema(SchemaFile(path, "bcsp-2025.shares.yaml", "bcsp-2025", "shares"))
        assert (loaded is None) == (finding is not None)
        if finding is not None:
            assert finding.code == "SC203"


@FUZZ
@given(content(ARTICLE.read_bytes()[:3000]), st.sampled_from(["nl", "en"]))
def test_article_reading_and_extract(data: bytes, lang: str) -> None:
    from sourcecheck.numbers import extract_file

    path, folder = _in_tmp(f"article.{lang}.txt", data)
    with folder:
        try:
            mentions = extract_file(path)
        except SourcecheckError as error:
            assert error.path is not None
            return
        text = path.read_text(encoding="utf-8")
        for mention in mentions:
            assert text[mention.start : mention.end] == mention.text


@FUZZ
@given(content((ROOT / "pyproject.toml").read_bytes()))
def test_pyproject_config(data: bytes) -> None:
    from sourcecheck.config import claims_config
    from sourcecheck.project import Project

    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "pyproject.toml").write_bytes(data)
        try:
            project = Project.load(folder)
            _ = project.lang  # reading the setting checks it
            claims_config(project)
        except SourcecheckError as error:
            assert error.path is not None and error.path.endswith("pyproject.toml")
