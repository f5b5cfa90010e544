"""The public API of sourcecheck.data: sorted, complete, and what the claims check uses."""

from __future__ import annotations

import types

import sourcecheck.data as data


def test_all_is_sorted_and_complete():
    public = {name for name in dir(data) if not name.startswith("_")
              and not isinstance(getattr(data, name), types.ModuleType) and name != "annotations"}
    assert data.__all__ == sorted(data.__all__)
    assert set(data.__all__) == public
    assert {"load_catalog", "validate", "Catalog", "Package", "Resource", "Record"} <= public
